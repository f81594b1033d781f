"""``whichlayer simulate`` as a user runs it: list, refuse bad input, serve until SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx2

from whichlayer.simulate import list_scenarios

CMD = [sys.executable, "-m", "whichlayer", "simulate"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CMD, *args], capture_output=True, text=True, timeout=60, check=False)


def test_list_prints_every_scenario_of_every_dialect() -> None:
    out = _run("--list")
    assert out.returncode == 0, out.stderr
    for dialect in (
        "openai",
        "anthropic",
        "gemini",
        "azure",
        "relay:new-api",
        "relay:openrouter",
        "relay:litellm",
    ):
        assert f"{dialect}:" in out.stdout
        for scenario in list_scenarios(dialect):
            assert scenario.id in out.stdout


def test_bad_input_is_one_line_and_exit_2() -> None:
    for args in (
        ["--scenario", "nope"],
        ["--scenario-file", "/no/such/file.yaml"],
        ["--relay", "litellm", "--dialect", "openai"],
    ):
        out = _run(*args)
        assert out.returncode == 2, out
        assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def test_serves_until_sigterm() -> None:
    proc = subprocess.Popen(
        [*CMD, "--port", "0", "--scenario", "tpm"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        banner = [proc.stdout.readline()]
        while "Ctrl-C" not in banner[-1] and banner[-1]:
            banner.append(proc.stdout.readline())
        match = re.search(r"on (http://127\.0\.0\.1:\d+)", banner[0])
        assert match, banner
        url = match.group(1)
        r = httpx2.post(
            url + "/v1/chat/completions",
            json={"model": "gpt-4o-mini", "messages": []},
            headers={"Authorization": "Bearer sim-valid"},
            timeout=5,
        )
        assert r.status_code == 429 and "tokens per min (TPM)" in r.text
        time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
    assert proc.returncode == 0, err
    assert "sim-no_balance" in "".join(banner) and "stopped" in out


def test_a_scenario_file_names_its_dialect(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text("dialect: gemini\nsteps: [overloaded]\n")
    proc = subprocess.Popen(
        [*CMD, "--port", "0", "--scenario-file", str(f)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        assert "gemini on http://127.0.0.1:" in proc.stdout.readline()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=10)
    assert proc.returncode == 0


def test_a_scenario_file_with_an_unknown_id_is_refused_before_serving(tmp_path: Path) -> None:
    script = tmp_path / "retry.yaml"
    script.write_text("dialect: anthropic\nsteps:\n  - 503\n  - overloaded\n  - no_such_fault\n")
    started = time.monotonic()
    out = _run("--scenario-file", str(script), "--port", "0")
    assert out.returncode == 2, out
    assert "unknown scenario 'no_such_fault' for dialect anthropic" in out.stderr
    assert time.monotonic() - started < 30  # refused at once, not served
