"""The model catalogue: ids, context windows and output limits per platform.

Figures are the providers' published ones at the time of writing (model pages
of platform.openai.com, docs.claude.com "Models overview", ai.google.dev
"Gemini models"); they only need to be realistic, so a long prompt overflows
where it would overflow for real.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Model:
    id: str
    platform: str
    context: int  # tokens, prompt + output
    max_output: int
    kind: str = "chat"  # chat | embedding
    display_name: str = ""
    created: int = 1_700_000_000


MODELS: tuple[Model, ...] = (
    Model("gpt-4o-mini", "openai", 128_000, 16_384, created=1_721_172_741),
    Model("gpt-4o", "openai", 128_000, 16_384, created=1_715_367_049),
    Model("gpt-4.1", "openai", 1_047_576, 32_768, created=1_744_316_542),
    Model("o3-mini", "openai", 200_000, 100_000, created=1_737_146_383),
    Model("text-embedding-3-small", "openai", 8_191, 0, kind="embedding", created=1_705_948_997),
    # (the anthropic SDK warns on deprecated ids such as claude-sonnet-4-5, so none are used here)
    Model("claude-sonnet-4-6", "anthropic", 200_000, 64_000, display_name="Claude Sonnet 4.6"),
    Model("claude-haiku-4-5", "anthropic", 200_000, 64_000, display_name="Claude Haiku 4.5"),
    Model("claude-opus-4-6", "anthropic", 200_000, 32_000, display_name="Claude Opus 4.6"),
    # Claude Code 2.1.197's default (`claude-opus-4-8[1m]`: the client strips `[1m]` and asks
    # for the 1M window with the context-1m beta header).
    Model("claude-opus-4-8", "anthropic", 1_000_000, 64_000, display_name="Claude Opus 4.8"),
    Model("gemini-2.5-flash", "gemini", 1_048_576, 65_536, display_name="Gemini 2.5 Flash"),
    Model("gemini-2.5-pro", "gemini", 1_048_576, 65_536, display_name="Gemini 2.5 Pro"),
    Model("gemini-2.0-flash", "gemini", 1_048_576, 8_192, display_name="Gemini 2.0 Flash"),
    # Gemini CLI 0.61's defaults: its auto router asks flash-lite, then uses pro or a flash.
    Model("gemini-3.1-pro-preview", "gemini", 1_048_576, 65_536, display_name="Gemini 3.1 Pro"),
    Model("gemini-3.8-flash", "gemini", 1_048_576, 65_536, display_name="Gemini 3.8 Flash"),
    Model("gemini-3.5-flash", "gemini", 1_048_576, 65_536, display_name="Gemini 3.5 Flash"),
    Model(
        "gemini-3.5-flash-lite", "gemini", 1_048_576, 65_536, display_name="Gemini 3.5 Flash-Lite"
    ),
    Model("text-embedding-004", "gemini", 2_048, 0, kind="embedding"),
)

#: Azure deployments: deployment name -> the model behind it.
AZURE_DEPLOYMENTS = {"gpt-4o-mini": "gpt-4o-mini", "chat": "gpt-4o", "gpt-4o": "gpt-4o"}

#: What a simulated key with state ``no_model_access`` may still use.
LIMITED_MODELS = frozenset({"gpt-4o-mini", "claude-haiku-4-5", "gemini-2.0-flash"})


def find(platform: str, model_id: str) -> Model | None:
    """The model of ``platform`` with this id (Gemini ids may carry ``models/``)."""
    model_id = model_id.removeprefix("models/")
    for model in MODELS:
        if model.platform == platform and model.id == model_id:
            return model
    return None


def models(platform: str) -> list[Model]:
    return [m for m in MODELS if m.platform == platform]


def default_model(platform: str) -> Model:
    return models(platform)[0]


def count_tokens(value: Any) -> int:
    """A rough token count: about four characters a token, as tiktoken averages for English."""
    return math.ceil(_chars(value) / 4)


def _chars(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(_chars(v) for v in value.values())
    if isinstance(value, list):
        return sum(_chars(v) for v in value)
    return 0
