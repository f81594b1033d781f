"""Error bodies that SDKs print as text, not as JSON.

Some SDKs print the server's error code in a sentence of their own rather than the body
they received, so no JSON reader finds it. Each form here is read back into the body shape
its dialect reads (``whichlayer.dialects``), so the body's ``code``/``type`` decide as they
would in the JSON:

- botocore's ``ClientError`` (``botocore/exceptions.py``, ``MSG_TEMPLATE``):
  ``An error occurred (InvalidClientTokenId) when calling the InvokeModel operation: The
  security token included in the request is invalid.`` (with `` (reached max retries: 4)``
  after the operation when it retried) -> ``{"Error": {"Code": ..., "Message": ...}}``;
- the AWS SDK for JavaScript v3's exceptions as Node prints them (``util.inspect``: the
  ``ThrottlingException: Too many tokens ...`` head, then ``{ '$fault': 'client',
  '$metadata': { httpStatusCode: 429, ... } }``) or as a tool lists their fields
  (``name: ThrottlingException``, ``$metadata: {"httpStatusCode":429,...}``) -> the
  exception's name as the body's ``type`` and ``httpStatusCode`` as its status;
- the Tencent Cloud SDKs' exceptions: Python's ``[TencentCloudSDKException] code:X
  message:Y requestId:Z``, Go's ``[TencentCloudSDKError] Code=X, Message=Y, RequestId=Z``,
  Node's ``[TencentCloudSDKException]\\nCode: X\\nMessage: Y\\nRequestId: Z``, Java's
  ``[TencentCloudSDKException]code: X message:Y requestId:Z`` ->
  ``{"Response": {"Error": {"Code": ..., "Message": ...}}}``;
- azure-core's ``HttpResponseError`` with an OData error (``ODataV4Format.__str__``):
  ``(DeploymentNotFound) The API deployment ...\\nCode: DeploymentNotFound\\nMessage: ...``
  -> ``{"error": {"code": ..., "message": ...}}``;
- Google's Go SDK (``google.golang.org/genai``, ``APIError.Error``): ``Error 429, Message:
  Resource has been exhausted (e.g. check quota)., Status: RESOURCE_EXHAUSTED, Details: []``
  -> a google.rpc body ``{"error": {"code": 429, "message": ..., "status": ...}}``;
- google-api-core's ``GoogleAPICallError.__str__`` (``'{} {}'.format(self.code,
  self.message)`` then the list of details, each proto in its text format):
  ``403 Permission denied on resource project x. [links {...}\n, reason: "CONSUMER_INVALID"
  \ndomain: "googleapis.com"\nmetadata {\n  key: "consumer"\n  value: "projects/x"\n}\n]``
  -> a google.rpc body whose ``details`` hold that ErrorInfo (its ``reason``, ``domain``
  and ``metadata``), so the reason decides as it does in the JSON.

Each form is looked for only where its fixed text occurs (a substring test), so other
inputs pay a few ``in`` tests. Where a paste holds a form several times (a log of several
calls, or of retries), only its last one is read: the failing call is almost always at the
end of a log, and an earlier call's code would decide at a documented code's priority.
"""

from __future__ import annotations

import re

from whichlayer.dialects import read_body
from whichlayer.evidence import ErrorBody
from whichlayer.parse import printed_clients, signals
from whichlayer.parse.jsonish import unescape
from whichlayer.prefilter import LazyPattern

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: A double quote no backslash escapes: where a form quoted in a JSON string ends.
_CLOSING_QUOTE = LazyPattern(r'(?<!\\)"')

_BOTOCORE_GATE = "An error occurred ("
#: ``An error occurred ({error_code}) when calling the {operation_name}
#: operation{retry_info}: {error_message}``; a terminal may wrap it anywhere (``\\s+``).
_BOTOCORE = LazyPattern(
    r"An error occurred \(([\w.:-]{1,100})\)\s+when\s+calling\s+the\s+(\w{1,100})\s+"
    r"operation(?:\s+\(reached\s+max\s+retries:\s+\d+\))?:\s*([^\n]{0,2000})"
)

_AWS_JS_GATE = "httpStatusCode"
_AWS_JS_STATUS = LazyPattern(r"\bhttpStatusCode['\"]?\s*:\s*([45]\d\d)\b")
#: The exception's name: its ``name`` field, else the head line Node prints.
_AWS_JS_NAME = LazyPattern(
    r"(?m)(?:^|[{,\s])['\"]?name['\"]?\s*:\s*['\"]?([A-Z][A-Za-z0-9]{2,80})\b"
)
_AWS_JS_HEAD = LazyPattern(
    r"(?m)^\s*([A-Z][A-Za-z0-9]{2,80}(?:Exception|Error|Fault)): ([^\n]{1,2000})"
)
_AWS_JS_MESSAGE = LazyPattern(
    r"(?m)(?:^|[{,\s])['\"]?(?:message|errorMessage)['\"]?\s*:\s*['\"]?([^'\"\n]{1,2000})"
)

_TENCENT_GATE = "[TencentCloudSDK"
_TENCENT = LazyPattern(
    r"\[TencentCloudSDK(?:Exception|Error)\]\s*code\s*[:=]\s*([A-Za-z][\w.]{0,100}),?\s+"
    r"message\s*[:=]\s*([^\n]{0,2000}?)(?:,?\s+requestId\s*[:=]\s*([\w-]{1,80})|\s*$)",
    re.I | re.M,
)

_GENAI_GATE = ", Status: "
_GENAI = LazyPattern(
    r"\bError (\d{3}), Message: ([\s\S]{0,2000}?), Status: ([A-Z][A-Z_]{2,40})?, Details: "
)

_API_CORE_GATE = 'reason: "'
_API_CORE_ESCAPED = 'reason: \\"'  # the form quoted inside a JSON string
#: An ErrorInfo in protobuf text format, as a list of details prints it: the reason, then
#: its domain (a terminal or a JSON string may have escaped the line breaks).
_API_CORE_INFO = LazyPattern(
    r'reason: "([A-Z][A-Z0-9_]{2,80})"(?:\s|\\n)+domain: "([\w.-]{1,100})"'
)
_API_CORE_META = LazyPattern(
    r'metadata \{(?:\s|\\n)+key: "([\w.-]{1,100})"(?:\s|\\n)+value: "([^"\n]{0,500})"'
    r"(?:\s|\\n)+\}(?:\s|\\n)+"
)
_SPACE = LazyPattern(r"(?:\s|\\n)+")
#: ``<code> <message> [<details>``: the status that leads the exception's text, before the
#: list of details (a message may hold brackets of its own).
_API_CORE_HEAD = LazyPattern(r"(?<![\w.])([45]\d\d) ([^\n]{1,1000}?) \[(?=[a-z_]{2,40}[: ])")

_AZURE_GATE = "Code: "
#: The code azure-core names: a word (PascalCase, or a status number as some services send).
_AZURE_CODE = LazyPattern(r"Code: ([A-Za-z0-9][\w.]{0,80})(?:\n|\\n)Message: ")


#: The forms' fixed texts lower-cased, in the gate set (``signals.present``): a text holds a
#: fixed text only where its lower-cased form holds the lower-cased one, so a gate set
#: without it rules the form out with a set lookup instead of a substring search.
_AWS_JS_LOW, _BOTOCORE_LOW, _TENCENT_LOW, _AZURE_LOW, _GENAI_LOW, _DOMAIN_LOW = (
    signals.gate_literals(
        _AWS_JS_GATE.lower(),
        _BOTOCORE_GATE.lower(),
        _TENCENT_GATE.lower(),
        _AZURE_GATE.lower(),
        _GENAI_GATE.lower(),
        "domain: ",
    )
)
_CLIENTS_LOW = frozenset(signals.gate_literals(*(g.lower() for g in printed_clients.GATES)))
#: Every fixed text: what stands for the gate set when the caller has none.
_EVERY = frozenset(
    (_AWS_JS_LOW, _BOTOCORE_LOW, _TENCENT_LOW, _AZURE_LOW, _GENAI_LOW, _DOMAIN_LOW, *_CLIENTS_LOW)
)


def read(
    text: str, bodies: list[ErrorBody] | None = None, gate: signals.Gate | None = None
) -> list[ErrorBody]:
    """The bodies of the printed forms in ``text``, outermost first (``bodies``: those
    already read from its JSON, which a form is not read again beside; ``gate``: the
    text's gate set, ``signals.present``, when the caller has it)."""
    if not isinstance(gate, frozenset):  # (none given, or the text itself: each form tried)
        gate = _EVERY
    out: list[ErrorBody] = []
    if _AWS_JS_LOW in gate and _AWS_JS_GATE in text and "$metadata" in text:
        out += _aws_js(text, bodies or [])
    if _BOTOCORE_LOW in gate and _BOTOCORE_GATE in text:
        out += _botocore(text)
    if _TENCENT_LOW in gate and _TENCENT_GATE in text:
        out += _tencent(text)
    if _AZURE_LOW in gate and _AZURE_GATE in text:
        out += _azure(text)
    if _GENAI_LOW in gate and _GENAI_GATE in text:
        out += _genai(text)
    if (
        _DOMAIN_LOW in gate
        and "domain: " in text
        and (_API_CORE_GATE in text or _API_CORE_ESCAPED in text)
    ):
        out += _api_core(text, bodies or [])
    # other clients' forms (.NET, JVM, Go, Rust SDKs): see parse/printed_clients.py
    if not gate.isdisjoint(_CLIENTS_LOW):
        out += printed_clients.read(text)
    return out


def status(text: str, gate: signals.Gate | None = None) -> int | None:
    """The HTTP status said by a client's printed form that shows no body (.NET's
    ``EnsureSuccessStatusCode``, LangChain's error codes, n8n's ``httpCode``; see
    :func:`whichlayer.parse.printed_clients.status`), or None. ``gate``: the text's gate
    set (``signals.present``), when the caller has it."""
    return printed_clients.status(text, gate)


def _body(value: dict[str, Any]) -> list[ErrorBody]:
    body = read_body(value)
    return [] if body is None else [body]


def _message(raw: str) -> str:
    """The message of a printed form, up to the end of its line: a form quoted inside a
    JSON string ends at its first escaped line break or unescaped double quote (the JSON
    around it follows on the same line)."""
    line = raw.split("\\n", 1)[0]
    quote = _CLOSING_QUOTE.compiled().search(line)
    if quote is not None:
        line = line[: quote.start()]
    return line.rstrip().rstrip("'").rstrip()


def _botocore(text: str) -> list[ErrorBody]:
    match = _BOTOCORE.last(text, text.rfind(_BOTOCORE_GATE))
    if match is None:
        return []
    code, message = match.group(1), _message(match.group(3))
    return _body({"Error": {"Code": code, "Message": message or None}})


def _aws_js(text: str, bodies: list[ErrorBody]) -> list[ErrorBody]:
    """The name and status of the last AWS SDK for JavaScript v3 exception printed, where
    its JSON (read by the ``bedrock`` dialect) did not already give them."""
    if any(b.dialect == "bedrock" and b.status is not None for b in bodies):
        return []
    statuses = list(_AWS_JS_STATUS.finditer(text))
    if not statuses:
        return []
    status = statuses[-1]
    head = text[max(0, status.start() - 4000) : status.start()]
    names = list(_AWS_JS_NAME.finditer(head))
    messages = list(_AWS_JS_MESSAGE.finditer(head))
    lines = list(_AWS_JS_HEAD.finditer(head))
    name = names[-1].group(1) if names else lines[-1].group(1) if lines else None
    if name is None:
        return []
    message = messages[-1].group(1) if messages else lines[-1].group(2) if lines else None
    meta = {"httpStatusCode": int(status.group(1))}
    return _body({"name": name, "message": message and message.strip(), "$metadata": meta})


def _tencent(text: str) -> list[ErrorBody]:
    # Node's form too: its fields on lines of their own (``\s`` takes a newline)
    match = _TENCENT.last(text, text.rfind(_TENCENT_GATE))
    if match is None:
        return []
    error = {"Code": match.group(1), "Message": _message(match.group(2)) or None}
    return _body({"Response": {"Error": error, "RequestId": match.group(3)}})


def _azure(text: str) -> list[ErrorBody]:
    """``(Code) message`` then ``Code: Code`` and ``Message: ...`` lines: the code is read
    only where both name it."""
    found: list[ErrorBody] = []
    for match in _AZURE_CODE.finditer(text):
        code = match.group(1)
        head = text[max(0, match.start() - 4000) : match.start()]
        opened = head.rfind("(" + code + ") ")
        if opened < 0:
            continue
        message = head[opened + len(code) + 3 :]
        message = message[:-2] if message.endswith("\\n") else message.rstrip("\n")
        if "\n" in message:  # the "(Code) message" line is the one just before
            continue
        found = _body({"error": {"code": code, "message": message.strip() or None}})
    return found


def _genai(text: str) -> list[ErrorBody]:
    match = _GENAI.last(text, -1)
    if match is None:
        return []
    error: dict[str, Any] = {"code": int(match.group(1)), "message": match.group(2).strip()}
    if match.group(3):  # a relay's copy may leave it empty
        error["status"] = match.group(3)
    return _body({"error": error})


def _last_info(text: str) -> re.Match[str] | None:
    """The last ErrorInfo printed: tried at the last few occurrences of its fixed start, each
    a field of its own (not the tail of ``error_reason: "..."``)."""
    pattern = _API_CORE_INFO.compiled()
    end = len(text)
    for _ in range(50):
        at = text.rfind(_API_CORE_GATE, 0, end)
        if at < 0:
            return None
        before = text[at - 1] if at else " "
        if not (before.isalnum() or before in "_'\""):
            match = pattern.match(text, at)
            if match is not None:
                return match
        end = at
    return None


def _api_core(text: str, bodies: list[ErrorBody]) -> list[ErrorBody]:
    """The last ErrorInfo google-api-core printed, where no JSON body gave a reason."""
    if any(b.reasons for b in bodies):
        return []
    if _API_CORE_GATE not in text:
        text = unescape(text)
    info = _last_info(text)
    if info is None:
        return []
    detail: dict[str, Any] = {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        "reason": info.group(1),
        "domain": info.group(2),
    }
    metadata: dict[str, str] = {}
    space = _SPACE.compiled().match(text, info.end())
    at = space.end() if space is not None else info.end()
    meta_pattern = _API_CORE_META.compiled()
    while len(metadata) < 20:
        meta = meta_pattern.match(text, at)
        if meta is None:
            break
        metadata[meta.group(1)] = meta.group(2)
        at = meta.end()
    if metadata:
        detail["metadata"] = metadata
    error: dict[str, Any] = {"details": [detail]}
    head = _API_CORE_HEAD.compiled()
    heads = list(head.finditer(text, max(0, info.start() - 2000), info.end()))
    if not heads:  # api-core always prints the status first: without it, not its form
        return []
    error["code"] = int(heads[-1].group(1))
    error["message"] = heads[-1].group(2).strip()
    return _body({"error": error})


def response_status(response: dict[Any, Any]) -> int | None:
    """The HTTP status botocore's ``ClientError.response`` (a parsed dict, not a response
    object) holds in ``ResponseMetadata.HTTPStatusCode``; its printed form has none."""
    meta = response.get("ResponseMetadata")
    status = meta.get("HTTPStatusCode") if isinstance(meta, dict) else None
    if isinstance(status, int) and not isinstance(status, bool) and 100 <= status <= 599:
        return status
    return None
