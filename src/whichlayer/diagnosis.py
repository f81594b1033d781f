"""Diagnosis: the judgement made from Evidence, with the reasons for it."""

from __future__ import annotations

from whichlayer._record import LaterRecord, Record, defer, later_slots
from whichlayer.evidence import RequestId
from whichlayer.taxonomy import Cause, Layer, Origin, Retry

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

# Plain classes, not dataclasses: ``whichlayer explain`` starts faster (``_record``).


class Fact(Record):
    """A rule that fired and the facts it used."""

    __slots__ = ("rule", "statement", "used")
    _fields = ("rule", "statement", "used")

    def __init__(self, rule: str, statement: str, used: dict[str, str] | None = None) -> None:
        self.rule = rule
        self.statement = statement
        self.used: dict[str, str] = {} if used is None else used

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "statement": self.statement, "used": dict(self.used)}


#: The fields of a Diagnosis that ``Diagnosis.pending`` leaves to be made when first used:
#: all but the verdict (layer, cause, origin, retry) and its confidence, which come first;
#: in the order of ``Diagnosis._fields`` (its repr's).
_DEFERRED = (
    "summary",
    "actions",
    "facts",
    "status",
    "provider",
    "request_ids",
    "retry_after_s",
    "model",
    "host",
    "path",
    "candidates",
)


class Diagnosis(LaterRecord):
    """Which layer failed, why, who said so, what to do first, and whether to retry.

    Every field but the verdict and its confidence is deferred (``_DEFERRED``): a Diagnosis
    made by ``pending`` makes them when one is first used, from the same decision."""

    _fields = ("layer", "cause", "origin", "retry", "confidence", *_DEFERRED)
    __slots__ = later_slots(_fields, _DEFERRED)
    if TYPE_CHECKING:
        summary: str
        actions: list[str]
        facts: list[Fact]
        status: int | None
        provider: str | None
        request_ids: list[RequestId]
        retry_after_s: float | None
        model: str | None
        host: str | None
        path: str | None
        candidates: list[Cause]

    def __init__(
        self,
        layer: Layer | None,
        cause: Cause,
        origin: Origin,
        retry: Retry,
        confidence: float,
        summary: str,
        actions: list[str] | None = None,
        facts: list[Fact] | None = None,
        status: int | None = None,
        provider: str | None = None,
        request_ids: list[RequestId] | None = None,
        retry_after_s: float | None = None,
        model: str | None = None,
        host: str | None = None,
        path: str | None = None,
        candidates: list[Cause] | None = None,
    ) -> None:
        self._later = None  # no step pending
        self.layer = layer  # None only when nothing in the input points at a layer
        self.cause = cause
        self.origin = origin
        self.retry = retry
        self.confidence = confidence
        self._summary = summary
        self._actions: list[str] = [] if actions is None else actions
        self._facts: list[Fact] = [] if facts is None else facts
        self._status = status
        self._provider = provider
        self._request_ids: list[RequestId] = [] if request_ids is None else request_ids
        self._retry_after_s = retry_after_s
        self._model = model
        self._host = host
        self._path = path
        #: Where the input hides the cause (a client's own summary line, a transport error
        #: without its reason): the causes it can stand for. Empty when the input tells.
        self._candidates: list[Cause] = [] if candidates is None else candidates

    @classmethod
    def pending(
        cls,
        layer: Layer | None,
        cause: Cause,
        origin: Origin,
        retry: Retry,
        confidence: float,
        make: Callable[[], Diagnosis],
    ) -> Diagnosis:
        """A Diagnosis of this verdict whose other fields are those of ``make()`` (a
        Diagnosis of the same verdict), made when one of them is first used: a caller that
        reads only the verdict never pays for the words."""
        d = cls.__new__(cls)
        d.layer = layer
        d.cause = cause
        d.origin = origin
        d.retry = retry
        d.confidence = confidence
        d._later = lambda record: record._take(make())
        return d

    def _take(self, made: Diagnosis) -> None:
        """The deferred fields of ``made`` as this Diagnosis's own."""
        for name in _DEFERRED:
            setattr(self, "_" + name, getattr(made, "_" + name))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (what ``whichlayer explain --json`` prints); ``candidate_causes`` only
        where the input hides the cause."""
        out = {
            "layer": str(self.layer) if self.layer is not None else None,
            "cause": str(self.cause),
            "origin": str(self.origin),
            "retry": str(self.retry),
            "confidence": round(self.confidence, 2),
            "status": self.status,
            "provider": self.provider,
            "request_ids": [r.to_dict() for r in self.request_ids],
            "retry_after_s": self.retry_after_s,
            "model": self.model,
            "host": self.host,
            "path": self.path,
            "summary": self.summary,
            "actions": list(self.actions),
            "facts": [f.to_dict() for f in self.facts],
        }
        if self.candidates:
            out["candidate_causes"] = [str(c) for c in self.candidates]
        return out


defer(Diagnosis, *_DEFERRED)
