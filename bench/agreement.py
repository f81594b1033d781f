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
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import whichlayer
from accuracy import CORPUS, fail, load

AGREEMENT = CORPUS / "agreement"


def right(label: dict[str, Any], layer: str | None, cause: str | None) -> tuple[bool, bool]:
    """Layer right, and layer and cause right, as every bench script scores an answer."""
    ok_layer = layer in [label["layer"], *label.get("alt_layers", [])]
    return ok_layer, ok_layer and cause in [label["cause"], *label.get("alt_causes", [])]


def engine(text: str) -> tuple[str | None, str]:
    d = whichlayer.explain(text)
    return (d.layer.value if d.layer else None), str(getattr(d.cause, "value", d.cause))


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
        reader = [0, 0]
        now = [0, 0]
        both = 0
        for row in second:
            label = labels[row["id"]]
            r = right(label, row["layer"], row["cause"])
            e = right(label, *engine(label["input"]))
            reader = [reader[0] + r[0], reader[1] + r[1]]
            now = [now[0] + e[0], now[1] + e[1]]
            both += r[1] and e[1]
            if args.list and not r[1]:
                print(
                    f"    {row['id']}: label {label['layer']}/{label['cause']}, reader "
                    f"{row['layer']}/{row['cause']}"
                )
        pct = [f"{100 * k / n:.1f}" for k in (*reader, *now)]
        print(
            f"{path.stem:<9} {n:>4}  {pct[0]:>7} / {pct[1]:>6}  {pct[2]:>5} / {pct[3]:>5}"
            f"  {100 * both / n:>9.1f}%"
        )
    print(
        "\n(layer / cause; the engine is fitted to every set in corpus/, so its column is "
        "optimistic: the blind figures are in corpus/README.md)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
