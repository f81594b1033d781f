"""Cerebras Inference: OpenAI-compatible, with queue and token-quota codes."""

from whichlayer.providers._base import Documented, Provider, StatusPage, by_status
from whichlayer.taxonomy import Cause

DOCS = "https://inference-docs.cerebras.ai/support/error"
LIMITS = "https://inference-docs.cerebras.ai/support/rate-limits"

PROVIDER = Provider(
    id="cerebras",
    name="Cerebras",
    kind="provider",
    site="cerebras.ai",
    hosts=("api.cerebras.ai",),
    keys=("cerebras",),
    key_platform="cerebras",
    protocols=("openai",),
    openai_base="https://api.cerebras.ai/v1",
    words=("cerebras",),
    docs=DOCS,
    status_page=StatusPage(
        "https://status.cerebras.ai",
        "statuspage.io v2",
        "https://status.cerebras.ai/api/v2/summary.json",
    ),
    errors=(
        Documented(
            "queue_exceeded",
            Cause.QUEUE,
            LIMITS,
            "Error code: 429 - {'message': \"We're experiencing high traffic right now! "
            "Please try again soon.\", 'type': 'too_many_requests_error', 'param': 'queue', "
            "'code': 'queue_exceeded'}",
            "The shared request queue is full; retry soon.",
            status=429,
        ),
        Documented(
            "token_quota_exceeded",
            Cause.TPM,
            LIMITS,
            "Error code: 429 - {'message': 'Tokens per minute limit exceeded - too many "
            "tokens processed.', 'type': 'too_many_requests_error', 'param': 'quota', "
            "'code': 'token_quota_exceeded'}",
            "The tokens-per-minute (or per-day) quota was exceeded.",
            status=429,
        ),
        Documented(
            "request_quota_exceeded",
            Cause.RPM,
            LIMITS,
            "Error code: 429 - {'message': 'Requests per minute limit exceeded - too many "
            "requests sent.', 'type': 'too_many_requests_error', 'param': 'quota', 'code': "
            "'request_quota_exceeded'}",
            "The requests-per-minute (or per-day) quota was exceeded.",
            status=429,
        ),
        by_status(
            402,
            Cause.INSUFFICIENT_BALANCE,
            DOCS,
            "POST https://api.cerebras.ai/v1/chat/completions\nError code: 402 - "
            "{'message': 'Payment required', 'type': 'payment_required'}",
            "Payment is required to continue.",
        ),
        by_status(
            401,
            Cause.KEY_INVALID,
            DOCS,
            "cerebras.cloud.sdk.AuthenticationError: Error code: 401 - {'message': 'Wrong API "
            "Key', 'type': 'invalid_request_error', 'param': 'api_key', 'code': "
            "'wrong_api_key'}",
            "401 AuthenticationError: the API key is not valid.",
        ),
        by_status(
            500,
            Cause.SERVER_ERROR,
            DOCS,
            "cerebras.cloud.sdk.InternalServerError: Error code: 500 - {'message': 'Internal "
            "server error', 'type': 'server_error', 'param': None, 'code': None}",
            "500 InternalServerError: a failure on Cerebras' side.",
        ),
        by_status(
            503,
            Cause.UNAVAILABLE,
            DOCS,
            "cerebras.cloud.sdk.InternalServerError: Error code: 503 - {'message': 'Service "
            "unavailable', 'type': 'server_error', 'param': None, 'code': None}",
            "503 ServiceUnavailable: the service is down or at capacity.",
            decides=False,
            why_not="The upstream rules read whether it is down or overloaded.",
        ),
    ),
)
