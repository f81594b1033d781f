"""Reading the user's input and writing output, shared by the commands."""

from __future__ import annotations

import io
import os
import sys
from collections import deque
from collections.abc import Callable

from whichlayer._record import FrozenRecord, _set
from whichlayer.cli import UsageError

#: Largest paste read; from larger input the head and the tail are kept (the output says so).
MAX_INPUT_BYTES = 8 * 1024 * 1024
#: Of a paste above the cap: the first HEAD_BYTES, then the last MAX_INPUT_BYTES - HEAD_BYTES
#: (errors are usually at the end of a log).
HEAD_BYTES = 1024 * 1024
_CHUNK = 1024 * 1024


class Paste(FrozenRecord):
    """The user's input as read: the bytes to explain, and whether the middle was cut. (A
    plain class: a dataclass costs start-up time, see ``whichlayer._record``.)"""

    __slots__ = ("data", "total_bytes", "truncated")
    _fields = ("data", "total_bytes", "truncated")
    data: bytes
    total_bytes: int
    truncated: bool

    def __init__(self, data: bytes, total_bytes: int, truncated: bool) -> None:
        _set(self, "data", data)
        _set(self, "total_bytes", total_bytes)
        _set(self, "truncated", truncated)

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", "replace")

    @property
    def note(self) -> str:
        """One sentence for the output when the input was cut."""
        kept = len(self.data) - len(CUT_MARK)
        return (
            f"input truncated: {self.total_bytes} bytes is above the {MAX_INPUT_BYTES} byte cap; "
            f"read the first {HEAD_BYTES} and the last {kept - HEAD_BYTES} bytes"
        )


CUT_MARK = b"\n[... whichlayer: the middle of this input was cut ...]\n"


def _bounded(read: Callable[[int], bytes]) -> Paste:
    """Read a stream to its end, keeping its head and its tail within the cap."""
    head = bytearray()
    tail: deque[bytes] = deque()
    tail_size = 0
    total = 0
    keep_tail = MAX_INPUT_BYTES - HEAD_BYTES
    while True:
        chunk = read(_CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if len(head) < HEAD_BYTES:
            room = HEAD_BYTES - len(head)
            head += chunk[:room]
            chunk = chunk[room:]
        if chunk:
            tail.append(chunk)
            tail_size += len(chunk)
            while tail_size - len(tail[0]) >= keep_tail:
                tail_size -= len(tail.popleft())
    rest = b"".join(tail)
    if total <= MAX_INPUT_BYTES:
        return Paste(bytes(head) + rest, total, False)
    return Paste(bytes(head) + CUT_MARK + rest[-keep_tail:], total, True)


def read_paste(text: str | None, file: str | None) -> Paste:
    """The error to explain: from TEXT, ``-`` (stdin), ``--file``, or piped stdin."""
    if text is not None and file is not None:
        raise UsageError("give the error as TEXT or --file, not both")
    if file is not None:
        try:
            with open(file, "rb") as handle:
                return _bounded(handle.read)
        except OSError as exc:
            raise UsageError(f"cannot read {file}: {exc.strerror or exc}") from None
    if text is not None and text != "-":
        return _bounded(io.BytesIO(text.encode("utf-8", "surrogateescape")).read)
    if text is None and sys.stdin is not None and sys.stdin.isatty():
        raise UsageError("paste the error as TEXT, pipe it on stdin, or use --file PATH")
    if sys.stdin is None:
        raise UsageError("no input: give TEXT or --file PATH")
    return _bounded(sys.stdin.buffer.read)


def read_input(text: str | None, file: str | None) -> bytes:
    """The bytes of ``read_paste`` (head and tail of an input above the cap)."""
    return read_paste(text, file).data


def use_color(stream: object = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    if os.environ.get("NO_COLOR"):
        return False
    out = stream if stream is not None else sys.stdout
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def json_text(value: object) -> str:
    """Already-redacted data as indented JSON, every control character escaped (still valid)."""
    import json

    from whichlayer.redact import escape_json_controls

    return escape_json_controls(json.dumps(value, indent=2, ensure_ascii=False)) + "\n"


def write_text(text: str, output: str | None = None) -> None:
    """Write already-redacted text to stdout or to a file, control characters neutralised.

    A file is created with mode 0600 and never through a symbolic link (an
    existing link at ``output`` is refused rather than followed).
    """
    from whichlayer.redact import neutralize_controls

    text = neutralize_controls(text)
    if output:
        _write_private(output, text)
        return
    sys.stdout.write(text)
    sys.stdout.flush()


#: Share of a paste that may be undecodable or control characters before it is
#: taken for binary data rather than an error message.
MAX_NON_TEXT_SHARE = 0.3


def require_text(data: bytes) -> bytes:
    """The paste itself, or a usage error when there is nothing to read in it."""
    text = data.decode("utf-8", "replace")
    if not text.strip():
        raise UsageError("the input is empty: paste the error as TEXT, pipe it, or use --file PATH")
    sample = text[:65536]
    odd = sum(1 for c in sample if c == "\ufffd" or (ord(c) < 32 and c not in "\t\n\r\f\v"))
    if odd > MAX_NON_TEXT_SHARE * len(sample):
        raise UsageError("the input is not text (binary data?): paste the error message itself")
    return data


def _write_private(output: str, text: str) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    if os.path.islink(output):
        raise UsageError(f"cannot write {output}: it is a symbolic link (not followed)")
    try:
        fd = os.open(output, flags, 0o600)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        import stat

        if not stat.S_ISREG(st.st_mode):
            raise UsageError(f"cannot write {output}: not a regular file")
        if st.st_mode & 0o077:
            os.fchmod(fd, 0o600)  # an existing file keeps no group or world access
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            fd = -1
            handle.write(text)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    finally:
        if fd != -1:
            os.close(fd)
