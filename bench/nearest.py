"""Would a near-duplicate memory beat the learned fallback on errors it never saw?

    python bench/nearest.py

For every set recorded blind (bench/blind_rules.jsonl), in bench/blind.py's folds of whole
sets (the two newest together), each held-out error's nearest labelled training error (and
documentation example) by cosine over the model's own hashed features, beside the held-out
model's reading (bench/blind.py's, cached): at each similarity bar, how many errors reach
it and how many layers / causes the model and the nearest neighbour get right there.
A memory is worth shipping only where the neighbour beats the model. Needs the ``train``
extra (numpy, scipy). Measured after fresh31: never (docs/engine.md).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import blind as B
import train as T
from accuracy import all_sets, load
from loso import _ok, collected_order

BARS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)


def main() -> int:
    rows = load(all_sets())
    recs = [json.loads(line) for line in B.BLIND.read_text(encoding="utf-8").splitlines()]
    held = collected_order(sorted({r["set"] for r in recs}))
    preds = B.predictions(rows, held, T.C_LAYER, T.C_CAUSE, T.DOC_WEIGHT)
    docs = T.doc_rows(rows)
    every: list[dict[str, Any]] = rows + docs
    feats = T.featurise(rows) + T.featurise(docs)
    every_feature = sorted(set().union(*feats))  # all of them: no pruning for a memory
    x = T._matrix(feats, {f: i for i, f in enumerate(every_feature)})
    newest = set(held[-2:])
    counts = {bar: Counter[str]() for bar in BARS}
    for fold in B.folds(held):
        test = [i for i, r in enumerate(rows) if r["set"] in fold]
        train = [i for i, r in enumerate(every) if r["set"] not in fold]
        sims = (x[test] @ x[train].T).toarray()
        for k, i in enumerate(test):
            j = int(sims[k].argmax())
            row, near = rows[i], every[train[j]]
            model = B.model_alone(row, preds[row["id"]])
            nn = _ok(row, near["layer"], near["cause"])
            group = "newest" if row["set"] in newest else "older"
            for bar in BARS:
                if sims[k, j] >= bar:
                    counts[bar].update({group: 1, f"{group} ml": model[0], f"{group} mc": model[1]})
                    counts[bar].update({f"{group} nl": nn[0], f"{group} nc": nn[1]})
    print("similarity >=   older: n, model layer/cause, nearest    newest: the same")
    for bar, c in counts.items():
        cells = [
            f"{c[g]:>5}  {c[g + ' ml']:>5} / {c[g + ' mc']:<5} "
            f"{c[g + ' nl']:>5} / {c[g + ' nc']:<5}"
            for g in ("older", "newest")
        ]
        print(f"{bar:>13}   {cells[0]}   {cells[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
