"""SimServer: a simulated provider (or relay) on loopback, on its own event loop in a thread.

    with SimServer(dialect="openai", scenario="tpm") as sim:
        client = openai.OpenAI(base_url=sim.base_url("openai"), api_key=sim.keys["valid"])

``dialect`` is openai | anthropic | gemini | azure | relay, or ``relay:<flavor>``
with flavor new-api (default) | one-api | openrouter | litellm.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import tempfile
import threading
from pathlib import Path
from types import TracebackType
from typing import Any

from aiohttp import web

from whichlayer.simulate import app as sim_app
from whichlayer.simulate import scenarios, script, tls
from whichlayer.simulate.keys import KeyStore
from whichlayer.simulate.limits import Limiter, Limits
from whichlayer.simulate.state import SimState

#: How long ``stop`` waits for in-flight handlers (a stall) before cancelling them.
SHUTDOWN_TIMEOUT_S = 0.25
START_TIMEOUT_S = 10.0
#: A connection that has not sent a complete request head within this time is closed
#: (a client that sends half a request and waits would otherwise hold a socket forever).
HEADER_TIMEOUT_S = 10.0
#: Most connections open at once; more are closed as soon as they are accepted, so the
#: process never runs out of file descriptors (and never stops accepting).
MAX_CONNECTIONS = 512
#: File descriptors kept free for everything else (listening sockets, the relay's
#: upstream calls, files) when the cap is derived from the process's limit.
FD_RESERVE = 64
_WILDCARDS = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}


def header_timeout() -> float:
    """``HEADER_TIMEOUT_S``, or ``WHICHLAYER_SIM_HEADER_TIMEOUT`` seconds when set."""
    import os

    try:
        value = float(os.environ.get("WHICHLAYER_SIM_HEADER_TIMEOUT", ""))
    except ValueError:
        return HEADER_TIMEOUT_S
    return value if 0 < value <= 3600 else HEADER_TIMEOUT_S


def connection_cap() -> int:
    """``MAX_CONNECTIONS``, lowered to fit the process's file descriptor limit."""
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    except (ImportError, OSError, ValueError):
        return MAX_CONNECTIONS
    if soft == resource.RLIM_INFINITY:
        return MAX_CONNECTIONS
    return max(8, min(MAX_CONNECTIONS, (soft - FD_RESERVE) // 2))


def exposure_warning(host: str) -> str | None:
    """A warning when ``host`` listens beyond this machine (``0.0.0.0``, ``::``, an address)."""
    if host in ("127.0.0.1", "localhost", "::1") or host.startswith("127."):
        return None
    return (
        f"warning: listening on {host or 'every interface'}: anyone who can reach this machine "
        "can use the simulator and its test keys. Use --host 127.0.0.1 unless you mean it."
    )


@functools.cache
def _guarded_handler() -> Any:
    """aiohttp's request handler, telling the guard about each new connection."""
    from aiohttp.web_protocol import RequestHandler

    class Guarded(RequestHandler):
        guard: _Guard

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            super().connection_made(transport)
            self.guard.made(self, transport)  # type: ignore[arg-type]

    return Guarded


class _Guard:
    """Wraps aiohttp's protocol factory: a connection cap and a request-head timeout.

    Quacks like ``aiohttp.web.Server`` for the runner (attributes pass through).
    """

    def __init__(self, server: Any, loop: asyncio.AbstractEventLoop, cap: int) -> None:
        self._server = server
        self._loop = loop
        self.cap = cap
        self.refused = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._server, name)

    def __call__(self) -> Any:
        server = self._server
        try:
            handler = _guarded_handler()(server, loop=server._loop, **server._kwargs)
        except (TypeError, AttributeError):
            return server()  # an aiohttp that builds handlers differently: no guard
        handler.guard = self
        return handler

    def made(self, handler: Any, transport: asyncio.Transport) -> None:
        if len(self._server.connections) > self.cap:
            self.refused += 1
            transport.abort()  # frees the descriptor now; the client sees a reset
            return
        self._arm(handler, transport)

    def _arm(self, handler: Any, transport: asyncio.Transport) -> None:
        count = getattr(handler, "_request_count", 0)
        self._loop.call_later(header_timeout(), self._expire, handler, transport, count)

    def _expire(self, handler: Any, transport: asyncio.Transport, count: int) -> None:
        if transport.is_closing():
            return
        busy = getattr(handler, "_current_request", None) is not None or bool(
            getattr(handler, "_messages", None)
        )
        if busy or getattr(handler, "_request_count", 0) != count:
            return  # a request head came in time; between requests aiohttp's keep-alive rules
        transport.abort()  # no complete request head within the timeout: drop it


class SimServer:
    """A fault-injecting AI API server on 127.0.0.1; start on enter, clean stop on exit."""

    def __init__(
        self,
        dialect: str = "openai",
        scenario: str | None = None,
        scenario_file: str | Path | None = None,
        tls: str | None = None,
        port: int = 0,
        host: str = "127.0.0.1",
        *,
        relay: str | None = None,
        limits: Limits | None = None,
        stall_s: float = 30.0,
        slow_s: float = 2.0,
        relay_setup: Any = None,
        fail_when: tuple[str, ...] = (),
    ) -> None:
        base, _, flavor = dialect.partition(":")
        if base not in scenarios.DIALECTS:
            raise ValueError(
                f"dialect must be one of {', '.join(scenarios.DIALECTS)}, not {dialect!r}"
            )
        self.flavor = relay or flavor or ("new-api" if base == "relay" else "")
        if base == "relay" and self.flavor not in scenarios.RELAY_FLAVORS:
            raise ValueError(f"relay flavor must be one of {', '.join(scenarios.RELAY_FLAVORS)}")
        self.dialect = base
        self._full_dialect = f"relay:{self.flavor}" if base == "relay" else base
        self._file = script.load(scenario_file) if scenario_file else None
        if self._file is not None:  # every id is checked before serving, not per request
            for step in (*self._file.script.steps, self._file.script.then):
                if step.scenario not in (None, "ok"):
                    scenarios.lookup(self._full_dialect, step.scenario)
        if scenario is not None and scenario != "ok":
            scenarios.lookup(self._full_dialect, scenario)
        self.scenario = scenario
        self.tls = tls or scenarios.TLS.get(scenario or "")
        self.host, self._port = host, port
        self.limits = limits or (self._file.limits if self._file else None) or Limits()
        self.stall_s, self.slow_s = stall_s, slow_s
        self.fail_when = tuple(fail_when)
        self.ca_pem: str | None = None
        self.keys: dict[str, str] = {}
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runners: list[web.AppRunner] = []
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._error: BaseException | None = None
        self._stopping: asyncio.Event | None = None
        self.state: SimState | None = None
        self.relay: Any = None
        self.relay_setup = relay_setup  # relay mode: channels and faults (relay.Setup)

    # -- public surface -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The URL to use from this machine (``0.0.0.0`` is where it listens, not an address)."""
        scheme = "https" if self.tls else "http"
        host = _WILDCARDS.get(self.host, self.host)
        return f"{scheme}://{f'[{host}]' if ':' in host else host}:{self.port}"

    def base_url(self, kind: str | None = None) -> str:
        """The base URL a client of ``kind`` (default: this server's dialect) is configured with."""
        kind = kind or ("openai" if self.dialect == "relay" else self.dialect)
        if kind in ("openai", "relay"):
            return f"{self.url}/v1"
        if kind == "anthropic":
            return self.url
        if kind == "gemini":
            return self.url  # google-genai: HttpOptions(base_url=...) adds /v1beta itself
        if kind == "azure":
            return self.url  # AzureOpenAI(azure_endpoint=...) adds /openai/deployments/...
        raise ValueError(f"unknown client kind {kind!r}")

    def keys_for(self, platform: str) -> dict[str, str]:
        """Keys of another platform (to provoke key_wrong_platform), or the relay's upstreams."""
        return KeyStore().keys(platform)

    def start(self) -> SimServer:
        if self._thread is not None:
            return self
        self._tmp = tempfile.TemporaryDirectory(prefix="whichlayer-sim-")
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._run, args=(ready,), name="whichlayer-sim", daemon=True
        )
        self._thread.start()
        if not ready.wait(START_TIMEOUT_S):
            raise RuntimeError("the simulator did not start in time")
        if self._error is not None:
            self.stop()
            raise self._error
        return self

    def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is not None and thread is not None and thread.is_alive():
            stopping = self._stopping
            if stopping is not None:
                # The loop may close between the check and the call (a failed start).
                with contextlib.suppress(RuntimeError):
                    loop.call_soon_threadsafe(stopping.set)
            thread.join(timeout=10)
        self._thread = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> SimServer:
        return self.start()

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    async def __aenter__(self) -> SimServer:
        return await asyncio.to_thread(self.start)

    async def __aexit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        await asyncio.to_thread(self.stop)

    # -- the loop thread ------------------------------------------------------------------------

    def _run(self, ready: threading.Event) -> None:
        loop = self._loop
        assert loop is not None
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._amain(ready))
        finally:
            loop.close()

    async def _amain(self, ready: threading.Event) -> None:
        """Start, serve until ``stop`` sets the event, then clean up; one task from start to end,
        so a stop that arrives during start-up or cleanup cannot cut the cleanup short."""
        self._stopping = asyncio.Event()
        try:
            try:
                await self._astart()
            except BaseException as exc:  # reported to the starting thread
                self._error = exc
            finally:
                ready.set()
            if self._error is None:
                await self._stopping.wait()
        finally:
            await self._acleanup()

    async def _astart(self) -> None:
        ssl_ctx = None
        if self.tls:
            assert self._tmp is not None
            ssl_ctx, self.ca_pem = tls.server_context(self.tls, Path(self._tmp.name))
        if self.dialect == "relay":
            from whichlayer.simulate import relay

            self.relay = await relay.start(self)
            application = self.relay.app
            self.keys = self.relay.tokens
        else:
            self.state = self._make_state(self.dialect)
            application = sim_app.build(self.state)
            self.keys = self.state.keys.keys(self.dialect)
        self.port = await self.serve(application, self._port, ssl_ctx)

    def _make_state(self, dialect: str) -> SimState:
        state = SimState(
            dialect, KeyStore(), Limiter(self.limits), stall_s=self.stall_s, slow_s=self.slow_s
        )
        if self.scenario and self.scenario != "ok":
            state.default = script.Step(scenario=self.scenario)
        if self._file is not None:
            state.script = self._file.script
        state.fail_when = self.fail_when
        return state

    async def serve(self, application: web.Application, port: int, ssl_ctx: Any = None) -> int:
        """Run one application on this loop and return its port (a relay also runs its upstream)."""
        runner = web.AppRunner(
            application,
            handler_cancellation=True,
            shutdown_timeout=SHUTDOWN_TIMEOUT_S,
            access_log=None,
        )
        await runner.setup()
        assert runner.server is not None
        # The site asks the runner for its protocol factory when it starts listening.
        guard = _Guard(runner.server, asyncio.get_running_loop(), connection_cap())
        runner._server = guard  # type: ignore[assignment]
        self._runners.append(runner)
        site = web.TCPSite(runner, self.host, port, ssl_context=ssl_ctx)
        await site.start()
        return int(runner.addresses[-1][1])

    async def _acleanup(self) -> None:
        if self.relay is not None:
            await self.relay.close()
        # aiohttp closes each connection gracefully; a TLS close then waits for the peer's
        # close_notify, which a client or proxy that keeps its connection may never send.
        # The loop closes right after this, so whatever is still open is aborted here.
        transports = [
            handler.transport
            for runner in self._runners
            if runner.server is not None
            for handler in runner.server.connections
            if handler.transport is not None
        ]
        for runner in reversed(self._runners):
            await runner.cleanup()
        self._runners.clear()
        for transport in transports:
            transport.abort()
        for _ in range(2):  # an abort closes its socket on the next turn of the loop
            await asyncio.sleep(0)
