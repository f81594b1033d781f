"""Diagnosis: the judgement made from Evidence, with the reasons for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from whichlayer.evidence import RequestId
from whichlayer.taxonomy import Cause, Layer, Origin, Retry


@dataclass(slots=True)
class Fact:
    """A rule that fired and the facts it used."""

    rule: str
    statement: str
    used: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "statement": self.statement, "used": dict(self.used)}


@dataclass(slots=True)
class Diagnosis:
    """Which layer failed, why, who said so, what to do first, and whether to retry."""

    layer: Layer | None  # None only when nothing in the input points at a layer
    cause: Cause
    origin: Origin
    retry: Retry
    confidence: float
    summary: str
    actions: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    status: int | None = None
    provider: str | None = None
    request_ids: list[RequestId] = field(default_factory=list)
    retry_after_s: float | None = None
    model: str | None = None
    host: str | None = None
    path: str | None = None
    #: Where the input hides the cause (a client's own summary line, a transport error
    #: without its reason): the causes it can stand for. Empty when the input tells.
    candidates: list[Cause] = field(default_factory=list)

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
