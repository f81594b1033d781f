"""Ollama: ``{"error": "model 'x' not found, try pulling it first"}`` (a bare string)."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


NAME = "ollama"


def claims(obj: dict[str, Any], err: dict[str, Any]) -> bool:
    message = obj.get("error")
    return isinstance(message, str) and ("try pulling it" in message or "ollama" in message)


SAMPLES = [{"error": "model 'llama3' not found, try pulling it first"}]
NEAR_MISSES = [{"error": "Unauthorized"}]
