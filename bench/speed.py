"""Speed of ``whichlayer explain`` (issue 2's bars), printed as figures.

    python bench/speed.py

1. Cold start: wall time of ``whichlayer explain "<one-line error>"`` against
   ``python3 -c pass`` on the same machine (bar: at most 10x).
2. Throughput: in-process diagnoses per second over the dev corpus (bar: >= 5,000/s).
3. The learned fallback: its first use (loading the weights) and its cost per diagnosis.
4. A 1 MB paste: time to diagnose (bar: < 200 ms).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import whichlayer  # noqa: E402
from _inputs import require  # noqa: E402

DEV = ROOT / "corpus" / "dev.jsonl"
ONE_LINE = (
    "openai.RateLimitError: Error code: 429 - {'error': {'message': 'Rate limit reached "
    "for gpt-4o on tokens per min (TPM): Limit 30000, Used 29000, Requested 2000.'}}"
)


def _wall(argv: list[str], runs: int) -> list[float]:
    times = []
    env = {**os.environ, "NO_COLOR": "1"}
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, env=env, check=True)
        times.append(time.perf_counter() - start)
    return times


def cold_start(runs: int = 20) -> None:
    script = Path(sys.executable).with_name("whichlayer")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "whichlayer"]
    _wall([sys.executable, "-c", "pass"], 3)  # warm the page cache
    base = _wall([sys.executable, "-c", "pass"], runs)
    ours = _wall([*command, "explain", ONE_LINE], runs)
    ratio = statistics.median(ours) / statistics.median(base)
    print(
        f"cold start: python -c pass {statistics.median(base) * 1000:.1f} ms, "
        f"whichlayer explain {statistics.median(ours) * 1000:.1f} ms (median of {runs}); "
        f"ratio {ratio:.1f}x (bar <= 10x)"
    )


def throughput(seconds: float = 3.0) -> None:
    if not DEV.exists():
        print(
            f"speed.py: cannot read {DEV}: no such file (labelled sets are in corpus/)",
            file=sys.stderr,
        )
        sys.exit(2)
    inputs = [json.loads(line)["input"] for line in DEV.read_text().splitlines() if line]
    for text in inputs:  # warm: compile patterns, import modules
        whichlayer.explain(text)
    count = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text in inputs:
            whichlayer.explain(text)
        count += len(inputs)
    rate = count / (time.perf_counter() - start)
    print(f"throughput: {rate:,.0f} diagnoses/s over {len(inputs)} dev inputs (bar >= 5,000/s)")


def fallback() -> None:
    """An input no rule decides: the learned fallback's first use (weights load) and after."""
    text = "you seem to have run out of funds on this account, sorry"
    start = time.perf_counter()
    d = whichlayer.explain(text)
    first = time.perf_counter() - start
    runs = 200
    start = time.perf_counter()
    for _ in range(runs):
        whichlayer.explain(text)
    each = (time.perf_counter() - start) / runs
    print(
        f"learned fallback ({d.facts[0].rule if d.facts else 'no model'}): first use "
        f"{first * 1000:.0f} ms (loads the weights), then {each * 1000:.2f} ms per diagnosis"
    )


def big_paste() -> None:
    line = '2025-01-01T00:00:00Z INFO worker {"k": "v", "n": [1, 2]} (x) [y] <z> req_abcdef\n'
    body = line * (1_000_000 // len(line))
    tail = (
        "Error code: 429 - {'error': {'message': 'Rate limit reached for gpt-4o on requests "
        "per min (RPM): Limit 3, Used 3, Requested 1.', 'type': 'requests'}}"
    )
    cases = {
        "log lines + error at the end": body + tail,
        "one JSON body of 1 MB": json.dumps({"error": {"message": "x" * 1_000_000}}),
        "brackets and quotes": ("{'[\"" * 250_000)[:1_000_000],
        "HTML page": "<html><title>502 Bad gateway</title>" + "<div>x</div>" * 80_000,
    }
    for name, text in cases.items():
        times = []
        for _ in range(5):
            start = time.perf_counter()
            whichlayer.explain(text)
            times.append(time.perf_counter() - start)
        print(
            f"1 MB paste ({name}, {len(text) / 1e6:.2f} MB): "
            f"{min(times) * 1000:.0f} ms best, {max(times) * 1000:.0f} ms worst (bar < 200 ms)"
        )


if __name__ == "__main__":
    require(DEV)
    cold_start()
    throughput()
    fallback()
    big_paste()
