"""Layered settings: which of several places that set a variable wins.

A client reads a variable from an ordered list of places (its settings file,
a ``.env`` file, the shell). :class:`Layers` answers which place wins and
which places it shadows, so the report can say "the shell key is shadowed by
the settings file" instead of only naming the winner.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values
from dotenv.variables import parse_variables

from whichlayer.check.model import Setting


@dataclass(frozen=True, slots=True)
class Layer:
    """One place variables come from; ``label`` names it for the user."""

    label: str
    values: Mapping[str, str]


@dataclass(slots=True)
class Layers:
    """Places in precedence order: the first layer that sets a variable wins."""

    layers: list[Layer] = field(default_factory=list)
    #: treat ``NAME=""`` as unset (openai-node, google-genai) or as set (openai-python)
    empty_is_unset: bool = False
    #: an empty value in a higher layer hides lower ones, then counts as unset (Claude
    #: Code writes its ``env`` block over the shell; "" cancels a variable, A5.2)
    empty_masks: bool = False

    def masked(self, name: str) -> bool:
        """The highest layer setting ``name`` sets it to "" (and empty_masks is on)."""
        for layer in self.layers:
            value = layer.values.get(name)
            if value is not None:
                return self.empty_masks and value == ""
        return False

    def _has(self, layer: Layer, name: str) -> bool:
        value = layer.values.get(name)
        return value is not None and not (self.empty_is_unset and value == "")

    def get(self, name: str) -> Setting | None:
        if self.masked(name):
            return None
        for layer in self.layers:
            if self._has(layer, name):
                return Setting(layer.values[name], f"{layer.label}: {name}")
        return None

    def value(self, name: str, default: str | None = None) -> str | None:
        found = self.get(name)
        return found.value if found else default

    def all_sources(self, name: str) -> list[Setting]:
        return [
            Setting(layer.values[name], f"{layer.label}: {name}")
            for layer in self.layers
            if self._has(layer, name)
        ]

    def first(self, names: Iterable[str]) -> tuple[Setting | None, list[Setting]]:
        """The winning value over ``names`` (earlier names first), and every loser."""
        winner: Setting | None = None
        losers: list[Setting] = []
        for name in names:
            for i, found in enumerate(self.all_sources(name)):
                if winner is None and i == 0 and not self.masked(name):
                    winner = found
                else:
                    losers.append(found)
        return winner, losers

    def merged(self) -> dict[str, str]:
        """The environment the client ends up with (first layer wins per name)."""
        out: dict[str, str] = {}
        for layer in reversed(self.layers):
            out.update(layer.values)
        return out


def read_dotenv(path: Path, env: Mapping[str, str], *, override: bool) -> dict[str, str]:
    """A ``.env`` file as python-dotenv reads it, interpolated against ``env``.

    Parsing is python-dotenv's own (``dotenv_values``); interpolation repeats
    its ``resolve_variables`` (A14: ``${VAR}`` and ``${VAR:-default}``, also
    inside single quotes; with ``override=False`` the environment wins over
    the file's earlier values) but against the injected ``env`` rather than
    ``os.environ``. Names without ``=`` (value None) are dropped, as
    ``load_dotenv`` drops them. Unreadable files give ``{}``.
    """
    try:
        raw = dotenv_values(path, interpolate=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    out: dict[str, str] = {}
    for name, value in raw.items():
        if value is None:
            continue
        scope: dict[str, str | None] = {}
        if override:
            scope.update(env)
            scope.update(out)
        else:
            scope.update(out)
            scope.update(env)
        out[name] = "".join(atom.resolve(scope) for atom in parse_variables(value))
    return out


def short_path(path: Path, home: Path) -> str:
    """``~/x`` for files under home, the path otherwise (what users recognise)."""
    try:
        return "~/" + str(path.relative_to(home))
    except ValueError:
        return str(path)
