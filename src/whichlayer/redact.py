"""The one way out: every byte whichlayer shows or stores passes through here.

First version: masks the key shapes of shared/reference/clients-and-keys.md,
bearer tokens and ``key=`` URL parameters. (Issue 5 hardens this module.)
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

# (platform, pattern) — most specific first.
_KEY_SHAPES: list[tuple[str, str]] = [
    ("anthropic", r"sk-ant-(?:api\d\d|admin\d\d|oat\d\d|ort\d\d|sid\d\d)-[A-Za-z0-9_\-]{20,}"),
    ("openrouter", r"sk-or-v1-[a-f0-9]{32,}"),
    ("openai", r"sk-(?:proj|svcacct|service|admin|None)-[A-Za-z0-9_\-]{20,}"),
    ("openai", r"sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}"),
    ("google", r"AIza[0-9A-Za-z_\-]{35}"),
    ("groq", r"gsk_[A-Za-z0-9]{40,}"),
    ("xai", r"xai-[0-9A-Za-z_]{40,}"),
    ("perplexity", r"pplx-[A-Za-z0-9]{40,}"),
    ("huggingface", r"(?:hf_|api_org_)[A-Za-z0-9]{30,}"),
    ("replicate", r"r8_[0-9A-Za-z_\-]{30,}"),
    ("bedrock", r"ABSK[A-Za-z0-9+/=]{60,}|bedrock-api-key-[A-Za-z0-9+/=]{20,}"),
    ("aws", r"(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}"),
    ("sk", r"sk-[A-Za-z0-9_\-]{16,}"),
]
_KEY_RE = re.compile(
    "|".join(f"(?P<k{i}>(?<![A-Za-z0-9_\\-]){p})" for i, (_, p) in enumerate(_KEY_SHAPES))
)
_BEARER_RE = re.compile(r"(?i)\b(bearer|basic)\s+([A-Za-z0-9._~+/=\-]{8,})")
_JWT_RE = re.compile(r"\beyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}")
_URL_PARAM_RE = re.compile(r"(?i)([?&](?:key|api_key|apikey|token|access_token)=)([^&\s\"'#]+)")


@dataclass(frozen=True, slots=True)
class KeyFingerprint:
    """What may be said of a secret: enough to compare, never enough to use."""

    platform: str
    prefix: str
    last4: str
    length: int
    hash: str

    def __str__(self) -> str:
        return f"[{self.platform} key {self.prefix}…{self.last4} len={self.length} #{self.hash}]"


def fingerprint(secret: str) -> KeyFingerprint:
    """Describe a secret by platform, prefix, last four characters, length and short hash."""
    platform = "unknown"
    for name, pattern in _KEY_SHAPES:
        if re.fullmatch(pattern, secret):
            platform = name
            break
    prefix_match = re.match(r"[A-Za-z]+[-_](?:[a-z]+\d*[-_])?", secret)
    prefix = prefix_match.group(0) if prefix_match else secret[:2]
    digest = hashlib.blake2s(secret.encode(), key=b"whichlayer", digest_size=3).hexdigest()
    return KeyFingerprint(platform, prefix[:12], secret[-4:], len(secret), digest)


def mask_secret(secret: str) -> str:
    return str(fingerprint(secret))


def redact_text(text: str) -> str:
    """Mask every secret found in ``text``."""
    text = _KEY_RE.sub(lambda m: mask_secret(m.group(0)), text)
    text = _JWT_RE.sub(lambda m: mask_secret(m.group(0)), text)
    text = _BEARER_RE.sub(lambda m: f"{m.group(1)} {mask_secret(m.group(2))}", text)
    return _URL_PARAM_RE.sub(lambda m: m.group(1) + mask_secret(m.group(2)), text)


def redact_data(value: Any) -> Any:
    """Mask every secret inside a JSON-like structure (strings, lists, dicts)."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {k: redact_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_data(v) for v in value]
    return value
