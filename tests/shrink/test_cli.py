"""``whichlayer shrink`` as a user runs it: a process, a file or a pasted curl, real HTTP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.shrink.agent import openai_agent

from whichlayer.simulate import SimServer


def _run(args: list[str], stdin: str | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    full = {**os.environ, "NO_COLOR": "1", **(env or {})}
    full.pop("OPENAI_API_KEY", None)
    full.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "whichlayer", "shrink", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=100,
        env=full,
        check=False,
    )


def test_done_when_from_the_command_line(sim: SimServer, tmp_path: Path) -> None:
    body = openai_agent(tools=60, messages=200, bad_tool=17)
    body["messages"][1]["content"][0]["text"] = "my secret plan: sk-proj-" + "a1B2" * 12
    request = tmp_path / "body.json"
    request.write_text(json.dumps(body))
    out = tmp_path / "minimal.json"
    proc = _run(
        ["--request", str(request), "--base-url", sim.base_url("openai"), "--api-key-env", "K",
         "-o", str(out)],
        env={"K": "sim-valid"},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "will send at most 40 requests" in proc.stderr
    text = proc.stdout
    assert "request/tool_schema (HTTP 400)" in text
    assert "fails only when tools[17] (tool_017) is present" in text
    assert "uses oneOf at properties.filter" in text
    sent = int(text.split("Requests  ")[1].split()[0])
    assert sent <= 12
    assert "Closest passing neighbour" in text
    written = json.loads(out.read_text())
    assert written["tools"][0]["function"]["name"] == "tool_017"
    assert "a1B2a1B2" not in out.read_text() + text


def test_json_output_has_exactly_the_issue_keys(sim: SimServer, tmp_path: Path) -> None:
    body = openai_agent(tools=8, messages=6, bad_tool=5)
    request = tmp_path / "b.json"
    request.write_text(json.dumps(body))
    proc = _run(
        ["--request", str(request), "--base-url", sim.base_url("openai"), "--json"],
        env={"OPENAI_API_KEY": "sim-valid"},
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == {"signature", "culprits", "minimal", "passing_neighbour", "requests_sent"}
    assert data["signature"]["layer"] == "request" and data["signature"]["cause"] == "tool_schema"
    assert data["culprits"][0]["path"] == "tools[5]" and "oneOf" in data["culprits"][0]["why"]
    assert data["requests_sent"] <= 12
    # prompts are masked unless --include-prompt
    assert "[prompt:" in json.dumps(data["minimal"]) or "text" not in json.dumps(data["minimal"])


def test_a_pasted_curl_command_on_stdin(sim: SimServer) -> None:
    body = {
        "model": "claude-haiku-4-5",
        "max_tokens": 50,
        "temperature": 0.5,
        "thinking": {"type": "enabled", "budget_tokens": 1024},
        "system": "be brief",
        "messages": [{"role": "user", "content": "it's fine"}],
    }
    payload = json.dumps(body).replace("'", "'\\''")
    curl = (
        f"curl -sS {sim.url}/v1/messages \\\n"
        "  -H 'x-api-key: sim-valid' -H 'anthropic-version: 2023-06-01' \\\n"
        f"  -H 'content-type: application/json' -d '{payload}'"
    )
    proc = _run(["--request", "-", "--include-prompt"], stdin=curl)
    assert proc.returncode == 0, proc.stderr
    assert "messages request" in proc.stderr
    assert "fails only with temperature set for claude-haiku-4-5" in proc.stdout


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (["--request", "/nonexistent/x.json"], None, "cannot read"),
        (["--request", "-"], "not json", "not JSON"),
        (["--request", "-"], "[1, 2]", "must be a JSON object"),
        (["--request", "-"], "curl -X POST", "no URL"),
        (["--request", "-", "--max-requests", "1"], "{}", "--max-requests"),
        (["--request", "-"], '{"model": "gpt-4o", "messages": []}', "no API key"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], stdin: str | None, words: str) -> None:
    proc = _run(args, stdin=stdin)
    assert proc.returncode == 2, proc.stderr
    assert words in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_help_ends_with_examples() -> None:
    proc = _run(["--help"])
    assert proc.returncode == 0
    tail = proc.stdout.strip().splitlines()[-3:]
    assert all(line.strip().startswith(("whichlayer shrink", "pbpaste")) for line in tail)


def test_import_stays_lazy_and_the_name_is_callable() -> None:
    code = (
        "import sys, whichlayer; assert 'whichlayer.shrink' not in sys.modules;"
        "import whichlayer.shrink.shape; assert callable(whichlayer.shrink);"
        "print(whichlayer.shrink.shrink is whichlayer.shrink.core.shrink)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "True"
