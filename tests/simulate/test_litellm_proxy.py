"""Round trips through a real LiteLLM proxy (1.108) in front of the simulator.

The real ``openai`` SDK calls a real LiteLLM proxy whose deployments are the simulator
(``tests/litellm_proxy.py``). For each fault the SDK's exception class and status are the
proxy's (written by hand from what 1.108 answers), and ``whichlayer.explain`` must read the
SDK's printed error, and the exception object, as the right layer, cause and party:

- the proxy's own failures are the relay's (``origin relay``): a deployment key its upstream
  refused is the relay's upstream key (``upstream_key_invalid``, not the caller's key), an
  upstream it cannot reach is ``relay_upstream_error``, a model group it does not have is the
  request's;
- an error a deployment answered and the proxy passed on keeps the provider as its party
  (``origin upstream``), as the repository's labelled LiteLLM errors have it.

The simulator's own LiteLLM relay (``SimServer("relay:litellm")``) must word its errors the
way the real proxy does (same type, code, exception head and model-group line).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import openai
import pytest

import whichlayer
from litellm_proxy import (
    Deployment,
    LiteLLMProxy,
    closed_port_url,
    litellm_proxy_or_skip,
)
from whichlayer.simulate import SimServer

#: model group -> (scenario sent to the simulator, or a special deployment)
GROUPS: dict[str, str | None] = {
    "ok": None,
    "badkey": None,
    "dead": None,
    "rpm": "rpm",
    "tpm": "tpm",
    "quota": "quota_exhausted",
    "s500": "server_error",
    "s503": "overloaded",
    "s502": "bad_gateway",
    "ctx": "context_length",
    "param": "invalid_parameter",
    "nomodel": "model_not_found",
}

#: model group -> (SDK exception, status, layer, cause, origin)
EXPECTED: dict[str, tuple[str, int, str, str, str]] = {
    "badkey": ("AuthenticationError", 401, "identity", "upstream_key_invalid", "relay"),
    "dead": ("InternalServerError", 500, "upstream", "relay_upstream_error", "relay"),
    "no-such-group": ("BadRequestError", 400, "request", "model_not_found", "relay"),
    "rpm": ("RateLimitError", 429, "rate_limit", "rpm", "upstream"),
    "tpm": ("RateLimitError", 429, "rate_limit", "tpm", "upstream"),
    # OpenAI's insufficient_quota, passed on: the credit is used up
    "quota": ("RateLimitError", 429, "quota", "insufficient_balance", "upstream"),
    "s500": ("InternalServerError", 500, "upstream", "server_error", "upstream"),
    "s503": ("InternalServerError", 503, "upstream", "overloaded", "upstream"),
    "s502": ("InternalServerError", 502, "upstream", "bad_gateway", "upstream"),
    "ctx": ("BadRequestError", 400, "request", "context_length", "upstream"),
    "param": ("BadRequestError", 400, "request", "invalid_parameter", "upstream"),
    "nomodel": ("NotFoundError", 404, "request", "model_not_found", "upstream"),
}


@pytest.fixture(scope="module")
def proxy() -> Iterator[LiteLLMProxy]:
    with SimServer("openai") as sim:
        good = sim.keys["valid"]
        deployments = []
        for name, scenario in GROUPS.items():
            base, key = sim.base_url(), good
            if name == "badkey":
                key = "sk-proj-deploymentkeythatwasrotatedaway000000000000000000"
            if name == "dead":
                base = closed_port_url()
            deployments.append(Deployment(name, base, key, scenario=scenario))
        with litellm_proxy_or_skip(deployments) as running:
            yield running


def _fail(proxy: LiteLLMProxy, group: str) -> openai.APIStatusError:
    with openai.OpenAI(
        base_url=proxy.url, api_key=proxy.master_key, max_retries=0, timeout=60
    ) as client:
        try:
            client.chat.completions.create(
                model=group, messages=[{"role": "user", "content": "hi"}]
            )
        except openai.APIStatusError as exc:
            return exc
    raise AssertionError(f"{group}: the call through the proxy succeeded")


def test_a_healthy_deployment_answers(proxy: LiteLLMProxy) -> None:
    with openai.OpenAI(base_url=proxy.url, api_key=proxy.master_key, max_retries=0) as client:
        reply = client.chat.completions.create(
            model="ok", messages=[{"role": "user", "content": "hi"}]
        )
    assert reply.choices[0].message.content


@pytest.mark.parametrize("group", sorted(EXPECTED))
def test_sdk_error_through_the_real_proxy_is_diagnosed(proxy: LiteLLMProxy, group: str) -> None:
    cls, status, layer, cause, origin = EXPECTED[group]
    exc = _fail(proxy, group)
    assert (type(exc).__name__, exc.status_code) == (cls, status), str(exc)
    for shown in (str(exc), exc):  # what the SDK printed, and the exception itself
        d = whichlayer.explain(shown)
        got = (str(d.layer), str(d.cause), str(d.origin))
        assert got == (layer, cause, origin), (group, str(exc), [f.rule for f in d.facts])


def _shape(body: Any) -> tuple[str, str, str, str]:
    """What the simulator must copy from the real proxy: type, code, the exception head, and
    the model-group line (the provider's own words and the group's name left out)."""
    error = body["error"] if isinstance(body, dict) and "error" in body else body
    message = re.sub(r"model=[^\s.]+", "model=M", str(error["message"]))
    head = message.split(" - ", 1)[0]
    tail = re.sub(r"model group '[^']*'", "model group 'G'", message.rsplit("\n\n", 1)[-1])
    return str(error["type"]), str(error["code"]), head, tail


#: model group of the real proxy -> the simulated relay's scenario for the same fault
SAME_FAULT = {
    "badkey": "upstream_key_invalid",
    "dead": "relay_upstream_error",
    "no-such-group": "model_not_found",
    "rpm": "rpm",
    "s500": "server_error",
    "s503": "overloaded",
    "ctx": "context_length",
    "param": "invalid_parameter",
}


@pytest.mark.parametrize("group", sorted(SAME_FAULT))
def test_simulated_litellm_relay_words_errors_as_the_real_proxy(
    proxy: LiteLLMProxy, group: str
) -> None:
    real = _fail(proxy, group)
    scenario = SAME_FAULT[group]
    with (
        SimServer("relay:litellm") as sim,
        openai.OpenAI(base_url=sim.base_url(), api_key=sim.keys["valid"], max_retries=0) as c,
    ):
        try:
            c.chat.completions.create(
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": "hi"}],
                extra_headers={"x-sim-scenario": str(scenario)},
            )
        except openai.APIStatusError as exc:
            simulated = exc
        else:
            raise AssertionError(f"{scenario}: the simulated relay answered")
    assert simulated.status_code == real.status_code
    assert _shape(simulated.body) == _shape(real.body)
