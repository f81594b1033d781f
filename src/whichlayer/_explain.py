"""``explain``: any failed-call artefact in, a Diagnosis out."""

from __future__ import annotations

from whichlayer.diagnosis import Diagnosis
from whichlayer.evidence import Evidence


def to_evidence(x: object) -> Evidence:
    """Read the facts out of pasted text, a JSON body, an HTTP response or an exception."""
    if isinstance(x, Evidence):
        return x
    from whichlayer.parse import read

    return read(x)


def explain(x: object) -> Diagnosis:
    """Diagnose a failed AI API call.

    ``x`` may be pasted text (``str`` or ``bytes``), a parsed JSON body, an
    ``httpx2``/``httpx`` response or exception, an ``openai``/``anthropic``
    SDK exception, or an :class:`Evidence`. Never raises for odd input: what
    cannot be read becomes an honest ``unknown``.
    """
    from whichlayer.classify import classify, internal_error

    try:
        return classify(to_evidence(x))
    except Exception as exc:  # the contract: odd input never raises; tests forbid reaching this
        return internal_error(exc)
