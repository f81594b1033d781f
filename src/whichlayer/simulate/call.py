"""Call: what the simulator knows about the request it is answering."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from whichlayer.simulate.limits import Snapshot


@dataclass(slots=True)
class Call:
    """One request as the simulator sees it, filled in as the checks proceed."""

    protocol: str  # openai | anthropic | gemini | azure | relay
    method: str
    path: str
    request_id: str
    key: str | None = None
    model: str | None = None
    prompt_tokens: int = 0
    max_tokens: int | None = None
    stream: bool = False
    slow: bool = False  # answer only after the server's slow_s (read_timeout:slow_first_byte)
    body: dict[str, Any] | None = None
    snapshot: Snapshot | None = None
    extra_headers: dict[str, str] = field(default_factory=dict)
