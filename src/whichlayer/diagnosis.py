"""Diagnosis: the judgement made from Evidence, with the reasons for it."""

from __future__ import annotations

from whichlayer._record import Record
from whichlayer.evidence import RequestId
from whichlayer.taxonomy import Cause, Layer, Origin, Retry

TYPE_CHECKING = False
if TYPE_CHECKING:
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


class Diagnosis(Record):
    """Which layer failed, why, who said so, what to do first, and whether to retry."""

    _fields = (
        "layer",
        "cause",
        "origin",
        "retry",
        "confidence",
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
    __slots__ = _fields

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
        self.layer = layer  # None only when nothing in the input points at a layer
        self.cause = cause
        self.origin = origin
        self.retry = retry
        self.confidence = confidence
        self.summary = summary
        self.actions: list[str] = [] if actions is None else actions
        self.facts: list[Fact] = [] if facts is None else facts
        self.status = status
        self.provider = provider
        self.request_ids: list[RequestId] = [] if request_ids is None else request_ids
        self.retry_after_s = retry_after_s
        self.model = model
        self.host = host
        self.path = path
        #: Where the input hides the cause (a client's own summary line, a transport error
        #: without its reason): the causes it can stand for. Empty when the input tells.
        self.candidates: list[Cause] = [] if candidates is None else candidates

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
