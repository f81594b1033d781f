"""``whichlayer proxy``: a local recording proxy that diagnoses every failure as it happens.

Public names:

- ``ProxyServer(to, *, port=0, store=None, ...)``: forwards every request on
  ``127.0.0.1:port`` to ``to`` (a URL or ``anthropic``/``openai``/``gemini``),
  records each exchange in SQLite and tells failures live. It runs on its own
  event loop in a background thread (``with ProxyServer(...) as proxy:``) or in
  the foreground (``serve_forever()``);
- ``client_env(proxy_url, target)``: the base-URL variables each client reads;
- ``read_records(path, ...)``: the stored records, newest first.

The design and the store's schema: ``docs/proxy.md``.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import ssl
import subprocess
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TextIO

from whichlayer.proxy._upstream import OFFICIAL, Pool, Target, TargetError, parse_target
from whichlayer.proxy.recorder import Recorder, Settings
from whichlayer.proxy.store import DEFAULT_MAX_BYTES, default_path, read_records

if TYPE_CHECKING:
    from whichlayer.proxy.exchange import Exchange
    from whichlayer.proxy.export import Exporter

__all__ = [
    "OFFICIAL",
    "ProxyServer",
    "Target",
    "TargetError",
    "client_env",
    "default_path",
    "parse_target",
    "read_records",
]

#: How long the proxy waits for the upstream's answer head, and between two reads of a body.
#: Long: a model may think for minutes before its first byte.
DEFAULT_READ_TIMEOUT_S = 600.0


def new_loop() -> asyncio.AbstractEventLoop:
    """uvloop when it is installed (the ``proxy`` extra), else asyncio's own loop."""
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    loop: asyncio.AbstractEventLoop = uvloop.new_event_loop()
    return loop


class ProxyServer:
    """A recording proxy on loopback in front of one upstream."""

    def __init__(
        self,
        to: str,
        *,
        port: int = 0,
        host: str = "127.0.0.1",
        store: str | Path | None = None,
        max_store_bytes: int = DEFAULT_MAX_BYTES,
        record_bodies: bool = False,
        read_timeout_s: float = DEFAULT_READ_TIMEOUT_S,
        connect_timeout_s: float = 10.0,
        live: TextIO | None = None,
        status_line: bool = False,
        storm_count: int = 3,
        storm_window_s: float = 60.0,
        slow_first_byte_s: float = 10.0,
        environ: Mapping[str, str] | None = None,
        ssl_context: ssl.SSLContext | None = None,
        exporters: list[Exporter] | None = None,
        recorder_process: bool = False,
        metrics_port: int | None = None,
        otlp: str | None = None,
    ) -> None:
        self.target = parse_target(to)
        self.host = host
        self.port = port
        self.store_path = Path(store) if store is not None else default_path()
        self._settings = Settings(
            store_path=self.store_path,
            max_bytes=max_store_bytes,
            record_bodies=record_bodies,
            storm_count=storm_count,
            storm_window_s=storm_window_s,
            slow_first_byte_s=slow_first_byte_s,
            live=live,
            status_line=status_line,
            exporters=list(exporters or []),
        )
        self._process = recorder_process
        self._process_options = {
            "store_path": str(self.store_path),
            "max_bytes": max_store_bytes,
            "record_bodies": record_bodies,
            "storm_count": storm_count,
            "storm_window_s": storm_window_s,
            "slow_first_byte_s": slow_first_byte_s,
            "live": live is not None,
            "status_line": status_line,
            "metrics_port": metrics_port,
            "otlp": otlp,
        }
        if not recorder_process:
            self._settings.exporters += _exporters(metrics_port, otlp)
        self.first_id = 0  # records of this run have larger ids
        self._environ = dict(os.environ if environ is None else environ)
        self._ssl_context = ssl_context
        self._read_timeout_s = read_timeout_s
        self._connect_timeout_s = connect_timeout_s
        self.recorder: Recorder | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._stopped: asyncio.Event | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def serve(
        self, on_ready: Callable[[], None] | None = None, handle_signals: bool = False
    ) -> None:
        """Serve until :meth:`stop` (or SIGINT/SIGTERM with ``handle_signals``)."""
        from whichlayer.proxy._forward import Forwarder
        from whichlayer.proxy.store import last_id

        self.first_id = last_id(self.store_path)
        self._loop = asyncio.get_running_loop()
        pool = Pool(self.target, self._environ, self._ssl_context, self._connect_timeout_s)
        proc = sink = None
        put: Callable[[Exchange], None]
        if self._process:
            from whichlayer.proxy._recorder_proc import PipeSink, spawn

            proc = spawn(self._process_options)
            assert proc.stdin is not None
            transport, _ = await self._loop.connect_write_pipe(asyncio.Protocol, proc.stdin)
            sink = PipeSink(self._loop, transport)
            put = sink.put
        else:
            self.recorder = Recorder(self._settings)
            put = self.recorder.put
        forwarder = Forwarder(pool, put, self._read_timeout_s)
        self._stopped = asyncio.Event()
        try:
            server = await asyncio.start_server(
                forwarder.handle, self.host, self.port, limit=2**20, backlog=1024
            )
        except OSError:
            await self._close_recorder(sink, proc)
            raise
        self.port = server.sockets[0].getsockname()[1]
        if handle_signals:
            import signal

            for sig in (signal.SIGINT, signal.SIGTERM):
                self._loop.add_signal_handler(sig, self._stopped.set)
        try:
            self._ready.set()
            if on_ready is not None:
                on_ready()
            await self._stopped.wait()
        finally:
            server.close()
            await forwarder.close()
            await pool.aclose()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(server.wait_closed(), 0.5)
            await self._close_recorder(sink, proc)

    async def _close_recorder(self, sink: Any, proc: subprocess.Popen[bytes] | None) -> None:
        if self.recorder is not None:
            self.recorder.close()
        if sink is not None and proc is not None:
            sink.close()
            await asyncio.get_running_loop().run_in_executor(None, _wait, proc)

    def serve_forever(
        self, on_ready: Callable[[], None] | None = None, handle_signals: bool = False
    ) -> None:
        """Run in the foreground until :meth:`stop` (or Ctrl-C/SIGTERM with ``handle_signals``)."""
        loop = new_loop()
        try:
            loop.run_until_complete(self.serve(on_ready, handle_signals))
        finally:
            loop.close()

    def start(self) -> ProxyServer:
        """Run in a background thread; returns once the port is bound."""
        self._thread = threading.Thread(
            target=self._run_thread, name="whichlayer-proxy", daemon=True
        )
        self._thread.start()
        self._ready.wait(30)
        if self._error is not None:
            raise self._error
        return self

    def _run_thread(self) -> None:
        try:
            self.serve_forever()
        except BaseException as exc:  # reported to start()'s caller
            self._error = exc
            self._ready.set()

    def session_rows(self, *, failures_only: bool = False) -> list[dict[str, Any]]:
        """The records of this run, oldest first (once :meth:`stop` has returned)."""
        if not self.store_path.exists():
            return []
        rows = read_records(
            self.store_path, limit=100_000, failures_only=failures_only, after_id=self.first_id
        )
        return list(reversed(rows))

    def stop(self) -> None:
        """Stop serving and write every queued record."""
        loop, stopped = self._loop, self._stopped
        if loop is not None and stopped is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(stopped.set)
        if self._thread is not None:
            self._thread.join(timeout=30)

    def __enter__(self) -> ProxyServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _wait(proc: subprocess.Popen[bytes]) -> None:
    try:
        proc.wait(60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _exporters(metrics_port: int | None, otlp: str | None) -> list[Exporter]:
    out: list[Exporter] = []
    if metrics_port is not None:
        from whichlayer.proxy.export import prometheus_exporter

        out.append(prometheus_exporter(metrics_port))
    if otlp:
        from whichlayer.proxy.export import otlp_exporter

        out.append(otlp_exporter(otlp))
    return out


def client_env(proxy_url: str, target: Target, named: str | None = None) -> dict[str, str]:
    """The base-URL variables that point each client at the proxy.

    ``named`` is the provider given to ``--to`` (then only its clients' variables);
    for a URL every family is set, with ``/v1`` added for OpenAI-style clients unless
    the URL already ends in it.
    """
    openai_base = proxy_url if target.prefix.endswith("/v1") else proxy_url + "/v1"
    families = {
        "openai": {"OPENAI_BASE_URL": openai_base},
        "anthropic": {"ANTHROPIC_BASE_URL": proxy_url},
        "gemini": {"GOOGLE_GEMINI_BASE_URL": proxy_url},
    }
    if named in families:
        return dict(families[named])
    out: dict[str, str] = {}
    for family in families.values():
        out.update(family)
    return out
