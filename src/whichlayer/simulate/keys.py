"""Keys with states: the simulator decides what a key may do from its state.

Each platform has its own key shapes (shared/reference/clients-and-keys.md §B1),
so a key of one platform sent to another is simply not recognised there, the
way the real services behave (``key_wrong_platform``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

#: Every state a key can be in; ``valid`` is the only one that works everywhere.
STATES = (
    "valid",
    "revoked",  # key_expired: revoked, disabled or expired
    "wrong_org",  # org_mismatch: key of another organization / project
    "no_balance",  # quota: no credits left (insufficient_quota / credit balance too low)
    "spend_limit",  # billing_cap: a hard usage limit was reached
    "no_model_access",  # permission_model: the key may not use the chat models
    "region_blocked",  # permission_region: the caller's country is not served
)

#: The simulated organization each platform's keys belong to.
ORG_ID = {
    "openai": "org-sIm1ated0rgan1zat1on0000",
    "anthropic": "5ba0a4d1-5e1c-4d0e-9b6f-51a0c0de0001",
}
#: The project a simulated OpenAI key belongs to.
OPENAI_PROJECT = "proj_SiMuLaTeD0000000000000000"


def _digest(platform: str, state: str, n: int) -> str:
    seed = f"whichlayer-sim:{platform}:{state}".encode()
    return hashlib.sha512(seed).hexdigest()[:n]


def make_key(platform: str, state: str) -> str:
    """A deterministic key string in the platform's real shape, for one state."""
    # Full length, so key checks do not take them for truncated keys (B1: OpenAI project
    # keys are prefix + 74 + T3BlbkFJ + 74 characters, Anthropic ones 108 in all).
    body = _digest(platform, state, 128)
    if platform == "openai":
        head = f"sim{state.replace('_', '')}{body}"
        return f"sk-proj-{head[:74]}T3BlbkFJ{body[-74:]}"
    if platform == "anthropic":
        head = f"sk-ant-api03-sim{state.replace('_', '')}-{body}"
        return f"{head[:106]}AA"
    if platform == "gemini":
        return "AIzaSy" + (state.replace("_", "") + body)[:33]
    if platform == "azure":
        return body[:32]
    if platform == "relay":
        return "sk-" + (state.replace("_", "") + body)[:48]
    raise ValueError(f"unknown platform {platform!r}")


@dataclass(frozen=True, slots=True)
class KeyInfo:
    platform: str
    state: str


class KeyStore:
    """All simulated keys of all platforms, by value."""

    def __init__(self, platforms: tuple[str, ...] = ("openai", "anthropic", "gemini", "azure")):
        self._by_value: dict[str, KeyInfo] = {}
        self._by_platform: dict[str, dict[str, str]] = {}
        for platform in platforms:
            keys = {state: make_key(platform, state) for state in STATES}
            self._by_platform[platform] = keys
            for state, value in keys.items():
                self._by_value[value] = KeyInfo(platform, state)

    def keys(self, platform: str) -> dict[str, str]:
        """State name -> key string, for one platform."""
        return dict(self._by_platform[platform])

    def lookup(self, value: str) -> KeyInfo | None:
        alias = alias_state(value)
        if alias is not None:
            return KeyInfo("any", alias)
        return self._by_value.get(value)

    def state_for(self, platform: str, value: str) -> str | None:
        """The key's state on ``platform``; None when this platform does not know it."""
        alias = alias_state(value)
        if alias is not None:
            return alias
        info = self._by_value.get(value)
        if info is None or info.platform != platform:
            return None
        return info.state


def alias(state: str) -> str:
    """A short test alias every simulated platform accepts, e.g. ``sim-no_balance``.

    Aliases do not look like secrets, so the CLI can print them through the
    redactor unmasked; the real-shaped keys are for code that checks key shapes.
    """
    return f"sim-{state}"


def alias_state(value: str) -> str | None:
    state = value[4:] if value.startswith("sim-") else None
    return state if state in STATES else None


def mask_like_openai(key: str) -> str:
    """Mask a key the way OpenAI's 401 message does: first 3-8 and last 4 characters."""
    # e.g. "Incorrect API key provided: sk-abc***************************xyz1."
    # (openai/openai-python#1113 quotes this shape).
    if len(key) <= 8:
        return "*" * len(key)
    head = key[:8] if key.startswith("sk-") else key[:3]
    return head + "*" * max(len(key) - len(head) - 4, 4) + key[-4:]
