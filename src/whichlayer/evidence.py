"""Evidence: what was seen in a failed call, with nothing inferred.

Parsers fill an :class:`Evidence`; rules read it. The same Evidence always
gives the same Diagnosis, so the classifier is testable from data alone.
"""

from __future__ import annotations

from whichlayer._record import LaterRecord, Record, defer, later_slots
from whichlayer.taxonomy import Origin

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Plain classes, not dataclasses: ``whichlayer explain`` starts faster (``_record``).


class RequestId(Record):
    """A request id and the party that issued it."""

    __slots__ = ("party", "source", "value")
    _fields = ("value", "party", "source")

    def __init__(self, value: str, party: Origin, source: str) -> None:
        self.value = value
        self.party = party
        self.source = source  # where it was read: a header name, a body field, the text

    def to_dict(self) -> dict[str, str]:
        return {"value": self.value, "party": str(self.party), "source": self.source}


class ErrorBody(Record):
    """One error object found in the input; nested ones get a larger depth."""

    _fields = (
        "dialect",
        "status",
        "type",
        "code",
        "message",
        "param",
        "status_text",
        "reasons",
        "provider_name",
        "depth",
    )
    __slots__ = _fields

    def __init__(
        self,
        dialect: str,
        status: int | None = None,
        type: str | None = None,
        code: str | None = None,
        message: str | None = None,
        param: str | None = None,
        status_text: str | None = None,
        reasons: list[str] | None = None,
        provider_name: str | None = None,
        depth: int = 0,
    ) -> None:
        self.dialect = dialect  # whose format: openai, anthropic, google, new-api, ...
        self.status = status
        self.type = type
        self.code = code
        self.message = message
        self.param = param
        self.status_text = status_text  # e.g. Google's RESOURCE_EXHAUSTED
        self.reasons: list[str] = [] if reasons is None else reasons  # Google ErrorInfo / quota ids
        self.provider_name = provider_name  # a relay naming its upstream
        self.depth = depth

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


#: The fields of an Evidence a parser may leave to a deferred step (``_<name>``: their slots).
_DEFERRED = ("request_ids", "retry_after_s", "limits", "model", "client")


class Evidence(LaterRecord):
    """Facts read from one failed call: a paste, an HTTP exchange or an exception.

    ``request_ids``, ``retry_after_s``, ``limits``, ``model`` and ``client`` are deferred
    fields: a parser may leave the scans of the text that find them pending (``later``), as
    the rules read none of them but the limits (one rule); they run when one of these
    fields is first read or assigned, and give what they would have given at once."""

    _fields = (
        "text",
        "status",
        "status_source",
        "statuses",
        "headers",
        "bodies",
        "html_title",
        "html_vendor",
        "exception_types",
        "transport",
        "request_ids",
        "retry_after_s",
        "limits",
        "model",
        "host",
        "path",
        "method",
        "client",
        "key_platform",
        "key_fingerprint",
        "truncated",
    )
    __slots__ = later_slots(_fields, _DEFERRED)
    if TYPE_CHECKING:
        request_ids: list[RequestId]
        retry_after_s: float | None
        limits: dict[str, float]
        model: str | None
        client: str | None

    def __init__(
        self,
        text: str = "",
        status: int | None = None,
        status_source: str | None = None,
        statuses: list[int] | None = None,
        headers: dict[str, str] | None = None,
        bodies: list[ErrorBody] | None = None,
        html_title: str | None = None,
        html_vendor: str | None = None,
        exception_types: list[str] | None = None,
        transport: list[str] | None = None,
        request_ids: list[RequestId] | None = None,
        retry_after_s: float | None = None,
        limits: dict[str, float] | None = None,
        model: str | None = None,
        host: str | None = None,
        path: str | None = None,
        method: str | None = None,
        client: str | None = None,
        key_platform: str | None = None,
        key_fingerprint: str | None = None,
        truncated: bool = False,
    ) -> None:
        self._later = None  # no step pending
        self.text = text
        self.status = status
        self.status_source = status_source  # "response", "exception", "text", "body"
        #: every status seen, outermost first
        self.statuses: list[int] = [] if statuses is None else statuses
        self.headers: dict[str, str] = {} if headers is None else headers  # lower-cased names
        self.bodies: list[ErrorBody] = [] if bodies is None else bodies
        self.html_title = html_title
        self.html_vendor = html_vendor  # cloudflare, nginx, ... when an HTML page was seen
        #: dotted or bare names
        self.exception_types: list[str] = [] if exception_types is None else exception_types
        #: transport signals, e.g. "ECONNRESET"
        self.transport: list[str] = [] if transport is None else transport
        self._request_ids: list[RequestId] = [] if request_ids is None else request_ids
        self._retry_after_s = retry_after_s
        #: limit, used, requested, ...
        self._limits: dict[str, float] = {} if limits is None else limits
        self._model = model
        self.host = host
        self.path = path
        self.method = method
        self._client = client  # the tool that printed it, when recognisable
        #: platform of the key the request carried (never the key)
        self.key_platform = key_platform
        #: the masked key: platform, prefix, last 4, length
        self.key_fingerprint = key_fingerprint
        self.truncated = truncated  # the input was longer than what was read

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


defer(Evidence, *_DEFERRED)
