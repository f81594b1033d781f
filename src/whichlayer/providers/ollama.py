"""Ollama: a local model server; ``{"error": "..."}`` bodies."""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause, Retry

DOCS = "https://github.com/ollama/ollama/blob/main/docs/api.md#errors"
FAQ = "https://github.com/ollama/ollama/blob/main/docs/troubleshooting.md"
#: The server's own error answers (its routes and scheduler), for what docs/api.md does not list.
ROUTES = "https://github.com/ollama/ollama/blob/main/server/routes.go"
#: The errors of its llama-server runner (starting it, loading the model, streaming from it).
RUNNER = "https://github.com/ollama/ollama/blob/main/llm/llama_server.go"

PROVIDER = Provider(
    id="ollama",
    name="Ollama",
    kind="server",
    hosts=("ollama.com",),
    protocols=("ollama", "openai"),
    dialect="ollama",
    words=("ollama",),
    docs=DOCS,
    errors=(
        Documented(
            "try pulling it first",
            Cause.MODEL_NOT_FOUND,
            DOCS,
            'Error code: 404 - {"error": "model \\"llama9\\" not found, try pulling it first"}',
            "The model is not pulled on this server.",
            status=404,
            field="phrase",
        ),
        Documented(
            "llama runner process has terminated",
            Cause.SERVER_ERROR,
            FAQ,
            'Error code: 500 - {"error": "llama runner process has terminated: exit status 2"}',
            "The model runner crashed (often out of memory).",
            status=500,
            field="phrase",
        ),
        Documented(
            "model runner has unexpectedly stopped",
            Cause.SERVER_ERROR,
            RUNNER,
            'Error code: 500 - {"error": "model runner has unexpectedly stopped, this may be due'
            " to resource limitations or an internal error, check ollama server logs for"
            ' details"}',
            "The runner serving the model died mid-request (often out of memory); the server"
            " logs say why.",
            status=500,
            field="phrase",
        ),
        Documented(
            "reported out-of-memory during startup",
            Cause.SERVER_ERROR,
            RUNNER,
            "Error: 500 Internal Server Error: llama-server reported out-of-memory during"
            " startup: cudaMalloc failed: out of memory",
            "The runner ran out of memory loading the model: the same call fails again until"
            " memory is freed or a smaller model, quantisation or context is chosen.",
            status=500,
            field="phrase",
            retry=Retry.NEVER,
        ),
        Documented(
            "model requires more system memory",
            Cause.SERVER_ERROR,
            FAQ,
            'Error code: 500 - {"error": "model requires more system memory (12.0 GiB) than '
            'is available (8.0 GiB)"}',
            "The machine cannot hold the model: the same call fails again until memory is"
            " freed or a smaller model (or quantisation) is chosen.",
            status=500,
            field="phrase",
            retry=Retry.NEVER,
        ),
        Documented(
            "maximum pending requests exceeded",
            Cause.QUEUE,
            ROUTES,
            "ollama._types.ResponseError: server busy, please try again.  maximum pending "
            "requests exceeded (status code: 503)",
            "503: the server's queue of pending requests (OLLAMA_MAX_QUEUE) is full; retry "
            "later or raise the limit.",
            status=503,
            field="phrase",
        ),
        Documented(
            "signin_url",
            Cause.KEY_MISSING,
            ROUTES,
            'Error code: 401 - {"error": "unauthorized", "signin_url": '
            '"https://ollama.com/connect?name=my-host&key=c3NoLWVkMjU1MTkgQUFBQUM"}',
            "401 with a sign-in link: a cloud model needs this Ollama server signed in to "
            "ollama.com (ollama signin); the server has no account yet.",
            status=401,
            field="phrase",
        ),
        Documented(
            "does not support tools",
            Cause.TOOL_SCHEMA,
            ROUTES,
            "ollama._types.ResponseError: registry.ollama.ai/library/gemma2:2b does not "
            "support tools (status code: 400)",
            "400: the request sends tools, and the model's template has no tool support.",
            status=400,
            field="phrase",
        ),
        Documented(
            "does not support thinking",
            Cause.INVALID_PARAMETER,
            ROUTES,
            'Error code: 400 - {"error": "\\"deepseek-coder:6.7b\\" does not support thinking"}',
            "400: the request asks for thinking, and the model does not support it.",
            status=400,
            field="phrase",
        ),
        Documented(
            "this model may be incompatible with your version of ollama",
            Cause.SERVER_ERROR,
            ROUTES,
            "ollama._types.ResponseError: unable to load model: /root/.ollama/models/blobs/"
            "sha256-abc: this model may be incompatible with your version of Ollama. If you "
            "previously pulled this model, try updating it by running `ollama pull qwen3:8b` "
            "(status code: 500)",
            "500: the server cannot load the model file; update Ollama or pull the model again.",
            status=500,
            field="phrase",
        ),
    ),
)
