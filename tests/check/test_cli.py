"""``whichlayer check`` as a user runs it: a temporary HOME, real files, a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from whichlayer.simulate import SimServer

from . import keysamples as ks

pytestmark = pytest.mark.filterwarnings(
    "ignore:shutdown_timeout should be set on BaseRunner:DeprecationWarning"
)

TARGET_KEYS = {
    "client",
    "base_url",
    "protocol",
    "model",
    "model_source",
    "key",
    "stages",
    "findings",
    "verdict",
}
STAGE_NAMES = {"config", "dns", "tcp", "tls", "proxy", "route", "auth", "generate"}


def whichlayer(
    args: list[str], home: Path, cwd: Path, env: dict[str, str] | None = None, timeout: float = 30
) -> subprocess.CompletedProcess[str]:
    base = {
        "HOME": str(home),
        "PATH": os.environ.get("PATH", ""),
        "NO_COLOR": "1",
        "WHICHLAYER_REDACT_KEY": "test",
        "WHICHLAYER_NO_STATUS": "1",  # tests reach 127.0.0.1 only
    }
    return subprocess.run(
        [sys.executable, "-m", "whichlayer", "check", *args],
        cwd=cwd,
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def targets(proc: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    data = json.loads(proc.stdout)
    assert set(data) == {"targets"}
    for t in data["targets"]:
        assert set(t) == TARGET_KEYS
        assert set(t["key"]) >= {"source", "fingerprint", "shadowed"}
        for s in t["stages"]:
            assert s["name"] in STAGE_NAMES and set(s) >= {"name", "ok", "ms", "detail"}
        for f in t["findings"]:
            assert set(f) >= {"id", "layer", "cause", "message", "fix"}
        assert t["verdict"] is None or set(t["verdict"]) >= {"layer", "cause", "origin"}
    return list(data["targets"])


def test_shell_dotenv_and_claude_settings_disagree(home: Path, cwd: Path) -> None:
    """The 'done when' case: each tool's key, where it came from, what it shadows."""
    (home / ".claude").mkdir()
    (home / ".claude" / "settings.json").write_text(
        json.dumps({"env": {"ANTHROPIC_API_KEY": ks.anthropic("settings")}})
    )
    (cwd / ".env").write_text(f'ANTHROPIC_API_KEY="{ks.anthropic("dotenv")}"\n')
    (home / ".aider.conf.yml").write_text("model: sonnet\n")
    env = {"ANTHROPIC_API_KEY": ks.anthropic("shell") + "\n"}
    proc = whichlayer(["--offline", "--json"], home, cwd, env)
    assert proc.returncode == 1, proc.stderr  # the shell key has a trailing newline
    by_client = {t["client"]: t for t in targets(proc)}
    sdk, claude, aider = (
        by_client[c] for c in ("anthropic-python", "claude-code", "aider:anthropic")
    )
    assert sdk["key"]["source"] == "shell: ANTHROPIC_API_KEY"
    assert sdk["verdict"]["cause"] == "key_malformed"
    assert any(f["id"] == "K-NEWLINE" for f in sdk["findings"])
    assert claude["key"]["source"] == "~/.claude/settings.json env: ANTHROPIC_API_KEY"
    assert claude["key"]["shadowed"] == ["shell: ANTHROPIC_API_KEY"] and claude["verdict"] is None
    assert aider["key"]["source"].startswith("~/project/.env")
    # three different keys, three different fingerprints, no key in clear
    assert len({t["key"]["fingerprint"] for t in (sdk, claude, aider)}) == 3
    for seed in ("settings", "dotenv", "shell"):
        assert ks.anthropic(seed) not in proc.stdout
        assert ks.anthropic(seed)[20:60] not in proc.stdout


def test_text_output_has_a_table_and_a_verdict(home: Path, cwd: Path) -> None:
    proc = whichlayer(["--offline"], home, cwd, {"OPENAI_API_KEY": ks.openrouter()})
    assert proc.returncode == 1
    out = proc.stdout
    assert "stage" in out and "result" in out and "config" in out
    assert "verdict: identity/key_wrong_platform" in out
    assert ks.openrouter() not in out


def test_nothing_found(home: Path, cwd: Path) -> None:
    proc = whichlayer(["--offline"], home, cwd)
    assert proc.returncode == 0 and "No client configuration found" in proc.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--client", "nope"],
        ["--timeout", "0"],
        ["--api-key", "x", "--api-key-env", "Y"],
        ["--protocol", "soap"],
    ],
)
def test_usage_errors_exit_2(home: Path, cwd: Path, args: list[str]) -> None:
    proc = whichlayer(args, home, cwd)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_healthy_simulator_exits_0(home: Path, cwd: Path) -> None:
    with SimServer(dialect="openai") as sim:
        env = {"SIM_KEY": sim.keys["valid"]}
        proc = whichlayer(
            [
                "--base-url",
                sim.base_url(),
                "--api-key-env",
                "SIM_KEY",
                "--model",
                "gpt-4o-mini",
                "--json",
            ],
            home,
            cwd,
            env,
        )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (t,) = targets(proc)
    assert t["client"] == "cli" and t["verdict"] is None and t["model"] == "gpt-4o-mini"
    assert [s["name"] for s in t["stages"]] == [
        "config",
        "proxy",
        "dns",
        "tcp",
        "route",
        "auth",
        "generate",
    ]
    assert sim.keys["valid"] not in proc.stdout


def test_claude_code_against_a_failing_gateway(home: Path, cwd: Path) -> None:
    with SimServer(dialect="anthropic", scenario="overloaded") as sim:
        (home / ".claude").mkdir()
        (home / ".claude" / "settings.json").write_text(
            json.dumps(
                {
                    "env": {
                        "ANTHROPIC_BASE_URL": sim.base_url(),
                        "ANTHROPIC_API_KEY": sim.keys["valid"],
                    },
                    "model": "claude-haiku-4-5",
                }
            )
        )
        proc = whichlayer(["--client", "claude-code", "--json"], home, cwd)
    assert proc.returncode == 1
    (t,) = targets(proc)
    assert t["verdict"]["layer"] == "upstream" and t["verdict"]["cause"] == "overloaded"
    assert t["base_url"]["source"] == "~/.claude/settings.json env: ANTHROPIC_BASE_URL"


def test_codex_custom_provider_against_the_relay(home: Path, cwd: Path) -> None:
    with SimServer(dialect="relay") as sim:
        (home / ".codex").mkdir()
        (home / ".codex" / "config.toml").write_text(
            f'model = "gpt-4o-mini"\nmodel_provider = "relay"\n[model_providers.relay]\n'
            f'base_url = "{sim.base_url()}"\nenv_key = "RELAY_KEY"\nwire_api = "responses"\n'
        )
        proc = whichlayer(
            ["--client", "codex", "--json", "--no-generate"],
            home,
            cwd,
            {"RELAY_KEY": sim.keys["valid"]},
        )
    (t,) = targets(proc)
    assert t["client"] == "codex:relay" and t["protocol"] == "responses"
    assert t["key"]["source"] == "shell: RELAY_KEY"
    stages = {s["name"]: s for s in t["stages"]}
    assert stages["auth"]["ok"] is True and stages["generate"]["ok"] is None
    assert proc.returncode == 0, proc.stdout


def test_deadline_bounds_the_whole_command(
    home: Path, cwd: Path, blackhole_port: int, silent_listener: int
) -> None:
    (home / ".claude").mkdir()
    (home / ".claude" / "settings.json").write_text(
        json.dumps(
            {
                "env": {
                    "ANTHROPIC_BASE_URL": f"http://127.0.0.1:{silent_listener}",
                    "ANTHROPIC_API_KEY": ks.anthropic(),
                }
            }
        )
    )
    env = {"OPENAI_API_KEY": ks.relay(), "OPENAI_BASE_URL": f"http://127.0.0.1:{blackhole_port}/v1"}
    start = time.monotonic()
    proc = whichlayer(["--json", "--timeout", "1.5"], home, cwd, env)
    elapsed = time.monotonic() - start
    assert elapsed < 1.5 + 3.0  # interpreter start-up plus the deadline; unbounded, it hangs
    by_client = {t["client"]: t for t in targets(proc)}
    assert by_client["openai-python"]["verdict"]["cause"] == "connect_timeout"
    assert by_client["claude-code"]["verdict"]["cause"] == "read_timeout"
    assert proc.returncode == 1


def test_cli_client_list_matches_the_library() -> None:
    from whichlayer.check import client_names
    from whichlayer.cli.check import CLIENTS

    assert list(CLIENTS) == client_names()


def test_building_the_parser_does_not_import_check() -> None:
    code = (
        "import sys; from whichlayer.cli import build_parser; build_parser(); "
        "print('whichlayer.check' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert out.stdout.strip() == "False", out.stderr


def test_cli_protocols_match_the_library() -> None:
    from whichlayer.check.model import PROTOCOLS as LIB
    from whichlayer.cli.check import PROTOCOLS

    assert PROTOCOLS == LIB
