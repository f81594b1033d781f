"""vLLM's OpenAI-compatible server."""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html"
ENGINE = "https://github.com/vllm-project/vllm/blob/main/vllm/v1/engine/exceptions.py"
TOOLS = "https://docs.vllm.ai/en/latest/features/tool_calling.html"
TEMPLATE = "https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html#chat-template"

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
        Documented(
            "requires --enable-auto-tool-choice",
            Cause.TOOL_SCHEMA,
            TOOLS,
            "openai.BadRequestError: Error code: 400 - {'object': 'error', 'message': '\"auto\" "
            "tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set', "
            "'type': 'BadRequestError', 'param': None, 'code': 400}",
            "400: the request asks for tool_choice auto, and the server was started without "
            "tool calling (--enable-auto-tool-choice and a --tool-call-parser).",
            status=400,
            field="phrase",
        ),
        Documented(
            "is longer than the maximum model length of",
            Cause.CONTEXT_LENGTH,
            DOCS,
            "openai.BadRequestError: Error code: 400 - {'object': 'error', 'message': 'The "
            "decoder prompt (length 9000) is longer than the maximum model length of 8192. "
            "Make sure that `max_model_len` is no smaller than the number of text tokens.', "
            "'type': 'BadRequestError', 'param': None, 'code': 400}",
            "400: the prompt is longer than the server's max_model_len.",
            status=400,
            field="phrase",
        ),
        Documented(
            "default chat template is no longer allowed",
            Cause.UNKNOWN,
            TEMPLATE,
            "openai.BadRequestError: Error code: 400 - {'object': 'error', 'message': 'As of "
            "transformers v4.44, default chat template is no longer allowed, so you must "
            "provide a chat template if the tokenizer does not define one.', 'type': "
            "'BadRequestError', 'param': None, 'code': 400}",
            "400: the model has no chat template, so the chat endpoint cannot format messages; "
            "start the server with --chat-template, or call the completions endpoint.",
            status=400,
            field="phrase",
            decides=False,
            why_not="Whether the request (chat on a base model) or the server's setup is "
            "wrong is not said; no cause of the taxonomy is sure.",
            layer=Layer.REQUEST,
        ),
    ),
)
