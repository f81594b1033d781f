"""``whichlayer.shrink``: cut a failing AI API request down to the part that breaks it.

    import whichlayer
    result = whichlayer.shrink(body, send=lambda b: httpx.post(url, json=b, headers=h))
    print(result.sentence)

The package is callable (``whichlayer.shrink(body, send=...)``) so that the
name works whether or not the package was imported before.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from whichlayer.shrink.core import (
    DEFAULT_MAX_REQUESTS,
    Culprit,
    ShrinkError,
    ShrinkResult,
    Signature,
    shrink,
)

__all__ = [
    "DEFAULT_MAX_REQUESTS",
    "Culprit",
    "ShrinkError",
    "ShrinkResult",
    "Signature",
    "shrink",
]


class _CallableModule(types.ModuleType):
    def __call__(self, body: dict[str, Any], send: Any, **options: Any) -> ShrinkResult:
        return shrink(body, send, **options)


sys.modules[__name__].__class__ = _CallableModule
