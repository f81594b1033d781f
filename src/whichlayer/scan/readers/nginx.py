"""nginx (and nginx-based gateways): access logs in the combined format, and error logs.

- access: ``$remote_addr - $remote_user [$time_local] "$request" $status
  $body_bytes_sent "$http_referer" "$http_user_agent"`` (extra fields after it
  are ignored). An access line has no body, so the engine is given the status,
  the request line and the fact that nginx logged it.
- error: ``YYYY/MM/DD HH:MM:SS [level] pid#tid: *cid <message>, client: ...,
  server: ..., request: "...", upstream: "...", host: "..."``; the message is
  nginx's own (``upstream timed out (110: Connection timed out) while reading
  response header from upstream``), which the engine knows.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from whichlayer.scan.model import Failure

NAME = "nginx"
NEEDLES = (b'" 4', b'" 5', b"[error]", b"[crit]", b"[alert]", b"[emerg]")
_ACCESS = re.compile(
    r'^(?P<addr>\S+) \S+ \S+ \[(?P<when>[^\]]+)\] "(?P<req>[^"]*)" (?P<status>\d{3}) '
)
_ERROR = re.compile(
    r"^(?P<when>\d{4}/\d\d/\d\d \d\d:\d\d:\d\d) \[(?P<level>\w+)\] \d+#\d+: (?:\*\d+ )?(?P<msg>.*)$"
)
_UPSTREAM = re.compile(r'upstream: "(?:https?://)?([^/":]+)')
_HOST = re.compile(r'host: "([^"]+)"')


def sniff(lines: list[str]) -> bool:
    return any(_ACCESS.match(line) or _ERROR.match(line) for line in lines[:50])


def parse(line: str, state: dict[str, Any]) -> Failure | None:
    line = line.strip()
    m = _ACCESS.match(line)
    if m:
        status = int(m.group("status"))
        if status < 400:
            return None
        try:
            when: datetime | None = datetime.strptime(m.group("when"), "%d/%b/%Y:%H:%M:%S %z")
        except ValueError:
            when = None
        request = m.group("req")
        return Failure(
            text=f"nginx access log: HTTP {status} for {request}",
            when=when,
            status=status,
        )
    m = _ERROR.match(line)
    if not m or m.group("level") not in ("error", "crit", "alert", "emerg"):
        return None
    try:
        when = datetime.strptime(m.group("when"), "%Y/%m/%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        when = None
    upstream = _UPSTREAM.search(line)
    host = _HOST.search(line)
    return Failure(
        text=f"nginx error log: {m.group('msg')}",
        when=when,
        host=upstream.group(1) if upstream else (host.group(1) if host else None),
    )
