"""Fit text to a terminal: wrap at word boundaries with a hanging indent, so a wrapped
"Why" or action line continues under its own text, and no word is broken mid-word."""

from __future__ import annotations

import os
import re
import sys
import unicodedata

from whichlayer.prefilter import LazyPattern

#: What a line starts with that its continuation lines align after: a number ("1. "), a
#: bullet ("- ", "→ ", "x "), a short label ("first: ", "call:   ") or a table label
#: followed by two or more spaces ("layer       ").
_MARKER = LazyPattern(
    r"^(?:( *)(?:\d+\. +|[-*•→x!i] +)| +(?:[A-Za-z][\w -]{0,14}: +|[A-Za-z][\w-]{0,14} {2,})| *)"
)
#: Narrowest width wrapping makes sense at.
MIN_WIDTH = 30


def screen_width(stream: object = None) -> int | None:
    """The terminal's width when ``stream`` (stdout) is a terminal, else None (no wrapping:
    pipes and files get whole lines)."""
    out = stream if stream is not None else sys.stdout
    isatty = getattr(out, "isatty", None)
    if not (isatty and isatty()):
        return None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    # what shutil.get_terminal_size((80, 24)) gives here (shutil itself costs start-up time)
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def hanging_indent(line: str) -> int:
    m = _MARKER.match(line)
    return len(m.group(0)) if m else 0


def cells(text: str) -> int:
    """Terminal columns ``text`` takes (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def fit_line(line: str, width: int) -> list[str]:
    """``line`` as one or more lines of at most ``width`` columns, broken between words
    only (a word longer than the width stays whole on its own line)."""
    width = max(width, MIN_WIDTH)
    if cells(line) <= width:
        return [line]
    indent = hanging_indent(line)
    lead = len(line) - len(line.lstrip(" "))
    if indent > width // 2:
        indent = lead + 2
    out: list[str] = []
    current, used, space = line[:lead], lead, ""
    fresh = True  # nothing but indentation on the current line yet
    for token in re.findall(r"\S+|\s+", line[lead:]):
        if token.isspace():
            space = token
            continue
        size = cells(token)
        if fresh or used + len(space) + size <= width:
            current += ("" if fresh else space) + token
            used += (0 if fresh else len(space)) + size
        else:
            out.append(current)
            current, used = " " * indent + token, indent + size
        fresh, space = False, ""
    out.append(current)
    return out


def fit(text: str, width: int | None) -> str:
    """Every line of ``text`` fitted to ``width`` (None: unchanged)."""
    if width is None:
        return text
    ending = "\n" if text.endswith("\n") else ""
    lines = text[: len(text) - len(ending)].split("\n")
    return "\n".join(out for line in lines for out in fit_line(line, width)) + ending
