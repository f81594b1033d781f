"""Hugging Face Text Generation Inference (TGI): ``{"error": "...", "error_type": "..."}``.

The router's ``ErrorResponse`` carries the kind of failure in ``error_type``
(``validation``, ``overloaded``, ``generation``, ``incomplete_generation``, ...;
``router/src/infer/mod.rs``, ``router/src/server.rs``): it is read as the body's ``type``.
"""

from __future__ import annotations

from whichlayer.evidence import ErrorBody

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

NAME = "tgi"


def claims(obj: dict[str, Any], err: dict[str, Any]) -> bool:
    return isinstance(obj.get("error"), str) and isinstance(obj.get("error_type"), str)


def enrich(body: ErrorBody, obj: dict[str, Any], err: dict[str, Any]) -> None:
    kind = obj["error_type"].strip()
    if kind and body.type is None:
        body.type = kind


SAMPLES = [
    {
        "error": "Input validation error: `top_p` must be > 0.0 and < 1.0",
        "error_type": "validation",
    },
    {"error": "Model is overloaded", "error_type": "overloaded"},
]
NEAR_MISSES = [
    {"error": "Unauthorized"},
    {"error": {"message": "x", "type": "invalid_request_error"}, "error_type": "validation"},
]
