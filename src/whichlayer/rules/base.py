"""The rule record and the small vocabulary rules are written in.

A rule is data: a stable id, a one-line statement, what it concludes, how
specific it is (``priority``), and a matcher built from the constructors
below. A matcher returns the facts it used (shown to the user as "why"), or
``None``. Rules never do I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from whichlayer.rules.literal import gated, register_pattern
from whichlayer.taxonomy import Cause, Layer, Origin, Retry

if TYPE_CHECKING:
    from whichlayer.rules.view import View

Facts = dict[str, str]
Matcher = Callable[["View"], Facts | None]

#: How long a matched snippet may be when shown as a fact.
SNIPPET = 80


@dataclass(frozen=True, slots=True)
class Rule:
    """One conclusion the engine can draw, with the evidence that supports it."""

    id: str
    statement: str
    layer: Layer
    cause: Cause
    match: Matcher
    priority: int = 50
    origin: Origin | None = None
    retry: Retry | None = None
    confidence: float = 0.8
    samples: tuple[str, ...] = ()
    near_misses: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OriginRule:
    """Who produced the error: judged apart from the cause."""

    id: str
    statement: str
    origin: Origin
    match: Matcher
    samples: tuple[str, ...] = ()
    near_misses: tuple[str, ...] = ()


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


def text(pattern: str) -> Matcher:
    """The (lower-cased, white-space-folded) text says ``pattern``.

    Each alternative of the pattern is tried only where its required literal
    occurs (see :mod:`whichlayer.rules.literal`); which literals occur is found
    once per input for all rules together, so write plain phrases plainly.
    """
    register_pattern(pattern)
    index: list[_Phrases] = []

    def match(view: View) -> Facts | None:
        if not index:
            index.append(_Phrases(pattern))
        phrases = index[0]
        present = view.literals
        if phrases.literals.isdisjoint(present) and not phrases.ungated:
            return None
        hay = view.hay
        for literal, compiled in phrases.alternatives:
            if literal is None or literal in present:
                found = compiled.search(hay)
                if found:
                    return {"text": _clip(found.group(0))}
        return None

    return match


class _Phrases:
    """A pattern's alternatives with their literals, built on first use."""

    __slots__ = ("alternatives", "literals", "ungated")

    def __init__(self, pattern: str) -> None:
        self.alternatives = gated(pattern)
        self.literals = frozenset(lit for lit, _ in self.alternatives if lit is not None)
        self.ungated = any(lit is None for lit, _ in self.alternatives)


def field_is(name: str, *values: str) -> Matcher:
    """A body field (``type``, ``code``, ``status_text``, ``reason``) has one of ``values``."""
    wanted = frozenset(v.lower() for v in values)

    def match(view: View) -> Facts | None:
        for value in view.fields(name):
            if value in wanted:
                return {f"body {name}": value}
        return None

    return match


def status(*codes: int) -> Matcher:
    """The failed exchange's HTTP status is one of ``codes``."""
    wanted = frozenset(codes)

    def match(view: View) -> Facts | None:
        return {"status": str(view.ev.status)} if view.ev.status in wanted else None

    return match


def exception(*names: str) -> Matcher:
    """An exception of one of these (unqualified) class names was raised or printed."""
    wanted = frozenset(names)

    def match(view: View) -> Facts | None:
        for name in view.ev.exception_types:
            if name.rsplit(".", 1)[-1] in wanted:
                return {"exception": name}
        return None

    return match


def dialect(*names: str) -> Matcher:
    """A body in one of these dialects was seen."""
    wanted = frozenset(names)

    def match(view: View) -> Facts | None:
        for body in view.ev.bodies:
            if body.dialect in wanted:
                return {"body format": body.dialect}
        return None

    return match


def html(*vendors: str) -> Matcher:
    """An HTML page from one of these vendors (any vendor when none given)."""

    def match(view: View) -> Facts | None:
        ev = view.ev
        if ev.html_vendor is None and ev.html_title is None:
            return None
        if vendors and ev.html_vendor not in vendors:
            return None
        facts = {"html page": ev.html_vendor or "unknown server"}
        if ev.html_title:
            facts["page title"] = _clip(ev.html_title)
        return facts

    return match


def no_body(view: View) -> Facts | None:
    """The response carried no error body at all."""
    return None if view.ev.bodies or view.ev.html_title is not None else {"body": "none"}


def all_of(*matchers: Matcher) -> Matcher:
    def match(view: View) -> Facts | None:
        facts: Facts = {}
        for m in matchers:
            found = m(view)
            if found is None:
                return None
            facts.update(found)
        return facts

    return match


def any_of(*matchers: Matcher) -> Matcher:
    def match(view: View) -> Facts | None:
        for m in matchers:
            found = m(view)
            if found is not None:
                return found
        return None

    return match


def none_of(*matchers: Matcher) -> Matcher:
    """Succeeds (using no facts) when no matcher matches: for near-miss guards."""

    def match(view: View) -> Facts | None:
        return None if any(m(view) is not None for m in matchers) else {}

    return match
