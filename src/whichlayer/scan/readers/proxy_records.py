"""whichlayer proxy's own store: the SQLite file ``whichlayer proxy`` records into.

Schema: ``docs/proxy.md`` (table ``exchanges``). Every text in it already passed the
redactor; a failure is a row with ``ok = 0``. Its ``error_body`` (or, when the proxy
saw no body, its status and the proxy's own error kind) is diagnosed again by the
same engine, so a scan of proxy records and of any other log agree.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from whichlayer.scan.model import Failure, parse_time

NAME = "whichlayer-proxy"
NEEDLES: tuple[bytes, ...] = ()
SQLITE = True
MAGIC = b"SQLite format 3\x00"

_QUERY = (
    "SELECT ts, status, model, upstream, key_fp, body_hash, request_ids, error_body, "
    "proxy_error FROM exchanges WHERE ok = 0 ORDER BY id"
)


def sniff(lines: list[str]) -> bool:
    return False  # found by the file's magic bytes, never by its lines


def read_db(path: str) -> Iterator[Failure]:
    """Every failed exchange, oldest first; read-only, so a running proxy is not disturbed."""
    import sqlite3  # only for a proxy store: most scans never open one
    from urllib.parse import urlsplit

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        for row in con.execute(_QUERY):
            ts, status, model, upstream, key_fp, body_hash, ids, body, kind = row
            text = body or ""
            if not text:
                text = f"HTTP {status}" if status else "no answer"
                if kind:
                    text += f" (whichlayer proxy: {kind})"
            elif status and str(status) not in text[:40]:
                text = f"HTTP {status} {text}"
            yield Failure(
                text=text,
                when=parse_time(ts),
                status=status if isinstance(status, int) else None,
                model=model or None,
                host=urlsplit(upstream).hostname if upstream else None,
                key=key_fp or None,
                request_id=_first_id(ids),
                identity=f"hash:{body_hash}" if body_hash else None,
            )
    except sqlite3.DatabaseError:
        return
    finally:
        con.close()


def _first_id(raw: object) -> str | None:
    if not isinstance(raw, str) or not raw:
        return None
    try:
        ids = json.loads(raw)
    except ValueError:
        return None
    if isinstance(ids, list) and ids and isinstance(ids[0], dict):
        value = ids[0].get("value")
        return value if isinstance(value, str) else None
    return None
