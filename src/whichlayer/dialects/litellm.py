"""LiteLLM (proxy and SDK): exception names prefixed ``litellm.``, proxy auth errors typed
``token_not_found_in_db`` / ``auth_error``, and router messages naming LiteLLM.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


NAME = "litellm"

_TYPES = frozenset(
    {"token_not_found_in_db", "auth_error", "budget_exceeded", "key_model_access_denied"}
)


def claims(obj: dict[str, Any], err: dict[str, Any]) -> bool:
    type_ = err.get("type")
    if isinstance(type_, str) and type_ in _TYPES:
        return True
    message = err.get("message")
    return isinstance(message, str) and ("litellm." in message or "LiteLLM" in message)


SAMPLES = [
    {
        "error": {
            "message": "Authentication Error, Invalid proxy server token passed.",
            "type": "token_not_found_in_db",
            "param": "key",
            "code": "401",
        }
    },
]
NEAR_MISSES = [{"error": {"message": "x", "type": "auth", "code": "401"}}]
