"""Portkey AI Gateway: routes to providers, adds guardrails, budgets and virtual keys."""

from whichlayer.providers._base import Documented, Provider, StatusPage, by_status
from whichlayer.taxonomy import Cause, Origin

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
    ),
)
