"""How far a careful reader of the text alone agrees with a set's labels, beside the engine.

    python bench/agreement.py                  # every set with a second labelling
    python bench/agreement.py --list           # and each error where the two disagree

A set's labels were written by its collector, who read the whole thread (the maintainers'
answer, the user's fix). ``corpus/agreement/SET.jsonl`` holds a second labelling of the
same errors by an annotator who saw only each error's text (shuffled, without the thread,
the labels or the tool) and docs/taxonomy.md. Scored the way the engine is scored (an
answer is right when it is the label or one of its ``alt_layers`` / ``alt_causes``), it
says how much of each label the text itself supports: a ceiling of sorts for any reader of
the text, the engine included. Printed beside it: the engine as it stands (fitted to sets
already in corpus/, so optimistic on those) and, where recorded, the engine's blind
figure on the set when it was collected.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import whichlayer
from accuracy import CORPUS, fail, load
from loso import _ok

AGREEMENT = CORPUS / "agreement"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    files = sorted(AGREEMENT.glob("*.jsonl"))
    if not files:
        fail(f"no second labelling in {AGREEMENT}")
    print(f"{'set':<9} {'n':>4}  {'text-only reader':>17}  {'engine now':>13}  {'both right':>10}")
    for path in files:
        labels = {row["id"]: row for row in load([CORPUS / f"{path.stem}.jsonl"])}
        second = load([path])
        if missing := [r["id"] for r in second if r["id"] not in labels]:
            fail(f"{path.name}: ids not in corpus/{path.stem}.jsonl: {', '.join(missing[:3])}")
        n = len(second)
        c: Counter[str] = Counter()
        for row in second:
            label = labels[row["id"]]
            r = _ok(label, row["layer"], row["cause"])
            d = whichlayer.explain(label["input"])
            e = _ok(label, None if d.layer is None else str(d.layer), str(d.cause))
            c.update(reader_l=r[0], reader_c=r[1], now_l=e[0], now_c=e[1], both=r[1] and e[1])
            if args.list and not r[1]:
                print(
                    f"    {row['id']}: label {label['layer']}/{label['cause']}, reader "
                    f"{row['layer']}/{row['cause']}"
                )
        pct = {k: f"{100 * v / n:.1f}" for k, v in c.items()}
        print(
            f"{path.stem:<9} {n:>4}  {pct['reader_l']:>7} / {pct['reader_c']:>6}  "
            f"{pct['now_l']:>5} / {pct['now_c']:>5}  {pct['both']:>9}%"
        )
    print(
        "\n(layer / cause; the engine is fitted to every set in corpus/, so its column is "
        "optimistic: the blind figures are in corpus/README.md)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
