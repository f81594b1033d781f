"""Which platform a base URL's host belongs to, and which keys it accepts (C1, C3)."""

from __future__ import annotations

from whichlayer.check.keys import key_platform
from whichlayer.check.model import Finding
from whichlayer.providers import by_host


def host_platform(host: str) -> str | None:
    """The platform serving ``host``, or None for relays, gateways and unknown hosts (the
    provider registry, ``whichlayer.providers``, knows the hosts)."""
    provider = by_host(host)
    return provider.platform if provider is not None else None


def platform_findings(key: str, key_source: str, host: str) -> list[Finding]:
    """A key issued by one platform sent to another platform's host can never work (C3)."""
    kp = key_platform(key)
    provider = by_host(host)
    hp = provider.platform if provider is not None else None
    if kp is None or provider is None or hp is None or kp == hp or kp in provider.accepts:
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
