"""OpenRouter: ``{"error": {"message", "code": 402, "metadata": {"raw", "provider_name"}},
"user_id"}``. ``metadata.raw`` carries the upstream provider's own body as a string.

https://openrouter.ai/docs/api-reference/errors
"""

from __future__ import annotations

from whichlayer.evidence import ErrorBody

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

NAME = "openrouter"


def claims(obj: dict[str, Any], err: dict[str, Any]) -> bool:
    metadata = err.get("metadata")
    if isinstance(metadata, dict) and ("raw" in metadata or "provider_name" in metadata):
        return True
    return "user_id" in obj and isinstance(err.get("code"), int) and err is not obj


def enrich(body: ErrorBody, obj: dict[str, Any], err: dict[str, Any]) -> None:
    metadata = err.get("metadata")
    if isinstance(metadata, dict) and isinstance(metadata.get("provider_name"), str):
        body.provider_name = metadata["provider_name"]


SAMPLES = [
    {
        "error": {
            "message": "Provider returned error",
            "code": 429,
            "metadata": {"raw": "upstream rate limited", "provider_name": "Groq"},
        },
        "user_id": "user_1",
    }
]
NEAR_MISSES = [{"error": {"message": "x", "code": 429}}]
