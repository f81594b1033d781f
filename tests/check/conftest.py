"""Fixtures for whichlayer check: temporary homes, TLS servers, silent listeners, a proxy."""

from __future__ import annotations

import contextlib
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from whichlayer.check.model import Context


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def cwd(home: Path) -> Path:
    path = home / "project"
    path.mkdir()
    return path


def make_ctx(env: dict[str, str], home: Path, cwd: Path) -> Context:
    return Context(env, home, cwd, etc=home.parent / "etc")


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="session")
def ca_file(ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


class TLSServer:
    """A TLS listener on 127.0.0.1 that completes handshakes and closes."""

    def __init__(self, context: ssl.SSLContext) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.context = context
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        self.sock.settimeout(0.1)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(2)
        with (
            contextlib.suppress(OSError, ssl.SSLError),
            self.context.wrap_socket(conn, server_side=True) as tls,
        ):
            tls.recv(1)
        conn.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=2)
        self.sock.close()


@pytest.fixture
def tls_server(ca: trustme.CA) -> Iterator[TLSServer]:
    """Certificate for 'localhost' and 127.0.0.1, issued by the test CA."""
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost", "127.0.0.1").configure_cert(ctx)
    server = TLSServer(ctx)
    yield server
    server.close()


@pytest.fixture
def wrong_host_tls_server(ca: trustme.CA) -> Iterator[TLSServer]:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("api.example.com").configure_cert(ctx)
    server = TLSServer(ctx)
    yield server
    server.close()


@pytest.fixture
def silent_listener() -> Iterator[int]:
    """Accepts TCP (the kernel does) but never reads or answers: a stalled server."""
    sock = socket.create_server(("127.0.0.1", 0), backlog=16)
    yield sock.getsockname()[1]
    sock.close()


@pytest.fixture
def closed_port() -> int:
    sock = socket.create_server(("127.0.0.1", 0))
    port = int(sock.getsockname()[1])
    sock.close()
    return port


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_port(port: int, proc: subprocess.Popen[bytes], timeout: float = 15.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"proxy.py exited with {proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError("proxy.py did not start")


@contextlib.contextmanager
def run_proxy(*extra: str) -> Iterator[str]:
    """A real forward proxy (proxy.py) on 127.0.0.1; yields its URL."""
    port = _free_port()
    cmd = [
        sys.executable,
        "-m",
        "proxy",
        "--hostname",
        "127.0.0.1",
        "--port",
        str(port),
        "--num-workers",
        "1",
        "--num-acceptors",
        "1",
        "--log-level",
        "ERROR",
        *extra,
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_port(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def forward_proxy() -> Iterator[str]:
    with run_proxy() as url:
        yield url


@pytest.fixture(scope="session")
def auth_proxy() -> Iterator[str]:
    """A proxy that demands Basic auth (407 without it): user 'user', password 'pass'."""
    with run_proxy("--basic-auth", "user:pass") as url:
        yield url


@pytest.fixture
def blackhole_port() -> Iterator[int]:
    """A port whose accept queue is full: new connections get no SYN-ACK (connect timeout)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(0)
    port = int(sock.getsockname()[1])
    filler = socket.create_connection(("127.0.0.1", port), timeout=2)
    yield port
    filler.close()
    sock.close()


#: OpenAI's answer when a reasoning model gets max_tokens (its real wording).
REFUSAL = (
    b'{"error": {"message": "Unsupported parameter: \'max_tokens\' is not supported with '
    b'this model. Use \'max_completion_tokens\' instead.", "type": "invalid_request_error",'
    b' "param": "max_tokens", "code": "unsupported_parameter"}}'
)


@pytest.fixture
def refuses_max_tokens() -> Iterator[str]:
    """A tiny OpenAI-style server whose model accepts only max_completion_tokens."""
    import json
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._send(200, b'{"object": "list", "data": [{"id": "o3"}]}')

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["content-length"])) or b"{}")
            if not self.headers.get("authorization"):
                self._send(401, b'{"error": {"message": "Missing bearer", "code": null}}')
            elif "max_tokens" in body:
                self._send(400, REFUSAL)
            else:
                reply = {"choices": [{"message": {"role": "assistant", "content": "Hello!"}}]}
                self._send(200, json.dumps(reply).encode())

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()
    thread.join(timeout=2)


@pytest.fixture(scope="session")
def intercepting_proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """proxy.py doing TLS interception (a corporate inspection proxy): URL and its CA file.

    It mints a certificate per host from its own CA and does not verify upstreams.
    """
    import shutil

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    if shutil.which("openssl") is None:  # proxy.py signs its per-host certificates with it
        pytest.skip("proxy.py TLS interception needs the openssl command")
    folder = tmp_path_factory.mktemp("interception")
    ca = trustme.CA(key_type=trustme.KeyType.RSA, organization_name="Corp Inspection CA")
    ca.cert_pem.write_to_path(str(folder / "ca-cert.pem"))
    ca.private_key_pem.write_to_path(str(folder / "ca-key.pem"))
    signing = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    (folder / "signing-key.pem").write_bytes(
        signing.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    (folder / "certs").mkdir()
    args = (
        "--ca-key-file",
        str(folder / "ca-key.pem"),
        "--ca-cert-file",
        str(folder / "ca-cert.pem"),
        "--ca-signing-key-file",
        str(folder / "signing-key.pem"),
        "--ca-cert-dir",
        str(folder / "certs"),
        "--insecure-tls-interception",
    )
    with run_proxy(*args) as url:
        yield url, folder / "ca-cert.pem"
