"""Certificates for the TLS listener, made with trustme.

- ``trusted``: a cert for 127.0.0.1/localhost from a CA whose PEM the client is given.
- ``untrusted``: the same cert, but the client is not given the CA (as with a
  self-signed or intercepting proxy's certificate): ``tls_verify``.
- ``wrong_host``: a cert from the given CA, for another host name: ``tls_verify``.
"""

from __future__ import annotations

import ssl
from pathlib import Path

import trustme

MODES = ("trusted", "untrusted", "wrong_host")


def server_context(mode: str, directory: Path) -> tuple[ssl.SSLContext, str | None]:
    """The server's SSL context and the CA PEM path to give clients (None when untrusted)."""
    if mode not in MODES:
        raise ValueError(f"tls must be one of {', '.join(MODES)}, not {mode!r}")
    ca = trustme.CA()
    names = ["wrong.host.invalid"] if mode == "wrong_host" else ["127.0.0.1", "localhost"]
    cert = ca.issue_cert(*names)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(ctx)
    if mode == "untrusted":
        return ctx, None
    pem = directory / "whichlayer-sim-ca.pem"
    ca.cert_pem.write_to_path(str(pem))
    return ctx, str(pem)
