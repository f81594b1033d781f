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
        _row(
            "5004",
            Cause.INVALID_PARAMETER,
            400,
            "Invalid data type for base64 input: number",
            "Invalid data: an input has the wrong data type.",
        ),
        _row(
            "3003",
            Cause.MALFORMED_BODY,
            400,
            "Request is missing headers or body: body",
            "Incomplete request: headers or body missing.",
        ),
        _row(
            "5018",
            Cause.PERMISSION_MODEL,
            403,
            "The account is not allowed to access this model",
            "Account not allowed for private model.",
        ),
        _row(
            "3041",
            Cause.PERMISSION_MODEL,
            403,
            "The account is not allowed to access this model",
            "Account not allowed for private model.",
        ),
        _row(
            "5016",
            Cause.PERMISSION_MODEL,
            403,
            "User has not agreed to Llama3.2 model terms",
            "Model agreement: the model's terms were not accepted for the account.",
        ),
        _row(
            "3023",
            Cause.POLICY_BLOCK,
            403,
            "Service unavailable for account",
            "Account blocked: the service is refused to this account.",
        ),
        _row(
            "5019",
            Cause.ENDPOINT_MISMATCH,
            405,
            "Request trying to use deprecated SDK version",
            "Deprecated SDK version: the client calls in a way the service no longer takes.",
        ),
        _row(
            "5005",
            Cause.INVALID_PARAMETER,
            405,
            "The model @cf/meta/llama-3-8b-instruct does not support LoRa inference",
            "LoRa unsupported: the model takes no LoRA adapter.",
        ),
        _row(
            "3042",
            Cause.MODEL_NOT_FOUND,
            404,
            "The model name is invalid",
            "Invalid model ID.",
        ),
        _row(
            "3006",
            Cause.REQUEST_TOO_LARGE,
            413,
            "Request is too large",
            "Request too large.",
        ),
        _row(
            "3007",
            Cause.GATEWAY_TIMEOUT,
            408,
            "Request timeout",
            "Timeout: Workers AI gave up waiting for the model.",
        ),
        Documented(
            "2009",
            Cause.UPSTREAM_KEY_INVALID,
            "https://developers.cloudflare.com/changelog/post/2026-10-05-provider-credential-errors/",
            "POST https://gateway.ai.cloudflare.com/v1/abc/my-gateway/openai/chat/completions\n"
            'Error code: 401 - {"success": false, "errors": [{"code": 2009, "message": '
            '"Provider credentials rejected"}], "messages": [], "result": null}',
            "The AI provider rejected the provider key the gateway holds for it (bring your "
            "own keys); fix the key stored in the gateway, not the Cloudflare token.",
            status=401,
            context=True,
            origin=Origin.GATEWAY,
        ),
    ),
)
