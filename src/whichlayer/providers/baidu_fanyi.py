"""Baidu Translate (百度翻译开放平台): ``{"error_code": "54003", "error_msg": ...}`` bodies.

The same ``error_code`` / ``error_msg`` format as Baidu's other APIs (the ``qianfan``
dialect); its codes are five digits of their own, documented in the general translation
API's guide. Each is a bare number other services could use too, so a row decides only
where Baidu Translate is recognised (its host, its body format, its name).
"""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause

DOCS = "https://fanyi-api.baidu.com/doc/21"
_URL = "GET https://fanyi-api.baidu.com/api/trans/vip/translate\n"


def _row(code: str, cause: Cause, message: str, meaning: str) -> Documented:
    return Documented(
        code,
        cause,
        DOCS,
        _URL + '{"error_code": "' + code + '", "error_msg": "' + message + '"}',
        meaning,
        context=True,
    )


PROVIDER = Provider(
    id="baidu-fanyi",
    name="Baidu Translate",
    kind="cloud",
    hosts=("fanyi-api.baidu.com", "api.fanyi.baidu.com"),
    protocols=("http",),
    dialect="qianfan",
    words=("baidu translat", "百度翻译", "fanyi-api.baidu"),
    docs=DOCS,
    errors=(
        _row(
            "52001",
            Cause.GATEWAY_TIMEOUT,
            "TIMEOUT",
            "The translation timed out at Baidu's side; retry.",
        ),
        _row(
            "52002",
            Cause.SERVER_ERROR,
            "SYSTEM ERROR",
            "A system error at Baidu's side; retry.",
        ),
        _row(
            "52003",
            Cause.KEY_INVALID,
            "UNAUTHORIZED USER",
            "The APPID is not an authorised user: check the APPID, and that the service is"
            " enabled for it.",
        ),
        _row(
            "54000",
            Cause.INVALID_PARAMETER,
            "PARAM_FROM_TO_OR_Q_EMPTY",
            "A required parameter is empty (q, from, to, appid, salt or sign).",
        ),
        _row(
            "54001",
            Cause.KEY_INVALID,
            "Invalid Sign",
            "The signature does not match: it is made from the APPID, the text, the salt and"
            " the secret key, so a wrong key (or a text encoded differently) breaks it.",
        ),
        _row(
            "54003",
            Cause.RPM,
            "Invalid Access Limit",
            "Calls are more frequent than the plan's calls per second allow; slow down or"
            " raise the plan.",
        ),
        _row(
            "54004",
            Cause.INSUFFICIENT_BALANCE,
            "Account balance insufficient",
            "The account balance cannot pay for the call; top up in the console.",
        ),
        _row(
            "54005",
            Cause.RPM,
            "Long query too frequently",
            "Long texts are sent too often; wait a few seconds between them.",
        ),
        _row(
            "58000",
            Cause.POLICY_BLOCK,
            "INVALID_CLIENT_IP",
            "The client's IP address is not on the app's IP allowlist in the console.",
        ),
        _row(
            "58001",
            Cause.INVALID_PARAMETER,
            "INVALID_TO_PARAM",
            "The target language is not supported.",
        ),
        _row(
            "58002",
            Cause.PERMISSION_MODEL,
            "SERVICE_CLOSED",
            "The service is switched off for this app; switch it on in the console.",
        ),
        _row(
            "58003",
            Cause.POLICY_BLOCK,
            "IP BANNED",
            "The IP address is banned for the day: it sent requests with more than one APPID.",
        ),
        _row(
            "90107",
            Cause.KEY_INVALID,
            "AUTHENTICATION NOT PASSED",
            "The account's authentication has not passed or is not in effect yet.",
        ),
    ),
)
