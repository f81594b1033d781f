"""A small generated index of the registry: which provider modules document a given body
value, phrase or status, which platform the redactor names each key detector's keys, and how
the providers with first steps are recognised. The engine and the redactor read it so as to
import only the provider modules an input can concern (importing every module would slow
``whichlayer explain``'s start), or none.

It is derived, never edited: ``python -m whichlayer.providers._index`` rewrites
``_index.json`` and tests/providers says when that is due. A value missing from a stale
index only means its row is not tried, never a wrong diagnosis.
"""

from __future__ import annotations

import json
import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

INDEX_FILE = os.path.join(os.path.dirname(__file__), "_index.json")

Index = dict[str, dict[str, list[str]]]

#: Sections beside the catalogue's fields: the platform the redactor names a detector's keys
#: (from ``keys`` and ``key_platform``), how the providers with ``first_steps`` are
#: recognised (host, body format, words), and two read by rules/ (below).
DETECTOR = "@detector"
STEPS_HOST = "@steps.host"
STEPS_DIALECT = "@steps.dialect"
STEPS_WORD = "@steps.word"
#: The URL patterns clients build from their defaults (``Provider.client_endpoints``) and the
#: texts by which gateways name themselves (``Provider.self_names``), read by rules/ at no
#: cost of importing a provider module.
CLIENT_ENDPOINT = "@client_endpoint"
SELF_NAME = "@self_name"
#: Keys that name the platform that issued them: a prefix (``Provider.key_prefixes``) or a
#: redactor detector (``detector:<id>``, from ``Provider.keys``) -> [platform, its site].
#: OpenAI's own are left out (an echo of those is OpenAI's wording). Read by
#: rules/identity.py when a refusal echoes a key.
FOREIGN_KEY = "@foreign_key"


def build() -> Index:
    """The index of the current provider modules: field -> lower-cased value -> modules."""
    from whichlayer.providers import all_providers, module_of

    index: Index = {}
    for provider in all_providers():
        for row in provider.errors:
            if not row.decides:
                continue
            bucket = index.setdefault(row.field, {}).setdefault(row.code.lower(), [])
            if module_of(provider.id) not in bucket:
                bucket.append(module_of(provider.id))
    for provider in all_providers():
        module = module_of(provider.id)
        if provider.key_platform:
            for detector in provider.keys:
                _add(index, DETECTOR, detector, provider.key_platform)
        for pattern in provider.client_endpoints:
            _add(index, CLIENT_ENDPOINT, pattern, module)
        for name in provider.self_names:
            _add(index, SELF_NAME, name, module)
        if provider.first_steps:
            for host in provider.hosts:
                _add(index, STEPS_HOST, host, module)
            if provider.dialect:
                _add(index, STEPS_DIALECT, provider.dialect, module)
            if provider.kind in ("provider", "cloud"):
                for word in provider.words:
                    _add(index, STEPS_WORD, word, module)
    _foreign_keys(index)
    return {field: dict(sorted(values.items())) for field, values in sorted(index.items())}


def _foreign_keys(index: Index) -> None:
    """``FOREIGN_KEY``: each key prefix a provider names itself (``key_prefixes``), and each
    redactor detector its keys are caught by (``keys``, as ``detector:<id>``: the reader
    takes the detector's prefix, so this package needs no import of the redactor)."""
    from whichlayer.providers import all_providers

    table = index.setdefault(FOREIGN_KEY, {})
    for provider in all_providers():
        platform = provider.key_platform
        if platform is None or platform == "openai":
            continue
        site = provider.site or (provider.hosts[0].lstrip(".-") if provider.hosts else "")
        if not site:
            continue
        for name in (*(f"detector:{k}" for k in provider.keys), *provider.key_prefixes):
            key = name if name.startswith("detector:") else name.lower()
            table.setdefault(key, [platform, site])


def _add(index: Index, section: str, key: str, value: str) -> None:
    bucket = index.setdefault(section, {}).setdefault(key, [])
    if value not in bucket:
        bucket.append(value)


def render() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=0, sort_keys=True) + "\n"


_LOADED: list[Index] = []


def load() -> Index:
    """The generated index (empty when missing or damaged)."""
    if not _LOADED:
        try:
            with open(INDEX_FILE, encoding="utf-8") as handle:
                raw: Any = json.load(handle)
        except (OSError, ValueError):
            raw = {}
        _LOADED.append(raw if isinstance(raw, dict) else {})
    return _LOADED[0]


def main() -> None:
    with open(INDEX_FILE, "w", encoding="utf-8") as handle:
        handle.write(render())
    print(f"wrote {INDEX_FILE}")


if __name__ == "__main__":
    main()
