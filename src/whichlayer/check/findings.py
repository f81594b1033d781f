"""Offline findings for a target: its key, its base URL, and its environment.

Client modules add what only they know (e.g. Codex's ``env_key``); this
module adds what holds for every client.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from whichlayer.check import proxyenv
from whichlayer.check.hosts import host_platform, platform_findings
from whichlayer.check.keys import key_platform, shape_findings
from whichlayer.check.model import Finding, Target
from whichlayer.check.urls import split, url_findings

_CA_VARS = (
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "REQUESTS_CA_BUNDLE",
    "CURL_CA_BUNDLE",
    "NODE_EXTRA_CA_CERTS",
)


def add_findings(target: Target) -> None:
    """Append every generic finding to ``target.findings`` (keeping client ones first)."""
    found: list[Finding] = []
    found += _key(target)
    if target.base_url is not None:
        found += url_findings(target.base_url.value, target.protocol, target.base_url.source)
        host = _host(target.base_url.value)
        if host and target.key and target.key.value:
            found += platform_findings(target.key.value, target.key.source, host)
            found += _header_shape(target, host)
        if host:
            found += _proxy(target, host) + _plain_http(target, host)
    found += _ca(target)
    known = {(f.id, f.message) for f in target.findings}
    target.findings += [f for f in found if (f.id, f.message) not in known]


def _host(url: str) -> str:
    try:
        return split(url)[1]
    except ValueError:
        return ""


def _key(target: Target) -> list[Finding]:
    if target.key is None:
        said = any(f.cause == "key_missing" for f in target.findings)
        if said or target.auth in ("none", "cloud", "sigv4") or target.no_auth_reason:
            return []
        return [
            Finding(
                "K-MISSING",
                "identity",
                "key_missing",
                f"{target.client} finds no API key in any place it reads.",
                "Set the key where this client reads it (see the key source list).",
            )
        ]
    if not target.key.value:
        return []  # a helper or login: nothing to inspect offline
    return shape_findings(target.key.value, target.key.source)


def _header_shape(target: Target, host: str) -> list[Finding]:
    """C3: an sk-ant-api key as Bearer, or an OAuth token as X-Api-Key, to Anthropic."""
    assert target.key is not None
    kp = key_platform(target.key.value)
    if host_platform(host) != "anthropic":
        return []
    if kp == "anthropic" and target.auth == "bearer" and target.client != "anthropic-python":
        # C3 expects a failure; anthropic 2.x itself sends keys as Bearer: a warning.
        return [
            Finding(
                "K-HEADER-SHAPE",
                "identity",
                "key_malformed",
                f"an sk-ant-api key from {target.key.source} is sent as a Bearer token; "
                "api.anthropic.com documents the X-Api-Key header for it.",
                "Put the key in ANTHROPIC_API_KEY instead of ANTHROPIC_AUTH_TOKEN.",
                "warning",
            )
        ]
    if kp == "anthropic-oauth" and target.auth == "x-api-key":
        return [
            Finding(
                "K-HEADER-SHAPE",
                "identity",
                "key_malformed",
                f"an OAuth token (sk-ant-oat) from {target.key.source} is sent as "
                "X-Api-Key; it only works as an OAuth Bearer token.",
                "Use CLAUDE_CODE_OAUTH_TOKEN for it, or create an API key.",
            )
        ]
    return []


def _proxy(target: Target, host: str) -> list[Finding]:
    env = target.env
    found: list[Finding] = []
    for lower in ("https_proxy", "http_proxy", "no_proxy"):
        upper = lower.upper()
        if env.get(lower) and env.get(upper) and env[lower] != env[upper]:
            found.append(
                Finding(
                    "N-PROXY-DISAGREE",
                    "network",
                    "proxy",
                    f"{lower} and {upper} are both set and differ; Python clients use {lower}, "
                    "Gemini CLI uses the uppercase one.",
                    "Set both to the same value, or unset one.",
                    "warning",
                )
            )
    any_proxy = any(
        env.get(n)
        for n in (
            "https_proxy",
            "HTTPS_PROXY",
            "http_proxy",
            "HTTP_PROXY",
            "all_proxy",
            "ALL_PROXY",
        )
    )
    exempt = proxyenv.bypassed(host, env)
    if any_proxy and exempt:
        found.append(
            Finding(
                "N-NO-PROXY-COVERS",
                "network",
                "proxy",
                f"{exempt} covers {host}: requests to it bypass the proxy and go direct.",
                f"Remove {host} from {exempt} if it must go through the proxy.",
                "info",
            )
        )
    elif any_proxy and proxyenv.no_proxy_value(env):
        found.append(
            Finding(
                "N-NO-PROXY-MISSES",
                "network",
                "proxy",
                f"NO_PROXY is set but does not cover {host}: requests to it use the proxy.",
                f"Add {host} to NO_PROXY if it must be reached directly.",
                "info",
            )
        )
    if any_proxy:
        found += _node_proxy(target) + _schemeless_proxy(target)
    return found


def _schemeless_proxy(target: Target) -> list[Finding]:
    """A5.5: Claude Code stops at startup on a proxy URL without a scheme (Python adds http://)."""
    if target.client != "claude-code":
        return []
    return [
        Finding(
            "N-PROXY-NO-SCHEME",
            "network",
            "proxy",
            f"{name}={target.env[name]!r} has no scheme; Claude Code cannot parse it and "
            "does not start.",
            f"Write it as http://{target.env[name]}",
        )
        for name in ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY")
        if target.env.get(name) and "://" not in target.env[name]
    ]


def _plain_http(target: Target, host: str) -> list[Finding]:
    """A key sent over http:// to anything but this machine or a private network."""
    import ipaddress

    assert target.base_url is not None
    if not target.base_url.value.lower().startswith("http://") or host == "localhost":
        return []
    try:
        if not ipaddress.ip_address(host).is_global:
            return []
    except ValueError:
        if host.endswith((".local", ".internal", ".lan", ".localhost")) or "." not in host:
            return []
    return [
        Finding(
            "U-PLAIN-HTTP",
            "network",
            "unknown",
            f"the base URL in {target.base_url.source} is http://: the key crosses the "
            f"network to {host} unencrypted.",
            "Use https:// unless the server is on this machine or a trusted network.",
            "warning",
        )
    ]


def _node_proxy(target: Target) -> list[Finding]:
    """P15: plain Node fetch (openai-node, @anthropic-ai/sdk) ignores proxy variables."""
    if target.env.get("NODE_USE_ENV_PROXY") == "1":
        return []
    if target.runtime == "node":
        return [
            Finding(
                "N-NODE-NO-PROXY",
                "network",
                "proxy",
                f"{target.client} runs on Node fetch, which ignores HTTPS_PROXY.",
                "export NODE_USE_ENV_PROXY=1 (Node >= 22.21), or configure a dispatcher.",
            )
        ]
    if target.client in ("openai-python", "anthropic-python"):
        return [
            Finding(
                "N-NODE-NO-PROXY",
                "network",
                "proxy",
                "a proxy variable is set: the Node SDKs (openai-node, "
                "@anthropic-ai/sdk) ignore it unless NODE_USE_ENV_PROXY=1 (P15).",
                "For Node tools: export NODE_USE_ENV_PROXY=1 (Node >= 22.21).",
                "info",
            )
        ]
    return []


def _ca(target: Target) -> list[Finding]:
    env: Mapping[str, str] = target.env
    found: list[Finding] = []
    for name in _CA_VARS:
        value = env.get(name)
        if value and not os.path.exists(value):
            found.append(
                Finding(
                    "N-CA-MISSING",
                    "network",
                    "tls_verify",
                    f"{name} points at {value}, which does not exist.",
                    f"Fix the path in {name}, or unset it.",
                )
            )
    if (
        env.get("REQUESTS_CA_BUNDLE")
        and target.runtime.startswith("httpx")
        and not (env.get("SSL_CERT_FILE") or env.get("SSL_CERT_DIR"))
    ):
        found.append(
            Finding(
                "N-CA-REQUESTS-ONLY",
                "network",
                "tls_verify",
                f"REQUESTS_CA_BUNDLE is set, but {target.client} uses httpx, which reads "
                "SSL_CERT_FILE/SSL_CERT_DIR only (P16).",
                "Also set SSL_CERT_FILE to the same bundle.",
                "warning",
            )
        )
    if env.get("NODE_TLS_REJECT_UNAUTHORIZED") == "0" and target.runtime.startswith("node"):
        found.append(
            Finding(
                "N-TLS-OFF",
                "network",
                "tls_verify",
                "NODE_TLS_REJECT_UNAUTHORIZED=0 turns certificate checks off for this tool.",
                "Unset it and add your proxy's CA with NODE_EXTRA_CA_CERTS.",
                "warning",
            )
        )
    return found
