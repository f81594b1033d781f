"""Aider (A9): ``.aider.conf.yml`` files and ``.env`` files that override the shell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from whichlayer.check.clients._common import shell, walk_up
from whichlayer.check.layers import Layer, Layers, read_dotenv, short_path
from whichlayer.check.model import Context, Finding, Setting, Target
from whichlayer.providers import api_base

# provider -> (yaml option, key var, base options/vars in LiteLLM order, default, protocol)
_PROVIDERS: dict[str, tuple[str, str, list[str], str, str]] = {
    "anthropic": (
        "anthropic-api-key",
        "ANTHROPIC_API_KEY",
        ["ANTHROPIC_API_BASE", "ANTHROPIC_BASE_URL"],
        api_base("anthropic"),
        "messages",
    ),
    "openai": (
        "openai-api-key",
        "OPENAI_API_KEY",
        ["OPENAI_BASE_URL", "OPENAI_API_BASE"],
        api_base("openai"),
        "chat_completions",
    ),
}


def git_root(cwd: Path) -> Path | None:
    return next((d for d in walk_up(cwd) if (d / ".git").exists()), None)


def _yaml_files(ctx: Context) -> list[tuple[Path, dict[str, Any]]]:
    """A9: home, git root, cwd are loaded in that order; later files win. Highest first."""
    root = git_root(ctx.cwd)
    dirs = [ctx.home, *([root] if root else []), ctx.cwd]
    seen: list[Path] = []
    for d in dirs:
        path = d / ".aider.conf.yml"
        if path.is_file() and path not in seen:
            seen.append(path)
    out = []
    for path in reversed(seen):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            data = None
        out.append((path, data if isinstance(data, dict) else {}))
    return out


def _env_layers(ctx: Context) -> Layers:
    """A9/P7: each .env is loaded with override=True, in order; so the last file wins."""
    root = git_root(ctx.cwd)
    files = [
        ctx.home / ".aider" / "oauth-keys.env",
        ctx.home / ".env",
        *([root / ".env"] if root else []),
        ctx.cwd / ".env",
    ]
    unique = list(dict.fromkeys(p for p in files if p.is_file()))
    layers = [
        Layer(
            f"{short_path(p, ctx.home)} (aider loads with override=True)",
            read_dotenv(p, ctx.env, override=True),
        )
        for p in reversed(unique)
    ]
    return Layers([*layers, shell(ctx)])


def discover(ctx: Context) -> list[Target]:
    """One aider target: the provider its model (or, without one, its keys) selects."""
    files = _yaml_files(ctx)
    if not files and not (ctx.home / ".aider").is_dir():
        return []
    env = _env_layers(ctx)
    model = _option(env, files, "model", ctx)
    provider = _provider(model, env, files, ctx)
    return [_target(provider, model, env, files, ctx)]


def _option(
    env: Layers, files: list[tuple[Path, dict[str, Any]]], option: str, ctx: Context
) -> Setting | None:
    """configargparse order (A9): AIDER_<OPTION> env beats the YAML files."""
    found = env.get("AIDER_" + option.upper().replace("-", "_"))
    if found:
        return found
    for path, data in files:
        if data.get(option) is not None:
            return Setting(str(data[option]), f"{short_path(path, ctx.home)} {option}")
    return None


def _provider(
    model: Setting | None, env: Layers, files: list[tuple[Path, dict[str, Any]]], ctx: Context
) -> str:
    if model is not None:
        name = model.value.lower()
        if name.startswith(("anthropic/", "claude")) or name in ("sonnet", "opus", "haiku"):
            return "anthropic"
        return "openai"
    has_anthropic = _option(env, files, "anthropic-api-key", ctx) or env.get("ANTHROPIC_API_KEY")
    return "anthropic" if has_anthropic else "openai"


def _target(
    provider: str,
    model: Setting | None,
    env: Layers,
    files: list[tuple[Path, dict[str, Any]]],
    ctx: Context,
) -> Target:
    option, key_var, base_vars, default, protocol = _PROVIDERS[provider]
    # main.py: a set option is written into os.environ[KEY_VAR], beating .env and shell.
    option_key = _option(env, files, option, ctx)
    candidates = [*([option_key] if option_key else []), *env.all_sources(key_var)]
    target = Target(f"aider:{provider}", protocol, None, None, runtime="httpx", env=env.merged())
    if candidates:
        target.key, target.shadowed = candidates[0], candidates[1:]
    target.auth = "x-api-key" if provider == "anthropic" else "bearer"
    target.precedence = (
        ".aider.conf.yml / AIDER_* options beat every .env, and each .env "
        "overrides the shell, the last loaded winning (A9, P7)"
    )
    target.base_url = _base(provider, base_vars, default, env, files, ctx, target)
    if model is not None:
        target.model = Setting(model.value.split("/", 1)[-1], model.source)
    return target


def _base(
    provider: str,
    base_vars: list[str],
    default: str,
    env: Layers,
    files: list[tuple[Path, dict[str, Any]]],
    ctx: Context,
    target: Target,
) -> Setting:
    """LiteLLM reads OPENAI_BASE_URL before OPENAI_API_BASE, which --openai-api-base sets."""
    first = env.get(base_vars[0])
    option = _option(env, files, "openai-api-base", ctx) if provider == "openai" else None
    second = option or env.get(base_vars[1])
    if provider == "openai" and first is not None and option is not None:
        target.findings.append(
            Finding(
                "A-API-BASE-SHADOWED",
                "request",
                "endpoint_mismatch",
                f"{option.source} sets OPENAI_API_BASE, but {first.source} is also set and "
                "LiteLLM reads OPENAI_BASE_URL first (P2).",
                "Unset OPENAI_BASE_URL in the shell, or set it to the same URL.",
                "warning",
            )
        )
    if provider == "anthropic":
        first, second = env.get(base_vars[0]), env.get(base_vars[1])
    return first or second or Setting(default, "default")
