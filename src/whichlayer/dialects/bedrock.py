"""AWS Bedrock (and other AWS JSON protocols): ``{"message": ...}`` with the error name in the
``x-amzn-errortype`` header or a ``__type`` field, e.g. ``ThrottlingException``.
"""

from __future__ import annotations

from typing import Any

NAME = "bedrock"


def claims(obj: dict[str, Any], err: dict[str, Any]) -> bool:
    type_ = obj.get("__type") or obj.get("Code") or err.get("__type")  # any JSON value
    return isinstance(type_, str) and type_.endswith("Exception")


SAMPLES = [{"__type": "ThrottlingException", "message": "Too many requests"}]
NEAR_MISSES = [{"type": "error", "message": "x"}]
