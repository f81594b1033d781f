"""``whichlayer probe`` against a real LiteLLM proxy (a third-party relay) whose deployments
point at the simulator: a bad virtual key, a bad upstream deployment key, a failing
deployment next to a healthy one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.probe.conftest import Runner

from litellm_proxy import Deployment, LiteLLMProxy, start_litellm_proxy
from whichlayer.simulate import SimServer
from whichlayer.simulate.keys import KeyStore

VIRTUAL_KEY = "sk-virtual-team-a-0001"


@pytest.fixture(scope="module")
def proxy() -> Iterator[LiteLLMProxy]:
    """The proxy in front of two simulators: one healthy (OpenAI and Anthropic protocols,
    the Anthropic deployments with a revoked key), one answering every request with a 500;
    it takes the virtual key ``VIRTUAL_KEY`` and refuses any other."""
    keys = KeyStore()
    openai_key = keys.keys("openai")["valid"]
    revoked_anthropic = keys.keys("anthropic")["revoked"]
    with SimServer() as ok, SimServer(scenario="server_error") as bad:
        deployments = [
            Deployment("gpt-4o-mini", f"{ok.url}/v1", openai_key, "gpt-4o-mini"),
            Deployment("o3-mini", f"{ok.url}/v1", openai_key, "o3-mini"),
            Deployment("gpt-4o", f"{bad.url}/v1", openai_key, "gpt-4o"),  # a failing one
            Deployment(
                "claude-haiku-4-5",
                ok.url,
                revoked_anthropic,
                "claude-haiku-4-5",
                protocol="anthropic",
            ),
            Deployment(
                "claude-sonnet-4-6",
                ok.url,
                revoked_anthropic,
                "claude-sonnet-4-6",
                protocol="anthropic",
            ),
        ]
        with start_litellm_proxy(deployments, virtual_keys=(VIRTUAL_KEY,)) as p:
            yield p


def _probe(run_probe: Runner, proxy: LiteLLMProxy, key: str, model: str) -> dict[str, object]:
    p = run_probe(
        "--base-url",
        proxy.base_url,
        "--api-key-env",
        "LITELLM_KEY",
        "--model",
        model,
        env={"LITELLM_KEY": key},
    )
    assert p.code == 1, p.out
    return p.data


def test_bad_virtual_key_is_your_relay_account(run_probe: Runner, proxy: LiteLLMProxy) -> None:
    data = _probe(run_probe, proxy, "sk-virtual-team-a-9999", "gpt-4o-mini")
    v = data["verdict"]
    assert isinstance(v, dict)
    assert (v["layer"], v["owner"]) == ("identity", "relay_account")
    assert v["cause"] in ("key_invalid", "key_expired")


def test_bad_upstream_deployment_key_is_the_relay_channel(
    run_probe: Runner, proxy: LiteLLMProxy
) -> None:
    data = _probe(run_probe, proxy, VIRTUAL_KEY, "claude-haiku-4-5")
    v = data["verdict"]
    assert isinstance(v, dict)
    assert (v["layer"], v["owner"]) == ("identity", "relay_channel")
    results = data["results"]
    assert isinstance(results, list)
    statuses = {r["model"]: r["status"] for r in results if r["model"]}
    assert statuses["claude-haiku-4-5"] == 401 and statuses["gpt-4o-mini"] == 200


def test_failing_deployment_next_to_a_healthy_one(run_probe: Runner, proxy: LiteLLMProxy) -> None:
    data = _probe(run_probe, proxy, VIRTUAL_KEY, "gpt-4o")
    v = data["verdict"]
    assert isinstance(v, dict)
    assert (v["layer"], v["owner"]) == ("upstream", "relay_channel")
    results = data["results"]
    assert isinstance(results, list)
    assert results[-1]["variant"] == "smaller model" and results[-1]["status"] == 200


def test_capabilities_through_a_real_litellm_proxy(run_probe: Runner, proxy: LiteLLMProxy) -> None:
    """LiteLLM as the relay: it passes tools, response_format, images, a prompt near the
    window and max_tokens on to the (simulated) model, and the capability probe sees each."""
    budget, tokens = 20, 150_000
    p = run_probe(
        "--base-url",
        proxy.base_url,
        "--api-key-env",
        "LITELLM_KEY",
        "--model",
        "gpt-4o-mini",
        "--capabilities",
        "tools,json,vision,context,long_output",
        "--max-tokens-total",
        str(tokens),
        env={"LITELLM_KEY": VIRTUAL_KEY},
        budget=budget,
    )
    caps = p.data["capabilities"]
    table = {o["capability"]: o for o in caps["table"]}
    assert p.code == 0, p.out + p.err
    assert {k: o["status"] for k, o in table.items()} == dict.fromkeys(table, "pass")
    assert set(table) == {"tools", "json", "vision", "context", "long_output"}
    assert table["context"]["measured"]["accepted"] > 0.89 * 128_000
    assert p.data["requests_sent"] + caps["requests_sent"] <= budget
    assert caps["tokens_sent"] + 40 * p.data["requests_sent"] <= tokens
