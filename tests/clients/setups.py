"""The usual ways each client is configured: the set-ups check's key claims are proved on.

Keys are the simulator's aliases (``sim-<state>``), so which key authenticated also shows
in the client's answer (a valid key answers, a revoked one fails).
"""

from __future__ import annotations

import json

from .harness import Setup

HELPER = "sim-valid"  # what the apiKeyHelper script prints
_HELPER_FILES = {
    "~/bin/key.sh": f"#!/bin/sh\necho {HELPER}\n",
    "~/.claude/settings.json": json.dumps({"apiKeyHelper": "{HOME}/bin/key.sh"}),
}

SETUPS: list[Setup] = [
    # Claude Code
    Setup("claude: ANTHROPIC_API_KEY", "claude-code", {"ANTHROPIC_API_KEY": "sim-valid"}),
    Setup("claude: ANTHROPIC_AUTH_TOKEN", "claude-code", {"ANTHROPIC_AUTH_TOKEN": "sim-valid"}),
    Setup(
        "claude: AUTH_TOKEN and API_KEY both set",
        "claude-code",
        {"ANTHROPIC_AUTH_TOKEN": "sim-revoked", "ANTHROPIC_API_KEY": "sim-valid"},
    ),
    Setup(
        "claude: settings env beats the shell",
        "claude-code",
        {"ANTHROPIC_API_KEY": "sim-revoked"},
        {"~/.claude/settings.json": json.dumps({"env": {"ANTHROPIC_API_KEY": "sim-valid"}})},
    ),
    Setup(
        'claude: settings env "" cancels the shell API key',
        "claude-code",
        {"ANTHROPIC_API_KEY": "sim-revoked", "ANTHROPIC_AUTH_TOKEN": "sim-valid"},
        {"~/.claude/settings.json": json.dumps({"env": {"ANTHROPIC_API_KEY": ""}})},
    ),
    Setup("claude: apiKeyHelper alone", "claude-code", {}, dict(_HELPER_FILES)),
    Setup(
        "claude: apiKeyHelper and a shell ANTHROPIC_API_KEY",
        "claude-code",
        {"ANTHROPIC_API_KEY": "sim-revoked"},
        dict(_HELPER_FILES),
    ),
    # Codex
    Setup(
        "codex: custom provider, env_key in the shell",
        "codex",
        {"SIM_OPENAI_KEY": "sim-valid"},
    ),
    Setup(
        "codex: custom provider, $CODEX_HOME/.env beats the shell",
        "codex",
        {"SIM_OPENAI_KEY": "sim-revoked"},
        {"~/.codex/.env": "SIM_OPENAI_KEY=sim-valid\n"},
    ),
    Setup(
        "codex: built-in openai, OPENAI_API_KEY only",
        "codex",
        {"OPENAI_API_KEY": "sim-valid"},
        codex_provider="builtin",
    ),
    Setup(
        "codex: built-in openai, CODEX_API_KEY",
        "codex",
        {"CODEX_API_KEY": "sim-valid", "OPENAI_API_KEY": "sim-revoked"},
        codex_provider="builtin",
    ),
    Setup(
        "codex: built-in openai, auth.json from codex login",
        "codex",
        {"OPENAI_API_KEY": "sim-revoked"},
        {"~/.codex/auth.json": json.dumps({"auth_mode": "apikey", "OPENAI_API_KEY": "sim-valid"})},
        codex_provider="builtin",
    ),
    # Gemini CLI
    Setup("gemini: GEMINI_API_KEY in the shell", "gemini-cli", {"GEMINI_API_KEY": "sim-valid"}),
    Setup(
        "gemini: the project's .gemini/.env",
        "gemini-cli",
        {},
        {"./.gemini/.env": "GEMINI_API_KEY=sim-valid\n"},
    ),
    Setup(
        "gemini: the shell beats ~/.gemini/.env",
        "gemini-cli",
        {"GEMINI_API_KEY": "sim-valid"},
        {"~/.gemini/.env": "GEMINI_API_KEY=sim-revoked\n"},
    ),
]


def helper_output(setup: Setup) -> str | None:
    return HELPER if "~/bin/key.sh" in setup.files else None
