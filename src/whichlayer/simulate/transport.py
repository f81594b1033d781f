"""Faults on the connection itself: resets, mid-body closes, and the SSE writers.

A reset sets SO_LINGER to zero before closing, so the kernel sends RST and the
client sees ECONNRESET ("Connection reset by peer"), not a clean close.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
from typing import Any

from aiohttp import web


def reset(request: web.Request) -> None:
    """Abort the connection with a TCP RST."""
    transport = request.transport
    if transport is None:
        return
    sock = transport.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()


def close(request: web.Request) -> None:
    """Close the connection (FIN) without finishing the answer."""
    if request.transport is not None:
        request.transport.close()


async def cut_body(
    request: web.Request, status: int, headers: dict[str, str], body: bytes
) -> web.StreamResponse:
    """Announce the whole body, send half of it, then close: an incomplete read for the client."""
    resp = web.StreamResponse(status=status, headers=headers)
    resp.content_length = len(body)
    await resp.prepare(request)
    await resp.write(body[: len(body) // 2])
    await asyncio.sleep(0.05)
    close(request)
    return resp


async def open_sse(request: web.Request, headers: dict[str, str]) -> web.StreamResponse:
    resp = web.StreamResponse(status=200, headers=headers)
    resp.content_type = "text/event-stream"
    resp.headers["Cache-Control"] = "no-cache"
    await resp.prepare(request)
    return resp


async def send_event(
    resp: web.StreamResponse, data: str, event: str | None = None, crlf: bool = False
) -> None:
    sep = "\r\n" if crlf else "\n"
    head = f"event: {event}{sep}" if event else ""
    await resp.write(f"{head}data: {data}{sep}{sep}".encode())


async def finish(resp: web.StreamResponse) -> web.StreamResponse:
    with contextlib.suppress(ConnectionResetError, RuntimeError):
        await resp.write_eof()
    return resp


def json_dumps(obj: Any) -> str:
    import json

    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
