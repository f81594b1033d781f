"""Live objects from real HTTP exchanges on 127.0.0.1: httpx2 and httpx responses and
exceptions, OS errors, and SDK-style exceptions."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import httpx2
import pytest

import whichlayer

QUOTA_BODY = {
    "error": {
        "message": "You exceeded your current quota, please check your plan and billing details.",
        "type": "insufficient_quota",
        "param": None,
        "code": "insufficient_quota",
    }
}


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", 0))
        self.rfile.read(length)
        if self.path.endswith("/stall"):
            threading.Event().wait(2)
            return
        body = json.dumps(QUOTA_BODY).encode()
        self.send_response(429)
        self.send_header("content-type", "application/json")
        self.send_header("x-request-id", "req_0123456789abcdef0123456789abcdef")
        self.send_header("retry-after", "7")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("client_module", [httpx2, httpx], ids=["httpx2", "httpx"])
def test_response_object(server, client_module):
    response = client_module.post(f"{server}/v1/chat/completions", json={}, timeout=5)
    d = whichlayer.explain(response)
    assert (d.layer, d.cause, d.status) == ("quota", "insufficient_balance", 429)
    assert d.host == "127.0.0.1" and d.path == "/v1/chat/completions"
    assert d.retry_after_s == 7
    assert d.request_ids[0].value == "req_0123456789abcdef0123456789abcdef"


@pytest.mark.parametrize("client_module", [httpx2, httpx], ids=["httpx2", "httpx"])
def test_http_status_error(server, client_module):
    response = client_module.post(f"{server}/v1/chat/completions", json={}, timeout=5)
    with pytest.raises(client_module.HTTPStatusError) as info:
        response.raise_for_status()
    d = whichlayer.explain(info.value)
    assert (d.layer, d.cause) == ("quota", "insufficient_balance")


@pytest.mark.parametrize("client_module", [httpx2, httpx], ids=["httpx2", "httpx"])
def test_read_timeout(server, client_module):
    with pytest.raises(client_module.ReadTimeout) as info:
        client_module.post(f"{server}/stall", json={}, timeout=0.3)
    d = whichlayer.explain(info.value)
    assert (d.layer, d.cause, d.retry) == ("network", "read_timeout", "careful")


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("client_module", [httpx2, httpx], ids=["httpx2", "httpx"])
def test_connection_refused(client_module):
    with pytest.raises(client_module.ConnectError) as info:
        client_module.get(f"http://127.0.0.1:{_closed_port()}/v1/models", timeout=2)
    d = whichlayer.explain(info.value)
    assert (d.layer, d.cause, d.origin) == ("network", "connect_refused", "client")


def test_os_error_with_errno():
    d = whichlayer.explain(ConnectionRefusedError(111, "Connection refused"))
    assert (d.layer, d.cause) == ("network", "connect_refused")


def test_sdk_style_exception_fields_are_read(server):
    import openai

    client = openai.OpenAI(base_url=f"{server}/v1", api_key="sk-test", max_retries=0, timeout=5)
    with pytest.raises(openai.RateLimitError) as info:
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
    d = whichlayer.explain(info.value)
    assert (d.layer, d.cause, d.origin, d.retry) == (
        "quota",
        "insufficient_balance",
        "upstream",
        "never",
    )
    assert d.status == 429 and d.provider == "openai"


def test_dict_body_and_bytes():
    assert whichlayer.explain(QUOTA_BODY).cause == "insufficient_balance"
    assert whichlayer.explain(json.dumps(QUOTA_BODY).encode()).cause == "insufficient_balance"


def test_object_with_a_broken_str():
    class Broken:
        def __str__(self) -> str:
            raise RuntimeError("no")

    assert whichlayer.explain(Broken()) is not None
