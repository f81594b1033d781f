"""The records ``whichlayer probe`` works with: planned requests, result rows, the verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from whichlayer.check.protocols import Call

#: Who owns the fix: ids (stable, for --json) and how they read.
OWNERS = {
    "you": "you (your key, your account at the provider, or your request)",
    "relay_account": "your relay account (the relay key, its balance or its limits)",
    "relay_channel": "the relay's upstream channel (the relay operator fixes it)",
    "provider": "the model provider",
    "network_path": "the network path between you and the service (DNS, proxy, TLS, firewall)",
}
#: Output tokens any probe request may ask for.
MAX_OUTPUT_TOKENS = 16
DEFAULT_MAX_REQUESTS = 12
DEFAULT_TIMEOUT_S = 30.0


@dataclass(slots=True)
class Spec:
    """One request to send: which experiment, model, endpoint and route it belongs to."""

    step: str  # e.g. "first", "identity matrix", "5xx ladder: smaller model"
    route: str  # "target" (the base URL given) | "direct" (--direct-base-url)
    endpoint: str  # models | chat_completions | responses | messages | generate_content
    model: str | None
    call: Call
    variant: str = "minimal"  # minimal | one_token | request | no_tools | short_context | stream


@dataclass(slots=True)
class Row:
    """One request sent and what came back (``status`` None when nothing did)."""

    n: int
    step: str
    route: str
    endpoint: str
    model: str | None
    variant: str
    status: int | None
    ok: bool
    ms: float
    layer: str | None = None
    cause: str | None = None
    origin: str | None = None
    request_id: str | None = None
    detail: str = ""
    retry_after_s: float | None = None
    limits: dict[str, str] = field(default_factory=dict)
    model_ids: list[str] = field(default_factory=list)  # model listing: ids
    owned_by: dict[str, str] = field(default_factory=dict)  # model listing: id -> owned_by
    relay_sign: bool = False  # a relay's request-id header or body format was seen

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "step": self.step,
            "route": self.route,
            "endpoint": self.endpoint,
            "model": self.model,
            "variant": self.variant,
            "status": self.status,
            "ok": self.ok,
            "layer": self.layer,
            "cause": self.cause,
            "origin": self.origin,
            "request_id": self.request_id,
            "ms": round(self.ms, 1),
            "detail": self.detail,
            "retry_after_s": self.retry_after_s,
            "rate_limit_headers": dict(self.limits),
        }

    def label(self) -> str:
        where = self.model or "(no model)"
        return f"#{self.n} {self.variant} {where} {self.endpoint} via {self.route}"


@dataclass(slots=True)
class Verdict:
    """The failing layer, its cause, who said so, who owns the fix, and the first action."""

    layer: str | None
    cause: str | None
    origin: str | None
    owner: str | None
    action: str
    evidence: list[tuple[int, str]] = field(default_factory=list)
    summary: str = ""
    #: healthy (exit 0) | located (exit 1) | inconclusive (exit 3)
    outcome: str = "located"

    @property
    def exit_code(self) -> int:
        return {"healthy": 0, "located": 1}.get(self.outcome, 3)

    def to_dict(self) -> dict[str, Any]:
        return {
            "layer": self.layer,
            "cause": self.cause,
            "origin": self.origin,
            "owner": self.owner,
            "action": self.action,
            "evidence": [{"row": n, "note": note} for n, note in self.evidence],
        }


def owner_words(owner: str | None) -> str:
    return OWNERS.get(owner or "", "nobody located yet")
