"""Hugging Face Text Embeddings Inference (TEI): ``{"error": ..., "error_type": ...}``.

Its router answers with the same body shape as TGI's (dialect ``tgi``): the kind of
failure in ``error_type`` (``Unhealthy``, ``Backend``, ``Overloaded``, ``Validation``,
``Tokenizer``, ``Empty``), mapped to a status in router/src/http/server.rs.
"""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause, Retry

DOCS = "https://huggingface.co/docs/text-embeddings-inference/en/index"
#: ErrorType and its status mapping (Backend 424, Unhealthy 503).
ROUTER = (
    "https://github.com/huggingface/text-embeddings-inference/blob/main/router/src/http/server.rs"
)

PROVIDER = Provider(
    id="tei",
    name="Text Embeddings Inference",
    kind="server",
    protocols=("tei", "openai"),
    dialect="tgi",
    words=("text-embeddings-inference", "text_embeddings"),
    docs=DOCS,
    errors=(
        Documented(
            "Backend",
            Cause.SERVER_ERROR,
            ROUTER,
            '424 {"error":"Backend error: Inference error: DriverError(CUDA_ERROR_OUT_OF_MEMORY,'
            ' \\"out of memory\\")","error_type":"Backend"}',
            "424 (error_type Backend): the model backend failed running the batch (an"
            " inference error, CUDA out of memory, a kernel the GPU does not support).",
            status=424,
            field="type",
            context=True,
        ),
        Documented(
            "Unhealthy",
            Cause.UNAVAILABLE,
            ROUTER,
            '503 {"error":"Backend is unhealthy","error_type":"Unhealthy"}',
            "503 (error_type Unhealthy): the server's health check of its backend failed;"
            " it serves nothing until the backend recovers or is restarted.",
            status=503,
            field="type",
            context=True,
            retry=Retry.LIMITED,
        ),
    ),
)
