"""Run whichlayer as a user sees it: through a real pseudo-terminal, or piped."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Ran:
    code: int
    out: str  # stdout (pty: stdout and stderr together, as the screen shows them)
    err: str


def _env(home: Path, columns: int, extra: dict[str, str] | None) -> dict[str, str]:
    env = {
        "HOME": str(home),
        "PATH": os.environ.get("PATH", ""),
        "TERM": "xterm",
        "COLUMNS": str(columns),
        "LINES": "50",
        "WHICHLAYER_REDACT_KEY": "test",
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
    }
    return {**env, **(extra or {})}


def in_pty(
    args: list[str],
    home: Path,
    columns: int = 80,
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
    timeout: float = 60,
) -> Ran:
    """``python -m whichlayer ARGS`` on a pseudo-terminal of ``columns`` columns."""
    import fcntl
    import struct
    import termios

    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of the given size
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
            if cwd is not None:
                os.chdir(cwd)
            os.execve(
                sys.executable,
                [sys.executable, "-m", "whichlayer", *args],
                _env(home, columns, env),
            )
        finally:
            os._exit(127)
    if stdin is not None:
        os.write(fd, stdin)
    out = b""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    if time.monotonic() >= end:
        os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    os.close(fd)
    return Ran(code, out.decode("utf-8", "replace").replace("\r\n", "\n"), "")


def piped(
    args: list[str],
    home: Path,
    columns: int = 80,
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
    timeout: float = 60,
) -> Ran:
    proc = subprocess.run(
        [sys.executable, "-m", "whichlayer", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=_env(home, columns, env),
        cwd=cwd,
        timeout=timeout,
    )
    return Ran(
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )
