"""Anthropic's words: ``{"type": "error", "error": {"type", "message"}, "request_id"}``.

Shape, statuses and the ``request-id`` header: https://docs.claude.com/en/api/errors
(400 invalid_request_error, 401 authentication_error, 403 permission_error,
404 not_found_error, 413 request_too_large, 429 rate_limit_error, 500 api_error,
529 overloaded_error). Each message below is quoted from a real response; the
source is named next to it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from whichlayer.simulate import html
from whichlayer.simulate.call import Call
from whichlayer.simulate.faults import Fault, Reply
from whichlayer.simulate.keys import ORG_ID
from whichlayer.simulate.limits import Snapshot
from whichlayer.simulate.wording import dumps

_SALES = (
    "For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the "
    "response headers for current usage. Please reduce the prompt length or the maximum tokens "
    "requested, or try again later. You may also contact sales at "
    "https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase."
)

Body = tuple[int, str, str]  # status, error.type, error.message


def _key_missing(f: Fault, c: Call) -> Body:
    # 401 authentication_error "x-api-key header is required" (quoted by public
    # Anthropic-compatible mocks and relays converting Claude errors).
    return 401, "authentication_error", "x-api-key header is required"


def _key_invalid(f: Fault, c: Call) -> Body:
    # https://github.com/eyaltoledano/claude-task-master/issues/222
    return 401, "authentication_error", "invalid x-api-key"


def _permission_model(f: Fault, c: Call) -> Body:
    # docs.claude.com/en/api/errors: "403 - permission_error: Your API key does not have
    # permission to use the specified resource."
    return (
        403,
        "permission_error",
        "Your API key does not have permission to use the specified resource.",
    )


def _permission_region(f: Fault, c: Call) -> Body:
    # 403 {"error":{"type":"forbidden","message":"Request not allowed"}} seen from an
    # unsupported region: https://github.com/enricoros/big-AGI/issues/176
    return 403, "forbidden", "Request not allowed"


def _insufficient_balance(f: Fault, c: Call) -> Body:
    # https://github.com/anthropics/claude-code/issues/66314 (400, with request_id)
    return (
        400,
        "invalid_request_error",
        "Your credit balance is too low to access the Anthropic API. Please go to Plans & "
        "Billing to upgrade or purchase credits.",
    )


def _billing_cap(f: Fault, c: Call) -> Body:
    # 400 "You have reached your specified API usage limits. You will regain access on
    # 2026-08-01 at 00:00 UTC." (quoted with its request_id in public client tests)
    first = time.strftime("%Y-%m-01", time.gmtime(time.time() + 32 * 86400))
    return (
        400,
        "invalid_request_error",
        f"You have reached your specified API usage limits. You will regain access on {first} "
        "at 00:00 UTC.",
    )


def _rpm(f: Fault, c: Call) -> Body:
    # "This request would exceed the rate limit for your organization (<uuid>) of 50
    # requests per minute. …" same template as the token limit below.
    s = _snap(f)
    return (
        429,
        "rate_limit_error",
        f"This request would exceed the rate limit for your organization ({ORG_ID['anthropic']}) "
        f"of {s.rpm_limit:,} requests per minute. {_SALES}",
    )


def _tpm(f: Fault, c: Call) -> Body:
    # https://github.com/OpenHands/OpenHands/issues/9259 ("… of 20,000 input tokens per minute")
    s = _snap(f)
    return (
        429,
        "rate_limit_error",
        f"This request would exceed the rate limit for your organization ({ORG_ID['anthropic']}) "
        f"of {s.tpm_limit:,} input tokens per minute. {_SALES}",
    )


def _concurrency(f: Fault, c: Call) -> Body:
    # 429 rate_limit_error with request_id, quoted from @anthropic-ai/sdk output in public notes:
    return (
        429,
        "rate_limit_error",
        "Number of concurrent connections has exceeded your rate limit. Please try again later "
        "or contact sales at https://www.anthropic.com/contact-sales to discuss your options for "
        "a rate limit increase.",
    )


def _model_not_found(f: Fault, c: Call) -> Body:
    # 404 not_found_error "model: <id>" (the Messages API names the field it could not resolve)
    return 404, "not_found_error", f"model: {f.model}"


def _endpoint_mismatch(f: Fault, c: Call) -> Body:
    # An unknown path (e.g. /v1/v1/messages) is a plain not_found_error "Not Found".
    return 404, "not_found_error", "Not Found"


def _invalid_parameter(f: Fault, c: Call) -> Body:
    if f.variant == "max_tokens":
        # https://github.com/ChatGPTNextWeb/NextChat/issues/4964
        # "max_tokens: 10000 > 4096, which is the maximum allowed number of output tokens for …"
        asked, most = f.detail.get("asked", 100_000), f.detail.get("most", 64_000)
        return (
            400,
            "invalid_request_error",
            f"max_tokens: {asked} > {most}, which is the maximum allowed number of output tokens "
            f"for {f.model}",
        )
    # Pydantic-style "<field>: Extra inputs are not permitted" for an unknown top-level field.
    return (
        400,
        "invalid_request_error",
        f"{f.detail.get('param', 'foo')}: Extra inputs are not permitted",
    )


def _context_length(f: Fault, c: Call) -> Body:
    # https://github.com/anthropics/claude-code/issues/12186
    # "prompt is too long: 208310 tokens > 200000 maximum"
    ctx, prompt = f.detail.get("context", 200_000), f.detail.get("prompt", 208_310)
    return 400, "invalid_request_error", f"prompt is too long: {prompt} tokens > {ctx} maximum"


def _request_too_large(f: Fault, c: Call) -> Body:
    # docs.claude.com/en/api/errors: "413 - request_too_large: Request exceeds the maximum
    # allowed number of bytes. The maximum request size is 32 MB for standard API endpoints."
    return 413, "request_too_large", "Request exceeds the maximum allowed number of bytes."


def _tool_schema(f: Fault, c: Call) -> Body:
    # "tools.4.custom.input_schema: JSON schema is invalid. It must match JSON Schema draft
    # 2020-12 (https://json-schema.org/draft/2020-12). Learn more about tool use at …"
    # (claude-code users quote "tools.17.custom.input_schema: JSON schema is invalid").
    index = f.detail.get("index", 0)
    return (
        400,
        "invalid_request_error",
        f"tools.{index}.custom.input_schema: JSON schema is invalid. It must match JSON Schema "
        "draft 2020-12 (https://json-schema.org/draft/2020-12). Learn more about tool use at "
        "https://docs.claude.com/en/docs/tool-use.",
    )


def _malformed_body(f: Fault, c: Call) -> Body:
    # https://github.com/promptfoo/promptfoo/issues/4489
    # "The request body is not valid JSON: unexpected character: line 8 column 316 (char 466)"
    where = f.detail.get("where", "line 1 column 1 (char 0)")
    return 400, "invalid_request_error", f"The request body is not valid JSON: {where}"


def _server_error(f: Fault, c: Call) -> Body:
    # 500 api_error "Internal server error" (docs.claude.com/en/api/errors: 500 api_error)
    return 500, "api_error", "Internal server error"


def _overloaded(f: Fault, c: Call) -> Body:
    # 529 overloaded_error "Overloaded" (docs.claude.com/en/api/errors; in SSE too)
    return 529, "overloaded_error", "Overloaded"


BODIES: dict[str, Callable[[Fault, Call], Body]] = {
    "key_missing": _key_missing,
    "key_invalid": _key_invalid,
    "key_wrong_platform": _key_invalid,
    "permission_model": _permission_model,
    "permission_region": _permission_region,
    "insufficient_balance": _insufficient_balance,
    "billing_cap": _billing_cap,
    "rpm": _rpm,
    "tpm": _tpm,
    "concurrency": _concurrency,
    "model_not_found": _model_not_found,
    "endpoint_mismatch": _endpoint_mismatch,
    "invalid_parameter": _invalid_parameter,
    "context_length": _context_length,
    "request_too_large": _request_too_large,
    "tool_schema": _tool_schema,
    "malformed_body": _malformed_body,
    "server_error": _server_error,
    "overloaded": _overloaded,
}

#: Anthropic sits behind Cloudflare too; these come as its HTML pages.
PAGES = {
    "bad_gateway": "cloudflare_502",
    "unavailable": "cloudflare_503",
    "gateway_timeout": "cloudflare_524",
}


def error_object(f: Fault, c: Call) -> tuple[int, dict[str, object]]:
    """Status and JSON body (also used for the SSE ``error`` event)."""
    status, type_, message = BODIES[f.cause](f, c)
    return status, {
        "type": "error",
        "error": {"type": type_, "message": message},
        "request_id": c.request_id,
    }


def render(f: Fault, c: Call) -> Reply:
    if f.cause in PAGES or f.variant in html.PAGES:
        return html.page(f.variant if f.variant in html.PAGES else PAGES[f.cause])
    status, body = error_object(f, c)
    headers = {"anthropic-organization-id": ORG_ID["anthropic"]}
    if f.cause in ("rpm", "tpm", "concurrency"):
        s = _snap(f)
        headers.update(rate_headers(s))
        headers["retry-after"] = str(max(1, round(f.retry_after_s or s.rpm_reset_s or 20)))
    if status == 429 or status >= 500:
        # seen beside request-id in header dumps of Anthropic 429s (`x-should-retry: true`);
        # the SDKs obey it before looking at the status
        headers["x-should-retry"] = "true"
    return Reply(status, dumps(body), headers=headers)


def rate_headers(s: Snapshot) -> dict[str, str]:
    """anthropic-ratelimit-* (docs.claude.com/en/api/rate-limits, "Response headers")."""
    now = time.time()

    def stamp(after_s: float) -> str:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now + after_s))

    return {
        "anthropic-ratelimit-requests-limit": str(s.rpm_limit),
        "anthropic-ratelimit-requests-remaining": str(s.rpm_remaining),
        "anthropic-ratelimit-requests-reset": stamp(s.rpm_reset_s),
        "anthropic-ratelimit-input-tokens-limit": str(s.tpm_limit),
        "anthropic-ratelimit-input-tokens-remaining": str(s.tpm_remaining),
        "anthropic-ratelimit-input-tokens-reset": stamp(s.tpm_reset_s),
        "anthropic-ratelimit-tokens-limit": str(s.tpm_limit),
        "anthropic-ratelimit-tokens-remaining": str(s.tpm_remaining),
        "anthropic-ratelimit-tokens-reset": stamp(s.tpm_reset_s),
    }


def _snap(f: Fault) -> Snapshot:
    snap = f.detail.get("snapshot")
    if isinstance(snap, Snapshot):
        return snap
    return Snapshot(50, 0, 20.0, 30_000, 0, 1.5, 29_000, 1_500, 5, 5)
