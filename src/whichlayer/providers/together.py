"""Together AI: OpenAI-compatible; statuses carry the meaning."""

from whichlayer.providers._base import Documented, Provider, StatusPage, by_status
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://docs.together.ai/docs/error-codes"

PROVIDER = Provider(
    id="together",
    name="Together AI",
    kind="provider",
    hosts=("api.together.xyz", "api.together.ai"),
    protocols=("openai",),
    openai_base="https://api.together.xyz/v1",
    words=("together.xyz", "together.ai", "togetherai"),
    docs=DOCS,
    status_page=StatusPage("https://status.together.ai", "html"),
    errors=(
        by_status(
            402,
            Cause.INSUFFICIENT_BALANCE,
            DOCS,
            "POST https://api.together.xyz/v1/chat/completions\nError code: 402 - {'error': "
            "{'message': 'Credit limit exceeded. Please navigate to "
            "https://api.together.xyz/settings/billing to add credit or upgrade your plan.', "
            "'type': 'credit_limit', 'param': None, 'code': None}}",
            "The account reached its spending or credit limit.",
        ),
        by_status(
            503,
            Cause.OVERLOADED,
            DOCS,
            "POST https://api.together.xyz/v1/chat/completions\nError code: 503 - {'error': "
            "{'message': 'The server is overloaded or not ready yet.', 'type': "
            "'server_error'}}",
            "The model's servers are overloaded; retry later.",
        ),
        by_status(
            524,
            Cause.GATEWAY_TIMEOUT,
            DOCS,
            "POST https://api.together.xyz/v1/chat/completions\nError code: 524",
            "Cloudflare in front of Together gave up waiting for the answer.",
        ),
        Documented(
            "model_not_available",
            Cause.MODEL_NOT_FOUND,
            DOCS,
            "Error code: 404 - {'error': {'message': 'Unable to access model "
            "meta-llama/Llama-9. Please visit https://api.together.ai/models to view the "
            "list of supported models.', 'type': 'invalid_request_error', 'param': None, "
            "'code': 'model_not_available'}}",
            "The model is not served (or not to this account).",
            status=404,
        ),
        by_status(
            401,
            Cause.KEY_INVALID,
            DOCS,
            "POST https://api.together.xyz/v1/chat/completions\nError code: 401 - {'error': "
            "{'message': 'Invalid API key provided. You can find your API key at "
            "https://api.together.xyz/settings/api-keys.', 'type': 'invalid_request_error', "
            "'param': None, 'code': 'invalid_api_key'}}",
            "401 Authentication error: the API key is missing or not valid.",
        ),
        by_status(
            403,
            Cause.CONTEXT_LENGTH,
            DOCS,
            "POST https://api.together.xyz/v1/chat/completions\nError code: 403 - {'error': "
            "{'message': 'Input validation error: `inputs` tokens + `max_new_tokens` must be "
            "<= 8193. Given: 8000 `inputs` tokens and 2000 `max_new_tokens`', 'type': "
            "'invalid_request_error', 'param': 'max_tokens', 'code': None}}",
            "403 Bad request: input tokens plus max_tokens exceed the model's context length.",
        ),
        by_status(
            404,
            Cause.UNKNOWN,
            DOCS,
            "POST https://api.together.xyz/v1/chat/completions\nError code: 404 - {'error': "
            "{'message': 'Unable to access model meta-llama/Llama-9. Please visit "
            "https://api.together.ai/models to view the list of supported models.', 'type': "
            "'invalid_request_error', 'param': None, 'code': 'model_not_available'}}",
            "404 Not found: the endpoint URL or the model name is invalid.",
            decides=False,
            why_not="The doc names two causes (path or model); the request rules read which.",
            layer=Layer.REQUEST,
        ),
        by_status(
            429,
            Cause.UNKNOWN,
            DOCS,
            "POST https://api.together.xyz/v1/chat/completions\nError code: 429 - {'error': "
            "{'message': 'You have been rate limited. Please try again later.', 'type': "
            "'rate_limit', 'param': None, 'code': None}}",
            "429 Rate limit exceeded: too many requests in a short period.",
            decides=False,
            why_not="The rate-limit rules read which limit from the message.",
            layer=Layer.RATE_LIMIT,
        ),
        by_status(
            500,
            Cause.SERVER_ERROR,
            DOCS,
            "POST https://api.together.xyz/v1/chat/completions\nError code: 500 - {'error': "
            "{'message': 'Internal server error', 'type': 'server_error', 'param': None, "
            "'code': None}}",
            "500 Server error: an unknown failure on Together's servers.",
        ),
    ),
)
