"""Shared pieces of client discovery: the shell layer, python-dotenv's file, targets."""

from __future__ import annotations

from pathlib import Path

from whichlayer.check.layers import Layer, Layers, read_dotenv, short_path
from whichlayer.check.model import Context, Setting, Target


def shell(ctx: Context) -> Layer:
    return Layer("shell", ctx.env)


def walk_up(start: Path) -> list[Path]:
    """``start`` and each parent up to the filesystem root."""
    return [start, *start.parents]


def python_dotenv_layer(ctx: Context) -> Layer | None:
    """The ``.env`` an app calling ``load_dotenv(find_dotenv(usecwd=True))`` loads.

    A14: the nearest ``.env`` walking up from the working directory; loaded
    with ``override=False``, so the shell wins. ``PYTHON_DOTENV_DISABLED``
    turns loading off.
    """
    if ctx.env.get("PYTHON_DOTENV_DISABLED", "").casefold() in {"1", "true", "t", "yes", "y"}:
        return None
    for folder in walk_up(ctx.cwd):
        path = folder / ".env"
        if path.is_file():
            values = read_dotenv(path, ctx.env, override=False)
            label = f"{short_path(path, ctx.home)} (if the app calls load_dotenv; shell wins)"
            return Layer(label, values)
    return None


def sdk_layers(ctx: Context, *, empty_is_unset: bool = False) -> Layers:
    """Shell first, then python-dotenv's ``.env`` (A14: the shell wins)."""
    layers = [shell(ctx)]
    dotenv = python_dotenv_layer(ctx)
    if dotenv is not None:
        layers.append(dotenv)
    return Layers(layers, empty_is_unset=empty_is_unset)


def base_or_default(found: Setting | None, default: str) -> Setting:
    return found if found is not None else Setting(default, "default")


def new_target(
    client: str,
    protocol: str,
    layers: Layers,
    key_names: list[str],
    base: Setting,
    *,
    auth: str = "bearer",
    runtime: str = "httpx2",
) -> Target:
    """A target whose key is the first of ``key_names`` set in ``layers``."""
    key, losers = layers.first(key_names)
    return Target(
        client=client,
        protocol=protocol,
        base_url=base,
        key=key,
        auth=auth,
        shadowed=losers,
        runtime=runtime,
        env=layers.merged(),
    )
