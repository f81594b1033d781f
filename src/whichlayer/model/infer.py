"""Run-time inference of the learned fallback: pure Python over the shipped weights.

The weights (``weights.bin``, written by ``bench/train.py``) load on first use,
so inputs the rules decide never pay for them. File format (little-endian,
zlib-compressed after the 4-byte magic): a 4-byte header length, a JSON header
(per head: labels, feature count, weight scale, biases, temperature, and the naive
Bayes's weight scale), then per head the sorted feature ids (uint32) and an int8 weight
row per feature: the regression's weight for each label, then the naive Bayes's.
"""

from __future__ import annotations

import json
import math
import os
import struct
import sys
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Collection
from itertools import repeat
from operator import itemgetter

from whichlayer._record import FrozenRecord, _set

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Literal

MAGIC = b"WLM1"
#: The shipped weights (``WEIGHTS``: the same as a ``Path``, made when asked for: pathlib
#: is not imported when an input loads the model).
WEIGHTS_FILE = os.path.join(os.path.dirname(__file__), "weights.bin")


def __getattr__(name: str) -> Path:
    if name == "WEIGHTS":
        from pathlib import Path

        return Path(WEIGHTS_FILE)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Plain classes, not dataclasses: an input the model weighs starts faster (``_record``).


class Prediction(FrozenRecord):
    """One head's answer: labels by calibrated probability, best first, and why."""

    __slots__ = ("ranked", "top_features")
    _fields = ("ranked", "top_features")
    ranked: list[tuple[str, float]]
    top_features: list[tuple[int, float]]  # (feature id, contribution to the best label)

    def __init__(
        self, ranked: list[tuple[str, float]], top_features: list[tuple[int, float]]
    ) -> None:
        _set(self, "ranked", ranked)
        _set(self, "top_features", top_features)


#: A head's rows of bytes (``Head._sums``) are made on its this-many-th use: a long run (a
#: library, a benchmark, ``scan``) repays the ~10 ms they take, one ``explain`` would not.
ROWS_AFTER = 3
#: Byte ``u`` (an int8 weight ``w`` read unsigned: ``w % 256``) -> the byte ``w + 128``.
_PLUS_128 = bytes((u + 128) % 256 for u in range(256))
#: A packed row's field (``Head._packed_rows``): four bytes, wide enough that a sum never
#: carries from one field into the next.
_FIELD_BYTES = 4
_FIELD_BITS = 8 * _FIELD_BYTES
_FIELD_MASK = (1 << _FIELD_BITS) - 1


def _row_width(labels: list[str], nb_scale: float | None) -> int:
    """Weights in a feature's row: one per label, twice that with a naive Bayes half."""
    return len(labels) * (1 if nb_scale is None else 2)


class Head:
    """One head (layer or cause) with int8 weights: a multinomial logistic regression over
    the features scaled to unit length, plus (``nb_scale``) a complement naive Bayes over
    their presence; a label's logit is the two summed."""

    __slots__ = (
        "_by_id",
        "_columns",
        "_ids",
        "_plus",
        "_rows",
        "_uses",
        "_weights",
        "bias",
        "labels",
        "nb_scale",
        "scale",
        "temperature",
        "width",
    )

    def __init__(
        self,
        labels: list[str],
        bias: list[float],
        scale: float,
        temperature: float,
        ids: array[int],
        weights: array[int],
        nb_scale: float | None = None,
    ) -> None:
        self.labels = labels
        self.bias = bias
        self.scale = scale
        self.temperature = temperature
        #: the naive Bayes half's weight scale (its weights follow the regression's in a
        #: row); None for a head that is a regression alone
        self.nb_scale = nb_scale
        self.width = _row_width(labels, nb_scale)
        self._ids = ids  # sorted: a short run finds its features' rows by bisection
        self._rows: dict[int, int] | None = None  # made when used enough (``rows``)
        self._weights = weights  # a row of ``width`` weights per feature
        self._plus: bytes | None = None  # the weights as bytes w + 128 (``_plus_rows``)
        self._columns: list[array[int]] | None = None  # made when asked for (``columns``)
        self._by_id: dict[int, int] | None = None  # made when used enough (``_sums``)
        self._uses = 0

    @property
    def rows(self) -> dict[int, int]:
        """Feature id -> its row (made on first use: 40,000 entries for the layer head, a
        third of the time ``explain`` takes to load the model)."""
        rows = self._rows
        if rows is None:
            ids = self._ids
            rows = self._rows = dict(zip(ids, range(len(ids)), strict=True))
        return rows

    @property
    def columns(self) -> list[array[int]]:
        """One weight column per label (the reference ``_sums`` is checked against)."""
        columns = self._columns
        if columns is None:
            width = self.width
            columns = self._columns = [self._weights[k::width] for k in range(width)]
        return columns

    def _plus_rows(self) -> bytes:
        """Each weight w (-128..127) as the byte w + 128, row after row: bytes are summed
        in C (``sum`` of a strided slice)."""
        plus = self._plus
        if plus is None:
            plus = self._plus = self._weights.tobytes().translate(_PLUS_128)
        return plus

    def _sums(self, feats: Collection[int]) -> list[int]:
        """Each label's sum of the weights of ``feats`` (those with weights). In a short run
        the rows an input has are found by bisection, joined and summed label by label in C;
        in a long one each feature's row is one integer holding all its weights
        (``_packed_rows``), so the sums are one ``sum`` of a lookup a feature. Both give the
        same integer sums as the columns (``_column_sums``)."""
        packed = self._by_id
        width = self.width
        if packed is None:
            self._uses += 1
            plus = self._plus_rows()
            if self._uses < ROWS_AFTER:  # a short run: rows found by bisection, nothing made
                joined = b"".join(
                    [plus[r * width : (r + 1) * width] for r in self._rows_of(feats)[1]]
                )
                count = len(joined) // width
                return [sum(joined[k::width]) - 128 * count for k in range(width)]
            packed = self._by_id = self._packed_rows(plus)
            self._plus = None  # the rows hold their own weights: the copy is not read again
        # a feature without weights adds 0; the field above the labels' counts the rows
        total = sum(map(packed.get, feats, repeat(0)))
        offset = 128 * (total >> (_FIELD_BITS * width))
        return [((total >> (_FIELD_BITS * k)) & _FIELD_MASK) - offset for k in range(width)]

    def _packed_rows(self, plus: bytes) -> dict[int, int]:
        """Feature id -> its row as one integer: field ``k`` (``_FIELD_BITS`` wide, lowest
        first) holds the ``k``-th weight plus 128, and the field above them 1, so a sum of
        rows holds each label's sum plus 128 a row, and the number of rows. A field never
        carries into the next: 255 a row over at most 2**20 rows (one a feature id) stays
        below 2**32. Laid out in C: the bytes of every row's fields written column by
        column into one buffer (a strided slice each), cut by one ``struct`` call, each
        piece read as a little-endian integer."""
        width, count = self.width, len(self._ids)
        step = (width + 1) * _FIELD_BYTES
        buffer = bytearray(step * count)
        for k in range(width):
            buffer[k * _FIELD_BYTES :: step] = plus[k::width]
        buffer[width * _FIELD_BYTES :: step] = b"\x01" * count
        pieces = struct.unpack(f"{step}s" * count, buffer)
        order: Literal["little"] = "little"
        return dict(zip(self._ids, map(int.from_bytes, pieces, repeat(order)), strict=True))

    def _column_sums(self, rows: list[int]) -> list[int]:
        """Each label's sum of the weights at ``rows``, read from its column."""
        if len(rows) < 2:  # itemgetter of one index returns the item, not a tuple
            return [sum(map(col.__getitem__, rows)) for col in self.columns]
        # one C call gathers a column's weights at every row (a third faster than a
        # ``map`` of ``__getitem__``); integer sums, so the same numbers to the bit
        gather = itemgetter(*rows)
        return [sum(gather(col)) for col in self.columns]

    def _rows_of(self, feats: Collection[int]) -> tuple[list[int], list[int]]:
        """The features of ``feats`` that have weights, and their rows (found in C: the
        dict's key view intersected with them, then one lookup each; in a short run, before
        the dict is made, by bisection of the sorted ids: the same features and rows)."""
        if self._rows is None and self._uses < ROWS_AFTER:
            ids = self._ids
            n = len(ids)
            had, at = [], []
            for feat in feats if isinstance(feats, set | frozenset) else set(feats):
                i = bisect_left(ids, feat)
                if i < n and ids[i] == feat:
                    had.append(feat)
                    at.append(i)
            return had, at
        rows = self.rows
        had = list(rows.keys() & feats)
        return had, list(map(rows.__getitem__, had))

    def predict(
        self, feats: Collection[int], allowed: set[str] | None = None, top: int = 40
    ) -> Prediction:
        """The labels by probability (among ``allowed``), with the ``top`` features behind
        the best one (none when ``top`` is 0: cheaper, for a decision that may not change)."""
        count = len(feats)
        norm = self.scale / math.sqrt(count) if count else 0.0
        sums, n = self._sums(feats), len(self.labels)
        logits = [total * norm + b for total, b in zip(sums[:n], self.bias, strict=True)]
        if self.nb_scale is not None:  # the naive Bayes: its sums over presence, unnormalised
            logits = [z + total * self.nb_scale for z, total in zip(logits, sums[n:], strict=True)]
        pairs = [
            (label, z / self.temperature)
            for label, z in zip(self.labels, logits, strict=True)
            if allowed is None or label in allowed
        ]
        if not pairs:
            return Prediction([], [])
        peak = max(z for _, z in pairs)
        exps = [(label, math.exp(z - peak)) for label, z in pairs]
        total = sum(e for _, e in exps)
        ranked = sorted(((label, e / total) for label, e in exps), key=lambda p: -p[1])
        if not top:
            return Prediction(ranked, [])
        best, weights, width = self.labels.index(ranked[0][0]), self._weights, self.width
        had, rows = self._rows_of(feats)
        # each feature's part of the best label's logit
        contrib = [
            (feat, weights[row * width + best] * norm) for feat, row in zip(had, rows, strict=True)
        ]
        if self.nb_scale is not None:
            nb, nb_scale = n + best, self.nb_scale
            contrib = [
                (feat, part + weights[row * width + nb] * nb_scale)
                for (feat, part), row in zip(contrib, rows, strict=True)
            ]
        contrib.sort(key=lambda c: (-c[1], c[0]))
        return Prediction(ranked, [c for c in contrib[:top] if c[1] > 0])


class Model(FrozenRecord):
    """The layer head, one cause head per layer, and the confidence threshold."""

    __slots__ = ("causes", "layer", "threshold")
    _fields = ("layer", "causes", "threshold")
    layer: Head
    causes: dict[str, Head]
    threshold: float

    def __init__(self, layer: Head, causes: dict[str, Head], threshold: float) -> None:
        _set(self, "layer", layer)
        _set(self, "causes", causes)
        _set(self, "threshold", threshold)

    def cause(
        self, layer: str, feats: Collection[int], allowed: set[str] | None = None, top: int = 40
    ) -> Prediction:
        """The cause given the layer (a layer whose errors all share one cause has no head),
        among ``allowed`` causes when given."""
        head = self.causes.get(layer)
        if head is None:
            return Prediction([("unknown", 1.0)], [])
        return head.predict(feats, allowed, top)


def loads(blob: bytes) -> Model:
    """A Model from the bytes ``bench/train.py`` writes."""
    if blob[:4] != MAGIC:
        raise ValueError("not a whichlayer model file")
    raw = zlib.decompress(blob[4:])
    (length,) = struct.unpack_from("<I", raw, 0)
    header = json.loads(raw[4 : 4 + length])
    pos = 4 + length
    heads: dict[str, Head] = {}
    for name in header["order"]:
        meta = header["heads"][name]
        n, width = meta["n"], _row_width(meta["labels"], meta.get("nb_scale"))
        ids = array("I")
        ids.frombytes(raw[pos : pos + 4 * n])
        if sys.byteorder == "big":
            ids.byteswap()
        pos += 4 * n
        weights = array("b")
        weights.frombytes(raw[pos : pos + n * width])
        pos += n * width
        heads[name] = Head(
            meta["labels"],
            meta["bias"],
            meta["scale"],
            meta["temperature"],
            ids,
            weights,
            meta.get("nb_scale"),
        )
    causes = {name.split(":", 1)[1]: h for name, h in heads.items() if name.startswith("cause:")}
    return Model(heads["layer"], causes, header["threshold"])


_SHIPPED = "shipped"
_state: dict[str, Model | str | None] = {"model": _SHIPPED}


def current() -> Model | None:
    """The model in use: the shipped weights, loaded on first call (None if absent)."""
    model = _state["model"]
    if model == _SHIPPED:
        try:
            with open(WEIGHTS_FILE, "rb") as handle:
                model = loads(handle.read())
        except (OSError, ValueError, zlib.error):
            model = None
        _state["model"] = model
    return model if isinstance(model, Model) else None


def use(model: Model | None) -> None:
    """Replace the model in use: ``None`` turns the fallback off (benchmarks measure the
    rules alone, or a model trained without a held-out set)."""
    _state["model"] = model


def use_shipped() -> None:
    """Go back to the shipped weights."""
    _state["model"] = _SHIPPED
