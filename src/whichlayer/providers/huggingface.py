"""Hugging Face Inference Providers (router.huggingface.co) and the serverless API."""

from whichlayer.providers._base import Documented, Provider, StatusPage, by_status
from whichlayer.taxonomy import Cause

DOCS = "https://huggingface.co/docs/inference-providers/index"
PRICING = "https://huggingface.co/docs/inference-providers/pricing"
TOKENS = "https://huggingface.co/docs/hub/security-tokens"

PROVIDER = Provider(
    id="huggingface",
    name="Hugging Face",
    kind="provider",
    site="huggingface.co",
    hosts=("router.huggingface.co", "api-inference.huggingface.co", "huggingface.co"),
    keys=("huggingface", "huggingface-org"),
    key_platform="huggingface",
    protocols=("openai", "hf"),
    words=("huggingface", "hugging face"),
    docs=DOCS,
    status_page=StatusPage("https://status.huggingface.co", "betteruptime"),
    owner="Hugging Face routes to partner providers; a failure named with a provider is "
    "that provider's, the credit and token errors are Hugging Face's own.",
    errors=(
        by_status(
            402,
            Cause.QUOTA_EXHAUSTED,
            PRICING,
            "POST https://router.huggingface.co/v1/chat/completions\nError code: 402 - "
            "{'error': 'You have exceeded your monthly included credits for Inference "
            "Providers. Subscribe to PRO to get 20x more monthly included credits.'}",
            "The monthly included credits are used up.",
        ),
        by_status(
            503,
            Cause.UNAVAILABLE,
            DOCS,
            "POST https://api-inference.huggingface.co/models/gpt2\nError code: 503 - "
            "{'error': 'Model gpt2 is currently loading', 'estimated_time': 20.0}",
            "The model is being loaded; retry after the estimated time.",
        ),
        Documented(
            "model_not_supported",
            Cause.MODEL_NOT_FOUND,
            DOCS,
            "POST https://router.huggingface.co/v1/chat/completions\nError code: 400 - "
            "{'error': {'message': \"The requested model 'meta-llama/Llama-9' is not supported "
            "by any provider you have enabled.\", 'type': 'invalid_request_error', 'param': "
            "'model', 'code': 'model_not_supported'}}",
            "No Inference Provider enabled for the account serves the model.",
            status=400,
            context=True,
        ),
        Documented(
            "does not have sufficient permissions to call inference providers",
            Cause.PERMISSION_MODEL,
            TOKENS,
            "huggingface_hub.errors.HfHubHTTPError: 403 Forbidden: None.\nCannot access "
            "content at: https://router.huggingface.co/v1/chat/completions.\nMake sure your "
            "token has the correct permissions.\nThis authentication method does not have "
            "sufficient permissions to call Inference Providers on behalf of user abc",
            "403: the access token lacks the 'Make calls to Inference Providers' permission "
            "(a fine-grained or read token).",
            status=403,
            field="phrase",
        ),
        Documented(
            "authorization header is correct, but the token seems invalid",
            Cause.KEY_INVALID,
            TOKENS,
            "huggingface_hub.errors.HfHubHTTPError: 401 Client Error: Unauthorized for url: "
            "https://router.huggingface.co/v1/chat/completions\n\n{'error': 'Authorization "
            "header is correct, but the token seems invalid'}",
            "The Authorization header is well formed, but Hugging Face does not know the "
            "token (revoked, mistyped or from another account).",
            status=401,
            field="phrase",
        ),
    ),
)
