"""Dialects: one small module per family of error bodies.

A dialect module defines ``NAME``, ``claims(obj, err) -> bool`` (does this
body look like ours?), and ``SAMPLES`` / ``NEAR_MISSES`` (bodies it must and
must not claim; they run as tests). Field extraction is shared: every family
puts the same few facts (type, code, message, param, status) in slightly
different places. Dialects are tried most specific first.
"""

from __future__ import annotations

from types import ModuleType

from whichlayer.dialects import (
    anthropic,
    azure,
    bedrock,
    google,
    litellm,
    minimax,
    mistral,
    newapi,
    ollama,
    openai,
    openrouter,
    qianfan,
    tencentcloud,
    tgi,
    youdao,
)
from whichlayer.evidence import ErrorBody

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Most specific first: relays and wrappers before the formats they imitate.
DIALECTS: tuple[ModuleType, ...] = (
    openrouter,
    newapi,
    litellm,
    google,
    anthropic,
    tencentcloud,
    azure,
    bedrock,
    mistral,
    minimax,
    qianfan,
    youdao,
    tgi,
    ollama,
    openai,
)


#: The code that means success in bodies that carry one on every reply (MiniMax's
#: ``base_resp.status_code``, Youdao's ``errorCode``): no error at all.
SUCCESS_CODES = (0, "0")


def error_object(obj: dict[str, Any]) -> dict[str, Any]:
    """The dict that holds the error's fields: ``obj["error"]``, MiniMax's ``base_resp``
    (``status_code`` 0 is success), the first of Cloudflare's ``errors``, the AWS and
    Tencent Cloud shapes (see :func:`_cloud_error`), or ``obj``."""
    inner = obj.get("error")
    if isinstance(inner, dict):
        return inner
    cloud = _cloud_error(obj)
    if cloud is not None:
        return cloud
    base = obj.get("base_resp")
    if isinstance(base, dict):
        code = base.get("status_code")
        if code is not None and code not in SUCCESS_CODES:
            return {"code": code, "message": base.get("status_msg")}
    errors = obj.get("errors")
    if (
        isinstance(errors, list)
        and errors
        and isinstance(errors[0], dict)
        and "code" in errors[0]
        and "message" in errors[0]
    ):
        return errors[0]
    return obj


def _cloud_error(obj: dict[str, Any]) -> dict[str, Any] | None:
    """The error fields of the clouds' own shapes, with their names as the other dialects
    spell them (``code``, ``type``, ``message``, ``status_code``):

    - botocore's parsed error (``ClientError.response``, and what its printed form says):
      ``{"Error": {"Code": ..., "Message": ...}, "ResponseMetadata": {"HTTPStatusCode": ..}}``;
      the code is the AWS error name (its ``type`` and ``code``), or for a reply with no
      body (a HEAD request) the HTTP status itself;
    - the AWS SDK for JavaScript v3's exceptions as printed or serialised: ``name`` (or
      ``__type``, Lambda's ``errorType``) beside ``$metadata.httpStatusCode``;
    - Tencent Cloud API 3.0: ``{"Response": {"Error": {"Code": ..., "Message": ...}}}``.
    """
    aws = obj.get("Error")
    if isinstance(aws, dict) and isinstance(aws.get("Code"), str):
        code = aws["Code"]
        meta = obj.get("ResponseMetadata")
        status = meta.get("HTTPStatusCode") if isinstance(meta, dict) else None
        return {
            "code": code,
            "type": None if code.isdigit() else code,
            "message": aws.get("Message"),
            "status_code": status,
        }
    meta = obj.get("$metadata")
    status = meta.get("httpStatusCode") if isinstance(meta, dict) else None
    # every output carries $metadata; only an exception's has an error status
    if isinstance(status, int) and not isinstance(status, bool) and 400 <= status <= 599:
        name = obj.get("name") or obj.get("__type") or obj.get("errorType") or obj.get("Code")
        return {
            "type": name if isinstance(name, str) else None,
            "message": obj.get("message") or obj.get("errorMessage") or obj.get("Message"),
            "status_code": status,
        }
    response = obj.get("Response")
    if isinstance(response, dict):
        error = response.get("Error")
        if isinstance(error, dict) and isinstance(error.get("Code"), str):
            return {"code": error["Code"], "message": error.get("Message")}
    return None


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list | bool):  # never "True" as a message
        return None
    text = str(value).strip()
    return text or None


# Codes that name their status: Azure's and .NET's HttpStatusCode names ("code":
# "BadRequest"), and google.rpc's canonical codes ("status": "NOT_FOUND"), for bodies
# that carry no number.
_NAMED_STATUS = {
    "BadRequest": 400,
    "Unauthorized": 401,
    "Forbidden": 403,
    "NotFound": 404,
    "TooManyRequests": 429,
    "InternalServerError": 500,
    "BadGateway": 502,
    "ServiceUnavailable": 503,
    "GatewayTimeout": 504,
    "INVALID_ARGUMENT": 400,
    "FAILED_PRECONDITION": 400,
    "UNAUTHENTICATED": 401,
    "PERMISSION_DENIED": 403,
    "NOT_FOUND": 404,
    "RESOURCE_EXHAUSTED": 429,
    "INTERNAL": 500,
    "UNAVAILABLE": 503,
    "DEADLINE_EXCEEDED": 504,
}


def _digits_status(value: str) -> int | None:
    """``"429"`` as 429; not ``"²"``, which ``str.isdigit`` accepts but ``int`` refuses."""
    if value.isascii() and value.isdigit() and 100 <= int(value) <= 599:
        return int(value)
    return None


def _status(err: dict[str, Any], obj: dict[str, Any]) -> int | None:
    for value in (err.get("code"), err.get("status"), obj.get("status"), obj.get("code")):
        if isinstance(value, bool):
            continue
        if isinstance(value, int) and 100 <= value <= 599:
            return value
        if isinstance(value, str) and (status := _digits_status(value)) is not None:
            return status
    for key in ("raw_status_code", "status_code", "statusCode"):
        value = err.get(key, obj.get(key))
        if isinstance(value, int) and not isinstance(value, bool) and 100 <= value <= 599:
            return value
    for value in (err.get("code"), err.get("status"), obj.get("status")):
        if isinstance(value, str) and value in _NAMED_STATUS:
            return _NAMED_STATUS[value]
    # new-api puts the upstream's status in "param": {"code": "bad_response_status_code",
    # "param": "524"}
    param = err.get("param")
    if err.get("code") == "bad_response_status_code" and isinstance(param, str):
        return _digits_status(param)
    return None


def _message(err: dict[str, Any], obj: dict[str, Any]) -> str | None:
    for holder in (err, obj):
        for key in (
            "message",
            "Message",
            "detail",
            "error_description",
            "msg",
            "errorMessage",
            "error_msg",
        ):
            text = _text(holder.get(key))
            if text:
                return text
    text = _text(obj.get("error"))
    return text


#: Issue codes of zod, the schema library JavaScript clients check bodies with (v3 and v4).
#: An issue (``{"code": "invalid_type", "path": [...], "message": ...}``) is the client's
#: own complaint about a body it received or was given: the Vercel AI SDK prints "Type
#: validation failed: Value: <the provider's body>. Error message: [<issues>]", and the
#: failure is in the value, never in the issue's code.
ZOD_ISSUE_CODES = frozenset(
    {
        "custom", "invalid_arguments", "invalid_date", "invalid_element", "invalid_enum_value",
        "invalid_format", "invalid_intersection_types", "invalid_key", "invalid_literal",
        "invalid_return_type", "invalid_string", "invalid_type", "invalid_union",
        "invalid_union_discriminator", "invalid_value", "not_finite", "not_multiple_of",
        "too_big", "too_small", "unrecognized_keys",
    }
)  # fmt: skip


def read_body(obj: dict[str, Any], depth: int = 0) -> ErrorBody | None:
    """Read the error facts of one JSON body, or ``None`` if it is not an error body (a
    schema library's validation issue is not one: see ``ZOD_ISSUE_CODES``)."""
    if isinstance(obj.get("path"), list) and obj.get("code") in ZOD_ISSUE_CODES:
        return None
    err = error_object(obj)
    message = _message(err, obj)
    type_ = _text(err.get("type")) or _text(obj.get("__type")) or _text(obj.get("type"))
    code = err.get("code", err.get("error_code"))
    if code is None:
        # camelCase ``errorCode`` (Youdao, IBM watsonx, Naver, Node's serialised errors)
        code = obj.get("errorCode")
        if code in SUCCESS_CODES:
            code = None
    code_text = _text(code) if not isinstance(code, bool) else None
    status_text = err.get("status") if isinstance(err.get("status"), str) else None
    if not (message or type_ or code_text or status_text):
        return None
    body = ErrorBody(
        dialect="generic",
        status=_status(err, obj),
        type=type_ if type_ != "error" else _text(err.get("type")) or type_,
        code=code_text,
        message=message,
        param=_text(err.get("param")),
        status_text=_text(status_text) if status_text and not status_text.isdigit() else None,
        depth=depth,
    )
    for claims, name, extra in _CLAIMS:
        if claims(obj, err):
            body.dialect = name
            if extra is not None:
                extra(body, obj, err)
            break
    return body


#: Each dialect's ``claims``, ``NAME`` and ``enrich`` (or None), in DIALECTS' order, read
#: from the modules once (not three attribute look-ups per dialect per body).
_CLAIMS = tuple((d.claims, d.NAME, getattr(d, "enrich", None)) for d in DIALECTS)
