"""Youdao's open API (有道智云: translation, dictionary, OCR, speech): ``{"errorCode": "108",
"l": "null2null"}``. ``errorCode`` "0" is success, any other a documented code; the body
carries no message, only the language pair ``l`` (and often a ``requestId``)."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


NAME = "youdao"


def claims(obj: dict[str, Any], err: dict[str, Any]) -> bool:
    return "errorCode" in obj and "l" in obj


SAMPLES = [
    {"errorCode": "411", "l": "en2zh-CHS"},
    {"requestId": "r-1", "errorCode": "202", "l": "null2null"},
]
NEAR_MISSES = [{"errorCode": "ECONNRESET", "errorMessage": "read ECONNRESET"}]
