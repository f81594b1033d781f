"""Hugging Face Text Generation Inference (TGI): ``{"error": ..., "error_type": ...}``."""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause

DOCS = "https://huggingface.co/docs/text-generation-inference/en/reference/api_reference"
#: The router's error types and validation messages, as the server sends them.
ERRORS = (
    "https://github.com/huggingface/text-generation-inference/blob/main/router/src/infer/mod.rs"
)
VALIDATION = (
    "https://github.com/huggingface/text-generation-inference/blob/main/router/src/validation.rs"
)

PROVIDER = Provider(
    id="tgi",
    name="Text Generation Inference",
    kind="server",
    protocols=("tgi", "openai"),
    dialect="tgi",
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
        Documented(
            "request failed during generation",
            Cause.SERVER_ERROR,
            ERRORS,
            "openai.APIStatusError: Error code: 424 - {'error': 'Request failed during "
            "generation: Server error: CUDA out of memory. Tried to allocate 2.00 GiB', "
            "'error_type': 'generation'}",
            "424 (error_type generation): the model server failed while generating.",
            status=424,
            field="phrase",
        ),
        Documented(
            "incomplete generation",
            Cause.SERVER_ERROR,
            ERRORS,
            "openai.InternalServerError: Error code: 500 - {'error': 'Incomplete generation', "
            "'error_type': 'incomplete_generation'}",
            "500 (error_type incomplete_generation): generation stopped before it finished.",
            status=500,
            field="phrase",
        ),
        Documented(
            "`inputs` must have less than",
            Cause.CONTEXT_LENGTH,
            VALIDATION,
            "openai.UnprocessableEntityError: Error code: 422 - {'error': 'Input validation "
            "error: `inputs` must have less than 4096 tokens. Given: 5000', 'error_type': "
            "'validation'}",
            "422 (validation): the prompt has more tokens than the server's --max-input-tokens.",
            status=422,
            field="phrase",
        ),
        Documented(
            "must be strictly positive",
            Cause.INVALID_PARAMETER,
            VALIDATION,
            "openai.UnprocessableEntityError: Error code: 422 - {'error': 'Input validation "
            "error: `temperature` must be strictly positive', 'error_type': 'validation'}",
            "422 (validation): temperature, repetition_penalty, top_k or max_new_tokens is "
            "zero or negative.",
            status=422,
            field="phrase",
        ),
        Documented(
            "must be > 0.0 and < 1.0",
            Cause.INVALID_PARAMETER,
            VALIDATION,
            "openai.UnprocessableEntityError: Error code: 422 - {'error': 'Input validation "
            "error: `top_p` must be > 0.0 and < 1.0', 'error_type': 'validation'}",
            "422 (validation): top_p or typical_p is outside the open interval (0, 1).",
            status=422,
            field="phrase",
        ),
        Documented(
            "grammar is not supported",
            Cause.INVALID_PARAMETER,
            VALIDATION,
            "openai.UnprocessableEntityError: Error code: 422 - {'error': 'Input validation "
            "error: grammar is not supported', 'error_type': 'validation'}",
            "422 (validation): the request asks for a grammar (response_format) the server "
            "was started without.",
            status=422,
            field="phrase",
        ),
        Documented(
            "`inputs` cannot be empty",
            Cause.MALFORMED_BODY,
            VALIDATION,
            "openai.UnprocessableEntityError: Error code: 422 - {'error': 'Input validation "
            "error: `inputs` cannot be empty', 'error_type': 'validation'}",
            "422 (validation): the prompt is empty.",
            status=422,
            field="phrase",
        ),
    ),
)
