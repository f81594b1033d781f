"""OpenRouter: an aggregator relay; ``error.code`` is the HTTP status."""

from whichlayer.providers._base import Documented, FirstSteps, Provider, StatusPage, by_status
from whichlayer.taxonomy import Cause, Layer, Origin

DOCS = "https://openrouter.ai/docs/api/reference/errors-and-debugging"


def _body(code: int, message: str, extra: str = "") -> str:
    return (
        '{"error": {"code": '
        + str(code)
        + ', "message": "'
        + message
        + '"'
        + extra
        + '}, "user_id": "user_2abc"}'
    )


PROVIDER = Provider(
    id="openrouter",
    name="OpenRouter",
    kind="relay",
    site="openrouter.ai",
    hosts=("openrouter.ai",),
    keys=("openrouter", "openrouter-other"),
    key_platform="openrouter",
    protocols=("openai", "anthropic"),
    openai_base="https://openrouter.ai/api/v1",
    dialect="openrouter",
    words=("openrouter",),
    first_steps=(
        FirstSteps(
            (),
            (
                "Read the error's `metadata.raw` (the upstream provider's own answer) and "
                "`metadata.provider_name` (which provider answered): they say what really "
                "failed.",
                "Pin or exclude that provider in the request's `provider` preferences, or try "
                "another model, to see whether one upstream is at fault.",
            ),
            phrases=("provider returned error", "metadata"),
        ),
    ),
    docs=DOCS,
    status_page=StatusPage("https://status.openrouter.ai", "html"),
    owner="Credits, keys, moderation and routing errors are OpenRouter's; 'Provider returned "
    "error' with metadata.provider_name is the named upstream's failure, passed on.",
    errors=(
        by_status(
            402,
            Cause.INSUFFICIENT_BALANCE,
            DOCS,
            "Error code: 402 - "
            + _body(
                402,
                "This request requires more credits, or fewer "
                "max_tokens. You requested up to 4096 tokens, but can "
                "only afford 1200.",
            ),
            "The account or key has too few credits for the request.",
            origin=Origin.RELAY,
        ),
        by_status(
            403,
            Cause.CONTENT_FILTER,
            DOCS,
            "Error code: 403 - "
            + _body(
                403,
                "meta-llama/llama-guard requires moderation on "
                'OpenAI. Your input was flagged for \\"violence\\".',
                ', "metadata": {"reasons": ["violence"], "flagged_input": "..."}',
            ),
            "The model requires moderation and the input was flagged.",
            decides=False,
            why_not="OpenRouter also answers 403 for guardrails and key limits; the "
            "wording decides.",
            context=False,
        ),
        by_status(
            502,
            Cause.UNKNOWN,
            DOCS,
            "Error code: 502 - "
            + _body(
                502,
                "Provider returned error",
                ', "metadata": {"provider_name": "Fireworks", "raw": "upstream connect error"}',
            ),
            "The chosen model's provider is down or answered something invalid.",
            decides=False,
            layer=Layer.UPSTREAM,
            why_not="The passed-on provider error decides the cause; the upstream rules read it.",
            context=False,
        ),
        by_status(
            503,
            Cause.UNKNOWN,
            DOCS,
            "Error code: 503 - "
            + _body(503, "No endpoints found that can handle the requested parameters."),
            "No provider of the model meets the routing requirements.",
            decides=False,
            layer=Layer.REQUEST,
            why_not="Usually no provider supports the request's parameters (a request "
            "problem); when every provider is down the wording says so instead.",
            context=False,
        ),
        Documented(
            "408",
            Cause.GATEWAY_TIMEOUT,
            DOCS,
            "POST https://openrouter.ai/api/v1/chat/completions\nError code: 408 - "
            + _body(408, "Timed out"),
            "408: the request timed out at OpenRouter while it waited for the model.",
            status=408,
            context=True,
            origin=Origin.RELAY,
        ),
        Documented(
            "401",
            Cause.KEY_INVALID,
            DOCS,
            "POST https://openrouter.ai/api/v1/chat/completions\nError code: 401 - "
            + _body(401, "User not found."),
            "401 Invalid credentials: an OAuth session expired, or a disabled or invalid key.",
            status=401,
            context=True,
            decides=False,
            why_not="Expired, disabled, missing and wrong keys share the code; the identity "
            "rules read which.",
        ),
        Documented(
            "429",
            Cause.UNKNOWN,
            DOCS,
            "POST https://openrouter.ai/api/v1/chat/completions\nError code: 429 - "
            + _body(
                429,
                "Rate limit exceeded: free-models-per-day. Add 10 credits to unlock "
                "1000 free model requests per day",
            ),
            "429: rate limited, by OpenRouter (per key, free-model limits) or by the provider "
            "upstream.",
            status=429,
            context=True,
            decides=False,
            why_not="The message says whose limit and which; the rate-limit rules read it.",
            layer=Layer.RATE_LIMIT,
        ),
    ),
)
