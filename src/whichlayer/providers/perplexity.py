"""Perplexity (Sonar API)."""

from whichlayer.providers._base import Documented, Provider, StatusPage, by_status
from whichlayer.taxonomy import Cause

DOCS = "https://docs.perplexity.ai/guides/api-key-management"
API = "https://docs.perplexity.ai/api-reference/chat-completions-post"

PROVIDER = Provider(
    id="perplexity",
    name="Perplexity",
    kind="provider",
    site="perplexity.ai",
    hosts=("api.perplexity.ai",),
    keys=("perplexity",),
    key_platform="perplexity",
    protocols=("openai",),
    openai_base="https://api.perplexity.ai",
    words=("perplexity",),
    docs="https://docs.perplexity.ai/api-reference/chat-completions-post",
    status_page=StatusPage("https://status.perplexity.com", "html"),
    errors=(
        Documented(
            "invalid_model",
            Cause.MODEL_NOT_FOUND,
            "https://docs.perplexity.ai/getting-started/models",
            "Error code: 400 - {'error': {'message': \"Invalid model 'pplx-70b'. Permitted "
            "models can be found in the documentation at "
            "https://docs.perplexity.ai/guides/model-cards.\", 'type': 'invalid_model', "
            "'code': 400}}",
            "The model name is not one Sonar serves.",
            status=400,
            field="type",
        ),
        by_status(
            401,
            Cause.KEY_INVALID,
            DOCS,
            "POST https://api.perplexity.ai/chat/completions\nError code: 401 - <html>\r\n"
            "<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center>"
            "<h1>401 Authorization Required</h1></center>\r\n<hr><center>openresty/1.25.3.1"
            "</center>\r\n</body>\r\n</html>",
            "A bad or missing key is refused by the front server with an HTML page.",
        ),
        Documented(
            "invalid_parameter",
            Cause.INVALID_PARAMETER,
            API,
            'API error 400: {"error":{"message":"max_tokens must be at least 16 for sonar.",'
            '"type":"invalid_parameter","code":400}}\nPOST https://api.perplexity.ai/chat/'
            "completions",
            "A parameter value is refused (the message names it).",
            status=400,
            field="type",
            context=True,
        ),
    ),
)
