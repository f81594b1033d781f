"""Which forward proxy a client really uses, read from its environment as it would.

Python clients (httpx2, httpx, requests, and Codex by report) follow urllib:
lowercase before uppercase, an empty lowercase value hides the uppercase one,
``NO_PROXY`` exempts hosts (A15). Claude Code takes the first set of
``https_proxy, HTTPS_PROXY, http_proxy, HTTP_PROXY`` (A5.5); Gemini CLI the
uppercase first (A7); plain Node fetch ignores them all unless
``NODE_USE_ENV_PROXY=1`` (A16, P15).
"""

from __future__ import annotations

import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass

# Public in CPython since 3.x but missing from typeshed; it is urllib's NO_PROXY matcher.
proxy_bypass_environment: Callable[..., bool] = urllib.request.proxy_bypass_environment  # type: ignore[attr-defined]

_ORDERS = {
    "claude-code": ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"),
    "gemini-cli": ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"),
}


@dataclass(frozen=True, slots=True)
class ProxyChoice:
    """The proxy URL (None: direct) and why."""

    url: str | None
    reason: str


def _python_var(env: Mapping[str, str], scheme: str) -> tuple[str, str] | None:
    for name in (f"{scheme}_proxy", f"{scheme.upper()}_PROXY", "all_proxy", "ALL_PROXY"):
        if name in env:
            if env[name] == "" and name.islower():
                return None  # an empty lowercase value hides the uppercase one
            if env[name]:
                return name, env[name]
    return None


def no_proxy_value(env: Mapping[str, str]) -> tuple[str, str] | None:
    for name in ("no_proxy", "NO_PROXY"):
        if env.get(name):
            return name, env[name]
    return None


def bypassed(host: str, env: Mapping[str, str]) -> str | None:
    """The NO_PROXY variable that exempts ``host``, or None."""
    found = no_proxy_value(env)
    if found and proxy_bypass_environment(host, {"no": found[1]}):
        return found[0]
    return None


def choose(
    client: str, runtime: str, scheme: str, host: str, env: Mapping[str, str]
) -> ProxyChoice:
    """The proxy ``client`` uses for ``scheme://host``."""
    if runtime == "node" and env.get("NODE_USE_ENV_PROXY") != "1":
        return ProxyChoice(None, "Node fetch ignores proxy variables (no NODE_USE_ENV_PROXY=1)")
    order: tuple[str, ...] | None = _ORDERS.get(client.split(":")[0])
    if order is not None:
        if scheme == "http":
            order = tuple(n for n in order if n.lower().startswith("http_"))
        found = next(((n, env[n]) for n in order if env.get(n)), None)
    else:
        found = _python_var(env, scheme)
    if found is None:
        return ProxyChoice(None, "no proxy variable set")
    exempt = bypassed(host, env)
    if exempt:
        return ProxyChoice(None, f"{found[0]} is set but {exempt} exempts {host}")
    url = found[1] if "://" in found[1] else "http://" + found[1]
    return ProxyChoice(url, f"from {found[0]}")
