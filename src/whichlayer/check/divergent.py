"""Two tools on one machine sending different keys to the same platform: say so.

Often one of them reads a stale key (an old ``export``, a forgotten ``.env``, a tool's own
settings file), and "it works in one tool but not the other" is exactly that.
"""

from __future__ import annotations

from whichlayer.check.model import Finding, Target
from whichlayer.check.urls import split
from whichlayer.redact import fingerprint


def _platform(target: Target) -> str | None:
    """The host a target calls (its platform, for this comparison)."""
    if target.base_url is None:
        return None
    try:
        return split(target.base_url.value)[1].lower() or None
    except ValueError:
        return None


def flag_divergent_keys(targets: list[Target]) -> None:
    """Add a warning finding (``K-DIVERGENT``) to every target whose key differs from the key
    another client sends to the same host."""
    by_host: dict[str, list[Target]] = {}
    for t in targets:
        host = _platform(t)
        if host and t.key is not None and t.key.value:
            by_host.setdefault(host, []).append(t)
    for host, group in by_host.items():
        if len({t.key.value for t in group if t.key is not None}) < 2:
            continue
        for t in group:
            assert t.key is not None
            others = [
                f"{o.client} ({fingerprint(o.key.value)}, from {o.key.source})"
                for o in group
                if o is not t and o.key is not None and o.key.value != t.key.value
            ]
            t.findings.append(
                Finding(
                    "K-DIVERGENT",
                    "identity",
                    "key_invalid",
                    f"{t.client} sends {fingerprint(t.key.value)} (from {t.key.source}) to "
                    f"{host}, but " + "; ".join(others) + " sends a different key there.",
                    "Decide which key is current and set it in every place listed; a stale "
                    "key in one tool is the usual reason one tool works and the other fails.",
                    severity="warning",
                )
            )
