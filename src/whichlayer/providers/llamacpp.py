"""llama.cpp's server (llama-server): OpenAI-shaped errors with its own types."""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause

DOCS = "https://github.com/ggml-org/llama.cpp/blob/master/tools/server/README.md"
#: Where the server turns an OpenAI chat request into its own (tools, tool_choice checks).
CHAT = "https://github.com/ggml-org/llama.cpp/blob/master/tools/server/utils.hpp"

PROVIDER = Provider(
    id="llamacpp",
    name="llama.cpp server",
    kind="server",
    protocols=("openai", "anthropic"),
    words=("llama.cpp", "llama-server"),
    docs=DOCS,
    errors=(
        Documented(
            "exceed_context_size_error",
            Cause.CONTEXT_LENGTH,
            DOCS,
            'Error code: 400 - {"error": {"code": 400, "message": "the request exceeds the '
            'available context size, try increasing it", "type": "exceed_context_size_error", '
            '"n_prompt_tokens": 9000, "n_ctx": 8192}}',
            "The prompt does not fit the context size (-c) the server runs with.",
            status=400,
            field="type",
        ),
        Documented(
            "unavailable_error",
            Cause.UNAVAILABLE,
            DOCS,
            'Error code: 503 - {"error": {"code": 503, "message": "Loading model", "type": '
            '"unavailable_error"}}',
            "The server is still loading the model.",
            status=503,
            field="type",
        ),
        Documented(
            "not_supported_error",
            Cause.ENDPOINT_MISMATCH,
            DOCS,
            'Error code: 501 - {"error": {"code": 501, "message": "This server does not '
            'support embeddings. Start it with `--embeddings`", "type": '
            '"not_supported_error"}}',
            "The endpoint is not enabled on this server.",
            status=501,
            field="type",
        ),
        Documented(
            "tools param requires --jinja flag",
            Cause.TOOL_SCHEMA,
            CHAT,
            "openai.InternalServerError: Error code: 500 - {'error': {'code': 500, 'message': "
            "'tools param requires --jinja flag', 'type': 'server_error'}}",
            "The request sends tools, and llama-server was started without --jinja (sent as "
            "a 500, though the request is what the server cannot take).",
            status=500,
            field="phrase",
        ),
        Documented(
            "unsupported param: tool_choice",
            Cause.TOOL_SCHEMA,
            CHAT,
            "openai.InternalServerError: Error code: 500 - {'error': {'code': 500, 'message': "
            "'Unsupported param: tool_choice', 'type': 'server_error'}}",
            "The request sets tool_choice, and llama-server was started without --jinja.",
            status=500,
            field="phrase",
        ),
    ),
)
