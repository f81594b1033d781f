"""Google's RPC error: ``{"error": {"code": 429, "message", "status": "RESOURCE_EXHAUSTED",
"details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": ...}, ...]}}``.

Details types from https://cloud.google.com/apis/design/errors (ErrorInfo,
QuotaFailure, RetryInfo, Help, LocalizedMessage).
"""

from __future__ import annotations

from whichlayer.evidence import ErrorBody
from whichlayer.prefilter import LazyPattern

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

NAME = "google"

_RPC_STATUS = LazyPattern(r"^[A-Z][A-Z_]{3,}$")


def claims(obj: dict[str, Any], err: dict[str, Any]) -> bool:
    status = err.get("status")
    if isinstance(status, str) and _RPC_STATUS.match(status) and isinstance(err.get("code"), int):
        return True
    details = err.get("details")
    return isinstance(details, list) and any(
        isinstance(d, dict) and "googleapis.com" in str(d.get("@type", "")) for d in details
    )


def enrich(body: ErrorBody, obj: dict[str, Any], err: dict[str, Any]) -> None:
    details = err.get("details")
    if not isinstance(details, list):
        return
    for detail in details:
        if not isinstance(detail, dict):
            continue
        if isinstance(detail.get("reason"), str):
            body.reasons.append(detail["reason"])
        metadata = detail.get("metadata")
        if isinstance(metadata, dict):
            body.reasons += [f"{k}={v}" for k, v in metadata.items() if isinstance(v, str)]
        for violation in detail.get("violations") or []:
            if isinstance(violation, dict):
                body.reasons += [
                    f"{k}={v}" for k, v in violation.items() if isinstance(v, str | int)
                ]
        delay = detail.get("retryDelay")
        if isinstance(delay, str):
            body.reasons.append(f"retryDelay={delay}")


SAMPLES = [
    {
        "error": {
            "code": 429,
            "message": "Resource has been exhausted (e.g. check quota).",
            "status": "RESOURCE_EXHAUSTED",
        }
    },
]
NEAR_MISSES = [{"error": {"code": 400, "message": "bad", "status": "Bad Request"}}]
