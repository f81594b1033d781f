"""bench/retry.py runs, and the policy that whichlayer.retry ships meets the issue's bars in it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "retry.py"


def test_the_benchmark_table_and_the_bars() -> None:
    out = subprocess.run(
        [sys.executable, str(BENCH)], capture_output=True, text=True, timeout=100, check=True
    ).stdout
    rows = [line for line in out.splitlines() if line.startswith("| (")]
    assert len(rows) == 25  # 5 scenarios x 5 policies
    bars = out.split("ours against the bars:")[1].strip().splitlines()
    assert len(bars) == 7
    assert all(line.endswith("PASS") for line in bars), out
    # the comparison is real: the SDK default retries early under Retry-After: 90
    sdk_ra90 = next(r for r in rows if r.startswith("| (d) ra90 | SDK default |"))
    early = int(sdk_ra90.split("|")[10])
    assert early > 0


def test_bad_arguments_are_one_line_errors() -> None:
    r = subprocess.run(
        [sys.executable, str(BENCH), "--requests", "10"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert r.returncode == 2 and "at least 500" in r.stderr
