"""Azure OpenAI: ``{"error": {"code": "DeploymentNotFound" | "429" | "content_filter",
"message", "innererror"?}}`` (code is a string, often PascalCase).
"""

from __future__ import annotations

from whichlayer.prefilter import LazyPattern

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

NAME = "azure"

_PASCAL = LazyPattern(r"^[A-Z][a-z]+(?:[A-Z][a-z]+)+$")


def claims(obj: dict[str, Any], err: dict[str, Any]) -> bool:
    if "innererror" in err:
        return True
    code = err.get("code")
    if not isinstance(code, str) or "type" in err:
        return False
    message = str(err.get("message", ""))
    return bool(_PASCAL.match(code)) or ("Azure" in message) or (code.isdigit() and err is not obj)


SAMPLES = [
    {
        "error": {
            "code": "DeploymentNotFound",
            "message": "The API deployment for this resource does not exist.",
        }
    },
    {"error": {"code": "429", "message": "Rate limit is exceeded. Try again in 2 seconds."}},
]
NEAR_MISSES = [
    {"error": {"code": "invalid_api_key", "message": "x", "type": "invalid_request_error"}}
]
