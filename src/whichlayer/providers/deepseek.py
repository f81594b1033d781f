"""DeepSeek: OpenAI-compatible; the status says what failed."""

from whichlayer.providers._base import Provider, StatusPage, by_status
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://api-docs.deepseek.com/quick_start/error_codes"
_URL = "POST https://api.deepseek.com/chat/completions\n"

PROVIDER = Provider(
    id="deepseek",
    name="DeepSeek",
    kind="provider",
    site="deepseek.com",
    hosts=("api.deepseek.com",),
    keys=("deepseek",),
    key_platform="deepseek",
    protocols=("openai", "anthropic"),
    openai_base="https://api.deepseek.com",
    words=("deepseek",),
    model_families=(r"deepseek",),
    family_rank=5,
    docs=DOCS,
    status_page=StatusPage(
        "https://status.deepseek.com",
        "statuspage.io v2",
        "https://status.deepseek.com/api/v2/summary.json",
    ),
    errors=(
        by_status(
            402,
            Cause.INSUFFICIENT_BALANCE,
            DOCS,
            _URL + "Error code: 402 - {'error': {'message': 'Insufficient Balance', 'type': "
            "'unknown_error', 'param': None, 'code': 'invalid_request_error'}}",
            "The account balance is used up; top up.",
        ),
        by_status(
            422,
            Cause.UNKNOWN,
            DOCS,
            _URL + "Error code: 422 - {'error': {'message': 'Failed to deserialize the JSON body "
            "into the target type: messages[0]: missing field `content`', 'type': "
            "'invalid_request_error', 'param': None, 'code': 'invalid_request_error'}}",
            "A parameter is invalid.",
            decides=False,
            layer=Layer.REQUEST,
            why_not="A deserialisation failure is a malformed body, not a bad value; the "
            "request rules read which.",
            context=False,
        ),
        by_status(
            503,
            Cause.OVERLOADED,
            DOCS,
            _URL + "Error code: 503 - {'error': {'message': 'Server overloaded, please try again "
            "later', 'type': 'server_error'}}",
            "The servers are overloaded by traffic.",
        ),
        by_status(
            401,
            Cause.KEY_INVALID,
            DOCS,
            _URL + "Error code: 401 - {'error': {'message': 'Authentication Fails, Your api key: "
            "****abcd is invalid', 'type': 'authentication_error', 'param': None, 'code': "
            "'invalid_request_error'}}",
            "The key is wrong.",
        ),
        by_status(
            400,
            Cause.MALFORMED_BODY,
            DOCS,
            _URL + "Error code: 400 - {'error': {'message': 'Invalid request body format.', "
            "'type': 'invalid_request_error', 'param': None, 'code': 'invalid_request_error'}}",
            "Invalid format: the request body is malformed; fix it as the message says.",
        ),
        by_status(
            429,
            Cause.UNKNOWN,
            DOCS,
            _URL + "Error code: 429 - {'error': {'message': 'Rate Limit Reached', 'type': "
            "'rate_limit_error', 'param': None, 'code': 'rate_limit_reached'}}",
            "Requests are sent too fast; pace them (DeepSeek's limits are dynamic, so the "
            "doc names no RPM or TPM).",
            layer=Layer.RATE_LIMIT,
        ),
        by_status(
            500,
            Cause.SERVER_ERROR,
            DOCS,
            _URL + "Error code: 500 - {'error': {'message': 'Server Error', 'type': "
            "'server_error', 'param': None, 'code': 'server_error'}}",
            "The server had an issue; retry after a brief wait.",
        ),
    ),
)
