"""``explain``: any failed-call artefact in, a Diagnosis out."""

from __future__ import annotations

from collections.abc import Callable

from whichlayer.diagnosis import Diagnosis
from whichlayer.evidence import Evidence
from whichlayer.taxonomy import Cause, Origin, Retry

TYPE_CHECKING = False
if TYPE_CHECKING:
    from whichlayer.classify import Verdict

#: The parser and the classifier, imported on the first diagnosis (so that ``import
#: whichlayer`` stays cheap) and kept here, so later diagnoses skip the import statement.
_read: Callable[[object], Evidence] | None = None
_classify: Callable[[Evidence], Diagnosis] | None = None
_classify_own: Callable[[Evidence], Diagnosis] | None = None


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
    global _classify, _classify_own
    if _classify is None or _classify_own is None:
        from whichlayer.classify import classify, classify_own

        _classify, _classify_own = classify, classify_own
    try:
        ev = to_evidence(x)
        # an Evidence read here is explain's own: its Diagnosis is put into words when
        # first read (``classify_own``); one the caller passed is put into words at once
        return _classify(ev) if ev is x else _classify_own(ev)
    except Exception as exc:  # the contract: odd input never raises; tests forbid reaching this
        from whichlayer.classify import internal_error

        return internal_error(exc)


#: ``classify.verdict``, imported on the first call (as ``_classify``).
_verdict: Callable[[Evidence], Verdict] | None = None


def verdict(x: object) -> Verdict:
    """``explain(x)``'s layer, cause, origin and retry, reached by the same decision
    (``classify.decide``) without putting it into words: what ``scan`` counts per
    distinct error. Never raises for odd input, as ``explain``."""
    global _verdict
    if _verdict is None:
        from whichlayer.classify import verdict as decide

        _verdict = decide
    try:
        return _verdict(to_evidence(x))
    except Exception:  # as explain: the engine's own failure is an honest unknown
        return None, Cause.UNKNOWN, Origin.UNKNOWN, Retry.NEVER
