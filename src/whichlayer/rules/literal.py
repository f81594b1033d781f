"""Cheap prefilters for regular expressions: the literal text each alternative needs.

A phrase pattern like ``r"incorrect api key|api key not valid"`` is tried
only where ``"incorrect api key"`` or ``"api key not valid"`` occurs. A
substring test is far cheaper than a regex search, and most inputs contain
few of the phrases, so the engine skips most of its patterns.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

#: Literals shorter than this are not selective enough to gate on (CJK: two characters
#: already are).
MIN_LITERAL = 3
MIN_CJK_LITERAL = 2
_CLASS_ESCAPES = frozenset("bBdDsSwWAZ0123456789")
_QUANTIFIERS = frozenset("?*+{")


def _structure(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """``(index, char, depth)`` for each char of ``pattern`` from ``start`` that is outside
    escapes and character classes; ``depth`` counts the groups open before the char."""
    depth = 0
    in_class = False
    i = start
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        else:
            if ch == ")":
                depth -= 1
            yield i, ch, depth
            if ch == "(":
                depth += 1
        i += 1


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern`` (``|`` outside groups and classes)."""
    cuts = [i for i, ch, depth in _structure(pattern) if ch == "|" and depth == 0]
    bounds = [-1, *cuts, len(pattern)]
    return [pattern[a + 1 : b] for a, b in pairwise(bounds)]


def required_literal(alternative: str) -> str | None:
    """The longest text every match of ``alternative`` must contain, or None."""
    runs: list[str] = []
    run = ""
    depth = 0
    i = 0
    while i < len(alternative):
        ch = alternative[i]
        nxt = alternative[i + 1] if i + 1 < len(alternative) else ""
        if depth == 0 and nxt in _QUANTIFIERS and ch not in "\\()[]":
            runs.append(run)  # the char before a quantifier is optional or repeated
            run = ""
            i += 1
            continue
        if ch == "\\":
            if depth == 0 and nxt and nxt not in _CLASS_ESCAPES:
                run += nxt
            else:
                runs.append(run)
                run = ""
            i += 2
            continue
        if ch == "[":
            runs.append(run)
            run = ""
            i = _class_end(alternative, i)
            continue
        if ch == "{":  # a counted repetition {m,n}: skip it whole
            runs.append(run)
            run = ""
            close = alternative.find("}", i)
            i = close + 1 if close > 0 else len(alternative)
            continue
        if ch == "(" and depth == 0:
            runs.append(run)
            run = ""
            close = _group_end(alternative, i)
            runs.append(_group_literal(alternative, i, close))
            i = close
            continue
        if ch == "(":
            depth += 1
            runs.append(run)
            run = ""
        elif ch == ")":
            depth -= 1
        elif depth == 0 and ch not in ".^$?*+{}":
            run += ch
        elif depth == 0:
            runs.append(run)
            run = ""
        i += 1
    runs.append(run)
    best = max(runs, key=len)
    if len(best) >= MIN_LITERAL or (len(best) >= MIN_CJK_LITERAL and not best.isascii()):
        return best
    return None


def _group_end(pattern: str, start: int) -> int:
    """Index just after the ``)`` closing the group opened at ``start``."""
    for i, ch, depth in _structure(pattern, start):
        if ch == ")" and depth == 0:
            return i + 1
    return len(pattern)


def _group_literal(pattern: str, start: int, end: int) -> str:
    """The required literal inside a group, when the group itself is required."""
    optional = pattern[end : end + 1] in ("?", "*") or pattern[end : end + 2] == "{0"
    body = pattern[start + 1 : end - 1]
    if optional or body.startswith(("?=", "?!", "?<=", "?<!")):
        return ""
    if body.startswith("?P<"):
        body = body[body.index(">") + 1 :]
    elif body.startswith("?:"):
        body = body[2:]
    if len(alternatives(body)) > 1:
        return ""
    return required_literal(body) or ""


def _class_end(pattern: str, start: int) -> int:
    i = start + 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    i += 1
    # A quantifier after a class makes the class optional; nothing to keep either way.
    return i


class LazyPattern:
    """A regular expression compiled on first use.

    The prefilters mean most patterns are never searched for a given input, so
    compiling them all at import would be most of a command's start-up time.
    """

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        return (self._compiled or self.compiled()).search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return (self._compiled or self.compiled()).finditer(text)


Gated = list[tuple[str | None, LazyPattern]]

#: Every phrase pattern the rules use, registered when the rules are defined.
_PATTERNS: list[str] = []
_FINDER: list[Any] = []


def register_pattern(pattern: str) -> None:
    _PATTERNS.append(pattern)


def literals_in(hay: str) -> frozenset[str]:
    """Which of the rules' literals occur in ``hay``: one Aho-Corasick pass for all of them
    (the automaton is built on first use)."""
    if not _FINDER:
        import ahocorasick_rs

        literals = {lit for pattern in _PATTERNS for _, lit in split(pattern) if lit is not None}
        _FINDER.append(
            ahocorasick_rs.AhoCorasick(
                sorted(literals), matchkind=ahocorasick_rs.MatchKind.Standard
            )
        )
    try:
        return frozenset(_FINDER[0].find_matches_as_strings(hay, overlapping=True))
    except UnicodeEncodeError:  # lone surrogates: the automaton takes UTF-8 only
        clean = hay.encode("utf-8", "replace").decode("utf-8")
        return frozenset(_FINDER[0].find_matches_as_strings(clean, overlapping=True))


def gated(pattern: str, flags: int = 0) -> Gated:
    """``(literal, compiled alternative)`` pairs; ``None`` literal means always try it.

    With ``re.IGNORECASE`` the literal is lower-cased: test it against lower-cased text.
    """
    out: Gated = []
    for alt, literal in split(pattern):
        if literal is not None and flags & re.IGNORECASE:
            literal = literal.lower()
        out.append((literal, LazyPattern(alt, flags)))
    return out


def split(pattern: str) -> tuple[tuple[str, str | None], ...]:
    """``(alternative, required literal)`` pairs of ``pattern``.

    Read from the generated table when the pattern is in it (deriving them all
    is most of a command's start-up otherwise); derived here when it is not, so
    a stale table costs time, never correctness. ``python -m whichlayer.literal_table``
    rewrites the table; a test says when it is due.
    """
    table = _table()
    pairs = table.get(pattern)
    if pairs is None:
        pairs = tuple((alt, required_literal(alt)) for alt in alternatives(pattern))
        table[pattern] = pairs
    return pairs


_TABLES: list[dict[str, tuple[tuple[str, str | None], ...]]] = []
#: The generated table, next to this module (JSON: it loads ten times faster than Python).
TABLE_FILE = os.path.join(os.path.dirname(__file__), "_literal_table.json")


def _table() -> dict[str, tuple[tuple[str, str | None], ...]]:
    if not _TABLES:
        try:
            with open(TABLE_FILE, encoding="utf-8") as handle:
                raw = json.load(handle)
        except (OSError, ValueError):  # not generated yet, or damaged: derive instead
            raw = {}
        _TABLES.append({k: tuple((a, lit) for a, lit in v) for k, v in raw.items()})
    return _TABLES[0]
