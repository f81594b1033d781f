"""OpenAI's error body: ``{"error": {"message", "type", "param", "code"}}``.

Also the shape of most OpenAI-compatible servers (vLLM, DeepSeek, Groq, ...),
which is why it is tried last among the JSON dialects.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


NAME = "openai"


def claims(obj: dict[str, Any], err: dict[str, Any]) -> bool:
    if err is obj:
        # Some clients print only the inner object.
        return "message" in obj and "type" in obj and ("param" in obj or "code" in obj)
    return "message" in err and ("type" in err or "param" in err or "code" in err)


SAMPLES = [
    {
        "error": {
            "message": "You exceeded your current quota, please check your plan and billing "
            "details.",
            "type": "insufficient_quota",
            "param": None,
            "code": "insufficient_quota",
        }
    },
    {
        "message": "Incorrect API key provided",
        "type": "invalid_request_error",
        "param": None,
        "code": "invalid_api_key",
    },
]
NEAR_MISSES = [{"error": "model not found"}, {"detail": "Not Found"}]
