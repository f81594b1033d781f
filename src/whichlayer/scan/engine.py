"""Reading logs fast: one Aho-Corasick pass per block finds candidate lines, only those are
parsed, and each distinct error text is diagnosed once."""

from __future__ import annotations

import contextlib
import gc
import os
import queue
import sys
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterator
from datetime import datetime
from functools import cache
from types import ModuleType
from typing import Any

from whichlayer.scan.aggregate import Aggregate, FileStat, Verdict
from whichlayer.scan.model import Columns, Failure
from whichlayer.scan.readers import BY_NAME, detect, proxy_records
from whichlayer.scan.sources import MAX_WHOLE_FILE, Source, SourceError, is_read_error

#: Bytes read at a time: large enough that the per-block cost vanishes, small
#: enough that memory stays flat whatever the file size.
BLOCK = 8 * 1024 * 1024
#: Candidate lines parsed and counted at a time.
BATCH = 4096
#: Bytes of a file's start used to detect its format.
SNIFF_BYTES = 64 * 1024
#: A single line longer than this is skipped (counted as unreadable), never buffered.
MAX_LINE = 16 * 1024 * 1024
#: Distinct error texts whose diagnosis is remembered.
MEMO_SIZE = 50_000
#: A plain file modified less than this many seconds ago is read, not memory-mapped: a log
#: still being written may be truncated under the scan (a rotation by copy and truncate),
#: and reading a map past a file's new end kills the process (SIGBUS) where ``read`` just
#: stops.
MAP_QUIET_SECONDS = 10.0
#: Set to ``0`` (``whichlayer scan --no-mmap`` does) to read every file by ``read``, for a
#: log that may be truncated while it is scanned however long it was quiet. An environment
#: variable, so the processes of ``--jobs`` see it too.
MAP_SWITCH = "WHICHLAYER_SCAN_MMAP"
#: Seconds a thread that wants the GIL waits before the running one is asked to drop it,
#: while a file is read (Python's default is 5 ms).
SWITCH_INTERVAL = 0.0005


#: Patterns added to a reader's ``SEARCH`` that never match UTF-8 text (the bytes 0xC0,
#: 0xC1, 0xF8 and 0xFF never occur in it), there only to steer ``ahocorasick_rs`` to its
#: vectorised (Teddy) search: with at least four distinct rare bytes and a start byte
#: above 0x7F among the patterns, it builds neither its start-byte nor its rare-byte
#: prefilter (which for JSON keys would stop at every ``"``), and with patterns of 8 bytes
#: or more the fingerprints it compares are long enough to be selective. A match of one
#: (binary garbage) is checked like any other and never taken on its own.
STEER = tuple(bytes([b]) * 8 for b in (0xC0, 0xC1, 0xF8, 0xFF))


class Needles:
    """A reader's ``NEEDLES``, found fast in a block.

    A reader may also name ``SEARCH``: shorter strings, at least one of which every
    needle holds, and which together hold fewer distinct fingerprints (the jsonl
    reader's 40 status needles, ``"status": 4`` and its kin, are 16 strings such as
    ``tatus": 4``). Those are what the block is searched for, with ``STEER``, in one
    vectorised pass (~0.45 s per GB on the benchmark's log, against ~1 s for the 44
    needles themselves); each match is then checked against the needles that hold it,
    where it stands (``loose[pattern]``: the needle and the pattern's offset in it), so
    the lines taken are exactly those holding a needle. A match that no needle explains
    (``"upstream_status": 502``, garbage) makes its line be searched for the needles
    themselves (``holds``). Every line holding a needle has a match of ``SEARCH`` in it:
    the leftmost-first search reports, for each occurrence, a match that covers or
    precedes it, and no pattern spans a newline.
    """

    def __init__(self, reader: ModuleType) -> None:
        import ahocorasick_rs as ac

        needles = list(reader.NEEDLES)
        self.exact: Any = ac.BytesAhoCorasick(needles)
        search: tuple[bytes, ...] = getattr(reader, "SEARCH", ())
        #: per pattern of the fast search, (offset in the needle, needle) for each needle
        #: holding it; None when the needles themselves are searched
        self.loose: list[tuple[tuple[int, bytes], ...]] | None = None
        self.fast: Any = self.exact
        if search:
            unheld = [n for n in needles if not any(p in n for p in search)]
            if unheld or any(b"\n" in p for p in search):
                raise ValueError(
                    f"{reader.NAME}: every needle must hold one of SEARCH, and none of SEARCH"
                    f" a newline (needles holding none: {unheld})"
                )
            patterns = [*search, *STEER]
            self.fast = ac.BytesAhoCorasick(
                patterns,
                matchkind=ac.MatchKind.LeftmostFirst,
                implementation=ac.Implementation.DFA,
            )
            self.loose = [tuple((k, n) for n in needles for k in _offsets(n, p)) for p in patterns]

    def find_matches_as_indexes(self, block: bytes) -> list[tuple[int, int, int]]:
        """The fast search's matches in a block (the GIL is released while it runs)."""
        found: list[tuple[int, int, int]] = self.fast.find_matches_as_indexes(block)
        return found

    def holds(self, line: bytes) -> bool:
        """Whether the line holds one of the needles (searched for themselves)."""
        return bool(self.exact.find_matches_as_indexes(line))


def _offsets(needle: bytes, pattern: bytes) -> list[int]:
    """Every offset at which ``pattern`` stands in ``needle``."""
    out, at = [], needle.find(pattern)
    while at >= 0:
        out.append(at)
        at = needle.find(pattern, at + 1)
    return out


@cache
def _matcher(reader: ModuleType) -> Needles:
    return Needles(reader)


#: A scan of at least this many bytes (plain files) judges its distinct errors in a second
#: process, forked at the start, while this one reads and counts: judging a log's ~3,000
#: distinct errors costs ~0.6 s of CPU that otherwise holds the parsing thread (the limit
#: of a scan). Below it, the fork and the pipe cost more than they save.
REMOTE_MIN_BYTES = 32 * 1024 * 1024
#: Set to ``0`` to judge in the scanning process whatever the size (the benchmark's
#: comparison, and a way out should a platform's fork misbehave).
REMOTE_SWITCH = "WHICHLAYER_SCAN_REMOTE"
#: Bytes of failures held back, in order, while their errors are judged in the second
#: process: the scan reads on meanwhile, and beyond it waits for the judgements. A held
#: failure is reckoned at ``HELD_FAILURE_BYTES`` (a column-way failure's objects, measured
#: with ``tracemalloc``; one read line by line holds somewhat more, a tuple with a datetime)
#: plus the length of each text its batch sent to be judged. On the
#: benchmark's 1 GB log (``bench/scan.py``), a limit of 32 blocks left the scan waiting on
#: the judge for a sixth of its wall; this one took the wall from ~2.6 s to ~2.3 s for
#: ~16 MB more peak RSS.
MAX_WAITING_BYTES = 40 * 1024 * 1024
HELD_FAILURE_BYTES = 240
#: Texts sent to the other process in one message (and answered in one).
SEND_TEXTS = 64


def _serve(conn: Any, parent_end: Any) -> None:
    """The second process: judge each list of texts it is sent, answer in order. It ends
    when the scan closes the pipe, or dies (the pipe's end the scan holds is closed here,
    so the scan's death reaches this process as the end of the pipe)."""
    import signal

    parent_end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the scan's to handle
    from whichlayer._explain import verdict as judge

    while True:
        try:
            texts = conn.recv()
        except (EOFError, OSError):
            return
        if texts is None:
            return
        out: list[tuple[str | None, str, str, str] | None] = []
        for text in texts:
            try:
                layer, cause, origin, retry = judge(text)
                out.append((layer.value if layer else None, str(cause), str(origin), str(retry)))
            except Exception:  # judged again in the scanning process, where it is raised
                out.append(None)
        conn.send(out)


class _Remote:
    """The engine in a forked process, fed the distinct texts over a pipe."""

    def __init__(self) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe()
        for stream in (sys.stdout, sys.stderr):  # else the child would write them out again
            with contextlib.suppress(OSError, ValueError, AttributeError):
                stream.flush()
        self.proc = ctx.Process(
            target=_serve, args=(child, self.conn), name="scan-judge", daemon=True
        )
        self.proc.start()
        child.close()
        #: the lists sent and not yet answered, in order
        self.sent: deque[list[str]] = deque()
        # Sending is a thread's own: while the other process judges, the pipe fills and a
        # send waits; the scan reads and counts on meanwhile (``py-spy``: a quarter of a
        # 1 GB scan's wall was spent waiting in ``send``, none of it needed).
        self._outbox: queue.SimpleQueue[list[str] | None] = queue.SimpleQueue()
        self._sender = threading.Thread(target=self._send_all, name="scan-judge-send", daemon=True)
        self._sender.start()

    def _send_all(self) -> None:
        while True:
            part = self._outbox.get()
            try:
                self.conn.send(part)
            except (OSError, ValueError):  # the other process is gone: ``receive`` says so
                return
            if part is None:
                return

    def send(self, texts: list[str]) -> None:
        # in small lists, answered one by one: the first block's texts come back while
        # the other process still judges the next ones
        if not self._sender.is_alive():
            raise OSError("the judging process stopped taking texts")
        for at in range(0, len(texts), SEND_TEXTS):
            part = texts[at : at + SEND_TEXTS]
            self._outbox.put(part)
            self.sent.append(part)

    def receive(self, block: bool) -> list[tuple[str, Any]]:
        """The answers that have arrived (``block``: wait for the next one at least)."""
        got: list[tuple[str, Any]] = []
        while self.sent and (block or self.conn.poll()):
            answers = self.conn.recv()
            got += zip(self.sent.popleft(), answers, strict=True)
            block = False
        return got

    def close(self) -> None:
        self._outbox.put(None)  # after whatever is still to send
        self._sender.join(timeout=2)
        self.conn.close()
        self.proc.join(timeout=2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(timeout=2)


def _can_fork() -> bool:
    """Forking is safe only from a process with one thread (Linux: ``fork`` is its way)."""
    return (
        sys.platform == "linux"
        and os.environ.get(REMOTE_SWITCH, "1") != "0"
        and threading.active_count() == 1
    )


class Diagnoser:
    """``explain``'s verdict with a memory: a log repeats the same few errors many times.
    Only the verdict is made (``whichlayer._explain.verdict``): the summary, actions and
    facts a Diagnosis adds, which the scan never reads, are not.

    ``remote=True`` (a large scan, from a process with one thread): the distinct errors
    are judged in a forked process while this one goes on reading (``ask``, then
    ``ready``); a text asked for directly waits for its answer. The judgements are the
    same either way (the same code; the agreement test and the benchmark check it).
    ``close`` ends that process."""

    def __init__(self, remote: bool = False) -> None:
        #: read directly by the hot path (a hit costs one dict lookup, no call)
        self.memo: dict[str, Verdict] = {}
        #: one object per distinct judgement (the counters key by the object)
        self._verdicts: dict[tuple[str | None, str, str, str], Verdict] = {}
        self._remote: _Remote | None = None
        #: texts sent to the other process and not answered yet
        self._asked: set[str] = set()
        #: the length of every text sent there so far
        self.sent_chars = 0
        if remote and _can_fork():
            try:
                self._remote = _Remote()
            except OSError:  # no fork here (a sandbox, a process limit): judge in-process
                self._remote = None

    @property
    def remote(self) -> bool:
        return self._remote is not None

    def __call__(self, text: str) -> Verdict:
        hit = self.memo.get(text)
        if hit is not None:
            return hit
        if self._remote is not None:
            if text not in self._asked:
                self.ask([text])
            while text in self._asked:
                found = self._collect(block=True)
                if text in found:
                    return found[text]
        return self._local(text)

    def _local(self, text: str) -> Verdict:
        from whichlayer._explain import verdict as judge

        # explain's layer, cause, origin and retry, by the same decision, without its words
        layer, cause, origin, retry = judge(text)
        key = (layer.value if layer else None, str(cause), str(origin), str(retry))
        return self._keep(text, key)

    def _keep(self, text: str, key: tuple[str | None, str, str, str]) -> Verdict:
        verdict = self._verdicts.get(key)
        if verdict is None:
            if len(self._verdicts) >= MEMO_SIZE:
                self._verdicts.clear()
            verdict = self._verdicts[key] = Verdict(*key)
        if len(self.memo) >= MEMO_SIZE:
            self.memo.clear()
        self.memo[text] = verdict
        return verdict

    def ask(self, texts: list[str]) -> set[str]:
        """Send the texts not judged yet to the other process (no wait); the ones that
        were missing are returned, to be checked with ``ready``."""
        remote = self._remote
        if remote is None:
            return set()
        missing = set(texts).difference(self.memo)
        new = missing - self._asked
        if new:
            try:
                remote.send(list(new))
            except OSError:  # the other process is gone: judge here from now on
                self._lose_remote()
                return set()
            self._asked |= new
            self.sent_chars += sum(map(len, new))
        self._collect(block=False)
        return missing

    def ready(self, missing: set[str]) -> bool:
        """Whether every text of ``missing`` is judged (answers that arrived are taken)."""
        if not missing:
            return True
        self._collect(block=False)
        return self.memo.keys() >= missing

    def _collect(self, block: bool) -> dict[str, Verdict]:
        remote = self._remote
        if remote is None:
            return {}
        try:
            answers = remote.receive(block)
        except (EOFError, OSError):  # the other process died: what it owed is judged here
            self._lose_remote()
            return {}
        found: dict[str, Verdict] = {}
        for text, key in answers:
            self._asked.discard(text)
            if key is None:  # it failed there: judged here, where an error surfaces
                found[text] = self._local(text)
            else:
                found[text] = self._keep(text, key)
        return found

    def _lose_remote(self) -> None:
        if self._remote is not None:
            remote, self._remote = self._remote, None
            self._asked.clear()
            remote.close()

    def close(self) -> None:
        self._lose_remote()


Window = tuple[datetime | None, datetime | None]

_switch_lock = threading.Lock()
#: Files being read right now (by any thread), and the switch interval before the first.
_switch_state: list[float] = [0, 0.0]


def _quick_switch(on: bool) -> None:
    """While any file is read, a short GIL switch interval: the reading thread needs the
    GIL back after each read and each search, and while the parsing thread runs Python it
    would wait up to the interval (Python's default, 5 ms) each time. Counted, so scans
    running at once in several threads put the interval back only when the last ends."""
    with _switch_lock:
        if on:
            if not _switch_state[0]:
                _switch_state[1] = sys.getswitchinterval()
                sys.setswitchinterval(min(_switch_state[1], SWITCH_INTERVAL))
            _switch_state[0] += 1
        else:
            _switch_state[0] -= 1
            if not _switch_state[0]:
                sys.setswitchinterval(_switch_state[1])


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
        batches = _failures(reader, stream, head, state, stat, limit, skipped, prefilter)
        collecting = gc.isenabled()
        # The hot path makes no reference cycles, but it keeps many objects alive (request
        # identities for storms): the cyclic collector would walk them all again and again.
        gc.disable()
        _quick_switch(True)
        try:
            if prefilter:  # the hot path: a block's failures counted in one call
                memo = diagnose.memo

                def count(batch: list[Failure] | Columns) -> None:
                    if isinstance(batch, list):
                        stat.failures += agg.add_all(batch, diagnose, memo, window)
                    else:
                        stat.failures += agg.add_columns(batch, diagnose, memo, window)

                ahead = diagnose.remote and window == (None, None)
                # with the judge in another process: each block waits, in order, until its
                # new errors are judged there, and the reading goes on meanwhile
                waiting: deque[tuple[list[Failure] | Columns, set[str], int]] = deque()
                held = 0
                for batch in batches:
                    if not ahead:
                        count(batch)
                        continue
                    texts = batch.texts if isinstance(batch, Columns) else [f[0] for f in batch]
                    before = diagnose.sent_chars
                    missing = diagnose.ask(texts)
                    weight = len(texts) * HELD_FAILURE_BYTES + diagnose.sent_chars - before
                    waiting.append((batch, missing, weight))
                    held += weight
                    while waiting and (held > MAX_WAITING_BYTES or diagnose.ready(waiting[0][1])):
                        batch, _, weight = waiting.popleft()
                        count(batch)  # a text not judged yet is waited for
                        held -= weight
                while waiting:
                    count(waiting.popleft()[0])
            else:  # the plain path, one failure at a time, that the hot path must equal
                for batch in batches:
                    for failure in batch if isinstance(batch, list) else batch.rows():
                        if _in_window(failure.when, window):
                            _count(agg, failure, diagnose)
                            stat.failures += 1
        finally:
            batches.close()  # stops the reading thread before the stream is closed
            _quick_switch(False)
            if collecting:
                gc.enable()
    except Exception as exc:
        if not is_read_error(exc):
            raise
        stat.note = f"stopped reading: {exc}"  # a damaged .gz, a device error: say it, go on
    finally:
        if stream is not getattr(sys.stdin, "buffer", None):
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
) -> Generator[list[Failure] | Columns, None, None]:
    """The failures in a stream, a block's worth at a time (as columns, when the reader
    can give them so)."""
    if getattr(reader, "WHOLE_FILE", False):
        rest = stream.read(MAX_WHOLE_FILE + 1 - len(head))
        data = head + rest
        if len(data) > MAX_WHOLE_FILE:
            stat.note = f"larger than {MAX_WHOLE_FILE // (1024 * 1024)} MB: skipped"
            return
        stat.lines = data.count(b"\n") + 1
        found = list(reader.parse_file(data.decode("utf-8", "replace")))
        stat.candidates += len(found)
        yield found
        return
    parse = reader.parse
    parse_block = getattr(reader, "parse_block", None) if prefilter else None
    for lines in _candidate_lines(reader, stream, head, stat, limit, skipped, prefilter):
        stat.candidates += len(lines)
        if parse_block is not None:
            for at in range(0, len(lines), BATCH):  # a batch's objects stay in the CPU cache
                batch, unreadable = parse_block(lines[at : at + BATCH], state)
                stat.unreadable += unreadable
                yield batch
            continue
        batch = []
        for line in lines:
            try:
                failure = parse(line.decode("utf-8", "replace"), state)
            except Exception:  # one odd line never stops a scan
                failure = None
                stat.unreadable += 1
            if failure is not None and failure.text:
                batch.append(failure)
        yield batch


def _chunks(stream: Any, first: bytes, limit: int | None, consumed: int) -> Iterator[bytes]:
    """The stream's bytes in blocks; with ``limit`` (a byte range of a file split across
    processes), up to the end of the line under way at the range's end. A plain file's
    blocks are read through memory maps (see ``_mapped``), others by ``read``."""
    blocks = _mapped(stream, first)
    if blocks is None:
        blocks = _read(stream, first)
    for chunk in blocks:
        if limit is not None:
            room = limit - consumed
            if room < len(chunk):
                cut = chunk.find(b"\n", max(room, 0))
                if cut >= 0:
                    yield chunk[: cut + 1]
                    return
            consumed += len(chunk)
        yield chunk


def _read(stream: Any, first: bytes) -> Iterator[bytes]:
    if first:
        yield first
    while chunk := stream.read(BLOCK):
        yield chunk


def _mapped(stream: Any, first: bytes) -> Iterator[bytes] | None:
    """A plain file's blocks as read-only memory maps of the page cache: no copy into the
    process (``read`` copies every byte, about 0.25 s of CPU per GB), and the search, the
    newline count and the line slices read the maps as they read bytes. None for a stream
    that is not a plain file (stdin, a pipe, a decompressed stream), and for a file
    written to in the last ``MAP_QUIET_SECONDS``."""
    import io
    import mmap
    import stat
    import time

    if os.environ.get(MAP_SWITCH, "1") == "0":
        return None
    raw = getattr(stream, "raw", None)
    if type(stream) is not io.BufferedReader or type(raw) is not io.FileIO:
        return None
    try:
        fd = raw.fileno()
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not info.st_size:  # /proc's files say 0 bytes
            return None
        if time.time() - info.st_mtime < MAP_QUIET_SECONDS:
            return None
        at = stream.tell()
    except (OSError, ValueError):
        return None
    # a map starts at a multiple of the page: the bytes before the next such place are read
    first += stream.read(-at % mmap.ALLOCATIONGRANULARITY)
    at = stream.tell()

    page = mmap.ALLOCATIONGRANULARITY
    step = max(BLOCK - BLOCK % page, page)  # every map starts on a page

    def blocks() -> Iterator[bytes]:
        if first:
            yield first
        pos = at
        while True:
            size = os.fstat(fd).st_size  # a file still being written: read what it holds now
            if pos >= size:
                return
            length = min(step, size - pos)
            try:
                block = mmap.mmap(fd, length, offset=pos, access=mmap.ACCESS_READ)
            except ValueError:  # the file shrank since its size was read
                raise OSError("the file shrank while it was read") from None
            yield block  # type: ignore[misc]
            pos += length

    return blocks()


#: A searched block: its bytes, where the needles are in it, and its newlines' count.
Searched = tuple[bytes, list[tuple[int, int, int]] | None, int]


def _count_newlines(block: bytes, scratch: Any = None) -> int:
    """``bytes.count(b"\n")`` holds the GIL for ~0.35 s per GB, time the parsing thread
    then cannot run; numpy's comparison and count release it. Same count, checked by
    tests/scan/test_fast_path.py. The whole block is compared at once, into ``scratch``
    (a boolean array of at least the block's length, kept by the reading thread; a
    temporary one without it): in 256 KB steps, which stay in the CPU cache, the
    comparison cost ~0.02 s per GB less CPU, but the reading thread took the GIL back
    after each of the 64 steps of a block, each time waiting up to the switch interval
    while the parser held it (the whole scan, in turn under ``chrt -f 10``: 2.30-2.35 s
    against 2.45 s of wall, the same CPU)."""
    import numpy as np

    data = np.frombuffer(block, np.uint8)
    if scratch is None or len(scratch) < len(data):
        return int(np.count_nonzero(data == 10))
    out = scratch[: len(data)]
    np.equal(data, 10, out=out)
    return int(np.count_nonzero(out))


class _Prefetch:
    """Reads and searches the next blocks in a second thread while this one parses.

    ``ahocorasick_rs`` releases the GIL while it searches a ``bytes`` block, and so does
    reading a file, so the search of block n+1 runs beside the parsing of block n.
    At most ``depth`` blocks wait, which keeps memory flat.
    """

    def __init__(self, chunks: Iterator[bytes], matcher: Any, depth: int = 2) -> None:
        import queue

        self._chunks = chunks
        self._matcher = matcher
        self._queue: queue.Queue[Searched | BaseException | None] = queue.Queue(depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="scan-prefetch", daemon=True)
        self._thread.start()

    def _put(self, item: Searched | BaseException | None) -> bool:
        import queue

        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _run(self) -> None:
        try:
            scratch: Any = None  # one array for every block's newline comparison
            for chunk in self._chunks:
                found = self._matcher.find_matches_as_indexes(chunk) if self._matcher else None
                if scratch is None or len(scratch) < len(chunk):
                    import numpy as np

                    scratch = np.empty(max(len(chunk), BLOCK), dtype=bool)
                if not self._put((chunk, found, _count_newlines(chunk, scratch))):
                    return
        except BaseException as exc:  # handed to the reading thread, raised there
            self._put(exc)
            return
        self._put(None)

    def __iter__(self) -> Iterator[Searched]:
        try:
            while True:
                item = self._queue.get()
                if item is None:
                    return
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            self._stop.set()
            # at most one read or one search away; a read blocked on a silent stdin is
            # left to the daemon thread rather than hang an interrupted scan
            self._thread.join(timeout=5)


def _candidate_lines(
    reader: ModuleType,
    stream: Any,
    first: bytes,
    stat: FileStat,
    limit: int | None,
    consumed: int = 0,
    prefilter: bool = True,
) -> Iterator[list[bytes]]:
    """Each block's lines holding one of the reader's needles; every other line costs
    only the search (``prefilter=False``: every non-blank line).

    With ``limit`` (a byte range of a file split across processes), the lines read
    are those that start at or before the range's end: the last one is finished
    past it, and the next range skips it.
    """
    matcher = _matcher(reader) if reader.NEEDLES and prefilter else None
    chunks = _chunks(stream, first, limit, consumed)
    searched: Iterator[Searched] = (
        ((c, None, c.count(b"\n") if type(c) is bytes else _count_newlines(c)) for c in chunks)
        if matcher is None
        else iter(_Prefetch(chunks, matcher))
    )
    carry = b""
    for chunk, found, newlines in searched:
        if not newlines:
            carry += chunk
            if len(carry) > MAX_LINE:
                stat.unreadable += 1
                carry = b""
            continue
        stat.lines += newlines
        head = chunk.find(b"\n")
        tail = chunk.rfind(b"\n")
        lines: list[bytes] = []
        if carry or head:  # the line that straddles the previous block and this one
            line = carry + chunk[:head]
            if len(line) > MAX_LINE:
                stat.unreadable += 1
            elif matcher.holds(line) if matcher else line.strip():
                lines.append(line)
        if found is None or matcher is None:
            lines += [x for x in chunk[head + 1 : tail].split(b"\n") if x.strip()]
        else:
            _lines_at(chunk, found, head, tail, lines, matcher)
        carry = chunk[tail + 1 :]
        yield lines
    if carry:  # a last line without its newline (a log still being written)
        stat.lines += 1
        if len(carry) > MAX_LINE:
            stat.unreadable += 1
        elif matcher.holds(carry) if matcher else carry.strip():
            yield [carry]


def _lines_at(
    block: bytes,
    found: list[tuple[int, int, int]],
    head: int,
    tail: int,
    out: list[bytes],
    needles: Needles | None = None,
) -> None:
    """The whole lines between ``head`` and ``tail`` (newlines) holding a needle, once each,
    in order. A failure line usually holds two matches (its status and its error): the
    second, which starts before the end already found, costs a comparison, not a search
    (a third less than C-level maps that searched every match's line end and then
    deduplicated them). When the block was searched for a reader's ``SEARCH`` (see
    ``Needles``), the first match of a line is checked against the needles that hold
    it where it stands; a line no such check explains is searched for the needles."""
    find, rfind, append = block.find, block.rfind, out.append
    loose = needles.loose if needles is not None else None
    end = -2
    for pattern, start, _ in found:
        if start < end:  # in the line just taken (or just found to hold no needle)
            continue
        end = find(b"\n", start)
        if end < 0:  # the unfinished last line, and every match after it
            return
        if end == head:  # the line cut at the block's start (joined across blocks)
            continue
        if loose is not None:
            for k, needle in loose[pattern]:
                at = start - k
                if at >= 0 and find(needle, at, at + len(needle)) == at:
                    break
            else:  # no needle where this match stands: the line is searched for them
                line = block[rfind(b"\n", 0, start) + 1 : end]
                if needles is not None and needles.holds(line):
                    append(line)
                continue
        append(block[rfind(b"\n", 0, start) + 1 : end])


def split_ranges(path: str, parts: int) -> list[tuple[int, int]]:
    size = os.path.getsize(path)
    step = max(size // parts, 1)
    bounds = [i * step for i in range(parts)] + [size]
    return [(bounds[i], bounds[i + 1]) for i in range(parts) if bounds[i] < bounds[i + 1]]
