"""Which platform the redactor names a key detector's keys: the provider registry's word.

The registry (``whichlayer.providers``) says which detectors describe each provider's keys;
its generated index carries that as detector id -> platform, read here on first use (no
provider module is imported, and nothing at all until a key is masked or fingerprinted).
"""

from __future__ import annotations

from functools import cache


@cache
def _table() -> dict[str, str]:
    from whichlayer.providers._index import DETECTOR, load

    return {detector: platforms[0] for detector, platforms in load().get(DETECTOR, {}).items()}


def registry_platform(detector_id: str) -> str:
    """The platform of ``detector_id``'s keys ("secret" where the index does not name one)."""
    return _table().get(detector_id, "secret")
