"""The upstream side: where to forward, how to connect, and a keep-alive pool.

TLS is verified against the OS trust store (``ssl.create_default_context()``,
which also honours ``SSL_CERT_FILE``/``SSL_CERT_DIR``), as ``httpx2`` does. The
client's proxy variables (``HTTPS_PROXY``, ``HTTP_PROXY``, ``ALL_PROXY``,
``NO_PROXY``) are honoured: HTTPS goes through a ``CONNECT`` tunnel, plain HTTP
in absolute form.
"""

from __future__ import annotations

import asyncio
import base64
import ssl
import time
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass

from whichlayer.providers import api_base

#: The official hosts for ``--to anthropic|openai|gemini``, from the provider registry.
OFFICIAL = {
    name: urllib.parse.urlsplit(api_base(name))._replace(path="").geturl()
    for name in ("anthropic", "openai", "gemini")
}
#: Idle connections kept per upstream (more are closed when returned).
POOL_SIZE = 64
#: An idle pooled connection older than this is not reused (servers drop idle ones at 60-75 s).
POOL_IDLE_S = 50.0
#: How long closing waits for idle upstream connections (a TLS close_notify) at shutdown.
CLOSE_WAIT_S = 1.0
#: Deadline to open a connection (TCP, proxy CONNECT and TLS together).
CONNECT_TIMEOUT_S = 10.0


class TargetError(ValueError):
    """A --to value that is not an http(s) URL or a known provider."""


@dataclass(frozen=True, slots=True)
class Target:
    """The upstream base: scheme, host, port and a path prefix put before every path."""

    scheme: str
    host: str
    port: int
    prefix: str  # "" or "/something" without a trailing slash

    @property
    def url(self) -> str:
        default = 443 if self.scheme == "https" else 80
        port = "" if self.port == default else f":{self.port}"
        return f"{self.scheme}://{self.host}{port}{self.prefix}"

    @property
    def host_header(self) -> bytes:
        default = 443 if self.scheme == "https" else 80
        host = f"[{self.host}]" if ":" in self.host else self.host
        return (host if self.port == default else f"{host}:{self.port}").encode("ascii")


def parse_target(value: str) -> Target:
    """``--to`` as a :class:`Target`: a provider name or an http(s) URL."""
    url = OFFICIAL.get(value.strip().lower(), value.strip())
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        names = ", ".join(OFFICIAL)
        raise TargetError(f"--to must be an http(s) URL or one of {names}, not {value!r}")
    if parts.username or parts.password:
        raise TargetError("--to must not carry credentials; the client's own are forwarded")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise TargetError(f"--to has a bad port: {value!r}") from None
    return Target(parts.scheme, parts.hostname, port, parts.path.rstrip("/"))


def proxy_for(target: Target, environ: Mapping[str, str]) -> urllib.parse.SplitResult | None:
    """The proxy the client's environment names for ``target``, or None."""
    lower = {k.lower(): v for k, v in environ.items() if v}
    no_proxy = lower.get("no_proxy", "")
    if no_proxy and _bypassed(target.host, target.port, no_proxy):
        return None
    value = lower.get(f"{target.scheme}_proxy") or lower.get("all_proxy")
    if not value:
        return None
    if "://" not in value:
        value = "http://" + value
    parts = urllib.parse.urlsplit(value)
    return parts if parts.hostname else None


def _bypassed(host: str, port: int, no_proxy: str) -> bool:
    for entry in (e.strip().lower() for e in no_proxy.split(",")):
        if not entry:
            continue
        if entry == "*":
            return True
        name, _, entry_port = entry.partition(":")
        if entry_port and entry_port != str(port):
            continue
        name = name.lstrip(".")
        if host == name or host.endswith("." + name):
            return True
    return False


def os_trust_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.set_alpn_protocols(["http/1.1"])
    return ctx


class Conn:
    """One upstream connection."""

    __slots__ = ("absolute_form", "idle_since", "reader", "reused", "writer")

    def __init__(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, absolute_form: bool
    ) -> None:
        self.reader = reader
        self.writer = writer
        self.absolute_form = absolute_form  # plain HTTP through a proxy: absolute request target
        self.reused = False
        self.idle_since = 0.0

    def close(self) -> None:
        self.writer.close()


class Pool:
    """Keep-alive connections to one upstream, opened on demand."""

    def __init__(
        self,
        target: Target,
        environ: Mapping[str, str],
        ssl_context: ssl.SSLContext | None = None,
        connect_timeout_s: float = CONNECT_TIMEOUT_S,
    ) -> None:
        self.target = target
        self.proxy = proxy_for(target, environ)
        self._ssl = (ssl_context or os_trust_context()) if target.scheme == "https" else None
        self._idle: list[Conn] = []
        self._connect_timeout_s = connect_timeout_s

    def get_idle(self) -> Conn | None:
        now = time.monotonic()
        while self._idle:
            conn = self._idle.pop()
            if (
                conn.reader.at_eof()
                or conn.writer.is_closing()
                or now - conn.idle_since > POOL_IDLE_S
            ):
                conn.close()
                continue
            conn.reused = True
            return conn
        return None

    def put(self, conn: Conn) -> None:
        if len(self._idle) >= POOL_SIZE or conn.writer.is_closing():
            conn.close()
            return
        conn.idle_since = time.monotonic()
        self._idle.append(conn)

    def close(self) -> None:
        for conn in self._idle:
            conn.close()
        self._idle.clear()

    async def aclose(self) -> None:
        """Close every idle connection and let TLS say goodbye before the loop ends (a TLS
        close needs the loop for its close_notify); what has not closed by then is aborted."""
        conns = list(self._idle)
        self.close()
        if not conns:
            return
        waits = asyncio.gather(*(c.writer.wait_closed() for c in conns), return_exceptions=True)
        try:
            await asyncio.wait_for(waits, CLOSE_WAIT_S)
        except TimeoutError:
            for conn in conns:
                conn.writer.transport.abort()

    async def connect(self) -> Conn:
        return await asyncio.wait_for(self._open(), self._connect_timeout_s)

    async def _open(self) -> Conn:
        t = self.target
        if self.proxy is None:
            reader, writer = await asyncio.open_connection(
                t.host,
                t.port,
                ssl=self._ssl,
                server_hostname=t.host if self._ssl else None,
                limit=2**20,
            )
            return Conn(reader, writer, absolute_form=False)
        p = self.proxy
        reader, writer = await asyncio.open_connection(p.hostname, p.port or 80, limit=2**20)
        if self._ssl is None:
            return Conn(reader, writer, absolute_form=True)
        await self._tunnel(reader, writer)
        await writer.start_tls(self._ssl, server_hostname=t.host)
        return Conn(reader, writer, absolute_form=False)

    async def _tunnel(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        t, p = self.target, self.proxy
        assert p is not None
        authority = t.host_header.decode() if t.port != 443 else f"{t.host}:443"
        lines = [f"CONNECT {authority} HTTP/1.1", f"Host: {authority}"]
        if p.username:
            user = urllib.parse.unquote(p.username)
            password = urllib.parse.unquote(p.password or "")
            token = base64.b64encode(f"{user}:{password}".encode()).decode()
            lines.append(f"Proxy-Authorization: Basic {token}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        head = await reader.readuntil(b"\r\n\r\n")
        status_line = head.split(b"\r\n", 1)[0]
        parts = status_line.split(b" ", 2)
        if len(parts) < 2 or parts[1] != b"200":
            raise ProxyTunnelError(status_line.decode("latin-1", "replace"))


class ProxyTunnelError(OSError):
    """The client's HTTPS proxy refused the CONNECT tunnel."""
