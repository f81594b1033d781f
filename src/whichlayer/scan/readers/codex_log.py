"""Codex's own log file, ``~/.codex/log/codex-tui.log`` (``$CODEX_HOME/log``).

``tracing`` lines: ``<RFC 3339 time> <LEVEL> <target>: <message>``, e.g.
``2026-03-02T10:11:12.123456Z ERROR codex_core::codex: stream disconnected before
completion: ...``. Only ERROR lines are failures.
"""

from __future__ import annotations

import re
from typing import Any

from whichlayer.scan.model import Failure, parse_time

NAME = "codex-log"
NEEDLES = (b" ERROR ",)
_LINE = re.compile(
    r"^(?P<when>\d{4}-\d\d-\d\dT[\d:.]+Z?)\s+(?P<level>TRACE|DEBUG|INFO|WARN|ERROR)\s+"
    r"(?P<target>[\w:]+)(?:\{[^}]*\})?:\s*(?P<msg>.*)$"
)


def sniff(lines: list[str]) -> bool:
    return any(
        (m := _LINE.match(line)) is not None and m.group("target").startswith("codex")
        for line in lines[:50]
    )


def parse(line: str, state: dict[str, Any]) -> Failure | None:
    m = _LINE.match(line.strip())
    if not m or m.group("level") != "ERROR":
        return None
    return Failure(text=m.group("msg"), when=parse_time(m.group("when")))
