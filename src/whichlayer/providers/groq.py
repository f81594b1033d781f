"""Groq: OpenAI-compatible, with its own 498 capacity status."""

from whichlayer.providers._base import Documented, Provider, StatusPage, by_status
from whichlayer.taxonomy import Cause, Layer

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
        Documented(
            "model_decommissioned",
            Cause.MODEL_NOT_FOUND,
            "https://console.groq.com/docs/deprecations",
            "groq.BadRequestError: Error code: 400 - {'error': {'message': 'The model "
            "`mixtral-8x7b-32768` has been decommissioned and is no longer supported. Please "
            "refer to https://console.groq.com/docs/deprecations for a recommendation on which "
            "model to use instead.', 'type': 'invalid_request_error', 'code': "
            "'model_decommissioned'}}",
            "The model was retired; the deprecations page names its replacement.",
            status=400,
        ),
        Documented(
            "organization_restricted",
            Cause.POLICY_BLOCK,
            DOCS,
            "groq.BadRequestError: Error code: 400 - {'error': {'message': 'Organization has "
            "been restricted. Please reach out to support if you believe this was in error.', "
            "'type': 'invalid_request_error', 'code': 'organization_restricted'}}",
            "Groq restricted the organization; only its support can lift it.",
            status=400,
        ),
        Documented(
            "model_permission_blocked_org",
            Cause.PERMISSION_MODEL,
            DOCS,
            "groq.PermissionDeniedError: Error code: 403 - {'error': {'message': 'The model "
            "`openai/gpt-oss-120b` is blocked at the organization level. Please have the org "
            "admin enable this model in the org settings at "
            "https://console.groq.com/settings/limits', 'type': 'permission_error', 'code': "
            "'model_permission_blocked_org'}}",
            "403 Forbidden: an organization admin blocked this model.",
            status=403,
        ),
        Documented(
            "model_terms_required",
            Cause.PERMISSION_MODEL,
            DOCS,
            "groq.BadRequestError: Error code: 400 - {'error': {'message': 'The model "
            "`playai-tts` requires terms acceptance. Please have the org admin accept the terms "
            "at https://console.groq.com/playground?model=playai-tts', 'type': "
            "'invalid_request_error', 'code': 'model_terms_required'}}",
            "The model's terms must be accepted by an organization admin before it can be used.",
            status=400,
        ),
        Documented(
            "tool_use_failed",
            Cause.TOOL_SCHEMA,
            DOCS,
            "groq.BadRequestError: Error code: 400 - {'error': {'message': \"Failed to call a "
            "function. Please adjust your prompt. See 'failed_generation' for more details.\", "
            "'type': 'invalid_request_error', 'code': 'tool_use_failed', 'failed_generation': "
            "'<function=get_weather>{}'}}",
            "The model produced a tool call that does not parse against the tools sent.",
            status=400,
            decides=False,
            why_not="The model's output failed, not always the schema; the tool rules read "
            "the wording.",
        ),
        Documented(
            "json_validate_failed",
            Cause.UNKNOWN,
            DOCS,
            "groq.BadRequestError: Error code: 400 - {'error': {'message': 'Failed to generate "
            "JSON. Please adjust your prompt. See \\'failed_generation\\' for more details.', "
            "'type': 'invalid_request_error', 'code': 'json_validate_failed', "
            "'failed_generation': '{\"a\": '}}",
            "JSON mode: the model's output was not valid JSON (a 400, though the output failed).",
            status=400,
            decides=False,
            why_not="No cause of the taxonomy fits a model's invalid output; the layer comes "
            "from the status.",
            layer=Layer.REQUEST,
        ),
        by_status(
            422,
            Cause.UNKNOWN,
            DOCS,
            "POST https://api.groq.com/openai/v1/chat/completions\nError code: 422 - "
            "{'error': {'message': 'The model generated an invalid response.', 'type': "
            "'invalid_request_error'}}",
            "422 Unprocessable Entity: well-formed but semantically wrong, or the model "
            "hallucinated; the doc suggests fixing the data or retrying.",
            decides=False,
            why_not="The doc names two unlike causes; the request rules read the message.",
            layer=Layer.REQUEST,
        ),
        by_status(
            500,
            Cause.SERVER_ERROR,
            DOCS,
            "POST https://api.groq.com/openai/v1/chat/completions\nError code: 500 - "
            "{'error': {'message': 'Internal Server Error', 'type': 'internal_server_error'}}",
            "500 Internal Server Error: a generic failure on Groq's side.",
        ),
        by_status(
            502,
            Cause.BAD_GATEWAY,
            DOCS,
            "POST https://api.groq.com/openai/v1/chat/completions\nError code: 502 - "
            "{'error': {'message': 'Bad Gateway', 'type': 'internal_server_error'}}",
            "502 Bad Gateway: an upstream server inside Groq answered invalidly.",
        ),
        by_status(
            503,
            Cause.UNAVAILABLE,
            DOCS,
            "POST https://api.groq.com/openai/v1/chat/completions\nError code: 503 - "
            "{'error': {'message': 'Service Unavailable', 'type': 'internal_server_error'}}",
            "503 Service Unavailable: maintenance or overload.",
            decides=False,
            why_not="The doc names maintenance or overload; the upstream rules read which.",
        ),
    ),
)
