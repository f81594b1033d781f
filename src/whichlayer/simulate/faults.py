"""Fault: one failure the simulator is about to produce, before it is worded.

A Fault names a TAXONOMY cause (and optionally a variant such as ``nginx`` or
``mid_stream``); the wording modules turn it into the status, headers and body
the real provider sends for that cause. Handlers raise it; the app renders it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class Fault(Exception):
    """A failure of ``cause`` (a TAXONOMY cause id) to be rendered in a dialect's wording."""

    def __init__(
        self,
        cause: str,
        variant: str = "",
        *,
        model: str | None = None,
        retry_after_s: float | None = None,
        status: int | None = None,
        **detail: Any,
    ) -> None:
        super().__init__(cause if not variant else f"{cause}:{variant}")
        self.cause = cause
        self.variant = variant
        self.model = model
        self.retry_after_s = retry_after_s
        self.status = status  # an explicit status from a scenario file overrides the default
        self.detail = detail

    @property
    def scenario_id(self) -> str:
        return self.cause if not self.variant else f"{self.cause}:{self.variant}"


@dataclass(slots=True)
class Reply:
    """An HTTP answer: status, headers and body bytes."""

    status: int
    body: bytes
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


#: Causes that are produced on the connection itself rather than in an HTTP answer.
TRANSPORT_CAUSES = frozenset({"connection_reset", "read_timeout"})
