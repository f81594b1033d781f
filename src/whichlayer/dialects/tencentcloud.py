"""Tencent Cloud API 3.0 (Hunyuan and every Tencent Cloud product):
``{"Response": {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": ...},
"RequestId": ...}}``, dotted codes. The SDKs' printed exceptions
(``[TencentCloudSDKException] code:... message:... requestId:...``) are read into the same
shape by :mod:`whichlayer.parse.printed`.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


NAME = "tencentcloud"


def claims(obj: dict[str, Any], err: dict[str, Any]) -> bool:
    response = obj.get("Response")
    return (
        isinstance(response, dict)
        and isinstance(response.get("Error"), dict)
        and isinstance(response["Error"].get("Code"), str)
    )


SAMPLES = [
    {
        "Response": {
            "Error": {
                "Code": "AuthFailure.SignatureFailure",
                "Message": "The provided credentials could not be validated. Please check "
                "your signature is correct.",
            },
            "RequestId": "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6",
        }
    }
]
NEAR_MISSES = [
    # a successful reply: no Error object
    {"Response": {"Choices": [], "RequestId": "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}},
    {"error": {"code": "AuthFailure.SignatureFailure", "message": "x"}},
]
