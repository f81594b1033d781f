"""Faithful forwarding: the real SDKs work unchanged, bytes pass untouched and unbuffered,
bodies of any size, kept-alive upstream connections, cuts on either side recorded."""

from __future__ import annotations

import asyncio
import hashlib
import json
import socket
import ssl
import struct
import threading
import time
from pathlib import Path
from typing import Any

import anthropic
import openai
import pytest
from tests.check.conftest import run_proxy
from tests.proxy.conftest import Proxied, RawUpstream, read_request, wait_records

from whichlayer.proxy import ProxyServer
from whichlayer.simulate import SimServer

HI: Any = [{"role": "user", "content": "hi"}]


def _count(px: Proxied) -> int:
    return px.proxy.recorder.count if px.proxy.recorder else 0


# -- the real SDKs ------------------------------------------------------------------------------


def test_openai_sync_async_and_streams_answer_as_directly(openai_proxy: Proxied) -> None:
    px = openai_proxy
    key = px.sim.keys["valid"]
    before = _count(px)
    via = openai.OpenAI(base_url=px.proxy.url + "/v1", api_key=key, max_retries=0)
    direct = openai.OpenAI(base_url=px.sim.base_url("openai"), api_key=key, max_retries=0)
    with via, direct:
        a = via.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=HI)
        b = direct.chat.completions.create(model="gpt-4o-mini", messages=HI)
        assert a.parse().choices[0].message.content == b.choices[0].message.content
        chunks = list(via.chat.completions.create(model="gpt-4o-mini", messages=HI, stream=True))
        direct_chunks = list(
            direct.chat.completions.create(model="gpt-4o-mini", messages=HI, stream=True)
        )
        assert [c.choices[0].delta.content for c in chunks if c.choices] == [
            c.choices[0].delta.content for c in direct_chunks if c.choices
        ]

    async def run_async() -> str:
        async with openai.AsyncOpenAI(base_url=px.proxy.url + "/v1", api_key=key) as client:
            r = await client.chat.completions.create(model="gpt-4o-mini", messages=HI)
            stream = await client.chat.completions.create(
                model="gpt-4o-mini", messages=HI, stream=True
            )
            parts = [c.choices[0].delta.content or "" async for c in stream if c.choices]
            return (r.choices[0].message.content or "") + "|" + "".join(parts)

    text = asyncio.run(run_async())
    assert "simulator" in text
    rows = wait_records(px.store, before + 4)[-4:]
    assert [r["stream"] for r in rows] == [0, 1, 0, 1]
    assert all(r["ok"] == 1 and r["model"] == "gpt-4o-mini" for r in rows)
    assert rows[1]["sse"] == 1 and rows[1]["frames"] == len(direct_chunks) + 1  # + [DONE]
    assert rows[1]["stream_end"] == "complete" and rows[1]["first_frame_ms"] is not None
    # the request id is the upstream's, untouched, and recorded with its header
    rid = a.headers["x-request-id"]
    first = wait_records(px.store, before + 1)[before]
    assert first["request_ids"][0] == {"value": rid, "party": "unknown", "source": "x-request-id"}
    assert first["key_fp"].startswith("[openai key") and key not in first["key_fp"]


def test_anthropic_sync_async_and_streams(anthropic_proxy: Proxied) -> None:
    px = anthropic_proxy
    key = px.sim.keys["valid"]
    before = _count(px)
    with anthropic.Anthropic(base_url=px.proxy.url, api_key=key, max_retries=0) as client:
        r = client.messages.create(model="claude-haiku-4-5", max_tokens=64, messages=HI)
        with client.messages.stream(model="claude-haiku-4-5", max_tokens=64, messages=HI) as stream:
            streamed = "".join(stream.text_stream)
    assert streamed == r.content[0].text  # type: ignore[union-attr]

    async def run_async() -> str:
        async with anthropic.AsyncAnthropic(base_url=px.proxy.url, api_key=key) as client:
            m = await client.messages.create(model="claude-haiku-4-5", max_tokens=64, messages=HI)
            async with client.messages.stream(
                model="claude-haiku-4-5", max_tokens=64, messages=HI
            ) as s:
                parts = [t async for t in s.text_stream]
            return m.content[0].text + "|" + "".join(parts)  # type: ignore[union-attr]

    assert asyncio.run(run_async()) == f"{streamed}|{streamed}"
    rows = wait_records(px.store, before + 4)[-4:]
    assert [r["stream"] for r in rows] == [0, 1, 0, 1]
    assert all(r["ok"] == 1 and r["stream_end"] == "complete" for r in rows)
    assert rows[0]["request_ids"][0]["party"] == "upstream"  # Anthropic's request-id
    assert rows[1]["frames"] > 3


# -- bytes: untouched, unbuffered, any size ------------------------------------------------------

FRAMES = [
    b'data: {"i": 0, "text": "h\\u00e9llo"}\n\n',
    b": ping\n\n",  # a heartbeat: forwarded at once
    b'event: message\r\ndata: {"i": 1}\r\n\r\n',
    b"data: " + b"x" * 70_000 + b"\n\n",  # a frame larger than one read
    b"data: [DONE]\n\n",
]
SSE_HEAD = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
    b"X-Request-Id: req_abc123def456\r\nx-custom-CASE: Keep Me  \r\n"
    b"Transfer-Encoding: chunked\r\n\r\n"
)


def _chunk(data: bytes) -> bytes:
    return b"%x\r\n" % len(data) + data + b"\r\n"


def _raw_client(port: int, request: bytes) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(request)
    return sock


def _recv_until(sock: socket.socket, buf: bytearray, marker: bytes) -> None:
    while marker not in buf:
        data = sock.recv(65536)
        if not data:
            raise AssertionError(f"closed before {marker[:40]!r}")
        buf += data


def test_sse_is_byte_identical_and_frame_by_frame(tmp_path: Path) -> None:
    release = [threading.Event() for _ in FRAMES]
    sent = bytearray()

    async def upstream(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        await read_request(r)
        w.write(SSE_HEAD)
        for frame, gate in zip(FRAMES, release, strict=True):
            if not await asyncio.get_running_loop().run_in_executor(None, gate.wait, 10):
                return  # the test failed: do not send the rest
            # a frame split over two chunks, as servers do
            data = _chunk(frame[:7]) + _chunk(frame[7:])
            sent.extend(data)
            w.write(data)
            await w.drain()
        sent.extend(b"0\r\n\r\n")
        w.write(b"0\r\n\r\n")
        await w.drain()

    with RawUpstream(upstream) as up, ProxyServer(up.url, store=tmp_path / "s.db") as px:
        sock = _raw_client(
            px.port, b"POST /v1/x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}"
        )
        got = bytearray()
        with sock:
            for frame, gate in zip(FRAMES, release, strict=True):
                gate.set()  # the next frame is only sent once this one has arrived
                _recv_until(sock, got, _chunk(frame[7:])[-60:])
            _recv_until(sock, got, b"0\r\n\r\n")
        head, _, body = bytes(got).partition(b"\r\n\r\n")
        assert body == bytes(sent)  # chunk framing included: not one byte changed
        assert head + b"\r\n\r\n" == SSE_HEAD  # the upstream's headers, untouched
        row = wait_records(px.store_path, 1)[-1]
        assert row["frames"] == len(FRAMES) and row["stream_end"] == "complete"
        assert row["resp_bytes"] == sum(len(f) for f in FRAMES)
        assert row["request_ids"][0]["value"] == "req_abc123def456"


def test_bodies_of_any_size_both_ways(tmp_path: Path) -> None:
    big = hashlib.sha256(b"seed").digest() * (20 * 2**20 // 32)  # 20 MiB

    async def upstream(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        while True:
            head, body = await read_request(r)
            if b"transfer-encoding: chunked" in head.lower():
                body = await _read_chunked(r)
            digest = hashlib.sha256(body).hexdigest().encode()
            w.write(
                b"HTTP/1.1 200 OK\r\nX-Sha: "
                + digest
                + b"\r\nContent-Length: %d\r\n\r\n" % len(big)
            )
            w.write(big)
            await w.drain()

    with RawUpstream(upstream) as up, ProxyServer(up.url, store=tmp_path / "s.db") as px:
        import httpx

        with httpx.Client(base_url=px.url, timeout=30) as client:
            r = client.post("/upload", content=big)
            assert r.headers["x-sha"] == hashlib.sha256(big).hexdigest()
            assert r.content == big
            pieces = (big[i : i + 2**20] for i in range(0, len(big), 2**20))
            r2 = client.post("/upload", content=pieces)  # chunked, streamed through
            assert r2.headers["x-sha"] == hashlib.sha256(big).hexdigest()
            assert len(r2.content) == len(big)
        rows = wait_records(px.store_path, 2)
        assert [r["req_bytes"] for r in rows] == [len(big), len(big)]
        assert rows[0]["body_hash"] == rows[1]["body_hash"]  # the same body, however framed
        assert rows[1]["reused"] == 1  # the kept-alive upstream connection


async def _read_chunked(r: asyncio.StreamReader) -> bytes:
    out = bytearray()
    while True:
        size = int((await r.readuntil(b"\r\n")).split(b";")[0], 16)
        if size == 0:
            await r.readuntil(b"\r\n")
            return bytes(out)
        out += await r.readexactly(size)
        await r.readexactly(2)


def test_keep_alive_pool_uses_one_upstream_connection(tmp_path: Path) -> None:
    connections = 0

    async def upstream(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        while True:
            await read_request(r)
            w.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
            await w.drain()

    with RawUpstream(upstream) as up, ProxyServer(up.url, store=tmp_path / "s.db") as px:
        import httpx

        for _ in range(5):  # a new client connection each time; the upstream one stays
            assert httpx.get(px.url + "/v1/models", timeout=5).text == "ok"
        rows = wait_records(px.store_path, 5)
    assert connections == 1
    assert [r["reused"] for r in rows] == [0, 1, 1, 1, 1]
    assert rows[0]["connect_ms"] is not None and rows[1]["connect_ms"] is None


# -- cuts -----------------------------------------------------------------------------------------


def test_client_disconnect_mid_stream_is_recorded(tmp_path: Path) -> None:
    upstream_saw_close = threading.Event()

    async def upstream(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        await read_request(r)
        w.write(SSE_HEAD)
        try:
            for i in range(500):
                w.write(_chunk(b'data: {"i": %d}\n\n' % i))
                await w.drain()
                await asyncio.sleep(0.02)
        except ConnectionError:
            upstream_saw_close.set()
            return
        if r.at_eof() or w.is_closing():
            upstream_saw_close.set()

    with RawUpstream(upstream) as up, ProxyServer(up.url, store=tmp_path / "s.db") as px:
        sock = _raw_client(px.port, b"GET /v1/stream HTTP/1.1\r\nHost: a\r\n\r\n")
        got = bytearray()
        _recv_until(sock, got, b'{"i": 2}')
        sock.close()
        row = wait_records(px.store_path, 1)[-1]
        assert row["stream_end"] == "cut_by_client"
        assert row["ok"] == 1  # the client left: no failure of the API
        assert 3 <= row["frames"] < 100
        assert upstream_saw_close.wait(5), "the proxy kept the upstream stream open"


def test_client_leaving_after_the_last_frame_is_a_complete_stream(tmp_path: Path) -> None:
    """An SDK closes the stream at its last frame; the zero-length chunk that ends the body
    may reach the proxy only after that: the client already holds the whole body."""
    client_left = threading.Event()

    async def upstream(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        await read_request(r)
        w.write(SSE_HEAD + _chunk(b'data: {"i": 0}\n\n') + _chunk(b"data: [DONE]\n\n"))
        await w.drain()
        await asyncio.get_running_loop().run_in_executor(None, client_left.wait, 5)
        await asyncio.sleep(0.1)  # the proxy reads the client's EOF first
        w.write(b"0\r\n\r\n")
        await w.drain()

    with RawUpstream(upstream) as up, ProxyServer(up.url, store=tmp_path / "s.db") as px:
        sock = _raw_client(px.port, b"GET /v1/stream HTTP/1.1\r\nHost: a\r\n\r\n")
        got = bytearray()
        _recv_until(sock, got, b"[DONE]")
        sock.close()
        client_left.set()
        row = wait_records(px.store_path, 1)[-1]
    assert row["stream_end"] == "complete" and row["frames"] == 2 and row["ok"] == 1


def test_upstream_reset_mid_stream_is_recorded(tmp_path: Path) -> None:
    async def upstream(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        await read_request(r)
        w.write(SSE_HEAD + _chunk(b'data: {"i": 0}\n\n') + _chunk(b'data: {"i": 1}\n\n'))
        await w.drain()
        await asyncio.sleep(0.1)
        sock = w.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        w.transport.abort()  # RST

    with RawUpstream(upstream) as up, ProxyServer(up.url, store=tmp_path / "s.db") as px:
        import httpx

        with (
            pytest.raises(httpx.RemoteProtocolError),
            httpx.stream("GET", px.url + "/v1/stream", timeout=5) as resp,
        ):
            for _ in resp.iter_bytes():
                pass
        row = wait_records(px.store_path, 1)[-1]
    assert row["stream_end"] == "cut_by_upstream" and row["frames"] == 2
    assert row["ok"] == 0 and "cut_midway" in row["flags"]
    assert (row["layer"], row["cause"]) == ("network", "connection_reset")


# -- the client's proxy variables ---------------------------------------------------------------


def test_https_upstream_through_the_environments_proxy(tmp_path: Path) -> None:
    with SimServer("openai", tls="trusted") as sim, run_proxy() as forward:
        assert sim.ca_pem is not None
        ctx = ssl.create_default_context(cafile=sim.ca_pem)
        env = {"HTTPS_PROXY": forward}
        with ProxyServer(sim.url, store=tmp_path / "s.db", environ=env, ssl_context=ctx) as px:
            with openai.OpenAI(
                base_url=px.url + "/v1", api_key=sim.keys["valid"], max_retries=0
            ) as c:
                assert c.chat.completions.create(model="gpt-4o-mini", messages=HI).choices
            assert px._environ["HTTPS_PROXY"] == forward
            row = wait_records(px.store_path, 1)[-1]
            assert row["ok"] == 1


def test_plain_http_upstream_through_the_environments_proxy(tmp_path: Path) -> None:
    seen: list[bytes] = []

    async def fake_proxy(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        head, _ = await read_request(r)
        seen.append(head.split(b"\r\n")[0])
        w.write(b"HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nproxied")
        await w.drain()

    with RawUpstream(fake_proxy) as prox:
        env = {"http_proxy": prox.url, "no_proxy": "example.org"}
        with ProxyServer(
            "http://api.test.invalid:8080/base", store=tmp_path / "s.db", environ=env
        ) as px:
            import httpx

            assert httpx.get(px.url + "/v1/models?x=1", timeout=5).text == "proxied"
    assert seen == [b"GET http://api.test.invalid:8080/base/v1/models?x=1 HTTP/1.1"]


def test_slow_first_byte_is_flagged(tmp_path: Path) -> None:
    async def upstream(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        await read_request(r)
        await asyncio.sleep(0.4)
        w.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        await w.drain()

    with (
        RawUpstream(upstream) as up,
        ProxyServer(up.url, store=tmp_path / "s.db", slow_first_byte_s=0.2) as px,
    ):
        import httpx

        t = time.perf_counter()
        assert httpx.get(px.url + "/", timeout=5).text == "ok"
        assert time.perf_counter() - t >= 0.4
        row = wait_records(px.store_path, 1)[-1]
    assert row["flags"] == ["slow_first_byte"] and row["ok"] == 1


def test_a_gzip_error_body_is_diagnosed_and_passed_on_compressed(tmp_path: Path) -> None:
    import gzip

    import httpx

    body = json.dumps(
        {
            "error": {
                "message": "You exceeded your current quota, please check your plan and "
                "billing details.",
                "type": "insufficient_quota",
                "code": "insufficient_quota",
            }
        }
    ).encode()
    packed = gzip.compress(body)

    async def upstream(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        await read_request(r)
        w.write(
            b"HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\n"
            b"Content-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(packed) + packed
        )
        await w.drain()

    with RawUpstream(upstream) as up, ProxyServer(up.url, store=tmp_path / "s.db") as px:
        r = httpx.post(px.url + "/v1/chat/completions", json={"model": "gpt-4o"}, timeout=5)
        assert r.status_code == 429 and r.json() == json.loads(body)  # httpx gunzipped it
        row = wait_records(px.store_path, 1)[-1]
    assert (row["layer"], row["cause"]) == ("quota", "insufficient_balance")
    assert "insufficient_quota" in row["error_body"]


def test_a_protocol_upgrade_becomes_a_byte_tunnel(tmp_path: Path) -> None:
    seen: list[bytes] = []

    async def upstream(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        head, _ = await read_request(r)
        seen.append(head)
        w.write(
            b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Sec-WebSocket-Accept: abc=\r\n\r\n"
        )
        while data := await r.read(1024):  # echo, as a WebSocket server's frames would go
            w.write(data[::-1])
            await w.drain()

    with RawUpstream(upstream) as up, ProxyServer(up.url, store=tmp_path / "s.db") as px:
        sock = _raw_client(
            px.port,
            b"GET /v1/responses HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n"
            b"Connection: Upgrade\r\nSec-WebSocket-Key: x==\r\nSec-WebSocket-Version: 13\r\n\r\n",
        )
        got = bytearray()
        with sock:
            _recv_until(sock, got, b"\r\n\r\n")
            assert got.startswith(b"HTTP/1.1 101 ") and b"Upgrade: websocket" in got
            sock.sendall(b"\x81\x05hello")
            got.clear()
            _recv_until(sock, got, b"\x81")
            assert bytes(got) == b"olleh\x05\x81"
        row = wait_records(px.store_path, 1)[-1]
    assert b"Upgrade: websocket" in seen[0] and b"Connection: Upgrade" in seen[0]
    assert row["status"] == 101 and row["ok"] == 1
    assert row["req_bytes"] == 7 and row["resp_bytes"] == 7
