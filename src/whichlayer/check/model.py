"""The records ``whichlayer check`` works with: settings, targets, findings, stages.

A :class:`Target` is one client configuration as the client itself would
resolve it; :class:`TargetReport` is what checking it found. Secrets stay in
``Setting.value`` only in memory: every ``to_dict`` shows a fingerprint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whichlayer.redact import fingerprint

#: The protocols check can make requests in (the path and body shape of one call).
PROTOCOLS = ("chat_completions", "responses", "messages", "generate_content", "converse")
#: Protocols check recognises but only tests up to TLS (cloud credentials it does not use).
CLOUD_PROTOCOLS = ("vertex", "bedrock", "foundry")

#: Stage names, in the order they run.
STAGES = ("config", "dns", "tcp", "tls", "proxy", "route", "auth", "generate")


@dataclass(frozen=True, slots=True)
class Context:
    """Where discovery looks: injectable so tests use temporary homes."""

    env: dict[str, str]
    home: Path
    cwd: Path
    etc: Path = Path("/etc")


@dataclass(frozen=True, slots=True)
class Setting:
    """One value and where it came from (``source`` is what the user reads)."""

    value: str
    source: str


@dataclass(slots=True)
class Finding:
    """Something wrong (or worth knowing) found without any network."""

    id: str
    layer: str
    cause: str
    message: str
    fix: str
    severity: str = "error"  # error | warning | info

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "layer": self.layer,
            "cause": self.cause,
            "message": self.message,
            "fix": self.fix,
            "severity": self.severity,
        }


@dataclass(slots=True)
class Target:
    """One client configuration: which key, base URL and protocol it really uses."""

    client: str
    protocol: str
    base_url: Setting | None
    key: Setting | None
    #: how the key is sent: bearer, x-api-key, both, api-key, x-goog-api-key, sigv4, none
    auth: str = "bearer"
    shadowed: list[Setting] = field(default_factory=list)
    model: Setting | None = None
    #: whose TLS and proxy rules apply: httpx2, httpx, node, node-proxy-aware, native
    runtime: str = "httpx2"
    #: the environment the client runs with (shell merged with its own files)
    env: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    query: dict[str, str] = field(default_factory=dict)
    #: why auth/generate cannot be tried even with a network (e.g. key from a helper)
    no_auth_reason: str | None = None
    #: the precedence rule that picked the key, in one line (the "why")
    precedence: str = ""
    #: extra headers the client sends on every request (e.g. ANTHROPIC_CUSTOM_HEADERS)
    headers: dict[str, str] = field(default_factory=dict)
    #: other credentials sent beside ``key`` on the same request: (how, setting), e.g.
    #: Claude Code's ("bearer", ANTHROPIC_AUTH_TOKEN) beside its x-api-key
    also_sent: list[tuple[str, Setting]] = field(default_factory=list)
    #: with ``also_sent``: which of the headers the server authenticates with, in one line
    honoured: str = ""

    def key_dict(self) -> dict[str, Any]:
        shadowed = [s.source for s in self.shadowed]
        if self.key is None:
            return {
                "source": None,
                "fingerprint": None,
                "shadowed": shadowed,
                "header": self.auth,
                "precedence": self.precedence,
            }
        fp = fingerprint(self.key.value) if self.key.value else None
        out: dict[str, Any] = {
            "source": self.key.source,
            "fingerprint": str(fp) if fp else None,
            "platform": fp.platform if fp else None,
            "shadowed": shadowed,
            "header": self.auth,
            "precedence": self.precedence,
        }
        if self.also_sent:
            out["also_sent"] = [
                {
                    "header": how,
                    "source": s.source,
                    "fingerprint": str(fingerprint(s.value)) if s.value else None,
                }
                for how, s in self.also_sent
            ]
            out["honoured"] = self.honoured
        return out


@dataclass(slots=True)
class Stage:
    """One step of the check; ``ok`` is None when it was skipped."""

    name: str
    ok: bool | None
    ms: float | None
    detail: str
    diagnosis: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "name": self.name,
            "ok": self.ok,
            "ms": None if self.ms is None else round(self.ms, 1),
            "detail": self.detail,
        }
        if self.diagnosis is not None:
            d["diagnosis"] = self.diagnosis
        return d


@dataclass(slots=True)
class Verdict:
    """The failing layer, its cause, who said so, and the first thing to do."""

    layer: str
    cause: str
    origin: str
    stage: str
    action: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "layer": self.layer,
            "cause": self.cause,
            "origin": self.origin,
            "stage": self.stage,
            "action": self.action,
        }


@dataclass(slots=True)
class TargetReport:
    """A target and everything checking it found."""

    target: Target
    stages: list[Stage] = field(default_factory=list)
    verdict: Verdict | None = None

    @property
    def healthy(self) -> bool:
        return self.verdict is None

    def to_dict(self) -> dict[str, Any]:
        t = self.target
        return {
            "client": t.client,
            "base_url": (
                {"value": t.base_url.value, "source": t.base_url.source} if t.base_url else None
            ),
            "protocol": t.protocol,
            "model": t.model.value if t.model else None,
            "model_source": t.model.source if t.model else None,
            "key": t.key_dict(),
            "stages": [s.to_dict() for s in self.stages],
            "findings": [f.to_dict() for f in t.findings],
            "verdict": self.verdict.to_dict() if self.verdict else None,
        }
