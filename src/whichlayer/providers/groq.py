"""Groq: OpenAI-compatible, with its own 498 capacity status."""

from whichlayer.providers._base import Documented, Provider, StatusPage, by_status
from whichlayer.taxonomy import Cause

DOCS = "https://console.groq.com/docs/errors"

PROVIDER = Provider(
    id="groq",
    name="Groq",
    kind="provider",
    site="groq.com",
    hosts=("api.groq.com",),
    keys=("groq",),
    key_platform="groq",
    protocols=("openai",),
    openai_base="https://api.groq.com/openai/v1",
    words=("groq",),
    docs=DOCS,
    status_page=StatusPage(
        "https://groqstatus.com", "statuspage.io v2", "https://groqstatus.com/api/v2/summary.json"
    ),
    errors=(
        by_status(
            498,
            Cause.OVERLOADED,
            DOCS,
            "POST https://api.groq.com/openai/v1/chat/completions\nError code: 498 - "
            '{"error": {"message": "Flex tier capacity exceeded. This is a temporary error, '
            'please try again later.", "type": "service_unavailable"}}',
            "Flex tier capacity is full; retry later.",
        ),
        Documented(
            "invalid_api_key",
            Cause.KEY_INVALID,
            DOCS,
            "POST https://api.groq.com/openai/v1/chat/completions\nError code: 401 - "
            '{"error": {"message": "Invalid API Key", "type": "invalid_request_error", '
            '"code": "invalid_api_key"}}',
            "The key is not a valid Groq key.",
            status=401,
            context=True,
        ),
        Documented(
            "rate_limit_exceeded",
            Cause.TPM,
            DOCS,
            '{"error": {"message": "Rate limit reached for model `llama-3.3-70b-versatile` in '
            "organization `org_01` service tier `on_demand` on tokens per minute (TPM): Limit "
            '6000, Used 5800, Requested 900.", "type": "tokens", "code": '
            '"rate_limit_exceeded"}}',
            "A per-minute or per-day limit of the organisation was hit.",
            status=429,
            decides=False,
            why_not="The message names the limit (TPM, RPM, TPD); the rate-limit rules read it.",
        ),
        by_status(
            413,
            Cause.REQUEST_TOO_LARGE,
            DOCS,
            "POST https://api.groq.com/openai/v1/chat/completions\nError code: 413 - "
            '{"error": {"message": "Request Entity Too Large", "type": '
            '"invalid_request_error", "code": "request_too_large"}}',
            "The request body exceeds the size limit.",
        ),
    ),
)
