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
from whichlayer.providers import api_base

DEFAULT_BASE = api_base("anthropic")


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
        "ANTHROPIC_AUTH_TOKEN (else apiKeyHelper) as Bearer and ANTHROPIC_API_KEY (else "
        "apiKeyHelper) as x-api-key, both on one request (2.1.197); then OAuth (A5.2, A5.3)"
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
    cancelled: list[Setting] = []
    found: dict[str, list[Setting]] = {}
    for name in ("ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_API_KEY"):
        sources = env.all_sources(name)
        if env.masked(name):  # "" in a settings env block hides the shell's value
            cancelled += [Setting(s.value, f'{s.source} (cancelled by "")') for s in sources]
            sources = []
        found[name] = sources
    tokens, keys = found["ANTHROPIC_AUTH_TOKEN"], found["ANTHROPIC_API_KEY"]
    helper = next(
        ((p, d["apiKeyHelper"]) for _, p, d in loaded if isinstance(d.get("apiKeyHelper"), str)),
        None,
    )
    helper_setting = (
        Setting("", f"{short_path(helper[0], ctx.home)} apiKeyHelper") if helper else None
    )
    # Observed with Claude Code 2.1.197 (tests/clients): each credential has its own header
    # and both go out on one request: AUTH_TOKEN (or else the apiKeyHelper's output) as
    # Bearer, ANTHROPIC_API_KEY (or else the helper's output) as x-api-key.
    bearer = tokens[0] if tokens else helper_setting
    xkey = keys[0] if keys else (helper_setting if not tokens else None)
    rest: list[Setting] = tokens[1:] + keys[1:]
    if tokens and helper_setting is not None:
        rest.append(helper_setting)  # the helper is not run when AUTH_TOKEN is set
    later = [(s, "bearer") for s in env.all_sources("CLAUDE_CODE_OAUTH_TOKEN")]
    creds = ctx.home / ".claude" / ".credentials.json"
    if creds.is_file():
        later.append((Setting("", f"{short_path(creds, ctx.home)} (claude.ai login)"), "oauth"))
    if bearer is None and xkey is None:
        if not later:
            target.auth, target.shadowed = "none", cancelled
            target.findings.append(_no_credential(ctx))
            return
        (winner, header), losers = later[0], later[1:]
        target.auth, target.shadowed = header, [s for s, _ in losers] + cancelled
        _set_key(target, winner)
        _third_party_without_credential(target, header)
        return
    target.shadowed = rest + [s for s, _ in later] + cancelled
    if bearer is not None and xkey is not None and bearer is not xkey:
        target.auth = "x-api-key"
        _set_key(target, xkey)
        target.also_sent = [("bearer", bearer)]
        target.honoured = HONOURED
        target.findings.append(_both_sent(bearer, xkey))
    elif bearer is not None and xkey is not None:  # the helper alone: its output in both
        target.auth = "both"
        _set_key(target, bearer)
    elif bearer is not None:
        target.auth = "bearer"
        _set_key(target, bearer)
    elif xkey is not None:
        target.auth = "x-api-key"
        _set_key(target, xkey)


#: Which of Claude Code's two headers authenticates, when both are sent.
HONOURED = (
    "x-api-key at api.anthropic.com-style servers that read it first (whichlayer simulate, "
    "new-api on /v1/messages); a gateway that reads only Authorization uses the Bearer one"
)


def _set_key(target: Target, winner: Setting) -> None:
    target.key = winner if winner.value else Setting("", winner.source)
    if not winner.value:
        target.no_auth_reason = (
            f"the credential comes from {winner.source}, which check does not run"
        )


def _cloud_base(target: Target, switch: str, env: Layers) -> None:
    """A5.4: Bedrock and Vertex endpoints (and their gateway overrides); network stages only."""
    if switch == "CLAUDE_CODE_USE_BEDROCK":
        # Region order (>= 2.1.172): AWS_REGION, AWS_DEFAULT_REGION, then us-east-1.
        region = env.value("AWS_REGION") or env.value("AWS_DEFAULT_REGION") or "us-east-1"
        override = env.get("ANTHROPIC_BEDROCK_BASE_URL")
        default = api_base("bedrock", region)
        target.protocol = "bedrock"
    elif switch == "CLAUDE_CODE_USE_VERTEX":
        region = env.value("CLOUD_ML_REGION") or "us-east5"
        override = env.get("ANTHROPIC_VERTEX_BASE_URL")
        default = api_base("vertex", region)
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


def _both_sent(bearer: Setting, xkey: Setting) -> Finding:
    """P9, as observed with 2.1.197: both credentials go out, each in its own header."""
    return Finding(
        "C-BOTH-SENT",
        "identity",
        "key_invalid",
        f"Claude Code sends both credentials on every request: {bearer.source} as the "
        f"Bearer token and {xkey.source} in x-api-key. The server uses one of them: {HONOURED}.",
        "Keep one credential: for an sk-ant-api key, ANTHROPIC_API_KEY alone; for a gateway "
        'token, ANTHROPIC_AUTH_TOKEN alone (unset the other, or set it to "" in settings env).',
        "warning",
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
