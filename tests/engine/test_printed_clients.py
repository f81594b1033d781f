"""Errors as other clients print them (parse/printed_clients.py): each form, written from
the library's source where the exception's string is built (keys are fake), is read into
the status, code, type and message fields, and those fields make the catalogue row or
rule that owns them decide."""

from __future__ import annotations

import pytest

import whichlayer
from whichlayer.evidence import ErrorBody


def _bodies(text: str) -> list[ErrorBody]:
    return whichlayer.to_evidence(text).bodies


def _decided(text: str) -> tuple[str, str, str]:
    d = whichlayer.explain(text)
    assert d.facts, "no rule fired"
    return d.facts[0].rule, str(d.layer), str(d.cause)


# --- the OpenAI .NET SDK (OpenAIError.ToExceptionMessage) ----------------------------------

DOTNET = [
    # (printed, status, type, code, param, message start, deciding rule, layer, cause)
    (
        "Unhandled exception. System.ClientModel.ClientResultException: HTTP 401 "
        "(invalid_request_error: invalid_api_key)\r\n\r\nIncorrect API key provided: "
        "sk-proj-****wxyz. You can find your API key at https://platform.openai.com/account/"
        "api-keys.\r\n   at OpenAI.ClientPipelineExtensions.ProcessMessageAsync()",
        401,
        "invalid_request_error",
        "invalid_api_key",
        None,
        "Incorrect API key provided",
        "catalogue.openai.invalid_api_key",
        "identity",
        "key_invalid",
    ),
    (
        # no type (null prints empty), a code only the catalogue knows
        "System.ClientModel.ClientResultException: HTTP 403 (: "
        "unsupported_country_region_territory)\r\n\r\nCountry, region, or territory not "
        "supported",
        403,
        None,
        "unsupported_country_region_territory",
        None,
        "Country, region, or territory not supported",
        "catalogue.openai.unsupported_country_region_territory",
        "identity",
        "permission_region",
    ),
    (
        # the Parameter line, Unix line breaks
        "System.ClientModel.ClientResultException: HTTP 400 (invalid_request_error: "
        "context_length_exceeded)\nParameter: messages\n\nThis model's maximum context length "
        "is 128000 tokens. However, your messages resulted in 130512 tokens.",
        400,
        "invalid_request_error",
        "context_length_exceeded",
        "messages",
        "This model's maximum context length",
        None,
        "request",
        "context_length",
    ),
    (
        "System.ClientModel.ClientResultException: HTTP 429 (insufficient_quota: "
        "insufficient_quota)\n\nYou exceeded your current quota, please check your plan and "
        "billing details.",
        429,
        "insufficient_quota",
        "insufficient_quota",
        None,
        "You exceeded your current quota",
        "quota.insufficient_balance.exceeded_quota",
        "quota",
        "insufficient_balance",
    ),
]


@pytest.mark.parametrize(
    ("text", "status", "type_", "code", "param", "message"),
    [case[:6] for case in DOTNET],
)
def test_dotnet_openai_form_is_read(text, status, type_, code, param, message):
    body = _bodies(text)[0]
    assert (body.dialect, body.status, body.type, body.code, body.param) == (
        "openai",
        status,
        type_,
        code,
        param,
    )
    assert body.message and body.message.startswith(message)
    assert "HTTP " not in body.message and "   at " not in body.message
    assert whichlayer.to_evidence(text).status == status


@pytest.mark.parametrize(("text", "rule", "layer", "cause"), [c[:1] + c[6:] for c in DOTNET])
def test_dotnet_openai_fields_decide(text, rule, layer, cause):
    fired, got_layer, got_cause = _decided(text)
    assert (got_layer, got_cause) == (layer, cause)
    if rule is not None:
        assert fired == rule


def test_dotnet_openai_without_an_error_object_gives_no_body():
    # "HTTP 500 (: )": the SDK read no error object from the reply
    text = "System.ClientModel.ClientResultException: HTTP 500 (: )\n\n"
    assert not _bodies(text)
    assert whichlayer.to_evidence(text).status == 500


def test_dotnet_openai_form_inside_a_json_string():
    text = (
        '{"detail": "Agent failed: HTTP 404 (invalid_request_error: model_not_found)\\n'
        'Parameter: model\\n\\nThe model `gpt-4.5-turbo` does not exist."}'
    )
    found = [b for b in _bodies(text) if b.code == "model_not_found"]
    assert found and found[0].param == "model"
    assert found[0].message == "The model `gpt-4.5-turbo` does not exist."


# --- Stainless JVM SDKs (openai-java, anthropic-java) ----------------------------------------


@pytest.mark.parametrize(
    ("text", "status", "message", "layer", "cause"),
    [
        (
            'Exception in thread "main" com.openai.errors.InternalServerException: 500: The '
            "server had an error while processing your request. Sorry about that!\n\tat "
            "com.openai.core.handlers.ErrorHandler$errorHandler$1.handle(ErrorHandler.kt:60)",
            500,
            "The server had an error while processing your request. Sorry about that!",
            "upstream",
            "server_error",
        ),
        (
            "com.openai.errors.UnprocessableEntityException: 422: Invalid value for 'tool_choice'",
            422,
            "Invalid value for 'tool_choice'",
            "request",
            "invalid_parameter",
        ),
    ],
)
def test_stainless_jvm_status_and_message(text, status, message, layer, cause):
    ev = whichlayer.to_evidence(text)
    assert ev.status == status
    assert (ev.bodies[0].status, ev.bodies[0].message) == (status, message)
    assert _decided(text)[1:] == (layer, cause)


def test_stainless_jvm_json_message_gives_the_status_only():
    # anthropic-java prints the body: it is read as JSON, the form gives its status
    text = (
        'com.anthropic.errors.UnauthorizedException: 401: {"type":"error","error":'
        '{"type":"authentication_error","message":"invalid x-api-key"}}'
    )
    ev = whichlayer.to_evidence(text)
    assert ev.status == 401
    assert [(b.dialect, b.type) for b in ev.bodies] == [("anthropic", "authentication_error")]
    assert _decided(text)[1:] == ("identity", "key_invalid")


# --- Google's Java SDK (com.google.genai.errors.ApiException) -------------------------------


@pytest.mark.parametrize(
    ("text", "status", "rpc", "message"),
    [
        (
            "com.google.genai.errors.ServerException: 500 INTERNAL. An internal error has "
            "occurred.",
            500,
            "INTERNAL",
            "An internal error has occurred.",
        ),
        (
            "com.google.genai.errors.ClientException: 429 RESOURCE_EXHAUSTED. Resource has "
            "been exhausted (e.g. check quota).",
            429,
            "RESOURCE_EXHAUSTED",
            "Resource has been exhausted (e.g. check quota).",
        ),
        # the status left empty
        (
            "com.google.genai.errors.ClientException: 400 . API key not valid. Please pass a "
            "valid API key.",
            400,
            None,
            "API key not valid. Please pass a valid API key.",
        ),
    ],
)
def test_genai_java_form_is_a_google_body(text, status, rpc, message):
    body = _bodies(text)[0]
    assert (body.dialect, body.status, body.status_text, body.message) == (
        "google",
        status,
        rpc,
        message,
    )
    assert whichlayer.to_evidence(text).status == status


def test_genai_java_status_text_decides():
    text = "com.google.genai.errors.ServerException: 500 INTERNAL. An internal error has occurred."
    assert _decided(text) == ("catalogue.gemini.INTERNAL", "upstream", "server_error")


def test_genai_python_form_with_a_printed_body_is_read_as_json():
    text = (
        "google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. {'error': {'code': 429, "
        "'message': 'Resource exhausted.', 'status': 'RESOURCE_EXHAUSTED'}}"
    )
    assert [b.status_text for b in _bodies(text)] == ["RESOURCE_EXHAUSTED"]


# --- google-api-go-client (googleapi.Error.Error) -------------------------------------------


@pytest.mark.parametrize(
    ("text", "status", "message", "layer"),
    [
        (
            "generate: googleapi: Error 429: Resource has been exhausted (e.g. check quota)., "
            "rateLimitExceeded",
            429,
            "Resource has been exhausted (e.g. check quota).",
            "rate_limit",
        ),
        (
            "googleapi: Error 400: API key not valid. Please pass a valid API key.",
            400,
            "API key not valid. Please pass a valid API key.",
            "identity",
        ),
    ],
)
def test_googleapi_go_form(text, status, message, layer):
    body = _bodies(text)[0]
    assert (body.dialect, body.status, body.message) == ("google", status, message)
    ev = whichlayer.to_evidence(text)
    assert ev.status == status
    assert str(whichlayer.explain(text).layer) == layer


def test_googleapi_go_bare_form_gives_the_status():
    text = (
        "googleapi: got HTTP response code 502 with body: <html><title>502 Server Error"
        "</title></html>"
    )
    ev = whichlayer.to_evidence(text)
    assert ev.status == 502
    assert not [b for b in ev.bodies if b.dialect == "google"]


# --- go-openai (APIError.Error, RequestError.Error) ----------------------------------------


def test_go_openai_api_error():
    text = (
        "chat failed: error, status code: 404, status: 404 Not Found, message: The model "
        "`deepseek-r2` does not exist, request id: 0af3c2d1"
    )
    body = _bodies(text)[0]
    assert (body.status, body.message) == (404, "The model `deepseek-r2` does not exist")
    assert _decided(text)[1:] == ("request", "model_not_found")


def test_go_openai_request_error_keeps_no_go_error_as_message():
    text = (
        "error, status code: 502, status: 502 Bad Gateway, message: invalid character '<' "
        "looking for beginning of value, body: <html><body>bad gateway</body></html>"
    )
    assert not [b for b in _bodies(text) if b.message and "invalid character" in b.message]
    assert whichlayer.to_evidence(text).status == 502
    assert _decided(text)[1:] == ("upstream", "bad_gateway")


# --- async-openai (Rust: Display and Debug of ApiError) ------------------------------------


@pytest.mark.parametrize(
    ("text", "type_", "code", "param", "message", "rule"),
    [
        (
            "stream failed: invalid_request_error: This model's maximum context length is 8192 "
            "tokens. (param: messages) (code: context_length_exceeded)",
            "invalid_request_error",
            "context_length_exceeded",
            "messages",
            "This model's maximum context length is 8192 tokens.",
            "catalogue.openai.context_length_exceeded",
        ),
        (
            "Error: ApiError: request_forbidden: Country, region, or territory not supported "
            "(code: unsupported_country_region_territory)",
            "request_forbidden",
            "unsupported_country_region_territory",
            None,
            "Country, region, or territory not supported",
            "catalogue.openai.unsupported_country_region_territory",
        ),
        (
            # the form on a line of its own under other lines
            "request 3 of 5\nstream failed: invalid_request_error: The model `o5` does not "
            "exist or you do not have access to it. (code: model_not_found)\nretrying",
            "invalid_request_error",
            "model_not_found",
            None,
            "The model `o5` does not exist or you do not have access to it.",
            "request.model_not_found",
        ),
        (
            'Err(ApiError(ApiError { message: "You exceeded your current quota, please check '
            'your plan and billing details.", type: Some("insufficient_quota"), param: None, '
            'code: Some("insufficient_quota") }))',
            "insufficient_quota",
            "insufficient_quota",
            None,
            "You exceeded your current quota, please check your plan and billing details.",
            "quota.insufficient_balance.exceeded_quota",
        ),
    ],
)
def test_async_openai_forms(text, type_, code, param, message, rule):
    body = _bodies(text)[0]
    assert (body.dialect, body.type, body.code, body.param, body.message) == (
        "openai",
        type_,
        code,
        param,
        message,
    )
    assert _decided(text)[0] == rule


# --- Baidu's qianfan SDK (qianfan.errors.APIError) -------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "message", "rule", "layer"),
    [
        (
            "qianfan.errors.APIError: api return error, req_id: as-4kx2p9w1ab code: 18, msg:"
            " Open api qps request limit reached",
            18,
            "Open api qps request limit reached",
            "catalogue.qianfan.18",
            "rate_limit",
        ),
        # an empty request id, as a failure before the request was logged prints it
        (
            "  raise errors.APIError(error_code, err_msg, req_id)\nqianfan.errors.APIError:"
            " api return error, req_id:  code: 13, msg: Get service token failed",
            13,
            "Get service token failed",
            "catalogue.qianfan.13",
            "identity",
        ),
        # older versions print no request id
        (
            "数据0发生异常：api return error, code: 336002, msg: Invalid JSON",
            336002,
            "Invalid JSON",
            "catalogue.qianfan.336002",
            "request",
        ),
    ],
)
def test_qianfan_sdk_form(text, code, message, rule, layer):
    body = _bodies(text)[0]
    assert (body.dialect, body.code, body.message) == ("qianfan", str(code), message)
    decided = _decided(text)
    assert (decided[0], decided[1]) == (rule, layer)


# --- forms that say only the status ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status", "layer"),
    [
        # .NET EnsureSuccessStatusCode, wrapped by Semantic Kernel
        (
            "Microsoft.SemanticKernel.HttpOperationException: Response status code does not "
            "indicate success: 401 (Unauthorized).\n ---> System.Net.Http.HttpRequestException"
            ": Response status code does not indicate success: 401 (Unauthorized).",
            401,
            "identity",
        ),
        # LangChain JS's error codes, set from the status alone
        (
            "Error: Rate limited.\n\nTroubleshooting URL: https://js.langchain.com/docs/"
            "troubleshooting/errors/MODEL_RATE_LIMIT/\n",
            429,
            "rate_limit",
        ),
        (
            "Failed to invoke claude with structured output: invalid x-api-key\n\n"
            "Troubleshooting URL: https://js.langchain.com/docs/troubleshooting/errors/"
            "MODEL_AUTHENTICATION/",
            401,
            "identity",
        ),
        # LangChain4j's ExceptionMapper: the class it raises for a status
        (
            "dev.langchain4j.exception.RateLimitException: dev.langchain4j.exception."
            "HttpException: Too many requests, slow down\n\tat dev.langchain4j.internal."
            "ExceptionMapper$DefaultExceptionMapper.mapException(ExceptionMapper.java:44)",
            429,
            "rate_limit",
        ),
        # n8n's NodeApiError fields
        (
            "NodeApiError: Your request is invalid or could not be processed by the service\n"
            "    httpCode: '422',\n    description: 'unknown field: reasoning'",
            422,
            "request",
        ),
        # Dart's dio: DioException.badResponse (dio 5), DioError (dio 4)
        (
            "DioException [bad response]: This exception was thrown because the response has a"
            " status code of 404 and RequestOptions.validateStatus was configured to throw for"
            ' this status code.\nThe status code of 404 has the following meaning: "Client'
            ' error - the request contains bad syntax or cannot be fulfilled"',
            404,
            "request",
        ),
        (
            "flutter: error = DioError [DioErrorType.RESPONSE]: Http status error [422]",
            422,
            "request",
        ),
        # urllib3's Retry ran out on a status (ResponseError.SPECIFIC_ERROR)
        (
            "requests.exceptions.RetryError: HTTPSConnectionPool(host='api.example.com',"
            " port=443): Max retries exceeded with url: /v1/chat/completions (Caused by"
            " ResponseError('too many 503 error responses'))",
            503,
            "upstream",
        ),
        # the chatgpt npm package's fetchSSE
        ("Error: ChatGPTAPI error 429\n    at fetchSSE (build/index.js:70:11)", 429, "rate_limit"),
    ],
)
def test_status_only_forms(text, status, layer):
    ev = whichlayer.to_evidence(text)
    assert (ev.status, ev.status_source) == (status, "text")
    assert status in ev.statuses
    assert not [b for b in ev.bodies if b.status == status]  # no body was shown
    assert str(whichlayer.explain(text).layer) == layer


def test_langchain_status_decides_as_the_status():
    text = (
        "Error: Provider said no.\n\nTroubleshooting URL: https://js.langchain.com/docs/"
        "troubleshooting/errors/MODEL_RATE_LIMIT/\n"
    )
    d = whichlayer.explain(text)
    assert (d.facts[0].rule, d.facts[0].used) == ("rate_limit.status_429", {"status": "429"})


@pytest.mark.parametrize(
    "text",
    [
        # LangChain codes not set from a status
        "Error: bad\n\nTroubleshooting URL: https://js.langchain.com/docs/troubleshooting/errors/"
        "OUTPUT_PARSING_FAILURE/",
        "Troubleshooting URL: https://js.langchain.com/docs/troubleshooting/errors/MODEL_UNKNOWN/",
        # LangChain4j classes raised for several statuses (401 or 403; any 5xx)
        "dev.langchain4j.exception.AuthenticationException: dev.langchain4j.exception."
        "HttpException: denied",
        # a status that is not a reply's
        "Exception: 500: apples were counted",
        "HTTP 200 (ok: ok)\n\nfine",
        "The build (code: 3) failed with exit status",
        "worker exited (code: 137)",
        "error, status code: 200, status: 200 OK, message: fine",
    ],
)
def test_not_a_client_form(text):
    ev = whichlayer.to_evidence(text)
    assert ev.status is None
    assert not [b for b in ev.bodies if b.dialect in ("openai", "google") or b.status]


# --- forms the parser already read: their fields, as a regression check --------------------

ALREADY = [
    # (printed, status, host, layer, cause)
    (
        # the Vercel AI SDK's APICallError as Node prints it (statusCode, url, responseBody)
        "AI_APICallError: Incorrect API key provided: sk-proj-****abcd.\n"
        "    at file:///app/node_modules/@ai-sdk/provider-utils/dist/index.mjs:431:14 {\n"
        "  cause: undefined,\n  url: 'https://api.openai.com/v1/chat/completions',\n"
        '  statusCode: 401,\n  responseBody: \'{\\n  "error": {\\n    "message": "Incorrect '
        'API key provided: sk-proj-****abcd.",\\n    "type": "invalid_request_error",\\n    '
        '"param": null,\\n    "code": "invalid_api_key"\\n  }\\n}\\n\',\n  isRetryable: false,\n'
        "  [Symbol(vercel.ai.error.AI_APICallError)]: true\n}",
        401,
        "api.openai.com",
        "identity",
        "key_invalid",
    ),
    (
        # the Stainless Go SDKs (openai-go, anthropic-sdk-go): method, URL, status, raw body
        'POST "https://api.openai.com/v1/chat/completions": 429 Too Many Requests '
        '{"message":"You exceeded your current quota, please check your plan and billing '
        'details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}',
        429,
        "api.openai.com",
        "quota",
        "insufficient_balance",
    ),
    (
        # Go's http.StatusText has no reason for 529: two spaces, then the body
        'POST "https://api.anthropic.com/v1/messages": 529  {"type":"error",'
        '"error":{"type":"overloaded_error","message":"Overloaded"}}',
        529,
        "api.anthropic.com",
        "upstream",
        "overloaded",
    ),
    (
        "requests.exceptions.HTTPError: 429 Client Error: Too Many Requests for url: "
        "https://api.example.com/v1/chat/completions",
        429,
        "api.example.com",
        "rate_limit",
        None,
    ),
    (
        "httpx.HTTPStatusError: Client error '401 Unauthorized' for url "
        "'https://api.openai.com/v1/chat/completions'",
        401,
        "api.openai.com",
        "identity",
        None,
    ),
    ("AxiosError: Request failed with status code 429", 429, None, "rate_limit", None),
    (
        "Faraday::UnauthorizedError: the server responded with status 401 for POST "
        "https://api.openai.com/v1/chat/completions",
        401,
        "api.openai.com",
        "identity",
        None,
    ),
    (
        "HTTP status client error (429 Too Many Requests) for url "
        "(https://api.openai.com/v1/chat/completions)",
        429,
        "api.openai.com",
        "rate_limit",
        None,
    ),
    (
        # openai_dart (langchain_dart): OpenAIClientException's toString, indented JSON
        'OpenAIClientException({\n  "uri": "https://api.openai.com/v1/chat/completions",\n'
        '  "method": "POST",\n  "code": 429,\n  "message": "Unsuccessful response",\n'
        '  "body": {\n    "error": {\n      "message": "You exceeded your current quota, '
        'please check your plan and billing details.",\n      "type": "insufficient_quota",\n'
        '      "param": null,\n      "code": "insufficient_quota"\n    }\n  }\n})',
        429,
        "api.openai.com",
        "quota",
        "insufficient_balance",
    ),
    (
        # Google's JS SDK (@google/genai): ApiError's message is the JSON body
        'ApiError: {"error":{"code":429,"message":"You exceeded your current quota, please '
        'check your plan and billing details.","status":"RESOURCE_EXHAUSTED"}}',
        429,
        None,
        "quota",
        None,
    ),
    (
        'ollama._types.ResponseError: model "llama3.3" not found, try pulling it first '
        "(status code: 404)",
        404,
        None,
        "request",
        "model_not_found",
    ),
]


@pytest.mark.parametrize(("text", "status", "host", "layer", "cause"), ALREADY)
def test_forms_already_read(text, status, host, layer, cause):
    ev = whichlayer.to_evidence(text)
    assert (ev.status, ev.host) == (status, host)
    d = whichlayer.explain(text)
    assert str(d.layer) == layer
    if cause is not None:
        assert str(d.cause) == cause


def test_starlette_http_exception_status():
    # Starlette's HTTPException.__str__: f"{self.status_code}: {self.detail}" (FastAPI's too)
    text = (
        "    raise HTTPException(status_code=401, detail=detail)\n"
        "fastapi.exceptions.HTTPException: 401: {'error': 'Invalid proxy server token passed'}"
    )
    ev = whichlayer.to_evidence(text)
    assert ev.status == 401
    assert str(whichlayer.explain(text).layer) == "identity"
