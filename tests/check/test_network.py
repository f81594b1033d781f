"""DNS, TCP, proxy and TLS stages against real sockets on 127.0.0.1."""

from __future__ import annotations

import time
from pathlib import Path

from whichlayer.check import Plan, run
from whichlayer.check.model import Setting, Stage, Target, TargetReport

from . import keysamples as ks
from .conftest import TLSServer


def make(
    base: str,
    env: dict[str, str] | None = None,
    runtime: str = "httpx",
    client: str = "openai-python",
) -> Target:
    return Target(
        client,
        "chat_completions",
        Setting(base, "--base-url"),
        Setting(ks.relay(), "--api-key"),
        env=env or {},
        runtime=runtime,
    )


def check(target: Target, timeout: float = 5.0) -> TargetReport:
    return run([target], Plan(generate=False, timeout_s=timeout))[0]


def stage(report: TargetReport, name: str) -> Stage:
    return next(s for s in report.stages if s.name == name)


def diag(s: Stage) -> tuple[str, str]:
    assert s.diagnosis is not None
    return str(s.diagnosis["layer"]), str(s.diagnosis["cause"])


def test_dns_failure_is_named() -> None:
    # A 263-character name: getaddrinfo refuses it locally, no query leaves the machine.
    host = ".".join(["a" * 63] * 4) + ".invalid"
    r = check(make(f"https://{host}/v1"))
    s = stage(r, "dns")
    assert s.ok is False and s.ms is not None
    assert diag(s) == ("network", "dns")
    assert r.verdict is not None and (r.verdict.layer, r.verdict.stage) == ("network", "dns")
    assert [x.name for x in r.stages] == ["config", "proxy", "dns"]


def test_refused_port(closed_port: int) -> None:
    r = check(make(f"http://127.0.0.1:{closed_port}/v1"))
    s = stage(r, "tcp")
    assert s.ok is False and diag(s) == ("network", "connect_refused")


def test_black_hole_ends_as_connect_timeout_inside_the_deadline(blackhole_port: int) -> None:
    start = time.monotonic()
    r = check(make(f"http://127.0.0.1:{blackhole_port}/v1"), timeout=1.5)
    assert time.monotonic() - start < 3.0  # unbounded, it would hang
    s = stage(r, "tcp")
    assert s.ok is False and diag(s) == ("network", "connect_timeout")


def test_tls_trusted_through_ssl_cert_file(tls_server: TLSServer, ca_file: Path) -> None:
    env = {"SSL_CERT_FILE": str(ca_file)}
    r = check(make(f"https://localhost:{tls_server.port}/v1", env))
    s = stage(r, "tls")
    assert s.ok is True and "TLSv1" in s.detail and "verified with SSL_CERT_FILE" in s.detail
    # trustme's CA is no public CA: the report says so (an intercepting proxy looks like this).
    assert "not a public CA" in s.detail
    assert [x.name for x in r.stages[:5]] == ["config", "proxy", "dns", "tcp", "tls"]


def test_tls_untrusted_by_the_clients_store(tls_server: TLSServer) -> None:
    # classic httpx uses certifi: the test CA is not in it.
    r = check(make(f"https://localhost:{tls_server.port}/v1"))
    s = stage(r, "tls")
    assert s.ok is False and diag(s) == ("network", "tls_verify")
    assert "certifi" in s.detail and "not a public CA" in s.detail
    assert r.verdict is not None and r.verdict.stage == "tls"


def test_tls_node_extra_ca_certs(tls_server: TLSServer, ca_file: Path) -> None:
    base = f"https://localhost:{tls_server.port}/v1"
    r = check(make(base, {"NODE_EXTRA_CA_CERTS": str(ca_file)}, runtime="node"))
    assert stage(r, "tls").ok is True
    # SSL_CERT_FILE means nothing to Node.
    r = check(make(base, {"SSL_CERT_FILE": str(ca_file)}, runtime="node"))
    assert stage(r, "tls").ok is False


def test_tls_wrong_host(wrong_host_tls_server: TLSServer, ca_file: Path) -> None:
    env = {"SSL_CERT_FILE": str(ca_file)}
    r = check(make(f"https://localhost:{wrong_host_tls_server.port}/v1", env))
    s = stage(r, "tls")
    assert s.ok is False and "does not match localhost" in s.detail
    assert diag(s) == ("network", "tls_verify")


def test_stalled_tls_server_is_a_read_timeout(silent_listener: int) -> None:
    start = time.monotonic()
    r = check(make(f"https://localhost:{silent_listener}/v1"), timeout=1.5)
    assert time.monotonic() - start < 3.0  # unbounded, it would hang
    assert stage(r, "tcp").ok is True
    s = stage(r, "tls")
    assert s.ok is False and diag(s) == ("network", "read_timeout")


def test_stalled_http_server_is_a_read_timeout(silent_listener: int) -> None:
    start = time.monotonic()
    r = check(make(f"http://127.0.0.1:{silent_listener}/v1"), timeout=1.5)
    assert time.monotonic() - start < 3.0  # unbounded, it would hang
    s = stage(r, "route")
    assert s.ok is False and diag(s) == ("network", "read_timeout")


def test_connect_through_a_real_proxy(
    forward_proxy: str, tls_server: TLSServer, ca_file: Path
) -> None:
    env = {"HTTPS_PROXY": forward_proxy, "SSL_CERT_FILE": str(ca_file)}
    r = check(make(f"https://localhost:{tls_server.port}/v1", env))
    s = stage(r, "proxy")
    assert s.ok is True and "from HTTPS_PROXY" in s.detail
    assert stage(r, "tls").ok is True
    assert stage(r, "dns").detail.startswith("127.0.0.1")  # the proxy's address was resolved


def test_proxy_wants_authentication(auth_proxy: str, tls_server: TLSServer) -> None:
    r = check(make(f"https://localhost:{tls_server.port}/v1", {"https_proxy": auth_proxy}))
    s = stage(r, "proxy")
    assert s.ok is False and "407" in s.detail
    assert diag(s) == ("network", "proxy")
    assert r.verdict is not None and r.verdict.stage == "proxy"


def test_proxy_credentials_in_the_url(
    auth_proxy: str, tls_server: TLSServer, ca_file: Path
) -> None:
    with_auth = auth_proxy.replace("http://", "http://user:pass@")
    env = {"https_proxy": with_auth, "SSL_CERT_FILE": str(ca_file)}
    r = check(make(f"https://localhost:{tls_server.port}/v1", env))
    assert stage(r, "proxy").ok is True and stage(r, "tls").ok is True


def test_no_proxy_exempts_host(forward_proxy: str, closed_port: int) -> None:
    env = {"HTTPS_PROXY": forward_proxy, "NO_PROXY": "localhost"}
    r = check(make(f"https://localhost:{closed_port}/v1", env))
    assert "NO_PROXY exempts localhost" in stage(r, "proxy").detail
    assert stage(r, "tcp").ok is False


def test_node_tool_goes_direct_despite_proxy(forward_proxy: str, closed_port: int) -> None:
    r = check(
        make(f"https://localhost:{closed_port}/v1", {"HTTPS_PROXY": forward_proxy}, runtime="node")
    )
    assert stage(r, "tcp").ok is False  # it tried the API host directly, not the proxy


def test_offline_runs_no_network(closed_port: int) -> None:
    r = run([make(f"http://127.0.0.1:{closed_port}/v1")], Plan(offline=True))[0]
    assert [s.name for s in r.stages] == ["config"] and r.healthy


def test_unreachable_proxy_is_a_proxy_failure(closed_port: int, tls_server: TLSServer) -> None:
    env = {"HTTPS_PROXY": f"http://127.0.0.1:{closed_port}"}
    r = check(make(f"https://localhost:{tls_server.port}/v1", env))
    s = stage(r, "tcp")
    assert s.ok is False and s.detail.startswith("proxy:")
    assert diag(s) == ("network", "proxy")


def test_node_tls_checks_turned_off(tls_server: TLSServer) -> None:
    t = make(
        f"https://localhost:{tls_server.port}/v1",
        {"NODE_TLS_REJECT_UNAUTHORIZED": "0"},
        runtime="node-proxy-aware",
        client="claude-code",
    )
    from whichlayer.check.findings import add_findings

    add_findings(t)
    r = check(t)
    s = stage(r, "tls")
    assert s.ok is True and "host not checked" in s.detail
    assert any(f.id == "N-TLS-OFF" for f in t.findings)


def test_cloud_protocols_get_transport_stages_only(tls_server: TLSServer, ca_file: Path) -> None:
    t = make(f"https://localhost:{tls_server.port}", {"SSL_CERT_FILE": str(ca_file)})
    t.protocol, t.no_auth_reason = "vertex", "Vertex AI credentials (Google ADC)"
    r = check(t)
    assert stage(r, "tls").ok is True
    route = stage(r, "route")
    assert route.ok is None and "Google ADC" in route.detail and r.healthy
