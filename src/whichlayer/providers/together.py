"""Together AI: OpenAI-compatible; statuses carry the meaning."""

from whichlayer.providers._base import Documented, Provider, StatusPage, by_status
from whichlayer.taxonomy import Cause

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
    ),
)
