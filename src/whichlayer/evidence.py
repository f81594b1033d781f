"""Evidence: what was seen in a failed call, with nothing inferred.

Parsers fill an :class:`Evidence`; rules read it. The same Evidence always
gives the same Diagnosis, so the classifier is testable from data alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from whichlayer.taxonomy import Origin


@dataclass(slots=True)
class RequestId:
    """A request id and the party that issued it."""

    value: str
    party: Origin
    source: str  # where it was read: a header name, a body field, the text

    def to_dict(self) -> dict[str, str]:
        return {"value": self.value, "party": str(self.party), "source": self.source}


@dataclass(slots=True)
class ErrorBody:
    """One error object found in the input; nested ones get a larger depth."""

    dialect: str  # whose format: openai, anthropic, google, new-api, ...
    status: int | None = None
    type: str | None = None
    code: str | None = None
    message: str | None = None
    param: str | None = None
    status_text: str | None = None  # e.g. Google's RESOURCE_EXHAUSTED
    reasons: list[str] = field(default_factory=list)  # Google ErrorInfo / quota ids
    provider_name: str | None = None  # a relay naming its upstream
    depth: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "dialect": self.dialect,
            "status": self.status,
            "type": self.type,
            "code": self.code,
            "message": self.message,
            "param": self.param,
            "status_text": self.status_text,
            "reasons": list(self.reasons),
            "provider_name": self.provider_name,
            "depth": self.depth,
        }


@dataclass(slots=True)
class Evidence:
    """Facts read from one failed call: a paste, an HTTP exchange or an exception."""

    text: str = ""
    status: int | None = None
    status_source: str | None = None  # "response", "exception", "text", "body"
    statuses: list[int] = field(default_factory=list)  # every status seen, outermost first
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    bodies: list[ErrorBody] = field(default_factory=list)
    html_title: str | None = None
    html_vendor: str | None = None  # cloudflare, nginx, ... when an HTML page was seen
    exception_types: list[str] = field(default_factory=list)  # dotted or bare names
    transport: list[str] = field(default_factory=list)  # transport signals, e.g. "ECONNRESET"
    request_ids: list[RequestId] = field(default_factory=list)
    retry_after_s: float | None = None
    limits: dict[str, float] = field(default_factory=dict)  # limit, used, requested, ...
    model: str | None = None
    host: str | None = None
    path: str | None = None
    method: str | None = None
    client: str | None = None  # the tool that printed it, when recognisable
    key_platform: str | None = None  # platform of the key the request carried (never the key)
    key_fingerprint: str | None = None  # the masked key: platform, prefix, last 4, length
    truncated: bool = False  # the input was longer than what was read

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "status_source": self.status_source,
            "statuses": list(self.statuses),
            "headers": dict(self.headers),
            "bodies": [b.to_dict() for b in self.bodies],
            "html_title": self.html_title,
            "html_vendor": self.html_vendor,
            "exception_types": list(self.exception_types),
            "transport": list(self.transport),
            "request_ids": [r.to_dict() for r in self.request_ids],
            "retry_after_s": self.retry_after_s,
            "limits": dict(self.limits),
            "model": self.model,
            "host": self.host,
            "path": self.path,
            "method": self.method,
            "client": self.client,
            "key_platform": self.key_platform,
            "key_fingerprint": self.key_fingerprint,
            "truncated": self.truncated,
        }
