"""Discovery agrees with the real SDKs: the same key and base URL the SDK itself picks.

The SDKs read ``os.environ``; each test sets the variables with monkeypatch,
builds the real client, and compares it with what check reports.
"""

from __future__ import annotations

import os
from pathlib import Path

import anthropic
import openai
import pytest

from whichlayer.check.clients import sdk

from . import keysamples as ks
from .conftest import make_ctx

_VARS = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "OPENAI_API_BASE",
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_AUTH_TOKEN",
    "ANTHROPIC_BASE_URL",
    "GOOGLE_API_KEY",
    "GEMINI_API_KEY",
    "GOOGLE_GEMINI_BASE_URL",
    "GOOGLE_GENAI_USE_VERTEXAI",
    "GOOGLE_GENAI_USE_ENTERPRISE",
    "ANTHROPIC_PROFILE",
    "ANTHROPIC_CONFIG_DIR",
)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, home: Path) -> pytest.MonkeyPatch:
    for name in _VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ANTHROPIC_CONFIG_DIR", str(home / "no-anthropic-config"))
    return monkeypatch


@pytest.mark.parametrize(
    "env",
    [
        {"OPENAI_API_KEY": ks.openai()},
        {"OPENAI_API_KEY": ks.relay(), "OPENAI_BASE_URL": "https://relay.example/v1"},
        {"OPENAI_API_KEY": ks.relay(), "OPENAI_API_BASE": "https://ignored.example/v1"},
    ],
)
def test_openai_sdk(
    clean_env: pytest.MonkeyPatch, home: Path, cwd: Path, env: dict[str, str]
) -> None:
    for k, v in env.items():
        clean_env.setenv(k, v)
    client = openai.OpenAI()
    t = sdk.openai_python(make_ctx(dict(os.environ), home, cwd))[0]
    assert t.key is not None and t.key.value == client.api_key
    assert t.base_url is not None
    assert t.base_url.value.rstrip("/") == str(client.base_url).rstrip("/")


@pytest.mark.parametrize(
    "env",
    [
        {"ANTHROPIC_API_KEY": ks.anthropic()},
        {"ANTHROPIC_AUTH_TOKEN": "gw-token-1234567890", "ANTHROPIC_BASE_URL": "https://gw.example"},
        {"ANTHROPIC_API_KEY": ks.anthropic("k"), "ANTHROPIC_AUTH_TOKEN": ks.anthropic("t")},
    ],
)
def test_anthropic_sdk_headers(
    clean_env: pytest.MonkeyPatch, home: Path, cwd: Path, env: dict[str, str]
) -> None:
    for k, v in env.items():
        clean_env.setenv(k, v)
    client = anthropic.Anthropic()
    t = sdk.anthropic_python(make_ctx(dict(os.environ), home, cwd))[0]
    sent = {k.lower(): v for k, v in client.auth_headers.items() if v}
    expected = {
        "both": {"x-api-key", "authorization"},
        "x-api-key": {"x-api-key"},
        "bearer": {"authorization"},
    }[t.auth]
    assert set(sent) == expected
    assert t.key is not None and t.key.value in " ".join(sent.values())
    assert t.base_url is not None
    assert t.base_url.value.rstrip("/") == str(client.base_url).rstrip("/")


def test_google_genai_key_choice(clean_env: pytest.MonkeyPatch, home: Path, cwd: Path) -> None:
    from google import genai

    clean_env.setenv("GOOGLE_API_KEY", ks.google("a"))
    clean_env.setenv("GEMINI_API_KEY", ks.google("b"))
    client = genai.Client()
    t = sdk.google_genai(make_ctx(dict(os.environ), home, cwd))[0]
    assert t.key is not None and t.key.value == client._api_client.api_key
