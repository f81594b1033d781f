"""Base URLs: is the path right for the protocol, and which URL each call goes to.

Clients append paths to the base URL (C1): OpenAI-style clients append
``/chat/completions`` or ``/responses`` to a base that already ends in a
version (``…/v1``); Anthropic clients append ``/v1/messages`` to a bare host;
google-genai appends ``/v1beta/models/{m}:generateContent`` to a bare host.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from whichlayer.check.model import Finding
from whichlayer.providers import by_host

# Paths a user may paste when they copied an endpoint instead of a base URL.
_ENDPOINT_TAIL = re.compile(
    r"/(?:chat/completions|completions|responses|messages|embeddings|models)/?$"
    r"|:(?:stream)?generatecontent$|/model/[^/]+/(?:converse|invoke)$",
    re.IGNORECASE,
)
# Versioned roots that OpenAI-compatible services use instead of a bare /v1 (C1).
_VERSIONED = re.compile(r"/(?:v\d+(?:beta\d*|alpha\d*)?|paas/v\d+)(?:/openai)?/?$")


def split(url: str) -> tuple[str, str, int, str]:
    """scheme, host, port, path of ``url`` (ports defaulted by scheme)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    port = parts.port or (443 if scheme == "https" else 80)
    return scheme, (parts.hostname or ""), port, parts.path or ""


def url_findings(url: str, protocol: str, source: str) -> list[Finding]:
    """Offline problems with a base URL for ``protocol``."""
    if re.search(r"\s", url):
        return [
            _f(
                "U-WHITESPACE",
                f"the base URL in {source} contains spaces or a newline.",
                "Remove the whitespace from the value.",
            )
        ]
    scheme, host, _, path = _safe_split(url)
    if scheme not in ("http", "https") or not host:
        return [
            _f(
                "U-NOT-URL",
                f"the base URL in {source} ({url!r}) is not an http(s) URL.",
                "Write it as https://host/path.",
            )
        ]
    path = path.rstrip("/")
    if _ENDPOINT_TAIL.search(path):
        return [
            _f(
                "U-ENDPOINT",
                f"the base URL in {source} ends in an endpoint path ({path}); "
                "the client appends that path itself.",
                "Cut the URL back to its base (for OpenAI-style APIs, up to and including /v1).",
            )
        ]
    if re.search(r"/v1/v1(?:/|$)", path + "/"):
        return [
            _f("U-V1-DOUBLED", f"the base URL in {source} contains /v1/v1.", "Keep a single /v1.")
        ]
    if protocol == "messages":
        return _messages(path, source)
    if protocol == "generate_content":
        return _genai(path, source)
    if protocol in ("chat_completions", "responses"):
        return _openai_style(host, path, source)
    return []


def _safe_split(url: str) -> tuple[str, str, int, str]:
    try:
        return split(url)
    except ValueError:
        return "", "", 0, ""


def _versioned_base(host: str) -> str | None:
    """The OpenAI-compatible base URL this host's provider documents, when it has a version
    path (the provider registry knows them)."""
    provider = by_host(host)
    if provider is None or not _VERSIONED.search(urlsplit(provider.openai_base).path):
        return None
    return provider.openai_base


def _openai_style(host: str, path: str, source: str) -> list[Finding]:
    if _VERSIONED.search(path):
        return []
    documented = _versioned_base(host)
    if documented is not None:
        version = urlsplit(documented).path.rstrip("/")
        fix = (
            "Add /v1 at the end of the base URL."
            if version.endswith("/v1") and version.count("/") == 1
            else f"Use the documented base URL {documented}."
        )
        return [
            _f(
                "U-V1-MISSING",
                f"the base URL in {source} has no /v1; this host serves "
                "its API under a version path.",
                fix,
            )
        ]
    provider = by_host(host)
    if path == "" and not (provider is not None and provider.openai_base):
        # (a provider that documents a base without a version path, DeepSeek's, is right)
        found = _f(
            "U-V1-MAYBE-MISSING",
            f"the base URL in {source} has no path; most OpenAI-compatible servers "
            "(one-api, new-api, LiteLLM, vLLM) serve under /v1.",
            "Add /v1 unless the provider documents a base without it.",
        )
        found.severity = "warning"
        return [found]
    return []


def _messages(path: str, source: str) -> list[Finding]:
    if re.search(r"/v1$", path):
        return [
            _f(
                "U-V1-DOUBLED",
                f"the base URL in {source} ends in /v1, and Anthropic "
                "clients append /v1/messages: requests go to /v1/v1/messages.",
                "Remove the trailing /v1 from the base URL.",
            )
        ]
    return []


def _genai(path: str, source: str) -> list[Finding]:
    if re.search(r"/v1(?:beta|alpha)?\d*$", path):
        return [
            _f(
                "U-V1-DOUBLED",
                f"the base URL in {source} ends in a version path; "
                "google-genai appends /v1beta itself.",
                "Remove the version path from the base URL.",
            )
        ]
    return []


def _f(fid: str, message: str, fix: str) -> Finding:
    return Finding(fid, "request", "endpoint_mismatch", message, fix)
