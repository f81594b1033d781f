"""A read-only view of Evidence prepared once for all rules (lower-cased text, field sets)."""

from __future__ import annotations

import re

from whichlayer.evidence import Evidence

_SPACE = re.compile(r"\s+")

#: Rules read at most this much of the head and of the tail of a paste.
HEAD = 200_000
TAIL = 50_000


class View:
    __slots__ = ("_fields", "_keywords", "ev", "hay")

    def __init__(self, ev: Evidence) -> None:
        self.ev = ev
        text = ev.text
        if len(text) > HEAD + TAIL:
            text = text[:HEAD] + "\n" + text[-TAIL:]
        parts = [text]
        for body in ev.bodies:
            parts += [body.message or "", body.type or "", body.code or ""]
        parts += ev.exception_types
        parts += ev.transport
        # Terminals wrap long messages: fold every run of white space so phrases still match.
        # The parts stay on lines of their own, so a pattern's "[^\n]{0,80}" cannot run from
        # the end of the paste into a field read from it.
        self.hay = "\n".join(_SPACE.sub(" ", part) for part in parts if part).lower()
        self._keywords: frozenset[str] | None = None
        self._fields: dict[str, list[str]] = {}

    @property
    def keywords(self) -> frozenset[str]:
        """The rules' keywords that occur in ``hay`` (found once, on first use)."""
        if self._keywords is None:
            from whichlayer.rules import base

            if not base.KEYWORDS.built:  # the provider catalogue's phrases: the same pass
                from whichlayer.rules import catalogue

                base.KEYWORDS.add(catalogue.phrases())
            found = base.KEYWORDS.present(self.hay)
            ev = self.ev
            facts = {base.dialect_key(body.dialect) for body in ev.bodies}
            if ev.status is not None:
                facts.add(base.status_key(ev.status))
            if ev.html_vendor is not None or ev.html_title is not None:
                facts.add(base.HTML_KEY)
            self._keywords = found | facts
        return self._keywords

    def fields(self, name: str) -> list[str]:
        """Lower-cased values of a body field across every body (``reason``: Google reasons)."""
        cached = self._fields.get(name)
        if cached is None:
            cached = []
            for body in self.ev.bodies:
                if name == "reason":
                    cached += [r.lower() for r in body.reasons]
                    continue
                value = getattr(body, name, None)
                if isinstance(value, str):
                    cached.append(value.lower())
            self._fields[name] = cached
        return cached
