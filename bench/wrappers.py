"""How stable a diagnosis is when the same error arrives in another wrapper.

    python bench/wrappers.py [CORPUS.jsonl ...] [--show KIND]

Real pastes carry the same error inside log prefixes, stack frames, traceback
heads, a relay's JSON body or a coding agent's "API Error:" line. For every
labelled error this re-diagnoses it in each wrapper and counts how often the
layer/cause changes, and how often a right layer turns wrong. Defaults to
corpus/dev.jsonl and bench/*.jsonl.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import whichlayer  # noqa: E402
from _inputs import require  # noqa: E402
from accuracy import load  # noqa: E402  (bench/accuracy.py, beside this file)

WRAPPERS: dict[str, Callable[[str], str]] = {
    "log prefix": lambda t: "2025-06-01 12:00:00,123 - app.llm - ERROR - " + t,
    "relay body": lambda t: json.dumps({"error": {"message": t, "type": "upstream_error"}}),
    "stack frames": lambda t: (
        t + "\n    at async Object.run (/app/node_modules/x/dist/index.js:12:5)"
        "\n    at async main (/app/index.js:3:1)"
    ),
    "traceback head": lambda t: (
        'Traceback (most recent call last):\n  File "/app/main.py", line 10, in <module>\n'
        "    resp = client.chat.completions.create(**kwargs)\n" + t
    ),
    "agent line": lambda t: t if t.lstrip().startswith("API Error") else "⎿  API Error: " + t,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", type=Path)
    parser.add_argument("--show", choices=sorted(WRAPPERS), help="list the layers it breaks")
    args = parser.parse_args()
    paths = args.corpus or [
        ROOT / "corpus" / "dev.jsonl",
        *sorted((ROOT / "bench").glob("*.jsonl")),
    ]
    if args.corpus:
        require(*paths)
    rows = load([p for p in paths if p.exists()])
    changed: Counter[str] = Counter()
    broke: Counter[str] = Counter()
    for row in rows:
        layers = [row["layer"], *row.get("alt_layers", [])]
        base = whichlayer.explain(row["input"])
        for name, wrap in WRAPPERS.items():
            d = whichlayer.explain(wrap(row["input"]))
            if (d.layer, d.cause) == (base.layer, base.cause):
                continue
            changed[name] += 1
            if str(base.layer) in layers and str(d.layer) not in layers:
                broke[name] += 1
                if name == args.show:
                    print(f"  {row['id']}: {base.layer}/{base.cause} -> {d.layer}/{d.cause}")
    print(f"n = {len(rows)} labelled errors, each re-diagnosed in {len(WRAPPERS)} wrappers")
    for name in WRAPPERS:
        print(
            f"  {name:<15} changed {changed[name]:>4}   right layer turned wrong {broke[name]:>3}"
        )


if __name__ == "__main__":
    main()
