"""Reading the evidence for what a ticket needs: endpoint, intermediaries, retry hints.

Each sign says what was seen and what it suggests; none of it is a verdict
(the diagnosis is), so a support engineer can weigh it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from whichlayer.providers import first_party

#: Known endpoints: path pattern, endpoint name, protocol.
ENDPOINTS = (
    (r"/chat/completions$", "chat completions", "openai"),
    (r"/responses(?:/compact)?$", "responses", "openai-responses"),
    (r"/messages/count_tokens$", "count tokens", "anthropic"),
    (r"/messages$", "messages", "anthropic"),
    (r"/completions$", "completions (legacy)", "openai"),
    (r"/embeddings$", "embeddings", "openai"),
    (r":(?:stream)?generatecontent$", "generate content", "gemini"),
    (r":(?:stream)?rawpredict$", "raw predict", "vertex"),
    (r"/converse(?:-stream)?$", "converse", "bedrock"),
    (r"/invoke(?:-with-response-stream)?$", "invoke", "bedrock"),
    (r"/models(?:/[^/]+)?$", "models", "any"),
)
#: Response headers that name a hop between the client and the provider and belong to no
#: party of the provider registry (generic headers, and CDNs and servers it has no record
#: for); the registry's parties state their own (``Provider.hop_headers``).
HOP_HEADERS: tuple[tuple[str, str, str], ...] = (
    ("via", "", "a proxy or gateway added itself to the path"),
    ("x-amz-cf-id", "", "Amazon CloudFront is in the path"),
    ("x-served-by", "", "a CDN cache (e.g. Fastly) is in the path"),
    ("x-cache", "", "a cache or CDN is in the path"),
    ("server", "awselb", "an AWS load balancer answered"),
    ("server", "caddy", "a Caddy server answered (often a self-hosted relay)"),
)


@cache
def hop_headers() -> tuple[tuple[str, str, str], ...]:
    """Every (header, word its value holds, what it suggests): headers named for themselves
    first, then ``server`` values; within each, the generic rows before the registry's."""
    from whichlayer.providers import all_providers

    rows = [*HOP_HEADERS, *(row for p in all_providers() for row in p.hop_headers)]
    return tuple(sorted(rows, key=lambda row: row[0] == "server"))


@cache
def relay_dialects() -> frozenset[str]:
    """The body formats only relays answer in (the registry's relays' ``dialect``)."""
    from whichlayer.providers import all_providers

    return frozenset(p.dialect for p in all_providers() if p.kind == "relay" and p.dialect)


_RETRY_HEADER = re.compile(
    r"^(?:retry-after(?:-ms)?|x-ratelimit-.*|anthropic-ratelimit-.*|ratelimit.*)$"
)


def endpoint(path: str | None) -> dict[str, str] | None:
    """The endpoint and protocol a request path names, and the base path before it."""
    if not path:
        return None
    bare = path.split("?", 1)[0]
    for pattern, name, protocol in ENDPOINTS:
        m = re.search(pattern, bare, re.IGNORECASE)
        if m:
            base = bare[: m.start()]
            if protocol in ("gemini", "vertex"):
                base = bare[: bare.rfind("/models/")] if "/models/" in bare else base
            return {"name": name, "protocol": protocol, "base_path": base or "/"}
    return None


def is_first_party(host: str | None) -> bool:
    """A model provider's own API host (the provider registry knows them)."""
    return bool(host) and first_party(str(host).split(":", 1)[0])


def _host_of(url: str) -> str | None:
    try:
        return urlsplit(url if "://" in url else f"//{url}").hostname
    except ValueError:
        return None


def intermediaries(
    evidence: Mapping[str, Any], origin: str | None, environment: Mapping[str, Any]
) -> list[dict[str, str]]:
    """Signs that a relay, gateway or proxy took part: what was seen and what it suggests."""
    signs: list[dict[str, str]] = []
    headers: Mapping[str, str] = evidence.get("headers") or {}
    for name, needle, meaning in hop_headers():
        value = headers.get(name)
        if value is not None and needle in value.lower():
            signs.append({"seen": f"header {name}: {value}", "suggests": meaning})
    if evidence.get("html_vendor"):
        signs.append(
            {
                "seen": f"an HTML error page from {evidence['html_vendor']}",
                "suggests": "a gateway or CDN answered",
            }
        )
    for body in evidence.get("bodies") or []:
        if body.get("provider_name"):
            signs.append(
                {
                    "seen": f"error body names upstream {body['provider_name']!r}",
                    "suggests": "a relay passed on its upstream's error",
                }
            )
        if body.get("dialect") in relay_dialects():
            signs.append(
                {"seen": f"{body['dialect']} error format", "suggests": "a relay answered"}
            )
    host = evidence.get("host")
    if host and not is_first_party(host):
        signs.append(
            {
                "seen": f"host {host}",
                "suggests": "not a provider's own API host: a relay, gateway or self-hosted server",
            }
        )
    for rid in evidence.get("request_ids") or []:
        if rid.get("party") in ("relay", "gateway", "proxy"):
            signs.append(
                {
                    "seen": f"request id {rid['value']} ({rid['source']})",
                    "suggests": f"issued by a {rid['party']}",
                }
            )
    if evidence.get("status") == 407 or any(
        "proxy" in t.lower() for t in evidence.get("exception_types") or []
    ):
        signs.append(
            {
                "seen": "a proxy error (407 or ProxyError)",
                "suggests": "the forward proxy refused or failed",
            }
        )
    for name, value in (environment.get("proxy_settings") or {}).items():
        if name.lower().endswith("_proxy") and name.lower() != "no_proxy":
            signs.append(
                {
                    "seen": f"{name} is set",
                    "suggests": f"HTTP clients that honour it go through {value}",
                }
            )
    for name, value in (environment.get("base_url_settings") or {}).items():
        if not is_first_party(_host_of(value)):
            signs.append(
                {
                    "seen": f"{name}={value}",
                    "suggests": "clients reading it call a relay, gateway or local server",
                }
            )
    if origin in ("relay", "gateway", "proxy"):
        signs.append(
            {"seen": f"diagnosis origin: {origin}", "suggests": f"the error came from a {origin}"}
        )
    return signs


def retry_hints(evidence: Mapping[str, Any], diagnosis: Mapping[str, Any] | None) -> dict[str, Any]:
    """Retry class, Retry-After, and every rate-limit header seen."""
    headers: Mapping[str, str] = evidence.get("headers") or {}
    return {
        "retry": diagnosis.get("retry") if diagnosis else None,
        "retry_after_s": evidence.get("retry_after_s"),
        "headers": {k: v for k, v in headers.items() if _RETRY_HEADER.match(k)},
        "limits": dict(evidence.get("limits") or {}),
    }
