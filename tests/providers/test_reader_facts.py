"""The facts that status pages, the probe, ``report`` and two rules read from the registry
(aliases, protocol defaults, model families, hop headers, client endpoints, gateway self
names) each have one owner, and the readers find them there."""

from __future__ import annotations

import re
from collections import Counter

from whichlayer.probe import choose
from whichlayer.providers import all_providers
from whichlayer.providers._index import CLIENT_ENDPOINT, SELF_NAME, build
from whichlayer.report import signs
from whichlayer.status.pages import aliases, protocol_provider


def _twice(values: list[str]) -> list[str]:
    return sorted(v for v, n in Counter(values).items() if n > 1)


def test_each_name_alias_and_protocol_default_has_one_owner() -> None:
    providers = all_providers()
    assert not _twice([a for p in providers for a in p.aliases])
    assert not _twice([d for p in providers for d in p.default_for])
    assert not _twice([p.vendor or p.id for p in providers if p.model_families])
    assert not _twice([str(p.family_rank) for p in providers if p.model_families])
    assert not _twice([f"{h}:{w}" for p in providers for h, w, _ in p.hop_headers])


def test_the_status_pages_resolve_the_registry_names() -> None:
    for provider in all_providers():
        for alias in provider.aliases:
            assert aliases()[alias] == provider.id
        for protocol in provider.default_for:
            assert protocol_provider(protocol) == provider.id
    assert protocol_provider("no such protocol") is None
    assert protocol_provider(None) is None


def test_the_probe_reads_every_registry_family_in_rank_order() -> None:
    registry = {pattern: p.vendor or p.id for p in all_providers() for pattern in p.model_families}
    families = choose.families()
    assert registry.items() <= dict(families).items()
    ranks = {p.vendor or p.id: p.family_rank for p in all_providers() if p.model_families}
    order = [ranks[v] for _, v in families if v in ranks]
    assert order == sorted(order)


def test_report_lists_every_registry_hop_header() -> None:
    rows = signs.hop_headers()
    for provider in all_providers():
        for row in provider.hop_headers:
            assert row in rows
            name, word, meaning = row
            seen = signs.intermediaries({"headers": {name: word or "x"}}, None, {})
            assert {"seen": f"header {name}: {word or 'x'}", "suggests": meaning} in seen


def test_the_rules_sections_of_the_index_come_from_the_registry() -> None:
    index = build()
    endpoints = {e for p in all_providers() for e in p.client_endpoints}
    assert set(index.get(CLIENT_ENDPOINT, {})) == endpoints
    for pattern in endpoints:
        re.compile(pattern)
    names = {n for p in all_providers() for n in p.self_names}
    assert set(index.get(SELF_NAME, {})) == names
    for provider in all_providers():
        for name in provider.self_names:
            assert name == name.lower() and any(name.endswith(h) for h in provider.hosts)


def test_report_reads_a_relay_body_format_from_the_registry() -> None:
    relays = [p for p in all_providers() if p.kind == "relay" and p.dialect]
    assert relays
    for provider in relays:
        seen = signs.intermediaries({"bodies": [{"dialect": provider.dialect}]}, None, {})
        assert {"seen": f"{provider.dialect} error format", "suggests": "a relay answered"} in seen
    first_party = next(p for p in all_providers() if p.kind == "provider" and p.dialect)
    seen = signs.intermediaries({"bodies": [{"dialect": first_party.dialect}]}, None, {})
    assert not any(s["suggests"] == "a relay answered" for s in seen)
