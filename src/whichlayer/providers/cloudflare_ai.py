"""Cloudflare AI Gateway and Workers AI: ``{"errors": [{"code": ..., "message": ...}]}``."""

from whichlayer.providers._base import Documented, Provider, StatusPage
from whichlayer.taxonomy import Cause, Origin

DOCS = "https://developers.cloudflare.com/workers-ai/platform/errors/"
GATEWAY = "https://developers.cloudflare.com/ai-gateway/"
#: AI Gateway's own host: a message that names it came through the gateway.
GATEWAY_HOST = "gateway.ai.cloudflare.com"


def _row(code: str, cause: Cause, status: int, message: str, meaning: str) -> Documented:
    body = (
        '{"success": false, "errors": [{"code": '
        + code
        + ', "message": "'
        + message
        + '"}], "messages": [], "result": null}'
    )
    url = "POST https://api.cloudflare.com/client/v4/accounts/abc/ai/run/@cf/meta/llama-3-8b\n"
    return Documented(
        code,
        cause,
        DOCS,
        f"{url}Error code: {status} - {body}",
        meaning,
        status=status,
        context=True,
        origin=Origin.GATEWAY,
    )


PROVIDER = Provider(
    id="cloudflare-ai",
    name="Cloudflare AI Gateway and Workers AI",
    kind="gateway",
    hosts=(GATEWAY_HOST, "api.cloudflare.com"),
    self_names=(GATEWAY_HOST,),
    protocols=("openai", "workers-ai"),
    words=("cloudflare", "ai gateway", "workers ai", "workers-ai"),
    docs=GATEWAY,
    status_page=StatusPage(
        "https://www.cloudflarestatus.com",
        "statuspage.io v2",
        "https://www.cloudflarestatus.com/api/v2/summary.json",
        api_words=("ai gateway", "workers ai"),
    ),
    owner="Workers AI codes are Cloudflare's own model service; through AI Gateway a "
    "provider's body is passed on and is the provider's.",
    errors=(
        _row(
            "3036",
            Cause.QUOTA_EXHAUSTED,
            429,
            "Account limited: you have used up your "
            "daily free allocation of 10,000 neurons, please upgrade to Cloudflare's "
            "Workers Paid plan if you would like to continue usage.",
            "The daily free allocation is used up.",
        ),
        _row(
            "3040",
            Cause.OVERLOADED,
            429,
            "Capacity temporarily exceeded, please try again.",
            "No capacity for the model right now; retry.",
        ),
        _row(
            "5007",
            Cause.MODEL_NOT_FOUND,
            400,
            "No such model @cf/meta/llama-9 or task",
            "No such model.",
        ),
    ),
)
