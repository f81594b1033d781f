"""Leave-one-set-out evaluation of the learned fallback, the rules, and both combined.

    python bench/loso.py [--sets fresh12,fresh13] [--calibrate] [--c-layer 20] [--c-cause 20]
    python bench/loso.py --newest 4      # leave the four newest sets out, together
    python bench/loso.py --folds 10 --code-weight 0   # quick: the model alone, 10 folds

For every labelled set in corpus/, trains the model (bench/train.py's code,
exported and quantised exactly as shipped, run by the pure-Python inference)
on all the other sets (and on the documentation examples bench/train.py adds,
at --doc-weight) and scores the held-out set with:

  model     the model alone (its likeliest layer; cause given that layer)
  rules     the rules alone (the learned fallback turned off)
  combined  rules + the model trained without this set (what ships: the model decides
            where no rule fires, between rules that tie, and against a weak rule: a bare
            status or generic wording, see whichlayer.model.fallback.combine)
  model if none  rules + model, the model deciding only where no rule fires (and
            between rules that tie): the combination before weak rules were weighed
            (a bare status rule's ``unknown`` cause named by the model, its layer
            overruled when the model is sure; see docs/engine.md)
  baseline  the status code alone (what an SDK's error class tells you)

Layer and cause accuracy per set and pooled (cause counts only with the right
layer; alt_layers/alt_causes are accepted, as in bench/accuracy.py).

``--newest N`` trains once on every set but the N collected last (in the
order corpus/README.md describes them: dev, field, fresh, fresh2, ...,
fresh60) and scores those N: a new set resembles the newest sets best, and
leaving one set out keeps the sets collected after it in training.

``--folds K`` is a quicker measure for choosing training settings: the sets, sorted by name,
dealt into K folds (every K-th set), each fold held out once; printed, the model alone's
layer and cause pooled over every error (documentation examples and corpus/code's messages
in training at their weights).

Caveat printed with the table: the rules were written and fitted looking at
every set here, so "rules" and "combined" are optimistic. Only "model" is an
honest held-out figure.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train as T
import whichlayer
import whichlayer.classify as K
from accuracy import all_sets, baseline_layer, fail, load
from whichlayer.model import infer

CAVEAT = (
    "The rules were fitted on every set, held-out one included, so 'rules' and 'combined' "
    "are optimistic; only 'model' is measured on errors its training never saw."
)


def _ok(row: dict[str, Any], layer: str | None, cause: str) -> tuple[bool, bool]:
    ok_layer = str(layer) in [row["layer"], *row.get("alt_layers", [])]
    return ok_layer, ok_layer and cause in [row["cause"], *row.get("alt_causes", [])]


def _rules_first(text: str) -> Any:
    """Rules + model as shipped before weak rules were weighed: the model decides only where
    no rule fires (and between rules that tie)."""
    shipped = K.WEAK_PRIORITY
    K.WEAK_PRIORITY = 0
    try:
        return whichlayer.explain(text)
    finally:
        K.WEAK_PRIORITY = shipped


def collected_order(names: list[str]) -> list[str]:
    """Set names in the order they were collected: dev, field, then fresh, fresh2, fresh3,
    fresh4a, fresh4b, ... by number (``fresh`` is the first), then anything else."""

    def key(name: str) -> tuple[int, int, str]:
        if name in ("dev", "field"):
            return (0, ("dev", "field").index(name), "")
        match = re.fullmatch(r"fresh(\d*)([a-z]*)", name)
        if match:
            return (1, int(match.group(1) or 1), match.group(2))
        return (2, 0, name)

    return sorted(names, key=key)


def fold_model(
    rows: list[dict[str, Any]],
    feats: list[Any],
    fold: list[str],
    docs: tuple[list[Any], list[Any], float],
    c_layer: float,
    c_cause: float,
    calibrate: bool,
    shipped: infer.Model | None,
) -> infer.Model:
    """The model trained on every set but those of ``fold`` (and on the documentation
    examples ``docs``: rows, their features, their weight), exported and loaded as shipped.
    With ``calibrate``, each head's temperature is fitted in the fold; else the heads take
    the ``shipped`` model's (when there is one)."""
    doc_rows, doc_feats, doc_weight = docs
    train = [i for i, r in enumerate(rows) if r["set"] not in fold]
    blob = T.train(
        [rows[i] for i in train],
        [feats[i] for i in train],
        calibrate=calibrate,
        c_layer=c_layer,
        c_cause=c_cause,
        docs=doc_rows,
        doc_feats=doc_feats,
        doc_weight=doc_weight,
    )
    model = infer.loads(blob)
    if not calibrate and shipped is not None:
        # one scalar per head, fitted on every set: a small leak, far cheaper than
        # fitting five more models per head in every fold (calibrating does that)
        model.layer.temperature = shipped.layer.temperature
        for name, head in model.causes.items():
            if name in shipped.causes:
                head.temperature = shipped.causes[name].temperature
    return model


def _model_alone(model: infer.Model, feats: dict[int, str]) -> tuple[str, str, float]:
    ids = list(feats)
    ranked = model.layer.predict(ids).ranked
    layer, p = ranked[0]
    causes = model.cause(layer, ids).ranked
    return layer, causes[0][0] if causes else "unknown", p


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", help="comma-separated set names to hold out (default: all)")
    parser.add_argument(
        "--newest",
        type=int,
        metavar="N",
        help="train once on every set but the N newest, and score those N",
    )
    parser.add_argument(
        "--doc-weight",
        type=float,
        default=T.DOC_WEIGHT,
        help="weight of the documentation examples (0: none)",
    )
    parser.add_argument(
        "--code-weight",
        type=float,
        default=T.CODE_WEIGHT,
        help="weight of corpus/code's source-code messages (0: none)",
    )
    parser.add_argument(
        "--rule-samples",
        action="store_true",
        help="the rules' samples as documentation examples too (measured, not shipped)",
    )
    parser.add_argument("--calibrate", action="store_true", help="fit a temperature per fold")
    parser.add_argument("--c-layer", type=float, default=T.C_LAYER)
    parser.add_argument("--c-cause", type=float, default=T.C_CAUSE)
    parser.add_argument("--balanced", action="store_true", help="class_weight='balanced'")
    parser.add_argument(
        "--layer-only", action="store_true", help="quick: the model's layer head alone"
    )
    parser.add_argument(
        "--folds", type=int, metavar="K", help="quick: the model alone, K folds of whole sets"
    )
    args = parser.parse_args()
    T.CODE_WEIGHT = args.code_weight
    if args.balanced:
        T.CLASS_WEIGHT = "balanced"
    try:
        import sklearn  # noqa: F401
    except ImportError:
        fail("scikit-learn is missing: pip install -e '.[train]'")
    rows = load(all_sets())
    if not rows:
        fail("no labelled sets in corpus/")
    names = sorted({r["set"] for r in rows}, key=lambda s: (s != "dev", s))
    held = names if not args.sets else [s.strip() for s in args.sets.split(",")]
    unknown = sorted(set(held) - set(names))
    if unknown:
        fail(f"no such set: {', '.join(unknown)}")
    if args.newest is not None and not 0 < args.newest < len(names):
        fail(f"--newest must be between 1 and {len(names) - 1}")
    folds = [[name] for name in held]
    if args.newest:
        folds = [collected_order(names)[-args.newest :]]
    feats = T.featurise(rows)
    docs = T.doc_rows(rows, args.rule_samples)  # train() leaves out those weighed 0
    doc_feats = T.featurise(docs)
    if args.layer_only:
        return _layer_only(rows, feats, held, args.c_layer)
    if args.folds:
        return _folds(rows, feats, names, args.folds, (docs, doc_feats, args.doc_weight), args)
    infer.use_shipped()
    shipped = infer.current()
    infer.use(None)
    rules = [whichlayer.explain(r["input"]) for r in rows]
    pooled: Counter[str] = Counter()
    bins: list[tuple[float, bool]] = []  # the model alone: (confidence, right layer)
    print(
        f"{'set':<9} {'n':>4}  {'model':>13}  {'rules':>13}  {'combined':>13}  "
        f"{'model if none':>15}  {'baseline':>8}  {'model>=thr':>10}"
    )
    print(
        f"{'':<9} {'':>4}  {'layer / cause':>13}  {'layer / cause':>13}  {'layer / cause':>13}"
        f"  {'layer / cause':>15}  {'layer':>8}  {'answered':>10}"
    )
    start = time.perf_counter()
    for fold in folds:
        model = fold_model(
            rows,
            feats,
            fold,
            (docs, doc_feats, args.doc_weight),
            args.c_layer,
            args.c_cause,
            args.calibrate,
            shipped,
        )
        infer.use(model)
        for name in fold:
            c = _score_set(rows, feats, rules, model, name, bins)
            pooled.update(c)
            _line(name, c)
            sys.stdout.flush()
    infer.use_shipped()
    how = f"the {args.newest} newest sets together" if args.newest else "one set at a time"
    print("-" * 101)
    _line("pooled", pooled)
    print(
        f"\n{len(folds)} fold(s) in {time.perf_counter() - start:.0f} s; "
        f"held out {how}; "
        f"C layer {args.c_layer:g}, C cause {args.c_cause:g}, class weight {T.CLASS_WEIGHT}, "
        f"{len(docs)} documentation examples at {args.doc_weight:g} (source-code messages "
        f"at {args.code_weight:g}), "
        f"temperature {'fitted per fold' if args.calibrate else 'of the shipped model'}."
    )
    print(
        "model>=thr: share of the set the model answers at its threshold, and its layer "
        "accuracy there."
    )
    print(f"Note: {CAVEAT}")
    _reliability(bins)
    return 0


def _score_set(
    rows: list[dict[str, Any]],
    feats: list[dict[int, str]],
    rules: list[Any],
    model: infer.Model,
    name: str,
    bins: list[tuple[float, bool]],
) -> Counter[str]:
    """One held-out set's counts with ``model`` in use (trained without it)."""
    c: Counter[str] = Counter()
    for i, row in enumerate(rows):
        if row["set"] != name:
            continue
        layer, cause, p = _model_alone(model, feats[i])
        ok_l, ok_c = _ok(row, layer, cause)
        bins.append((p, ok_l))
        c.update(model_l=ok_l, model_c=ok_c)
        if p >= model.threshold:
            c.update(answered=1, answered_ok=ok_l)
        d = rules[i]
        ok_l, ok_c = _ok(row, None if d.layer is None else str(d.layer), str(d.cause))
        c.update(rules_l=ok_l, rules_c=ok_c)
        d = whichlayer.explain(row["input"])  # what ships
        ok_l, ok_c = _ok(row, None if d.layer is None else str(d.layer), str(d.cause))
        c.update(comb_l=ok_l, comb_c=ok_c)
        d = _rules_first(row["input"])
        ok_l, ok_c = _ok(row, None if d.layer is None else str(d.layer), str(d.cause))
        c.update(unk_l=ok_l, unk_c=ok_c)
        c.update(base=baseline_layer(row["input"]) in [row["layer"], *row.get("alt_layers", [])])
        c["n"] += 1
    return c


def _reliability(bins: list[tuple[float, bool]]) -> None:
    """How well the model's stated confidence matches how often it is right (held out)."""
    edges = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01]
    print("\nReliability of the model's layer confidence on held-out sets:")
    print(f"  {'confidence':<12} {'n':>5}  {'mean conf':>9}  {'right':>6}")
    ece = 0.0
    for lo, hi in pairwise(edges):
        inside = [(p, ok) for p, ok in bins if lo <= p < hi]
        if not inside:
            continue
        conf = sum(p for p, _ in inside) / len(inside)
        right = sum(ok for _, ok in inside) / len(inside)
        ece += len(inside) / len(bins) * abs(conf - right)
        print(f"  {lo:.2f}-{min(hi, 1.0):.2f}    {len(inside):>5}  {conf:9.3f}  {right:6.3f}")
    print(f"  expected calibration error {ece:.3f}")


def _layer_only(
    rows: list[dict[str, Any]], feats: list[dict[int, str]], held: list[str], c_layer: float
) -> int:
    """Model-alone layer accuracy per held-out set and pooled (for choosing settings): the
    layer head as shipped (its naive Bayes summed in), trained without the documentation
    examples."""
    right = total = 0
    for name in held:
        test = [i for i, r in enumerate(rows) if r["set"] == name]
        train = [i for i, r in enumerate(rows) if r["set"] != name]
        fitted = T.fit_head(
            [feats[i] for i in train],
            [rows[i]["layer"] for i in train],
            c_layer,
            False,
            nb_weight=T.NB_WEIGHT,
        )
        head = infer.loads(T.pack({"layer": fitted}, "loso")).layer
        ok = sum(_ok(rows[i], head.predict(list(feats[i])).ranked[0][0], "")[0] for i in test)
        print(f"{name:<9} {len(test):>4}  model layer {100 * ok / len(test):5.1f}", flush=True)
        right, total = right + ok, total + len(test)
    print(
        f"{'pooled':<9} {total:>4}  model layer {100 * right / total:5.1f}  "
        f"(C {c_layer:g}, naive Bayes at {T.NB_WEIGHT:g}, class weight {T.CLASS_WEIGHT})"
    )
    return 0


def _folds(
    rows: list[dict[str, Any]],
    feats: list[dict[int, str]],
    names: list[str],
    k: int,
    docs: tuple[list[Any], list[Any], float],
    args: argparse.Namespace,
) -> int:
    """The model alone, pooled over ``k`` folds of whole sets (every k-th set by name)."""
    if not 1 < k <= len(names):
        fail(f"--folds must be between 2 and {len(names)}")
    right: Counter[str] = Counter()
    start = time.perf_counter()
    for fold in (names[j::k] for j in range(k)):
        model = fold_model(rows, feats, fold, docs, args.c_layer, args.c_cause, False, None)
        for i, row in enumerate(rows):
            if row["set"] in fold:
                layer, cause, _p = _model_alone(model, feats[i])
                ok_l, ok_c = _ok(row, layer, cause)
                right.update(n=1, layer=ok_l, cause=ok_c)
    n = right["n"]
    code = T.code_count(docs[0])
    print(
        f"model alone, {k} folds of whole sets: layer {100 * right['layer'] / n:.2f}% "
        f"cause {100 * right['cause'] / n:.2f}% of {n} ({len(docs[0]) - code} documentation "
        f"examples at {docs[2]:g}, {code} source-code messages at {args.code_weight:g}; "
        f"{time.perf_counter() - start:.0f} s)"
    )
    return 0


def _line(name: str, c: Counter[str]) -> None:
    n = c["n"] or 1

    def pct(key: str) -> str:
        return f"{100 * c[key] / n:5.1f}"

    answered = c["answered"]
    thr = f"{100 * answered / n:3.0f}% {100 * c['answered_ok'] / (answered or 1):5.1f}"
    print(
        f"{name:<9} {c['n']:>4}  {pct('model_l')} /{pct('model_c')}  {pct('rules_l')} /"
        f"{pct('rules_c')}  {pct('comb_l')} /{pct('comb_c')}    {pct('unk_l')} /{pct('unk_c')}"
        f"  {pct('base'):>8}  {thr:>10}"
    )


if __name__ == "__main__":
    sys.exit(main())
