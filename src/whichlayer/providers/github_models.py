"""GitHub Models: OpenAI-compatible inference on Azure AI, called with a GitHub token.

Its free tier is rate limited per user and model (requests per minute and per day, tokens
per request, concurrent requests); the limiter names the window it counted in the message
("... exceeded for UserByModelByDay").
"""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://docs.github.com/en/github-models/use-github-models/prototyping-with-ai-models"
LIMITS = DOCS + "#rate-limits"
API = "https://docs.github.com/en/rest/models/inference"

_URL = "POST https://models.github.ai/inference/chat/completions\n"


def _body(status: int, code: str, message: str) -> str:
    return (
        f"{_URL}Error code: {status} - {{'error': {{'code': '{code}', 'message': '{message}', "
        f"'details': '{message}'}}}}"
    )


PROVIDER = Provider(
    id="github-models",
    name="GitHub Models",
    kind="provider",
    site="github.com",
    hosts=("models.github.ai", "models.inference.ai.azure.com"),
    key_platform_served="github",  # GitHub tokens (PATs, GITHUB_TOKEN) are its keys
    protocols=("openai",),
    openai_base="https://models.github.ai/inference",
    words=("github models", "models.github.ai", "models.inference.ai.azure.com"),
    aliases=("github_models",),
    docs=DOCS,
    errors=(
        Documented(
            "exceeded for UserByModelByDay",
            Cause.RPM,
            LIMITS,
            _body(
                429,
                "RateLimitReached",
                "Rate limit of 50 per 86400s exceeded for UserByModelByDay. Please wait "
                "52220 seconds before retrying.",
            ),
            "The requests-per-day limit of the user's plan for this model is used up; it "
            "resets after the wait the message names (or use a paid plan, or your own key).",
            status=429,
            field="phrase",
        ),
        Documented(
            "exceeded for UserByModelByMinute.",
            Cause.RPM,
            LIMITS,
            _body(
                429,
                "RateLimitReached",
                "Rate limit of 10 per 60s exceeded for UserByModelByMinute. Please wait 46 "
                "seconds before retrying.",
            ),
            "The requests-per-minute limit for this model was hit; wait the seconds named.",
            status=429,
            field="phrase",
        ),
        Documented(
            "exceeded for UserByModelByMinuteTokens",
            Cause.TPM,
            LIMITS,
            _body(
                429,
                "RateLimitReached",
                "Rate limit of 40000 per 60s exceeded for UserByModelByMinuteTokens. Please "
                "wait 60 seconds before retrying.",
            ),
            "The tokens-per-minute limit for this model was hit.",
            status=429,
            field="phrase",
        ),
        Documented(
            "tokens_limit_reached",
            Cause.REQUEST_TOO_LARGE,
            LIMITS,
            _body(
                413,
                "tokens_limit_reached",
                "Request body too large for gpt-4o model. Max size: 8000 tokens.",
            ),
            "The request has more input tokens than the plan allows per request (the model's "
            "own window may be larger).",
            status=413,
        ),
        Documented(
            "unknown_model",
            Cause.MODEL_NOT_FOUND,
            API,
            _body(400, "unknown_model", "Unknown model: gpt-9"),
            "No model of that id in the catalogue (ids are publisher/model, e.g. openai/gpt-4o).",
            status=400,
        ),
        Documented(
            "unavailable_model",
            Cause.UNKNOWN,
            API,
            _body(400, "unavailable_model", "Unavailable model: gpt-5"),
            "The model is in the catalogue but not available to this user, plan or endpoint.",
            status=400,
            decides=False,
            why_not="Whether the id or the plan is at fault is not said; the request and "
            "identity rules read the message.",
            layer=Layer.REQUEST,
        ),
    ),
)
