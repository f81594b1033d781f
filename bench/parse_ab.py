"""The parse stage of two checkouts, run alternately, as CPU microseconds per input.

    python bench/parse_ab.py OTHER_CHECKOUT [--pairs N]

Reads every dev input (``corpus/dev.jsonl``) with ``whichlayer.parse.read`` of this
checkout and of ``OTHER_CHECKOUT`` (for example ``/work/main``), each in a fresh
interpreter, the two alternately ``N`` times (default 6); each figure is the best of 25
rounds in CPU time, so a shared machine's load moves it less than wall time would. Prints
each pair and the median difference.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_ONE = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from whichlayer.parse import read
texts = [json.loads(line)["input"] for line in open(sys.argv[2], encoding="utf-8")]
texts = [t if isinstance(t, str) else json.dumps(t) for t in texts]
for x in texts:
    read(x)
best = 1e9
for _ in range(25):
    t = time.process_time()
    for x in texts:
        read(x)
    best = min(best, time.process_time() - t)
print(best / len(texts) * 1e6)
"""


def _one(src: Path) -> float:
    out = subprocess.run(
        [sys.executable, "-c", _ONE, str(src), str(ROOT / "corpus" / "dev.jsonl")],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return float(out.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("other", type=Path, help="the other checkout (its src/ is read)")
    parser.add_argument("--pairs", type=int, default=6)
    args = parser.parse_args()
    if not (args.other / "src" / "whichlayer").is_dir():
        print(f"parse_ab: no src/whichlayer under {args.other}", file=sys.stderr)
        return 2
    diffs = []
    for _ in range(args.pairs):
        other, ours = _one(args.other / "src"), _one(ROOT / "src")
        diffs.append(ours - other)
        print(f"other {other:6.1f} us   this {ours:6.1f} us   difference {ours - other:+5.1f} us")
    print(f"median difference {statistics.median(diffs):+.1f} us per input")
    return 0


if __name__ == "__main__":
    sys.exit(main())
