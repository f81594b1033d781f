"""OpenAI Codex CLI (A6): ``$CODEX_HOME/config.toml`` providers, ``.env``, ``auth.json``."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from whichlayer.check.clients._common import shell
from whichlayer.check.layers import Layer, Layers, read_dotenv, short_path
from whichlayer.check.model import Context, Finding, Setting, Target
from whichlayer.providers import api_base

OPENAI_DEFAULT = api_base("openai")
CHATGPT_BASE = "https://chatgpt.com/backend-api/codex"
# Built-in providers (A6): id -> (base URL, wire protocol).
_BUILTIN = {
    "openai": (OPENAI_DEFAULT, "responses"),
    "ollama": ("http://localhost:11434/v1", "responses"),
    "lmstudio": ("http://localhost:1234/v1", "responses"),
    "amazon-bedrock": ("https://bedrock-mantle.us-east-1.api.aws/v1", "responses"),
}


def codex_home(ctx: Context) -> Path:
    value = ctx.env.get("CODEX_HOME")
    return Path(value) if value else ctx.home / ".codex"


def discover(ctx: Context) -> list[Target]:
    """The Codex target for the selected ``model_provider``, if Codex is set up."""
    home = codex_home(ctx)
    if not home.is_dir():
        return []
    findings: list[Finding] = []
    config = _config(home / "config.toml", ctx, findings)
    env = _env_layers(home, ctx)
    provider_id = str(config.get("model_provider", "openai"))
    providers = config.get("model_providers") or {}
    if "openai" in providers:
        findings.append(
            Finding(
                "X-OPENAI-OVERRIDE",
                "request",
                "endpoint_mismatch",
                "config.toml defines [model_providers.openai], which Codex ignores: built-in "
                "providers cannot be overridden (P6).",
                "Give the provider another id (e.g. [model_providers.myproxy]) and set "
                "model_provider to it, or use openai_base_url.",
                "warning",
            )
        )
    if provider_id in _BUILTIN:
        target = _builtin(provider_id, config, env, home, ctx)
    else:
        target = _custom(provider_id, providers.get(provider_id), env, findings)
    target.precedence = (
        "$CODEX_HOME/.env overrides the shell; the key is the variable named by "
        "env_key, or CODEX_API_KEY > auth.json for the built-in openai provider, which does "
        "not read OPENAI_API_KEY (Codex 0.171)"
    )
    target.findings[:0] = findings
    model = config.get("model")
    if isinstance(model, str):
        target.model = Setting(model, f"{short_path(home / 'config.toml', ctx.home)} model")
    return [target]


def _config(path: Path, ctx: Context, findings: list[Finding]) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        findings.append(
            Finding(
                "X-CONFIG-UNREADABLE",
                "request",
                "unknown",
                f"{short_path(path, ctx.home)} is not valid TOML ({exc}); Codex will not start.",
                "Fix the TOML syntax.",
            )
        )
        return {}


def _env_layers(home: Path, ctx: Context) -> Layers:
    """A6/P7: ``$CODEX_HOME/.env`` overrides the shell, except names starting ``CODEX_``."""
    layers = []
    dotenv = home / ".env"
    if dotenv.is_file():
        values = read_dotenv(dotenv, ctx.env, override=True)
        values = {k: v for k, v in values.items() if not k.upper().startswith("CODEX_")}
        layers.append(Layer(f"{short_path(dotenv, ctx.home)} (overrides the shell)", values))
    layers.append(shell(ctx))
    return Layers(layers)


def _builtin(pid: str, config: dict[str, Any], env: Layers, home: Path, ctx: Context) -> Target:
    base_default, wire = _BUILTIN[pid]
    cfg = short_path(home / "config.toml", ctx.home)
    target = Target(
        f"codex:{pid}",
        wire,
        Setting(base_default, "built-in default"),
        None,
        runtime="native",
        env=env.merged(),
    )
    if pid != "openai":
        target.auth = "none"
        return target
    if isinstance(config.get("openai_base_url"), str):
        target.base_url = Setting(config["openai_base_url"], f"{cfg} openai_base_url")
    old = env.get("OPENAI_BASE_URL")
    if old is not None and old.value.strip():
        target.findings.append(
            Finding(
                "X-OPENAI-BASE-URL-ENV",
                "request",
                "endpoint_mismatch",
                f"{old.source} is set; Codex releases since April 2026 ignore it (P5) (older ones "
                "used it).",
                "Set openai_base_url in config.toml, or define a custom provider.",
                "warning",
            )
        )
    _openai_auth(target, env, home, ctx)
    return target


def _openai_auth(target: Target, env: Layers, home: Path, ctx: Context) -> None:
    """Auth of the built-in openai provider, as Codex 0.171 ``exec`` really sends it.

    CODEX_API_KEY (the shell only: $CODEX_HOME/.env drops CODEX_* names), then auth.json
    (``codex login --with-api-key`` or a ChatGPT login). OPENAI_API_KEY is *not* read:
    with only that set, Codex sends no Authorization and the server answers "You didn't
    provide an API key" (tests/clients checks this against the real binary).
    """
    ranked: list[Setting] = list(env.all_sources("CODEX_API_KEY"))
    auth_path = home / "auth.json"
    auth = _auth_json(auth_path)
    label = short_path(auth_path, ctx.home)
    if isinstance(auth.get("OPENAI_API_KEY"), str) and auth["OPENAI_API_KEY"]:
        ranked.append(Setting(auth["OPENAI_API_KEY"], f"{label} OPENAI_API_KEY"))
    tokens = auth.get("tokens")
    if isinstance(tokens, dict) and tokens.get("access_token"):
        ranked.append(Setting("", f"{label} ChatGPT login"))
    ignored = env.all_sources("OPENAI_API_KEY")
    unread = [Setting(s.value, f"{s.source} (not read by Codex exec)") for s in ignored]
    if not ranked:
        target.auth, target.shadowed = "none", unread
        target.findings.append(_no_credential(ignored))
        return
    target.key, target.shadowed = ranked[0], ranked[1:] + unread
    if not ranked[0].value:  # ChatGPT login: the Codex backend, OAuth tokens
        target.base_url = Setting(CHATGPT_BASE, f"{label} ChatGPT login")
        target.no_auth_reason = "the ChatGPT login token is not sent by check"


def _no_credential(ignored: list[Setting]) -> Finding:
    """The built-in provider with no CODEX_API_KEY and no auth.json: no key is sent at all."""
    said = (
        f"{ignored[0].source} is set, but Codex exec with the built-in openai provider does "
        "not read OPENAI_API_KEY"
        if ignored
        else "Codex finds no CODEX_API_KEY and no $CODEX_HOME/auth.json"
    )
    return Finding(
        "X-NO-CREDENTIAL",
        "identity",
        "key_missing",
        f"{said}: it sends no Authorization header and the server answers 401 \"You didn't "
        'provide an API key" (observed with Codex 0.171).',
        "Run `printenv OPENAI_API_KEY | codex login --with-api-key` (writes auth.json), or "
        "export CODEX_API_KEY for one run.",
    )


def _auth_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _custom(pid: str, spec: object, env: Layers, findings: list[Finding]) -> Target:
    """A custom ``[model_providers.<id>]``: ``base_url``, ``env_key``, ``wire_api``."""
    target = Target(f"codex:{pid}", "responses", None, None, runtime="native", env=env.merged())
    if not isinstance(spec, dict):
        findings.append(
            Finding(
                "X-PROVIDER-MISSING",
                "request",
                "endpoint_mismatch",
                f"model_provider = {pid!r} but config.toml has no [model_providers.{pid}] table.",
                f"Add [model_providers.{pid}] with base_url and env_key.",
            )
        )
        return target
    where = f"[model_providers.{pid}]"
    if isinstance(spec.get("base_url"), str):
        target.base_url = Setting(spec["base_url"], f"config.toml {where} base_url")
    _wire(target, spec.get("wire_api"), where, findings)
    if isinstance(spec.get("query_params"), dict):
        target.query = {str(k): str(v) for k, v in spec["query_params"].items()}
    _custom_key(target, spec, env, where, findings)
    target.headers = _headers(spec, env)
    return target


def _headers(spec: dict[str, Any], env: Layers) -> dict[str, str]:
    """``http_headers`` (literal) and ``env_http_headers`` (header -> variable; blank skipped)."""
    headers = {str(k): str(v) for k, v in (spec.get("http_headers") or {}).items()}
    for header, var in (spec.get("env_http_headers") or {}).items():
        value = env.value(str(var))
        if value and value.strip():
            headers[str(header)] = value
    return headers


def _wire(target: Target, wire: object, where: str, findings: list[Finding]) -> None:
    if wire == "chat":
        target.protocol = "chat_completions"
        findings.append(
            Finding(
                "X-WIRE-CHAT",
                "request",
                "endpoint_mismatch",
                f'{where} has wire_api = "chat": Codex since Feb 2026 refuses it ("no longer '
                'supported"); older releases call /chat/completions.',
                'Use wire_api = "responses" with a host that serves /v1/responses.',
                "warning",
            )
        )
    elif wire not in (None, "responses"):
        findings.append(
            Finding(
                "X-WIRE-UNKNOWN",
                "request",
                "invalid_parameter",
                f'{where} has wire_api = {wire!r}; Codex knows only "responses".',
                'Set wire_api = "responses".',
            )
        )


def _custom_key(
    target: Target, spec: dict[str, Any], env: Layers, where: str, findings: list[Finding]
) -> None:
    env_key = spec.get("env_key")
    if isinstance(spec.get("experimental_bearer_token"), str):
        target.key = Setting(
            spec["experimental_bearer_token"], f"config.toml {where} experimental_bearer_token"
        )
    elif isinstance(env_key, str):
        sources = env.all_sources(env_key)
        if sources and sources[0].value.strip():
            target.key, target.shadowed = sources[0], sources[1:]
        else:
            target.auth = "none"  # Codex stops: "Missing environment variable: `X`."
            findings.append(
                Finding(
                    "X-ENV-KEY-UNSET",
                    "identity",
                    "key_missing",
                    f"{where} env_key = {env_key!r}, but {env_key} is unset or empty (in the "
                    "shell and in $CODEX_HOME/.env).",
                    f"export {env_key}=<your key>, or put it in ~/.codex/.env.",
                )
            )
    elif spec.get("auth") is not None:
        target.key = Setting("", f"config.toml {where} auth command")
        target.no_auth_reason = "the key comes from an auth command, which check does not run"
    else:
        target.auth = "none"
