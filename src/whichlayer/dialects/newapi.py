"""one-api / new-api style relays: an OpenAI-shaped body whose ``type`` names the relay
(``new_api_error``, ``one_api_error``, a brand's ``*_api_error``) or the upstream
(``upstream_error``), and whose message ends with ``(request id: ...)``.

See shared/reference/peers.md section 3.2.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

NAME = "new-api"

_RELAY_ID = re.compile(r"\(request id: [^)]+\)")


def claims(obj: dict[str, Any], err: dict[str, Any]) -> bool:
    type_ = err.get("type")
    if isinstance(type_, str) and (
        type_ in ("new_api_error", "one_api_error", "upstream_error", "shell_api_error")
        or (type_.endswith("_api_error") and type_ != "openai_api_error")
    ):
        return True
    message = err.get("message")
    return isinstance(message, str) and bool(_RELAY_ID.search(message))


SAMPLES = [
    {"error": {"message": "无效的令牌 (request id: 2024090313263375)", "type": "yunwu_api_error"}},
    {"error": {"message": "当前分组上游负载已饱和", "type": "new_api_error", "code": None}},
]
NEAR_MISSES = [{"error": {"message": "x", "type": "invalid_request_error"}}]
