"""whichlayer: tells you which layer of an AI API call failed.

Public facade. Names load lazily so that ``import whichlayer`` stays cheap.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = [
    "Cause",
    "Diagnosis",
    "ErrorBody",
    "Evidence",
    "Fact",
    "Layer",
    "Origin",
    "RequestId",
    "Retry",
    "__version__",
    "explain",
    "redact_data",
    "redact_text",
    "shrink",
    "to_evidence",
]

_LAZY = {
    "Cause": "whichlayer.taxonomy",
    "Layer": "whichlayer.taxonomy",
    "Origin": "whichlayer.taxonomy",
    "Retry": "whichlayer.taxonomy",
    "Diagnosis": "whichlayer.diagnosis",
    "Fact": "whichlayer.diagnosis",
    "Evidence": "whichlayer.evidence",
    "ErrorBody": "whichlayer.evidence",
    "RequestId": "whichlayer.evidence",
    "explain": "whichlayer._explain",
    "to_evidence": "whichlayer._explain",
    "redact_text": "whichlayer.redact",
    "redact_data": "whichlayer.redact",
}
#: Names that are a subpackage of their own (the package object is what they give).
_PACKAGES = {"shrink": "whichlayer.shrink"}

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from whichlayer._explain import explain, to_evidence
    from whichlayer.diagnosis import Diagnosis, Fact
    from whichlayer.evidence import ErrorBody, Evidence, RequestId
    from whichlayer.redact import redact_data, redact_text
    from whichlayer.shrink import shrink
    from whichlayer.taxonomy import Cause, Layer, Origin, Retry


#: Subpackages reachable as attributes without importing them first (``whichlayer.retry``).
_SUBPACKAGES = frozenset({"retry"})


def __getattr__(name: str) -> Any:
    if name in _PACKAGES:
        import importlib

        return importlib.import_module(_PACKAGES[name])  # callable: whichlayer.shrink(body, send)
    module = _LAZY.get(name)
    if module is None and name in _SUBPACKAGES:
        import importlib

        return importlib.import_module(f"whichlayer.{name}")
    if module is None:
        raise AttributeError(f"module 'whichlayer' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
