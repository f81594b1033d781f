"""A small generated index of the registry's catalogue: which provider modules document a
given body value, phrase or status. The engine reads it to import only the provider modules
an input can concern (importing every module would slow ``whichlayer explain``'s start).

It is derived, never edited: ``python -m whichlayer.providers._index`` rewrites
``_index.json`` and tests/providers says when that is due. A value missing from a stale
index only means its row is not tried, never a wrong diagnosis.
"""

from __future__ import annotations

import json
import os
from typing import Any

INDEX_FILE = os.path.join(os.path.dirname(__file__), "_index.json")

Index = dict[str, dict[str, list[str]]]


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
    return {field: dict(sorted(values.items())) for field, values in sorted(index.items())}


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
