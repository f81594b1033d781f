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
        by_status(
            401,
            Cause.KEY_INVALID,
            DOCS,
            "POST https://api.fireworks.ai/inference/v1/chat/completions\nError code: 401 - "
            "{'error': {'object': 'error', 'type': 'invalid_request_error', 'message': "
            "'The API key you provided is invalid.'}}",
            "401 Unauthorized: the API key is not valid or lacks permissions.",
        ),
        by_status(
            403,
            Cause.KEY_INVALID,
            DOCS,
            "POST https://api.fireworks.ai/inference/v1/chat/completions\nError code: 403 - "
            "{'error': {'object': 'error', 'type': 'invalid_request_error', 'message': "
            "'Forbidden'}}",
            "403 Forbidden: authentication issues; verify the API key.",
        ),
        by_status(
            405,
            Cause.ENDPOINT_MISMATCH,
            DOCS,
            "GET https://api.fireworks.ai/inference/v1/chat/completions\nError code: 405 - "
            "{'error': {'object': 'error', 'type': 'invalid_request_error', 'message': "
            "'Method Not Allowed'}}",
            "405 Method Not Allowed: an HTTP method the path does not take (GET for POST).",
        ),
        by_status(
            413,
            Cause.REQUEST_TOO_LARGE,
            DOCS,
            "POST https://api.fireworks.ai/inference/v1/chat/completions\nError code: 413 - "
            "{'error': {'object': 'error', 'type': 'invalid_request_error', 'message': "
            "'Payload Too Large'}}",
            "413 Payload Too Large: the request body is over the size limit.",
        ),
        by_status(
            500,
            Cause.SERVER_ERROR,
            DOCS,
            "POST https://api.fireworks.ai/inference/v1/chat/completions\nError code: 500 - "
            "{'error': {'object': 'error', 'type': 'internal_server_error', 'message': "
            "'Internal Server Error'}}",
            "500 Internal Server Error: a failure on Fireworks' side.",
        ),
        by_status(
            502,
            Cause.BAD_GATEWAY,
            DOCS,
            "POST https://api.fireworks.ai/inference/v1/chat/completions\nError code: 502 - "
            "{'error': {'object': 'error', 'type': 'internal_server_error', 'message': "
            "'Bad Gateway'}}",
            "502 Bad Gateway: a server inside Fireworks answered invalidly.",
        ),
        by_status(
            503,
            Cause.UNAVAILABLE,
            DOCS,
            "POST https://api.fireworks.ai/inference/v1/chat/completions\nError code: 503 - "
            "{'error': {'object': 'error', 'type': 'internal_server_error', 'message': "
            "'Service Unavailable'}}",
            "503 Service Unavailable: the service or deployment is down or overloaded.",
        ),
    ),
)
