"""The transport stages: DNS, TCP connect, proxy CONNECT, TLS.

Each stage returns a :class:`Stage` and, on failure, the exception or
response that shows why; the runner hands that to ``whichlayer.explain``.
Every await is bounded by the command's :class:`Deadline`.
"""

from __future__ import annotations

import asyncio
import base64
import socket
import ssl
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx2

from whichlayer.check.deadline import Deadline, Stopwatch
from whichlayer.check.model import Stage
from whichlayer.check.progress import describe
from whichlayer.check.trust import TrustStore, public_store

#: How much of a proxy's CONNECT answer is read at most.
MAX_PROXY_HEADER = 16 * 1024
#: How long a polite close may wait for the peer before the socket is aborted.
CLOSE_WAIT_S = 0.2


@dataclass(slots=True)
class Failure:
    """Why a stage failed: the object given to the engine, and a readable reason."""

    evidence: object
    reason: str


@dataclass(slots=True)
class Hop:
    """Where the TCP connection goes: the API host itself, or the forward proxy."""

    host: str
    port: int
    addresses: list[str] = field(default_factory=list)


async def _bounded(coro: Any, deadline: Deadline, what: str, *, read: bool = False) -> Any:
    """Await ``coro`` within the deadline. A timeout says what was being waited for; on an
    open connection (``read``) it is ``httpx2.ReadTimeout``, as the client's stack raises."""
    left = deadline.left()
    try:
        async with asyncio.timeout(left):
            return await coro
    except TimeoutError:
        if read:
            raise httpx2.ReadTimeout(
                f"read timed out: no {what} within {left:.1f} s (TCP connected)"
            ) from None
        raise TimeoutError(f"{what} timed out after {left:.1f} s") from None


async def dns(hop: Hop, deadline: Deadline) -> tuple[Stage, Failure | None]:
    watch = Stopwatch()
    loop = asyncio.get_running_loop()
    try:
        infos = await _bounded(
            loop.getaddrinfo(hop.host, hop.port, type=socket.SOCK_STREAM),
            deadline,
            f"DNS lookup of {hop.host}",
        )
    except (OSError, TimeoutError) as exc:
        detail = f"{hop.host} did not resolve: {describe(exc, watch.ms())}"
        return Stage("dns", False, watch.ms(), detail), Failure(exc, detail)
    hop.addresses = list(dict.fromkeys(info[4][0] for info in infos))
    shown = ", ".join(hop.addresses[:3]) + (" …" if len(hop.addresses) > 3 else "")
    return Stage("dns", True, watch.ms(), f"{hop.host} → {shown}"), None


async def connect(
    hop: Hop, deadline: Deadline
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """Open TCP to the first address of ``hop`` that accepts.

    A timeout is raised as ``httpx2.ConnectTimeout``: the exception the client's
    own HTTP stack raises when connecting takes too long.
    """
    error: BaseException | None = None
    for address in hop.addresses or [hop.host]:
        left = deadline.left()
        try:
            async with asyncio.timeout(left):
                # The stream buffers at most a proxy header's worth (CONNECT answers
                # are read with readuntil; TLS records pass through the transport).
                return await asyncio.open_connection(address, hop.port, limit=MAX_PROXY_HEADER)
        except TimeoutError:
            raise httpx2.ConnectTimeout(
                f"timed out while connecting to {hop.host}:{hop.port} ({address}) "
                f"after {left:.1f} s"
            ) from None
        except OSError as exc:
            error = exc
    assert error is not None
    raise error


async def tcp(hop: Hop, deadline: Deadline) -> tuple[Stage, Failure | None]:
    watch = Stopwatch()
    try:
        _, writer = await connect(hop, deadline)
    except (OSError, TimeoutError, httpx2.TimeoutException) as exc:
        detail = f"no connection to {hop.host}:{hop.port}: {describe(exc, watch.ms())}"
        return Stage("tcp", False, watch.ms(), detail), Failure(exc, detail)
    peer = writer.get_extra_info("peername")
    await _close(writer)
    where = f"{peer[0]}:{peer[1]}" if peer else f"{hop.host}:{hop.port}"
    return Stage("tcp", True, watch.ms(), f"connected to {where}"), None


async def _close(writer: asyncio.StreamWriter) -> None:
    """Close politely for half a second, then abort: a TLS close waits for the peer's
    close_notify, and a socket still open when the command's loop ends would leak."""
    writer.close()
    try:
        async with asyncio.timeout(CLOSE_WAIT_S):
            await writer.wait_closed()
    except BaseException as exc:
        writer.transport.abort()
        if not isinstance(exc, Exception):
            raise  # cancelled by the command's deadline: keep unwinding


def connect_request(host: str, port: int, proxy_url: str) -> bytes:
    """The CONNECT request a client sends, with Basic auth from the proxy URL's userinfo."""
    parts = urlsplit(proxy_url)
    lines = [f"CONNECT {host}:{port} HTTP/1.1", f"Host: {host}:{port}"]
    if parts.username is not None:
        user = unquote(parts.username)
        password = unquote(parts.password or "")
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        lines.append(f"Proxy-Authorization: Basic {token}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def tunnel(
    proxy: Hop, proxy_url: str, host: str, port: int, deadline: Deadline
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A TCP stream to ``host:port`` through the proxy; raises ProxyRefused on a non-2xx."""
    reader, writer = await connect(proxy, deadline)
    try:
        writer.write(connect_request(host, port, proxy_url))
        head = await _bounded(
            reader.readuntil(b"\r\n\r\n"),
            deadline,
            f"the proxy's answer to CONNECT {host}:{port}",
            read=True,
        )
    except (asyncio.LimitOverrunError, ValueError):
        writer.close()
        raise ConnectionError(
            f"the proxy's answer to CONNECT {host}:{port} has no end of headers "
            f"within {MAX_PROXY_HEADER} bytes"
        ) from None
    except BaseException:
        # Any way out (a read timeout raised as httpx2.ReadTimeout, the command's deadline
        # cancelling us) must close the socket: nothing else holds it.
        writer.close()
        raise
    status, headers = _parse_head(head)
    if not 200 <= status < 300:
        await _close(writer)
        raise ProxyRefused(status, headers, host, port)
    return reader, writer


class ProxyRefused(Exception):
    """The forward proxy answered CONNECT with a non-2xx status."""

    def __init__(self, status: int, headers: dict[str, str], host: str, port: int) -> None:
        super().__init__(f"proxy answered CONNECT {host}:{port} with HTTP {status}")
        self.status = status
        self.headers = headers


def _parse_head(head: bytes) -> tuple[int, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isascii() and parts[1].isdigit() else 0
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    return status, headers


def proxy_response(refused: ProxyRefused, proxy_url: str) -> object:
    """The proxy's refusal as an httpx2 response, the object the engine reads."""
    request = httpx2.Request("CONNECT", proxy_url)
    return httpx2.Response(refused.status, headers=refused.headers, request=request)


async def proxy_stage(
    proxy: Hop, proxy_url: str, host: str, port: int, deadline: Deadline
) -> tuple[Stage, Failure | None]:
    watch = Stopwatch()
    shown = f"{urlsplit(proxy_url).hostname}:{proxy.port}"
    try:
        _, writer = await tunnel(proxy, proxy_url, host, port, deadline)
    except ProxyRefused as exc:
        detail = f"proxy {shown} refused CONNECT {host}:{port}: HTTP {exc.status}"
        return Stage("proxy", False, watch.ms(), detail), Failure(
            proxy_response(exc, proxy_url), detail
        )
    except (OSError, TimeoutError, asyncio.IncompleteReadError, httpx2.TimeoutException) as exc:
        detail = f"proxy {shown} failed on CONNECT {host}:{port}: {describe(exc, watch.ms())}"
        return Stage("proxy", False, watch.ms(), detail), Failure(exc, detail)
    await _close(writer)
    return Stage("proxy", True, watch.ms(), f"tunnel to {host}:{port} via {shown}"), None


async def _handshake(
    host: str, port: int, ctx: ssl.SSLContext, deadline: Deadline, hop: Hop, proxy_url: str | None
) -> ssl.SSLObject:
    if proxy_url is not None:
        _, writer = await tunnel(hop, proxy_url, host, port, deadline)
    else:
        _, writer = await connect(hop, deadline)
    try:
        await _bounded(
            writer.start_tls(ctx, server_hostname=host),
            deadline,
            f"TLS handshake answer from {host}:{port}",
            read=True,
        )
        ssl_object = writer.get_extra_info("ssl_object")
        assert isinstance(ssl_object, ssl.SSLObject)
        return ssl_object
    finally:
        await _close(writer)


async def tls(
    host: str, port: int, store: TrustStore, hop: Hop, proxy_url: str | None, deadline: Deadline
) -> tuple[Stage, Failure | None]:
    """Handshake with the client's own store; name the issuer; flag non-public issuers."""
    watch = Stopwatch()
    try:
        ssl_object = await _handshake(host, port, store.context, deadline, hop, proxy_url)
    except ssl.SSLCertVerificationError as exc:
        # 62/64 = host name / IP mismatch, 10 = expired: the issuer itself may be fine.
        untrusted = exc.verify_code not in (10, 62, 64)
        about = await _describe_unverified(host, port, deadline, hop, proxy_url, untrusted)
        detail = f"certificate not trusted by {store.name}: {exc.verify_message}; {about}"
        return Stage("tls", False, watch.ms(), detail), Failure(exc, detail)
    except (
        ssl.SSLError,
        OSError,
        TimeoutError,
        asyncio.IncompleteReadError,
        ProxyRefused,
        httpx2.TimeoutException,
    ) as exc:
        detail = f"TLS with {host}:{port} failed: {describe(exc, watch.ms())}"
        return Stage("tls", False, watch.ms(), detail), Failure(exc, detail)
    cert = ssl_object.getpeercert() or {}
    match = "host matches" if store.context.check_hostname else "host not checked"
    detail = f"{ssl_object.version()}, {_cert_summary(cert)}, {match}, verified with {store.name}"
    if not store.public_only and not await _publicly_trusted(host, port, deadline, hop, proxy_url):
        detail += "; issuer is not a public CA: likely an intercepting proxy or private CA"
    return Stage("tls", True, watch.ms(), detail), None


def _name(rdns: Any) -> str:
    for rdn in rdns or ():
        for key, value in rdn:
            if key in ("organizationName", "commonName"):
                return str(value)
    return "?"


def _cert_summary(cert: dict[str, Any]) -> str:
    return f"issuer {_name(cert.get('issuer'))}, expires {cert.get('notAfter', '?')}"


async def _publicly_trusted(
    host: str, port: int, deadline: Deadline, hop: Hop, proxy_url: str | None
) -> bool:
    try:
        await _handshake(host, port, public_store(), deadline, hop, proxy_url)
    except ssl.SSLCertVerificationError:
        return False
    except (
        ssl.SSLError,
        OSError,
        TimeoutError,
        asyncio.IncompleteReadError,
        ProxyRefused,
        httpx2.TimeoutException,
    ):
        return True  # cannot tell; say nothing rather than guess
    return True


async def _describe_unverified(
    host: str, port: int, deadline: Deadline, hop: Hop, proxy_url: str | None, untrusted: bool
) -> str:
    """Issuer, expiry and names of a certificate that failed verification."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    try:
        ssl_object = await _handshake(host, port, ctx, deadline, hop, proxy_url)
        der = ssl_object.getpeercert(binary_form=True)
    except (
        ssl.SSLError,
        OSError,
        TimeoutError,
        asyncio.IncompleteReadError,
        ProxyRefused,
        httpx2.TimeoutException,
    ):
        return "certificate details unavailable"
    if not der:
        return "no certificate"
    return describe_der(der, host, untrusted)


def describe_der(der: bytes, host: str, untrusted: bool) -> str:
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    cert = x509.load_der_x509_certificate(der)
    issuer = cert.issuer.get_attributes_for_oid(
        NameOID.ORGANIZATION_NAME
    ) or cert.issuer.get_attributes_for_oid(NameOID.COMMON_NAME)
    issuer_name = str(issuer[0].value) if issuer else cert.issuer.rfc4514_string()
    try:
        names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
        sans = [str(n) for n in names.value.get_values_for_type(x509.DNSName)]
        sans += [str(n) for n in names.value.get_values_for_type(x509.IPAddress)]
    except x509.ExtensionNotFound:
        sans = []
    match = "matches" if _host_matches(host, sans) else f"does not match {host}"
    note = " (not a public CA: likely an intercepting proxy or private CA)" if untrusted else ""
    return (
        f"issuer {issuer_name}{note}, expires {cert.not_valid_after_utc:%Y-%m-%d}, "
        f"names {', '.join(sans[:3]) or 'none'} ({match})"
    )


def _host_matches(host: str, names: list[str]) -> bool:
    for name in names:
        if name == host or (name.startswith("*.") and host.split(".", 1)[-1] == name[2:]):
            return True
    return False
