"""Fireworks AI: OpenAI-compatible; 402 and 412 speak of billing."""

from whichlayer.providers._base import Provider, StatusPage, by_status
from whichlayer.taxonomy import Cause

DOCS = "https://docs.fireworks.ai/troubleshooting/status_error_codes/inference_error_code"

PROVIDER = Provider(
    id="fireworks",
    name="Fireworks AI",
    kind="provider",
    site="fireworks.ai",
    hosts=("api.fireworks.ai",),
    keys=("fireworks",),
    key_platform="fireworks",
    protocols=("openai", "anthropic"),
    openai_base="https://api.fireworks.ai/inference/v1",
    words=("fireworks",),
    docs=DOCS,
    status_page=StatusPage("https://status.fireworks.ai", "html"),
    errors=(
        by_status(
            402,
            Cause.INSUFFICIENT_BALANCE,
            DOCS,
            "POST https://api.fireworks.ai/inference/v1/chat/completions\nError code: 402 - "
            "{'error': {'object': 'error', 'type': 'invalid_request_error', 'message': "
            "'Payment required: add a payment method or buy credits to continue.'}}",
            "The account is not on a paid plan or exceeded its usage limits.",
        ),
        by_status(
            412,
            Cause.BILLING_CAP,
            DOCS,
            "POST https://api.fireworks.ai/inference/v1/chat/completions\nError code: 412 - "
            "{'error': {'object': 'error', 'type': 'invalid_request_error', 'message': "
            "'Account is suspended, possibly due to reaching the monthly spending limit or "
            "failure to pay past invoices.'}}",
            "The account is suspended (spending limit or unpaid invoices).",
        ),
        by_status(
            404,
            Cause.MODEL_NOT_FOUND,
            DOCS,
            "Error code: 404 - {'error': {'object': 'error', 'type': 'invalid_request_error', "
            "'message': 'Model not found, inaccessible, and/or not deployed'}}",
            "Wrong path, unknown model, model not deployed, or no permission.",
            decides=False,
            why_not="Fireworks uses 404 for paths and models alike; the request rules read "
            "the wording.",
            context=False,
        ),
    ),
)
