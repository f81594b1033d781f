"""Baidu AI Cloud Qianfan (ERNIE): ``error_code`` / ``error_msg`` bodies."""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause

DOCS = "https://ai.baidu.com/ai-doc/WENXINWORKSHOP/tlmyncueh"


def _row(code: str, cause: Cause, message: str, meaning: str) -> Documented:
    return Documented(
        code,
        cause,
        DOCS,
        '{"error_code": ' + code + ', "error_msg": "' + message + '"}',
        meaning,
        context=True,
    )


PROVIDER = Provider(
    id="qianfan",
    name="Baidu Qianfan (ERNIE)",
    kind="cloud",
    hosts=("qianfan.baidubce.com", "aip.baidubce.com"),
    protocols=("openai", "qianfan"),
    dialect="qianfan",
    words=("qianfan", "baidubce", "wenxin", "ernie"),
    docs=DOCS,
    errors=(
        _row(
            "2",
            Cause.UNAVAILABLE,
            "Service temporarily unavailable",
            "The service is temporarily unavailable; retry.",
        ),
        _row(
            "4",
            Cause.OVERLOADED,
            "Open api request limit reached",
            "The cluster's overall limit was reached; retry.",
        ),
        _row(
            "6",
            Cause.PERMISSION_MODEL,
            "No permission to access data",
            "The app may not use this service.",
        ),
        _row(
            "17",
            Cause.QUOTA_EXHAUSTED,
            "Open api daily request limit reached",
            "The daily request quota is used up, or a paid API is not activated or the "
            "account is in arrears.",
        ),
        _row(
            "18",
            Cause.RPM,
            "Open api qps request limit reached",
            "The queries-per-second limit was exceeded.",
        ),
        _row(
            "19",
            Cause.QUOTA_EXHAUSTED,
            "Open api total request limit reached",
            "A free API's total request quota is used up.",
        ),
        _row(
            "110",
            Cause.KEY_INVALID,
            "Access token invalid or no longer valid",
            "The access token is invalid.",
        ),
        _row(
            "111",
            Cause.KEY_EXPIRED,
            "Access token expired",
            "The access token has expired; fetch a new one.",
        ),
        _row(
            "336501",
            Cause.RPM,
            "Rate limit reached for RPM",
            "The requests-per-minute limit was exceeded.",
        ),
        _row(
            "336502",
            Cause.TPM,
            "Rate limit reached for TPM",
            "The tokens-per-minute limit was exceeded.",
        ),
    ),
)
