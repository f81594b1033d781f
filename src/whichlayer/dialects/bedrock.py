"""AWS Bedrock (and other AWS JSON protocols): ``{"message": ...}`` with the error name in the
``x-amzn-errortype`` header or a ``__type`` field, e.g. ``ThrottlingException``; botocore's
parsed error (``ClientError.response``: ``{"Error": {"Code": ..., "Message": ...},
"ResponseMetadata": {...}}``, also what its printed ``An error occurred (Code) when calling
the X operation: ...`` is read as, see :mod:`whichlayer.parse.printed`); and the AWS SDK for
JavaScript v3's exceptions (``name`` with ``$fault`` and ``$metadata.httpStatusCode``).
The fields are read by ``dialects._cloud_error``.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


NAME = "bedrock"


def claims(obj: dict[str, Any], err: dict[str, Any]) -> bool:
    type_ = obj.get("__type") or obj.get("Code") or err.get("__type")  # any JSON value
    if isinstance(type_, str) and type_.endswith("Exception"):
        return True
    aws = obj.get("Error")
    if isinstance(aws, dict) and isinstance(aws.get("Code"), str):
        return True
    meta = obj.get("$metadata")
    return isinstance(meta, dict) and "httpStatusCode" in meta


SAMPLES = [
    {"__type": "ThrottlingException", "message": "Too many requests"},
    {
        "Error": {
            "Code": "InvalidClientTokenId",
            "Message": "The security token included in the request is invalid.",
        },
        "ResponseMetadata": {
            "RequestId": "0d8f2c1e-5c4b-4a51-9f3e-2d1c0b9a8e7f",
            "HTTPStatusCode": 403,
        },
    },
    {
        "name": "ThrottlingException",
        "$fault": "client",
        "$metadata": {"httpStatusCode": 429, "requestId": "158a2e26", "attempts": 3},
    },
]
NEAR_MISSES = [
    {"type": "error", "message": "x"},
    {"Error": "ThrottlingException"},
    {"$metadata": {"requestId": "158a2e26"}, "name": "x"},
]
