"""A read-only view of Evidence prepared once for all rules (lower-cased text, field sets)."""

from __future__ import annotations

from whichlayer.evidence import Evidence
from whichlayer.rules import base

#: Rules read at most this much of the head and of the tail of a paste.
HEAD = 200_000
TAIL = 50_000


def _fold(part: str) -> str:
    r"""Every run of white space as one space (what ``re.sub(r"\s+", " ", part)`` gives,
    three times faster)."""
    folded = " ".join(part.split())
    if part[:1].isspace():
        folded = " " + folded + " " if folded and part[-1:].isspace() else " " + folded
    elif part[-1:].isspace():
        folded += " "
    return folded


#: ``base.status_key`` of each status met (a few dozen at most: 100-599).
_STATUS_KEYS: dict[int, str] = {}


class View:
    __slots__ = ("_fields", "ev", "hay", "keywords")

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
        self.hay = "\n".join([_fold(part) for part in parts if part]).lower()
        self._fields: dict[str, list[str]] = {}
        self.keywords = self._keywords_in(ev)

    def _keywords_in(self, ev: Evidence) -> frozenset[str]:
        """The rules' keywords that occur in ``hay`` (one Aho-Corasick pass for every rule
        and the provider catalogue), with the facts that gate rules the same way (the
        status, the body formats, an HTML page, a body's status text and reasons)."""
        if not base.KEYWORDS.built:  # the provider catalogue's phrases join the same pass
            from whichlayer.rules import catalogue

            base.KEYWORDS.add(catalogue.phrases())
        found = base.KEYWORDS.present(self.hay)
        facts: set[str] = set()
        if ev.bodies:
            facts.update([base.dialect_key(body.dialect) for body in ev.bodies])
            for body in ev.bodies:  # a status text or a reason: their marker keywords
                if body.status_text is not None or body.reasons:
                    for name in base.MARKED_FIELDS:
                        values = self.fields(name)
                        if values:
                            facts.update([base.field_key(name, value) for value in values])
                    break
        if ev.status is not None:
            key = _STATUS_KEYS.get(ev.status)
            if key is None:
                key = _STATUS_KEYS[ev.status] = base.status_key(ev.status)
            facts.add(key)
        if ev.html_vendor is not None or ev.html_title is not None:
            facts.add(base.HTML_KEY)
        return found | facts if facts else found

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
