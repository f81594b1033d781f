"""Which models the probe asks: families by vendor, cheapest first, spread across vendors."""

from __future__ import annotations

import re
from functools import cache

#: Meta has no record in the provider registry (no API of its own that whichlayer reads; its
#: Llama models are served by others), so its family is the one kept here, with its rank.
_UNREGISTERED: tuple[tuple[int, str, str], ...] = ((3, r"llama", "meta"),)


@cache
def families() -> tuple[tuple[str, str], ...]:
    """(pattern on a model id, vendor), in the order they are tried: the registry's model
    families (``Provider.model_families``, ranked by ``family_rank``) and Meta's."""
    from whichlayer.providers import all_providers

    ranked = [
        (p.family_rank, pattern, p.vendor or p.id)
        for p in all_providers()
        for pattern in p.model_families
    ]
    return tuple((pattern, name) for _, pattern, name in sorted([*ranked, *_UNREGISTERED]))


_NOT_CHAT = re.compile(r"embed|whisper|tts|dall-e|image|audio|moderation|rerank", re.IGNORECASE)
#: Cheaper first: words that mark a small model, then words that mark a large one.
_SMALL = re.compile(
    r"(?<![a-z0-9])(?:mini|nano|haiku|flash|small|lite|tiny|1b|3b|7b|8b)(?![a-z])", re.IGNORECASE
)
_LARGE = re.compile(
    r"(?<![a-z0-9])(?:opus|pro|ultra|large|405b|70b|o1|o3)(?![a-z])|4\.1(?!-mini)", re.IGNORECASE
)


def vendor(model: str, owned_by: str | None = None) -> str:
    """The vendor of a model id (the listing's ``owned_by`` when it names one we know)."""
    m = model.lower()
    if "/" in m and not m.startswith("models/"):
        return m.split("/", 1)[0]  # OpenRouter-style "anthropic/claude-..."
    for pattern, name in families():
        if re.search(pattern, m):
            return name
    if owned_by and owned_by.lower() not in ("system", "organization-owner", "user", "custom"):
        return owned_by.lower()
    return "other"


def cost_rank(model: str) -> int:
    """0 for a small model, 1 for an ordinary one, 2 for a large one."""
    if _SMALL.search(model):
        return 0
    if _LARGE.search(model):
        return 2
    return 1


def chat_models(ids: list[str]) -> list[str]:
    return [i for i in ids if not _NOT_CHAT.search(i)]


def spread(ids: list[str], first: str | None, owned_by: dict[str, str], n: int) -> list[str]:
    """Up to ``n`` models of vendors other than ``first``'s, one per vendor, cheapest first."""
    have = {vendor(first, owned_by.get(first))} if first else set()
    out: list[str] = []
    for model in sorted(chat_models(ids), key=lambda m: (cost_rank(m), ids.index(m))):
        v = vendor(model, owned_by.get(model))
        if v in have or model == first:
            continue
        have.add(v)
        out.append(model)
        if len(out) >= n:
            break
    return out


def cheapest(ids: list[str]) -> str | None:
    chat = chat_models(ids)
    return min(chat, key=lambda m: (cost_rank(m), chat.index(m))) if chat else None


def smaller(ids: list[str], model: str, owned_by: dict[str, str]) -> str | None:
    """A cheaper (or at least another) model of the same vendor, for the 5xx ladder."""
    v = vendor(model, owned_by.get(model))
    same = [m for m in chat_models(ids) if m != model and vendor(m, owned_by.get(m)) == v]
    if not same:
        return None
    return min(same, key=lambda m: (cost_rank(m), same.index(m)))
