"""Reading the user's input and writing output, shared by the commands."""

from __future__ import annotations

import os
import sys

from whichlayer.cli import UsageError

#: Largest paste read; larger input is cut here (the diagnosis says so).
MAX_INPUT_BYTES = 8 * 1024 * 1024


def read_input(text: str | None, file: str | None) -> bytes:
    """The error to explain: from TEXT, ``-`` (stdin), ``--file``, or piped stdin."""
    if text is not None and file is not None:
        raise UsageError("give the error as TEXT or --file, not both")
    if file is not None:
        try:
            with open(file, "rb") as handle:
                return handle.read(MAX_INPUT_BYTES)
        except OSError as exc:
            raise UsageError(f"cannot read {file}: {exc.strerror or exc}") from None
    if text is not None and text != "-":
        return text.encode("utf-8", "surrogateescape")
    if text is None and sys.stdin is not None and sys.stdin.isatty():
        raise UsageError("paste the error as TEXT, pipe it on stdin, or use --file PATH")
    if sys.stdin is None:
        raise UsageError("no input: give TEXT or --file PATH")
    return sys.stdin.buffer.read(MAX_INPUT_BYTES)


def use_color(stream: object = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    if os.environ.get("NO_COLOR"):
        return False
    out = stream if stream is not None else sys.stdout
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def write_text(text: str, output: str | None = None) -> None:
    """Write already-redacted text to stdout or to a file."""
    if output:
        try:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
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
