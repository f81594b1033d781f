"""HTTP/1.1 framing, just enough to forward bytes faithfully.

The proxy never re-encodes a body: it reads a message head, decides where the
message ends (Content-Length, chunked, or the connection's close) and passes
the raw bytes on as they arrive. The chunked decoder only *watches* the bytes
(to find the end and to see the payload for frame counting and error bodies).
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Headers that describe one hop, never forwarded (RFC 9110 §7.6.1).
HOP_BY_HOP = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-connection",
        b"proxy-authorization",
        b"proxy-authenticate",
        b"te",
        b"trailer",
        b"upgrade",
    }
)
#: The longest message head accepted, either way (aiohttp and nginx use 8-16 KB).
MAX_HEAD = 65_536


class HTTPFramingError(Exception):
    """A message head or chunked body that cannot be read."""


@dataclass(slots=True)
class Head:
    """A parsed message head; ``lines`` are the raw header lines, names lower-cased aside."""

    first: bytes  # the request line or the status line, without CRLF
    names: list[bytes] = field(default_factory=list)  # lower-cased
    lines: list[bytes] = field(default_factory=list)  # raw "Name: value"

    def get(self, name: bytes) -> bytes | None:
        for n, line in zip(self.names, self.lines, strict=True):
            if n == name:
                return line.split(b":", 1)[1].strip()
        return None

    def items(self) -> list[tuple[str, str]]:
        out = []
        for n, line in zip(self.names, self.lines, strict=True):
            value = line.split(b":", 1)[1].strip()
            out.append((n.decode("latin-1"), value.decode("latin-1")))
        return out

    def framing(self) -> tuple[int | None, bool]:
        """(content length, chunked) as the head declares them."""
        length: int | None = None
        chunked = False
        for n, line in zip(self.names, self.lines, strict=True):
            if n == b"content-length":
                value = line.split(b":", 1)[1].strip()
                if not value.isdigit():
                    raise HTTPFramingError(f"bad Content-Length: {value[:40]!r}")
                length = int(value)
            elif n == b"transfer-encoding":
                chunked = b"chunked" in line.lower()
        return (None if chunked else length), chunked

    def wants_close(self) -> bool:
        value = self.get(b"connection")
        return value is not None and b"close" in value.lower()


def parse_head(raw: bytes) -> Head:
    """Read a head ending in CRLF CRLF (bare LF line ends are accepted)."""
    text = raw.rstrip(b"\r\n")
    parts = text.split(b"\n")
    first = parts[0].rstrip(b"\r")
    if not first:
        raise HTTPFramingError("empty message head")
    head = Head(first)
    for part in parts[1:]:
        line = part.rstrip(b"\r")
        name, colon, _ = line.partition(b":")
        if not colon or not name or name != name.strip():
            raise HTTPFramingError(f"bad header line: {line[:60]!r}")
        head.names.append(name.lower())
        head.lines.append(line)
    return head


def build_head(first: bytes, lines: list[bytes]) -> bytes:
    return first + b"\r\n" + b"".join(line + b"\r\n" for line in lines) + b"\r\n"


def status_of(first: bytes) -> int:
    """The status code of a status line ``HTTP/1.1 200 OK``."""
    parts = first.split(b" ", 2)
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/") or not parts[1].isdigit():
        raise HTTPFramingError(f"bad status line: {first[:60]!r}")
    return int(parts[1])


_SIZE, _DATA, _DATA_END, _TRAILER, _DONE = range(5)


class ChunkedWatcher:
    """Follows a chunked body as its raw bytes go by.

    ``feed(data)`` returns the payload pieces in ``data`` and how many bytes of
    ``data`` belong to this message (bytes after the final chunk are not ours).
    """

    __slots__ = ("_line", "_remaining", "_state", "done")

    def __init__(self) -> None:
        self._state = _SIZE
        self._remaining = 0
        self._line = b""
        self.done = False

    def feed(self, data: bytes) -> tuple[list[bytes], int]:
        payload: list[bytes] = []
        i, n = 0, len(data)
        while i < n and self._state != _DONE:
            if self._state == _DATA:
                take = min(self._remaining, n - i)
                payload.append(data[i : i + take])
                i += take
                self._remaining -= take
                if self._remaining == 0:
                    self._state = _DATA_END
                continue
            end = data.find(b"\n", i)
            if end < 0:
                self._line += data[i:]
                if len(self._line) > MAX_HEAD:
                    raise HTTPFramingError("chunk line too long")
                i = n
                break
            line = (self._line + data[i:end]).rstrip(b"\r")
            self._line = b""
            i = end + 1
            self._line_done(line)
        return payload, i

    def _line_done(self, line: bytes) -> None:
        if self._state == _SIZE:
            size_text = line.split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                raise HTTPFramingError(f"bad chunk size: {size_text[:20]!r}") from None
            if size == 0:
                self._state = _TRAILER
            else:
                self._remaining, self._state = size, _DATA
        elif self._state == _DATA_END:
            if line:
                raise HTTPFramingError("chunk data longer than its size")
            self._state = _SIZE
        elif self._state == _TRAILER and not line:
            self._state = _DONE
            self.done = True
