"""Anthropic: the Messages API."""

from whichlayer.providers._base import Documented, Provider, StatusPage
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://docs.anthropic.com/en/api/errors"


def _body(type_: str, message: str) -> str:
    return (
        '{"type": "error", "error": {"type": "' + type_ + '", "message": "' + message + '"}, '
        '"request_id": "req_011CSHoEeqs5C35K2UUqR7Fy"}'
    )


PROVIDER = Provider(
    id="anthropic",
    name="Anthropic",
    kind="provider",
    site="anthropic.com",
    hosts=("api.anthropic.com",),
    keys=("anthropic-api", "anthropic-admin", "anthropic-other"),
    key_platform="anthropic",
    native_base="https://api.anthropic.com",
    key_kinds=(("sk-ant-oat", "anthropic-oauth"),),  # Claude Code login tokens: Bearer only
    accepts=("anthropic-oauth",),
    protocols=("anthropic",),
    dialect="anthropic",
    words=("anthropic", "claude"),
    aliases=("claude",),
    default_for=("anthropic", "messages"),
    model_families=(r"claude",),
    family_rank=1,
    client_endpoints=(r"api\.anthropic\.com/v1/messages",),
    docs=DOCS,
    status_page=StatusPage(
        "https://status.anthropic.com",
        "statuspage.io v2",
        "https://status.anthropic.com/api/v2/summary.json",
    ),
    errors=(
        Documented(
            "authentication_error",
            Cause.KEY_INVALID,
            DOCS,
            "Error code: 401 - " + _body("authentication_error", "invalid x-api-key"),
            "The API key is missing, malformed or revoked.",
            status=401,
            field="type",
            decides=False,
            why_not="The same type says a key is missing or invalid, and "
            "relays reuse it for their own tokens; the identity rules read which.",
        ),
        Documented(
            "billing_error",
            Cause.INSUFFICIENT_BALANCE,
            DOCS,
            "Error code: 402 - "
            + _body(
                "billing_error",
                "There is an issue with your account's billing. Please check your plan.",
            ),
            "A billing or payment problem on the account.",
            status=402,
            field="type",
        ),
        Documented(
            "permission_error",
            Cause.PERMISSION_MODEL,
            DOCS,
            "Error code: 403 - "
            + _body(
                "permission_error",
                "Your API key does not have permission to use the specified resource.",
            ),
            "The key may not use this resource.",
            status=403,
            field="type",
            decides=False,
            why_not="Anthropic also answers permission_error for an unsupported region and "
            "for organisation policy; the wording decides between them.",
        ),
        Documented(
            "not_found_error",
            Cause.MODEL_NOT_FOUND,
            DOCS,
            "Error code: 404 - " + _body("not_found_error", "model: claude-9-opus"),
            "The requested resource (usually the model) does not exist.",
            status=404,
            field="type",
            decides=False,
            why_not="The same type answers a wrong path; the request rules read whether a "
            "model is named.",
        ),
        Documented(
            "request_too_large",
            Cause.REQUEST_TOO_LARGE,
            DOCS,
            "Error code: 413 - "
            + _body("request_too_large", "Request exceeds the maximum allowed number of bytes."),
            "The request is larger than the API accepts (32 MB for Messages).",
            status=413,
            field="type",
        ),
        Documented(
            "rate_limit_error",
            Cause.TPM,
            DOCS,
            "Error code: 429 - "
            + _body(
                "rate_limit_error",
                "Number of request tokens has exceeded your per-minute rate limit",
            ),
            "An organisation rate limit was hit.",
            status=429,
            field="type",
            decides=False,
            why_not="Anthropic's messages say which limit (requests, input or output tokens); "
            "the rate-limit rules read them.",
        ),
        Documented(
            "api_error",
            Cause.SERVER_ERROR,
            DOCS,
            "Error code: 500 - " + _body("api_error", "Internal server error"),
            "An unexpected error inside Anthropic's systems.",
            status=500,
            field="type",
            decides=False,
            why_not="Relays and proxies wrap every kind of failure in an "
            "Anthropic-shaped api_error; the wording and status decide.",
        ),
        Documented(
            "overloaded_error",
            Cause.OVERLOADED,
            DOCS,
            "Error code: 529 - " + _body("overloaded_error", "Overloaded"),
            "The API is temporarily overloaded; retry with backoff.",
            status=529,
            field="type",
        ),
        Documented(
            "timeout_error",
            Cause.GATEWAY_TIMEOUT,
            DOCS,
            "Error code: 504 - " + _body("timeout_error", "Request timed out"),
            "The request timed out inside Anthropic; streaming avoids it for long outputs.",
            status=504,
            field="type",
        ),
        Documented(
            "invalid_request_error",
            Cause.UNKNOWN,
            DOCS,
            "anthropic.BadRequestError: Error code: 400 - {'type': 'error', 'error': {'type': "
            "'invalid_request_error', 'message': 'max_tokens: Field required'}, 'request_id': "
            "'req_011CSHoEeqs5C35K2UUqR7Fy'}",
            "400: an issue with the format or content of the request (also used for other "
            "4xx errors the list does not name).",
            status=400,
            field="type",
            decides=False,
            why_not="The type covers every kind of bad request, and Anthropic also sends it "
            "for a low credit balance; the request and quota rules read the message.",
            layer=Layer.REQUEST,
        ),
    ),
)
