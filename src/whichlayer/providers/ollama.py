"""Ollama: a local model server; ``{"error": "..."}`` bodies."""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause

DOCS = "https://github.com/ollama/ollama/blob/main/docs/api.md#errors"
FAQ = "https://github.com/ollama/ollama/blob/main/docs/troubleshooting.md"

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
            "model requires more system memory",
            Cause.SERVER_ERROR,
            FAQ,
            'Error code: 500 - {"error": "model requires more system memory (12.0 GiB) than '
            'is available (8.0 GiB)"}',
            "The machine cannot hold the model.",
            status=500,
            field="phrase",
        ),
    ),
)
