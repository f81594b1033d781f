"""Which status page speaks for a provider: read from the provider registry.

The registry (``whichlayer.providers``) holds each page's URL, format and the words
that name its API components; this module only maps the registry's format names
to the readers here and resolves the names people use. ``WHICHLAYER_STATUS_URL_<ID>``
overrides a page's URL (tests point it at a loopback server; a company mirror can too).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache

#: The registry's format names -> the reader that reads them (others, such as "html", have
#: no machine-readable form and are listed as such).
FORMATS = {
    "statuspage.io v2": "statuspage",
    "incident.io": "incidentio",
    "google cloud": "google_cloud",
    "aws health": "aws_health",
    "rss": "azure_rss",
    "instatus": "instatus",
}


@cache
def aliases() -> dict[str, str]:
    """Other names people and the engine use for a provider (the engine's dialect names too),
    as the registry states them (``Provider.aliases``) -> the provider's id."""
    from whichlayer.providers import all_providers

    return {alias: p.id for p in all_providers() for alias in p.aliases}


@dataclass(frozen=True)
class StatusPage:
    provider: str
    name: str
    url: str
    format: str
    api_words: tuple[str, ...]

    def effective_url(self) -> str:
        key = f"WHICHLAYER_STATUS_URL_{self.provider.upper()}"
        return os.environ.get(key, "") or self.url


@cache
def pages() -> dict[str, StatusPage]:
    """Every provider whose status page has a machine-readable form we read."""
    from whichlayer.providers import all_providers

    out: dict[str, StatusPage] = {}
    for p in all_providers():
        page = p.status_page
        if page is None or page.format not in FORMATS or not page.api:
            continue
        out[p.id] = StatusPage(p.id, p.name, page.api, FORMATS[page.format], page.api_words)
    return out


def human_page(name: str) -> str | None:
    """A provider's status page for people, when it has no machine-readable form."""
    from whichlayer.providers import by_id

    p = by_id(aliases().get(name, name))
    return p.status_page.url if p is not None and p.status_page is not None else None


def page_for(name: str | None) -> StatusPage | None:
    if not name:
        return None
    key = name.strip().lower().replace("-", "_")
    return pages().get(aliases().get(key, key))


def provider_for_host(host: str | None) -> str | None:
    """The provider whose own API answers on ``host`` (a relay's host is none)."""
    from whichlayer.providers import by_host

    p = by_host(host)
    return p.id if p is not None and p.kind in ("provider", "cloud") else None


def protocol_provider(protocol: str | None) -> str | None:
    """The provider a client's protocol talks to when it has no base URL of its own (as the
    registry states it: ``Provider.default_for``)."""
    from whichlayer.providers import all_providers

    if not protocol:
        return None
    return next((p.id for p in all_providers() if protocol in p.default_for), None)


def page_for_diagnosis(provider: str | None, host: str | None) -> StatusPage | None:
    """The status page that speaks for a diagnosis: its host's provider, else its dialect's."""
    return page_for(provider_for_host(host)) or page_for(provider)
