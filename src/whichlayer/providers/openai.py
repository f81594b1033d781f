"""OpenAI: the API most others imitate."""

from whichlayer.providers._base import Documented, Provider, StatusPage
from whichlayer.taxonomy import Cause, Retry

DOCS = "https://platform.openai.com/docs/guides/error-codes"

PROVIDER = Provider(
    id="openai",
    name="OpenAI",
    kind="provider",
    site="openai.com",
    hosts=("api.openai.com", "chatgpt.com"),
    keys=(
        "openai-project",
        "openai-service-account",
        "openai-admin",
        "openai-legacy",
        "openai-prefixed",
    ),
    key_platform="openai",
    protocols=("openai",),
    openai_base="https://api.openai.com/v1",
    dialect="openai",
    words=("openai",),
    aliases=("chatgpt", "codex"),
    default_for=("openai", "chat_completions", "responses"),
    model_families=(
        r"^(?:openai/)?(?:gpt-|o\d|chatgpt|text-embedding|davinci|babbage|dall-e|whisper|tts)",
    ),
    family_rank=0,
    client_endpoints=(
        r"api\.openai\.com/v1/(?:chat/completions|responses|embeddings)",
        r"chatgpt\.com/backend-api/codex/responses",
    ),
    docs=DOCS,
    status_page=StatusPage(
        "https://status.openai.com",
        "incident.io",
        # the public widget that status.openai.com itself reads (Codex reads it too)
        "https://status.openai.com/proxy/status.openai.com",
        api_words=(
            "api",
            "responses",
            "completions",
            "embeddings",
            "batch",
            "realtime",
            "assistants",
            "fine-tuning",
            "files",
            "moderations",
            "audio",
            "image",
            "codex",
        ),
    ),
    errors=(
        Documented(
            "invalid_api_key",
            Cause.KEY_INVALID,
            DOCS,
            '{"error": {"message": "Incorrect API key provided: sk-abc***wxyz. You can find '
            'your API key at https://platform.openai.com/account/api-keys.", "type": '
            '"invalid_request_error", "param": null, "code": "invalid_api_key"}}',
            "The key sent is not a live OpenAI key.",
            status=401,
            context=True,
        ),
        Documented(
            "insufficient_quota",
            Cause.INSUFFICIENT_BALANCE,
            DOCS,
            "POST https://api.openai.com/v1/chat/completions\n"
            "Error code: 429 - {'error': {'message': 'You exceeded your current quota, please "
            "check your plan and billing details.', 'type': 'insufficient_quota', 'param': "
            "None, 'code': 'insufficient_quota'}}",
            "The prepaid credit is used up (or the monthly spend limit is hit): add credit;"
            " waiting does not help.",
            status=429,
            context=True,
        ),
        Documented(
            "credit_balance_exhausted",
            Cause.INSUFFICIENT_BALANCE,
            DOCS,
            '{"error": {"message": "Your organization has no prepaid credits left.", "type": '
            '"insufficient_quota", "code": "credit_balance_exhausted"}}',
            "The organization's prepaid credit is used up.",
            status=429,
        ),
        Documented(
            "organization_spend_limit_exceeded",
            Cause.BILLING_CAP,
            DOCS,
            '{"error": {"message": "Your organization reached its monthly spend limit.", '
            '"type": "insufficient_quota", "code": "organization_spend_limit_exceeded"}}',
            "The organization's monthly spend limit is reached.",
            status=429,
        ),
        Documented(
            "project_spend_limit_exceeded",
            Cause.BILLING_CAP,
            DOCS,
            '{"error": {"message": "This project reached its monthly spend limit.", '
            '"type": "insufficient_quota", "code": "project_spend_limit_exceeded"}}',
            "The project's monthly spend limit is reached; other projects still work.",
            status=429,
        ),
        Documented(
            "model_not_found",
            Cause.MODEL_NOT_FOUND,
            DOCS,
            '{"error": {"message": "The model `gpt-9` does not exist or you do not have access '
            'to it.", "type": "invalid_request_error", "param": null, "code": '
            '"model_not_found"}}',
            "No such model for this key.",
            status=404,
            decides=False,
            why_not="OpenAI uses the same code when a project may not use a model that "
            "exists; the identity and request rules tell the two apart by the wording.",
        ),
        Documented(
            "context_length_exceeded",
            Cause.CONTEXT_LENGTH,
            DOCS,
            '{"error": {"message": "This model\'s maximum context length is 8192 tokens. '
            'However, your messages resulted in 9000 tokens.", "type": '
            '"invalid_request_error", "param": "messages", "code": "context_length_exceeded"}}',
            "Prompt plus output exceed the model's context window.",
            status=400,
        ),
        Documented(
            "unsupported_country_region_territory",
            Cause.PERMISSION_REGION,
            DOCS,
            '{"error": {"code": "unsupported_country_region_territory", "message": "Country, '
            'region, or territory not supported", "param": null, "type": "request_forbidden"}}',
            "The request comes from a country OpenAI does not serve.",
            status=403,
        ),
        Documented(
            "rate_limit_exceeded",
            Cause.TPM,
            DOCS,
            '{"error": {"message": "Rate limit reached for gpt-4o in organization org-x on '
            'tokens per min (TPM): Limit 30000, Used 29000, Requested 2000.", "type": '
            '"tokens", "param": null, "code": "rate_limit_exceeded"}}',
            "A requests- or tokens-per-minute limit was hit.",
            status=429,
            decides=False,
            why_not="The code does not say which limit; the rate-limit rules read it from "
            "the message (requests, tokens, per day).",
        ),
        Documented(
            "server_error",
            Cause.SERVER_ERROR,
            DOCS,
            '{"error": {"message": "The server had an error while processing your request. '
            'Sorry about that!", "type": "server_error", "param": null, "code": null}}',
            "OpenAI failed while processing the request.",
            status=500,
            field="type",
            decides=False,
            why_not="OpenAI-compatible relays type every failure they pass "
            "on as server_error; the wording and status decide.",
        ),
        Documented(
            "mismatched_organization",
            Cause.ORG_MISMATCH,
            DOCS,
            "openai.AuthenticationError: Error code: 401 - {'error': {'message': "
            "'OpenAI-Organization header should match organization for API key', 'type': "
            "'invalid_request_error', 'param': None, 'code': 'mismatched_organization'}}",
            "The OpenAI-Organization header names an organization the key does not belong to.",
            status=401,
        ),
        Documented(
            "no_organization",
            Cause.ORG_MISMATCH,
            DOCS,
            "openai.AuthenticationError: Error code: 401 - {'error': {'message': 'You must be "
            "a member of an organization to use the API. Please contact us through our help "
            "center at help.openai.com.', 'type': 'invalid_request_error', 'param': None, "
            "'code': 'no_organization'}}",
            "The account behind the key belongs to no organization (documented as 401 - You "
            "must be a member of an organization to use the API).",
            status=401,
        ),
        Documented(
            "account_deactivated",
            Cause.KEY_EXPIRED,
            DOCS,
            "openai.AuthenticationError: Error code: 401 - {'error': {'message': 'This key is "
            "associated with a deactivated account. If you feel this is an error, contact us "
            "through our help center at help.openai.com.', 'type': 'invalid_request_error', "
            "'param': None, 'code': 'account_deactivated'}}",
            "The account the key belongs to was deactivated, so its keys are disabled; a new "
            "key of the same account does not help.",
            status=401,
        ),
        Documented(
            "billing_not_active",
            Cause.BILLING_CAP,
            DOCS,
            "openai.RateLimitError: Error code: 429 - {'error': {'message': 'Your account is "
            "not active, please check your billing details on our website.', 'type': "
            "'billing_not_active', 'param': None, 'code': 'billing_not_active'}}",
            "Billing is not set up or not active for the account.",
            status=429,
        ),
        Documented(
            "billing_hard_limit_reached",
            Cause.BILLING_CAP,
            DOCS,
            "openai.BadRequestError: Error code: 400 - {'error': {'code': "
            "'billing_hard_limit_reached', 'message': 'Billing hard limit has been reached', "
            "'param': None, 'type': 'invalid_request_error'}}",
            "The organization's hard billing limit is reached.",
            status=400,
        ),
        Documented(
            "slow_down",
            Cause.RPM,
            DOCS,
            "openai.InternalServerError: Error code: 503 - {'error': {'message': 'A sudden "
            "increase in your request rate is impacting service reliability. Please reduce "
            "your request rate.', 'type': 'rate_limit_error', 'param': None, 'code': "
            "'slow_down'}}",
            "503 - Slow Down: a sudden rise in the request rate; return to the earlier rate, "
            "hold it for 15 minutes, then raise it gradually.",
            status=503,
            retry=Retry.BACKOFF,
        ),
        Documented(
            "server_is_overloaded",
            Cause.OVERLOADED,
            DOCS,
            "openai.InternalServerError: Error code: 503 - {'error': {'message': 'The engine is "
            "currently overloaded, please try again later', 'type': 'server_error', 'param': "
            "None, 'code': 'server_is_overloaded'}}",
            "OpenAI's servers have too much traffic; retry after a brief wait.",
            status=503,
        ),
        Documented(
            "unsupported_parameter",
            Cause.INVALID_PARAMETER,
            DOCS,
            "openai.BadRequestError: Error code: 400 - {'error': {'message': \"Unsupported "
            "parameter: 'max_tokens' is not supported with this model. Use "
            "'max_completion_tokens' instead.\", 'type': 'invalid_request_error', 'param': "
            "'max_tokens', 'code': 'unsupported_parameter'}}",
            "A parameter the model or endpoint does not take (``param`` names it).",
            status=400,
        ),
        Documented(
            "unsupported_value",
            Cause.INVALID_PARAMETER,
            DOCS,
            "openai.BadRequestError: Error code: 400 - {'error': {'message': \"Unsupported "
            "value: 'temperature' does not support 0.2 with this model. Only the default (1) "
            "value is supported.\", 'type': 'invalid_request_error', 'param': 'temperature', "
            "'code': 'unsupported_value'}}",
            "A parameter value the model does not take.",
            status=400,
            decides=False,
            why_not="OpenAI also answers an unverified organization's streaming request with "
            "this code (param stream); the identity rules read that wording first.",
        ),
        Documented(
            "invalid_type",
            Cause.INVALID_PARAMETER,
            DOCS,
            "openai.BadRequestError: Error code: 400 - {'error': {'message': \"Invalid type for "
            "'temperature': expected a decimal, but got a string instead.\", 'type': "
            "'invalid_request_error', 'param': 'temperature', 'code': 'invalid_type'}}",
            "A parameter has the wrong JSON type.",
            status=400,
        ),
        Documented(
            "unknown_parameter",
            Cause.INVALID_PARAMETER,
            DOCS,
            "openai.BadRequestError: Error code: 400 - {'error': {'message': \"Unknown "
            "parameter: 'reasoning_effort_level'.\", 'type': 'invalid_request_error', 'param': "
            "'reasoning_effort_level', 'code': 'unknown_parameter'}}",
            "A parameter name the endpoint does not know.",
            status=400,
        ),
        Documented(
            "invalid_value",
            Cause.INVALID_PARAMETER,
            DOCS,
            "openai.BadRequestError: Error code: 400 - {'error': {'message': \"Invalid value: "
            "'high-ish'. Supported values are: 'low', 'medium', and 'high'.\", 'type': "
            "'invalid_request_error', 'param': 'reasoning_effort', 'code': 'invalid_value'}}",
            "A parameter value outside the supported set.",
            status=400,
        ),
        Documented(
            "integer_above_max_value",
            Cause.INVALID_PARAMETER,
            DOCS,
            "openai.BadRequestError: Error code: 400 - {'error': {'message': \"Invalid 'n': "
            'integer above maximum value. Expected a value <= 128, but got 500 instead.", '
            "'type': 'invalid_request_error', 'param': 'n', 'code': 'integer_above_max_value'}}",
            "An integer parameter above its maximum.",
            status=400,
        ),
        Documented(
            "array_above_max_length",
            Cause.INVALID_PARAMETER,
            DOCS,
            "openai.BadRequestError: Error code: 400 - {'error': {'message': \"Invalid 'tools': "
            "array too long. Expected an array with maximum length 128, but got an array with "
            "length 200 instead.\", 'type': 'invalid_request_error', 'param': 'tools', 'code': "
            "'array_above_max_length'}}",
            "An array parameter (tools, stop, ...) longer than allowed.",
            status=400,
        ),
        Documented(
            "invalid_function_parameters",
            Cause.TOOL_SCHEMA,
            DOCS,
            "openai.BadRequestError: Error code: 400 - {'error': {'message': \"Invalid schema "
            "for function 'get_weather': In context=(), 'required' is required to be supplied "
            "and to be an array including every key in properties. Missing 'city'.\", 'type': "
            "'invalid_request_error', 'param': 'tools[0].function.parameters', 'code': "
            "'invalid_function_parameters'}}",
            "A tool's JSON schema is refused.",
            status=400,
        ),
        Documented(
            "invalid_image_url",
            Cause.INVALID_PARAMETER,
            DOCS,
            "openai.BadRequestError: Error code: 400 - {'error': {'message': 'Timeout while "
            "downloading https://example.com/cat.png.', 'type': 'invalid_request_error', "
            "'param': None, 'code': 'invalid_image_url'}}",
            "An image URL in the messages could not be fetched or is not valid.",
            status=400,
        ),
        Documented(
            "invalid_image_format",
            Cause.INVALID_PARAMETER,
            DOCS,
            "openai.BadRequestError: Error code: 400 - {'error': {'message': \"You uploaded an "
            "unsupported image. Please make sure your image has of one the following formats: "
            "['png', 'jpeg', 'gif', 'webp'].\", 'type': 'invalid_request_error', 'param': None, "
            "'code': 'invalid_image_format'}}",
            "An image in the messages is not in a supported format.",
            status=400,
        ),
        Documented(
            "content_policy_violation",
            Cause.CONTENT_FILTER,
            DOCS,
            "openai.BadRequestError: Error code: 400 - {'error': {'code': "
            "'content_policy_violation', 'message': 'Your request was rejected as a result of "
            "our safety system.', 'param': None, 'type': 'invalid_request_error'}}",
            "The safety system refused the input.",
            status=400,
        ),
        Documented(
            "invalid_prompt",
            Cause.CONTENT_FILTER,
            DOCS,
            "openai.BadRequestError: Error code: 400 - {'error': {'message': 'Invalid prompt: "
            "your prompt was flagged as potentially violating our usage policy. Please try "
            "again with a different prompt.', 'type': 'invalid_request_error', 'param': None, "
            "'code': 'invalid_prompt'}}",
            "The prompt was flagged by the usage-policy check.",
            status=400,
            decides=False,
            why_not="The code is not documented as safety-only; the content-filter rules "
            "read the flagged wording.",
        ),
        Documented(
            "requests",
            Cause.RPM,
            "https://platform.openai.com/docs/guides/rate-limits",
            "openai.RateLimitError: Error code: 429 - {'error': {'message': 'Rate limit "
            "reached for gpt-4o in organization org-abc on requests per min (RPM): Limit 500, "
            "Used 500, Requested 1. Please try again in 120ms.', 'type': 'requests', 'param': "
            "None, 'code': 'rate_limit_exceeded'}}",
            "The rate limit hit is a requests limit (the error type names the limit).",
            status=429,
            field="type",
            context=True,
        ),
        Documented(
            "tokens",
            Cause.TPM,
            "https://platform.openai.com/docs/guides/rate-limits",
            "openai.RateLimitError: Error code: 429 - {'error': {'message': 'Rate limit "
            "reached for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, "
            "Used 29000, Requested 2000. Please try again in 2s.', 'type': 'tokens', 'param': "
            "None, 'code': 'rate_limit_exceeded'}}",
            "The rate limit hit is a tokens limit (the error type names the limit).",
            status=429,
            field="type",
            context=True,
        ),
        Documented(
            "invalid_organization",
            Cause.ORG_MISMATCH,
            DOCS,
            "openai.AuthenticationError: Error code: 401 - {'error': {'message': '', 'type': "
            "'invalid_request_error', 'param': None, 'code': 'invalid_organization'}}",
            "The organization sent (OpenAI-Organization header or the SDK's organization "
            "setting) is not one the key belongs to (documented as 401 - Invalid "
            "Authentication: the key or the requesting organization is wrong).",
            status=401,
        ),
        Documented(
            "unknown_url",
            Cause.ENDPOINT_MISMATCH,
            DOCS,
            "openai.NotFoundError: Error code: 404 - {'error': {'message': 'Unknown request "
            "URL: POST /v1/v1/chat/completions. Please check the URL for typos, or see the "
            "docs at https://platform.openai.com/docs/api-reference/.', 'type': "
            "'invalid_request_error', 'param': None, 'code': 'unknown_url'}}",
            "No endpoint at that method and path: the base URL or path is wrong (a doubled or "
            "missing /v1, a typo).",
            status=404,
        ),
    ),
)
