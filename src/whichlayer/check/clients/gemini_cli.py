"""Gemini CLI (A7): one ``.env`` found walking up, the shell wins, ``GEMINI_API_KEY`` only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from whichlayer.check.clients._common import base_or_default, shell, walk_up
from whichlayer.check.layers import Layer, Layers, read_dotenv, short_path
from whichlayer.check.model import Context, Finding, Setting, Target
from whichlayer.providers import api_base

GEMINI_DEFAULT = api_base("gemini") + "/"


def find_env_file(ctx: Context, ignore_local: bool = False) -> Path | None:
    """The one ``.env`` Gemini CLI 0.61 loads (``findEnvFile``; the workspace is trusted,
    as ``gemini -p`` requires): walking up from cwd, ``<dir>/.gemini/.env`` then
    ``<dir>/.env`` (skipped with ``advanced.ignoreLocalEnv`` unless ``<dir>`` is home);
    past the root, ``~/.gemini/.env`` then ``~/.env``."""
    for folder in walk_up(ctx.cwd):
        candidates = [folder / ".gemini" / ".env"]
        if not ignore_local or folder == ctx.home:
            candidates.append(folder / ".env")
        for candidate in candidates:
            if candidate.is_file():
                return candidate
    for candidate in (ctx.home / ".gemini" / ".env", ctx.home / ".env"):
        if candidate.is_file():
            return candidate
    return None


def _settings(ctx: Context) -> list[tuple[Path, dict[str, Any]]]:
    """Settings files, highest precedence first: system, workspace, user (A7)."""
    system = ctx.env.get("GEMINI_CLI_SYSTEM_SETTINGS_PATH")
    paths = [
        Path(system) if system else ctx.etc / "gemini-cli" / "settings.json",
        ctx.cwd / ".gemini" / "settings.json",
        ctx.home / ".gemini" / "settings.json",
    ]
    out = []
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            continue
        if isinstance(data, dict):
            out.append((path, data))
    return out


def discover(ctx: Context) -> list[Target]:
    """The Gemini CLI target, if ``~/.gemini`` or a workspace ``.gemini`` exists."""
    if not ((ctx.home / ".gemini").is_dir() or (ctx.cwd / ".gemini").is_dir()):
        return []
    layers = [shell(ctx)]
    env_file = find_env_file(ctx, _ignore_local_env(ctx))
    if env_file is not None:
        values = read_dotenv(env_file, ctx.env, override=False)
        layers.append(Layer(f"{short_path(env_file, ctx.home)} (shell wins)", values))
    env = Layers(layers, empty_is_unset=True)
    base = base_or_default(env.get("GOOGLE_GEMINI_BASE_URL"), GEMINI_DEFAULT)
    key, losers = env.first(["GEMINI_API_KEY"])
    bearer = env.value("GEMINI_API_KEY_AUTH_MECHANISM") == "bearer"
    target = Target(
        "gemini-cli",
        "generate_content",
        base,
        key,
        auth="bearer" if bearer else "x-goog-api-key",
        shadowed=losers,
        runtime="node-proxy-aware",
        env=env.merged(),
    )
    target.precedence = (
        "GEMINI_API_KEY only; the shell wins over the one .env found walking up from the "
        "working directory (.gemini/.env before .env in each folder, then ~/.gemini/.env, "
        "~/.env) (A7, Gemini CLI 0.61)"
    )
    _mode(target, env)
    target.model = env.get("GEMINI_MODEL") or _settings_model(ctx)
    return [target]


def _mode(target: Target, env: Layers) -> None:
    """A7 auth type, first match: GCA login, Vertex (literal 'true'), then the API key."""
    if env.value("GOOGLE_GENAI_USE_GCA") == "true":
        target.no_auth_reason = "GOOGLE_GENAI_USE_GCA=true: Login with Google, not an API key"
        return
    if env.value("GOOGLE_GENAI_USE_VERTEXAI") == "true":
        target.no_auth_reason = "GOOGLE_GENAI_USE_VERTEXAI=true: Vertex AI credentials"
        return
    if target.key is None and env.get("GOOGLE_API_KEY") is not None:
        target.findings.append(
            Finding(
                "G-GOOGLE-API-KEY-ONLY",
                "identity",
                "key_missing",
                "GOOGLE_API_KEY is set but GEMINI_API_KEY is not: Gemini CLI reads only "
                "GEMINI_API_KEY for the Gemini API (A7, P11).",
                "export GEMINI_API_KEY=<your AIza… key>",
            )
        )
    if env.value("GOOGLE_GENAI_USE_VERTEXAI") in ("1", "True", "TRUE"):
        target.findings.append(
            Finding(
                "G-VERTEX-NOT-TRUE",
                "request",
                "invalid_parameter",
                "GOOGLE_GENAI_USE_VERTEXAI is set but not to the literal 'true': Gemini CLI does "
                "not switch to Vertex (google-genai does) (P12).",
                "Write GOOGLE_GENAI_USE_VERTEXAI=true if Vertex is meant.",
                "warning",
            )
        )


def _ignore_local_env(ctx: Context) -> bool:
    """``advanced.ignoreLocalEnv`` in any settings file (``--ignore-env`` is a flag per run)."""
    for _path, data in _settings(ctx):
        advanced = data.get("advanced")
        if isinstance(advanced, dict) and advanced.get("ignoreLocalEnv") is True:
            return True
    return False


def _settings_model(ctx: Context) -> Setting | None:
    for path, data in _settings(ctx):
        model = data.get("model")
        name = model.get("name") if isinstance(model, dict) else None
        if isinstance(name, str):
            return Setting(name, f"{short_path(path, ctx.home)} model.name")
    return None
