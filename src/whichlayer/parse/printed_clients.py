"""Errors as other clients print them: the status, code, type and message put back into
fields (see :mod:`whichlayer.parse.printed` for the AWS, Tencent, Azure and genai Go forms).

Each form was read from the library's source, where the exception's string is built:

- the OpenAI .NET SDK (``OpenAIError.ToExceptionMessage``, raised as
  ``System.ClientModel.ClientResultException``): ``HTTP 429 (insufficient_quota:
  insufficient_quota)``, an optional ``Parameter: messages`` line, a blank line, then the
  message -> an OpenAI body with its status;
- the Stainless JVM SDKs (``openai-java``, ``anthropic-java``: ``UnauthorizedException(...)
  : OpenAIServiceException("401: ${error?.message()}")``): ``com.openai.errors.
  RateLimitException: 429: message`` -> a body with that status and message (where the
  message is the JSON body, the body is read as JSON and only the status is taken here);
  Starlette's and FastAPI's ``HTTPException`` (``f"{self.status_code}: {self.detail}"``)
  print the same shape;
- Google's Java SDK (``com.google.genai.errors.ApiException``: ``String.format("%d %s. %s",
  code, status, message)``): ``ClientException: 429 RESOURCE_EXHAUSTED. message`` (the
  status may be empty: ``429 . message``) -> a google.rpc body;
- google-api-go-client (``googleapi.Error.Error``): ``googleapi: Error 429: message[,
  reason]`` -> a google body with that status and message (the legacy error item's reason
  that may follow is left out of the message); its ``googleapi: got HTTP response code 502
  with body: ...`` gives the status alone;
- go-openai (``APIError.Error``): ``error, status code: 429, status: 429 Too Many Requests,
  message: ...`` -> a body with that status and message (its ``RequestError`` form, ``...,
  body: ...``, carries a Go error as its message, not the server's: only the status,
  which the text already says, counts there);
- async-openai (Rust, ``impl Display for ApiError``): ``{type}: {message} (param: {param})
  (code: {code})``, each part but the message optional; and its ``Debug`` form
  ``ApiError { message: "...", type: Some("..."), param: None, code: Some("...") }`` ->
  an OpenAI body (a numeric code, as async-openai passes on an OpenAI-compatible server's
  ``"code": 404``, is read as the status it is; other numbers, ``exited (code: 137)``, are
  no error status and give no body);
- Baidu's qianfan SDK (``qianfan.errors.APIError.__init__``): ``api return error, req_id:
  as-xxxx code: 336002, msg: Invalid JSON`` (the request id may be empty; older versions
  print no ``req_id:``) -> a Qianfan body (``error_code``, ``error_msg``), which its
  catalogue reads.

Forms that say only the status (no body printed: a body would tell the rules that the
server answered with one) give the status alone, see :func:`status`:

- .NET's ``HttpResponseMessage.EnsureSuccessStatusCode`` (``HttpRequestException``, which
  Semantic Kernel wraps in ``HttpOperationException``): ``Response status code does not
  indicate success: 401 (Unauthorized).``;
- the Stainless JVM form above where the message is the JSON body;
- the Stainless Go SDKs' ``POST "https://api.anthropic.com/v1/messages": 529  {...}`` (the
  JSON body after it is read as JSON; Go has no reason phrase for 529 to say it by);
- LangChain JS's ``addLangChainErrorFields`` (``wrapOpenAIClientError``,
  ``wrapAnthropicClientError``): ``Troubleshooting URL: https://js.langchain.com/docs/
  troubleshooting/errors/MODEL_AUTHENTICATION/``, a code it sets from the status alone
  (401 ``MODEL_AUTHENTICATION``, 404 ``MODEL_NOT_FOUND``, 429 ``MODEL_RATE_LIMIT``);
- LangChain4j's ``ExceptionMapper``: ``dev.langchain4j.exception.RateLimitException`` is
  raised for a 429 alone, ``ModelNotFoundException`` for a 404 alone;
- n8n's ``NodeApiError``: its ``httpCode`` field as serialised (``"httpCode": "429"``; the
  fixed message n8n puts in place of the service's for a status, its
  ``STATUS_CODE_MESSAGES``, is read by :mod:`whichlayer.parse.signals`).

Every form is looked for only where a fixed part of it occurs (a substring test); where a
paste holds a form several times, its last one is read (the failing call ends a log).
"""

from __future__ import annotations

import re
from collections.abc import Container

from whichlayer.dialects import read_body
from whichlayer.evidence import ErrorBody
from whichlayer.parse import signals
from whichlayer.prefilter import Keywords, LazyPattern

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: What :func:`_last` accepts before a match: ``None`` anything, ``True`` a word
#: character (an exception's name), or one of these words.
Names = tuple[str, ...] | bool | None

#: A line break as printed, or as escaped inside a quoted string.
_BR = r"(?:\r?\n|\\r\\n|\\n)"

#: ``HTTP 4xx (`` / ``HTTP 5xx (``: an access log's ``HTTP 200`` lines do not open the gate.
_DOTNET_GATES = ("HTTP 4", "HTTP 5")
_DOTNET = LazyPattern(
    "".join(
        (
            r"HTTP ([45]\d\d) \(([\w.\-]{0,100}): ([\w.\-]{0,100})\)[ \t]*",
            _BR,
            r"(?:Parameter: ([^\r\n\\]{1,200})" + _BR + ")?",  # the parameter, if any
            r"(?:[ \t]*" + _BR + ")?",  # the blank line
            r"([^\r\n]{0,2000})",  # the message
        )
    )
)

_JVM_GATE = "Exception: "
#: ``XxxException: 401: message`` (Stainless): the exception's name ends in a word
#: character before ``Exception`` (checked apart, so the search starts at the literal).
_STAINLESS = LazyPattern(r"Exception: ([45]\d\d): ([^\r\n]{0,2000})")
#: ``ClientException: 429 RESOURCE_EXHAUSTED. message`` (Google's Java SDK).
_GENAI_JAVA = LazyPattern(r"Exception: ([45]\d\d) ([A-Z][A-Z_]{2,40})?\. ([^\r\n]{0,2000})")
_GENAI_JAVA_NAMES = ("Client", "Server", "Api", "GenAiIO")

#: google-api-go-client (``googleapi.Error.Error``): ``googleapi: Error 429: message``, with
#: ``, reason`` after it when the reply held one error item.
_GOOGLEAPI_GATE = "googleapi: "
_GOOGLEAPI = LazyPattern(r"googleapi: Error ([45]\d\d): ([^\r\n]{0,2000})")
_GOOGLEAPI_REASON = LazyPattern(r", [a-z][A-Za-z]{2,60}$")
#: ``googleapi: got HTTP response code 502 with body: ...`` (no message in the reply)
_GOOGLEAPI_BARE = LazyPattern(r"googleapi: got HTTP response code ([45]\d\d) with body")

_GO_OPENAI_GATE = "error, status code: "
_GO_OPENAI = LazyPattern(
    r"error, status code: ([45]\d\d), status: [^,\r\n]{0,80}, message: ([^\r\n]{0,2000})"
)

_ASYNC_OPENAI_GATE = "(code: "
#: The line up to its last ``(code: ...)``, read from its start (``match``).
_ASYNC_OPENAI = LazyPattern(
    r"([^\r\n]{1,2000}?)(?: \(param: ([^()\r\n]{1,200})\))? \(code: ([\w.\-]{1,100})\)"
)
#: The type that leads the message: a snake_case word (``invalid_request_error``,
#: ``insufficient_quota``), the first one on the line; a wrapper's words come before it.
_ASYNC_OPENAI_TYPE = LazyPattern(r"(?:^|(?<=[\s:]))([a-z][a-z0-9]*(?:_[a-z0-9]+)+): ")
_ASYNC_OPENAI_DEBUG_GATE = "ApiError {"
_STRING = r'"((?:[^"\\]|\\.){0,2000})"'
_OPTION = r'(?:Some\("((?:[^"\\]|\\.){0,200})"\)|None)'
_ASYNC_OPENAI_DEBUG = LazyPattern(
    f"ApiError \\{{ message: {_STRING}, (?:r#)?type: {_OPTION}, param: {_OPTION}, "
    f"code: {_OPTION} \\}}"
)


_QIANFAN_GATE = "api return error, "
_QIANFAN = LazyPattern(
    r"api return error, (?:req_id: ?[\w\-]{0,80} )?code: (\d{1,9}), msg: ?([^\r\n]{0,2000})"
)


def read(text: str) -> list[ErrorBody]:
    """The bodies of this module's printed forms in ``text``."""
    out: list[ErrorBody] = []
    present = text if len(text) <= _LONG else _present(text)
    if _DOTNET_GATES[0] in present or _DOTNET_GATES[1] in present:
        out += _dotnet(text)
    if _JVM_GATE in present:
        out += _jvm(text)
    if _GOOGLEAPI_GATE in present:
        out += _googleapi(text)
    if _GO_OPENAI_GATE in present:
        out += _go_openai(text)
    if _ASYNC_OPENAI_DEBUG_GATE in present:
        out += _async_openai_debug(text)
    elif _ASYNC_OPENAI_GATE in present:
        out += _async_openai(text)
    if _QIANFAN_GATE in present:
        out += _qianfan(text)
    return out


#: Longer texts are gated by one pass for all the body forms' fixed parts (see
#: :func:`_present`).
_LONG = 4_000
_KEYWORDS: Keywords | None = None


def _present(text: str) -> Container[str]:
    """What the body forms' gates are tested against: a short text itself (a substring
    test each), or for a long one the set of the gates it holds, found in one Aho-Corasick
    pass (a substring search per gate costs a pass over the text each)."""
    global _KEYWORDS
    if len(text) <= _LONG:
        return text
    if _KEYWORDS is None:
        _KEYWORDS = Keywords(_GATES)
    return _KEYWORDS.present(text)


def _last(pattern: LazyPattern, text: str, names: Names = None) -> re.Match[str] | None:
    """The last match of ``pattern`` (which starts with its fixed text, ``_PREFIX``) whose
    exception's name ``names`` accepts (see :func:`_named`): tried at the fixed text's last
    occurrence first (the form is almost always there), else over the whole text."""
    accept = None if names is None else lambda start: _named(text, start, names)
    return pattern.last(text, text.rfind(_PREFIX[pattern.pattern]), accept)


def _line(raw: str) -> str:
    """A message up to its end: an escaped line break, or the closing quote of a form
    quoted in a JSON string."""
    line = raw.split("\\n", 1)[0].split("\\r", 1)[0]
    cut = line.find('"') if line.count('"') % 2 else -1
    if cut >= 0:
        line = line[:cut]
    line = line.strip()
    if line.endswith("'") and line.count("'") % 2:  # the close of a Python repr around it
        line = line[:-1].rstrip()
    return line


def _with_status(value: dict[str, Any], status: int) -> list[ErrorBody]:
    body = read_body(value)
    if body is None:
        return []
    if body.status is None:
        body.status = status
    return [body]


def _dotnet(text: str) -> list[ErrorBody]:
    match = _last(_DOTNET, text)
    if match is None:
        return []
    status, type_, code, param, message = match.groups()
    if not (type_ or code):  # "HTTP 500 (: )": the SDK read no error object
        return []
    error: dict[str, Any] = {"message": _line(message) or None, "type": type_ or None}
    error["code"] = code or None
    if param:
        error["param"] = param.strip()
    return _with_status({"error": error}, int(status))


def _named(text: str, at: int, names: Names) -> bool:
    """Does the exception's name that ends just before ``at`` (where ``Exception`` starts)
    suit: any name (``None``), one ending in a word character (``True``), or one of
    ``names``?"""
    if names is None:
        return True
    if isinstance(names, tuple):
        return text.endswith(names, max(0, at - 8), at)
    return at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_")


def _jvm(text: str) -> list[ErrorBody]:
    found: list[ErrorBody] = []
    genai = _last(_GENAI_JAVA, text, _GENAI_JAVA_NAMES)
    if genai is not None:
        code, rpc, message = genai.groups()
        message = _line(message)
        if not message.startswith(("{", "[")):  # a printed body is read as JSON
            # the SDK's own form: Google's dialect even where the status is left empty
            # (no dialect would claim a bare code and message)
            body = ErrorBody("google", int(code), code=code, message=message or None)
            body.status_text = rpc
            found.append(body)
    stainless = _last(_STAINLESS, text, True)
    if stainless is not None:
        message = _line(stainless.group(2))
        if message and not message.startswith(("{", "[")):
            found += _with_status({"error": {"message": message}}, int(stainless.group(1)))
    return found


def _googleapi(text: str) -> list[ErrorBody]:
    match = _last(_GOOGLEAPI, text)
    if match is None:
        return []
    message = _line(match.group(2))
    reason = _GOOGLEAPI_REASON.search(message)
    if reason is not None:  # the error item's reason (``rateLimitExceeded``), not the message
        message = message[: reason.start()]
    code = match.group(1)
    return [ErrorBody("google", int(code), code=code, message=message or None)]


def _go_openai(text: str) -> list[ErrorBody]:
    match = _last(_GO_OPENAI, text)
    if match is None:
        return []
    message = match.group(2)
    if ", body: " in message:  # RequestError: its message is a Go error, not the server's
        return []
    message = _line(message.split(", request id: ", 1)[0])
    if not message:
        return []
    return _with_status({"error": {"message": message}}, int(match.group(1)))


def _async_openai(text: str) -> list[ErrorBody]:
    at = text.rfind(_ASYNC_OPENAI_GATE)
    start = max(text.rfind("\n", 0, at) + 1, text.rfind("\r", 0, at) + 1, at - 2000)
    match = _ASYNC_OPENAI.compiled().match(text[start : text.find(")", at) + 1])
    if match is None:
        return []
    line, param, code = match.groups()
    if code.isdigit() and not ("400" <= code <= "599" and len(code) == 3):
        return []  # "exited (code: 137)": a number that is no error status
    error: dict[str, Any] = {"message": line.strip(), "code": code, "param": param}
    type_ = _ASYNC_OPENAI_TYPE.search(line)
    if type_ is not None:
        error["type"] = type_.group(1)
        error["message"] = line[type_.end() :].strip()
    body = read_body({"error": error})
    return [] if body is None else [body]


def _async_openai_debug(text: str) -> list[ErrorBody]:
    match = _last(_ASYNC_OPENAI_DEBUG, text)
    if match is None:
        return []
    message, type_, param, code = (
        None if value is None else value.replace('\\"', '"') for value in match.groups()
    )
    error = {"message": message, "type": type_, "param": param, "code": code}
    body = read_body({"error": error})
    return [] if body is None else [body]


def _qianfan(text: str) -> list[ErrorBody]:
    match = _last(_QIANFAN, text)
    if match is None:
        return []
    message = _line(match.group(2))
    body = read_body({"error_code": int(match.group(1)), "error_msg": message})
    return [] if body is None else [body]


# --- forms that say only the status -------------------------------------------------------

_DOTNET_HTTP_GATE = "does not indicate success"
_DOTNET_HTTP = LazyPattern(r"Response status code does not indicate success: ([1-5]\d\d)\b")

_STAINLESS_JSON = LazyPattern(r"Exception: ([45]\d\d): [{\[]")

#: The Stainless Go SDKs (openai-go, anthropic-sdk-go; ``apierror.Error.Error``): ``POST
#: "https://api.anthropic.com/v1/messages": 529  {...}``: Go names no reason for a status
#: outside its table (529, Cloudflare's 52x), so only the number says it.
#: The method before the quoted URL: a JSON log's ``"url": "http...`` does not open the gate.
_STAINLESS_GO_GATES = ('POST "http', 'GET "http')
_STAINLESS_GO = LazyPattern(r" \"https?://[^\"\s]{1,500}\": ([1-5]\d\d) ")
_METHODS = ("POST", "GET", "PUT", "PATCH", "DELETE")

_LANGCHAIN_GATE = "troubleshooting/errors/MODEL_"
#: ``wrapOpenAIClientError`` / ``wrapAnthropicClientError``: the code names the status.
_LANGCHAIN_CODES = {
    "MODEL_AUTHENTICATION": 401,
    "MODEL_NOT_FOUND": 404,
    "MODEL_RATE_LIMIT": 429,
}
_LANGCHAIN = LazyPattern(r"troubleshooting/errors/(MODEL_[A-Z_]{2,40})\b")

#: LangChain4j's ``ExceptionMapper.mapHttpStatusCode``: the exception it raises for a
#: status; only the classes it raises for one status alone name that status
#: (``AuthenticationException`` is 401 or 403, ``InternalServerException`` any 5xx).
_LANGCHAIN4J_GATE = "dev.langchain4j.exception."
_LANGCHAIN4J_CODES = {"RateLimitException": 429, "ModelNotFoundException": 404}
_LANGCHAIN4J = LazyPattern(r"dev\.langchain4j\.exception\.(\w{1,60}Exception)\b")

_N8N_GATE = "httpCode"
_N8N_CODE = LazyPattern(r"httpCode[\"']?\s*:\s*[\"']?([1-5]\d\d)\b")

#: Dart's dio (Flutter apps), ``DioException.badResponse``: "This exception was thrown
#: because the response has a status code of 503 and RequestOptions.validateStatus was
#: configured to throw for this status code." (dio 5); dio 4's "DioError
#: [DioErrorType.response]: Http status error [422]". The body is not printed.
_DIO_GATE = "validatestatus was configured to throw"
_DIO = LazyPattern(
    r"the response has a status code of ([1-5]\d\d) and RequestOptions\.validateStatus"
)
_DIO4_GATE = "http status error ["
_DIO4 = LazyPattern(r"Http status error \[([1-5]\d\d)\]")

#: Python's urllib3 when a ``Retry(status_forcelist=...)`` ran out on statuses
#: (``ResponseError.SPECIFIC_ERROR``, inside requests' ``RetryError`` / ``MaxRetryError``):
#: "Max retries exceeded with url: /v1/x (Caused by ResponseError('too many 503 error
#: responses'))". The server answered each try with that status; no body is kept.
_URLLIB3_GATE = "error responses"
_URLLIB3 = LazyPattern(r"too many ([1-5]\d\d) error responses")

#: The ``chatgpt`` npm package (ChatGPTAPI's ``fetchSSE``): "ChatGPTAPI error ${res.status
#: || res.statusText}", thrown without the body.
_CHATGPTAPI_GATE = "chatgptapi error "
_CHATGPTAPI = LazyPattern(r"ChatGPTAPI error ([1-5]\d\d)\b")

#: The fixed text each pattern starts with.
_PREFIX = {
    _DOTNET.pattern: "HTTP ",
    _STAINLESS.pattern: "Exception: ",
    _GENAI_JAVA.pattern: "Exception: ",
    _STAINLESS_JSON.pattern: "Exception: ",
    _GO_OPENAI.pattern: _GO_OPENAI_GATE,
    _ASYNC_OPENAI_DEBUG.pattern: "ApiError { message: ",
    _DOTNET_HTTP.pattern: "Response status code does not indicate success: ",
    _STAINLESS_GO.pattern: ' "http',
    _N8N_CODE.pattern: _N8N_GATE,
    _DIO.pattern: "the response has a status code of ",
    _DIO4.pattern: "Http status error [",
    _URLLIB3.pattern: "too many ",
    _CHATGPTAPI.pattern: "ChatGPTAPI error ",
    _GOOGLEAPI.pattern: "googleapi: Error ",
    _GOOGLEAPI_BARE.pattern: "googleapi: got HTTP response code ",
    _LANGCHAIN4J.pattern: _LANGCHAIN4J_GATE,
    _QIANFAN.pattern: _QIANFAN_GATE,
}

_GATES = (
    *_DOTNET_GATES,
    _JVM_GATE,
    _GO_OPENAI_GATE,
    _GOOGLEAPI_GATE,
    _ASYNC_OPENAI_GATE,
    _ASYNC_OPENAI_DEBUG_GATE,
    _QIANFAN_GATE,
)
#: The fixed texts one of which each body form holds (``printed`` gates its call on them).
GATES = _GATES


#: The status forms' fixed parts, lower-cased, in the rules' one keyword pass
#: (``signals.present``): :func:`status` runs after it, so its gates cost a set lookup each.
(
    _G_DOTNET_HTTP,
    _G_JVM,
    _G_POST,
    _G_GET,
    _G_GOOGLEAPI,
    _G_LANGCHAIN,
    _G_LANGCHAIN4J,
    _G_N8N,
    _G_DIO,
    _G_DIO4,
    _G_URLLIB3,
    _G_CHATGPTAPI,
) = signals.gate_literals(
    _DOTNET_HTTP_GATE,
    _JVM_GATE.lower(),
    _STAINLESS_GO_GATES[0].lower(),
    _STAINLESS_GO_GATES[1].lower(),
    _GOOGLEAPI_GATE,
    _LANGCHAIN_GATE.lower(),
    _LANGCHAIN4J_GATE,
    _N8N_GATE.lower(),
    _DIO_GATE,
    _DIO4_GATE,
    _URLLIB3_GATE,
    _CHATGPTAPI_GATE,
)

#: Forms whose status is the last match of one pattern, tried in this order after the others.
_LAST_STATUS = (
    (_G_N8N, _N8N_CODE),
    (_G_DIO, _DIO),
    (_G_DIO4, _DIO4),
    (_G_URLLIB3, _URLLIB3),
    (_G_CHATGPTAPI, _CHATGPTAPI),
)


def status(text: str, gate: signals.Gate | None = None) -> int | None:
    """The HTTP status a form that prints no body says (see the module's note), or None.
    ``gate``: the text's gate set (``signals.present`` of it lower-cased), when the caller
    has it."""
    if gate is None:
        gate = text.lower()
    if _G_DOTNET_HTTP in gate:
        match = _last(_DOTNET_HTTP, text)
        if match is not None:
            return int(match.group(1))
    if _G_JVM in gate:
        match = _last(_STAINLESS_JSON, text, True)
        if match is not None:
            return int(match.group(1))
    if _G_POST in gate or _G_GET in gate:
        match = _last(_STAINLESS_GO, text, _METHODS)
        if match is not None:
            return int(match.group(1))
    if _G_GOOGLEAPI in gate:
        match = _last(_GOOGLEAPI_BARE, text)
        if match is not None:
            return int(match.group(1))
    if _G_LANGCHAIN in gate:
        for match in reversed(list(_LANGCHAIN.finditer(text))):
            code = _LANGCHAIN_CODES.get(match.group(1))
            if code is not None:
                return code
    if _G_LANGCHAIN4J in gate:
        for match in reversed(list(_LANGCHAIN4J.finditer(text))):
            code = _LANGCHAIN4J_CODES.get(match.group(1))
            if code is not None:
                return code
    for literal, pattern in _LAST_STATUS:
        if literal in gate:
            match = _last(pattern, text)
            if match is not None:
                return int(match.group(1))
    return None
