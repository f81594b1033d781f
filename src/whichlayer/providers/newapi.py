"""one-api and new-api relays (and their many rebrands): ``*_api_error`` types,
``(request id: ...)`` suffixes, and new-api's error codes."""

from whichlayer.providers._base import RELAY_DASHBOARD, Documented, Provider
from whichlayer.taxonomy import Cause, Layer, Origin

DOCS = "https://github.com/QuantumNous/new-api/blob/main/types/error.go"


def _body(code: str, message: str) -> str:
    return (
        '{"error": {"message": "' + message + ' (request id: 20250101120000123456789AbCd)",'
        ' "type": "new_api_error", "param": "", "code": "' + code + '"}}'
    )


PROVIDER = Provider(
    id="newapi",
    name="one-api / new-api",
    kind="relay",
    protocols=("openai", "anthropic", "gemini"),
    dialect="new-api",
    keys=("relay-token",),
    key_platform="relay",
    words=("new-api", "one-api", "new_api", "one_api"),
    hop_headers=(
        ("x-oneapi-request-id", "", "a one-api relay handled the call"),
        ("x-new-api-version", "", "a new-api relay handled the call"),
    ),
    first_steps=(RELAY_DASHBOARD,),
    docs=DOCS,
    owner="The relay's token, user quota and channel errors are its own; "
    "bad_response_status_code and upstream_error pass on the upstream channel's answer.",
    errors=(
        Documented(
            "insufficient_user_quota",
            Cause.INSUFFICIENT_BALANCE,
            DOCS,
            "Error code: 403 - "
            + _body("insufficient_user_quota", "用户额度不足, 剩余额度: ＄0.000000"),
            "The relay account's balance is used up.",
            status=403,
            origin=Origin.RELAY,
        ),
        Documented(
            "pre_consume_token_quota_failed",
            Cause.BILLING_CAP,
            DOCS,
            "Error code: 403 - "
            + _body(
                "pre_consume_token_quota_failed",
                "token quota is not enough, token remain quota: ＄0.01, need quota: ＄0.05",
            ),
            "The relay token's own quota cannot cover the request.",
            status=403,
            origin=Origin.RELAY,
        ),
        Documented(
            "sensitive_words_detected",
            Cause.CONTENT_FILTER,
            DOCS,
            "Error code: 400 - " + _body("sensitive_words_detected", "sensitive words detected"),
            "The relay's own word filter refused the prompt.",
            status=400,
            origin=Origin.RELAY,
        ),
        Documented(
            "do_request_failed",
            Cause.RELAY_UPSTREAM_ERROR,
            DOCS,
            "Error code: 500 - "
            + _body(
                "do_request_failed",
                'do request failed: Post \\"https://api.example.com/v1/chat/completions\\": EOF',
            ),
            "The relay could not complete its request to the upstream channel.",
            status=500,
            origin=Origin.RELAY,
            decides=False,
            why_not="new-api also wraps an upstream's refusal (content policy, ...) in this "
            "code; the wording inside decides.",
        ),
        Documented(
            "bad_response_status_code",
            Cause.UNKNOWN,
            DOCS,
            "Error code: 500 - "
            + _body("bad_response_status_code", "bad response status code 524"),
            "The upstream channel answered an error status.",
            status=500,
            decides=False,
            layer=Layer.UPSTREAM,
            why_not="The upstream's status (in param) decides the cause; the engine reads "
            "it as the status.",
        ),
        Documented(
            "channel:invalid_key",
            Cause.UPSTREAM_KEY_INVALID,
            DOCS,
            "Error code: 401 - " + _body("channel:invalid_key", "invalid key for channel #3"),
            "The key the relay's channel holds for its upstream is not valid.",
            status=401,
            origin=Origin.RELAY,
        ),
        Documented(
            "channel:no_available_key",
            Cause.UNAVAILABLE,
            DOCS,
            "Error code: 503 - "
            + _body("channel:no_available_key", "no available key in channel #3"),
            "Every key of the relay's channel is disabled or used up; the relay's admin must "
            "add or re-enable one.",
            status=503,
            origin=Origin.RELAY,
        ),
        Documented(
            "channel:response_time_exceeded",
            Cause.GATEWAY_TIMEOUT,
            DOCS,
            "Error code: 504 - "
            + _body("channel:response_time_exceeded", "channel response time exceeded"),
            "The relay's channel took longer than its response-time limit.",
            status=504,
            origin=Origin.RELAY,
        ),
        Documented(
            "model_price_error",
            Cause.MODEL_NOT_FOUND,
            DOCS,
            "Error code: 500 - "
            + _body(
                "model_price_error",
                "Model gpt-9 ratio or price not set, please set or start self-use mode",
            ),
            "The relay has no price (ratio) for the model, so it will not serve it; its admin "
            "must set one.",
            status=500,
            origin=Origin.RELAY,
        ),
        Documented(
            "prompt_blocked",
            Cause.CONTENT_FILTER,
            DOCS,
            "Error code: 400 - " + _body("prompt_blocked", "prompt blocked by upstream"),
            "The upstream refused the prompt (its safety filter), as the relay reports it.",
            status=400,
        ),
        Documented(
            "bad_request_body",
            Cause.MALFORMED_BODY,
            DOCS,
            "Error code: 400 - "
            + _body("bad_request_body", "invalid character 'x' looking for beginning of value"),
            "The relay could not parse the request body.",
            status=400,
            origin=Origin.RELAY,
        ),
        Documented(
            "convert_request_failed",
            Cause.INVALID_PARAMETER,
            DOCS,
            "Error code: 500 - " + _body("convert_request_failed", "请求上游地址失败"),
            "The relay could not turn the request into the upstream channel's format (a"
            " content part, file type or parameter that channel does not take); new-api files"
            " it among its client errors (4002) and does not retry it, though it answers 500.",
            status=500,
            origin=Origin.RELAY,
        ),
        Documented(
            "read_response_body_failed",
            Cause.RELAY_UPSTREAM_ERROR,
            DOCS,
            "Error code: 500 - " + _body("read_response_body_failed", "unexpected EOF"),
            "The relay could not read its upstream's answer.",
            status=500,
            origin=Origin.RELAY,
        ),
        Documented(
            "empty_response",
            Cause.RELAY_UPSTREAM_ERROR,
            DOCS,
            "Error code: 500 - " + _body("empty_response", "empty response from upstream"),
            "The upstream answered with nothing the relay could pass on.",
            status=500,
            origin=Origin.RELAY,
        ),
        Documented(
            "token_concurrency_limit_reached",
            Cause.GATEWAY_LIMIT,
            DOCS,
            "Error code: 429 - "
            + _body("token_concurrency_limit_reached", "token concurrency limit reached"),
            "The relay's limit on requests in flight for this token was reached.",
            status=429,
            origin=Origin.RELAY,
        ),
        Documented(
            "entitlement_daily_limit_exceeded",
            Cause.PLAN_LIMIT,
            DOCS,
            "Error code: 429 - "
            + _body("entitlement_daily_limit_exceeded", "subscription daily limit exceeded"),
            "The relay subscription's daily allowance is used up.",
            status=429,
            origin=Origin.RELAY,
        ),
        Documented(
            "entitlement_total_limit_exceeded",
            Cause.PLAN_LIMIT,
            DOCS,
            "Error code: 429 - "
            + _body("entitlement_total_limit_exceeded", "subscription total limit exceeded"),
            "The relay subscription's total allowance is used up.",
            status=429,
            origin=Origin.RELAY,
        ),
        Documented(
            "entitlement_required",
            Cause.BILLING_CAP,
            DOCS,
            "Error code: 403 - "
            + _body("entitlement_required", "an active subscription is required"),
            "The relay serves this only with a subscription the account does not have.",
            status=403,
            origin=Origin.RELAY,
        ),
        Documented(
            "entitlement_inactive",
            Cause.BILLING_CAP,
            DOCS,
            "Error code: 403 - " + _body("entitlement_inactive", "subscription is not active"),
            "The account's relay subscription is not active.",
            status=403,
            origin=Origin.RELAY,
        ),
        Documented(
            "query_data_error",
            Cause.SERVER_ERROR,
            DOCS,
            "Error code: 500 - " + _body("query_data_error", "database query failed"),
            "The relay's own database query failed.",
            status=500,
            origin=Origin.RELAY,
        ),
    ),
)
