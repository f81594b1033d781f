"""Accuracy of the diagnosis engine on labelled real errors.

    python bench/accuracy.py [CORPUS.jsonl ...] [--misses] [--baseline]

Prints layer, cause, origin and retry accuracy, a layer confusion matrix, the
misses, and the status-code-only baseline (what SDK error classes give).
Defaults to corpus/dev.jsonl.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import whichlayer  # noqa: E402
from _inputs import require  # noqa: E402

DEFAULT = ROOT / "corpus" / "dev.jsonl"
LAYERS = ["identity", "quota", "rate_limit", "request", "network", "upstream", "None"]

# What an SDK's error class tells you: the status code alone.
_BASELINE = {
    400: "request",
    401: "identity",
    402: "quota",
    403: "identity",
    404: "request",
    408: "network",
    413: "request",
    422: "request",
    429: "rate_limit",
}


def baseline_layer(text: str) -> str:
    match = re.search(r"\b([45]\d\d)\b", text)
    if not match:
        return "network"  # no status: the SDK raised a connection error
    status = int(match.group(1))
    return _BASELINE.get(status, "upstream" if status >= 500 else "request")


def load(paths: list[Path]) -> list[dict[str, Any]]:
    rows = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            rows += [json.loads(line) for line in handle if line.strip()]
    return rows


def score(rows: list[dict[str, Any]]) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    misses = []
    for row in rows:
        d = whichlayer.explain(row["input"])
        layer = str(d.layer)
        ok_layer = layer in [row["layer"], *row.get("alt_layers", [])]
        ok_cause = str(d.cause) in [row["cause"], *row.get("alt_causes", [])]
        ok_origin = str(d.origin) == row["origin"]
        ok_retry = str(d.retry) in row["retry"]
        base = baseline_layer(row["input"]) in [row["layer"], *row.get("alt_layers", [])]
        counts.update(
            layer=ok_layer,
            cause=ok_cause and ok_layer,
            origin=ok_origin,
            retry=ok_retry,
            baseline=base,
        )
        confusion[(row["layer"], layer)] += 1
        if not (ok_layer and ok_cause and ok_origin and ok_retry):
            misses.append((row, d, ok_layer, ok_cause, ok_origin, ok_retry))
    return {"counts": counts, "confusion": confusion, "misses": misses, "n": len(rows)}


def report(result: dict[str, Any], show_misses: bool) -> None:
    n = result["n"]
    counts = result["counts"]
    print(f"n = {n}")
    for key in ("layer", "cause", "origin", "retry"):
        print(f"  {key:<8} {counts[key] / n:7.1%}  ({counts[key]}/{n})")
    print(f"  baseline layer (status code only) {counts['baseline'] / n:7.1%}")
    print("\nconfusion (rows: label, columns: predicted)")
    print(" " * 11 + " ".join(f"{c[:8]:>8}" for c in LAYERS))
    for label in LAYERS[:-1]:
        cells = " ".join(f"{result['confusion'][(label, c)]:>8}" for c in LAYERS)
        print(f"{label:<10} {cells}")
    if show_misses:
        print("\nmisses:")
        for row, d, ok_l, ok_c, ok_o, ok_r in result["misses"]:
            flags = "".join(
                f for f, ok in zip("LCOR", (ok_l, ok_c, ok_o, ok_r), strict=True) if not ok
            )
            print(
                f"  [{flags}] {row['id']}: want {row['layer']}/{row['cause']} "
                f"{row['origin']} {row['retry']}; got {d.layer}/{d.cause} {d.origin} "
                f"{d.retry} via {d.facts[0].rule if d.facts else '-'}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", type=Path)
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args()
    paths = args.corpus or [DEFAULT]
    require(*paths)
    report(score(load(paths)), args.misses)


if __name__ == "__main__":
    main()
