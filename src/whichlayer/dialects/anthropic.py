"""Anthropic's error body: ``{"type": "error", "error": {"type", "message"}, "request_id"}``.

Error types from https://docs.anthropic.com/en/api/errors .
"""

from __future__ import annotations

from whichlayer.evidence import ErrorBody

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

NAME = "anthropic"

#: Types only Anthropic uses (``invalid_request_error`` is shared with OpenAI).
OWN_TYPES = frozenset(
    {
        "authentication_error",
        "permission_error",
        "not_found_error",
        "request_too_large",
        "rate_limit_error",
        "api_error",
        "overloaded_error",
        "billing_error",
        "timeout_error",
    }
)


def claims(obj: dict[str, Any], err: dict[str, Any]) -> bool:
    if obj.get("type") == "error" and isinstance(obj.get("error"), dict):
        return True
    type_ = err.get("type")
    return isinstance(type_, str) and type_ in OWN_TYPES and "param" not in err


def enrich(body: ErrorBody, obj: dict[str, Any], err: dict[str, Any]) -> None:
    inner = err.get("type")
    if body.type == "error" and isinstance(inner, str):
        body.type = inner


SAMPLES = [
    {
        "type": "error",
        "error": {"type": "overloaded_error", "message": "Overloaded"},
        "request_id": "req_011CX3viqzURh9fnBF6nffNS",
    },
    {"type": "not_found_error", "message": "model: claude-4-sonnet"},
]
NEAR_MISSES = [
    {"error": {"message": "x", "type": "invalid_request_error", "param": None, "code": None}},
]
