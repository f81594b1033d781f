"""Read live objects: SDK exceptions, httpx2/httpx responses and exceptions, OS errors.

Dependencies' errors are translated here and only here. Nothing is imported:
objects are read by duck typing, so openai, anthropic, httpx2, httpx,
requests, aiohttp and google-genai objects all work without loading them.
"""

from __future__ import annotations

import errno as errno_codes
import json

from whichlayer.evidence import Evidence, RequestId
from whichlayer.parse import printed
from whichlayer.parse import text as text_parser
from whichlayer.taxonomy import Origin

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Exception chains longer than this are cut (a chain is never that long in practice).
MAX_CHAIN = 12
#: Response bodies longer than this are not read.
MAX_BODY = 1_000_000


def parse_object(x: object) -> Evidence:
    """Evidence from an exception or a response object; other objects are read as text."""
    if isinstance(x, BaseException):
        return _from_exception(x)
    if _is_response(x):
        ev = Evidence()
        lines = _read_response(x, ev)
        text = "\n".join(lines)
        ev.text = text
        text_parser.read_into(ev, text)
        return ev
    try:
        rendering = str(x)
    except Exception:  # a broken __str__ must not break a diagnosis
        rendering = object.__repr__(x)
    return text_parser.parse_text(rendering)


def _from_exception(exc: BaseException) -> Evidence:
    ev = Evidence()
    lines: list[str] = []
    for link in _chain(exc):
        name = _qualified_name(link)
        ev.exception_types.append(name)
        lines.append(f"{name}: {_safe_str(link)}")
        lines += _os_error_facts(link)
        response = getattr(link, "response", None)
        if ev.status is None and _is_response(response):
            lines += _read_response(response, ev)
        elif ev.status is None and isinstance(response, dict):
            # botocore's ClientError.response: the parsed error and the reply's metadata
            ev.status = printed.response_status(response)
            ev.status_source = "exception" if ev.status is not None else None
        _read_sdk_fields(link, ev)
    text = "\n".join(lines)
    ev.text = text
    text_parser.read_into(ev, text)
    return ev


def _chain(exc: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in out and len(out) < MAX_CHAIN:
        out.append(current)
        current = current.__cause__ or current.__context__
    return out


def _qualified_name(exc: BaseException) -> str:
    cls = type(exc)
    module = cls.__module__
    if module in ("builtins", "__main__"):
        return cls.__qualname__
    return f"{module}.{cls.__qualname__}"


def _safe_str(value: object) -> str:
    try:
        return str(value)
    except Exception:
        return object.__repr__(value)


def _os_error_facts(exc: BaseException) -> list[str]:
    """Name the errno of OS-level errors (``[Errno 111] Connection refused`` -> ECONNREFUSED)."""
    code = getattr(exc, "errno", None)
    if isinstance(exc, OSError) and isinstance(code, int):
        name = errno_codes.errorcode.get(code)
        if name:
            return [f"errno {code} {name}"]
    return []


def _is_response(x: object) -> bool:
    return hasattr(x, "status_code") and hasattr(x, "headers") and not isinstance(x, type)


def _read_response(response: Any, ev: Evidence) -> list[str]:
    """Status, headers, URL and body of an httpx2/httpx/requests/aiohttp response."""
    status = getattr(response, "status_code", None)
    if isinstance(status, int):
        ev.status = status
        ev.status_source = "response"
    try:
        headers = {str(k).lower(): str(v) for k, v in dict(response.headers).items()}
    except Exception:
        headers = {}
    ev.headers.update(headers)
    _read_request(getattr(response, "_request", None) or _try(response, "request"), ev)
    lines = [f"HTTP {status}"] if isinstance(status, int) else []
    body = _response_text(response)
    if body:
        lines.append(body)
    return lines


def _try(obj: Any, name: str) -> Any:
    try:
        return getattr(obj, name)
    except Exception:  # httpx raises when a response has no request
        return None


#: Headers that carry the API key, in the order clients use them.
_KEY_HEADERS = ("x-api-key", "api-key", "x-goog-api-key", "authorization")


def _read_sent_key(request: Any, ev: Evidence) -> None:
    """The platform and fingerprint of the key the request carried; the key itself is
    never kept."""
    try:
        headers = {str(k).lower(): str(v) for k, v in dict(request.headers).items()}
    except Exception:
        return
    key = next((headers[h] for h in _KEY_HEADERS if headers.get(h)), None)
    if key is None:
        query = getattr(getattr(request, "url", None), "params", None)
        key = query.get("key") if query is not None else None
    if not key:
        return
    scheme, _, token = key.partition(" ")
    if token and scheme.lower() in ("bearer", "token"):
        key = token
    from whichlayer.redact import fingerprint

    found = fingerprint(key.strip())
    ev.key_platform = found.platform
    ev.key_fingerprint = str(found)


def _read_request(request: Any, ev: Evidence) -> None:
    if request is None:
        return
    if ev.key_platform is None:
        _read_sent_key(request, ev)
    method = getattr(request, "method", None)
    if isinstance(method, str):
        ev.method = method
    url = getattr(request, "url", None)
    host = getattr(url, "host", None)
    path = getattr(url, "path", None)
    if isinstance(host, str) and host:
        ev.host = host
    if isinstance(path, str) and path:
        ev.path = path


def _response_text(response: Any) -> str:
    for attr in ("text", "content"):
        try:
            value = getattr(response, attr)
        except Exception:  # a streamed response that was not read
            continue
        if isinstance(value, bytes):
            value = text_parser.decode_bytes(value[:MAX_BODY])
        if isinstance(value, str):
            return value[:MAX_BODY]
    return ""


def _read_sdk_fields(exc: BaseException, ev: Evidence) -> None:
    """The openai/anthropic/google-genai exception attributes: status, body, request id."""
    status = getattr(exc, "status_code", None)
    if status is None:
        status = getattr(exc, "code", None)
    valid = isinstance(status, int) and not isinstance(status, bool) and 100 <= status <= 599
    if valid and ev.status is None:
        ev.status = status
        ev.status_source = "exception"
    body = getattr(exc, "body", None)
    if body is None:
        body = getattr(exc, "details", None)
    if isinstance(body, dict | list):
        text_parser.collect_value(body, ev)
        import contextlib  # here: a paste (explain's start) never needs it

        with contextlib.suppress(TypeError, ValueError, RecursionError):
            ev.text += "\n" + json.dumps(body, ensure_ascii=False, default=str)
    request_id = getattr(exc, "request_id", None)
    if (
        isinstance(request_id, str)
        and request_id
        and all(r.value != request_id for r in ev.request_ids)
    ):
        ev.request_ids.append(RequestId(request_id, Origin.UNKNOWN, "sdk request_id"))
    _read_request(_try(exc, "request"), ev)
