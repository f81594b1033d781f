"""Neutralising terminal control characters in anything a person reads.

A paste may carry ESC/CSI sequences (``ESC[2J`` clears the screen), OSC
sequences (window titles, hyperlinks), BEL, C1 controls, NUL and bidi
overrides (U+202E reverses what follows). Printed raw, they drive the
reader's terminal or disguise text. ``neutralize_controls`` shows each of
them escaped (``\\x1b``, ``\\u202e``) so the text reads the same everywhere and
does nothing; ``escape_json_controls`` does the same for JSON text, where the
escape keeps the document valid and decodes to the original character.
"""

from __future__ import annotations

import re

from whichlayer.prefilter import LazyPattern

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# C0 except TAB and LF, DEL, C1, and the invisible direction marks and overrides.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL_RE = re.compile(f"[{_CONTROLS}]")
_CRLF = LazyPattern(r"\r\n")


def _shown(m: re.Match[str]) -> str:
    o = ord(m.group())
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


def _json_escaped(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


def neutralize_controls(text: str) -> str:
    """``text`` with every terminal control character shown escaped (``ESC`` as ``\\x1b``).

    Line feeds and tabs stay; a CR LF pair becomes a line feed; a lone CR, which
    lets a line overwrite itself, is shown as ``\\x0d``. Idempotent, and the
    one function every human-readable output (text, Markdown, a rich terminal)
    passes through.
    """
    if _CONTROL_RE.search(text) is None:
        return text
    return _CONTROL_RE.sub(_shown, _CRLF.sub("\n", text))


def neutralize_data(value: Any) -> Any:
    """``neutralize_controls`` applied to every string (dict keys too) in JSON-like data."""
    if isinstance(value, str):
        return neutralize_controls(value)
    if isinstance(value, dict):
        return {neutralize_data(k): neutralize_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(neutralize_data(v) for v in value)
    return value


def escape_json_controls(json_text: str) -> str:
    """JSON text with control characters that ``json.dumps(ensure_ascii=False)`` keeps raw
    (DEL, C1, bidi marks) written as ``\\uXXXX`` escapes: still valid, same values."""
    if _CONTROL_RE.search(json_text) is None:
        return json_text
    return _CONTROL_RE.sub(_json_escaped, json_text)
