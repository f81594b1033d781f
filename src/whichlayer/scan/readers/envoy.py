"""Envoy's access log in its default format.

``[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%"
%RESPONSE_CODE% %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION%
%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%"
"%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"``

The response flags say what Envoy itself did (Envoy's documentation, "Access
logging: format rules, %RESPONSE_FLAGS%"); each is given to the engine as the
words Envoy answers with for it, so a gateway's failure is read as the
gateway's, not as the caller's network.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from whichlayer.scan.model import Failure, parse_time

NAME = "envoy"
NEEDLES = (b'" 4', b'" 5', b'" 0 ')
_LINE = re.compile(
    r'^\[(?P<when>[^\]]+)\] "(?P<method>[A-Z]+) (?P<path>\S+) [^"]*" (?P<status>\d{1,3}) '
    r"(?P<flags>\S+) \S+ \S+ \S+ \S+ \"[^\"]*\" \"[^\"]*\" \"(?P<rid>[^\"]*)\" "
    r"\"(?P<authority>[^\"]*)\" \"(?P<upstream>[^\"]*)\""
)
#: Envoy's own words for each response flag.
FLAG_WORDS = {
    "UF": "upstream connect error or disconnect/reset before headers. "
    "reset reason: connection failure",
    "UH": "no healthy upstream",
    "UT": "upstream request timeout",
    "UO": "upstream overflow: circuit breaker open (pending requests)",
    "URX": "upstream retry limit exceeded",
    "UC": "upstream connect error or disconnect/reset before headers. "
    "reset reason: connection termination",
    "UR": "upstream connect error or disconnect/reset before headers. reset reason: remote reset",
    "LR": "upstream connect error or disconnect/reset before headers. reset reason: local reset",
    "RL": "local rate limited: too many requests",
    "NR": "no route configured for this path",
    "DC": "downstream connection termination: the client went away",
    "UAEX": "external authorization denied the request",
    "SI": "stream idle timeout",
    "DPE": "downstream protocol error",
    "UPE": "upstream protocol error",
}


def sniff(lines: list[str]) -> bool:
    return any(_LINE.match(line) for line in lines[:50])


def parse(line: str, state: dict[str, Any]) -> Failure | None:
    m = _LINE.match(line.strip())
    if not m:
        return None
    status = int(m.group("status"))
    flags = [f for f in m.group("flags").split(",") if f and f != "-"]
    if status < 400 and not flags:
        return None
    words = "; ".join(FLAG_WORDS.get(f, f"response flag {f}") for f in flags)
    text = f"envoy access log: HTTP {status} for {m.group('method')} {m.group('path')}"
    if words:
        text += f": {words}"
    when: datetime | None = parse_time(m.group("when"))
    return Failure(
        text=text,
        when=when,
        status=status or None,
        host=m.group("authority") or None,
        request_id=m.group("rid") if m.group("rid") not in ("", "-") else None,
    )
