"""The provider registry: one module per provider, relay, gateway or inference server.

Every module in this package that does not start with ``_`` defines ``PROVIDER``; they are
found automatically (adding a provider is adding a file). Loading is lazy: nothing here is
imported until a caller asks for the registry.
"""

from __future__ import annotations

from functools import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from whichlayer.providers._base import KINDS, Documented, Provider, StatusPage

__all__ = [
    "KINDS",
    "Documented",
    "Provider",
    "StatusPage",
    "all_providers",
    "api_base",
    "by_host",
    "by_id",
    "by_key_platform",
    "first_party",
    "load",
    "module_names",
    "module_of",
]


#: Names this package gives from ``_base``, imported on first use: the engine imports the
#: registry's index (``_index``, a module of this package) at start, and needs no record.
_FROM_BASE = frozenset({"KINDS", "Documented", "Provider", "StatusPage"})


def __getattr__(name: str) -> Any:
    if name not in _FROM_BASE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from whichlayer.providers import _base

    value = getattr(_base, name)
    globals()[name] = value
    return value


def module_names() -> list[str]:
    """The provider modules of this package (every module not starting with ``_``)."""
    import pkgutil

    return sorted(i.name for i in pkgutil.iter_modules(__path__) if not i.name.startswith("_"))


@cache
def load(module: str) -> Provider:
    """The ``PROVIDER`` of one module of this package."""
    import importlib

    provider: Provider = importlib.import_module(f"{__name__}.{module}").PROVIDER
    return provider


@cache
def all_providers() -> tuple[Provider, ...]:
    """Every provider module's ``PROVIDER``, in module-name order."""
    return tuple(load(name) for name in module_names())


@cache
def _modules() -> dict[str, str]:
    return {load(name).id: name for name in module_names()}


def module_of(provider_id: str) -> str:
    """The module that defines provider ``provider_id``."""
    return _modules()[provider_id]


@cache
def _ids() -> dict[str, Provider]:
    return {p.id: p for p in all_providers()}


def by_id(provider_id: str) -> Provider | None:
    return _ids().get(provider_id)


def by_host(host: str | None) -> Provider | None:
    """The provider that answers on ``host`` (the most specific matching host wins)."""
    if not host:
        return None
    from whichlayer.providers._base import host_matches

    best: tuple[int, Provider] | None = None
    for provider in all_providers():
        for known in provider.hosts:
            if host_matches(known, host) and (best is None or len(known) > best[0]):
                best = (len(known), provider)
    return best[1] if best else None


def first_party(host: str | None) -> bool:
    """Is ``host`` a model provider's or cloud's own API (not a relay, gateway or server)?"""
    provider = by_host(host)
    return provider is not None and provider.kind in ("provider", "cloud")


def api_base(module: str, region: str | None = None) -> str:
    """The base URL a client calls for provider module ``module`` by default: its regional
    endpoint for ``region`` (a cloud's; ``global`` is the global endpoint where it has one),
    else its own protocol's base, else its OpenAI-compatible one."""
    provider = load(module)
    if region and provider.regional_base and not (region == "global" and provider.native_base):
        return provider.regional_base.format(region=region)
    return provider.native_base or provider.openai_base


def by_key_platform(platform: str) -> Provider | None:
    """The provider whose keys the redactor names ``platform``."""
    for provider in all_providers():
        if provider.key_platform == platform:
            return provider
    return None
