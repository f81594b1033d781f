"""The certificate store each client really verifies against (A1, A5.5, A8, A15, A16).

- httpx2 (openai>=3, anthropic>=1): ``SSL_CERT_FILE``, else ``SSL_CERT_DIR``,
  else the operating system's store (httpcore2's ``default_ssl_context``).
- classic httpx (google-genai, LiteLLM/aider): ``SSL_CERT_FILE``, else
  ``SSL_CERT_DIR``, else certifi.
- Node: its bundled Mozilla roots (certifi holds the same list) plus
  ``NODE_EXTRA_CA_CERTS``; Claude Code adds the OS store.
- Codex (Rust, native): the OS store; ``SSL_CERT_FILE`` is honoured by the
  usual native-certs loaders.
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Mapping
from dataclasses import dataclass

import certifi


@dataclass(frozen=True, slots=True)
class TrustStore:
    """An SSL context and a short name for the report."""

    context: ssl.SSLContext
    name: str
    #: the context already is certifi alone, so no separate "public CA" check is needed
    public_only: bool = False


def _file(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name)
    return value if value and os.path.exists(value) else None


def os_store() -> ssl.SSLContext:
    """The operating system's store, built the way httpx2 builds it (ignoring SSL_CERT_*)."""
    try:
        import httpcore2

        return httpcore2.default_ssl_context(_trust_env=False)
    except (ImportError, TypeError, AttributeError):  # a different httpcore2: the same idea
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        _load_os_paths(ctx)
        return ctx


def _load_os_paths(ctx: ssl.SSLContext) -> bool:
    """Add OpenSSL's compiled-in CA file/dir (the OS store on Linux); False if none exist."""
    paths = ssl.get_default_verify_paths()
    cafile = paths.openssl_cafile if os.path.isfile(paths.openssl_cafile) else None
    capath = paths.openssl_capath if os.path.isdir(paths.openssl_capath) else None
    if cafile or capath:
        ctx.load_verify_locations(cafile, capath)
        return True
    return False


def public_store() -> ssl.SSLContext:
    """Public web CAs only (certifi): what an issuer must chain to, to be 'public'."""
    return ssl.create_default_context(cafile=certifi.where())


def for_runtime(runtime: str, env: Mapping[str, str]) -> TrustStore:
    """The store ``runtime`` uses with the environment ``env``.

    Raises ``ssl.SSLError`` or ``OSError`` when a CA file the client would load is
    not a certificate bundle (the client itself would fail the same way).
    """
    if env.get("NODE_TLS_REJECT_UNAUTHORIZED") == "0" and runtime.startswith("node"):
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        return TrustStore(ctx, "none (NODE_TLS_REJECT_UNAUTHORIZED=0)")
    if runtime.startswith("node"):
        return _node(runtime, env)
    cafile, cadir = _file(env, "SSL_CERT_FILE"), env.get("SSL_CERT_DIR")
    if cafile:
        return TrustStore(ssl.create_default_context(cafile=cafile), f"SSL_CERT_FILE={cafile}")
    if cadir and os.path.isdir(cadir):
        return TrustStore(ssl.create_default_context(capath=cadir), f"SSL_CERT_DIR={cadir}")
    if runtime == "httpx":
        return TrustStore(public_store(), "certifi", public_only=True)
    return TrustStore(os_store(), "OS store")


def _node(runtime: str, env: Mapping[str, str]) -> TrustStore:
    ctx = public_store()
    name = "Node bundle"
    if runtime == "node-proxy-aware" and _load_os_paths(ctx):
        name += " + OS store"
    extra = _file(env, "NODE_EXTRA_CA_CERTS")
    if extra:
        try:
            ctx.load_verify_locations(cafile=extra)
            name += f" + NODE_EXTRA_CA_CERTS={extra}"
        except (ssl.SSLError, OSError):
            name += " (NODE_EXTRA_CA_CERTS unreadable)"
    return TrustStore(ctx, name, public_only=name == "Node bundle")
