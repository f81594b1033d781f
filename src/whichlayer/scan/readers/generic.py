"""Any JSON-lines log with an HTTP status and an error body (gateways, apps, exports).

Field names vary; the reader takes the first of each family it finds:
status (``status``, ``status_code``, ``statusCode``, ``http_status``,
``response_status``, ``response_code``), the error (``error``, ``response_body``,
``response``, ``body``, ``error_message``), time, model, host, the key's name or
fingerprint (never a raw key: a value that looks like one is fingerprinted),
request id, and a request hash for retries.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from whichlayer.scan.model import Failure, parse_time, status_of
from whichlayer.scan.readers._json import as_text, first_lines_json, loads

NAME = "jsonl"
_STATUS_NEEDLES = tuple(
    f'"{key}":{space}{quote}{digit}'.encode()
    for key in ("status", "status_code", "statusCode", "http_status", "response_status")
    for space in ("", " ")
    for quote in ("", '"')
    for digit in ("4", "5")
)
NEEDLES = (*_STATUS_NEEDLES, b'"error":{', b'"error": {', b'"error":"', b'"error": "')

STATUS_KEYS = ("status", "status_code", "statusCode", "http_status", "response_status",
               "response_code")  # fmt: skip
ERROR_KEYS = ("error", "response_body", "response", "body", "error_message", "err")
TIME_KEYS = ("timestamp", "time", "ts", "@timestamp", "start_time", "startTime", "date")
MODEL_KEYS = ("model", "model_name", "model_group", "model_id")
HOST_KEYS = ("host", "upstream", "upstream_host", "api_base", "base_url", "provider")
KEY_KEYS = ("key_fingerprint", "key_alias", "key_name", "token_name", "api_key_hash",
            "user_api_key_alias", "api_key")  # fmt: skip
RID_KEYS = ("request_id", "requestId", "x_request_id", "x-request-id", "req_id")
HASH_KEYS = ("body_hash", "request_hash", "prompt_hash", "request_body_hash")


def sniff(lines: list[str]) -> bool:
    objs = first_lines_json(lines)
    return any(any(k in obj for k in (*STATUS_KEYS, "error")) for obj in objs)


def _first(obj: dict[str, Any], keys: tuple[str, ...], state: dict[str, Any]) -> Any:
    """The first field of a family present; the name found last time is tried first
    (a log names its fields the same way on every line)."""
    known = state.get(keys[0])
    if known is not None:
        value = obj.get(known)
        if value not in (None, ""):
            return value
    for key in keys:
        value = obj.get(key)
        if value not in (None, ""):
            state[keys[0]] = key
            return value
    request = obj.get("request")
    if isinstance(request, dict):
        for key in keys:
            value = request.get(key)
            if value not in (None, ""):
                return value
    return None


def parse(line: str, state: dict[str, Any]) -> Failure | None:
    obj = loads(line)
    if obj is None:
        return None
    status = status_of(_first(obj, STATUS_KEYS, state))
    error = _first(obj, ERROR_KEYS, state)
    if status is not None and status < 400:
        return None
    if status is None and not isinstance(error, dict | str):
        return None
    text = as_text(error)
    if status is not None and str(status) not in text[:40]:
        text = f"HTTP {status} {text}".rstrip()
    model = _first(obj, MODEL_KEYS, state)
    host = _first(obj, HOST_KEYS, state)
    rid = _first(obj, RID_KEYS, state)
    digest = _first(obj, HASH_KEYS, state)
    return Failure(
        text=text,
        when=parse_time(_first(obj, TIME_KEYS, state)),
        status=status,
        model=model if isinstance(model, str) else None,
        host=host if isinstance(host, str) else None,
        key=_key(_first(obj, KEY_KEYS, state)),
        request_id=rid if isinstance(rid, str) else None,
        identity=f"hash:{digest}" if isinstance(digest, str) else None,
    )


def _key(value: object) -> str | None:
    """A key's name or fingerprint as logged; a raw key is fingerprinted, never kept."""
    if not isinstance(value, str) or not value:
        return None
    return _key_text(value)


@lru_cache(maxsize=4096)
def _key_text(value: str) -> str:
    from whichlayer.redact import mask_secret, redact_text

    if redact_text(value) != value:  # the value itself is a secret
        return mask_secret(value)
    return value[:80]
