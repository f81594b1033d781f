"""``check`` against hostile loopback servers: bounded memory, bounded wall time.

Each fault is a real server on 127.0.0.1; ``whichlayer check`` runs in a
subprocess as a user runs it, and the test measures its wall time (from
start to exit) and its peak memory (``ru_maxrss`` from ``wait4``).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator

import pytest

TIMEOUT_S = 2.0
#: The bars: wall time within --timeout + 0.5 s, peak memory within 200 MB.
SLACK_S = 0.5
MAX_RSS_MB = 200


def _read_request(conn: socket.socket) -> None:
    conn.settimeout(5)
    data = b""
    try:
        while b"\r\n\r\n" not in data and len(data) < 65536:
            chunk = conn.recv(4096)
            if not chunk:
                return
            data += chunk
    except OSError:
        return


def _hold(conn: socket.socket, stop: threading.Event) -> None:
    stop.wait(30)


def closed(conn: socket.socket, stop: threading.Event) -> None:
    conn.close()


def silent(conn: socket.socket, stop: threading.Event) -> None:
    _hold(conn, stop)


def partial(conn: socket.socket, stop: threading.Event) -> None:
    _read_request(conn)
    conn.sendall(b"HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n")
    conn.sendall(b'Content-Length: 5000\r\n\r\n{"error": {"mess')
    _hold(conn, stop)


def trickle(conn: socket.socket, stop: threading.Event) -> None:
    _read_request(conn)
    answer = b"HTTP/1.1 401 Unauthorized\r\nContent-Length: 100000\r\n\r\n" + b"x" * 100000
    for byte in answer:
        if stop.wait(1.0):
            return
        try:
            conn.sendall(bytes([byte]))
        except OSError:
            return


def endless(conn: socket.socket, stop: threading.Event) -> None:
    _read_request(conn)
    chunk = b'{"data": [' + b'{"id": "model-xxxxxxxxxxxxxxxx"},' * 2000
    try:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n")
        while not stop.is_set():
            conn.sendall(chunk)
    except OSError:
        return


def endless_chunked(conn: socket.socket, stop: threading.Event) -> None:
    _read_request(conn)
    piece = b"e" * 65536
    framed = b"%x\r\n" % len(piece) + piece + b"\r\n"
    try:
        conn.sendall(b"HTTP/1.1 401 Unauthorized\r\nTransfer-Encoding: chunked\r\n\r\n")
        while not stop.is_set():
            conn.sendall(framed)
    except OSError:
        return


class FaultServer:
    def __init__(self, handler: Callable[[socket.socket, threading.Event], None]) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.handler = handler
        self.conns: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.conns.append(conn)
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with contextlib.suppress(OSError):  # the client went away: what the test wants
            self.handler(conn, self.stop)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(2)
        for conn in self.conns:
            conn.close()
        self.sock.close()


@pytest.fixture
def fault(request: pytest.FixtureRequest) -> Iterator[FaultServer]:
    server = FaultServer(request.param)
    yield server
    server.close()


# The child reports its own peak (VmHWM belongs to the program after exec; a forked
# child's ru_maxrss would also count the parent's memory before the exec).
_CHILD = (
    "import atexit, sys\n"
    "def peak():\n"
    "    with open('/proc/self/status') as f:\n"
    "        kb = f.read().split('VmHWM:')[1].split()[0]\n"
    "    sys.stderr.write(f'VmHWM {kb}\\n')\n"
    "atexit.register(peak)\n"
    "from whichlayer.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def run_check(base_url: str) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS in MB, exit code, output) of one ``check`` run."""
    env = dict(os.environ, WL_CANARY_KEY="sk-" + "a1B2" * 12, NO_COLOR="1")
    env.pop("OPENAI_API_KEY", None)
    args = [
        sys.executable, "-c", _CHILD, "check", "--base-url", base_url,
        "--api-key-env", "WL_CANARY_KEY", "--protocol", "chat_completions",
        "--model", "gpt-4o-mini", "--timeout", str(TIMEOUT_S),
    ]  # fmt: skip
    started = time.monotonic()
    proc = subprocess.run(args, capture_output=True, env=env, timeout=60)
    wall = time.monotonic() - started
    err = proc.stderr.decode("utf-8", "replace")
    peak_kb = [line.split()[1] for line in err.splitlines() if line.startswith("VmHWM ")]
    assert peak_kb, err
    out = proc.stdout.decode("utf-8", "replace") + err
    return wall, int(peak_kb[-1]) / 1024, proc.returncode, out


FAULTS = [closed, silent, partial, trickle, endless, endless_chunked]


@pytest.mark.parametrize("fault", FAULTS, indirect=True, ids=[f.__name__ for f in FAULTS])
def test_check_is_bounded_against_a_hostile_server(fault: FaultServer) -> None:
    wall, rss, code, out = run_check(f"http://127.0.0.1:{fault.port}/v1")
    print(f"\n{fault.handler.__name__}: wall {wall:.2f} s (timeout {TIMEOUT_S}), peak {rss:.0f} MB")
    assert "Traceback" not in out and "MemoryError" not in out, out
    assert code in (0, 1), out
    assert "verdict" in out, out
    assert wall <= TIMEOUT_S + SLACK_S, (wall, out)
    assert rss <= MAX_RSS_MB, rss


@pytest.mark.parametrize("fault", [silent], indirect=True, ids=["tls-stall"])
def test_check_is_bounded_when_tls_stalls(fault: FaultServer) -> None:
    wall, rss, code, out = run_check(f"https://127.0.0.1:{fault.port}/v1")
    assert code in (0, 1), out
    print(f"\ntls-stall: wall {wall:.2f} s (timeout {TIMEOUT_S}), peak {rss:.0f} MB")
    assert "Traceback" not in out, out
    assert "tls" in out and "FAIL" in out, out
    assert wall <= TIMEOUT_S + SLACK_S, (wall, out)
    assert rss <= MAX_RSS_MB
