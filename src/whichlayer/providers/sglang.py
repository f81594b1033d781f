"""SGLang's OpenAI-compatible server."""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause

DOCS = "https://docs.sglang.ai/backend/openai_api_completions.html"
#: The server's own tests of its length checks state the messages it sends.
LENGTH = (
    "https://github.com/sgl-project/sglang/blob/main/test/srt/openai_server/validation/"
    "test_request_length_validation.py"
)

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
        Documented(
            "requested token count exceeds the model's maximum context",
            Cause.CONTEXT_LENGTH,
            LENGTH,
            "openai.BadRequestError: Error code: 400 - {'object': 'error', 'message': "
            "\"Requested token count exceeds the model's maximum context length of 1000 tokens. "
            "You requested a total of 1202 tokens: 2 tokens from the input messages and 1200 "
            "tokens for the completion. Please reduce the number of tokens in the input "
            "messages or the completion to fit within the limit.\", 'type': 'BadRequestError', "
            "'param': None, 'code': 400}",
            "400: the prompt plus max_tokens exceed the server's context length.",
            status=400,
            field="phrase",
        ),
    ),
)
