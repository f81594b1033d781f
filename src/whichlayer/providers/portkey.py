"""Portkey AI Gateway: routes to providers, adds guardrails, budgets and virtual keys."""

from whichlayer.providers._base import Documented, Provider, StatusPage, by_status
from whichlayer.taxonomy import Cause, Layer, Origin

DOCS = "https://portkey.ai/docs/product/guardrails"
ERRORS = "https://portkey.ai/docs/api-reference/inference-api/error-codes"

PROVIDER = Provider(
    id="portkey",
    name="Portkey",
    kind="gateway",
    hosts=("api.portkey.ai",),
    protocols=("openai",),
    words=("portkey",),
    docs=ERRORS,
    status_page=StatusPage("https://status.portkey.ai", "html"),
    owner="Guardrail, budget and virtual-key refusals are Portkey's; other errors carry the "
    "provider's body and are the provider's.",
    errors=(
        by_status(
            446,
            Cause.CONTENT_FILTER,
            DOCS,
            "POST https://api.portkey.ai/v1/chat/completions\nError code: 446 - {'error': "
            "{'message': 'The guardrail checks defined in the config failed. You can find "
            "more information in the `hook_results` object.', 'type': 'hooks_failed', "
            "'param': None, 'code': None}}",
            "A guardrail set to deny failed on the input or output.",
            origin=Origin.GATEWAY,
        ),
        Documented(
            "hooks_failed",
            Cause.CONTENT_FILTER,
            DOCS,
            "{'error': {'message': 'The guardrail checks defined in the config failed.', "
            "'type': 'hooks_failed', 'param': None, 'code': None}}",
            "The guardrail checks of the config failed.",
            field="type",
            origin=Origin.GATEWAY,
        ),
        by_status(
            412,
            Cause.BILLING_CAP,
            ERRORS,
            "POST https://api.portkey.ai/v1/chat/completions\nError code: 412 - {'error': "
            "{'message': 'Portkey Error: Budget exhausted for this virtual key. Please "
            "increase the budget limit or use a different key.', 'type': None, 'param': None, "
            "'code': None}}",
            "412 Budget exhausted: the budget limit of the virtual key or workspace is spent.",
        ),
        by_status(
            408,
            Cause.GATEWAY_TIMEOUT,
            ERRORS,
            "POST https://api.portkey.ai/v1/chat/completions\nError code: 408 - {'error': "
            "{'message': 'Request exceeded the timeout sent in the request: 30000ms', 'type': "
            "'timeout_error', 'param': None, 'code': None}}",
            "408 Request timed out, at Portkey (the request's own timeout) or at the provider.",
            decides=False,
            why_not="Portkey or the provider may have timed out; the timeout rules judge it.",
        ),
        by_status(
            429,
            Cause.UNKNOWN,
            ERRORS,
            "POST https://api.portkey.ai/v1/chat/completions\nError code: 429 - {'error': "
            "{'message': 'Rate limit exceeded for this virtual key.', 'type': None, 'param': "
            "None, 'code': None}}",
            "429 Request rate limited, by Portkey or by the provider.",
            decides=False,
            why_not="Portkey or the provider may have throttled; the rate-limit rules read "
            "which from the message.",
            layer=Layer.RATE_LIMIT,
        ),
    ),
)
