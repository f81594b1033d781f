"""Small helpers the JSON-based readers share."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

_fast_loads: Callable[[str], Any]
_fast_bytes_loads: Callable[[bytes], Any]
try:  # orjson parses a log line several times faster; the standard library is the fallback
    from orjson import loads as _fast_bytes_loads
    from orjson import loads as _fast_loads
except ImportError:  # pragma: no cover
    _fast_loads = json.loads
    _fast_bytes_loads = json.loads


#: A line's bytes parsed as JSON; ValueError for anything not strict JSON in UTF-8.
loads_bytes: Callable[[bytes], Any] = _fast_bytes_loads


def loads(line: str) -> dict[str, Any] | None:
    """One JSON object per line; anything else (or a truncated line) is None."""
    line = line.strip()
    if not line.startswith("{"):
        return None
    try:
        obj = _fast_loads(line)
    except ValueError:
        return None
    return obj if isinstance(obj, dict) else None


def first_lines_json(lines: list[str]) -> list[dict[str, Any]]:
    out = []
    for line in lines[:50]:
        obj = loads(line)
        if obj is not None:
            out.append(obj)
    return out


def text_of(content: object) -> str:
    """The text of a message's content: a string, or text blocks joined."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for block in content:
            if isinstance(block, dict) and isinstance(block.get("text"), str):
                parts.append(block["text"])
            elif isinstance(block, str):
                parts.append(block)
        return "\n".join(parts)
    return ""


def as_text(value: object) -> str:
    """A field as text for the engine: strings as they are, objects as compact JSON."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    try:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    except (TypeError, ValueError):
        return str(value)
