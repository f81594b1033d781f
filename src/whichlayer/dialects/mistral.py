"""Mistral: ``{"object": "error", "message", "type", "param", "code"}``."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


NAME = "mistral"


def claims(obj: dict[str, Any], err: dict[str, Any]) -> bool:
    return obj.get("object") == "error"


SAMPLES = [
    {
        "object": "error",
        "message": "Rate limit exceeded",
        "type": "rate_limited",
        "param": None,
        "code": "1300",
    }
]
NEAR_MISSES = [{"object": "list", "data": []}]
