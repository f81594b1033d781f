"""vLLM's OpenAI-compatible server."""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause

DOCS = "https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html"
ENGINE = "https://github.com/vllm-project/vllm/blob/main/vllm/v1/engine/exceptions.py"

PROVIDER = Provider(
    id="vllm",
    name="vLLM",
    kind="server",
    protocols=("openai",),
    words=("vllm",),
    docs=DOCS,
    errors=(
        Documented(
            "NotFoundError",
            Cause.MODEL_NOT_FOUND,
            DOCS,
            'Error code: 404 - {"object": "error", "message": "The model `llama-9` does not '
            'exist.", "type": "NotFoundError", "param": null, "code": 404}',
            "The server does not serve a model of that name (use the served name).",
            status=404,
            field="type",
            decides=False,
            why_not="SGLang and others share the type; the request rules read the model wording.",
        ),
        Documented(
            "engine loop has died",
            Cause.SERVER_ERROR,
            ENGINE,
            "vllm.engine.async_llm_engine.AsyncEngineDeadError: Background loop has errored "
            "already.\nError code: 500 - Engine loop has died",
            "The engine process died; the server must be restarted.",
            status=500,
            field="phrase",
        ),
        Documented(
            "enginedeaderror",
            Cause.SERVER_ERROR,
            ENGINE,
            "vllm.v1.engine.exceptions.EngineDeadError: EngineCore encountered an issue. See "
            "stack trace (above) for the root cause.",
            "The V1 engine core died; the server must be restarted.",
            field="phrase",
        ),
    ),
)
