"""one-api / new-api: the relay's system log.

Each line is ``[LEVEL] YYYY/MM/DD - HH:MM:SS | <request id> | <message>``, with
``LEVEL`` one of SYS, INFO, WARN, ERR, FATAL. A failed relay call is an ``ERR``
line such as ``relay error (channel #12, status code: 429): <upstream message>``
(the channel number names the relay's upstream account).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from whichlayer.scan.model import Failure

NAME = "new-api"
NEEDLES = (b"[ERR]", b"[FATAL]")
_LINE = re.compile(
    r"^\[(?P<level>SYS|INFO|WARN|ERR|FATAL|DEBUG)\]\s+"
    r"(?P<when>\d{4}/\d\d/\d\d - \d\d:\d\d:\d\d)\s*\|\s*"
    r"(?:(?P<rid>[0-9A-Za-z]{10,})\s*\|\s*)?(?P<msg>.*)$"
)
_CHANNEL = re.compile(r"channel\s*#?\s*(\d+)", re.I)
_STATUS = re.compile(r"status code:?\s*(\d{3})", re.I)


def sniff(lines: list[str]) -> bool:
    return any(_LINE.match(line) for line in lines[:50])


def parse(line: str, state: dict[str, Any]) -> Failure | None:
    m = _LINE.match(line.strip())
    if not m or m.group("level") not in ("ERR", "FATAL"):
        return None
    msg = m.group("msg")
    try:
        when: datetime | None = datetime.strptime(m.group("when"), "%Y/%m/%d - %H:%M:%S").replace(
            tzinfo=UTC
        )
    except ValueError:
        when = None
    status = _STATUS.search(msg)
    channel = _CHANNEL.search(msg)
    return Failure(
        text=msg,
        when=when,
        status=int(status.group(1)) if status else None,
        host=f"channel #{channel.group(1)}" if channel else None,
        request_id=m.group("rid"),
    )
