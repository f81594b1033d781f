"""Parsers: turn what people paste, or what an HTTP client raised, into Evidence.

Parsers never guess: they record what was seen.
"""

from __future__ import annotations

from whichlayer.evidence import Evidence


def read(x: object) -> Evidence:
    """Dispatch on the kind of input. Unknown kinds are read as their text."""
    from whichlayer.parse import objects, text

    if isinstance(x, bytes | bytearray | memoryview):
        return text.parse_text(text.decode_bytes(bytes(x)))
    if isinstance(x, str):
        return text.parse_text(x)
    if isinstance(x, dict | list):
        return text.parse_json_value(x)
    return objects.parse_object(x)
