"""OpenAI's words: ``{"error": {"message", "type", "param", "code"}}`` and its headers.

Every message below is copied from a real OpenAI response quoted in public
issues or logs; the source is named next to each. Shapes: openai-python
``_exceptions.py`` reads ``body.error`` and the request id from ``x-request-id``.
"""

from __future__ import annotations

from collections.abc import Callable

from whichlayer.simulate import html
from whichlayer.simulate.call import Call
from whichlayer.simulate.faults import Fault, Reply
from whichlayer.simulate.keys import ORG_ID, mask_like_openai
from whichlayer.simulate.limits import Snapshot, go_duration
from whichlayer.simulate.wording import dumps

_RATE_DOCS = "Visit https://platform.openai.com/account/rate-limits to learn more."


def _body(message: str, type_: str, code: str | None = None, param: str | None = None) -> bytes:
    return dumps({"error": {"message": message, "type": type_, "param": param, "code": code}})


def _key_missing(f: Fault, c: Call) -> tuple[int, bytes]:
    # Seen verbatim in OpenAI 401 bodies quoted by public mocks and issues, e.g.
    # https://github.com/ChatGPTNextWeb/NextChat issues and openai-python test fixtures.
    return 401, _body(
        "You didn't provide an API key. You need to provide your API key in an Authorization "
        "header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password "
        "field (with blank username) if you're accessing the API from your browser and are "
        "prompted for a username and password. You can obtain an API key from "
        "https://platform.openai.com/account/api-keys.",
        "invalid_request_error",
    )


def _key_invalid(f: Fault, c: Call) -> tuple[int, bytes]:
    # "Incorrect API key provided: sk-XG6GW***…wlmi. You can find your API key at
    # https://platform.openai.com/account/api-keys." code invalid_api_key
    # (quoted in a Spring AI article and the Realtime error event in public logs).
    shown = mask_like_openai(c.key or "")
    return 401, _body(
        f"Incorrect API key provided: {shown}. You can find your API key at "
        "https://platform.openai.com/account/api-keys.",
        "invalid_request_error",
        "invalid_api_key",
    )


def _key_expired(f: Fault, c: Call) -> tuple[int, bytes]:
    # https://github.com/ChatGPTNextWeb/NextChat/issues/2782 (401, account_deactivated)
    return 401, _body(
        "The OpenAI account associated with this API key has been deactivated. If you are the "
        "developer for this OpenAI app, please check your email for more information. If you "
        "are seeing this error while using another app or site, please reach out to them for "
        "more help.",
        "invalid_request_error",
        "account_deactivated",
    )


def _org_mismatch(f: Fault, c: Call) -> tuple[int, bytes]:
    # 401 mismatched_organization, asserted in BerriAI/litellm tests
    # (tests/local_testing/test_completion.py, organization="bad-org").
    return 401, _body(
        "OpenAI-Organization header should match organization for API key",
        "invalid_request_error",
        "mismatched_organization",
    )


def _permission_region(f: Fault, c: Call) -> tuple[int, bytes]:
    # 403 request_forbidden / unsupported_country_region_territory; OpenAI error-codes guide
    # ("403 - Country, region, or territory not supported"), quoted in public handlers.
    return 403, _body(
        "Country, region, or territory not supported",
        "request_forbidden",
        "unsupported_country_region_territory",
    )


def _permission_model(f: Fault, c: Call) -> tuple[int, bytes]:
    # A project key restricted to some models gets a 403 naming the project
    # ("Project `proj_…` does not have access to model `…`", code model_not_found), as
    # reported in openai/openai-python and openai-node issues about project keys.
    return 403, _body(
        f"Project `proj_SiMuLaTeD0000000000000000` does not have access to model `{f.model}`",
        "invalid_request_error",
        "model_not_found",
    )


def _quota_exhausted(f: Fault, c: Call) -> tuple[int, bytes]:
    # https://github.com/ChatGPTNextWeb/NextChat/issues/3664 (429 insufficient_quota)
    return 429, _body(
        "You exceeded your current quota, please check your plan and billing details. For more "
        "information on this error, read the docs: "
        "https://platform.openai.com/docs/guides/error-codes/api-errors.",
        "insufficient_quota",
        "insufficient_quota",
    )


def _rpm(f: Fault, c: Call) -> tuple[int, bytes]:
    # "Rate limit reached for gpt-4o-mini in organization org-… on requests per min (RPM):
    # Limit 3, Used 3, Requested 1. Please try again in 20s. Visit …" type requests
    # (public log quoted in a Dart client, code search; same shape in openai-cookbook #844 era).
    s = _snap(f)
    return 429, _body(
        f"Rate limit reached for {f.model} in organization {ORG_ID['openai']} on requests per "
        f"min (RPM): Limit {s.rpm_limit}, Used {s.rpm_limit}, Requested 1. Please try again in "
        f"{go_duration(s.rpm_reset_s or 20.0)}. {_RATE_DOCS}",
        "requests",
        "rate_limit_exceeded",
    )


def _tpm(f: Fault, c: Call) -> tuple[int, bytes]:
    s = _snap(f)
    if f.variant == "request_too_large":
        # "Request too large for gpt-4o in organization org-… on tokens per min (TPM): Limit
        # 30000, Requested 38324. The input or output tokens must be reduced in order to run
        # successfully. Visit …" (quoted in microsoft/autogen-era issues; code search).
        return 429, _body(
            f"Request too large for {f.model} in organization {ORG_ID['openai']} on tokens per "
            f"min (TPM): Limit {s.tpm_limit}, Requested {s.requested_tokens}. The input or "
            f"output tokens must be reduced in order to run successfully. {_RATE_DOCS}",
            "tokens",
            "rate_limit_exceeded",
        )
    # "Rate limit reached for gpt-4o-mini in organization … on tokens per min (TPM): Limit
    # 200000, Used 195869, Requested 4412. Please try again in 84ms. Visit …" type tokens.
    return 429, _body(
        f"Rate limit reached for {f.model} in organization {ORG_ID['openai']} on tokens per min "
        f"(TPM): Limit {s.tpm_limit}, Used {s.tpm_used}, Requested {s.requested_tokens}. Please "
        f"try again in {go_duration(s.tpm_reset_s or 1.5)}. {_RATE_DOCS}",
        "tokens",
        "rate_limit_exceeded",
    )


def _model_not_found(f: Fault, c: Call) -> tuple[int, bytes]:
    # 404 "The model `…` does not exist or you do not have access to it." model_not_found
    return 404, _body(
        f"The model `{f.model}` does not exist or you do not have access to it.",
        "invalid_request_error",
        "model_not_found",
    )


def _endpoint_mismatch(f: Fault, c: Call) -> tuple[int, bytes]:
    # 404 "Invalid URL (POST /v1/v1/chat/completions)" (base URL with a doubled or
    # missing /v1; quoted in public READMEs and relay docs).
    return 404, _body(f"Invalid URL ({c.method} {c.path})", "invalid_request_error")


def _invalid_parameter(f: Fault, c: Call) -> tuple[int, bytes]:
    if f.variant == "max_tokens":
        # 400 "max_tokens is too large: 64000. This model supports at most 16384 completion
        # tokens, whereas you provided 64000." param max_tokens code invalid_value.
        asked, most = f.detail.get("asked", 100_000), f.detail.get("most", 16_384)
        return 400, _body(
            f"max_tokens is too large: {asked}. This model supports at most {most} completion "
            f"tokens, whereas you provided {asked}.",
            "invalid_request_error",
            "invalid_value",
            "max_tokens",
        )
    # 400 "Unrecognized request argument supplied: reasoning" (many public reports).
    name = f.detail.get("param", "unknown_param")
    return 400, _body(f"Unrecognized request argument supplied: {name}", "invalid_request_error")


def _context_length(f: Fault, c: Call) -> tuple[int, bytes]:
    if c.path.endswith("/responses"):
        # The Responses API words it differently: "Your input exceeds the context window of
        # this model. Please adjust your input and try again." (param input), as listed
        # beside the Chat wording in public context-overflow classifiers.
        return 400, _body(
            "Your input exceeds the context window of this model. Please adjust your input and "
            "try again.",
            "invalid_request_error",
            "context_length_exceeded",
            "input",
        )
    ctx, prompt = f.detail.get("context", 128_000), f.detail.get("prompt", 130_000)
    completion = f.detail.get("completion")
    if completion:
        # "…However, you requested 128007 tokens (2133 in the messages, 125874 in the
        # completion). Please reduce the length of the messages or completion."
        text = (
            f"This model's maximum context length is {ctx} tokens. However, you requested "
            f"{prompt + completion} tokens ({prompt} in the messages, {completion} in the "
            "completion). Please reduce the length of the messages or completion."
        )
    else:
        # "This model's maximum context length is 4097 tokens. However, your messages
        # resulted in <num> tokens. Please reduce the length of the messages."
        text = (
            f"This model's maximum context length is {ctx} tokens. However, your messages "
            f"resulted in {prompt} tokens. Please reduce the length of the messages."
        )
    return 400, _body(text, "invalid_request_error", "context_length_exceeded", "messages")


def _tool_schema(f: Fault, c: Call) -> tuple[int, bytes]:
    # 400 "Invalid schema for function 'x': … is not valid under any of the given schemas."
    # code invalid_function_parameters, param tools[0].function.parameters
    # (reported in openai/openai-python and langchain issues on strict tools).
    name, index = f.detail.get("name", "get_weather"), f.detail.get("index", 0)
    why = f.detail.get(
        "why", "schema must be a JSON Schema of 'type: \"object\"', got 'type: None'."
    )
    return 400, _body(
        f"Invalid schema for function '{name}': {why}",
        "invalid_request_error",
        "invalid_function_parameters",
        f"tools[{index}].function.parameters",
    )


def _malformed_body(f: Fault, c: Call) -> tuple[int, bytes]:
    # 400, quoted verbatim in public security-test reports and OpenAI-compatible proxies.
    return 400, _body(
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't "
        "using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was "
        "sent was not valid JSON. If you have trouble figuring out how to fix this, please "
        "contact us through our help center at help.openai.com.)",
        "invalid_request_error",
    )


def _server_error(f: Fault, c: Call) -> tuple[int, bytes]:
    # 500 "The server had an error while processing your request. Sorry about that!"
    return 500, _body(
        "The server had an error while processing your request. Sorry about that!",
        "server_error",
    )


def _overloaded(f: Fault, c: Call) -> tuple[int, bytes]:
    # "That model is currently overloaded with other requests. You can retry your request,
    # or contact us through our help center at help.openai.com if the error persists.
    # (Please include the request ID … in your message.)" — served as 503 server_error.
    rid = c.request_id.removeprefix("req_")
    return 503, _body(
        "That model is currently overloaded with other requests. You can retry your request, "
        "or contact us through our help center at help.openai.com if the error persists. "
        f"(Please include the request ID {rid} in your message.)",
        "server_error",
    )


BODIES: dict[str, Callable[[Fault, Call], tuple[int, bytes]]] = {
    "key_missing": _key_missing,
    "key_invalid": _key_invalid,
    "key_wrong_platform": _key_invalid,
    "key_expired": _key_expired,
    "org_mismatch": _org_mismatch,
    "permission_region": _permission_region,
    "permission_model": _permission_model,
    "quota_exhausted": _quota_exhausted,
    "rpm": _rpm,
    "tpm": _tpm,
    "model_not_found": _model_not_found,
    "endpoint_mismatch": _endpoint_mismatch,
    "invalid_parameter": _invalid_parameter,
    "context_length": _context_length,
    "tool_schema": _tool_schema,
    "malformed_body": _malformed_body,
    "server_error": _server_error,
    "overloaded": _overloaded,
}

#: Causes OpenAI answers with an edge (Cloudflare) HTML page rather than JSON.
PAGES = {
    "bad_gateway": "cloudflare_502",
    "unavailable": "cloudflare_503",
    "gateway_timeout": "cloudflare_524",
}


def render(f: Fault, c: Call) -> Reply:
    """The reply OpenAI would send for this fault."""
    if f.cause in PAGES or f.variant in html.PAGES:
        return html.page(f.variant if f.variant in html.PAGES else PAGES[f.cause])
    status, body = BODIES[f.cause](f, c)
    headers = {"openai-organization": ORG_ID["openai"], "openai-version": "2020-10-01"}
    if status == 429 and f.cause in ("rpm", "tpm"):
        headers.update(rate_headers(_snap(f)))
    return Reply(status, body, headers=headers)


def rate_headers(s: Snapshot) -> dict[str, str]:
    """x-ratelimit-* as OpenAI sends them (platform.openai.com/docs/guides/rate-limits)."""
    return {
        "x-ratelimit-limit-requests": str(s.rpm_limit),
        "x-ratelimit-limit-tokens": str(s.tpm_limit),
        "x-ratelimit-remaining-requests": str(s.rpm_remaining),
        "x-ratelimit-remaining-tokens": str(s.tpm_remaining),
        "x-ratelimit-reset-requests": go_duration(s.rpm_reset_s),
        "x-ratelimit-reset-tokens": go_duration(s.tpm_reset_s),
    }


def _snap(f: Fault) -> Snapshot:
    snap = f.detail.get("snapshot")
    if isinstance(snap, Snapshot):
        return snap
    return Snapshot(500, 0, 20.0, 200_000, 0, 1.5, 199_000, 1_500, 50, 50)
