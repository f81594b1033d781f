"""Baidu Qianfan's (and Baidu AI Cloud's) classic API: ``error_code`` and ``error_msg``."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


NAME = "qianfan"


def claims(obj: dict[str, Any], err: dict[str, Any]) -> bool:
    return "error_code" in obj and "error_msg" in obj


SAMPLES = [{"error_code": 18, "error_msg": "Open api qps request limit reached"}]
NEAR_MISSES = [{"error": {"message": "x", "code": 18}}]
