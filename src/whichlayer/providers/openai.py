"""OpenAI: the API most others imitate."""

from whichlayer.providers._base import Documented, Provider, StatusPage
from whichlayer.taxonomy import Cause

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
            Cause.QUOTA_EXHAUSTED,
            DOCS,
            "POST https://api.openai.com/v1/chat/completions\n"
            "Error code: 429 - {'error': {'message': 'You exceeded your current quota, please "
            "check your plan and billing details.', 'type': 'insufficient_quota', 'param': "
            "None, 'code': 'insufficient_quota'}}",
            "The plan or prepaid credit is used up; waiting does not help.",
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
    ),
)
