"""``explain``: any failed-call artefact in, a Diagnosis out."""

from __future__ import annotations

from collections.abc import Callable

from whichlayer.diagnosis import Diagnosis
from whichlayer.evidence import Evidence

#: The parser and the classifier, imported on the first diagnosis (so that ``import
#: whichlayer`` stays cheap) and kept here, so later diagnoses skip the import statement.
_read: Callable[[object], Evidence] | None = None
_classify: Callable[[Evidence], Diagnosis] | None = None


def to_evidence(x: object) -> Evidence:
    """Read the facts out of pasted text, a JSON body, an HTTP response or an exception."""
    global _read
    if isinstance(x, Evidence):
        return x
    if _read is None:
        from whichlayer.parse import read

        _read = read
    return _read(x)


def explain(x: object) -> Diagnosis:
    """Diagnose a failed AI API call.

    ``x`` may be pasted text (``str`` or ``bytes``), a parsed JSON body, an
    ``httpx2``/``httpx`` response or exception, an ``openai``/``anthropic``
    SDK exception, or an :class:`Evidence`. Never raises for odd input: what
    cannot be read becomes an honest ``unknown``.
    """
    global _classify
    if _classify is None:
        from whichlayer.classify import classify

        _classify = classify
    try:
        return _classify(to_evidence(x))
    except Exception as exc:  # the contract: odd input never raises; tests forbid reaching this
        from whichlayer.classify import internal_error

        return internal_error(exc)
