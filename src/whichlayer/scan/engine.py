"""Reading logs fast: one Aho-Corasick pass per block finds candidate lines, only those are
parsed, and each distinct error text is diagnosed once."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import cache
from types import ModuleType
from typing import Any

from whichlayer.scan.aggregate import Aggregate, FileStat, Verdict
from whichlayer.scan.model import Failure
from whichlayer.scan.readers import BY_NAME, detect, proxy_records
from whichlayer.scan.sources import MAX_WHOLE_FILE, Source, SourceError, is_read_error

#: Bytes read at a time: large enough that the per-block cost vanishes, small
#: enough that memory stays flat whatever the file size.
BLOCK = 8 * 1024 * 1024
#: Bytes of a file's start used to detect its format.
SNIFF_BYTES = 64 * 1024
#: A single line longer than this is skipped (counted as unreadable), never buffered.
MAX_LINE = 16 * 1024 * 1024
#: Distinct error texts whose diagnosis is remembered.
MEMO_SIZE = 50_000


@cache
def _matcher(reader: ModuleType) -> Any:
    import ahocorasick_rs

    return ahocorasick_rs.BytesAhoCorasick(list(reader.NEEDLES))


class Diagnoser:
    """``explain`` with a memory: a log repeats the same few errors many times."""

    def __init__(self) -> None:
        self._memo: dict[str, Verdict] = {}

    def __call__(self, text: str) -> Verdict:
        hit = self._memo.get(text)
        if hit is not None:
            return hit
        from whichlayer._explain import explain

        d = explain(text)
        verdict = Verdict(
            d.layer.value if d.layer else None, str(d.cause), str(d.origin), str(d.retry)
        )
        if len(self._memo) >= MEMO_SIZE:
            self._memo.clear()
        self._memo[text] = verdict
        return verdict


Window = tuple[datetime | None, datetime | None]


def _in_window(when: datetime | None, window: Window) -> bool:
    since, until = window
    if since is None and until is None:
        return True
    if when is None:
        return False
    return (since is None or when >= since) and (until is None or when < until)


def scan_source(
    source: Source,
    window: Window = (None, None),
    diagnose: Diagnoser | None = None,
    byte_range: tuple[int, int] | None = None,
    forced: str | None = None,
    prefilter: bool = True,
) -> Aggregate:
    """Every failure in one file, diagnosed and counted (``prefilter=False`` parses every
    line: the slow path the prefilter must agree with)."""
    diagnose = diagnose or Diagnoser()
    agg = Aggregate()
    stat = FileStat(path=source.path, format="?")
    agg.files.append(stat)
    try:
        stream = source.open()
    except SourceError as exc:
        stat.note = str(exc)
        return agg
    try:
        if byte_range is not None:
            stream.seek(byte_range[0])
        head = stream.read(SNIFF_BYTES)
        if head.startswith(proxy_records.MAGIC) and source.path != "-":
            stat.format = proxy_records.NAME
            for failure in proxy_records.read_db(source.path):
                stat.candidates += 1
                if _in_window(failure.when, window):
                    _count(agg, failure, diagnose)
                    stat.failures += 1
            return agg
        reader = BY_NAME.get(forced or "") or detect(_head_lines(head, byte_range))
        if reader is None:
            stat.format = "unknown"
            stat.note = "not a log format whichlayer reads"
            return agg
        stat.format = reader.NAME
        state: dict[str, Any] = {}
        skipped = 0
        if byte_range is not None and byte_range[0] > 0:
            # the line under way at the range's start belongs to the range before
            cut = head.find(b"\n")
            skipped = cut + 1 if cut >= 0 else len(head)
            head = head[skipped:]
        limit = None if byte_range is None else byte_range[1] - byte_range[0]
        failures = _failures(reader, stream, head, state, stat, limit, skipped, prefilter)
        for failure in failures:
            if not _in_window(failure.when, window):
                continue
            _count(agg, failure, diagnose)
            stat.failures += 1
    except Exception as exc:
        if not is_read_error(exc):
            raise
        stat.note = f"stopped reading: {exc}"  # a damaged .gz, a device error: say it, go on
    finally:
        if stream is not getattr(__import__("sys").stdin, "buffer", None):
            stream.close()
    return agg


def _head_lines(head: bytes, byte_range: tuple[int, int] | None) -> list[str]:
    text = head.decode("utf-8", "replace")
    lines = text.splitlines()
    if byte_range is not None and byte_range[0] > 0 and lines:
        lines = lines[1:]  # the first line of a later range is partial
    return lines[:-1] if len(lines) > 1 else lines  # the last one may be cut


def _count(agg: Aggregate, failure: Failure, diagnose: Callable[[str], Verdict]) -> None:
    verdict = diagnose(failure.text)
    agg.add(
        verdict,
        failure.when,
        failure.model,
        failure.host,
        failure.key,
        failure.identity,
        failure.retry_attempt,
        failure.text,
        failure.request_id,
    )


def _failures(
    reader: ModuleType,
    stream: Any,
    head: bytes,
    state: dict[str, Any],
    stat: FileStat,
    limit: int | None,
    skipped: int = 0,
    prefilter: bool = True,
) -> Iterator[Failure]:
    if getattr(reader, "WHOLE_FILE", False):
        rest = stream.read(MAX_WHOLE_FILE + 1 - len(head))
        data = head + rest
        if len(data) > MAX_WHOLE_FILE:
            stat.note = f"larger than {MAX_WHOLE_FILE // (1024 * 1024)} MB: skipped"
            return
        stat.lines = data.count(b"\n") + 1
        for failure in reader.parse_file(data.decode("utf-8", "replace")):
            stat.candidates += 1
            yield failure
        return
    for line in _candidate_lines(reader, stream, head, stat, limit, skipped, prefilter):
        stat.candidates += 1
        try:
            failure = reader.parse(line.decode("utf-8", "replace"), state)
        except Exception:  # one odd line never stops a scan
            failure = None
            stat.unreadable += 1
        if failure is not None and failure.text:
            yield failure


def _candidate_lines(
    reader: ModuleType,
    stream: Any,
    first: bytes,
    stat: FileStat,
    limit: int | None,
    consumed: int = 0,
    prefilter: bool = True,
) -> Iterator[bytes]:
    """Lines holding one of the reader's needles; every other line costs only the search.

    With ``limit`` (a byte range of a file split across processes), the lines read
    are those that start at or before the range's end: the last one is finished
    past it, and the next range skips it.
    """
    matcher = _matcher(reader) if reader.NEEDLES and prefilter else None
    carry = b""
    pending = first
    done = False
    while not done:
        chunk = pending if pending else stream.read(BLOCK)
        pending = b""
        if not chunk:
            break
        if limit is not None:
            room = limit - consumed
            if room < len(chunk):
                cut = chunk.find(b"\n", max(room, 0))
                if cut >= 0:
                    chunk, done = chunk[: cut + 1], True
            consumed += len(chunk)
        data = carry + chunk if carry else chunk
        cut = data.rfind(b"\n")
        if cut < 0:
            carry = data
            if len(carry) > MAX_LINE:
                stat.unreadable += 1
                carry = b""
            continue
        block, carry = data[: cut + 1], data[cut + 1 :]
        stat.lines += block.count(b"\n")
        yield from _lines_in(block, matcher)
    if carry:  # a last line without its newline (a log still being written)
        stat.lines += 1
        yield from _lines_in(carry, matcher)


def _lines_in(block: bytes, matcher: Any) -> Iterator[bytes]:
    if matcher is None:
        yield from (line for line in block.split(b"\n") if line.strip())
        return
    last_end = -1
    for _, start, _end in matcher.find_matches_as_indexes(block):
        if start <= last_end:
            continue
        line_start = block.rfind(b"\n", 0, start) + 1
        line_end = block.find(b"\n", start)
        if line_end < 0:
            line_end = len(block)
        last_end = line_end
        yield block[line_start:line_end]


def split_ranges(path: str, parts: int) -> list[tuple[int, int]]:
    size = os.path.getsize(path)
    step = max(size // parts, 1)
    bounds = [i * step for i in range(parts)] + [size]
    return [(bounds[i], bounds[i + 1]) for i in range(parts) if bounds[i] < bounds[i + 1]]
