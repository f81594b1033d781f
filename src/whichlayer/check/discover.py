"""Find every client configuration, or build the one the command line describes."""

from __future__ import annotations

from dataclasses import dataclass

from whichlayer.check.clients import all_discoverers
from whichlayer.check.findings import add_findings
from whichlayer.check.hosts import host_platform
from whichlayer.check.keys import key_platform
from whichlayer.check.model import Context, Finding, Setting, Target
from whichlayer.check.sendguard import guard, split_query
from whichlayer.check.urls import split
from whichlayer.providers import api_base

# Default base URL and protocol for a hand-given key, by the key's platform (C1).
_DEFAULTS = {
    "anthropic": (api_base("anthropic"), "messages"),
    "google": (api_base("gemini") + "/", "generate_content"),
    "openrouter": (api_base("openrouter"), "chat_completions"),
}
_AUTH = {"messages": "x-api-key", "generate_content": "x-goog-api-key"}


@dataclass(slots=True)
class Request:
    """What the command line asks for (all optional)."""

    base_url: str | None = None
    api_key: str | None = None
    api_key_env: str | None = None
    protocol: str | None = None
    model: str | None = None
    client: str | None = None
    trust_base_url: bool = False  # send the key to a base URL the guard would refuse


def client_names() -> list[str]:
    return list(all_discoverers())


def discover(ctx: Context, req: Request | None = None) -> list[Target]:
    """Targets to check, each with its offline findings already attached."""
    req = req or Request()
    manual = req.base_url is not None or req.api_key is not None or req.api_key_env is not None
    if manual and req.client is None:
        targets = [manual_target(ctx, req)]
    else:
        targets = []
        for name, find in all_discoverers().items():
            if req.client is None or name == req.client:
                targets += find(ctx)
        if manual:
            for t in targets:
                _override(t, ctx, req)
    for t in targets:
        if req.model:
            t.model = Setting(req.model, "--model")
        if req.protocol:
            t.protocol = req.protocol
        query = split_query(t)
        add_findings(t)
        for extra in (query, guard(t, ctx, trusted=req.trust_base_url)):
            if extra is not None:
                t.findings.append(extra)
    return targets


def _key_from_flags(ctx: Context, req: Request) -> tuple[Setting | None, list[Finding]]:
    if req.api_key is not None:
        return Setting(req.api_key, "--api-key"), []
    if req.api_key_env is not None:
        value = ctx.env.get(req.api_key_env)
        if value is not None:
            return Setting(value, f"shell: {req.api_key_env}"), []
        return None, [
            Finding(
                "K-ENV-UNSET",
                "identity",
                "key_missing",
                f"--api-key-env names {req.api_key_env}, but it is not set in the environment.",
                f"export {req.api_key_env}=<your key>",
            )
        ]
    return None, []


def manual_target(ctx: Context, req: Request) -> Target:
    """A target from ``--base-url`` / ``--api-key`` / ``--api-key-env`` / ``--protocol``."""
    key, findings = _key_from_flags(ctx, req)
    platform = key_platform(key.value) if key else None
    default_base, default_protocol = _DEFAULTS.get(
        platform or "", (api_base("openai"), "chat_completions")
    )
    base = Setting(req.base_url, "--base-url") if req.base_url else Setting(default_base, "default")
    protocol = req.protocol or _protocol_for(base.value) or default_protocol
    target = Target(
        "cli",
        protocol,
        base,
        key,
        auth=_auth_for(protocol, base.value),
        env=dict(ctx.env),
        findings=findings,
    )
    return target


def _protocol_for(url: str) -> str | None:
    try:
        host = split(url)[1]
    except ValueError:
        return None
    platform = host_platform(host)
    if platform == "anthropic" or url.rstrip("/").endswith("/anthropic"):
        return "messages"
    if platform == "google" and "/openai" not in url:
        return "generate_content"
    return None


def _auth_for(protocol: str, url: str) -> str:
    try:
        if host_platform(split(url)[1]) == "azure":
            return "api-key"
    except ValueError:
        pass
    return _AUTH.get(protocol, "bearer")


def _override(target: Target, ctx: Context, req: Request) -> None:
    """``--client X --base-url/--api-key``: what if this client used these instead."""
    if req.base_url is not None:
        target.base_url = Setting(req.base_url, "--base-url")
    key, findings = _key_from_flags(ctx, req)
    if key is not None or findings:
        if target.key is not None:
            target.shadowed.insert(0, target.key)
        target.key = key
        target.findings += findings
