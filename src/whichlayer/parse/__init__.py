"""Parsers: turn what people paste, or what an HTTP client raised, into Evidence.

Parsers never guess: they record what was seen.
"""

from __future__ import annotations

from collections.abc import Callable

from whichlayer.evidence import Evidence

#: ``parse.text.parse_text``, kept after the first read (importing this package stays
#: cheap): a pasted text, the common input, then skips the import statement.
_parse_text: Callable[[str], Evidence] | None = None


def read(x: object) -> Evidence:
    """Dispatch on the kind of input. Unknown kinds are read as their text."""
    global _parse_text
    if _parse_text is not None and isinstance(x, str):
        return _parse_text(x)
    from whichlayer.parse import objects, text

    _parse_text = text.parse_text
    if isinstance(x, bytes | bytearray | memoryview):
        return text.parse_text(text.decode_bytes(bytes(x)))
    if isinstance(x, str):
        return text.parse_text(x)
    if isinstance(x, dict | list):
        return text.parse_json_value(x)
    return objects.parse_object(x)
