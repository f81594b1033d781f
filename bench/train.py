"""Train the learned fallback and write its weights as package data.

    python bench/train.py [--check]

Reads every labelled set in corpus/, featurises each error with
``whichlayer.model.features`` (the same code inference runs), fits the heads
(layer, and cause per layer) with scikit-learn, each a multinomial logistic
regression summed with a complement naive Bayes, fits a temperature per
head on out-of-fold predictions over 5 folds of whole sets
(so ``confidence`` is calibrated on sets the model never saw), prunes
features seen in fewer than two errors, quantises weights to int8 and
writes src/whichlayer/model/weights.bin. The run is deterministic: running
it again rewrites the same bytes. ``--check`` writes nothing and exits
1 when the shipped file differs from a rebuild.

Needs the ``train`` extra: ``pip install -e '.[train]'``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import struct
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import whichlayer  # noqa: E402
from accuracy import all_sets, fail, load  # noqa: E402
from whichlayer.model import features as F  # noqa: E402
from whichlayer.model.infer import MAGIC, WEIGHTS  # noqa: E402

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    # one thread (set before numpy loads): the same sums in the same order on every run
    os.environ.setdefault(_var, "1")

#: Regularisation (inverse strength) and class weighting of each head. With the naive
#: Bayes summed in (below), the regressions fit the labelled errors themselves less
#: closely: at C 10 / 20 (the best held out) the engine missed 45 layers and 200 causes of
#: the 4,630 errors it was trained on, against 34 / 176 before. C 30 / 60 keeps most of
#: them (39 / 185) for 0.3 points of layer and 0.4 of cause held out (bench/loso.py: every
#: set left out in turn; chosen over every set, never on one).
C_LAYER = 30.0
C_CAUSE = 60.0
CLASS_WEIGHT: str | None = None
#: Each head is two linear models over the same features, summed: the logistic regression,
#: and a complement naive Bayes (its per-label log weights, centred per feature, times
#: ``NB_WEIGHT``) over the features' presence, unnormalised. They err on different errors:
#: left one set out in turn over every set (as bench/loso.py holds sets out, scored with
#: scikit-learn's models directly), the layer head alone was right on 92.8% with the
#: regression only (C 10), 93.1% with the naive Bayes only, 94.2% summed (the weight and
#: ``NB_ALPHA``, its smoothing, chosen there among 0.03-0.12 and 0.3-1, every pair of which
#: summed beat either alone). The cause heads take ``NB_WEIGHT_CAUSE``: the
#: cause given the right layer, held out the same way, was right on 83.4% with the
#: regression only, 84.7% at 0.04, 84.4% at 0.08. As shipped (C 30 / 60), the model alone
#: held out (bench/loso.py): 93.9% layer / 80.9% cause, against 92.9% / 79.3% before.
#: 0 turns it off.
NB_WEIGHT = 0.08
NB_WEIGHT_CAUSE = 0.04
NB_ALPHA = 0.3
#: A feature must occur in at least this many training errors to be kept.
MIN_DF = 2
#: Below this probability the fallback answers ``unknown`` with its two likeliest layers.
#: Chosen on the blind-recorded sets older than the two newest (bench/blind.py
#: --threshold): where no rule fires, a held-out reading at 0.3-0.5 names the right layer
#: 54% of the time, one below 0.3 31% (docs/engine.md).
THRESHOLD = 0.3
FOLDS = 5
#: Weight of a documentation example (a provider's Documented row, a rule's sample) beside a
#: real error's 1.0; chosen held out (bench/loso.py, bench/loso.py --newest).
DOC_WEIGHT = 2.0
#: Weight of an error's ``alt_causes`` (causes its label also accepts) as extra examples of
#: its layer's cause head, beside the label's own cause at 1.0 (0: the label's cause only).
ALT_WEIGHT = 0.5
#: Weight of an error message as a program's own source code produces it (corpus/code/:
#: servers, relays, SDKs and network stacks, each message labelled by what the code around
#: it does) beside a real error's 1.0 (0: none); chosen held out (bench/loso.py
#: --code-weight, bench/blind.py --code-weight).
CODE_WEIGHT = 1.0
#: Where those messages are: one JSON line each (input, layer, cause, origin, retry, repo,
#: path, note), in files of their own outside the labelled sets (corpus/*.jsonl).
CODE = ROOT / "corpus" / "code"


@dataclass
class Fitted:
    labels: list[str]
    coef: Any  # numpy array (classes x features), dense over kept columns
    intercept: Any
    columns: Any  # feature ids of the kept columns
    temperature: float = 1.0
    #: the naive Bayes's weights (classes x features, times NB_WEIGHT), over presence
    nb_coef: Any = None


def _folded(text: str) -> str:
    return " ".join(text.lower().split())


def code_rows() -> list[dict[str, Any]]:
    """The error messages of corpus/code/ (as programs' source code produces them), each
    weighed ``CODE_WEIGHT`` (none when that is 0)."""
    if CODE_WEIGHT <= 0:
        return []
    out: list[dict[str, Any]] = []
    for path in sorted(CODE.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            out.append(
                {
                    "input": row["input"],
                    "layer": row["layer"],
                    "cause": row["cause"],
                    "set": f"code:{row['repo']}",
                    "weight": CODE_WEIGHT,
                }
            )
    return out


def code_count(docs: list[dict[str, Any]]) -> int:
    """How many of ``docs`` are corpus/code's messages: the examples that carry their own
    ``weight`` (``code_rows``); the rest are weighed ``doc_weight``."""
    return sum("weight" in row for row in docs)


def doc_rows(
    corpus: list[dict[str, Any]], rule_samples: bool = False, code: bool = True
) -> list[dict[str, Any]]:
    """Labelled examples from the documentation, read from the provider registry at training
    time (never a copy): every ``Documented`` row of every provider, its sample with its
    cause and layer. They carry the wording of providers the corpus rarely covers; train()
    weighs them DOC_WEIGHT. With ``code``, the messages of corpus/code/ too (``code_rows``,
    each carrying its own weight). With ``rule_samples``, every sample of every rule too (its
    layer and cause): measured and not used (see docs/engine.md; the rules and their
    samples were written looking at every set, so a held-out figure with them flatters).

    A sample that is a labelled error of ``corpus`` (or holds one, or is held in one) is
    left out: about half the rules' samples were copied from the sets, and in a held-out
    evaluation such a copy would hand the model the very error it is scored on."""
    from whichlayer.providers import all_providers
    from whichlayer.rules import ALL_RULES

    out: list[dict[str, Any]] = []
    for provider in all_providers():
        for row in provider.errors:
            if row.layer is None or not row.sample:
                continue
            out.append(
                {
                    "input": row.sample,
                    "layer": str(row.layer),
                    "cause": str(row.cause),
                    "set": f"docs:{provider.id}",
                }
            )
    for rule in ALL_RULES if rule_samples else ():
        for sample in rule.samples:
            text = sample if isinstance(sample, str) else sample.text
            out.append(
                {
                    "input": text,
                    "layer": str(rule.layer),
                    "cause": str(rule.cause),
                    "set": f"rule:{rule.id}",
                }
            )
    if code:
        out += code_rows()
    seen = [_folded(r["input"]) for r in corpus]

    def copied(text: str) -> bool:
        t = _folded(text)
        return any(t == c or (len(t) > 30 and t in c) or (len(c) > 30 and c in t) for c in seen)

    return [r for r in out if not copied(r["input"])]


def featurise(rows: list[dict[str, Any]]) -> list[dict[int, str]]:
    return [F.features(whichlayer.to_evidence(row["input"])) for row in rows]


def _matrix(feats: list[dict[int, str]], columns: dict[int, int]) -> Any:
    from scipy.sparse import csr_matrix

    data: list[float] = []
    indices: list[int] = []
    indptr = [0]
    for feat in feats:
        value = 1.0 / math.sqrt(len(feat)) if feat else 0.0
        cols = sorted(columns[f] for f in feat if f in columns)
        indices += cols
        data += [value] * len(cols)
        indptr.append(len(indices))
    return csr_matrix((data, indices, indptr), shape=(len(feats), len(columns)))


def _columns(feats: list[dict[int, str]], counted: list[bool] | None = None) -> dict[int, int]:
    """The kept features (seen in at least MIN_DF errors; rows not ``counted``, an error's
    second label, do not count again) and their column numbers."""
    df: dict[int, int] = {}
    for k, feat in enumerate(feats):
        if counted is not None and not counted[k]:
            continue
        for f in feat:
            df[f] = df.get(f, 0) + 1
    kept = sorted(f for f, n in df.items() if n >= MIN_DF)
    return {f: i for i, f in enumerate(kept)}


def _fit(x: Any, y: list[str], c: float, weights: list[float] | None = None) -> Any:
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    model = LogisticRegression(C=c, max_iter=1000, class_weight=CLASS_WEIGHT)
    with threadpool_limits(limits=1):  # one thread even if numpy was loaded before us
        model.fit(x, y, sample_weight=weights)
    return model


def _presence(x: Any) -> Any:
    """The matrix's features as 0/1 (what the naive Bayes reads)."""
    b = x.copy()
    b.data[:] = 1.0
    return b


def _fit_nb(x: Any, y: list[str], weights: list[float] | None, nb_weight: float) -> Any:
    """The naive Bayes half of a head: its per-label weights (labels in sorted order, as the
    regression's), centred per feature (a shift every label shares changes no softmax) and
    scaled by ``nb_weight``; None when that is 0."""
    if nb_weight <= 0:
        return None
    from sklearn.naive_bayes import ComplementNB

    nb = ComplementNB(alpha=NB_ALPHA).fit(_presence(x), y, sample_weight=weights)
    logp = nb.feature_log_prob_
    return nb_weight * (logp - logp.mean(axis=0, keepdims=True))


def _logits(model: Any, nb_coef: Any, x: Any, labels: list[str]) -> Any:
    """Each row's logit per label of ``labels`` (-1e9 for a label the fold never saw): the
    regression's decision, plus the naive Bayes's sum over the features present."""
    import numpy as np

    z = model.decision_function(x)
    if z.ndim == 1:  # binary: one column
        z = np.vstack([-z / 2, z / 2]).T
    if nb_coef is not None:
        z = z + _presence(x) @ nb_coef.T
    full = np.full((x.shape[0], len(labels)), -1e9)
    for j, label in enumerate(model.classes_):
        full[:, labels.index(label)] = z[:, j]
    return full


def _temperature(
    feats: list[dict[int, str]],
    y: list[str],
    c: float,
    groups: list[str | None] | None,
    weights: list[float] | None = None,
    counted: list[bool] | None = None,
    nb_weight: float = 0.0,
) -> float:
    """The temperature that minimises the log loss of out-of-fold predictions, the folds
    made of whole sets (``groups``): the confidence must hold on errors from a set the
    model never saw, and folds that split a set are optimistic (rows of one thread or
    one tool land on both sides). A row whose group is ``None`` (a documentation example)
    is in every fold's training and never scored."""
    import numpy as np

    if groups is None:
        fold_of: list[int | None] = [i % FOLDS for i in range(len(y))]
    else:
        names = sorted({g for g in groups if g is not None})
        fold_of = [None if g is None else names.index(g) % FOLDS for g in groups]
    w = weights or [1.0] * len(y)
    order = list(range(len(y)))
    oof_logits: dict[int, Any] = {}
    labels = sorted(set(y))
    for fold in range(FOLDS):
        test = [i for i in order if fold_of[i] == fold]
        train = [i for i in order if fold_of[i] != fold]
        if not test:
            continue
        cols = _columns(
            [feats[i] for i in train], None if counted is None else [counted[i] for i in train]
        )
        x_train = _matrix([feats[i] for i in train], cols)
        y_train, w_train = [y[i] for i in train], [w[i] for i in train]
        model = _fit(x_train, y_train, c, w_train)
        nb_coef = _fit_nb(x_train, y_train, w_train, nb_weight)
        full = _logits(model, nb_coef, _matrix([feats[i] for i in test], cols), labels)
        for row, i in enumerate(test):
            oof_logits[i] = full[row]
    scored = sorted(oof_logits)
    z_all = np.vstack([oof_logits[i] for i in scored])
    truth = np.array([labels.index(y[i]) for i in scored])
    best = (float("inf"), 1.0)
    for t in [round(0.5 + 0.05 * k, 2) for k in range(60)]:
        s = z_all / t
        s = s - s.max(axis=1, keepdims=True)
        logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
        loss = -float(logp[np.arange(len(truth)), truth].mean())
        if loss < best[0] - 1e-12:
            best = (loss, t)
    return best[1]


def fit_head(
    feats: list[dict[int, str]],
    y: list[str],
    c: float,
    calibrate: bool,
    groups: list[str | None] | None = None,
    weights: list[float] | None = None,
    counted: list[bool] | None = None,
    nb_weight: float = 0.0,
) -> Fitted:
    cols = _columns(feats, counted)
    x = _matrix(feats, cols)
    model = _fit(x, y, c, weights)
    coef = model.coef_
    intercept = model.intercept_
    if len(model.classes_) == 2:  # binary: sklearn keeps one row; make it two
        coef = __import__("numpy").vstack([-coef[0] / 2, coef[0] / 2])
        intercept = __import__("numpy").array([-intercept[0] / 2, intercept[0] / 2])
    ids = sorted(cols, key=cols.__getitem__)
    temperature = (
        _temperature(feats, y, c, groups, weights, counted, nb_weight) if calibrate else 1.0
    )
    labels = [str(c_) for c_ in model.classes_]
    nb_coef = _fit_nb(x, y, weights, nb_weight)
    return Fitted(labels, coef, intercept, ids, temperature, nb_coef)


def _pack_head(head: Fitted) -> tuple[dict[str, Any], bytes]:
    import numpy as np

    def quantised(coef: Any) -> tuple[float, Any]:  # classes x features -> features x classes
        scale = float(f"{float(np.abs(coef).max()) / 127.0 or 1.0:.9g}")
        return scale, np.clip(np.rint(coef / scale), -127, 127).astype(np.int8).T

    scale, q = quantised(head.coef)
    meta: dict[str, Any] = {
        "labels": head.labels,
        "scale": scale,
        "bias": [float(f"{b:.6g}") for b in head.intercept],
        "temperature": head.temperature,
    }
    if head.nb_coef is not None:  # a row holds the regression's weights, then the NB's
        meta["nb_scale"], nb = quantised(head.nb_coef)
        q = np.hstack([q, nb])
    keep = np.flatnonzero(np.any(q != 0, axis=1))
    meta["n"] = len(keep)
    ids = np.array(head.columns, dtype="<u4")[keep]
    return meta, ids.tobytes() + np.ascontiguousarray(q[keep]).tobytes()


def pack(heads: dict[str, Fitted], trained_on: str) -> bytes:
    """The weights file: magic, then zlib(header length, JSON header, heads in order)."""
    metas: dict[str, Any] = {}
    blobs: list[bytes] = []
    for name, head in heads.items():
        metas[name], data = _pack_head(head)
        blobs.append(data)
    header = {
        "format": 2,
        "threshold": THRESHOLD,
        "trained_on": trained_on,
        "features": {"bits": F.BITS, "ngrams": list(F.NGRAMS), "min_df": MIN_DF},
        "naive_bayes": {"layer": NB_WEIGHT, "cause": NB_WEIGHT_CAUSE, "alpha": NB_ALPHA},
        "order": list(heads),
        "heads": metas,
    }
    head = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    body = struct.pack("<I", len(head)) + head + b"".join(blobs)
    return MAGIC + zlib.compress(body, 9)


def _alt_causes(row: dict[str, Any], layer: str) -> list[str]:
    """The causes ``row``'s label also accepts that belong to ``layer`` (its own cause
    left out, each once)."""
    from whichlayer.taxonomy import CAUSE_LAYER, Cause

    out: list[str] = []
    for cause in row.get("alt_causes", []):
        known = cause in Cause._value2member_map_
        ours = cause == "unknown" or (known and str(CAUSE_LAYER.get(Cause(cause))) == layer)
        if ours and cause != row["cause"] and cause not in out:
            out.append(cause)
    return out


def train(
    rows: list[dict[str, Any]],
    feats: list[dict[int, str]],
    calibrate: bool = True,
    c_layer: float = C_LAYER,
    c_cause: float = C_CAUSE,
    docs: list[dict[str, Any]] | None = None,
    doc_feats: list[dict[int, str]] | None = None,
    doc_weight: float = DOC_WEIGHT,
    alt_weight: float | None = None,
) -> bytes:
    """The weights file for a model trained on ``rows`` (with their ``feats``), and on the
    documentation examples ``docs`` (with ``doc_feats``) weighed ``doc_weight`` (or the
    ``weight`` an example carries, as corpus/code's do): one head for the layer, and one
    head per layer for the cause given that layer."""
    alt_weight = ALT_WEIGHT if alt_weight is None else alt_weight
    docs, doc_feats = docs or [], doc_feats or []
    assert len(doc_feats) == len(docs)
    kept = [k for k, r in enumerate(docs) if r.get("weight", doc_weight) > 0]
    docs, doc_feats = [docs[k] for k in kept], [doc_feats[k] for k in kept]
    every = rows + docs
    feats = feats + doc_feats
    weights = [1.0] * len(rows) + [r.get("weight", doc_weight) for r in docs]
    sets: list[str | None] = [r.get("set", "") for r in rows] + [None] * len(docs)
    heads = {
        "layer": fit_head(
            feats,
            [r["layer"] for r in every],
            c_layer,
            calibrate,
            sets,
            weights,
            nb_weight=NB_WEIGHT,
        )
    }
    for layer in sorted({r["layer"] for r in every}):
        idx = [i for i, r in enumerate(every) if r["layer"] == layer]
        causes = [every[i]["cause"] for i in idx]
        w = [weights[i] for i in idx]
        counted = [True] * len(idx)
        if alt_weight > 0:
            alts = [(i, c) for i in idx for c in _alt_causes(every[i], layer)]
            idx += [i for i, _ in alts]
            causes += [c for _, c in alts]
            w += [alt_weight * weights[i] for i, _ in alts]
            counted += [False] * len(alts)
        if len(set(causes)) > 1:
            heads[f"cause:{layer}"] = fit_head(
                [feats[i] for i in idx],
                causes,
                c_cause,
                calibrate,
                [sets[i] for i in idx],
                w,
                counted,
                nb_weight=NB_WEIGHT_CAUSE,
            )
    digest = hashlib.sha256()
    for row in every:
        digest.update(json.dumps([row["input"], row["layer"], row["cause"]]).encode())
    trained_on = f"{len(rows)} errors"
    documented = len(docs) - code_count(docs)
    if documented:
        trained_on += f" + {documented} documentation examples at {doc_weight:g}"
    if len(docs) > documented:
        trained_on += f" + {len(docs) - documented} source-code messages at {CODE_WEIGHT:g}"
    return pack(heads, f"{trained_on}, sha256 {digest.hexdigest()[:16]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file")
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    args = parser.parse_args()
    try:
        import sklearn  # noqa: F401
    except ImportError:
        fail("scikit-learn is missing: pip install -e '.[train]'")
    paths = all_sets()
    if not paths:
        fail(f"no labelled sets in {ROOT / 'corpus'}")
    rows = load(paths)
    docs = doc_rows(rows)
    blob = train(rows, featurise(rows), docs=docs, doc_feats=featurise(docs))
    sha = hashlib.sha256(blob).hexdigest()[:16]
    if args.check:
        if args.out.exists() and args.out.read_bytes() == blob:
            print(f"{args.out}: identical to a rebuild ({sha})")
            return 0
        print(
            f"{args.out}: DIFFERS from a rebuild ({sha}): the labelled sets, the provider "
            "registry's documented errors or the rules' samples changed since it was "
            "trained; retrain with python bench/train.py"
        )
        return 1
    args.out.write_bytes(blob)
    code = code_count(docs)
    print(
        f"wrote {args.out} ({len(blob):,} bytes, sha256 {sha}) from {len(rows)} errors, "
        f"{len(docs) - code} documentation examples and {code} source-code messages"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
