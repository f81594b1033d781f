"""SGLang's OpenAI-compatible server."""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause

DOCS = "https://docs.sglang.ai/backend/openai_api_completions.html"

PROVIDER = Provider(
    id="sglang",
    name="SGLang",
    kind="server",
    protocols=("openai",),
    words=("sglang",),
    docs=DOCS,
    errors=(
        Documented(
            "is longer than the model's context length",
            Cause.CONTEXT_LENGTH,
            DOCS,
            'Error code: 400 - {"object": "error", "message": "The input (9000 tokens) is '
            'longer than the model\'s context length (8192 tokens).", "type": '
            '"BadRequestError", "param": null, "code": 400}',
            "The prompt is longer than the context length the server was started with.",
            status=400,
            field="phrase",
        ),
    ),
)
