"""MiniMax's native API: the outcome sits in ``base_resp`` (``status_code`` 0 is success,
anything else a documented error code, with ``status_msg``)."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


NAME = "minimax"


def claims(obj: dict[str, Any], err: dict[str, Any]) -> bool:
    base = obj.get("base_resp")
    return isinstance(base, dict) and "status_code" in base


SAMPLES = [{"base_resp": {"status_code": 1008, "status_msg": "insufficient balance"}}]
NEAR_MISSES = [{"error": {"message": "x", "code": 1008}}]
