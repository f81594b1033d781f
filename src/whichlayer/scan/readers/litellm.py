"""LiteLLM proxy: its JSON logs and its spend-log rows (JSONL or CSV exports).

- With ``JSON_LOGS=True`` the proxy logs one JSON object per line:
  ``{"message": "...", "level": "ERROR", "timestamp": "..."}``; a failed call is
  an ``ERROR`` line whose message carries the exception
  (``litellm.RateLimitError: ...``, ``... model group 'x' failed ...``).
- Spend logs (``LiteLLM_SpendLogs``, exported as JSONL or CSV) have one row per
  call: ``request_id``, ``api_key`` (a hash of the virtual key), ``model``,
  ``model_group``, ``api_base``, ``startTime``, ``status`` (``success`` or
  ``failure``) and ``metadata`` whose ``error_information`` holds
  ``error_code``, ``error_class`` and ``error_message``.
"""

from __future__ import annotations

import csv
import json
from typing import Any

from whichlayer.scan.model import Failure, parse_time, status_of
from whichlayer.scan.readers._json import as_text, first_lines_json, loads

NAME = "litellm"
NEEDLES = (
    b'"level": "ERROR"',
    b'"level":"ERROR"',
    b"failure",
    b"error_information",
)
_SPEND_KEYS = {"request_id", "call_type", "api_key", "spend"}


def sniff(lines: list[str]) -> bool:
    objs = first_lines_json(lines)
    for obj in objs:
        if obj.keys() >= _SPEND_KEYS:
            return True
        message = obj.get("message")
        if "level" in obj and isinstance(message, str) and "litellm" in message.lower():
            return True
    if lines and not lines[0].lstrip().startswith("{"):
        header = next(csv.reader([lines[0]]), [])
        return set(header) >= _SPEND_KEYS
    return False


def parse(line: str, state: dict[str, Any]) -> Failure | None:
    obj = loads(line)
    if obj is None:
        header = state.get("header")
        if header is None:
            fields = next(csv.reader([line]), [])
            if set(fields) >= _SPEND_KEYS:
                state["header"] = fields
            return None
        try:
            values = next(csv.reader([line]), [])
        except csv.Error:
            return None
        obj = dict(zip(header, values, strict=False))
    if obj.keys() >= _SPEND_KEYS or ("status" in obj and "request_id" in obj):
        return _spend_row(obj)
    if str(obj.get("level", "")).upper() == "ERROR" and isinstance(obj.get("message"), str):
        return Failure(text=obj["message"], when=parse_time(obj.get("timestamp")))
    return None


def _spend_row(row: dict[str, Any]) -> Failure | None:
    if str(row.get("status", "")).lower() != "failure":
        return None
    metadata = row.get("metadata")
    if isinstance(metadata, str):
        try:
            metadata = json.loads(metadata)
        except ValueError:
            metadata = {}
    info = metadata.get("error_information") if isinstance(metadata, dict) else None
    info = info if isinstance(info, dict) else {}
    message = as_text(info.get("error_message")) or as_text(row.get("error"))
    error_class = info.get("error_class")
    if isinstance(error_class, str) and error_class and error_class not in message:
        message = f"litellm.{error_class}: {message}"
    status = status_of(info.get("error_code"))
    if status and str(status) not in message[:60]:
        message = f"HTTP {status} {message}"
    model = row.get("model_group") or row.get("model")
    return Failure(
        text=message,
        when=parse_time(row.get("startTime") or row.get("start_time")),
        status=status,
        model=model if isinstance(model, str) and model else None,
        host=row.get("api_base") if isinstance(row.get("api_base"), str) else None,
        key=_key(row),
        request_id=row.get("request_id") if isinstance(row.get("request_id"), str) else None,
    )


def _key(row: dict[str, Any]) -> str | None:
    """The virtual key as LiteLLM logs it (a hash), or its alias: never a key itself."""
    metadata = row.get("metadata")
    if isinstance(metadata, dict):
        alias = metadata.get("user_api_key_alias")
        if isinstance(alias, str) and alias:
            return f"alias:{alias}"
    key = row.get("api_key")
    if isinstance(key, str) and len(key) >= 12:
        return f"litellm-key#{key[-8:]}"
    return None
