"""Canary secrets of every shape, in every carrier, never appear in any output.

Covers ``explain`` (text, --json, --markdown), ``report`` (Markdown, JSON) and
``check --json --offline``, in process through ``main([...])`` and in a
subprocess, as a user would run them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from whichlayer.cli import main
from whichlayer.redact import fingerprint
from whichlayer.redact._samples import SHAPE_ONLY_CARRIERS, canaries, carriers

C = canaries("cli-leak")
SHAPED = [
    "openai-legacy", "openai-project", "openai-svcacct", "openai-admin", "anthropic-api",
    "anthropic-admin", "anthropic-oauth", "google", "openrouter", "groq", "xai", "perplexity",
    "huggingface", "huggingface-org", "replicate", "aws-access-key-id", "bedrock-long",
    "bedrock-short", "relay", "jwt",
]  # fmt: skip
CONTEXTUAL = ["azure-classic", "azure-new", "aws-secret", "opaque-token"]
COMMANDS = [
    ["explain"],
    ["explain", "--json"],
    ["explain", "--markdown"],
    ["report", "--no-clis"],
    ["report", "--no-clis", "--json"],
]
CASES = [
    (shape, carrier)
    for shape in SHAPED + CONTEXTUAL
    for carrier in carriers("x")
    if shape in SHAPED or carrier not in SHAPE_ONLY_CARRIERS
]


def assert_no_leak(out: str, secret: str) -> None:
    assert secret not in out
    body = secret[len(fingerprint(secret).prefix) :]
    for i in range(len(body) - 9):
        assert body[i : i + 10] not in out, body[i : i + 10]


def _all_in_one_paste() -> tuple[str, list[str]]:
    """Every canary in every carrier, one multi-line paste, with a real error around it."""
    parts = ['Error code: 401 - {"error": {"message": "Incorrect API key provided", '
             '"type": "invalid_request_error", "code": "invalid_api_key"}}']  # fmt: skip
    planted = []
    for shape in SHAPED + CONTEXTUAL:
        for carrier, text in carriers(C[shape]).items():
            if shape in SHAPED or carrier not in SHAPE_ONLY_CARRIERS:
                parts.append(text)
        planted.append(C[shape])
    parts.append(f"contact {C['email']} · proxy http://bob:{C['password']}@proxy.corp:3128")
    parts.append(f"Cookie: session={C['cookie-value']}")
    return "\n".join(parts), [*planted, C["email"], C["password"], C["cookie-value"]]


@pytest.mark.parametrize(("shape", "carrier"), CASES)
def test_in_process_outputs(shape: str, carrier: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = carriers(C[shape])[carrier]
    for command in COMMANDS:
        assert main([*command, text]) == 0
        captured = capsys.readouterr()
        assert_no_leak(captured.out + captured.err, C[shape])


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_subprocess_outputs(command: list[str], tmp_path: Path) -> None:
    paste, planted = _all_in_one_paste()
    env = {**os.environ, "WHICHLAYER_REDACT_KEY": "tests-report", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "whichlayer", *command, "-"],
        input=paste, capture_output=True, text=True, timeout=60, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
    for secret in planted:
        assert_no_leak(done.stdout + done.stderr, secret)


def _check_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith(("_API_KEY", "_TOKEN", "_PROXY"))}
    env.update({
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "WHICHLAYER_REDACT_KEY": "tests-report",
        "OPENAI_API_KEY": C["openai-project"],
        "OPENAI_BASE_URL": f"https://u:{C['password']}@relay.test/v1",
        "ANTHROPIC_API_KEY": C["anthropic-api"],
        "ANTHROPIC_AUTH_TOKEN": C["anthropic-oauth"],
        "GEMINI_API_KEY": C["google"],
        "GROQ_API_KEY": C["groq"],
        "XAI_API_KEY": C["xai"],
        "OPENROUTER_API_KEY": C["openrouter"],
        "AZURE_OPENAI_API_KEY": C["azure-classic"],
        "AZURE_OPENAI_ENDPOINT": "https://res.openai.azure.com",
        "AWS_ACCESS_KEY_ID": C["aws-access-key-id"],
        "AWS_SECRET_ACCESS_KEY": C["aws-secret"],
        "AWS_BEARER_TOKEN_BEDROCK": C["bedrock-long"],
        "HTTPS_PROXY": f"http://bob:{C['password']}@proxy.corp:3128",
    })  # fmt: skip
    return env


CHECK_SECRETS = [
    "openai-project", "password", "anthropic-api", "anthropic-oauth", "google", "groq", "xai",
    "openrouter", "azure-classic", "aws-access-key-id", "aws-secret", "bedrock-long", "relay",
]  # fmt: skip


def test_check_json_offline_and_report_from_it(tmp_path: Path) -> None:
    check_cli = Path(__file__).resolve().parents[2] / "src" / "whichlayer" / "cli" / "check.py"
    if not check_cli.exists():
        pytest.skip("src/whichlayer/cli/check.py does not exist yet (written by another helper)")
    home = tmp_path / "home"
    (home / ".claude").mkdir(parents=True)
    (home / ".claude" / "settings.json").write_text(
        json.dumps({"env": {"ANTHROPIC_API_KEY": C["anthropic-admin"]}})
    )
    (tmp_path / ".env").write_text(f"OPENAI_API_KEY={C['openai-svcacct']}\n")
    env = _check_env(home)
    command = [sys.executable, "-m", "whichlayer", "check", "--json", "--offline"]
    runs = [command, [*command, "--api-key", C["relay"], "--base-url", "https://relay.test/v1"]]
    outputs = []
    for argv in runs:
        done = subprocess.run(
            argv, capture_output=True, text=True, timeout=90, env=env, cwd=tmp_path, check=False
        )
        assert done.stdout.strip(), done.stderr
        json.loads(done.stdout)
        outputs.append(done.stdout + done.stderr)
        saved = tmp_path / "check.json"
        saved.write_text(done.stdout)
        report = subprocess.run(
            [sys.executable, "-m", "whichlayer", "report", "--from", str(saved), "--no-clis"],
            capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path, check=False,
        )  # fmt: skip
        assert report.returncode == 0, report.stderr
        outputs.append(report.stdout + report.stderr)
    planted = [C[s] for s in CHECK_SECRETS] + [C["anthropic-admin"], C["openai-svcacct"]]
    for out in outputs:
        for secret in planted:
            assert_no_leak(out, secret)
