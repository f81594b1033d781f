"""The round-trip table: every simulable cause in every dialect, through the real SDKs.

For each scenario the real ``openai``, ``anthropic`` and ``google-genai`` clients
must receive the exception class, status, body wording and request id the real
service gives (the expected values below are written by hand from the cited
provider wording, not computed from the simulator), and ``whichlayer.explain``
must name the scenario's layer and cause. The two halves are separate tests, so a
simulator fault and an engine misdiagnosis show up apart.
"""

from __future__ import annotations

import re
from typing import Any

import anthropic
import openai
import pytest
from google import genai
from google.genai import errors as genai_errors
from google.genai import types as gt

import whichlayer
from whichlayer.simulate import SimServer, list_scenarios

from .conftest import CLIENT_TIMEOUT_S

HEADER = "x-sim-scenario"
HI = [{"role": "user", "content": "hi"}]

# -- hand-written expectations -----------------------------------------------------------------

#: Status the real service answers with, per dialect and scenario (variants as listed).
STATUS: dict[str, dict[str, int]] = {
    "openai": {
        "key_missing": 401,
        "key_invalid": 401,
        "key_wrong_platform": 401,
        "key_expired": 401,
        "org_mismatch": 401,
        "permission_region": 403,
        "permission_model": 403,
        "quota_exhausted": 429,
        "rpm": 429,
        "tpm": 429,
        "tpm:request_too_large": 429,
        "model_not_found": 404,
        "endpoint_mismatch": 404,
        "invalid_parameter": 400,
        "invalid_parameter:max_tokens": 400,
        "context_length": 400,
        "tool_schema": 400,
        "malformed_body": 400,
        "server_error": 500,
        "overloaded": 503,
        "bad_gateway": 502,
        "unavailable": 503,
        "gateway_timeout": 524,
    },
    "anthropic": {
        "key_missing": 401,
        "key_invalid": 401,
        "key_wrong_platform": 401,
        "permission_model": 403,
        "permission_region": 403,
        "insufficient_balance": 400,
        "billing_cap": 400,
        "rpm": 429,
        "tpm": 429,
        "concurrency": 429,
        "model_not_found": 404,
        "endpoint_mismatch": 404,
        "invalid_parameter": 400,
        "invalid_parameter:max_tokens": 400,
        "context_length": 400,
        "request_too_large": 413,
        "tool_schema": 400,
        "malformed_body": 400,
        "server_error": 500,
        "overloaded": 529,
        "bad_gateway": 502,
        "unavailable": 503,
        "gateway_timeout": 524,
        "overloaded:mid_stream": 200,  # the stream started with 200, then an error event
    },
    "gemini": {
        "key_missing": 403,
        "key_invalid": 400,
        "key_wrong_platform": 400,
        "key_expired": 400,
        "permission_region": 400,
        "quota_exhausted": 429,
        "rpm": 429,
        "tpm": 429,
        "model_not_found": 404,
        "endpoint_mismatch": 404,
        "invalid_parameter": 400,
        "context_length": 400,
        "malformed_body": 400,
        "server_error": 500,
        "overloaded": 503,
        "bad_gateway": 502,
        "unavailable": 503,
        "gateway_timeout": 504,
    },
    "azure": {
        "key_missing": 401,
        "key_invalid": 401,
        "key_wrong_platform": 401,
        "model_not_found": 404,
        "endpoint_mismatch": 404,
        "rpm": 429,
        "tpm": 429,
        "content_filter": 400,
        "invalid_parameter": 400,
        "invalid_parameter:max_tokens": 400,
        "context_length": 400,
        "tool_schema": 400,
        "malformed_body": 400,
        "server_error": 500,
        "bad_gateway": 502,
        "unavailable": 503,
        "gateway_timeout": 504,
    },
}
PAGE_STATUS = {
    "nginx": 502,
    "cloudflare": 502,
    "cloudflare_520": 520,
    "nginx_503": 503,
    "cloudflare_521": 521,
    "cloudflare_523": 523,
    "nginx_504": 504,
    "cloudflare_522": 522,
    "cloudflare_524": 524,
}

#: A phrase of the real body (from the sources cited in simulate/wording), per dialect and cause.
PHRASE: dict[str, dict[str, str]] = {
    "openai": {
        "key_missing": "You didn't provide an API key",
        "key_invalid": "invalid_api_key",
        "key_wrong_platform": "Incorrect API key provided: sk-ant-",
        "key_expired": "account_deactivated",
        "org_mismatch": "mismatched_organization",
        "permission_region": "unsupported_country_region_territory",
        "permission_model": "does not have access to model",
        "quota_exhausted": "insufficient_quota",
        "rpm": "on requests per min (RPM)",
        "tpm": "on tokens per min (TPM)",
        "model_not_found": "model_not_found",
        "endpoint_mismatch": "Invalid URL (POST ",
        "invalid_parameter": "Unrecognized request argument supplied",
        "context_length": "context_length_exceeded",
        "tool_schema": "invalid_function_parameters",
        "malformed_body": "We could not parse the JSON body",
        "server_error": "The server had an error while processing your request",
        "overloaded": "currently overloaded with other requests",
        "invalid_parameter:max_tokens": "max_tokens is too large",
    },
    "anthropic": {
        "key_missing": "x-api-key header is required",
        "key_invalid": "invalid x-api-key",
        "key_wrong_platform": "invalid x-api-key",
        "permission_model": "permission_error",
        "permission_region": "Request not allowed",
        "insufficient_balance": "Your credit balance is too low",
        "billing_cap": "You have reached your specified API usage limits",
        "rpm": "requests per minute",
        "tpm": "input tokens per minute",
        "concurrency": "Number of concurrent connections",
        "model_not_found": "not_found_error",
        "endpoint_mismatch": "not_found_error",
        "invalid_parameter": "Extra inputs are not permitted",
        "context_length": "prompt is too long",
        "request_too_large": "request_too_large",
        "tool_schema": "JSON schema is invalid",
        "malformed_body": "The request body is not valid JSON",
        "server_error": "api_error",
        "overloaded": "overloaded_error",
        "invalid_parameter:max_tokens": "which is the maximum allowed number of output tokens",
    },
    "gemini": {
        "key_missing": "Method doesn't allow unregistered callers",
        "key_invalid": "API_KEY_INVALID",
        "key_wrong_platform": "API key not valid",
        "key_expired": "API key expired",
        "permission_region": "User location is not supported",
        "quota_exhausted": "PerDay",
        "rpm": "RequestsPerMinute",
        "tpm": "InputTokensPerModelPerMinute",
        "model_not_found": "is not found for API version",
        "endpoint_mismatch": "That’s an error.",
        "invalid_parameter": "Invalid JSON payload received. Unknown name",
        "context_length": "exceeds the maximum number of tokens allowed",
        "malformed_body": "Invalid JSON payload received",
        "server_error": "INTERNAL",
        "overloaded": "The model is overloaded",
    },
    "azure": {
        "key_missing": "missing subscription key",
        "key_invalid": "invalid subscription key",
        "key_wrong_platform": "invalid subscription key",
        "model_not_found": "DeploymentNotFound",
        "endpoint_mismatch": "Resource not found",
        "rpm": "exceeded call rate limit",
        "tpm": "exceeded token rate limit",
        "content_filter": "content management policy",
        "invalid_parameter": "Unrecognized request argument",
        "context_length": "context_length_exceeded",
        "tool_schema": "invalid_function_parameters",
        "malformed_body": "We could not parse the JSON body",
        "server_error": "The server had an error",
        "invalid_parameter:max_tokens": "max_tokens is too large",
    },
}

REQUEST_ID = {
    "openai": re.compile(r"^req_[0-9a-f]{32}$"),
    "anthropic": re.compile(r"^req_011C[1-9A-HJ-NP-Za-km-z]{20}$"),
    "azure": re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$"),
}

OPENAI_CLASS = {
    400: "BadRequestError",
    401: "AuthenticationError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    413: "APIStatusError",
    429: "RateLimitError",
}
ANTHROPIC_CLASS = {
    **OPENAI_CLASS,
    200: "APIStatusError",
    413: "ContentTooLargeError",
    529: "OverloadedError",
}

#: Scenario -> the diagnosis the engine should give when it is not simply the scenario's own cause.
NETWORK_CAUSE = {
    "connection_reset": "connection_reset",
    "connection_reset:mid_stream": "connection_reset",
    "read_timeout": "read_timeout",
    "read_timeout:slow_first_byte": "read_timeout",
}

# -- making the calls --------------------------------------------------------------------------


def _sdk_call(dialect: str, sim: SimServer, scenario: str) -> BaseException:
    """One SDK call provoking ``scenario``; returns the exception it raised."""
    # A key of another platform provokes key_wrong_platform by itself, with no header.
    foreign = "anthropic" if dialect == "openai" else "openai"
    if scenario == "key_wrong_platform":
        key, headers = sim.keys_for(foreign)["valid"], {}
    else:
        key, headers = sim.keys["valid"], {HEADER: scenario}
    try:
        if dialect == "openai":
            with openai.OpenAI(
                base_url=sim.base_url("openai"),
                api_key=key,
                max_retries=0,
                timeout=CLIENT_TIMEOUT_S,
            ) as client:
                client.chat.completions.create(
                    model="gpt-4o-mini", messages=HI, extra_headers=headers
                )  # type: ignore[arg-type]
        elif dialect == "azure":
            with openai.AzureOpenAI(
                azure_endpoint=sim.base_url("azure"),
                api_key=key,
                api_version="2024-10-21",
                max_retries=0,
                timeout=CLIENT_TIMEOUT_S,
            ) as az:
                az.chat.completions.create(model="gpt-4o-mini", messages=HI, extra_headers=headers)  # type: ignore[arg-type]
        elif dialect == "anthropic":
            with anthropic.Anthropic(
                base_url=sim.base_url("anthropic"),
                api_key=key,
                max_retries=0,
                timeout=CLIENT_TIMEOUT_S,
            ) as ant:
                if scenario == "overloaded:mid_stream":  # only a stream can fail after its 200
                    with ant.messages.stream(
                        model="claude-haiku-4-5", max_tokens=64, messages=HI, extra_headers=headers
                    ) as stream:  # type: ignore[arg-type]
                        "".join(stream.text_stream)
                else:
                    ant.messages.create(
                        model="claude-haiku-4-5", max_tokens=64, messages=HI, extra_headers=headers
                    )  # type: ignore[arg-type]
        else:
            options = gt.HttpOptions(
                base_url=sim.base_url("gemini"),
                timeout=int(CLIENT_TIMEOUT_S * 1000),
                headers=headers,
            )
            with genai.Client(api_key=key, http_options=options) as gclient:
                gclient.models.generate_content(model="gemini-2.5-flash", contents="hi")
    except Exception as exc:  # the failure under test
        return exc
    raise AssertionError(f"{dialect} {scenario}: the call succeeded")


def _status(exc: BaseException) -> int | None:
    code = getattr(exc, "status_code", None)
    if code is None and isinstance(exc, genai_errors.APIError):
        code = exc.code
    return int(code) if code is not None else None


def _body_text(exc: BaseException) -> str:
    response = getattr(exc, "response", None)
    if response is not None:
        try:
            return str(response.text)
        except Exception:
            pass
    return str(exc)


def _cases() -> list[Any]:
    out = []
    for dialect in ("openai", "anthropic", "gemini", "azure"):
        for scenario in list_scenarios(dialect):
            if scenario.kind == "tls":
                continue  # server-level: tested in test_tls.py
            out.append(pytest.param(dialect, scenario.id, id=f"{dialect}-{scenario.id}"))
    return out


@pytest.fixture
def sims(
    openai_sim: SimServer, anthropic_sim: SimServer, gemini_sim: SimServer, azure_sim: SimServer
) -> dict[str, SimServer]:
    return {
        "openai": openai_sim,
        "anthropic": anthropic_sim,
        "gemini": gemini_sim,
        "azure": azure_sim,
    }


# -- the table ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("dialect", "scenario"), _cases())
def test_sdk_receives_what_the_real_service_sends(
    dialect: str, scenario: str, sims: dict[str, SimServer]
) -> None:
    exc = _sdk_call(dialect, sims[dialect], scenario)
    cause, _, variant = scenario.partition(":")
    if cause in ("connection_reset", "read_timeout"):
        assert _status(exc) is None, repr(exc)
        return
    expected_status = PAGE_STATUS[variant] if variant in PAGE_STATUS else STATUS[dialect][scenario]
    assert _status(exc) == expected_status, repr(exc)
    body = _body_text(exc)
    if dialect == "gemini" and cause == "endpoint_mismatch":
        assert "The requested URL" in body and "was not found on this server" in body, body[:300]
    elif variant in PAGE_STATUS or cause in ("bad_gateway", "unavailable", "gateway_timeout"):
        assert "<html" in body and ("nginx" in body or "Cloudflare" in body), body[:200]
    else:
        phrase = PHRASE[dialect].get(scenario) or PHRASE[dialect][cause]
        assert phrase in body, body[:400]
    if dialect == "openai" and not body.lstrip().startswith("<"):
        assert type(exc).__name__ == OPENAI_CLASS.get(expected_status, "InternalServerError")
        assert REQUEST_ID["openai"].match(str(exc.request_id))  # type: ignore[attr-defined]
    elif dialect == "azure" and not body.lstrip().startswith("<"):
        assert REQUEST_ID["azure"].match(str(exc.request_id))  # type: ignore[attr-defined]
    elif dialect == "anthropic" and not body.lstrip().startswith("<"):
        assert type(exc).__name__ == ANTHROPIC_CLASS.get(expected_status, "InternalServerError")
        assert REQUEST_ID["anthropic"].match(str(exc.request_id))  # type: ignore[attr-defined]
        assert exc.body["request_id"] == exc.request_id  # type: ignore[attr-defined]
    elif dialect == "gemini":
        expected = genai_errors.ClientError if expected_status < 500 else genai_errors.ServerError
        assert isinstance(exc, expected)


@pytest.mark.parametrize(("dialect", "scenario"), _cases())
def test_explain_names_the_layer_and_cause(
    dialect: str, scenario: str, sims: dict[str, SimServer]
) -> None:
    exc = _sdk_call(dialect, sims[dialect], scenario)
    expected = next(s for s in list_scenarios(dialect) if s.id == scenario)
    d = whichlayer.explain(exc)
    want = {(expected.layer, NETWORK_CAUSE.get(scenario, expected.cause))}
    # OpenAI words a used-up plan quota and an empty balance alike (insufficient_quota), which
    # its error-code guide explains as credits run out: the engine reads insufficient_balance.
    if (dialect, scenario) == ("openai", "quota_exhausted"):
        want = {("quota", "insufficient_balance")}
    assert (str(d.layer), str(d.cause)) in want, (
        f"{dialect} {scenario}: {type(exc).__name__} {_body_text(exc)[:300]}"
    )
