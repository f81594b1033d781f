"""``whichlayer demo``: real failures diagnosed, no network, no keys."""

from __future__ import annotations

import os
import re
import subprocess
import sys


def test_demo_runs_fast_and_diagnoses_every_failure() -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    for name in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL"):
        env.pop(name, None)
    out = subprocess.run(
        [sys.executable, "-m", "whichlayer", "demo"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )
    # How long it takes is measured by bench/speed.py, not asserted here: a timed
    # assertion fails on a loaded machine and proves nothing about the code.
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    cases = re.findall(r"^(\d+)\. ", out.stdout, flags=re.M)
    assert cases == [str(n) for n in range(1, 9)], out.stdout
    assert out.stdout.count("   → ") == 8
    for headline in (
        "identity / key_invalid",
        "quota / insufficient_balance",
        "rate_limit / tpm",
        "request / context_length",
        "request / endpoint_mismatch",
        "upstream / overloaded",
        "network / read_timeout",
    ):
        assert headline in out.stdout, out.stdout
    # the relay's own key upstream is told apart from the caller's relay token
    assert "identity / upstream_key_invalid" in out.stdout, out.stdout
    assert "8 of 8 failures diagnosed" in out.stdout
    # every call went to loopback only
    assert re.findall(r"https?://(?!127\.0\.0\.1)[\w.-]+:\d+", out.stdout) == []
