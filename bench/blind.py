"""How the rules and the learned fallback combine on errors the rules had not seen.

    python bench/blind.py                      # every blind-recorded set, held out one at a time
    python bench/blind.py --sets fresh26,fresh27

Today's rules were fitted on every set in corpus/, so on those sets any way of letting
the model overrule a rule can only lose (every label is what the fitted rules say).
``bench/blind_rules.jsonl`` (written by ``bench/blind_rules.py``) holds, for every set
from fresh4b on, what the rules said about each error *before* any rule was fitted to
that set: the winning rule's id, layer, cause and priority. Here each such set is held
out (the model trained without it, in folds of whole sets, the two newest together, on
the other sets and the documentation examples, as
``bench/loso.py`` does), and the recorded blind rule decision is combined with the
held-out model's reading by ``whichlayer.model.fallback.combine``, the function
``classify`` calls: the figures are those of the combination that ships, on errors
neither the rules nor the model had seen.

Columns: the held-out model alone (its likeliest layer, that layer's likeliest cause);
the blind rules alone; rules + model where no rule fired (the combination before this
script); the shipped combination; and how many decisions it changed, fixed and broke.
The last three apply the engine's gate: on a text with no status, no exception name and
no failure cue (``fallback.may_read``) the model is not read, and the rule's decision,
or the honest unknown, stands.
Options set the combination's thresholds, to choose them on older sets and check them
on the newest (``--newest-out N`` prints the N newest sets apart).

Below the table, every held-out error is put in one of two rows: those that share a
60-character passage (``PASSAGE``: normalised as the collectors' duplicate check
normalises, digits and long hex runs folded) with an error of a set collected before
its own, and those that share none: new wording. Until fresh43 the collectors' check
compared passages at every seventh character on both sides, which finds a shared
passage only when the two offsets differ by a multiple of seven, so about a third of
those sets' errors share a passage (a provider's sentence, a stack frame, an HTML head)
with an earlier set; the second row is the figure for wordings the engine had not met. A
known error shorter than a passage counts as met inside a longer one when it makes at least
half of it (``SHORT_SHARE``: "Model Request failed. Please try again later. (3003)" with
"Copy Request Details" after it), as the collectors' check counts it from fresh46 on.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train as T
from accuracy import all_sets, fail, load
from loso import _ok, collected_order, fold_model
from whichlayer import to_evidence
from whichlayer.model import fallback, infer

BLIND = Path(__file__).with_name("blind_rules.jsonl")
CACHE = Path.home() / ".cache" / "whichlayer-blind"


#: Folds: the two newest sets together (as ``bench/loso.py --newest 2``), the older ones
#: dealt round-robin into this many folds (a model per set took too long on a shared machine).
OLDER_FOLDS = 3


def folds(held: list[str]) -> list[list[str]]:
    """The held-out sets in folds: the two newest together, the rest round-robin."""
    older, newest = held[:-2], held[-2:]
    out = [older[k::OLDER_FOLDS] for k in range(OLDER_FOLDS)]
    return [f for f in [*out, newest] if f]


def predictions(
    rows: list[dict[str, Any]], held: list[str], c_layer: float, c_cause: float, doc_weight: float
) -> dict[str, Any]:
    """Each held-out error's reading by a model trained without its set: the layer head's
    ranking and every cause head's ranking (cached by the training inputs)."""
    key = hashlib.sha256(
        json.dumps(
            [held, c_layer, c_cause, doc_weight, T.CLASS_WEIGHT, T.MIN_DF, T.F.NGRAMS]
            + [T.CODE_WEIGHT, [[r["input"], r["layer"], r["cause"]] for r in T.code_rows()]]
            + [[r["id"], r["input"], r["layer"], r["cause"]] for r in rows]
        ).encode()
        + Path(T.F.__file__).read_bytes()
        + Path(T.__file__).read_bytes()
    ).hexdigest()[:16]
    path = CACHE / f"preds-{key}.pkl"
    if path.exists():
        return {k: fallback.Reading(*v) for k, v in pickle.loads(path.read_bytes()).items()}
    feats = T.featurise(rows)
    docs = T.doc_rows(rows)  # train() leaves out those weighed 0
    doc_feats = T.featurise(docs)
    infer.use_shipped()
    shipped = infer.current()
    assert shipped is not None
    out: dict[str, Any] = {}
    for fold in folds(held):
        start = time.perf_counter()
        model = fold_model(
            rows, feats, fold, (docs, doc_feats, doc_weight), c_layer, c_cause, False, shipped
        )
        for i, r in enumerate(rows):
            if r["set"] not in fold:
                continue
            ids = list(feats[i])
            out[r["id"]] = (
                model.layer.predict(ids).ranked,
                {layer: model.cause(layer, ids).ranked for layer in model.causes},
            )
        print(
            f"  {','.join(fold)}: trained in {time.perf_counter() - start:.0f} s", file=sys.stderr
        )
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(out))
    return {k: fallback.Reading(*v) for k, v in out.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", help="comma-separated sets to hold out (default: all recorded)")
    parser.add_argument("--newest-out", type=int, default=2, metavar="N")
    parser.add_argument("--c-layer", type=float, default=T.C_LAYER)
    parser.add_argument("--c-cause", type=float, default=T.C_CAUSE)
    parser.add_argument("--doc-weight", type=float, default=T.DOC_WEIGHT)
    parser.add_argument(
        "--code-weight",
        type=float,
        default=T.CODE_WEIGHT,
        help="weight of corpus/code's source-code messages (0: none)",
    )
    parser.add_argument("--unknown-bar", type=float, default=fallback.UNKNOWN_CAUSE_BAR)
    parser.add_argument("--weak-priority", type=int, default=fallback.WEAK_PRIORITY)
    parser.add_argument("--weak-cause-bar", type=float, default=fallback.WEAK_CAUSE_BAR)
    parser.add_argument("--overrule-bar", type=float, default=fallback.OVERRULE_BAR)
    parser.add_argument("--strong-unknown-bar", type=float, default=fallback.STRONG_UNKNOWN_BAR)
    parser.add_argument(
        "--threshold",
        type=float,
        help="below it, no rule fired and the model answers unknown (default: the shipped model's)",
    )
    parser.add_argument("--list", action="store_true", help="list every changed decision")
    args = parser.parse_args()
    T.CODE_WEIGHT = args.code_weight
    if not BLIND.exists():
        fail(f"{BLIND} is missing: run python bench/blind_rules.py")
    blind = {}
    for line in BLIND.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        blind[rec["id"]] = rec
    rows = load(all_sets())
    recorded = collected_order(sorted({b["set"] for b in blind.values()}))
    held = recorded if not args.sets else [s.strip() for s in args.sets.split(",")]
    if set(held) - set(recorded):
        fail(f"not recorded blind: {', '.join(sorted(set(held) - set(recorded)))}")
    preds = predictions(rows, held, args.c_layer, args.c_cause, args.doc_weight)
    if args.threshold is None:
        infer.use_shipped()
        shipped = infer.current()
        assert shipped is not None
        args.threshold = shipped.threshold
    bars = fallback.Bars(
        args.unknown_bar,
        args.weak_priority,
        args.weak_cause_bar,
        args.overrule_bar,
        args.strong_unknown_bar,
    )
    print(
        f"{'set':<9} {'n':>4}  {'model alone':>13}  {'rules':>13}  {'+model if none':>14}"
        f"  {'combined':>13}"
        f"  {'changed fixed broke':>19}"
    )
    totals = {"older": Counter[str](), "newest": Counter[str](), "all": Counter[str]()}
    known = met_before(rows)
    split = {"met": Counter[str](), "new": Counter[str]()}
    newest = set(held[-args.newest_out :]) if args.newest_out else set()
    for name in held:
        c: Counter[str] = Counter()
        for row in rows:
            if row["set"] != name:
                continue
            b, reading = blind[row["id"]], preds[row["id"]]
            one: Counter[str] = Counter(n=1)
            ok = _ok(row, b["layer"], b["cause"])
            one.update(rules_l=ok[0], rules_c=ok[1])
            alone = model_alone(row, reading)
            one.update(model_l=alone[0], model_c=alone[1])
            # the engine's gate: on a text that says nothing failed the model is not read
            read = fallback.may_read(to_evidence(row["input"]))
            plain = _decide(b, reading, read, fallback.Bars.off(), args.threshold)
            old = _ok(row, plain[0], plain[1])
            one.update(plain_l=old[0], plain_c=old[1])
            got = _decide(b, reading, read, bars, args.threshold)
            new = _ok(row, got[0], got[1])
            one.update(comb_l=new[0], comb_c=new[1])
            if got[:2] != plain[:2]:
                one.update(changed=1, fixed=new[1] and not old[1], broke=old[1] and not new[1])
                if args.list:
                    mark = {(False, True): "FIX  ", (True, False): "BROKE"}.get(
                        (old[1], new[1]), "right" if new[1] else "miss "
                    )
                    print(
                        f"    {mark} {row['id']}: {b['rule']} {plain[0]}/{plain[1]} -> "
                        f"{got[0]}/{got[1]} ({got[2]}); label {row['layer']}/{row['cause']}"
                    )
            c.update(one)
            split["met" if row["id"] in known else "new"].update(one)
        _line(name, c)
        totals["newest" if name in newest else "older"].update(c)
        totals["all"].update(c)
    print("-" * 96)
    for label, c in totals.items():
        if c["n"]:
            _line(label, c)
    print("-" * 96)
    for label, c in split.items():
        _line(label, c)
    print(
        "met: the error shares a passage with one of a set collected before its own; new: it"
        " shares none."
    )
    print(
        f"\nno rule fired: the model answers at {args.threshold:g} or more, else unknown. "
        f"Bars: cause for a weak rule's unknown at {bars.unknown_cause:g}, for a stronger "
        f"rule's at {bars.strong_unknown:g}; rules below priority "
        f"{bars.weak_priority} are weak: their cause replaced at {bars.weak_cause:g}, their "
        f"layer overruled at {bars.overrule:g}. Model: C layer {args.c_layer:g}, C cause "
        f"{args.c_cause:g}, docs at {args.doc_weight:g}, source-code messages at "
        f"{args.code_weight:g}, held out in folds of whole sets "
        "(the two newest together)."
    )
    return 0


#: The length of a passage two errors must share to count as met before (the collectors'
#: duplicate check's, so the two agree).
PASSAGE = 60


def _folded(text: str) -> str:
    """``text`` as the collectors' duplicate check compares it: NFKC, lower case, runs of
    8+ hex digits as ``#``, digits as ``0``, white space as one space."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[0-9a-f]{8,}", "#", text)
    text = re.sub(r"\d+", "0", text)
    return re.sub(r"\s+", " ", text)


def _passages(folded: str) -> set[int]:
    """Every passage of a text already folded (``_folded``), hashed."""
    if len(folded) < PASSAGE:
        return {hash(folded)}
    return {hash(folded[i : i + PASSAGE]) for i in range(len(folded) - PASSAGE + 1)}


#: A known error shorter than a passage counts as met inside a longer one when it is at
#: least this share of it (the collectors' check refuses such a text from fresh46 on).
SHORT_SHARE = 0.5


def met_before(rows: list[dict[str, Any]]) -> set[str]:
    """Ids of errors sharing a passage with an error of a set collected before theirs (a
    text shorter than a passage: the same text, or one that is most of theirs)."""
    by_set: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_set.setdefault(row["set"], []).append(row)
    seen: set[int] = set()
    short: list[str] = []  # known texts shorter than a passage, folded
    out: set[str] = set()
    for name in collected_order(sorted(by_set)):
        folded_rows = [(row["id"], _folded(row["input"])) for row in by_set[name]]
        mine = [(rid, folded, _passages(folded)) for rid, folded in folded_rows]
        for rid, folded, passages in mine:
            if passages & seen or any(
                t in folded and len(t) >= SHORT_SHARE * len(folded) for t in short
            ):
                out.add(rid)
        for _rid, folded, passages in mine:
            seen |= passages
            if len(folded) < PASSAGE:
                short.append(folded)
    return out


def _decide(
    b: dict[str, Any],
    reading: fallback.Reading,
    read: bool,
    bars: fallback.Bars,
    threshold: float,
) -> tuple[str | None, str, str]:
    """The engine's decision from the blind rule ``b`` and the held-out ``reading``: as
    ``classify`` makes it, the rule's alone where the model may not read the text
    (``fallback.may_read``), else ``fallback.combine``."""
    if not read:
        return b["layer"], b["cause"] if b["layer"] else "unknown", "model silent"
    return fallback.combine(b["layer"], b["cause"], b["priority"], reading, bars, threshold)


def model_alone(row: dict[str, Any], reading: fallback.Reading) -> tuple[bool, bool]:
    """Whether the held-out model alone (its likeliest layer, that layer's likeliest cause)
    gets ``row``'s layer and cause right."""
    best = reading.layers[0][0]
    return _ok(row, best, (reading.cause_of(best) or [("unknown", 1.0)])[0][0])


def _line(name: str, c: Counter[str]) -> None:
    n = c["n"] or 1

    def pair(key: str) -> str:
        return f"{100 * c[key + '_l'] / n:5.1f} /{100 * c[key + '_c'] / n:5.1f}"

    print(
        f"{name:<9} {c['n']:>4}  {pair('model')}  {pair('rules')}  {pair('plain'):>14}"
        f"  {pair('comb')}"
        f"  {c['changed']:>7} {c['fixed']:>5} {c['broke']:>5}"
    )


if __name__ == "__main__":
    sys.exit(main())
