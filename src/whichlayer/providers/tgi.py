"""Hugging Face Text Generation Inference (TGI): ``{"error": ..., "error_type": ...}``."""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause

DOCS = "https://huggingface.co/docs/text-generation-inference/en/reference/api_reference"

PROVIDER = Provider(
    id="tgi",
    name="Text Generation Inference",
    kind="server",
    protocols=("tgi", "openai"),
    words=("text-generation-inference", "text_generation"),
    docs=DOCS,
    errors=(
        Documented(
            "must be <= ",
            Cause.CONTEXT_LENGTH,
            DOCS,
            'Error code: 422 - {"error": "Input validation error: `inputs` tokens + '
            "`max_new_tokens` must be <= 4096. Given: 4000 `inputs` tokens and 200 "
            '`max_new_tokens`", "error_type": "validation"}',
            "Prompt plus max_new_tokens exceed the server's max total tokens.",
            status=422,
            field="phrase",
            decides=False,
            why_not="Too generic as a phrase alone; the request rules read the context "
            "wording around it.",
        ),
        Documented(
            "model is overloaded",
            Cause.OVERLOADED,
            DOCS,
            'Error code: 429 - {"error": "Model is overloaded", "error_type": "overloaded"}',
            "The server's queue is full (max concurrent requests).",
            status=429,
            field="phrase",
        ),
    ),
)
