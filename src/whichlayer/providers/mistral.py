"""Mistral AI (La Plateforme)."""

from whichlayer.providers._base import Documented, Provider, StatusPage, by_status
from whichlayer.taxonomy import Cause

DOCS = "https://docs.mistral.ai/api/"

PROVIDER = Provider(
    id="mistral",
    name="Mistral AI",
    kind="provider",
    hosts=("api.mistral.ai", "codestral.mistral.ai"),
    protocols=("openai",),
    openai_base="https://api.mistral.ai/v1",
    dialect="mistral",
    words=("mistral",),
    model_families=(r"mistral|mixtral|codestral|ministral|pixtral",),
    family_rank=4,
    docs=DOCS,
    status_page=StatusPage(
        "https://status.mistral.ai", "instatus", "https://status.mistral.ai/summary.json"
    ),
    errors=(
        Documented(
            "invalid_model",
            Cause.MODEL_NOT_FOUND,
            DOCS,
            '{"object": "error", "message": "Invalid model: mistral-huge", "type": '
            '"invalid_model", "param": null, "code": "1500"}',
            "The model name is not one Mistral serves.",
            status=400,
            field="type",
        ),
        by_status(
            401,
            Cause.KEY_INVALID,
            DOCS,
            "POST https://api.mistral.ai/v1/chat/completions\nError code: 401 - "
            '{"message": "Unauthorized", "request_id": "8f3c2a"}',
            "The key is missing or not valid.",
        ),
        by_status(
            429,
            Cause.RPM,
            DOCS,
            'Error code: 429 - {"message": "Requests rate limit exceeded"}',
            "A workspace rate limit was exceeded.",
            decides=False,
            why_not="The message says requests or tokens; the rate-limit rules read it.",
            context=False,
        ),
    ),
)
