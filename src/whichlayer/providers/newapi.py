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
    ),
)
