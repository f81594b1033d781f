"""Claude Code (A5): settings files, their ``env`` blocks, and its credential order."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from whichlayer.check.clients._common import shell
from whichlayer.check.hosts import host_platform
from whichlayer.check.layers import Layer, Layers, short_path
from whichlayer.check.model import Context, Finding, Setting, Target
from whichlayer.check.protocols import parse_header_lines
from whichlayer.check.urls import split

DEFAULT_BASE = "https://api.anthropic.com"


def settings_files(ctx: Context) -> list[tuple[str, Path]]:
    """(scope, path) in precedence order, highest first (A5.1 ranks 1, 3, 4, 5)."""
    managed = ctx.etc / "claude-code"
    files = [("managed", managed / "managed-settings.json")]
    dropins = sorted((managed / "managed-settings.d").glob("*.json"), reverse=True)
    # Drop-ins merge alphabetically *after* the main file, so the last one wins.
    files = [("managed", p) for p in dropins] + files
    config_dir = ctx.env.get("CLAUDE_CONFIG_DIR")
    user_dir = Path(config_dir) if config_dir else ctx.home / ".claude"
    files += [
        ("local", ctx.cwd / ".claude" / "settings.local.json"),
        ("project", ctx.cwd / ".claude" / "settings.json"),
        ("user", user_dir / "settings.json"),
    ]
    seen: set[Path] = set()
    out = []
    for scope, path in files:  # run from home, the project file *is* the user file
        if path.is_file() and path.resolve() not in seen:
            seen.add(path.resolve())
            out.append((scope, path))
    return out


def _load(path: Path, ctx: Context, findings: list[Finding]) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        findings.append(
            Finding(
                "C-SETTINGS-UNREADABLE",
                "request",
                "unknown",
                f"{short_path(path, ctx.home)} cannot be read as JSON ({exc}); Claude Code "
                "ignores or rejects it.",
                "Fix the JSON syntax of the file.",
            )
        )
        return {}
    return data if isinstance(data, dict) else {}


def discover(ctx: Context) -> list[Target]:
    """The Claude Code target, if Claude Code is configured on this machine."""
    files = settings_files(ctx)
    if not files and not (ctx.home / ".claude").is_dir():
        return []
    findings: list[Finding] = []
    loaded = [(scope, p, _load(p, ctx, findings)) for scope, p in files]
    # A5.2/P8: env blocks beat the shell; between files, settings precedence applies.
    layers = [
        Layer(f"{short_path(p, ctx.home)} env", _str_env(data.get("env"))) for _, p, data in loaded
    ]
    # A5.2: "" written over the shell cancels a variable: it counts as unset.
    env = Layers([*layers, shell(ctx)], empty_is_unset=True, empty_masks=True)
    target = Target("claude-code", "messages", None, None, runtime="node-proxy-aware")
    target.env = {k: v for k, v in env.merged().items() if v != ""}
    target.findings = findings
    base = env.get("ANTHROPIC_BASE_URL")
    target.base_url = base or Setting(DEFAULT_BASE, "default")
    target.headers = parse_header_lines(env.value("ANTHROPIC_CUSTOM_HEADERS") or "")  # A5.4
    target.precedence = (
        "settings env blocks beat the shell (managed > local > project > user); "
        "ANTHROPIC_AUTH_TOKEN > ANTHROPIC_API_KEY > apiKeyHelper > OAuth (A5.2, A5.3)"
    )
    _credential(target, env, loaded, ctx)
    target.model = _model(env, loaded, ctx)
    return [target]


def _str_env(block: object) -> dict[str, str]:
    if not isinstance(block, dict):
        return {}
    return {str(k): str(v) for k, v in block.items() if isinstance(v, str | int | float)}


def _credential(
    target: Target, env: Layers, loaded: list[tuple[str, Path, dict[str, Any]]], ctx: Context
) -> None:
    """A5.3: cloud switch, AUTH_TOKEN, API_KEY, apiKeyHelper, OAuth token, /login."""
    for switch, what in (
        ("CLAUDE_CODE_USE_BEDROCK", "Bedrock"),
        ("CLAUDE_CODE_USE_VERTEX", "Vertex AI"),
        ("CLAUDE_CODE_USE_FOUNDRY", "Foundry"),
    ):
        if env.value(switch) not in (None, "", "0", "false"):
            target.no_auth_reason = f"{switch} routes Claude Code to {what} (cloud credentials)"
            target.auth = "cloud"
            _cloud_base(target, switch, env)
            return
    ranked: list[tuple[Setting, str]] = []
    cancelled: list[Setting] = []
    for name, header in (("ANTHROPIC_AUTH_TOKEN", "bearer"), ("ANTHROPIC_API_KEY", "x-api-key")):
        sources = env.all_sources(name)
        if env.masked(name):  # "" in a settings env block hides the shell's value
            cancelled += [Setting(s.value, f'{s.source} (cancelled by "")') for s in sources]
        else:
            ranked += [(s, header) for s in sources]
    helper = next(
        ((p, d["apiKeyHelper"]) for _, p, d in loaded if isinstance(d.get("apiKeyHelper"), str)),
        None,
    )
    if helper is not None:
        ranked.append((Setting("", f"{short_path(helper[0], ctx.home)} apiKeyHelper"), "both"))
    ranked += [(s, "bearer") for s in env.all_sources("CLAUDE_CODE_OAUTH_TOKEN")]
    creds = ctx.home / ".claude" / ".credentials.json"
    if creds.is_file():
        ranked.append((Setting("", f"{short_path(creds, ctx.home)} (claude.ai login)"), "oauth"))
    if not ranked:
        target.auth, target.shadowed = "none", cancelled
        target.findings.append(_no_credential(ctx))
        return
    _both_variables(target, env)
    (winner, header), losers = ranked[0], ranked[1:]
    target.auth, target.shadowed = header, [s for s, _ in losers] + cancelled
    if winner.value:
        target.key = winner
    else:
        target.key = Setting("", winner.source)
        target.no_auth_reason = (
            f"the credential comes from {winner.source}, which check does not run"
        )
    _third_party_without_credential(target, header)


def _cloud_base(target: Target, switch: str, env: Layers) -> None:
    """A5.4: Bedrock and Vertex endpoints (and their gateway overrides); network stages only."""
    if switch == "CLAUDE_CODE_USE_BEDROCK":
        # Region order (>= 2.1.172): AWS_REGION, AWS_DEFAULT_REGION, then us-east-1.
        region = env.value("AWS_REGION") or env.value("AWS_DEFAULT_REGION") or "us-east-1"
        override = env.get("ANTHROPIC_BEDROCK_BASE_URL")
        default = f"https://bedrock-runtime.{region}.amazonaws.com"
        target.protocol = "bedrock"
    elif switch == "CLAUDE_CODE_USE_VERTEX":
        region = env.value("CLOUD_ML_REGION") or "us-east5"
        override = env.get("ANTHROPIC_VERTEX_BASE_URL")
        default = (
            "https://aiplatform.googleapis.com"
            if region == "global"
            else f"https://{region}-aiplatform.googleapis.com"
        )
        target.protocol = "vertex"
    else:
        override, default = env.get("ANTHROPIC_FOUNDRY_BASE_URL"), ""
        target.protocol = "foundry"
    target.base_url = override or (Setting(default, f"{switch} default") if default else None)


def _no_credential(ctx: Context) -> Finding:
    """No variable, helper or saved login: Claude Code will ask to log in (A5.3 rank 7).

    On macOS the login lives in the Keychain, which check does not read: a warning there.
    """
    return Finding(
        "C-NO-CREDENTIAL",
        "identity",
        "key_missing",
        "Claude Code finds no ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY, apiKeyHelper, "
        "CLAUDE_CODE_OAUTH_TOKEN or saved login (~/.claude/.credentials.json).",
        "Run `claude` and /login, or set ANTHROPIC_API_KEY in ~/.claude/settings.json env.",
        "error" if sys.platform.startswith("linux") else "warning",
    )


def _both_variables(target: Target, env: Layers) -> None:
    """P9: with both set, Claude Code sends only ANTHROPIC_AUTH_TOKEN (as a Bearer token)."""
    token, key = env.get("ANTHROPIC_AUTH_TOKEN"), env.get("ANTHROPIC_API_KEY")
    if token is None or key is None:
        return
    target.findings.append(
        Finding(
            "C-AUTH-TOKEN-WINS",
            "identity",
            "key_invalid",
            f"both {token.source} and {key.source} are set: Claude Code sends only "
            "ANTHROPIC_AUTH_TOKEN (Bearer); ANTHROPIC_API_KEY is not used (P9).",
            "Unset the one you do not mean; for an sk-ant-api key use ANTHROPIC_API_KEY alone.",
            "warning",
        )
    )


def _third_party_without_credential(target: Target, header: str) -> None:
    """P10: a gateway URL with only the claude.ai login sends that OAuth token there."""
    if header != "oauth" or target.base_url is None or target.base_url.source == "default":
        return
    host = split(target.base_url.value)[1]
    if host_platform(host) == "anthropic":
        return
    target.findings.append(
        Finding(
            "C-OAUTH-TO-GATEWAY",
            "identity",
            "key_missing",
            f"ANTHROPIC_BASE_URL points at {host} but no ANTHROPIC_AUTH_TOKEN/ANTHROPIC_API_KEY "
            "is set: Claude Code sends your claude.ai login token to that host (P10).",
            "Set ANTHROPIC_AUTH_TOKEN (or ANTHROPIC_API_KEY) to the gateway's key.",
        )
    )


def _model(
    env: Layers, loaded: list[tuple[str, Path, dict[str, Any]]], ctx: Context
) -> Setting | None:
    """A5.4 model order: env ANTHROPIC_MODEL, settings ``model``, ANTHROPIC_DEFAULT_MODEL."""
    found = env.get("ANTHROPIC_MODEL")
    if found:
        return found
    for _, path, data in loaded:
        if isinstance(data.get("model"), str):
            return Setting(data["model"], f"{short_path(path, ctx.home)} model")
    return env.get("ANTHROPIC_DEFAULT_MODEL")
