"""Machine instructions per diagnosis in steady state, counted by valgrind: a speed figure a
shared machine's load does not move (wall time on a busy machine varies by a third from one
minute to the next; the instruction count of the same work does not vary at all).

    python bench/instructions.py [--passes K] [--against CHECKOUT ...]
    python bench/instructions.py --first-pass [--against CHECKOUT ...]

Runs ``whichlayer.explain`` over the dev corpus (``corpus/dev.jsonl``, the inputs
``bench/speed.py`` times) under ``valgrind --tool=cachegrind``: once with ``WARM`` passes
(imports, compiled patterns, the keyword automata, the learned fallback's rows: everything
made once), once with ``WARM + K``; the difference over ``K`` passes is the steady-state cost
per diagnosis. Each checkout's code is imported from ``<checkout>/src``. Instructions are
not time (a cache miss costs a hundred of them), but a change that removes work shows here
exactly. Needs valgrind (``apt-get install valgrind``).

``--first-pass``: the first judgement of many distinct texts, as ``whichlayer scan`` makes
it (``bench/speed.py --first-pass`` times the same): every distinct labelled input
(``corpus/*.jsonl``, cut to 2,000 characters) judged by ``whichlayer._explain.verdict``, in
a process that has judged nothing yet. Counted with 0, 1 and 2 passes: the first pass's
instructions per text (the modules the first judgement imports, the patterns it compiles,
the model it loads) and the second's (the steady state).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _inputs import require
from _timing import FIRST_PASS_PYCACHE, child_env

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "corpus" / "dev.jsonl"
BENCH = ROOT / "bench"
WARM = 4

#: The child: import, ``passes`` passes over the inputs, then exit at once (the
#: interpreter's own shutdown, a full collection of every object, is not counted).
_CHILD = """
import json, os, sys
import whichlayer
inputs = [json.loads(line)["input"] for line in open(sys.argv[1]) if line.strip()]
for _ in range(int(sys.argv[2])):
    for text in inputs:
        whichlayer.explain(text)
sys.stdout.flush()
os._exit(0)
"""


#: The child of ``--first-pass``: the distinct texts of every labelled corpus, judged as a
#: scan judges them, ``passes`` times.
_CHILD_FIRST = """
import os, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from _inputs import distinct_texts
texts = distinct_texts(Path(sys.argv[1]).parent)
from whichlayer._explain import verdict
for _ in range(int(sys.argv[2])):
    for text in texts:
        verdict(text)
sys.stdout.write(str(len(texts)))
sys.stdout.flush()
os._exit(0)
"""


def _refs(src: Path, passes: int, child: str = _CHILD) -> tuple[int, str]:
    """Instructions (valgrind's "I refs") of ``passes`` passes with ``src``'s code, and
    what the child printed."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    if child is _CHILD_FIRST:
        # the first pass imports modules: their bytecode read from one cache of its own,
        # written by a plain run first (a checkout's stale or missing cache would count its
        # modules' compilation)
        env = child_env(src, FIRST_PASS_PYCACHE)
        subprocess.run(
            [sys.executable, "-c", child, str(DEV), "1", str(BENCH)],
            env=env,
            capture_output=True,
            timeout=300,
            check=False,
        )
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [
                "valgrind",
                "--tool=cachegrind",
                "--cache-sim=no",
                f"--cachegrind-out-file={Path(tmp) / 'cg.out'}",
                sys.executable,
                "-c",
                child,
                str(DEV),
                str(passes),
                str(BENCH),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=900,
            check=False,
        )
    found = re.search(r"I\s+refs:\s+([\d,]+)", out.stderr)
    if out.returncode != 0 or found is None:
        tail = (out.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"instructions.py: valgrind run failed: {tail}", file=sys.stderr)
        sys.exit(2)
    return int(found.group(1).replace(",", "")), out.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=3, help="passes counted (default 3)")
    parser.add_argument(
        "--against", action="append", default=[], help="another checkout to count as well"
    )
    parser.add_argument(
        "--first-pass",
        action="store_true",
        help="the first judgement of every distinct corpus text, as a scan makes it",
    )
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("instructions.py: valgrind not found (apt-get install valgrind)", file=sys.stderr)
        sys.exit(2)
    require(DEV)
    count = sum(1 for line in DEV.read_text().splitlines() if line.strip())
    checkouts = [ROOT, *(Path(c).resolve() for c in args.against)]
    for checkout in checkouts:
        if not (checkout / "src" / "whichlayer").is_dir():
            print(f"instructions.py: no src/whichlayer under {checkout}", file=sys.stderr)
            sys.exit(2)
    if args.first_pass:
        first_pass(checkouts)
        return
    figures = {}
    for checkout in checkouts:
        base = _refs(checkout / "src", WARM)[0]
        more = _refs(checkout / "src", WARM + args.passes)[0]
        figures[str(checkout)] = (more - base) / (args.passes * count)
    first = figures[str(ROOT)]
    for name, each in figures.items():
        versus = "" if name == str(ROOT) else f" (this checkout: {(first / each - 1) * 100:+.1f}%)"
        print(f"{name}: {each:,.0f} instructions per diagnosis in steady state{versus}")
    print(json.dumps({"passes": args.passes, "warm": WARM, "inputs": count}))


def first_pass(checkouts: list[Path]) -> None:
    """``--first-pass``: each checkout's first and second pass, per distinct text."""
    figures = {}
    for checkout in checkouts:
        none, _ = _refs(checkout / "src", 0, _CHILD_FIRST)
        one, count = _refs(checkout / "src", 1, _CHILD_FIRST)
        two, _ = _refs(checkout / "src", 2, _CHILD_FIRST)
        texts = int(count)
        figures[str(checkout)] = ((one - none) / texts, (two - one) / texts, texts)
    first = figures[str(ROOT)]
    for name, (each, again, texts) in figures.items():
        versus = ""
        if name != str(ROOT):
            versus = f" (this checkout: first pass {(first[0] / each - 1) * 100:+.1f}%)"
        print(
            f"{name}: first pass over {texts:,} distinct texts {each:,.0f} instructions per "
            f"text, second pass {again:,.0f}{versus}"
        )


if __name__ == "__main__":
    main()
