"""Every simulator fault, provoked by the real SDKs through the proxy, is diagnosed in its record.

The proxy's record must name the scenario's layer and cause, exactly as
``whichlayer.explain`` does for the SDK's own exception when it talks to the
simulator directly (``tests/simulate/test_roundtrip.py``).
"""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any

import anthropic
import openai
import pytest
from tests.clients.harness import READ_AS
from tests.proxy.conftest import CLIENT_TIMEOUT_S, Proxied, wait_records

import whichlayer
from whichlayer.proxy import ProxyServer
from whichlayer.simulate import SimServer, list_scenarios

HI: Any = [{"role": "user", "content": "hi"}]
HEADER = "x-sim-scenario"
#: Through the proxy, a stall is ended by the proxy's read timeout (its own 504), and a reset
#: before the answer is the proxy's own 502: both are network failures of the proxy's link.
NETWORK_CAUSE = {
    "connection_reset": "connection_reset",
    "connection_reset:mid_stream": "connection_reset",
    "read_timeout": "read_timeout",
}


def _call(dialect: str, px: Proxied, scenario: str) -> BaseException | None:
    foreign = "anthropic" if dialect == "openai" else "openai"
    if scenario == "key_wrong_platform":
        key, headers = px.sim.keys_for(foreign)["valid"], {}
    else:
        key, headers = px.sim.keys["valid"], {HEADER: scenario}
    try:
        if dialect == "openai":
            with openai.OpenAI(
                base_url=px.proxy.url + "/v1", api_key=key, max_retries=0, timeout=CLIENT_TIMEOUT_S
            ) as client:
                client.chat.completions.create(
                    model="gpt-4o-mini", messages=HI, extra_headers=headers
                )
        else:
            with anthropic.Anthropic(
                base_url=px.proxy.url, api_key=key, max_retries=0, timeout=CLIENT_TIMEOUT_S
            ) as ant:
                if scenario == "overloaded:mid_stream":
                    with ant.messages.stream(
                        model="claude-haiku-4-5", max_tokens=64, messages=HI, extra_headers=headers
                    ) as stream:
                        "".join(stream.text_stream)
                else:
                    ant.messages.create(
                        model="claude-haiku-4-5", max_tokens=64, messages=HI, extra_headers=headers
                    )
    except Exception as exc:  # the failure under test
        return exc
    return None


def _cases() -> list[Any]:
    return [
        pytest.param(dialect, s.id, id=f"{dialect}-{s.id}")
        for dialect in ("openai", "anthropic")
        for s in list_scenarios(dialect)
        if s.kind != "tls"
    ]


@pytest.mark.parametrize(("dialect", "scenario"), _cases())
def test_every_fault_is_diagnosed_in_the_record(
    dialect: str, scenario: str, openai_proxy: Proxied, anthropic_proxy: Proxied
) -> None:
    px = openai_proxy if dialect == "openai" else anthropic_proxy
    before = px.proxy.recorder.count if px.proxy.recorder else 0
    exc = _call(dialect, px, scenario)
    row = wait_records(px.store, before + 1)[-1]
    expected = next(s for s in list_scenarios(dialect) if s.id == scenario)
    if scenario == "read_timeout:slow_first_byte":  # answered, late: flagged, not failed
        assert exc is None and row["ok"] == 1 and row["status"] == 200
        assert "slow_first_byte" in row["flags"], row
        assert row["ttfb_ms"] >= 500
        return
    assert exc is not None, f"{scenario}: the call succeeded"
    assert row["ok"] == 0
    got = (row["layer"], row["cause"])
    cause = NETWORK_CAUSE.get(scenario, READ_AS.get((dialect, scenario), expected.cause))
    assert got == (expected.layer, cause), row
    assert row["diagnosis"]["facts"], row
    if scenario == "connection_reset:mid_stream":
        assert row["stream_end"] == "cut_by_upstream" and "cut_midway" in row["flags"]
        assert row["status"] == 200
    elif scenario in ("connection_reset", "read_timeout"):
        # the proxy answered itself, marked as its own, and the SDK's exception says network
        assert row["stream_end"] == "no_answer" and row["origin"] == "proxy"
        assert row["proxy_error"] in ("upstream_reset", "upstream_timeout")
        response = exc.response  # type: ignore[attr-defined]
        assert response.headers["x-whichlayer-proxy-error"] == row["proxy_error"]
        d = whichlayer.explain(exc)
        assert (str(d.layer), str(d.cause)) == got
    elif scenario == "overloaded:mid_stream":
        assert row["status"] == 200 and "error_event" in row["flags"]
    else:
        # the upstream's answer reached the client untouched
        assert row["status"] == exc.status_code  # type: ignore[attr-defined]
        assert row["stream_end"] == "complete"
    if expected.kind == "http" and row["status"] != 200 and row["proxy_error"] is None:
        d = whichlayer.explain(exc)  # what the client sees is what the record says
        assert (str(d.layer), str(d.cause)) == got


@pytest.mark.parametrize("mode", ["untrusted", "wrong_host"])
def test_tls_is_verified_against_the_trust_store(mode: str, tmp_path: Path) -> None:
    with SimServer("openai", tls=mode) as sim, ProxyServer(sim.url, store=tmp_path / "s.db") as px:
        exc = _call("openai", _Bare(sim, px), "ok")
        assert isinstance(exc, openai.InternalServerError)
        assert exc.response.headers["x-whichlayer-proxy-error"] == "upstream_tls"
        row = wait_records(px.store_path, 1)[-1]
        assert (row["layer"], row["cause"]) == ("network", "tls_verify"), row
        assert (whichlayer.explain(exc).layer, whichlayer.explain(exc).cause) == (
            "network",
            "tls_verify",
        )


def test_tls_with_a_trusted_ca_works(tmp_path: Path) -> None:
    with SimServer("openai", tls="trusted") as sim:
        assert sim.ca_pem is not None
        ctx = ssl.create_default_context(cafile=sim.ca_pem)
        with ProxyServer(sim.url, store=tmp_path / "s.db", ssl_context=ctx) as px:
            assert _call("openai", _Bare(sim, px), "ok") is None
            row = wait_records(px.store_path, 1)[-1]
            assert row["ok"] == 1 and row["upstream"].startswith("https://")


def test_unreachable_upstream_is_the_proxys_own_network_error(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with ProxyServer(f"http://127.0.0.1:{port}", store=tmp_path / "s.db") as px:
        c = openai.OpenAI(base_url=px.url + "/v1", api_key="sk-test", max_retries=0)
        with c, pytest.raises(openai.InternalServerError) as info:
            c.models.list()
        assert info.value.response.headers["x-whichlayer-proxy-error"] == "upstream_refused"
        assert "not the provider's" in info.value.response.text
        d = whichlayer.explain(info.value)
        assert (d.layer, d.cause) == ("network", "connect_refused")
        row = wait_records(px.store_path, 1)[-1]
        assert (row["layer"], row["cause"], row["origin"]) == (
            "network",
            "connect_refused",
            "proxy",
        )


class _Bare(Proxied):
    def __init__(self, sim: SimServer, proxy: ProxyServer) -> None:
        import io

        super().__init__(sim, proxy, io.StringIO())
