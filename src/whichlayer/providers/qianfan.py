"""Baidu AI Cloud Qianfan (ERNIE): ``error_code`` / ``error_msg`` bodies."""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://ai.baidu.com/ai-doc/WENXINWORKSHOP/tlmyncueh"
#: The OpenAI-compatible v2 API's codes (``error.code`` strings).
DOCS_V2 = "https://cloud.baidu.com/doc/qianfan-api/s/Om9b4yj3w"
_V2_URL = "POST https://qianfan.baidubce.com/v2/chat/completions\n"


def _row(code: str, cause: Cause, message: str, meaning: str) -> Documented:
    return Documented(
        code,
        cause,
        DOCS,
        '{"error_code": ' + code + ', "error_msg": "' + message + '"}',
        meaning,
        context=True,
    )


def _v2(
    code: str,
    cause: Cause,
    status: int,
    type_: str,
    message: str,
    meaning: str,
    *,
    layer: Layer | None = None,
    decides: bool = True,
    why_not: str = "",
    context: bool = True,
) -> Documented:
    """A v2 code, as the OpenAI SDK prints it. Most are words other servers use too
    (``context``: they decide only where Qianfan is recognised)."""
    body = (
        '{"error": {"code": "'
        + code
        + '", "message": "'
        + message
        + '", "type": "'
        + type_
        + '"}, "id": "as-t2z8xi6mm8"}'
    )
    return Documented(
        code,
        cause,
        DOCS_V2,
        _V2_URL + f"Error code: {status} - " + body,
        meaning,
        status=status,
        context=context,
        layer=layer,
        decides=decides,
        why_not=why_not,
    )


PROVIDER = Provider(
    id="qianfan",
    name="Baidu Qianfan (ERNIE)",
    kind="cloud",
    hosts=("qianfan.baidubce.com", "aip.baidubce.com"),
    protocols=("openai", "qianfan"),
    dialect="qianfan",
    words=("qianfan", "baidubce", "wenxin", "ernie"),
    docs=DOCS,
    errors=(
        _row(
            "2",
            Cause.UNAVAILABLE,
            "Service temporarily unavailable",
            "The service is temporarily unavailable; retry.",
        ),
        _row(
            "4",
            Cause.OVERLOADED,
            "Open api request limit reached",
            "The cluster's overall limit was reached; retry.",
        ),
        _row(
            "6",
            Cause.PERMISSION_MODEL,
            "No permission to access data",
            "The app may not use this service.",
        ),
        _row(
            "17",
            Cause.QUOTA_EXHAUSTED,
            "Open api daily request limit reached",
            "The daily request quota is used up, or a paid API is not activated or the "
            "account is in arrears.",
        ),
        _row(
            "18",
            Cause.RPM,
            "Open api qps request limit reached",
            "The queries-per-second limit was exceeded.",
        ),
        _row(
            "19",
            Cause.QUOTA_EXHAUSTED,
            "Open api total request limit reached",
            "A free API's total request quota is used up.",
        ),
        _row(
            "110",
            Cause.KEY_INVALID,
            "Access token invalid or no longer valid",
            "The access token is invalid.",
        ),
        _row(
            "111",
            Cause.KEY_EXPIRED,
            "Access token expired",
            "The access token has expired; fetch a new one.",
        ),
        _row(
            "336501",
            Cause.RPM,
            "Rate limit reached for RPM",
            "The requests-per-minute limit was exceeded.",
        ),
        _row(
            "336502",
            Cause.TPM,
            "Rate limit reached for TPM",
            "The tokens-per-minute limit was exceeded.",
        ),
        _row("1", Cause.SERVER_ERROR, "Unknown error", "An internal error at the server; retry."),
        _row(
            "3",
            Cause.ENDPOINT_MISMATCH,
            "Unsupported openapi method",
            "The API called does not exist; check the URL.",
        ),
        _row(
            "13",
            Cause.KEY_INVALID,
            "Get service token failed",
            "Getting the service token failed (authentication).",
        ),
        _row(
            "14",
            Cause.KEY_INVALID,
            "IAM Certification failed",
            "IAM authentication failed: the AK/SK or signature is wrong.",
        ),
        _row(
            "15",
            Cause.SERVER_ERROR,
            "app not exists or create failed",
            "The app does not exist or could not be created; a retry usually solves it.",
        ),
        _row(
            "100",
            Cause.KEY_INVALID,
            "Invalid parameter",
            "The access_token parameter is invalid (an authentication error, despite the name).",
        ),
        _row(
            "336000",
            Cause.SERVER_ERROR,
            "Internal error",
            "An internal error at the service; retry.",
        ),
        _row(
            "336001",
            Cause.INVALID_PARAMETER,
            "Invalid Argument",
            "An argument of the request is invalid.",
        ),
        _row("336002", Cause.MALFORMED_BODY, "Invalid JSON", "The request body is not valid JSON."),
        _row(
            "336004",
            Cause.PERMISSION_MODEL,
            "Permission error",
            "The cloud user has no permission to call this API or model.",
        ),
        _row(
            "336005",
            Cause.ENDPOINT_MISMATCH,
            "API name not exist",
            "The custom service's API name does not exist; check the URL.",
        ),
        _row(
            "336100",
            Cause.OVERLOADED,
            "try again later",
            "The service is under high load; retry later.",
        ),
        _row(
            "336101",
            Cause.ENDPOINT_MISMATCH,
            "Invalid HTTP method",
            "The HTTP method is not supported (chat takes POST).",
        ),
        _row(
            "336104",
            Cause.INVALID_PARAMETER,
            "Invalid argument system",
            "The system field is invalid.",
        ),
        _row(
            "336105",
            Cause.INVALID_PARAMETER,
            "Invalid argument user setting",
            "The user_setting field is invalid.",
        ),
        Documented(
            "336003",
            Cause.UNKNOWN,
            DOCS,
            '{"error_code": 336003, "error_msg": "the length of messages must be an odd number", '
            '"id": "as-r2m1yiqv5z"}',
            "A parameter is invalid; the message says which (the messages' shape, a value).",
            context=True,
            layer=Layer.REQUEST,
            decides=False,
            why_not="One code for a malformed messages array and for bad values; the request "
            "rules read the message.",
        ),
        _v2(
            "malformed_json",
            Cause.MALFORMED_BODY,
            400,
            "invalid_request_error",
            "Invalid Argument",
            "The body is not standard JSON.",
        ),
        _v2(
            "invalid_model",
            Cause.UNKNOWN,
            400,
            "invalid_request_error",
            "model is empty",
            "400: no model given; 401: the user may not use this model.",
            layer=Layer.REQUEST,
            decides=False,
            why_not="The same code means a missing model (400) and no permission for it (401); "
            "the status and message tell which, and the engine's rules read them.",
        ),
        _v2(
            "invalid_messages",
            Cause.MALFORMED_BODY,
            400,
            "invalid_request_error",
            "the role of first message must be user",
            "The messages array is not in the documented shape; the message says how.",
        ),
        _v2(
            "characters_too_long",
            Cause.CONTEXT_LENGTH,
            400,
            "invalid_request_error",
            "the max input characters is 20000",
            "The input is over the model's character limit.",
        ),
        _v2(
            "tokens_too_long",
            Cause.CONTEXT_LENGTH,
            400,
            "invalid_request_error",
            "Prompt tokens too long",
            "The input is over the model's token limit.",
        ),
        _v2(
            "invalid_argument",
            Cause.INVALID_PARAMETER,
            400,
            "invalid_request_error",
            "the value of temperature must be in (0, 1]",
            "A parameter is invalid; the message says which.",
        ),
        _v2(
            "invalid_image_url",
            Cause.INVALID_PARAMETER,
            400,
            "invalid_request_error",
            "the image width and height are not within the allowed range",
            "An image's size is outside the allowed range (under 6000x6000 px, sides at least 5 "
            "px).",
        ),
        _v2(
            "image_url_unsafe",
            Cause.CONTENT_FILTER,
            400,
            "unsafe_request",
            "the content of image_url.url is unsafe",
            "An input image was judged unsafe.",
        ),
        _v2(
            "no_parameter_permission",
            Cause.PERMISSION_MODEL,
            401,
            "access_denied",
            "no permission to use parameter web_search",
            "The user may not use this parameter or feature.",
        ),
        _v2(
            "invalid_appid",
            Cause.ORG_MISMATCH,
            401,
            "invalid_request_error",
            "No permission to use the appid",
            "The appid is not one the user may use.",
        ),
        _v2(
            "invalid_iam_token",
            Cause.KEY_INVALID,
            401,
            "invalid_request_error",
            "IAM Certification failed",
            "The API key (bearer token) failed authentication: wrong, expired or not a v2 key.",
        ),
        _v2(
            "system_unsafe",
            Cause.CONTENT_FILTER,
            403,
            "unsafe_request",
            "the content of system field is invalid",
            "The system prompt was judged unsafe.",
        ),
        _v2(
            "user_setting_unsafe",
            Cause.CONTENT_FILTER,
            403,
            "unsafe_request",
            "the content of user_setting field is invalid",
            "The user_setting content was judged unsafe.",
        ),
        _v2(
            "functions_unsafe",
            Cause.CONTENT_FILTER,
            403,
            "unsafe_request",
            "the content of functions field is invalid",
            "The functions content was judged unsafe.",
        ),
        _v2(
            "method_not_supported",
            Cause.ENDPOINT_MISMATCH,
            405,
            "invalid_request_error",
            "only support post method",
            "The endpoint takes POST only.",
        ),
        _v2(
            "rpm_rate_limit_exceeded",
            Cause.RPM,
            429,
            "rate_limit_exceeded",
            "Rate limit reached for RPM",
            "The requests-per-minute quota was exceeded.",
        ),
        _v2(
            "tpm_rate_limit_exceeded",
            Cause.TPM,
            429,
            "rate_limit_exceeded",
            "Rate limit reached for TPM",
            "The tokens-per-minute quota was exceeded.",
        ),
        _v2(
            "input_tpm_rate_limit_exceeded",
            Cause.TPM,
            429,
            "rate_limit_exceeded",
            "Rate limit reached for input TPM",
            "The input tokens-per-minute quota was exceeded.",
        ),
        _v2(
            "output_tpm_rate_limit_exceeded",
            Cause.TPM,
            429,
            "rate_limit_exceeded",
            "Rate limit reached for output TPM",
            "The output tokens-per-minute quota was exceeded.",
        ),
        _v2(
            "user_rate_limit_exceeded",
            Cause.RPM,
            429,
            "rate_limit_exceeded",
            "Rate limit reached for QPS",
            "The user's queries-per-second quota was exceeded.",
        ),
        _v2(
            "cluster_rate_limit_exceeded",
            Cause.OVERLOADED,
            429,
            "rate_limit_exceeded",
            "cluster QPS limit reached",
            "The serving cluster's overall QPS limit was reached; retry later.",
            context=False,
        ),
        _v2(
            "cluster_rpm_rate_limit_exceeded",
            Cause.OVERLOADED,
            429,
            "rate_limit_exceeded",
            "cluster RPM limit reached",
            "The serving cluster's overall RPM limit was reached.",
            context=False,
        ),
        _v2(
            "cluster_tpm_rate_limit_exceeded",
            Cause.OVERLOADED,
            429,
            "rate_limit_exceeded",
            "cluster TPM limit reached",
            "The serving cluster's overall TPM limit was reached.",
            context=False,
        ),
        _v2(
            "preemptible_rate_limit_exceeded",
            Cause.OVERLOADED,
            429,
            "rate_limit_exceeded",
            "preemptible resource QPS limit reached",
            "The shared preemptible resource pool is at its QPS limit; retry later.",
            context=False,
        ),
        _v2(
            "Offline_batch_reasoning_refused",
            Cause.QUEUE,
            429,
            "rate_limit_exceeded",
            "offline batch inference traffic refused",
            "Batch inference traffic was refused; retry later.",
        ),
        _v2(
            "internal_error",
            Cause.SERVER_ERROR,
            500,
            "internal_error",
            "Internal error",
            "An internal error; retry.",
        ),
        _v2(
            "dispatch_internal_error",
            Cause.SERVER_ERROR,
            500,
            "internal_error",
            "dispatch internal error",
            "The dispatch service failed; retry.",
        ),
    ),
)
