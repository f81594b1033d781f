"""Azure OpenAI's words: ``{"error": {"code", "message"}}`` from APIM, OpenAI-shaped from the model.

Front-door errors (key, deployment, api-version, throttling) come from Azure
API Management with ``code`` as a string; errors from the model itself pass
through in OpenAI's shape with Azure's extra ``innererror``. Headers:
``apim-request-id``, ``x-request-id``, ``x-ms-region`` (BerriAI/litellm#1721).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from whichlayer.simulate import html
from whichlayer.simulate.call import Call
from whichlayer.simulate.faults import Fault, Reply
from whichlayer.simulate.wording import dumps
from whichlayer.simulate.wording import openai as openai_words

Body = tuple[int, dict[str, Any]]


def _key_invalid(f: Fault, c: Call) -> Body:
    # https://github.com/SciSharp/BotSharp/issues/386 (401, code "401", apim-request-id)
    return 401, {
        "code": "401",
        "message": "Access denied due to invalid subscription key or wrong API endpoint. Make "
        "sure to provide a valid key for an active subscription and use a correct regional API "
        "endpoint for your resource.",
    }


def _key_missing(f: Fault, c: Call) -> Body:
    # APIM's text for a request without the api-key header (same family as the 401 above).
    return 401, {
        "code": "401",
        "message": "Access denied due to missing subscription key. Make sure to include "
        "subscription key when making requests to an API.",
    }


def _model_not_found(f: Fault, c: Call) -> Body:
    # 404 DeploymentNotFound, as quoted in Azure-Samples issues.
    return 404, {
        "code": "DeploymentNotFound",
        "message": "The API deployment for this resource does not exist. If you created the "
        "deployment within the last 5 minutes, please wait a moment and try again.",
    }


def _endpoint_mismatch(f: Fault, c: Call) -> Body:
    # A wrong path or an unsupported api-version:
    # 404 {"code": "404", "message": "Resource not found"}
    return 404, {"code": "404", "message": "Resource not found"}


def _rate(f: Fault, c: Call) -> Body:
    # "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version
    # 2024-02-01 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please
    # retry after 6 seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like
    # to further increase the default rate limit." (Azure OpenAI quota docs and many reports)
    kind = "token rate limit" if f.cause == "tpm" else "call rate limit"
    seconds = max(1, round(f.retry_after_s or 6))
    return 429, {
        "code": "429",
        "message": f"Requests to the ChatCompletions_Create Operation under Azure OpenAI API "
        f"version {f.detail.get('api_version', '2024-10-21')} have exceeded {kind} of your current "
        f"OpenAI S0 pricing tier. Please retry after {seconds} seconds. Please go here: "
        "https://aka.ms/oai/quotaincrease if you would like to further increase the default rate "
        "limit.",
    }


def _content_filter(f: Fault, c: Call) -> Body:
    # 400 content_filter with innererror ResponsibleAIPolicyViolation; text from the
    # LiteLLM content-policy substrings (peers.md §1.2) and Azure docs "Content filtering".
    return 400, {
        "message": "The response was filtered due to the prompt triggering Azure OpenAI's content "
        "management policy. Please modify your prompt and retry. To learn more about our content "
        "filtering policies please read our documentation: "
        "https://go.microsoft.com/fwlink/?linkid=2198766",
        "type": None,
        "param": "prompt",
        "code": "content_filter",
        "status": 400,
        "innererror": {
            "code": "ResponsibleAIPolicyViolation",
            "content_filter_result": {
                "hate": {"filtered": False, "severity": "safe"},
                "jailbreak": {"filtered": True, "detected": True},
                "self_harm": {"filtered": False, "severity": "safe"},
                "sexual": {"filtered": False, "severity": "safe"},
                "violence": {"filtered": False, "severity": "safe"},
            },
        },
    }


_FRONT_DOOR: dict[str, Callable[[Fault, Call], Body]] = {
    "key_missing": _key_missing,
    "key_invalid": _key_invalid,
    "key_wrong_platform": _key_invalid,
    "model_not_found": _model_not_found,
    "endpoint_mismatch": _endpoint_mismatch,
    "rpm": _rate,
    "tpm": _rate,
    "content_filter": _content_filter,
}

#: Errors the model answers itself come through in OpenAI's words.
_FROM_MODEL = (
    "invalid_parameter",
    "context_length",
    "tool_schema",
    "malformed_body",
    "server_error",
)

BODIES = {**_FRONT_DOOR, **{k: openai_words.BODIES[k] for k in _FROM_MODEL}}
PAGES = {"bad_gateway": "nginx_502", "unavailable": "nginx_503", "gateway_timeout": "nginx_504"}


def render(f: Fault, c: Call) -> Reply:
    if f.cause in PAGES or f.variant in html.PAGES:
        return html.page(f.variant if f.variant in html.PAGES else PAGES[f.cause])
    headers = {"x-ms-region": "East US", "apim-request-id": c.request_id}
    if f.cause in _FRONT_DOOR:
        status, error = _FRONT_DOOR[f.cause](f, c)
        if status == 429:
            seconds = max(1, round(f.retry_after_s or 6))
            headers["retry-after"] = str(seconds)
            headers["retry-after-ms"] = str(seconds * 1000)
            # only the limit that was hit reads 0
            headers["x-ratelimit-remaining-requests"] = "0" if f.cause == "rpm" else "994"
            headers["x-ratelimit-remaining-tokens"] = "0" if f.cause == "tpm" else "148500"
        return Reply(status, dumps({"error": error}), headers=headers)
    status, body = openai_words.BODIES[f.cause](f, c)
    return Reply(status, body, headers=headers)
