"""The hot path: read a client's request, forward it, stream the answer back.

Nothing here judges, redacts or writes to disk: each exchange's raw facts go to
``sink`` (a queue read by the recorder thread). Bytes are written to the other
side as soon as they are read, so SSE frames and heartbeats pass one by one.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import hashlib
import json
import socket
import ssl
import time
from collections.abc import Callable

from whichlayer.proxy._http import (
    HOP_BY_HOP,
    ChunkedWatcher,
    Head,
    HTTPFramingError,
    build_head,
    parse_head,
    status_of,
)
from whichlayer.proxy._upstream import Conn, Pool, ProxyTunnelError
from whichlayer.proxy.exchange import (
    CAPTURE_BYTES,
    END_COMPLETE,
    END_CUT_BY_CLIENT,
    END_CUT_BY_UPSTREAM,
    END_NO_ANSWER,
    Exchange,
)

#: A request body up to this size is read whole before it is forwarded (one write).
BUFFER_BODY_MAX = 8 * 2**20
#: Larger bodies and every answer are passed on in reads of at most this size.
READ_SIZE = 2**18
#: The header that marks an answer as the proxy's own, never the provider's.
ERROR_HEADER = b"X-Whichlayer-Proxy-Error"
#: Deadline for a client's next request on a kept-alive connection.
CLIENT_IDLE_S = 300.0

_DROP_REQUEST = HOP_BY_HOP | {b"host", b"expect"}
_DROP_RESPONSE = HOP_BY_HOP - {b"trailer"}
# A protocol upgrade (WebSocket) keeps its two hop-by-hop headers end to end: the proxy
# becomes a byte tunnel once the upstream answers 101.
_DROP_REQUEST_UPGRADE = _DROP_REQUEST - {b"connection", b"upgrade"}
_DROP_RESPONSE_UPGRADE = _DROP_RESPONSE - {b"connection", b"upgrade"}
_NO_BODY_STATUS = (204, 304)


class Forwarder:
    """Serves one listening socket; every connection is handled by :meth:`handle`."""

    def __init__(
        self,
        pool: Pool,
        sink: Callable[[Exchange], None],
        read_timeout_s: float,
    ) -> None:
        self.pool = pool
        self.sink = sink
        self.read_timeout_s = read_timeout_s
        self.target = pool.target
        self._target_url = pool.target.url
        self._host_line = b"Host: " + pool.target.host_header
        self.tasks: set[asyncio.Task[None]] = set()
        self._absolute_form = pool.proxy is not None and pool.target.scheme == "http"

    async def close(self) -> None:
        """Cancel the connections still open (their exchanges are recorded as cut)."""
        tasks = list(self.tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=2.0)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            while await self._one(reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError, TimeoutError, HTTPFramingError):
            pass
        except asyncio.LimitOverrunError:
            await _safe_write(writer, _plain(431, b"request head too large"))
        finally:
            writer.close()

    async def _one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """Forward one request; False when the client's connection is done."""
        try:
            async with asyncio.timeout(CLIENT_IDLE_S):
                raw = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            return False
        t0 = time.perf_counter()
        head = parse_head(raw)
        method, target, version = _request_line(head.first)
        if head.get(b"expect") is not None:
            writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        ex = Exchange(
            time.time(), method.decode("latin-1"), target.decode("latin-1"), head, self._target_url
        )
        out_head = self._request_head(method, target, head)
        length, chunked = head.framing()
        body = b""
        if length and length <= BUFFER_BODY_MAX:
            body = await reader.readexactly(length)
            ex.req_body, ex.req_size = body, length
        keep = version == b"HTTP/1.1" and not head.wants_close()
        streamed_body = (length is not None and length > BUFFER_BODY_MAX) or chunked
        try:
            keep = (
                await self._exchange(
                    ex,
                    reader,
                    writer,
                    out_head + body,
                    length if streamed_body else None,
                    chunked,
                    t0,
                )
                and keep
            )
        finally:
            ex.t_total = time.perf_counter() - t0
            if ex.stream_end is None:  # an exception ended it (a bad chunk, a cancel)
                ex.stream_end = END_CUT_BY_UPSTREAM if ex.status else END_NO_ANSWER
            self.sink(ex)
        return keep

    def _request_head(self, method: bytes, target: bytes, head: Head) -> bytes:
        path = target
        if path.startswith((b"http://", b"https://")):
            slash = path.find(b"/", path.find(b"//") + 2)
            path = path[slash:] if slash >= 0 else b"/"
        path = self.target.prefix.encode() + path
        if self._absolute_form:  # plain HTTP through the environment's proxy
            path = self._target_url.encode() + path[len(self.target.prefix) :]
        drop = _DROP_REQUEST_UPGRADE if b"upgrade" in head.names else _DROP_REQUEST
        lines = [self._host_line]
        lines += [line for n, line in zip(head.names, head.lines, strict=True) if n not in drop]
        return build_head(method + b" " + path + b" HTTP/1.1", lines)

    async def _exchange(
        self,
        ex: Exchange,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        first: bytes,
        stream_length: int | None,
        chunked: bool,
        t0: float,
    ) -> bool:
        """Send the request and relay the answer; False when the client connection must close."""
        conn, resp_head, _raw = await self._send(ex, reader, first, stream_length, chunked, t0)
        if conn is None or resp_head is None:
            await _safe_write(writer, _proxy_error(ex, self._target_url))
            ex.stream_end = END_NO_ANSWER
            return ex.error_kind != "client_body"
        ok = await self._relay(ex, conn, resp_head, reader, writer, t0)
        if ok and ex.stream_end == END_COMPLETE:
            self.pool.put(conn)
        else:
            conn.close()
        return ok

    async def _send(
        self,
        ex: Exchange,
        reader: asyncio.StreamReader,
        first: bytes,
        stream_length: int | None,
        chunked: bool,
        t0: float,
    ) -> tuple[Conn | None, Head | None, bytes]:
        streamed = stream_length is not None or chunked
        for attempt in (0, 1):
            conn = self.pool.get_idle() if attempt == 0 else None
            try:
                if conn is None:
                    conn = await self.pool.connect()
                    ex.t_connect = time.perf_counter() - t0
                ex.reused = conn.reused
                conn.writer.write(first)
                if streamed:
                    await self._stream_request(ex, reader, conn, stream_length, chunked)
                async with asyncio.timeout(self.read_timeout_s):
                    raw = await conn.reader.readuntil(b"\r\n\r\n")
                ex.t_ttfb = time.perf_counter() - t0
                head = parse_head(raw)
                while status_of(head.first) in (100, 102, 103):  # interim answers: skip
                    async with asyncio.timeout(self.read_timeout_s):
                        raw = await conn.reader.readuntil(b"\r\n\r\n")
                    head = parse_head(raw)
                return conn, head, raw
            except _ClientBodyError as exc:
                if conn is not None:
                    conn.close()
                ex.error, ex.error_kind = exc.__cause__ or exc, "client_body"
                return None, None, b""
            except (
                OSError,
                TimeoutError,
                asyncio.IncompleteReadError,
                HTTPFramingError,
                asyncio.LimitOverrunError,
                ssl.SSLError,
            ) as exc:
                if conn is not None:
                    conn.close()
                # A pooled connection the upstream closed while idle: one fresh try, only
                # when nothing was answered and the body was not streamed (it cannot be resent).
                stale = conn is not None and conn.reused and not streamed
                if attempt == 0 and stale and _closed_before_answer(exc):
                    continue
                ex.error, ex.error_kind = exc, _error_kind(exc)
                return None, None, b""
        return None, None, b""

    async def _stream_request(
        self,
        ex: Exchange,
        reader: asyncio.StreamReader,
        conn: Conn,
        length: int | None,
        chunked: bool,
    ) -> None:
        digest = hashlib.blake2b(digest_size=16)
        keep = bytearray()
        watcher = ChunkedWatcher() if chunked else None
        remaining = length or 0
        while (watcher is not None and not watcher.done) or (watcher is None and remaining > 0):
            try:
                data = await reader.read(READ_SIZE if watcher else min(READ_SIZE, remaining))
            except (OSError, asyncio.IncompleteReadError) as exc:
                raise _ClientBodyError() from exc
            if not data:
                raise _ClientBodyError() from ConnectionResetError(
                    errno.ECONNRESET, "the client closed before sending the whole body"
                )
            if watcher is not None:
                parts, used = watcher.feed(data)
                if used < len(data):  # a pipelined next request: not supported, keep it out
                    raise _ClientBodyError() from HTTPFramingError("pipelined request")
                payload = b"".join(parts)
            else:
                payload = data
                remaining -= len(data)
            digest.update(payload)
            ex.req_size += len(payload)
            if len(keep) < CAPTURE_BYTES:
                keep += payload[: CAPTURE_BYTES - len(keep)]
            conn.writer.write(data)
            await conn.writer.drain()
        ex.body_hash = digest.hexdigest()
        ex.req_body = bytes(keep)

    async def _relay(
        self,
        ex: Exchange,
        conn: Conn,
        head: Head,
        client: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        t0: float,
    ) -> bool:
        status = status_of(head.first)
        ex.status, ex.resp_head = status, head
        if status == 101:
            lines = [
                line
                for n, line in zip(head.names, head.lines, strict=True)
                if n not in _DROP_RESPONSE_UPGRADE
            ]
            writer.write(build_head(head.first, lines))
            await _tunnel(ex, client, writer, conn)
            return False
        ctype = head.get(b"content-type") or b""
        ex.sse = b"event-stream" in ctype
        capture = status >= 400 or ex.sse
        length, chunked = head.framing()
        if ex.method == "HEAD" or status in _NO_BODY_STATUS:
            length, chunked = 0, False
        until_close = length is None and not chunked
        lines = [
            line for n, line in zip(head.names, head.lines, strict=True) if n not in _DROP_RESPONSE
        ]
        if until_close:
            lines.append(b"Connection: close")
        body = _BodyRelay(ex, conn, client, writer, capture, self.read_timeout_s, t0)
        out_head = build_head(head.first, lines)
        if ex.sse or chunked or until_close or not length or length > READ_SIZE:
            writer.write(out_head)  # at once: a stream's client sees the status before any frame
        else:
            body.pending = out_head  # a small answer: head and body in one write
        if chunked:
            await body.chunked()
        elif until_close:
            await body.until_close()
        else:
            await body.sized(length or 0)
        return ex.stream_end == END_COMPLETE and not until_close


class _BodyRelay:
    """Passes an answer's body to the client read by read, watching it as it goes."""

    __slots__ = (
        "capture",
        "client",
        "conn",
        "ex",
        "last",
        "pending",
        "t0",
        "tail",
        "timeout",
        "writer",
    )

    def __init__(
        self,
        ex: Exchange,
        conn: Conn,
        client: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        capture: bool,
        timeout: float,
        t0: float,
    ) -> None:
        self.ex, self.conn, self.client, self.writer = ex, conn, client, writer
        self.capture, self.timeout, self.t0 = capture, timeout, t0
        self.last = 0.0
        self.tail = b""
        self.pending = b""  # the answer's head, when it waits to go out with the body

    async def _read(self, size: int) -> bytes:
        try:
            async with asyncio.timeout(self.timeout):
                data = await self.conn.reader.read(size)
        except (OSError, TimeoutError) as exc:
            self.ex.error = exc
            return b""
        now = time.perf_counter()
        if self.last:
            self.ex.max_gap_s = max(self.ex.max_gap_s, now - self.last)
        self.last = now
        return data

    def _watch(self, payload: bytes) -> None:
        ex = self.ex
        if ex.sse and payload:
            # a blank line may straddle two reads: count over the last 3 bytes seen too
            joined = self.tail + payload
            ex.frames += _blank_lines(joined) - _blank_lines(self.tail)
            self.tail = joined[-3:]
            if ex.t_first_frame is None:
                ex.t_first_frame = time.perf_counter() - self.t0
        if self.capture:
            cap = ex.capture
            cap += payload
            if len(cap) > CAPTURE_BYTES:  # keep the start and the latest end
                del cap[CAPTURE_BYTES // 2 : len(cap) - CAPTURE_BYTES // 2]

    async def _write(self, data: bytes) -> bool:
        w = self.writer
        # a client's EOF during a stream means it left (a half-close after a plain request
        # is legal HTTP, so only streams read it so)
        if w.is_closing() or (self.ex.sse and self.client.at_eof()):
            return self._client_gone()
        if self.pending:
            data, self.pending = self.pending + data, b""
        w.write(data)
        if w.transport.get_write_buffer_size() > READ_SIZE:
            try:
                await w.drain()
            except ConnectionError:
                return self._client_gone()
        return True

    def _write_closing(self, data: bytes) -> None:
        w = self.writer
        if self.pending:
            data, self.pending = self.pending + data, b""
        if not w.is_closing():
            w.write(data)

    def _client_gone(self) -> bool:
        self.ex.stream_end = END_CUT_BY_CLIENT
        self.ex.client_closed = True
        return False

    async def sized(self, length: int) -> None:
        remaining = length
        while remaining > 0:
            data = await self._read(min(READ_SIZE, remaining))
            if not data:
                if self.pending:  # the head the upstream did send, then the cut
                    self.writer.write(self.pending)
                self.ex.stream_end = END_CUT_BY_UPSTREAM
                return
            remaining -= len(data)
            self.ex.resp_size += len(data)
            self._watch(data)
            if not await self._write(data):
                return
        self.ex.stream_end = END_COMPLETE

    async def chunked(self) -> None:
        watcher = ChunkedWatcher()
        while not watcher.done:
            data = await self._read(READ_SIZE)
            if not data:
                self.ex.stream_end = END_CUT_BY_UPSTREAM
                return
            parts, used = watcher.feed(data)
            payload = 0
            for part in parts:
                payload += len(part)
                self.ex.resp_size += len(part)
                self._watch(part)
            out = data[:used] if used < len(data) else data
            if watcher.done and not payload:
                # only the closing zero-length chunk is left: a client that stops reading
                # now (an SDK closes the stream at its last frame) already holds the body
                self._write_closing(out)
                break
            if not await self._write(out):
                return
        self.ex.stream_end = END_COMPLETE

    async def until_close(self) -> None:
        while True:
            data = await self._read(READ_SIZE)
            if not data:
                self.ex.stream_end = (
                    END_CUT_BY_UPSTREAM if self.ex.error is not None else END_COMPLETE
                )
                return
            self.ex.resp_size += len(data)
            self._watch(data)
            if not await self._write(data):
                return


async def _tunnel(
    ex: Exchange, client: asyncio.StreamReader, writer: asyncio.StreamWriter, conn: Conn
) -> None:
    """After a 101: bytes both ways, untouched, until either side closes."""

    async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter, upstream: bool) -> None:
        try:
            while data := await src.read(READ_SIZE):
                if upstream:
                    ex.resp_size += len(data)
                else:
                    ex.req_size += len(data)
                dst.write(data)
                await dst.drain()
        except (ConnectionError, OSError):
            pass
        if ex.stream_end is None:
            ex.stream_end = END_COMPLETE if upstream else END_CUT_BY_CLIENT
        with contextlib.suppress(OSError, RuntimeError):
            dst.write_eof()

    up = asyncio.ensure_future(pipe(conn.reader, writer, True))
    down = asyncio.ensure_future(pipe(client, conn.writer, False))
    try:
        await asyncio.wait({up, down}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (up, down):
            task.cancel()
        await asyncio.gather(up, down, return_exceptions=True)
    if ex.stream_end == END_CUT_BY_CLIENT:
        ex.client_closed = True
        ex.stream_end = END_COMPLETE  # the client ended the session: the usual end


def _blank_lines(data: bytes) -> int:
    """SSE events end with a blank line: LF LF or CR LF CR LF."""
    return data.count(b"\n\n") + data.count(b"\r\n\r\n")


class _ClientBodyError(Exception):
    """The client stopped sending its request body."""


def _request_line(first: bytes) -> tuple[bytes, bytes, bytes]:
    parts = first.split(b" ")
    if len(parts) != 3 or not parts[2].startswith(b"HTTP/1."):
        raise HTTPFramingError(f"bad request line: {first[:60]!r}")
    return parts[0], parts[1], parts[2]


def _closed_before_answer(exc: BaseException) -> bool:
    if isinstance(exc, asyncio.IncompleteReadError):
        return not exc.partial
    return isinstance(exc, ConnectionResetError | BrokenPipeError)


def _error_kind(exc: BaseException) -> str:
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return "upstream_tls"
    if isinstance(exc, socket.gaierror):
        return "upstream_dns"
    if isinstance(exc, ProxyTunnelError):
        return "proxy_tunnel"
    if isinstance(exc, TimeoutError):
        return "upstream_timeout"
    if isinstance(exc, ConnectionRefusedError):
        return "upstream_refused"
    if isinstance(exc, HTTPFramingError | asyncio.LimitOverrunError):
        return "upstream_bad_answer"
    return "upstream_reset"


_WHAT = {
    "upstream_tls": "TLS to the upstream failed",
    "upstream_dns": "the upstream host name could not be resolved",
    "proxy_tunnel": "the HTTPS proxy from the environment refused the tunnel",
    "upstream_timeout": "the upstream did not answer in time (timed out)",
    "upstream_refused": "the upstream refused the connection",
    "upstream_bad_answer": "the upstream's answer was not valid HTTP",
    "upstream_reset": "the connection to the upstream was reset or closed before any answer",
    "client_body": "the client stopped sending its request body",
}


def describe_error(exc: BaseException | None) -> str:
    """The exception in one line, with the errno's name (what the engine reads)."""
    if exc is None:
        return "no detail"
    text = str(exc) or type(exc).__name__
    code = getattr(exc, "errno", None)
    if isinstance(code, int) and code in errno.errorcode:
        text += f" ({errno.errorcode[code]})"
    if isinstance(exc, asyncio.IncompleteReadError):
        text = f"connection closed after {len(exc.partial)} bytes (ECONNRESET)"
    return f"{type(exc).__name__}: {text}"[:500]


def _proxy_error(ex: Exchange, upstream: str) -> bytes:
    kind = ex.error_kind or "upstream_reset"
    status = 504 if kind == "upstream_timeout" else 400 if kind == "client_body" else 502
    message = (
        f"whichlayer proxy: {_WHAT[kind]} ({upstream}): {describe_error(ex.error)}. "
        "This answer is the local proxy's own, not the provider's."
    )
    body = json.dumps(
        {"error": {"type": "whichlayer_proxy_error", "code": kind, "message": message}}
    ).encode()
    ex.status = status
    ex.capture = bytearray(body)
    ex.resp_head = parse_head(
        b"HTTP/1.1 %d whichlayer\r\n" % status
        + ERROR_HEADER
        + b": "
        + kind.encode()
        + b"\r\nContent-Type: application/json\r\n\r\n"
    )
    return (
        b"HTTP/1.1 %d %s\r\n" % (status, b"Gateway Timeout" if status == 504 else b"Bad Gateway")
        + ERROR_HEADER
        + b": "
        + kind.encode()
        + b"\r\n"
        + b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
        + body
    )


def _plain(status: int, text: bytes) -> bytes:
    return (
        b"HTTP/1.1 %d whichlayer\r\n" % status + ERROR_HEADER + b": proxy_request\r\n"
        b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(text) + text
    )


async def _safe_write(writer: asyncio.StreamWriter, data: bytes) -> None:
    if writer.is_closing():
        return
    writer.write(data)
    with contextlib.suppress(ConnectionError):
        await writer.drain()
