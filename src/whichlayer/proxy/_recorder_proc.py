"""The recorder in its own process: the forwarding loop keeps its core (and its GIL).

The proxy sends batches of pickled :class:`Exchange` objects over a pipe (a
4-byte length, then the pickle); this process feeds them to a
:class:`~whichlayer.proxy.recorder.Recorder`, which diagnoses, redacts, writes
and tells. It ends when the pipe closes (the proxy stopped, or was killed),
after writing everything it received.

    python -m whichlayer.proxy._recorder_proc SETTINGS_JSON
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import pickle
import signal
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

from whichlayer.proxy.exchange import Exchange

_LENGTH = struct.Struct("!I")
#: The recorder's niceness relative to the proxy: recording can wait, forwarding cannot.
RECORDER_NICE = 5
#: Past this much unsent data (the recorder is stuck), new records are dropped and counted.
MAX_BACKLOG = 64 * 2**20


def spawn(settings: dict[str, Any]) -> subprocess.Popen[bytes]:
    """Start the recorder process; its stderr is ours (the live lines go there)."""
    return subprocess.Popen(
        [sys.executable, "-m", "whichlayer.proxy._recorder_proc", json.dumps(settings)],
        stdin=subprocess.PIPE,
    )


class PipeSink:
    """The hot path's side: exchanges are batched per loop iteration and written unblocking."""

    def __init__(self, loop: asyncio.AbstractEventLoop, transport: asyncio.WriteTransport) -> None:
        self._loop = loop
        self._transport = transport
        self._pending: list[Exchange] = []
        self.dropped = 0

    def put(self, ex: Exchange) -> None:
        self._pending.append(ex)
        if len(self._pending) == 1:
            self._loop.call_soon(self.flush)

    def flush(self) -> None:
        batch, self._pending = self._pending, []
        if not batch or self._transport.is_closing():
            return
        if self._transport.get_write_buffer_size() > MAX_BACKLOG:
            self.dropped += len(batch)
            return
        self._transport.write(_encode(batch))

    def close(self) -> None:
        self.flush()
        self._transport.close()


def _encode(batch: list[Exchange]) -> bytes:
    try:
        data = pickle.dumps(batch, protocol=5)
    except Exception:  # an exception object that does not pickle: keep its words only
        from whichlayer.proxy._forward import describe_error

        for ex in batch:
            if ex.error is not None:
                ex.error = RuntimeError(describe_error(ex.error))
        data = pickle.dumps(batch, protocol=5)
    return _LENGTH.pack(len(data)) + data


def main(argv: list[str]) -> int:
    from whichlayer.proxy.recorder import Recorder, Settings

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the proxy; we stop at EOF
    with contextlib.suppress(OSError):
        os.nice(RECORDER_NICE)  # on a busy machine the forwarding loop goes first
    options = json.loads(argv[0])
    exporters: list[Any] = []
    if options.get("metrics_port") is not None:
        from whichlayer.proxy.export import prometheus_exporter

        exporters.append(prometheus_exporter(int(options["metrics_port"])))
    if options.get("otlp"):
        from whichlayer.proxy.export import otlp_exporter

        exporters.append(otlp_exporter(str(options["otlp"])))
    settings = Settings(
        store_path=Path(options["store_path"]),
        max_bytes=int(options["max_bytes"]),
        record_bodies=bool(options["record_bodies"]),
        storm_count=int(options["storm_count"]),
        storm_window_s=float(options["storm_window_s"]),
        slow_first_byte_s=float(options["slow_first_byte_s"]),
        live=sys.stderr if options.get("live") else None,
        status_line=bool(options.get("status_line")),
        exporters=exporters,
    )
    recorder = Recorder(settings)
    stream = sys.stdin.buffer
    try:
        while True:
            head = stream.read(_LENGTH.size)
            if len(head) < _LENGTH.size:
                break
            data = stream.read(_LENGTH.unpack(head)[0])
            try:
                batch = pickle.loads(data)
            except Exception:  # a batch cut by the proxy's death: the rest is gone too
                break
            for ex in batch:
                recorder.put(ex)
    finally:
        recorder.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
