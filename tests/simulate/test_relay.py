"""Relay mode: relay-side failures in each relay's words, upstream failures passed on or rewritten.

Expectations are written by hand from the relays' source and public reports
(see simulate/wording/relay.py). Where a relay hides what the upstream said
(OpenRouter's rate-limit rewrite), the expected diagnosis is the layer with an
honest ``unknown`` cause.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx2
import openai
import pytest

import whichlayer
from whichlayer.simulate import SimServer, list_scenarios

from .conftest import CLIENT_TIMEOUT_S

FLAVORS = ("new-api", "one-api", "openrouter", "litellm")
SATURATED = "当前分组上游负载已饱和，请稍后再试"

#: (status, phrase of the body) per flavor and scenario, for the relay-specific ones.
EXPECTED: dict[str, dict[str, tuple[int, str]]] = {
    "new-api": {
        "key_missing": (401, "未提供令牌"),
        "key_invalid": (401, "无效的令牌"),
        "key_expired": (401, "该令牌已过期"),
        "quota_exhausted:token": (401, "该令牌额度已用尽"),
        "insufficient_balance": (403, "insufficient_user_quota"),
        "model_not_found": (503, "无可用渠道"),
        "upstream_key_invalid": (401, "invalid_api_key"),
        "relay_upstream_error": (500, "do_request_failed"),
        "rpm": (429, SATURATED),
        "tpm": (429, SATURATED),
        "quota_exhausted": (429, SATURATED),
        "context_length": (400, "context_length_exceeded"),
        "invalid_parameter": (400, "Unrecognized request argument"),
        "server_error": (500, "server_error"),
        "overloaded": (503, "currently overloaded"),
        "bad_gateway": (502, "bad_response_status_code"),
    },
    "openrouter": {
        "key_missing": (401, "No auth credentials found"),
        "key_invalid": (401, "User not found."),
        "insufficient_balance": (402, "Insufficient credits"),
        "model_not_found": (400, "is not a valid model ID"),
        "upstream_key_invalid": (401, "Provider returned error"),
        "relay_upstream_error": (502, "Provider returned error"),
        "rpm": (429, "temporarily rate-limited upstream"),
        "tpm": (429, "temporarily rate-limited upstream"),
        "quota_exhausted": (429, "temporarily rate-limited upstream"),
        "context_length": (400, "context_length_exceeded"),
        "invalid_parameter": (400, "Unrecognized request argument"),
        "server_error": (500, "Provider returned error"),
        "overloaded": (503, "Provider returned error"),
        "bad_gateway": (502, "Provider returned error"),
    },
    "litellm": {
        "key_missing": (401, "No api key passed in"),
        "key_invalid": (401, "Invalid proxy server token passed"),
        "key_expired": (400, "Expired Key"),
        "billing_cap": (400, "Budget has been exceeded"),
        "model_not_found": (400, "Invalid model name passed in model="),
        "upstream_key_invalid": (401, "litellm.AuthenticationError"),
        "relay_upstream_error": (500, "OpenAIException - Connection error."),
        "rpm": (429, "on requests per min (RPM)"),
        "tpm": (429, "on tokens per min (TPM)"),
        "quota_exhausted": (429, "You exceeded your current quota"),
        "context_length": (400, "maximum context length"),
        "invalid_parameter": (400, "Unrecognized request argument"),
        "server_error": (500, "litellm.InternalServerError"),
        "overloaded": (503, "litellm.ServiceUnavailableError"),
        "bad_gateway": (502, "litellm.BadGatewayError"),
    },
}
EXPECTED["one-api"] = {
    **EXPECTED["new-api"],
    "insufficient_balance": (403, "user quota is not enough"),
}

#: Diagnoses that are not simply the scenario's own layer/cause, and why (any listed one is right).
DIAGNOSIS: dict[tuple[str, str], set[tuple[str, str]]] = {
    # a token's own allowance at the relay: read as an allowance or as the relay balance
    ("new-api", "quota_exhausted:token"): {
        ("quota", "quota_exhausted"),
        ("quota", "insufficient_balance"),
    },
    ("one-api", "quota_exhausted:token"): {
        ("quota", "quota_exhausted"),
        ("quota", "insufficient_balance"),
    },
    # OpenRouter words every upstream 429 as "temporarily rate-limited upstream": the kind is gone.
    ("openrouter", "rpm"): {("rate_limit", "unknown")},
    ("openrouter", "tpm"): {("rate_limit", "unknown")},
    ("openrouter", "quota_exhausted"): {("rate_limit", "unknown")},
    # LiteLLM passes OpenAI's insufficient_quota words on: read as the credit being used up
    ("litellm", "quota_exhausted"): {("quota", "insufficient_balance")},
}
NETWORK = {
    "connection_reset": "connection_reset",
    "connection_reset:mid_stream": "connection_reset",
    "read_timeout": "read_timeout",
    "read_timeout:slow_first_byte": "read_timeout",
}
PAGE_STATUS = {
    "nginx": 502,
    "cloudflare": 502,
    "cloudflare_520": 520,
    "cloudflare_523": 523,
    "nginx_503": 503,
    "cloudflare_521": 521,
    "nginx_504": 504,
    "cloudflare_522": 522,
    "cloudflare_524": 524,
}


@pytest.fixture(scope="module", params=FLAVORS)
def relay(request: pytest.FixtureRequest) -> Iterator[SimServer]:
    with SimServer(f"relay:{request.param}", stall_s=3.0, slow_s=0.6) as sim:
        yield sim


def _call(
    sim: SimServer, scenario: str | None = None, model: str = "gpt-4o-mini", key: str = "valid"
) -> BaseException:
    headers = {"x-sim-scenario": scenario} if scenario else {}
    try:
        with openai.OpenAI(
            base_url=sim.base_url(), api_key=sim.keys[key], max_retries=0, timeout=CLIENT_TIMEOUT_S
        ) as c:
            c.chat.completions.create(
                model=model, messages=[{"role": "user", "content": "hi"}], extra_headers=headers
            )
    except Exception as exc:
        return exc
    raise AssertionError(f"{scenario}: the call succeeded")


def _ids(flavor: str) -> list[str]:
    return [s.id for s in list_scenarios(f"relay:{flavor}") if s.kind != "tls"]


#: Every (flavor, scenario) that flavor really has: no combination is generated to be skipped.
CASES = [(f, i) for f in FLAVORS for i in _ids(f)]


@pytest.mark.parametrize(("relay", "scenario"), CASES, indirect=["relay"])
def test_relay_answers_in_its_own_words(relay: SimServer, scenario: str) -> None:
    exc = _call(relay, scenario)
    cause, _, variant = scenario.partition(":")
    status = getattr(exc, "status_code", None)
    if cause in NETWORK or scenario in NETWORK:
        assert status is None, repr(exc)
        return
    body = exc.response.text  # type: ignore[attr-defined]
    if variant in PAGE_STATUS:
        assert status == PAGE_STATUS[variant] and "<html" in body
        return
    want_status, phrase = EXPECTED[relay.flavor][scenario]
    assert status == want_status, body
    assert phrase in body, body
    if relay.flavor in ("new-api", "one-api"):
        rid = exc.response.headers["X-Oneapi-Request-Id"]  # type: ignore[attr-defined]
        assert f"(request id: {rid})" in body


@pytest.mark.parametrize(("relay", "scenario"), CASES, indirect=["relay"])
def test_explain_names_the_relay_layer_and_cause(relay: SimServer, scenario: str) -> None:
    exc = _call(relay, scenario)
    sc = next(s for s in list_scenarios(f"relay:{relay.flavor}") if s.id == scenario)
    want = DIAGNOSIS.get((relay.flavor, scenario)) or {(sc.layer, NETWORK.get(scenario, sc.cause))}
    d = whichlayer.explain(exc)
    body = getattr(getattr(exc, "response", None), "text", str(exc))
    assert (str(d.layer), str(d.cause)) in want, f"{relay.flavor} {scenario}: {body[:300]}"


def test_every_upstream_429_becomes_the_saturated_message() -> None:
    """one-api/new-api rewrite the message of any final 429, keeping the upstream's type."""
    with SimServer("relay:new-api") as sim:
        rpm = _call(sim, "rpm")
        quota = _call(sim, model="o3-mini")  # the channel whose upstream account has no credit
    for exc, kind in ((rpm, "requests"), (quota, "insufficient_quota")):
        error: dict[str, Any] = exc.body  # type: ignore[attr-defined]
        assert error["message"].startswith(SATURATED)
        assert error["type"] == kind


def test_a_bad_relay_token_and_a_bad_upstream_key_answer_differently() -> None:
    """Probing tells them apart: a bad token fails every model in the relay's words,
    a bad channel key fails only the models routed through it, in the upstream's words."""
    with SimServer("relay:new-api") as sim:
        bad_token = [_call(sim, model=m, key="unknown") for m in ("gpt-4o-mini", "gpt-4.1")]
        bad_upstream = _call(sim, model="gpt-4.1")
        with openai.OpenAI(
            base_url=sim.base_url(), api_key=sim.keys["valid"], max_retries=0
        ) as client:
            ok = client.chat.completions.create(
                model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}]
            )
    assert all(e.body["type"] == "new_api_error" for e in bad_token)  # type: ignore[attr-defined]
    assert bad_upstream.body["type"] == "invalid_request_error"  # type: ignore[attr-defined]
    assert bad_upstream.body["code"] == "invalid_api_key"  # type: ignore[attr-defined]
    assert ok.choices[0].message.content


def test_relay_streams_pass_through() -> None:
    with (
        SimServer("relay:litellm") as sim,
        openai.OpenAI(base_url=sim.base_url(), api_key=sim.keys["valid"], max_retries=0) as c,
    ):
        stream = c.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}], stream=True
        )
        text = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
    assert text == "Hello from the whichlayer simulator."


def test_relay_models_lists_routed_models() -> None:
    with SimServer("relay:one-api") as sim:
        r = httpx2.get(
            sim.base_url() + "/models",
            headers={"Authorization": f"Bearer {sim.keys['valid']}"},
            timeout=5,
        )
        denied = httpx2.get(sim.base_url() + "/models", timeout=5)
    assert r.status_code == 200 and "gpt-4.1" in {m["id"] for m in r.json()["data"]}
    assert denied.status_code == 401 and "one_api_error" in denied.text
