"""SimServer's contract: loopback, port 0, clean stop (even during a stall), TLS modes, keys."""

from __future__ import annotations

import asyncio
import ssl
import threading
import time

import httpx2
import openai
import pytest

import whichlayer
from whichlayer.simulate import SimServer
from whichlayer.simulate.keys import STATES

HI = [{"role": "user", "content": "hi"}]


def test_serves_on_loopback_and_stops() -> None:
    with SimServer() as sim:
        assert sim.url.startswith("http://127.0.0.1:") and sim.port > 0
        assert sim.base_url("openai") == sim.url + "/v1"
        assert sim.base_url("anthropic") == sim.url
        assert sim.ca_pem is None
        assert set(sim.keys) == set(STATES)
        r = httpx2.get(
            sim.base_url() + "/models",
            headers={"Authorization": f"Bearer {sim.keys['valid']}"},
            timeout=5,
        )
        assert r.status_code == 200
    with pytest.raises(httpx2.ConnectError):
        httpx2.get(sim.url + "/v1/models", timeout=2)


def test_async_with() -> None:
    async def main() -> int:
        async with SimServer("anthropic") as sim, httpx2.AsyncClient(timeout=5) as client:
            r = await client.get(
                sim.url + "/v1/models",
                headers={"x-api-key": sim.keys["valid"], "anthropic-version": "2023-06-01"},
            )
            return r.status_code

    assert asyncio.run(main()) == 200


def test_a_stall_does_not_hold_up_the_exit() -> None:
    sim = SimServer(scenario="read_timeout", stall_s=60.0).start()
    errors: list[BaseException] = []

    def call() -> None:
        try:
            with openai.OpenAI(
                base_url=sim.base_url(), api_key=sim.keys["valid"], max_retries=0, timeout=30
            ) as c:
                c.chat.completions.create(model="gpt-4o-mini", messages=HI)  # type: ignore[arg-type]
        except Exception as exc:
            errors.append(exc)

    t = threading.Thread(target=call)
    t.start()
    time.sleep(0.3)
    started = time.monotonic()
    sim.stop()
    assert time.monotonic() - started < 3
    t.join(10)
    assert errors and isinstance(errors[0], openai.APIConnectionError)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="dialect"):
        SimServer("cohere")
    with pytest.raises(ValueError, match="unknown scenario"):
        SimServer("openai", scenario="nope")
    with pytest.raises(ValueError, match="relay flavor"):
        SimServer("relay:kong")
    with pytest.raises(ValueError, match="tls"):
        SimServer(tls="sometimes").start()


def test_aliases_are_keys_in_every_dialect() -> None:
    with (
        SimServer() as sim,
        openai.OpenAI(base_url=sim.base_url(), api_key="sim-no_balance", max_retries=0) as c,
        pytest.raises(openai.RateLimitError) as info,
    ):
        c.chat.completions.create(model="gpt-4o-mini", messages=HI)  # type: ignore[arg-type]
    assert info.value.code == "insufficient_quota"


def test_unknown_header_scenario_is_a_simulator_error() -> None:
    with SimServer() as sim:
        r = httpx2.post(
            sim.base_url() + "/chat/completions",
            json={"model": "gpt-4o-mini", "messages": HI},
            headers={
                "x-sim-scenario": "billing_cap",
                "Authorization": f"Bearer {sim.keys['valid']}",
            },
            timeout=5,
        )
    assert r.status_code == 400 and r.json()["error"]["type"] == "simulator_error"


def test_trusted_tls_with_the_given_ca() -> None:
    with SimServer(tls="trusted") as sim:
        assert sim.url.startswith("https://") and sim.ca_pem
        ctx = ssl.create_default_context(cafile=sim.ca_pem)
        http = openai.DefaultHttpxClient(verify=ctx)
        with openai.OpenAI(
            base_url=sim.base_url(), api_key=sim.keys["valid"], max_retries=0, http_client=http
        ) as c:
            reply = c.chat.completions.create(model="gpt-4o-mini", messages=HI)  # type: ignore[arg-type]
    assert reply.choices[0].message.content


@pytest.mark.parametrize("mode", ["untrusted", "wrong_host"])
def test_tls_verify_failures(mode: str) -> None:
    with SimServer(tls=mode) as sim:
        ctx = (
            ssl.create_default_context(cafile=sim.ca_pem)
            if sim.ca_pem
            else ssl.create_default_context()
        )
        http = openai.DefaultHttpxClient(verify=ctx)
        with (
            openai.OpenAI(
                base_url=sim.base_url(),
                api_key=sim.keys["valid"],
                max_retries=0,
                http_client=http,
                timeout=3,
            ) as c,
            pytest.raises(openai.APIConnectionError) as info,
        ):
            c.chat.completions.create(model="gpt-4o-mini", messages=HI)  # type: ignore[arg-type]
    cause = info.value.__cause__
    assert cause is not None and "CERTIFICATE_VERIFY_FAILED" in repr(cause) + str(cause.__context__)
    d = whichlayer.explain(info.value)
    assert (str(d.layer), str(d.cause)) == ("network", "tls_verify")


def test_tls_scenario_switches_the_listener() -> None:
    with SimServer(scenario="tls_verify:wrong_host") as sim:
        assert sim.tls == "wrong_host" and sim.url.startswith("https://")
