"""Which platform a base URL's host belongs to, and which keys it accepts (C1, C3)."""

from __future__ import annotations

import re

from whichlayer.check.keys import key_platform
from whichlayer.check.model import Finding

# (host pattern, platform) from section C1 of clients-and-keys.md.
_HOSTS: list[tuple[str, str]] = [
    (r"api\.openai\.com", "openai"),
    (r"chatgpt\.com", "openai"),
    (r"api\.anthropic\.com", "anthropic"),
    (r"generativelanguage\.googleapis\.com", "google"),
    (r"(?:[a-z0-9-]+-)?aiplatform(?:\.[a-z]+\.rep)?\.googleapis\.com", "google"),
    (r"openrouter\.ai", "openrouter"),
    (r"api\.groq\.com", "groq"),
    (r"api\.x\.ai", "xai"),
    (r"api\.perplexity\.ai", "perplexity"),
    (r"[a-z0-9-]+\.openai\.azure\.com|[a-z0-9-]+\.cognitiveservices\.azure\.com", "azure"),
    (r"bedrock-(?:runtime|mantle)\.[a-z0-9-]+\.(?:amazonaws\.com|api\.aws)", "bedrock"),
    (r"api\.deepseek\.com", "deepseek"),
    (r"api\.mistral\.ai", "mistral"),
    (r"huggingface\.co|router\.huggingface\.co", "huggingface"),
    (r"api\.replicate\.com", "replicate"),
]

# Key platforms a host accepts besides its own.
_ALSO_ACCEPTS = {
    "anthropic": {"anthropic-oauth"},
    "bedrock": set(),
}


def host_platform(host: str) -> str | None:
    """The platform serving ``host``, or None for relays, gateways and unknown hosts."""
    h = host.lower().rstrip(".")
    for pattern, platform in _HOSTS:
        if re.fullmatch(pattern, h):
            return platform
    return None


def platform_findings(key: str, key_source: str, host: str) -> list[Finding]:
    """A key issued by one platform sent to another platform's host can never work (C3)."""
    kp = key_platform(key)
    hp = host_platform(host)
    if kp is None or hp is None or kp == hp or kp in _ALSO_ACCEPTS.get(hp, set()):
        return []
    what = "a one-api/new-api relay token" if kp == "relay" else f"a key issued by {kp}"
    return [
        Finding(
            "K-WRONG-PLATFORM",
            "identity",
            "key_wrong_platform",
            f"{key_source} holds {what}, but the base URL's host {host} is {hp}'s; "
            f"{hp} will refuse it.",
            f"Use a key issued by {hp} for {host}, or point the base URL at the service that "
            f"issued this key.",
        )
    ]
