"""``whichlayer check``: which key, base URL and protocol each client really uses,
then DNS, TCP, proxy, TLS, route, auth and one minimal request.

Library use::

    from whichlayer.check import Context, Plan, Request, discover, run
    targets = discover(Context(dict(os.environ), Path.home(), Path.cwd()))
    reports = run(targets, Plan(timeout_s=15))
    [r.to_dict() for r in reports]   # redact with whichlayer.redact_data before showing
"""

from __future__ import annotations

from whichlayer.check.discover import Request, client_names, discover
from whichlayer.check.model import Context, Finding, Setting, Stage, Target, TargetReport, Verdict
from whichlayer.check.runner import Plan, run, run_async

__all__ = [
    "Context",
    "Finding",
    "Plan",
    "Request",
    "Setting",
    "Stage",
    "Target",
    "TargetReport",
    "Verdict",
    "client_names",
    "discover",
    "run",
    "run_async",
]
