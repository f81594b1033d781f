"""Live progress, failure details that say what happened, and verdicts that follow the
stage that failed; two tools with different keys for one platform."""

from __future__ import annotations

import json
import os
import pty
import select
import sys
import time
from pathlib import Path

from . import keysamples as ks
from .test_cli import whichlayer


def _hung(port: int) -> list[str]:
    return [
        "--base-url",
        f"http://127.0.0.1:{port}/v1",
        "--api-key-env",
        "T",
        "--model",
        "gpt-4o-mini",
        "--timeout",
        "3",
    ]


def test_piped_progress_shows_each_stage_as_it_starts_and_resolves(
    home: Path, cwd: Path, silent_listener: int
) -> None:
    proc = whichlayer(_hung(silent_listener), home, cwd, {"T": "sk-test"})
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    for stage in ("dns", "tcp", "route"):
        started = lines.index(f"cli: {stage} …")
        resolved = next(
            i
            for i, line in enumerate(lines)
            if line.startswith(f"cli: {stage} ") and not line.endswith("…")
        )
        assert started < resolved, stage
    route = next(line for line in lines if line.startswith("cli: route FAIL"))
    assert " ms " in route and "no answer within" in route


def test_timeout_detail_is_never_empty_and_the_verdict_follows_the_network(
    home: Path, cwd: Path, silent_listener: int
) -> None:
    proc = whichlayer([*_hung(silent_listener), "--json"], home, cwd, {"T": "sk-test"})
    assert proc.stderr == ""  # --json: nothing but the JSON
    (t,) = json.loads(proc.stdout)["targets"]
    for stage in t["stages"]:
        assert not stage["detail"].rstrip().endswith(":"), stage
    route = next(s for s in t["stages"] if s["name"] == "route")
    assert route["ok"] is False and "no answer within" in route["detail"]
    # the placeholder key is still shown, but it does not hide the hung server
    assert any(f["id"] == "K-PLACEHOLDER" for f in t["findings"])
    assert t["verdict"]["layer"] == "network" and t["verdict"]["stage"] in ("route", "auth")


def test_text_output_has_no_empty_detail(home: Path, cwd: Path, silent_listener: int) -> None:
    proc = whichlayer(_hung(silent_listener), home, cwd, {"T": "sk-test"})
    for line in proc.stdout.splitlines():
        assert not line.rstrip().endswith(":"), line
    assert "verdict: network/" in proc.stdout


def test_two_tools_sending_different_keys_to_one_platform_get_a_warning(
    home: Path, cwd: Path
) -> None:
    (home / ".claude").mkdir()
    settings = home / ".claude" / "settings.json"
    settings.write_text(json.dumps({"env": {"ANTHROPIC_API_KEY": ks.anthropic("settings")}}))
    env = {"ANTHROPIC_API_KEY": ks.anthropic("shell")}
    proc = whichlayer(["--offline", "--json"], home, cwd, env)
    by_client = {t["client"]: t for t in json.loads(proc.stdout)["targets"]}
    for client in ("anthropic-python", "claude-code"):
        found = [f for f in by_client[client]["findings"] if f["id"] == "K-DIVERGENT"]
        assert found and found[0]["severity"] == "warning", client
        other = "claude-code" if client == "anthropic-python" else "anthropic-python"
        assert other in found[0]["message"] and "api.anthropic.com" in found[0]["message"]
    assert ks.anthropic("settings") not in proc.stdout
    # the same key everywhere: no warning
    settings.write_text(json.dumps({"env": {"ANTHROPIC_API_KEY": ks.anthropic("shell")}}))
    proc = whichlayer(["--offline", "--json"], home, cwd, env)
    assert "K-DIVERGENT" not in proc.stdout


def test_live_display_on_a_terminal(home: Path, cwd: Path, silent_listener: int) -> None:
    """Through a real pseudo-terminal: rows with a running clock appear while the server
    hangs, then the final table."""
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.chdir(cwd)
        env = {
            "HOME": str(home),
            "PATH": os.environ.get("PATH", ""),
            "TERM": "xterm",
            "COLUMNS": "100",
            "T": "sk-test",
            "WHICHLAYER_REDACT_KEY": "test",
        }
        os.execve(
            sys.executable,
            [sys.executable, "-m", "whichlayer", "check", *_hung(silent_listener)],
            env,
        )
    out = b""
    end = time.monotonic() + 30
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 1
    text = out.decode("utf-8", "replace")
    assert "\x1b[" in text  # a live display redraws
    assert "route" in text and " s" in text
    assert text.index("…") < text.index("verdict: network/")
