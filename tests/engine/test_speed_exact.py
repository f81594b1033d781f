"""Speed-ups that must not change an answer: each is checked against the slow form it replaces.

A pattern given a first-character lookahead must accept exactly the positions it accepted
without one: the lookahead's class is derived here from the pattern itself, and both forms
are run over every labelled input and over characters with unusual case folding.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
#: Characters whose case folding is irregular (long s, Kelvin sign, dotted/dotless i, ...).
ODD = "ſKİıﬀẞßΣσςµÅǅ"


def corpus_inputs() -> list[str]:
    out = []
    for path in sorted((ROOT / "corpus").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["input"])
    return out


def _first(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The characters (lower-cased) a match of ``items`` can start with; None if any."""
    out: set[str] = set()
    for op, av in items:
        if op is sre.AT:
            continue
        if op is sre.LITERAL:
            return out | {chr(av).lower()}
        if op is sre.IN:
            chars: set[str] = set()
            for kind, value in av:
                if kind is sre.LITERAL:
                    chars.add(chr(value).lower())
                elif kind is sre.RANGE:
                    chars |= {chr(c).lower() for c in range(value[0], value[1] + 1)}
                else:
                    return None
            return out | chars
        if op is sre.SUBPATTERN:
            inner = _first(list(av[3]))
            if inner is None:
                return None
            return out | inner
        if op is sre.BRANCH:
            for branch in av[1]:
                inner = _first(list(branch))
                if inner is None or not list(branch):
                    return None
                out |= inner
            return out
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, _high, sub = av
            inner = _first(list(sub))
            if inner is None:
                return None
            out |= inner
            if low >= 1:
                return out
            continue
        return None
    return None


def first_chars(pattern: str) -> set[str] | None:
    return _first(list(sre_parse.parse(pattern, 0)))


def check_guard(guarded: re.Pattern[str], texts: list[str]) -> None:
    """``guarded`` is ``(?i)(?=[CLASS])REST``: CLASS is REST's first characters, and the two
    find the same matches in every text."""
    head = re.match(r"\(\?i\)\(\?=(\[[^\]]+\])\)", guarded.pattern)
    assert head, guarded.pattern
    rest = guarded.pattern[head.end() :]
    wanted = first_chars(rest)
    assert wanted is not None
    assert first_chars(head.group(1)) == wanted
    plain = re.compile("(?i)" + rest)
    for text in texts:
        assert [m.span() for m in guarded.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], text[:200]


def test_failure_cue_guard_is_exact() -> None:
    from whichlayer.model.fallback import FAILURE_CUE

    odd = [f"{c}ey {c}tall {c}o" for c in ODD] + ["ſsl", "\u212aey", "İnvalid", "ınvalid"]
    check_guard(FAILURE_CUE, [*corpus_inputs(), *odd, "{'[\"" * 1000])
