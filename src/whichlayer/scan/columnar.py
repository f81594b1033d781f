"""The fast path for JSON-lines logs: DuckDB parses and groups, the engine judges.

A gateway log of JSON lines is mostly successes; what the counts need from it is
small: per (status, error body, model, host, key, hour), how many. DuckDB
(embedded, made for this) reads the file in parallel native code and returns
those groups; each distinct error is then diagnosed once by the same engine, so
the counts are the ones ``explain`` gives on every failure line (bench/scan.py
checks this on a generated 1 GB log). Request hashes seen failing
``STORM_MIN`` times or more come back from a second grouping for the storms.

It is used only where it gives exactly what the line reader gives: the
``jsonl`` format, a plain or gzipped file, no time window and no byte range,
and a file whose first lines name each field family once at the top level.
Anything else goes the line-by-line way.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from whichlayer.scan.aggregate import STORM_MIN, Aggregate, FileStat
from whichlayer.scan.model import status_of
from whichlayer.scan.readers import generic
from whichlayer.scan.readers._json import as_text, first_lines_json

#: Field families the fast path reads, in the order the line reader tries them.
FAMILIES = {
    "status": generic.STATUS_KEYS,
    "error": generic.ERROR_KEYS,
    "time": generic.TIME_KEYS,
    "model": generic.MODEL_KEYS,
    "host": generic.HOST_KEYS,
    "key": generic.KEY_KEYS,
    "rid": generic.RID_KEYS,
    "hash": generic.HASH_KEYS,
}


def plan(head: list[str]) -> dict[str, str] | None:
    """The one field name per family the file uses, or None when the fast path would not
    give exactly the line reader's answer (two names of a family, nested ``request``)."""
    objs = first_lines_json(head)
    if not objs:
        return None
    names: set[str] = set()
    for obj in objs:
        if isinstance(obj.get("request"), dict):
            return None
        names.update(obj)
    chosen: dict[str, str] = {}
    for family, keys in FAMILIES.items():
        present = [k for k in keys if k in names]
        if len(present) > 1:
            return None
        if present:
            chosen[family] = present[0]
    if "status" not in chosen:
        return None
    return chosen


def _col(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def scan(path: str, head: list[str], stat: FileStat, diagnose: Any) -> Aggregate | None:
    """The file's failures counted through DuckDB, or None (then read it line by line)."""
    chosen = plan(head)
    if chosen is None:
        return None
    try:
        import duckdb
    except ImportError:
        return None
    columns = "{" + ", ".join(f"'{c}': 'JSON'" for c in chosen.values()) + "}"
    src = f"read_json(?, format='newline_delimited', columns={columns}, ignore_errors=true)"
    text = {f: f"CAST({_col(c)} AS VARCHAR)" for f, c in chosen.items()}
    null = "CAST(NULL AS VARCHAR)"
    st = _col(chosen["status"])
    s_txt = f"json_extract_string({st}, '$')"
    # A status that makes a line no failure for the line reader (100-399, an integer or a
    # string of three ASCII digits); every other line is a candidate, judged in Python.
    ok_status = (
        f"(json_type({st}) IN ('UBIGINT', 'BIGINT') AND TRY_CAST({s_txt} AS INTEGER) "
        f"BETWEEN 100 AND 399) OR (json_type({st}) = 'VARCHAR' AND "
        f"regexp_full_match({s_txt}, '[0-9]{{3}}') AND TRY_CAST({s_txt} AS INTEGER) "
        f"BETWEEN 100 AND 399)"
    )
    cand = f"NOT COALESCE({ok_status}, false)"
    when = "CAST(NULL AS TIMESTAMPTZ)"
    if "time" in chosen:
        t = _col(chosen["time"])
        num = f"TRY_CAST({t} AS DOUBLE)"
        when = (
            f"CASE WHEN json_type({t}) IN ('UBIGINT', 'BIGINT', 'DOUBLE') THEN "
            f"to_timestamp(CASE WHEN {num} > 1e11 THEN {num} / 1000 ELSE {num} END) "
            f"ELSE TRY_CAST(json_extract_string({t}, '$') AS TIMESTAMPTZ) END"
        )
    dims = [text["status"], text.get("error", null), text.get("model", null),
            text.get("host", null), text.get("key", null),
            f"date_trunc('hour', {when})"]  # fmt: skip
    picked = ", ".join(f"CASE WHEN {cand} THEN {d} END" for d in dims)
    rid = text.get("rid", null)
    query = (
        f"SELECT {cand} AS c, {picked}, count(*), min({when}), max({when}), "
        f"any_value({rid}) FROM {src} GROUP BY ALL"
    )
    storms_query = None
    if "hash" in chosen:
        h = text["hash"]
        # per request hash and (status, error): which groups are failures is decided in
        # Python, as for the counts; only hashes seen STORM_MIN times at all can qualify
        storms_query = (
            f"SELECT {h}, {text['status']}, {text.get('error', null)}, count(*) FROM {src} "
            f"WHERE {cand} AND {h} IN (SELECT {h} FROM {src} WHERE {cand} GROUP BY 1 "
            f"HAVING count(*) >= {STORM_MIN}) GROUP BY ALL"
        )
    try:
        con = duckdb.connect()
        con.execute("SET enable_progress_bar = false")
        con.execute("SET TimeZone = 'UTC'")
        rows = con.execute(query, [path]).fetchall()
        storms = con.execute(storms_query, [path, path]).fetchall() if storms_query else []
        con.close()
    except duckdb.Error:
        return None
    agg = Aggregate()
    stat.format = generic.NAME
    stat.note = "read with DuckDB"
    for row in rows:
        is_cand, raw_status, raw_error, model, host, key, hour, n, first, last, raw_rid = row
        stat.lines += int(n)
        if not is_cand:
            continue
        text_ = _failure(raw_status, raw_error)
        if text_ is None:
            continue
        stat.candidates += int(n)
        stat.failures += int(n)
        agg.add_many(
            diagnose(text_),
            _aware(first),
            _aware(last),
            _hour(hour),
            _str(model),
            _str(host),
            generic._key(_value(key)),
            text_,
            _str(raw_rid),
            int(n),
        )
    per_hash: dict[str, list[Any]] = {}
    for raw_hash, raw_status, raw_error, n in storms:
        text_ = _failure(raw_status, raw_error)
        if text_ is None:
            continue
        seen = per_hash.setdefault(f"hash:{_value(raw_hash)}", [0, None, None, None])
        seen[0] += int(n)
        seen[3] = seen[3] or diagnose(text_).cause_id
    agg.identities.update({k: v for k, v in per_hash.items() if v[0] >= STORM_MIN})
    return agg


def _aware(when: Any) -> datetime | None:
    if not isinstance(when, datetime):
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _hour(when: Any) -> str | None:
    when = _aware(when)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H") if when else None


def _value(raw: Any) -> Any:
    """A JSON column's text back to its value (as the line reader sees it)."""
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except (TypeError, ValueError):
        return raw


def _str(raw: Any) -> str | None:
    """A JSON column's value when it is a non-empty string (as the line reader keeps it)."""
    value = _value(raw)
    return value if isinstance(value, str) and value else None


def _failure(raw_status: Any, raw_error: Any) -> str | None:
    """The text the line reader would hand the engine for this (status, error), or None."""
    status = status_of(_value(raw_status))
    error = _value(raw_error)
    if error in ("",):
        error = None
    if status is not None and status < 400:
        return None
    if status is None and not isinstance(error, dict | str):
        return None
    text = as_text(error)
    if status is not None and str(status) not in text[:40]:
        text = f"HTTP {status} {text}".rstrip()
    return text
