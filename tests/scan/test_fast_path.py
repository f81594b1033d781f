"""The hot path (needle search in a second thread, lines parsed as columns, counted with
C-level maps) against the plain path (every line parsed and counted one by one): the same
aggregates on a generated log that mixes everything a gateway log can hold."""

from __future__ import annotations

import gzip
import json
import os
import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from whichlayer.scan import Source, aggregate, engine, to_dict
from whichlayer.scan.engine import scan_source

ERRORS = [
    "Incorrect API key provided: sk-proj-****abcd. You can find your API key at "
    "https://platform.openai.com/account/api-keys.",
    "You exceeded your current quota, please check your plan and billing details.",
    "Rate limit reached for gpt-4o in organization org-x on tokens per min (TPM): Limit 30000",
    "This model's maximum context length is 128000 tokens. However, your messages "
    "resulted in 130412 tokens.",
    "upstream connect error or disconnect/reset before headers. reset reason: "
    "connection termination",
    "The server had an error while processing your request. Sorry about that!",
    "Overloaded",
    "余额不足，请充值后再试",
]
MODELS = ["gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5", "deepseek-chat"]
KEYS = ["team-a", "svc-chat", "sk-" + "Z" * 40]  # the last is a raw key: fingerprinted


def _row(rnd: random.Random, i: int) -> dict[str, Any]:
    """Mostly the bench's gateway shape; now and then every oddity the reader accepts."""
    t0 = 1_764_547_200
    row: dict[str, Any] = {
        "ts": t0 + i * 7,
        "model": rnd.choice(MODELS),
        "key_alias": rnd.choice(KEYS),
        "latency_ms": rnd.randrange(80, 4000),
        "request_hash": f"{rnd.randrange(400):04x}",  # repeats: retry storms
        "status": 200,
    }
    if rnd.random() < 0.3:
        row["status"] = rnd.choice([400, 401, 402, 403, 404, 429, 500, 502, 503, 529])
        row["error"] = rnd.choice(ERRORS)
    odd = rnd.random()
    if odd < 0.03:
        row["status"] = str(row["status"])  # a status as text
    elif odd < 0.05:
        row["error"] = {"message": rnd.choice(ERRORS), "type": "server_error"}
        row["status"] = 500
    elif odd < 0.06:
        row["model"] = None  # a null field
    elif odd < 0.07:
        row["model"] = ""  # an empty one
    elif odd < 0.08:
        del row["model"]
        row["request"] = {"model": rnd.choice(MODELS)}  # nested
    elif odd < 0.09:
        row["ts"] = datetime.fromtimestamp(row["ts"], UTC).isoformat()  # ISO time
    elif odd < 0.10:
        row["ts"] = row["ts"] * 1000  # milliseconds
    elif odd < 0.11:
        row["ts"] = row["ts"] + 0.5  # a float
    elif odd < 0.12:
        row["status_code"] = row.pop("status")  # another field name
    elif odd < 0.13:
        row["status_code"] = 502  # two names of one family at once
        row["error"] = rnd.choice(ERRORS)
    elif odd < 0.14:
        row["status"] = True  # not a status
        row["error"] = "odd"
    elif odd < 0.15:
        row["host"] = "api.example.test"  # a family that appears only now and then
    elif odd < 0.16:
        row["error"] = rnd.choice(ERRORS)  # an error on a success line
    elif odd < 0.17:
        row["ts"] = -5  # before the epoch
    elif odd < 0.18:
        row["error"] = ""
    return row


def _log(n: int, seed: int = 1) -> bytes:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        line = json.dumps(_row(rnd, i), ensure_ascii=rnd.random() < 0.5).encode()
        r = rnd.random()
        if r < 0.005:
            line = bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 300)))  # garbage
        elif r < 0.01:
            line = line.replace(b"}", b', "note": "\xff\xfe"}', 1)  # invalid UTF-8
        elif r < 0.015:
            line = b""  # a blank line
        elif r < 0.02:
            line = b"   " + line + b"\t"
        out.append(line)
    data = b"\n".join(out) + b"\n"
    cut = json.dumps(_row(rnd, n) | {"status": 503, "error": "Overloaded"}).encode()
    return data + cut[: len(cut) // 2]  # a truncated last line, no newline


def _same(a: Any, b: Any) -> None:
    da, db = to_dict(a), to_dict(b)
    for f in da["files"] + db["files"]:
        f.pop("candidates")  # the plain path parses every line: all are candidates
    assert da == db


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks, batches and tables small enough that a test log crosses every boundary."""
    monkeypatch.setattr(engine, "BLOCK", 4096)
    monkeypatch.setattr(engine, "BATCH", 37)
    monkeypatch.setattr(aggregate, "MAX_IDENTITIES", 150)
    monkeypatch.setattr(aggregate, "MAX_PENDING", 60)


@pytest.mark.usefixtures("small_blocks")
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fast_and_plain_paths_count_the_same(tmp_path: Path, seed: int) -> None:
    log = tmp_path / "gateway.jsonl"
    log.write_bytes(_log(3000, seed))
    fast = scan_source(Source(str(log)))
    plain = scan_source(Source(str(log)), prefilter=False)
    assert fast.failures > 500
    assert fast.storms()  # the repeated request hashes make storms
    _same(fast, plain)


@pytest.mark.usefixtures("small_blocks")
def test_fast_path_on_a_plain_gateway_log_uses_columns(tmp_path: Path) -> None:
    """Only the gateway shape, no oddity: the column way is taken, and still equal."""
    rnd = random.Random(9)
    rows = []
    for i in range(2000):
        row = {"ts": 1_764_547_200 + i, "model": rnd.choice(MODELS), "key_alias": "team-a",
               "request_hash": f"{i % 300:04x}", "status": 200}  # fmt: skip
        if i % 3 == 0:
            row |= {"status": rnd.choice([401, 429, 503]), "error": rnd.choice(ERRORS)}
        rows.append(json.dumps(row))
    log = tmp_path / "plain.jsonl"
    log.write_text("\n".join(rows) + "\n")
    from whichlayer.scan.readers import generic

    seen: list[str] = []
    real = generic.parse_columns

    def spy(lines: list[bytes], state: dict[str, Any]) -> Any:
        cols = real(lines, state)
        seen.append("columns" if cols is not None else "lines")
        return cols

    generic.parse_columns = spy  # type: ignore[assignment]
    try:
        fast = scan_source(Source(str(log)))
    finally:
        generic.parse_columns = real  # type: ignore[assignment]
    assert seen.count("columns") > len(seen) // 2
    _same(fast, scan_source(Source(str(log)), prefilter=False))


@pytest.mark.usefixtures("small_blocks")
def test_fast_path_with_a_window_and_on_gzip(tmp_path: Path) -> None:
    data = _log(2000, 4)
    log = tmp_path / "gateway.jsonl.gz"
    log.write_bytes(gzip.compress(data))
    window = (datetime(2025, 12, 1, 1, tzinfo=UTC), datetime(2025, 12, 1, 3, tzinfo=UTC))
    fast = scan_source(Source(str(log)), window)
    plain = scan_source(Source(str(log)), window, prefilter=False)
    assert 0 < fast.failures < scan_source(Source(str(log))).failures
    _same(fast, plain)


def test_a_line_longer_than_a_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "BLOCK", 1024)
    long = json.dumps({"ts": 1_764_547_200, "status": 503, "error": "x" * 5000})
    short = json.dumps({"ts": 1_764_547_201, "status": 429, "error": "Rate limit reached"})
    log = tmp_path / "long.jsonl"
    log.write_text("\n".join([short, long, short, long]) + "\n")
    fast = scan_source(Source(str(log)))
    assert fast.failures == 4
    _same(fast, scan_source(Source(str(log)), prefilter=False))


@pytest.mark.parametrize("gz", [False, True])
def test_fast_path_with_large_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     gz: bool) -> None:  # fmt: skip
    """Blocks over a megabyte across a log of mixed shapes, garbage and a truncated last
    line, plain and gzipped: the same aggregates as the plain path, every line counted."""
    monkeypatch.setattr(engine, "BLOCK", (1 << 20) + 4099)  # boundaries fall mid-line
    data = _log(16_000, 7)
    assert len(data) > 2 * (1 << 20)
    log = tmp_path / ("gateway.jsonl.gz" if gz else "gateway.jsonl")
    log.write_bytes(gzip.compress(data) if gz else data)
    fast = scan_source(Source(str(log)))
    plain = scan_source(Source(str(log)), prefilter=False)
    assert fast.files[0].lines == data.count(b"\n") + 1  # the truncated last line too
    assert fast.failures > 3000
    _same(fast, plain)


@pytest.mark.usefixtures("small_blocks")
@pytest.mark.parametrize("spread", [1, 5, 40])
def test_a_request_failing_again_within_one_block(tmp_path: Path, spread: int) -> None:
    """Plain gateway lines (the column way) whose request hashes repeat within a block,
    across blocks and across the storm table's bound: the same storms, first and last
    seen, and counts as the plain path."""
    rnd = random.Random(spread)
    rows = []
    for i in range(1500):
        row = {"ts": 1_764_547_200 + i, "model": rnd.choice(MODELS), "key_alias": "team-a",
               "request_hash": f"{rnd.randrange(i // spread + 1):05x}", "status": 200}  # fmt: skip
        if i % 2 == 0:
            row |= {"status": rnd.choice([429, 503]), "error": rnd.choice(ERRORS)}
        rows.append(json.dumps(row))
    log = tmp_path / "storms.jsonl"
    log.write_text("\n".join(rows) + "\n")
    fast = scan_source(Source(str(log)))
    assert fast.storms()
    _same(fast, scan_source(Source(str(log)), prefilter=False))


def test_the_switch_interval_is_put_back(tmp_path: Path) -> None:
    """The short GIL switch interval lasts while a file is read, also when scans run in
    several threads at once and end in any order."""
    import sys
    import threading

    log = tmp_path / "gateway.jsonl"
    log.write_bytes(_log(2000, 5))
    before = sys.getswitchinterval()
    seen: list[float] = []
    real = engine._candidate_lines

    def spy(*a: Any, **k: Any) -> Any:
        seen.append(sys.getswitchinterval())
        return real(*a, **k)

    engine._candidate_lines = spy  # type: ignore[assignment]
    try:
        runs = [threading.Thread(target=scan_source, args=(Source(str(log)),)) for _ in range(4)]
        for run in runs:
            run.start()
        for run in runs:
            run.join()
        scan_source(Source(str(log)))
    finally:
        engine._candidate_lines = real  # type: ignore[assignment]
    assert seen and all(s == min(before, engine.SWITCH_INTERVAL) for s in seen)
    assert sys.getswitchinterval() == before


@pytest.mark.parametrize("block", [4096, (1 << 16) + 1234])
def test_a_quiet_plain_file_is_read_through_memory_maps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    """A plain file not written to lately is read through memory maps (a block size that
    is not a multiple of the page too): the same aggregates as the plain path, whole or
    split in byte ranges; a file written to just now is read with ``read``."""
    monkeypatch.setattr(engine, "BLOCK", block)
    data = _log(6000, 11)
    log = tmp_path / "gateway.jsonl"
    log.write_bytes(data)
    maps: list[bool] = []
    real = engine._mapped

    def spy(stream: Any, first: bytes) -> Any:
        blocks = real(stream, first)
        maps.append(blocks is not None)
        return blocks

    monkeypatch.setattr(engine, "_mapped", spy)
    scan_source(Source(str(log)))
    assert maps == [False]  # just written: read
    old = log.stat().st_mtime - 3600
    os.utime(log, (old, old))
    fast = scan_source(Source(str(log)))
    assert maps == [False, True]
    plain = scan_source(Source(str(log)), prefilter=False)
    assert fast.files[0].lines == data.count(b"\n") + 1
    assert fast.failures > 1000
    _same(fast, plain)
    whole = to_dict(fast)
    parts = [scan_source(Source(str(log)), byte_range=r) for r in engine.split_ranges(str(log), 3)]
    assert maps[-3:] == [True, True, True]
    total = parts[0]
    for part in parts[1:]:
        total.merge(part)
    merged = to_dict(total)
    for d in (whole, merged):
        d.pop("files")
    assert merged == whole


def test_a_file_that_shrinks_under_the_maps_is_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file cut shorter between the reading of its size and the mapping of a block (a
    rotation by copy and truncate): the scan stops reading it with a note, no traceback."""
    monkeypatch.setattr(engine, "BLOCK", 4096)
    log = tmp_path / "gateway.jsonl"
    log.write_bytes(_log(2000, 5))
    old = log.stat().st_mtime - 3600
    os.utime(log, (old, old))
    real = os.fstat

    def fstat(fd: int) -> os.stat_result:
        got = real(fd)
        fields = list(got[:10])
        fields[6] += 10 * 4096  # says more than it holds, as a file truncated a moment later
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", fstat)
    agg = scan_source(Source(str(log)))
    monkeypatch.setattr(os, "fstat", real)
    stat = agg.files[0]
    assert stat.note == "stopped reading: the file shrank while it was read"
    assert stat.lines > 1000 and agg.failures > 100  # what was read before still counts


def test_no_mmap_reads_every_file_with_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``whichlayer scan --no-mmap`` (for logs rotated by copy and truncate at any moment)
    reads even a quiet file with ``read``, and counts the same as the memory maps."""
    from whichlayer.cli import main

    log = tmp_path / "gateway.jsonl"
    log.write_bytes(_log(3000, 7))
    old = log.stat().st_mtime - 3600
    os.utime(log, (old, old))
    maps: list[bool] = []
    real = engine._mapped

    def spy(stream: Any, first: bytes) -> Any:
        blocks = real(stream, first)
        maps.append(blocks is not None)
        return blocks

    monkeypatch.setattr(engine, "_mapped", spy)
    monkeypatch.delenv(engine.MAP_SWITCH, raising=False)
    assert main(["scan", str(log), "--json"]) == 0
    mapped = json.loads(capsys.readouterr().out)
    assert maps == [True]
    monkeypatch.setenv(engine.MAP_SWITCH, "1")  # so monkeypatch restores it after the CLI sets it
    assert main(["scan", str(log), "--json", "--no-mmap"]) == 0
    read = json.loads(capsys.readouterr().out)
    assert maps == [True, False]
    assert os.environ[engine.MAP_SWITCH] == "0"
    assert mapped["by"] == read["by"] and mapped["failures"] == read["failures"] > 100


@pytest.mark.parametrize("size", [0, 1, 4095, 256 * 1024, 256 * 1024 + 1, 3 * 1024 * 1024 + 7])
def test_newlines_are_counted_as_bytes_count_counts(size: int) -> None:
    import numpy as np

    from whichlayer.scan.engine import _count_newlines

    data = random.Random(size).randbytes(size).replace(b"\r", b"\n")
    want = data.count(b"\n")
    assert _count_newlines(data) == want
    scratch = np.ones(size + 5, dtype=bool)  # a kept array longer than the block, reused
    assert _count_newlines(data, scratch) == want
    assert _count_newlines(data, scratch) == want
    assert _count_newlines(data, np.ones(max(size - 1, 0), dtype=bool)) == want  # too short


#: Pieces of lines for the search test: the jsonl reader's needles, strings its faster
#: search patterns match but no needle holds, garbage with the steering bytes, and filler.
_NEAR = [
    b'"upstream_status": 502',
    b'"upstream_status":"404"',
    b'"mode": 4',
    b'"error_code":500',
    b'"node": "5',
    b'"terror":"x"',
    b'"mirror": {',
    b'"statusCode" : 503',
    b'"status": 200',
    b'status": 4',
    b"\xc0" * 8,
    b"\xff" * 9,
    b"\xf8" * 8 + b"\xc1" * 8,
    b'"http_status":2',
]
_FILLER = [b'{"ts": 1764547200', b'"model": "gpt-4o"', b", ", b"}", b"x" * 40, b'"a":4', b" "]


def _search_log(rnd: random.Random, n: int) -> bytes:
    from whichlayer.scan.readers import generic

    lines = []
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(0, 6)):
            roll = rnd.random()
            pool = generic.NEEDLES if roll < 0.15 else _NEAR if roll < 0.5 else _FILLER
            parts.append(rnd.choice(pool))
        lines.append(b"".join(parts))
    return b"\n".join(lines) + (b"" if rnd.random() < 0.5 else b"\n")


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("block", [64, 4096, 1 << 16])
def test_the_fast_search_takes_exactly_the_lines_holding_a_needle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int, block: int
) -> None:
    """The jsonl reader's blocks are searched for its ``SEARCH`` strings (which near misses
    match too: other keys ending in ``status`` or ``ode``, the steering bytes in garbage)
    and each match is checked: the lines taken are exactly those holding a needle, in
    order, read by ``read`` and through memory maps, across every block boundary."""
    import io

    from whichlayer.scan.aggregate import FileStat
    from whichlayer.scan.readers import generic

    assert engine._matcher(generic).loose is not None  # the fast search is the one in use
    monkeypatch.setattr(engine, "BLOCK", block)
    rnd = random.Random(seed)
    data = _search_log(rnd, 3000)
    want = [x for x in data.split(b"\n") if any(n in x for n in generic.NEEDLES)]
    assert len(want) > 300
    near = [x for x in data.split(b"\n") if x not in want and engine._matcher(generic).fast
            .find_matches_as_indexes(x)]  # fmt: skip
    assert len(near) > 300  # lines the faster search matches and the check turns away
    log = tmp_path / "search.jsonl"
    log.write_bytes(data)
    old = log.stat().st_mtime - 3600
    os.utime(log, (old, old))
    for opened in (lambda: io.BufferedReader(io.BytesIO(data)), lambda: log.open("rb")):  # type: ignore[arg-type]
        with opened() as stream:
            stat = FileStat(path="search", format="jsonl")
            got = [x for lines in engine._candidate_lines(generic, stream, b"", stat, None)
                   for x in lines]  # fmt: skip
        assert got == want
        assert stat.lines == data.count(b"\n") + (not data.endswith(b"\n"))


def test_search_strings_must_be_held_by_every_needle() -> None:
    """A reader whose ``SEARCH`` misses a needle would lose its lines: refused at once."""
    import types

    reader = types.ModuleType("bad")
    reader.NAME = "bad"  # type: ignore[attr-defined]
    reader.NEEDLES = (b'"status": 4', b'"error": "')  # type: ignore[attr-defined]
    reader.SEARCH = (b'tatus": 4',)  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="SEARCH"):
        engine.Needles(reader)


@pytest.mark.parametrize(
    "twist",
    [
        {"status": True},  # a bool is not a status
        {"status": 503.0},
        {"status": 302},
        {"model": ""},
        {"ts": -5},
        {"ts": "2025-12-01T00:00:00Z"},
        {"timestamp": "2025-12-01T00:00:00Z"},  # a time field read before "ts"
        {"request": {"host": "api.example.com"}},  # a nested request: read for a host
        {"host": "api.example.com"},  # a family the shape lacks
        {"key_alias": None},
    ],
)
def test_column_way_refuses_a_batch_with_an_odd_line(twist: dict[str, Any]) -> None:
    """One odd line sends its batch the careful way; the same failures either way."""
    from whichlayer.scan.readers import generic

    def line(i: int, **extra: Any) -> bytes:
        row = {"ts": 1_764_547_200 + i, "model": "gpt-4o", "key_alias": "team-a",
               "status": 429, "error": "Rate limit reached"}  # fmt: skip
        return json.dumps(row | extra).encode()

    state: dict[str, Any] = {}
    generic.parse_lines([line(0)], state)  # the shape learned, as the scanner does
    clean = [line(i) for i in range(5)]
    assert generic.parse_columns(clean, state) is not None
    odd = [*clean, line(5, **twist)]
    assert generic.parse_columns(odd, state) is None
    careful, _ = generic.parse_lines(odd, {})
    assert len(careful) == 6 - (twist == {"status": 302})


def test_column_way_takes_lines_with_fields_it_does_not_read() -> None:
    """A field no family reads (a latency, a token count) or read after the pick does
    not send a batch the careful way; the columns equal the careful way's failures."""
    from whichlayer.scan.readers import generic

    rows = [
        {"ts": 1_764_547_200, "status": 429, "error": "Rate limit reached", "model": "m"},
        {"model": "m", "error": "Rate limit reached", "status": 429, "ts": 1_764_547_201,
         "latency_ms": 12, "tokens": [1, {"a": None}], "response_body": "also here"},
    ]  # fmt: skip
    lines = [json.dumps(r).encode() for r in rows]
    state: dict[str, Any] = {}
    generic.parse_lines(lines[:1], state)
    cols = generic.parse_columns(lines, state)
    assert cols is not None
    careful, _ = generic.parse_lines(lines, {})
    assert [tuple(f) for f in cols.rows()] == [tuple(f) for f in careful]


def test_column_way_memo_of_raw_errors_is_bounded_in_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Long, all-distinct errors: the raw JSON kept as keys stays near its byte bound."""
    from whichlayer.scan.readers import generic

    monkeypatch.setattr(generic, "_MAX_TEXT_BYTES", 5_000)
    state: dict[str, Any] = {}

    def line(i: int) -> bytes:
        error = f"upstream failed {i} " + "x" * 500
        return json.dumps({"ts": 1_764_547_200 + i, "status": 503, "error": error}).encode()

    generic.parse_lines([line(0)], state)
    for start in range(0, 200, 10):
        batch = [line(i) for i in range(start, start + 10)]
        cols = generic.parse_columns(batch, state)
        assert cols is not None and len(cols.texts) == 10
        assert sum(len(k[1]) for k in state["_texts_raw"]) <= 5_000 + 10 * 600
