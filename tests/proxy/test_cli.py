"""The command: `-- COMMAND`, `log`, `report --from-proxy`, and one-line usage errors."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from whichlayer.cli import main
from whichlayer.simulate import SimServer

SCRIPT = textwrap.dedent(
    """
    import os, sys, openai
    print("base", os.environ["OPENAI_BASE_URL"], os.environ["ANTHROPIC_BASE_URL"])
    client = openai.OpenAI(api_key=sys.argv[1], max_retries=0)
    hi = [{"role": "user", "content": "hi"}]
    client.chat.completions.create(model="gpt-4o-mini", messages=hi)
    try:
        client.chat.completions.create(model="gpt-4o-mini", messages=hi,
                                       extra_headers={"x-sim-scenario": "context_length"})
    except openai.BadRequestError:
        sys.exit(3)
    """
)


@pytest.fixture(scope="module")
def sim() -> object:
    with SimServer("openai") as server:
        yield server


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "whichlayer", *args], capture_output=True, text=True, timeout=60
    )


def test_command_runs_through_the_proxy_and_failures_are_summarised(
    sim: SimServer, tmp_path: Path
) -> None:
    script = tmp_path / "agent.py"
    script.write_text(SCRIPT)
    store = tmp_path / "s.db"
    done = _run(
        "proxy",
        "--to",
        sim.url,
        "--store",
        str(store),
        "--",
        sys.executable,
        str(script),
        sim.keys["valid"],
    )
    assert done.returncode == 3, done.stderr  # the command's own exit code
    base = done.stdout.split()[1]
    assert base.startswith("http://127.0.0.1:") and base.endswith("/v1")
    err = done.stderr
    assert "whichlayer proxy: 2 requests, 1 failed:" in err
    assert "request/context_length origin upstream, retry never" in err
    assert sim.keys["valid"] not in err

    log = _run("proxy", "log", "--store", str(store))
    assert log.returncode == 0
    lines = log.stdout.splitlines()
    assert len(lines) == 2 and "✓ #1" in lines[0] and "✗ #2" in lines[1]
    failures = _run("proxy", "log", "--store", str(store), "--failures", "--json")
    import json

    rows = json.loads(failures.stdout)
    assert [r["cause"] for r in rows] == ["context_length"]

    report = _run("report", "--from-proxy", "2", "--store", str(store), "--no-clis")
    assert report.returncode == 0, report.stderr
    assert "`request / context_length`" in report.stdout
    assert "## Recorded by `whichlayer proxy`" in report.stdout
    assert rows[0]["request_ids"][0]["value"] in report.stdout


def test_named_provider_prints_only_its_clients_variables(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from whichlayer.cli.proxy import banner
    from whichlayer.proxy import ProxyServer

    server = ProxyServer("anthropic", port=4321, store="/nonexistent/x.db")
    text = banner(server, "anthropic")
    assert "export ANTHROPIC_BASE_URL=http://127.0.0.1:4321 " in text
    assert "OPENAI_BASE_URL" not in text and "-> https://api.anthropic.com" in text
    relay = ProxyServer("https://relay.example/v1", port=4321, store="/nonexistent/x.db")
    text = banner(relay, None)
    assert "export OPENAI_BASE_URL=http://127.0.0.1:4321 " in text  # /v1 already upstream
    assert "GOOGLE_GEMINI_BASE_URL" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["proxy", "--to", "ftp://x"], "--to must be an http(s) URL"),
        (["proxy"], "--to is required"),
        (["proxy", "--to", "openai", "oops"], "put `--` before a command"),
        (["proxy", "log", "--store", "/nonexistent/s.db"], "no store at"),
        (["report", "--from-proxy", "7", "--store", "/nonexistent/s.db"], "no proxy store at"),
        (["proxy", "--to", "openai", "--", "/nonexistent/cmd"], "command not found"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    if args[-1] == "/nonexistent/cmd":
        args = [*args[:3], "--store", str(tmp_path / "s.db"), *args[3:]]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_help_ends_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["proxy", "--help"])
    out = capsys.readouterr().out.rstrip()
    assert out.splitlines()[-1].strip().startswith("whichlayer proxy log")
    assert 'whichlayer proxy -- claude -p "hi"' in out
