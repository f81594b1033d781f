"""The SQLite store of exchanges: schema, writing in batches, rotation, reading.

One table, ``exchanges``, one row per request the proxy forwarded (or answered
itself). Every text column has passed through the redactor before it is
written. The schema is documented in ``docs/proxy.md``; ``SCHEMA_VERSION``
changes when a column changes meaning.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
#: The store is rotated (``PATH`` -> ``PATH.1``, the older ``.1`` dropped) past this size.
DEFAULT_MAX_BYTES = 256 * 2**20

COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "INTEGER PRIMARY KEY"),
    ("ts", "REAL NOT NULL"),  # when the request head arrived, epoch seconds (UTC)
    ("method", "TEXT"),
    ("path", "TEXT"),  # as the client sent it, query included, redacted
    ("upstream", "TEXT"),  # the base URL forwarded to
    ("model", "TEXT"),
    ("stream", "INTEGER"),  # 1 when the client asked for a stream
    ("sse", "INTEGER"),  # 1 when the answer was text/event-stream
    ("status", "INTEGER"),  # what the client received (the proxy's own 502/504 included)
    ("ok", "INTEGER"),  # 1 when nothing failed
    ("connect_ms", "REAL"),  # NULL when a pooled connection was reused
    ("ttfb_ms", "REAL"),  # request head in -> upstream answer head in
    ("first_frame_ms", "REAL"),  # request head in -> first SSE payload byte
    ("total_ms", "REAL"),
    ("max_gap_ms", "REAL"),  # longest silence between two reads of the answer body
    ("frames", "INTEGER"),  # SSE events seen (blank-line separated)
    ("stream_end", "TEXT"),  # complete | cut_by_upstream | cut_by_client | no_answer
    ("req_bytes", "INTEGER"),  # request body bytes (de-chunked)
    ("resp_bytes", "INTEGER"),  # answer body bytes (de-chunked)
    ("reused", "INTEGER"),  # 1 when a kept-alive upstream connection carried it
    ("request_ids", "TEXT"),  # JSON [{"value", "party", "source"}]
    ("headers", "TEXT"),  # JSON {name: value}: the answer's headers that matter, redacted
    ("user_agent", "TEXT"),
    ("proxy_error", "TEXT"),  # the proxy's own error kind (upstream_refused, ...) or NULL
    ("error_body", "TEXT"),  # redacted start (and end) of an error body or SSE error event
    ("layer", "TEXT"),  # the diagnosis, for failures only (TAXONOMY ids)
    ("cause", "TEXT"),
    ("origin", "TEXT"),
    ("retry", "TEXT"),
    ("diagnosis", "TEXT"),  # JSON Diagnosis.to_dict(), redacted
    ("body_hash", "TEXT"),  # blake2b-128 of the request body (same body = a resend)
    ("key_fp", "TEXT"),  # the key's fingerprint, e.g. [openai key sk-proj-…8bCd len=164 #…]
    ("flags", "TEXT"),  # JSON list: retry_storm, cut_midway, slow_first_byte, error_event
    ("req_body", "TEXT"),  # only with --record-bodies, redacted
    ("resp_body", "TEXT"),  # only with --record-bodies, redacted
)
NAMES = tuple(name for name, _ in COLUMNS)
_JSON_COLUMNS = ("request_ids", "headers", "diagnosis", "flags")


def default_path() -> Path:
    """``$XDG_DATA_HOME/whichlayer/proxy.sqlite`` (``~/.local/share/...``)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "whichlayer" / "proxy.sqlite"


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5.0)
        return db
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=5.0, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    cols = ", ".join(f"{name} {kind}" for name, kind in COLUMNS)
    db.execute(f"CREATE TABLE IF NOT EXISTS exchanges ({cols})")
    db.execute("CREATE INDEX IF NOT EXISTS exchanges_ts ON exchanges(ts)")
    db.execute("CREATE INDEX IF NOT EXISTS exchanges_hash ON exchanges(body_hash)")
    db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    db.commit()
    return db


class Store:
    """Appends rows; rotates past ``max_bytes``. Used from one thread (the recorder's)."""

    def __init__(self, path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.db = connect(path)
        self.next_id = max(_max_id(self.db), _max_id_of(rotated(path))) + 1
        self._since_check = 0

    def add(self, rows: Sequence[Mapping[str, Any]]) -> None:
        marks = ", ".join("?" for _ in NAMES)
        values = [tuple(_column(row.get(n), n) for n in NAMES) for row in rows]
        with self.db:
            self.db.executemany(f"INSERT INTO exchanges VALUES ({marks})", values)
        self._since_check += len(rows)
        if self._since_check >= 500:
            self._since_check = 0
            self._maybe_rotate()

    def _maybe_rotate(self) -> None:
        size = sum(_size(Path(f"{self.path}{s}")) for s in ("", "-wal"))
        if size <= self.max_bytes:
            return
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()
        os.replace(self.path, rotated(self.path))
        for suffix in ("-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        self.db = connect(self.path)

    def close(self) -> None:
        self.db.close()


def rotated(path: Path) -> Path:
    return Path(f"{path}.1")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _max_id(db: sqlite3.Connection) -> int:
    row = db.execute("SELECT MAX(id) FROM exchanges").fetchone()
    return int(row[0] or 0)


def last_id(path: Path) -> int:
    """The largest record id in the store and its rotated predecessor (0 when empty)."""
    return max(_max_id_of(path), _max_id_of(rotated(path)))


def _max_id_of(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        db = connect(path, readonly=True)
        try:
            return _max_id(db)
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def _column(value: Any, name: str) -> Any:
    if name in _JSON_COLUMNS and value is not None:
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, bool):
        return int(value)
    return value


def _row(names: Iterable[str], values: Iterable[Any]) -> dict[str, Any]:
    out = dict(zip(names, values, strict=True))
    for name in _JSON_COLUMNS:
        if isinstance(out.get(name), str):
            out[name] = json.loads(out[name])
    return out


def read_records(
    path: Path,
    *,
    limit: int = 50,
    failures_only: bool = False,
    record_id: int | None = None,
    after_id: int | None = None,
) -> list[dict[str, Any]]:
    """Newest first, from the store and its rotated predecessor."""
    out: list[dict[str, Any]] = []
    for file in (path, rotated(path)):
        if not file.exists() or len(out) >= limit:
            continue
        db = connect(file, readonly=True)
        try:
            where, args = [], []
            if failures_only:
                where.append("ok = 0")
            if record_id is not None:
                where.append("id = ?")
                args.append(record_id)
            if after_id is not None:
                where.append("id > ?")
                args.append(after_id)
            sql = "SELECT * FROM exchanges"
            if where:
                sql += " WHERE " + " AND ".join(where)
            sql += " ORDER BY id DESC LIMIT ?"
            cur = db.execute(sql, (*args, limit - len(out)))
            names = [c[0] for c in cur.description]
            out += [_row(names, r) for r in cur.fetchall()]
        finally:
            db.close()
    return out
