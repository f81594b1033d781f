"""Shared pieces of the proxy tests: simulators, a proxy in front of each, a raw upstream."""

from __future__ import annotations

import asyncio
import io
import sqlite3
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from whichlayer.proxy import ProxyServer, read_records
from whichlayer.simulate import SimServer

#: The simulator's stall outlasts the proxy's read timeout, which the client outlasts.
SIM_STALL_S = 3.0
SIM_SLOW_S = 0.6
PROXY_READ_TIMEOUT_S = 1.0
CLIENT_TIMEOUT_S = 8.0


def wait_records(path: Path, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
    """The store's records once at least ``count`` are written (oldest first)."""
    deadline = time.monotonic() + timeout
    rows: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        if path.exists():
            try:
                rows = read_records(path, limit=10_000)
            except sqlite3.Error:
                rows = []
            if len(rows) >= count:
                return list(reversed(rows))
        time.sleep(0.02)
    raise AssertionError(f"{len(rows)} records in {path}, expected {count}")


class Proxied:
    """A simulator, a proxy in front of it, and what the proxy printed."""

    def __init__(self, sim: SimServer, proxy: ProxyServer, live: io.StringIO) -> None:
        self.sim, self.proxy, self.live = sim, proxy, live
        self.store = proxy.store_path

    def records(self, count: int) -> list[dict[str, Any]]:
        return wait_records(self.store, count)

    def last(self) -> dict[str, Any]:
        n = self.proxy.recorder.count if self.proxy.recorder else 0
        return self.records(max(n, 1))[-1]


def proxied(dialect: str, tmp: Path, **options: Any) -> Iterator[Proxied]:
    live = io.StringIO()
    with (
        SimServer(dialect, stall_s=SIM_STALL_S, slow_s=SIM_SLOW_S) as sim,
        ProxyServer(
            sim.url,
            store=tmp / "proxy.sqlite",
            live=live,
            read_timeout_s=PROXY_READ_TIMEOUT_S,
            slow_first_byte_s=SIM_SLOW_S / 2,
            **options,
        ) as proxy,
    ):
        yield Proxied(sim, proxy, live)


@pytest.fixture(scope="module")
def openai_proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxied]:
    yield from proxied("openai", tmp_path_factory.mktemp("openai"))


@pytest.fixture(scope="module")
def anthropic_proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxied]:
    yield from proxied("anthropic", tmp_path_factory.mktemp("anthropic"))


Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


class RawUpstream:
    """An HTTP server on 127.0.0.1 written byte by byte by the test, on its own loop."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.loop = asyncio.new_event_loop()
        self.port = 0
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(self._start())
        self._ready.set()
        self.loop.run_forever()

    async def _start(self) -> None:
        async def handle(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
            task = asyncio.current_task()
            assert task is not None
            self._tasks.add(task)  # type: ignore[arg-type]
            try:
                await self.handler(r, w)
            except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
                pass
            finally:
                w.close()
                self._tasks.discard(task)  # type: ignore[arg-type]

        self._server = await asyncio.start_server(handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _stop(self) -> None:
        assert self._server is not None
        self._server.close()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=2)
        await self._server.wait_closed()

    def __enter__(self) -> RawUpstream:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop.close()


async def read_request(r: asyncio.StreamReader) -> tuple[bytes, bytes]:
    """One request's head and its Content-Length body."""
    head = await r.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    body = await r.readexactly(length) if length else b""
    return head, body
