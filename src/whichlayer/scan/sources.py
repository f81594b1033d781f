"""Which files to read: paths, folders, globs, stdin, and the agents' own logs by default."""

from __future__ import annotations

import glob
import gzip
import io
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


class SourceError(Exception):
    """A path that cannot be read, said in one line."""


#: Files over this size are skipped inside folders when they are not logs by name.
MAX_WHOLE_FILE = 64 * 1024 * 1024
_SKIP_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".pdf", ".zip", ".so", ".pyc", ".wasm",
                  ".woff", ".woff2", ".ico"}  # fmt: skip


@dataclass(frozen=True)
class Source:
    path: str  # "-" for stdin
    label: str = ""

    @property
    def compressed(self) -> bool:
        return self.path.endswith((".gz", ".zst"))

    def open(self) -> BinaryIO:
        if self.path == "-":
            return sys.stdin.buffer
        try:
            if self.path.endswith(".gz"):
                return gzip.open(self.path, "rb")  # type: ignore[return-value]
            raw = open(self.path, "rb")  # noqa: SIM115 - handed to the caller, who closes it
        except OSError as exc:
            raise SourceError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        if self.path.endswith(".zst"):
            try:
                import zstandard
            except ImportError:
                raw.close()
                raise SourceError(
                    f"{self.path}: reading .zst needs the zstandard package"
                ) from None
            reader = zstandard.ZstdDecompressor().stream_reader(raw, closefd=True)
            return io.BufferedReader(reader)
        return raw


def expand(paths: list[str]) -> list[Source]:
    """Files from paths, folders (recursively) and globs, in a stable order."""
    out: list[Source] = []
    for given in paths:
        if given == "-":
            out.append(Source("-"))
            continue
        matches = sorted(glob.glob(given, recursive=True)) if glob.has_magic(given) else [given]
        if not matches:
            raise SourceError(f"no file matches {given}")
        for match in matches:
            p = Path(match)
            if p.is_dir():
                out += [Source(str(f)) for f in _walk(p)]
            elif p.exists():
                out.append(Source(str(p)))
            else:
                raise SourceError(f"cannot read {given}: no such file or folder")
    return out


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".git", "node_modules")))
        for name in sorted(filenames):
            f = Path(dirpath) / name
            if f.suffix.lower() in _SKIP_SUFFIXES or _sidecar(f) or f.is_symlink():
                continue
            yield f


def _sidecar(path: Path) -> bool:
    """SQLite's write-ahead log and shared memory beside a store: not logs to read."""
    return path.name.endswith(("-wal", "-shm", "-journal"))


def agent_logs(env: dict[str, str] | None = None, home: Path | None = None) -> list[Source]:
    """The coding agents' own logs on this machine (each client's documented location)."""
    found: list[Source] = []
    for label, root, pattern in agent_log_places(env, home):
        if root.is_dir():
            found += [
                Source(str(p), label)
                for p in sorted(root.glob(pattern))
                if p.is_file() and not _sidecar(p)
            ]
    return found


def agent_log_places(
    env: dict[str, str] | None = None, home: Path | None = None
) -> list[tuple[str, Path, str]]:
    """Where ``agent_logs`` looks: (what, folder, glob) for each client's logs."""
    env = dict(os.environ) if env is None else env
    home = home or Path.home()
    claude = Path(env.get("CLAUDE_CONFIG_DIR") or home / ".claude")
    codex = Path(env.get("CODEX_HOME") or home / ".codex")
    gemini = home / ".gemini"
    tmp = Path(env.get("TMPDIR") or tempfile.gettempdir())
    patterns = [
        ("Claude Code transcripts", claude / "projects", "**/*.jsonl"),
        ("Codex session rollouts", codex / "sessions", "**/*.jsonl"),
        ("Codex session rollouts", codex / "archived_sessions", "**/*.jsonl"),
        ("Codex log", codex / "log", "codex-tui.log"),
        ("Gemini CLI chats", gemini / "tmp", "*/chats/*.json"),
        ("Gemini CLI error reports", tmp, "gemini-client-error-*.json"),
    ]
    data = Path(env.get("XDG_DATA_HOME") or home / ".local" / "share") / "whichlayer"
    patterns.append(("whichlayer proxy records", data, "proxy.sqlite*"))
    return patterns


def is_read_error(exc: BaseException) -> bool:
    """A damaged file or a device error: said in the file's row, never a traceback."""
    import zlib

    if isinstance(exc, OSError | EOFError | zlib.error):
        return True
    return type(exc).__name__ == "ZstdError"
