"""State, not flags: keys with states, a model catalogue, request validation, real limits."""

from __future__ import annotations

import re
import threading
import time
from typing import Any

import anthropic
import httpx2
import openai
import pytest
from google import genai
from google.genai import errors as genai_errors
from google.genai import types as gt

import whichlayer
from whichlayer.simulate import SimServer
from whichlayer.simulate.limits import Limits

HI = [{"role": "user", "content": "hi"}]


def _oa(sim: SimServer, key: str = "valid", **kw: Any) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=sim.base_url("openai"),
        api_key=sim.keys.get(key, key),
        max_retries=0,
        timeout=5,
        **kw,
    )


@pytest.mark.parametrize(
    ("state", "error", "code"),
    [
        ("revoked", openai.AuthenticationError, "account_deactivated"),
        ("wrong_org", openai.AuthenticationError, "mismatched_organization"),
        ("region_blocked", openai.PermissionDeniedError, "unsupported_country_region_territory"),
        ("no_balance", openai.RateLimitError, "insufficient_quota"),
        ("no_model_access", openai.PermissionDeniedError, "model_not_found"),
    ],
)
def test_openai_key_states(
    openai_sim: SimServer, state: str, error: type[Exception], code: str
) -> None:
    with _oa(openai_sim, state) as c, pytest.raises(error) as info:
        c.chat.completions.create(model="gpt-4o", messages=HI)  # type: ignore[arg-type]
    assert info.value.code == code  # type: ignore[attr-defined]


def test_limited_key_may_still_use_the_small_model(openai_sim: SimServer) -> None:
    with _oa(openai_sim, "no_model_access") as c:
        assert c.chat.completions.create(model="gpt-4o-mini", messages=HI).choices  # type: ignore[arg-type]


def test_organization_header_must_match(openai_sim: SimServer) -> None:
    with (
        _oa(openai_sim, organization="org-someoneelse") as c,
        pytest.raises(openai.AuthenticationError) as info,
    ):
        c.chat.completions.create(model="gpt-4o-mini", messages=HI)  # type: ignore[arg-type]
    assert info.value.code == "mismatched_organization"


def test_an_anthropic_key_at_openai(openai_sim: SimServer) -> None:
    key = openai_sim.keys_for("anthropic")["valid"]
    with _oa(openai_sim, key) as c, pytest.raises(openai.AuthenticationError) as info:
        c.chat.completions.create(model="gpt-4o-mini", messages=HI)  # type: ignore[arg-type]
    assert "Incorrect API key provided: sk-ant-a" in str(info.value)
    assert key not in str(info.value)


def test_a_long_prompt_really_overflows(openai_sim: SimServer) -> None:
    with _oa(openai_sim) as c, pytest.raises(openai.BadRequestError) as info:
        c.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "x" * 520_000}]
        )
    assert info.value.code == "context_length_exceeded"
    assert "maximum context length is 128000 tokens" in str(info.value)
    d = whichlayer.explain(info.value)
    assert (str(d.layer), str(d.cause)) == ("request", "context_length")


def test_prompt_plus_max_tokens_overflows(openai_sim: SimServer) -> None:
    with _oa(openai_sim) as c, pytest.raises(openai.BadRequestError) as info:
        c.chat.completions.create(
            model="gpt-4o-mini",
            max_tokens=16_000,
            messages=[{"role": "user", "content": "x" * 460_000}],
        )
    assert "in the completion" in str(info.value)


def test_anthropic_long_prompt(anthropic_sim: SimServer) -> None:
    with (
        anthropic.Anthropic(
            base_url=anthropic_sim.url, api_key=anthropic_sim.keys["valid"], max_retries=0
        ) as c,
        pytest.raises(anthropic.BadRequestError) as info,
    ):
        c.messages.create(
            model="claude-haiku-4-5",
            max_tokens=100,
            messages=[{"role": "user", "content": "y" * 820_000}],
        )
    assert re.search(r"prompt is too long: 2050\d\d tokens > 200000 maximum", str(info.value))


def test_gemini_long_prompt(gemini_sim: SimServer) -> None:
    options = gt.HttpOptions(base_url=gemini_sim.base_url("gemini"), timeout=5000)
    with (
        genai.Client(api_key=gemini_sim.keys["valid"], http_options=options) as c,
        pytest.raises(genai_errors.ClientError) as info,
    ):
        c.models.generate_content(model="gemini-2.0-flash", contents="z" * 4_200_000)
    assert "exceeds the maximum number of tokens allowed (1048576)" in str(info.value)


def test_validation_unknown_parameter_tools_and_max_tokens(openai_sim: SimServer) -> None:
    with _oa(openai_sim) as c:
        with pytest.raises(
            openai.BadRequestError, match="Unrecognized request argument supplied: reasoning"
        ):
            c.chat.completions.create(
                model="gpt-4o-mini", messages=HI, extra_body={"reasoning": {"effort": "low"}}
            )  # type: ignore[arg-type]
        bad_tool = {
            "type": "function",
            "function": {"name": "get weather", "parameters": {"type": "string"}},
        }
        with pytest.raises(openai.BadRequestError) as info:
            c.chat.completions.create(model="gpt-4o-mini", messages=HI, tools=[bad_tool])  # type: ignore[arg-type,list-item]
        assert (
            info.value.code == "invalid_function_parameters"
            and info.value.param == "tools[0].function.parameters"
        )
        with pytest.raises(openai.BadRequestError, match="max_tokens is too large: 50000"):
            c.chat.completions.create(model="gpt-4o-mini", messages=HI, max_tokens=50_000)  # type: ignore[arg-type]


def test_anthropic_validation(anthropic_sim: SimServer) -> None:
    # an explicit timeout: without one the SDK itself refuses large non-streaming max_tokens
    with anthropic.Anthropic(
        base_url=anthropic_sim.url, api_key=anthropic_sim.keys["valid"], max_retries=0, timeout=5
    ) as c:
        with pytest.raises(anthropic.BadRequestError, match="max_tokens: 70000 > 64000"):
            c.messages.create(model="claude-haiku-4-5", max_tokens=70_000, messages=HI)  # type: ignore[arg-type]
        tool = {"name": "t", "description": "d", "input_schema": {"type": "array"}}
        with pytest.raises(
            anthropic.BadRequestError,
            match=r"tools\.0\.custom\.input_schema: JSON schema is invalid",
        ):
            c.messages.create(model="claude-haiku-4-5", max_tokens=10, messages=HI, tools=[tool])  # type: ignore[arg-type,list-item]
        with pytest.raises(anthropic.NotFoundError, match="model: claude-9"):
            c.messages.create(model="claude-9", max_tokens=10, messages=HI)  # type: ignore[arg-type]


def test_invalid_json_body(openai_sim: SimServer, anthropic_sim: SimServer) -> None:
    r = httpx2.post(
        openai_sim.base_url() + "/chat/completions",
        content=b'{"model": "gpt-4o-mini",',
        headers={
            "Authorization": f"Bearer {openai_sim.keys['valid']}",
            "Content-Type": "application/json",
        },
        timeout=5,
    )
    assert r.status_code == 400 and "We could not parse the JSON body" in r.text
    assert r.headers["x-request-id"].startswith("req_")
    a = httpx2.post(
        anthropic_sim.url + "/v1/messages",
        content=b"{oops",
        headers={"x-api-key": anthropic_sim.keys["valid"], "anthropic-version": "2023-06-01"},
        timeout=5,
    )
    assert (
        a.status_code == 400
        and "The request body is not valid JSON: line 1 column 2 (char 1)" in a.text
    )
    d = whichlayer.explain(a)
    assert (str(d.layer), str(d.cause)) == ("request", "malformed_body")


def test_base_url_without_v1(openai_sim: SimServer) -> None:
    with (
        openai.OpenAI(
            base_url=openai_sim.url, api_key=openai_sim.keys["valid"], max_retries=0
        ) as c,
        pytest.raises(openai.NotFoundError, match=r"Invalid URL \(POST /chat/completions\)"),
    ):
        c.chat.completions.create(model="gpt-4o-mini", messages=HI)  # type: ignore[arg-type]


def test_rpm_headers_count_down_then_429() -> None:
    with SimServer(limits=Limits(rpm=3)) as sim, _oa(sim) as c:
        remaining = []
        for _ in range(3):
            raw = c.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=HI)  # type: ignore[arg-type]
            remaining.append(int(raw.headers["x-ratelimit-remaining-requests"]))
        with pytest.raises(openai.RateLimitError) as info:
            c.chat.completions.create(model="gpt-4o-mini", messages=HI)  # type: ignore[arg-type]
    assert remaining == [2, 1, 0]
    assert "on requests per min (RPM): Limit 3, Used 3, Requested 1" in str(info.value)
    assert info.value.response.headers["x-ratelimit-remaining-requests"] == "0"


def test_tpm_counts_tokens_over_the_minute() -> None:
    page = "lorem ipsum " * 1_000  # 3,000 tokens
    with SimServer(limits=Limits(tpm=5_000)) as sim, _oa(sim) as c:
        raw = c.chat.completions.with_raw_response.create(
            model="gpt-4o", messages=[{"role": "user", "content": page}]
        )
        left = int(raw.headers["x-ratelimit-remaining-tokens"])
        with pytest.raises(openai.RateLimitError) as info:
            c.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": page}])
        with pytest.raises(openai.RateLimitError, match="Request too large for gpt-4o"):
            c.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": page * 2}]
            )
    assert left == 5_000 - 3_001
    assert "(TPM): Limit 5000, Used 3001, Requested 3001" in str(info.value)


def test_concurrency_limit_counts_requests_in_flight() -> None:
    with SimServer("anthropic", limits=Limits(concurrency=1), slow_s=1.0) as sim:
        key = sim.keys["valid"]
        slow_done = threading.Event()

        def slow() -> None:
            with anthropic.Anthropic(base_url=sim.url, api_key=key, max_retries=0) as c:
                c.messages.create(
                    model="claude-haiku-4-5",
                    max_tokens=10,
                    messages=HI,  # type: ignore[arg-type]
                    extra_headers={"x-sim-scenario": "read_timeout:slow_first_byte"},
                )
            slow_done.set()

        t = threading.Thread(target=slow)
        t.start()
        time.sleep(0.3)
        with (
            anthropic.Anthropic(base_url=sim.url, api_key=key, max_retries=0) as c,
            pytest.raises(anthropic.RateLimitError, match="Number of concurrent connections"),
        ):
            c.messages.create(model="claude-haiku-4-5", max_tokens=10, messages=HI)  # type: ignore[arg-type]
        t.join(5)
    assert slow_done.is_set()


def test_a_stream_cut_mid_way(openai_sim: SimServer, anthropic_sim: SimServer) -> None:
    cut = {"x-sim-scenario": "connection_reset:mid_stream"}
    with _oa(openai_sim) as c:
        stream = c.chat.completions.create(
            model="gpt-4o-mini", messages=HI, stream=True, extra_headers=cut
        )  # type: ignore[arg-type]
        with pytest.raises(Exception) as info:
            for _chunk in stream:
                pass
    seen = f"{info.value} {info.value.__cause__}"
    assert "incomplete" in seen or "peer closed" in seen, seen
    d = whichlayer.explain(info.value)
    assert (str(d.layer), str(d.cause)) == ("network", "connection_reset")
    with (
        anthropic.Anthropic(
            base_url=anthropic_sim.url, api_key=anthropic_sim.keys["valid"], max_retries=0
        ) as a,
        a.messages.stream(
            model="claude-haiku-4-5", max_tokens=10, messages=HI, extra_headers=cut
        ) as s,  # type: ignore[arg-type]
        pytest.raises(Exception, match="peer closed"),
    ):
        "".join(s.text_stream)


def test_gemini_key_in_the_query_and_v1beta(gemini_sim: SimServer) -> None:
    url = f"{gemini_sim.url}/v1beta/models/gemini-2.5-flash:generateContent"
    body = {"contents": [{"parts": [{"text": "hi"}]}]}
    ok = httpx2.post(url, params={"key": "sim-valid"}, json=body, timeout=5)
    missing = httpx2.post(url, json=body, timeout=5)
    assert ok.status_code == 200 and ok.json()["candidates"][0]["content"]["parts"][0]["text"]
    assert missing.status_code == 403 and missing.json()["error"]["status"] == "PERMISSION_DENIED"


def test_azure_needs_api_version_and_a_deployment(azure_sim: SimServer) -> None:
    base = f"{azure_sim.url}/openai/deployments"
    headers = {"api-key": azure_sim.keys["valid"]}
    body = {"messages": HI}
    no_version = httpx2.post(f"{base}/chat/chat/completions", json=body, headers=headers, timeout=5)
    no_deployment = httpx2.post(
        f"{base}/nope/chat/completions?api-version=2024-10-21",
        json=body,
        headers=headers,
        timeout=5,
    )
    assert (
        no_version.status_code == 404
        and no_version.json()["error"]["message"] == "Resource not found"
    )
    assert no_deployment.status_code == 404
    assert no_deployment.json()["error"]["code"] == "DeploymentNotFound"
    assert no_deployment.headers["apim-request-id"]


def test_responses_api_words_overflow_its_own_way(openai_sim: SimServer) -> None:
    with _oa(openai_sim) as c, pytest.raises(openai.BadRequestError) as info:
        c.responses.create(model="gpt-4o-mini", input="x" * 520_000)
    assert info.value.code == "context_length_exceeded" and info.value.param == "input"
    assert "Your input exceeds the context window of this model" in str(info.value)
    d = whichlayer.explain(info.value)
    assert (str(d.layer), str(d.cause)) == ("request", "context_length")
