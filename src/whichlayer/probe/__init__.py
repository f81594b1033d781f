"""``whichlayer probe``: run the article's experiments and say who owns the fix.

Library use::

    from whichlayer.probe import Options, probe
    result = probe(target, None, Options(model="gpt-4o-mini"))
    result.to_dict()   # {"target", "plan", "results", "verdict", "requests_sent"}, redacted

``target`` is a :class:`whichlayer.check.Target` (from ``whichlayer.check.discover``).
"""

from __future__ import annotations

from whichlayer.probe.model import OWNERS, Row, Verdict, owner_words
from whichlayer.probe.result import Result, probe
from whichlayer.probe.run import Options, PlanStep, Probe

__all__ = [
    "OWNERS",
    "Options",
    "PlanStep",
    "Probe",
    "Result",
    "Row",
    "Verdict",
    "owner_words",
    "probe",
]
