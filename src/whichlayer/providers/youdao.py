"""Youdao's open API (有道智云 AI 开放平台): ``{"errorCode": "411", "l": "en2zh-CHS"}`` bodies.

Youdao's translation, dictionary and OCR APIs answer HTTP 200 with an ``errorCode`` ("0"
is success) and the language pair ``l``, and no message: the code is the whole diagnosis
(the ``youdao`` dialect reads it). Its codes are bare numbers of three digits, which many
services and HTTP itself use too, so a row decides only where Youdao is recognised (its
host, its body format, its name).
"""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause

DOCS = "https://ai.youdao.com/DOCSIRMA/html/trans/api/wbfy/index.html"
_URL = "POST https://openapi.youdao.com/api\n"


def _row(code: str, cause: Cause, meaning: str) -> Documented:
    return Documented(
        code,
        cause,
        DOCS,
        _URL + '{"requestId": "4b0d2f9e", "errorCode": "' + code + '", "l": "en2zh-CHS"}',
        meaning,
        context=True,
    )


PROVIDER = Provider(
    id="youdao",
    name="Youdao AI Cloud",
    kind="cloud",
    hosts=("openapi.youdao.com", "ai.youdao.com"),
    protocols=("http",),
    dialect="youdao",
    words=("youdao", "有道"),
    docs=DOCS,
    errors=(
        _row(
            "101",
            Cause.INVALID_PARAMETER,
            "A required parameter is missing (q, from, to,"
            " appKey, salt, sign, signType or curtime), or misspelt.",
        ),
        _row("102", Cause.INVALID_PARAMETER, "The language is not supported."),
        _row("103", Cause.REQUEST_TOO_LARGE, "The text to translate is too long."),
        _row(
            "108",
            Cause.KEY_INVALID,
            "The application id (appKey) is not valid: it is the"
            " id of an application created in the console, not its secret.",
        ),
        _row(
            "110",
            Cause.PERMISSION_MODEL,
            "The application has no valid instance of this"
            " service: bind the service to the application in the console.",
        ),
        _row("111", Cause.KEY_INVALID, "The developer account is not valid."),
        _row("113", Cause.INVALID_PARAMETER, "The text to translate (q) is empty."),
        _row(
            "202",
            Cause.KEY_INVALID,
            "The signature does not match. It is made from the"
            " appKey, the text, the salt, the time and the secret, so a wrong secret breaks"
            " it; with the right pair, the text was not encoded as UTF-8.",
        ),
        _row(
            "203",
            Cause.POLICY_BLOCK,
            "The caller's IP address is not on the application's allowed list.",
        ),
        _row(
            "206",
            Cause.KEY_MALFORMED,
            "The signature's timestamp (curtime) is out of its"
            " window: the caller's clock is off, or the time is not in seconds.",
        ),
        _row(
            "207",
            Cause.KEY_MALFORMED,
            "A replayed request: the same salt and time were"
            " sent before; make both new for each request.",
        ),
        _row("301", Cause.SERVER_ERROR, "The dictionary lookup failed at Youdao's side."),
        _row("302", Cause.SERVER_ERROR, "The translation failed at Youdao's side."),
        _row("303", Cause.SERVER_ERROR, "Another error at Youdao's side."),
        _row("401", Cause.INSUFFICIENT_BALANCE, "The account is in arrears: top it up."),
        _row("411", Cause.RPM, "Calls are more frequent than allowed; wait and slow down."),
        _row("412", Cause.RPM, "Long texts are sent too often; wait between them."),
    ),
)
