"""Which key, base URL and protocol each client really uses, from real config files."""

from __future__ import annotations

import json
from pathlib import Path

from whichlayer.check import Request, discover
from whichlayer.check.clients import aider, claude_code, codex, gemini_cli, sdk
from whichlayer.check.model import Target

from . import keysamples as ks
from .conftest import make_ctx


def one(targets: list[Target], client: str) -> Target:
    found = [t for t in targets if t.client == client]
    assert len(found) == 1, [t.client for t in targets]
    return found[0]


def ids(target: Target) -> set[str]:
    return {f.id for f in target.findings}


# --- SDKs and python-dotenv (A1, A4, A8, A14) -------------------------------------------


def test_openai_shell_beats_dotenv_and_default_base(home: Path, cwd: Path) -> None:
    (cwd / ".env").write_text(f"OPENAI_API_KEY={ks.openai('file')}\n")
    ctx = make_ctx({"OPENAI_API_KEY": ks.openai("shell")}, home, cwd)
    t = sdk.openai_python(ctx)[0]
    assert t.key is not None and t.key.value == ks.openai("shell")
    assert t.key.source == "shell: OPENAI_API_KEY"
    assert [s.value for s in t.shadowed] == [ks.openai("file")]
    assert t.base_url is not None and t.base_url.value == "https://api.openai.com/v1"
    assert t.base_url.source == "default" and t.protocol == "chat_completions"


def test_dotenv_found_walking_up_with_interpolation(home: Path, cwd: Path) -> None:
    (home / ".env").write_text(
        'export ROOT="https://relay.example"\nOPENAI_BASE_URL="${ROOT}/v1"\n'
        "OPENAI_API_KEY='" + ks.relay() + "'  # comment\n"
    )
    deep = cwd / "src" / "pkg"
    deep.mkdir(parents=True)
    t = sdk.openai_python(make_ctx({}, home, deep))[0]
    assert t.base_url is not None and t.base_url.value == "https://relay.example/v1"
    assert t.key is not None and t.key.value == ks.relay()
    assert t.key.source.startswith("~/.env")


def test_dotenv_disabled(home: Path, cwd: Path) -> None:
    (cwd / ".env").write_text(f"OPENAI_API_KEY={ks.openai()}\n")
    assert sdk.openai_python(make_ctx({"PYTHON_DOTENV_DISABLED": "1"}, home, cwd)) == []


def test_openai_api_base_is_not_read_by_the_sdk(home: Path, cwd: Path) -> None:
    env = {"OPENAI_API_KEY": ks.openai(), "OPENAI_API_BASE": "https://relay.example/v1"}
    t = sdk.openai_python(make_ctx(env, home, cwd))[0]
    assert t.base_url is not None and t.base_url.value == "https://api.openai.com/v1"
    assert "E-OPENAI-API-BASE" in ids(t)


def test_anthropic_both_variables(home: Path, cwd: Path) -> None:
    env = {"ANTHROPIC_API_KEY": ks.anthropic("k"), "ANTHROPIC_AUTH_TOKEN": ks.anthropic("t")}
    t = sdk.anthropic_python(make_ctx(env, home, cwd))[0]
    assert t.protocol == "messages" and t.key is not None
    assert t.key.value == ks.anthropic("k")
    assert t.base_url is not None and t.base_url.value == "https://api.anthropic.com"
    # The installed SDK decides: both headers (A4, 0.121) or the key alone (2.x).
    assert t.auth in ("both", sdk.anthropic_key_header())
    finding = next(f for f in t.findings if f.id == "E-ANTHROPIC-BOTH")
    assert "different values" in finding.message
    assert finding.severity == ("error" if t.auth == "both" else "warning")


def test_google_genai_prefers_google_api_key_and_strips(home: Path, cwd: Path) -> None:
    env = {"GOOGLE_API_KEY": ks.google("a") + "\n", "GEMINI_API_KEY": ks.google("b")}
    t = sdk.google_genai(make_ctx(env, home, cwd))[0]
    assert t.key is not None and t.key.value == ks.google("a")  # stripped (A8)
    assert t.key.source == "shell: GOOGLE_API_KEY"
    assert t.protocol == "generate_content" and t.auth == "x-goog-api-key"
    assert "E-GOOGLE-GEMINI-KEYS" in ids(t)


def test_azure_needs_endpoint_and_version(home: Path, cwd: Path) -> None:
    env = {
        "AZURE_OPENAI_API_KEY": "0" * 32,
        "AZURE_OPENAI_ENDPOINT": "https://res.openai.azure.com/",
    }
    t = sdk.azure_openai(make_ctx(env, home, cwd))[0]
    assert t.base_url is not None and t.base_url.value == "https://res.openai.azure.com/openai"
    assert t.auth == "api-key" and "E-AZURE-VERSION" in ids(t)
    env["OPENAI_API_VERSION"] = "2024-10-21"
    t = sdk.azure_openai(make_ctx(env, home, cwd))[0]
    assert t.query == {"api-version": "2024-10-21"} and "E-AZURE-VERSION" not in ids(t)


def test_litellm_reads_openai_base_url_before_api_base(home: Path, cwd: Path) -> None:
    env = {
        "OPENAI_API_KEY": ks.relay(),
        "OPENAI_API_BASE": "https://a.example/v1",
        "OPENAI_BASE_URL": "https://b.example/v1",
        "OPENROUTER_API_KEY": ks.openrouter(),
    }
    targets = sdk.litellm(make_ctx(env, home, cwd))
    t = one(targets, "litellm:openai")
    assert t.base_url is not None and t.base_url.value == "https://b.example/v1"
    r = one(targets, "litellm:openrouter")
    assert r.base_url is not None and r.base_url.value == "https://openrouter.ai/api/v1"


def test_bedrock_bearer_and_region(home: Path, cwd: Path) -> None:
    env = {"AWS_BEARER_TOKEN_BEDROCK": "ABSK" + "Q" * 100, "AWS_DEFAULT_REGION": "eu-west-1"}
    t = sdk.bedrock(make_ctx(env, home, cwd))[0]
    assert t.base_url is not None
    assert t.base_url.value == "https://bedrock-runtime.eu-west-1.amazonaws.com"
    assert t.protocol == "converse" and t.auth == "bearer"


# --- Claude Code (A5) ---------------------------------------------------------------------


def write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))


def test_claude_settings_env_beats_shell_and_project_beats_user(home: Path, cwd: Path) -> None:
    write_json(
        home / ".claude" / "settings.json",
        {
            "env": {
                "ANTHROPIC_API_KEY": ks.anthropic("user"),
                "ANTHROPIC_BASE_URL": "https://user-gw.example",
            },
            "model": "opus",
        },
    )
    write_json(
        cwd / ".claude" / "settings.json", {"env": {"ANTHROPIC_API_KEY": ks.anthropic("project")}}
    )
    ctx = make_ctx({"ANTHROPIC_API_KEY": ks.anthropic("shell")}, home, cwd)
    t = claude_code.discover(ctx)[0]
    assert t.key is not None and t.key.value == ks.anthropic("project")
    assert t.key.source == "~/project/.claude/settings.json env: ANTHROPIC_API_KEY"
    assert [s.value for s in t.shadowed] == [ks.anthropic("user"), ks.anthropic("shell")]
    assert t.base_url is not None and t.base_url.value == "https://user-gw.example"
    assert t.model is not None and t.model.value == "opus" and t.auth == "x-api-key"


def test_claude_managed_beats_local_and_both_credentials_are_sent(home: Path, cwd: Path) -> None:
    write_json(
        home.parent / "etc" / "claude-code" / "managed-settings.json",
        {"env": {"ANTHROPIC_AUTH_TOKEN": "gw-token-managed-123456"}},
    )
    write_json(
        cwd / ".claude" / "settings.local.json",
        {"env": {"ANTHROPIC_AUTH_TOKEN": "gw-token-local-123456"}},
    )
    ctx = make_ctx({"ANTHROPIC_API_KEY": ks.anthropic()}, home, cwd)
    t = claude_code.discover(ctx)[0]
    # Claude Code 2.1.197 sends both (tests/clients proves it against the real client):
    # the API key as x-api-key, the managed AUTH_TOKEN as Bearer; the local one is shadowed.
    assert t.key is not None and t.key.value == ks.anthropic() and t.auth == "x-api-key"
    assert [(how, s.value) for how, s in t.also_sent] == [("bearer", "gw-token-managed-123456")]
    assert [s.value for s in t.shadowed] == ["gw-token-local-123456"]
    assert "C-BOTH-SENT" in {f.id for f in t.findings} and "x-api-key" in t.honoured


def test_claude_empty_env_value_cancels_and_helper_is_named(home: Path, cwd: Path) -> None:
    write_json(
        home / ".claude" / "settings.json",
        {"env": {"ANTHROPIC_API_KEY": ""}, "apiKeyHelper": "~/bin/get-key.sh"},
    )
    t = claude_code.discover(make_ctx({"ANTHROPIC_API_KEY": ks.anthropic()}, home, cwd))[0]
    # "" in the env block is written over the shell's value and cancels it (A5.2),
    # so the apiKeyHelper is what Claude Code uses.
    assert t.key is not None and "apiKeyHelper" in t.key.source and t.auth == "both"
    assert any("cancelled" in s.source and s.value == ks.anthropic() for s in t.shadowed)


def test_claude_helper_only_is_not_run(home: Path, cwd: Path) -> None:
    write_json(home / ".claude" / "settings.json", {"apiKeyHelper": "echo secret"})
    t = claude_code.discover(make_ctx({}, home, cwd))[0]
    assert t.auth == "both" and t.key is not None and t.key.value == ""
    assert t.no_auth_reason is not None and "apiKeyHelper" in t.no_auth_reason


def test_claude_gateway_with_only_login_sends_oauth_there(home: Path, cwd: Path) -> None:
    write_json(home / ".claude" / ".credentials.json", {"claudeAiOauth": {}})
    env = {"ANTHROPIC_BASE_URL": "https://gw.example"}
    t = claude_code.discover(make_ctx(env, home, cwd))[0]
    assert "C-OAUTH-TO-GATEWAY" in ids(t)


def test_claude_broken_settings_reported(home: Path, cwd: Path) -> None:
    (home / ".claude").mkdir()
    (home / ".claude" / "settings.json").write_text("{not json")
    t = claude_code.discover(make_ctx({}, home, cwd))[0]
    assert "C-SETTINGS-UNREADABLE" in ids(t)
    assert "C-NO-CREDENTIAL" in ids(t) and t.auth == "none"


# --- Codex (A6) ------------------------------------------------------------------------


def test_codex_custom_provider_env_key_from_codex_dotenv(home: Path, cwd: Path) -> None:
    codex_dir = home / ".codex"
    codex_dir.mkdir()
    (codex_dir / "config.toml").write_text(
        'model = "gpt-5-mini"\nmodel_provider = "relay"\n'
        '[model_providers.relay]\nname = "Relay"\nbase_url = "https://relay.example/v1"\n'
        'env_key = "RELAY_KEY"\nwire_api = "responses"\n'
    )
    (codex_dir / ".env").write_text(f"RELAY_KEY={ks.relay('file')}\nCODEX_API_KEY=skipped\n")
    ctx = make_ctx({"RELAY_KEY": ks.relay("shell")}, home, cwd)
    t = codex.discover(ctx)[0]
    assert t.client == "codex:relay" and t.protocol == "responses"
    assert t.key is not None and t.key.value == ks.relay("file")  # .env overrides the shell
    assert t.shadowed[0].value == ks.relay("shell")
    assert t.base_url is not None and t.base_url.value == "https://relay.example/v1"
    assert t.model is not None and t.model.value == "gpt-5-mini"


def test_codex_env_key_unset_and_chat_wire(home: Path, cwd: Path) -> None:
    codex_dir = home / ".codex"
    codex_dir.mkdir()
    (codex_dir / "config.toml").write_text(
        'model_provider = "p"\n[model_providers.p]\nbase_url = "https://x.example/v1"\n'
        'env_key = "P_KEY"\nwire_api = "chat"\n[model_providers.openai]\nbase_url = "x"\n'
    )
    t = codex.discover(make_ctx({}, home, cwd))[0]
    assert {"X-ENV-KEY-UNSET", "X-WIRE-CHAT", "X-OPENAI-OVERRIDE"} <= ids(t)
    assert t.protocol == "chat_completions"


def test_codex_builtin_openai_auth_json_beats_env(home: Path, cwd: Path) -> None:
    codex_dir = home / ".codex"
    codex_dir.mkdir()
    write_json(codex_dir / "auth.json", {"auth_mode": "apikey", "OPENAI_API_KEY": ks.openai("a")})
    ctx = make_ctx(
        {"OPENAI_API_KEY": ks.openai("e"), "OPENAI_BASE_URL": "https://old.example/v1"}, home, cwd
    )
    t = codex.discover(ctx)[0]
    assert t.key is not None and t.key.value == ks.openai("a")
    assert t.base_url is not None and t.base_url.value == "https://api.openai.com/v1"
    assert "X-OPENAI-BASE-URL-ENV" in ids(t)


# --- Gemini CLI (A7) and Aider (A9) -------------------------------------------------------


def test_gemini_cli_one_env_file_shell_wins_and_ignores_google_key(home: Path, cwd: Path) -> None:
    (home / ".gemini").mkdir()
    (cwd / ".gemini").mkdir()
    (cwd / ".gemini" / ".env").write_text(f"GEMINI_API_KEY={ks.google('gem')}\n")
    (cwd / ".env").write_text(f"GEMINI_API_KEY={ks.google('other')}\nGEMINI_MODEL=gemini-x\n")
    t = gemini_cli.discover(make_ctx({}, home, cwd))[0]
    assert t.key is not None and t.key.value == ks.google("gem")  # .gemini/.env preferred
    assert t.model is None  # only one .env is loaded
    t = gemini_cli.discover(make_ctx({"GEMINI_API_KEY": ks.google("sh")}, home, cwd))[0]
    assert t.key is not None and t.key.value == ks.google("sh")
    (cwd / ".gemini" / ".env").unlink()
    (cwd / ".env").unlink()
    t = gemini_cli.discover(make_ctx({"GOOGLE_API_KEY": ks.google()}, home, cwd))[0]
    assert t.key is None and "G-GOOGLE-API-KEY-ONLY" in ids(t)


def test_aider_dotenv_overrides_shell_and_yaml_key_wins(home: Path, cwd: Path) -> None:
    (cwd / ".git").mkdir()
    (home / ".aider.conf.yml").write_text("model: gpt-4o-mini\n")
    (cwd / ".env").write_text(f"OPENAI_API_KEY={ks.openai('dotenv')}\n")
    ctx = make_ctx({"OPENAI_API_KEY": ks.openai("shell")}, home, cwd)
    t = aider.discover(ctx)[0]
    assert t.client == "aider:openai"
    assert t.key is not None and t.key.value == ks.openai("dotenv")  # override=True (P7)
    assert t.model is not None and t.model.value == "gpt-4o-mini"
    (cwd / ".aider.conf.yml").write_text(
        f"openai-api-key: {ks.openai('yaml')}\nopenai-api-base: https://relay.example/v1\n"
    )
    t = aider.discover(ctx)[0]
    assert t.key is not None and t.key.value == ks.openai("yaml")
    assert t.base_url is not None and t.base_url.value == "https://relay.example/v1"


def test_aider_api_base_shadowed_by_openai_base_url(home: Path, cwd: Path) -> None:
    (cwd / ".aider.conf.yml").write_text("openai-api-base: https://relay.example/v1\n")
    ctx = make_ctx(
        {"OPENAI_BASE_URL": "https://other.example/v1", "OPENAI_API_KEY": ks.relay()}, home, cwd
    )
    t = aider.discover(ctx)[0]
    assert t.base_url is not None and t.base_url.value == "https://other.example/v1"
    assert "A-API-BASE-SHADOWED" in ids(t)


def test_aider_claude_model_selects_anthropic(home: Path, cwd: Path) -> None:
    (home / ".aider.conf.yml").write_text(
        f"model: anthropic/claude-3-5-haiku\nanthropic-api-key: {ks.anthropic()}\n"
    )
    t = aider.discover(make_ctx({}, home, cwd))[0]
    assert t.client == "aider:anthropic" and t.protocol == "messages"
    assert t.model is not None and t.model.value == "claude-3-5-haiku"


# --- the whole discovery --------------------------------------------------------------------


def test_nothing_configured_finds_nothing(home: Path, cwd: Path) -> None:
    assert discover(make_ctx({}, home, cwd)) == []


def test_three_places_disagree(home: Path, cwd: Path) -> None:
    """A shell variable, a .env and a Claude Code settings file: each tool's own answer."""
    write_json(
        home / ".claude" / "settings.json", {"env": {"ANTHROPIC_API_KEY": ks.anthropic("settings")}}
    )
    (cwd / ".env").write_text(f"ANTHROPIC_API_KEY={ks.anthropic('dotenv')}\n")
    (home / ".aider.conf.yml").write_text("model: sonnet\n")
    ctx = make_ctx({"ANTHROPIC_API_KEY": ks.anthropic("shell")}, home, cwd)
    targets = discover(ctx)
    used = {t.client: t.key.value for t in targets if t.key}
    assert used["anthropic-python"] == ks.anthropic("shell")
    assert used["claude-code"] == ks.anthropic("settings")
    assert used["aider:anthropic"] == ks.anthropic("dotenv")


def test_codex_chatgpt_login_goes_to_the_codex_backend(home: Path, cwd: Path) -> None:
    codex_dir = home / ".codex"
    codex_dir.mkdir()
    write_json(
        codex_dir / "auth.json",
        {"auth_mode": "chatgpt", "tokens": {"access_token": "eyJ.x.y", "id_token": "t"}},
    )
    t = codex.discover(make_ctx({"OPENAI_API_KEY": ks.openai()}, home, cwd))[0]
    assert t.base_url is not None and t.base_url.value == "https://chatgpt.com/backend-api/codex"
    assert t.no_auth_reason is not None
    assert t.shadowed[0].source == "shell: OPENAI_API_KEY (not read by Codex exec)"


def test_client_flag_with_base_url_overrides_that_client(home: Path, cwd: Path) -> None:
    write_json(home / ".claude" / "settings.json", {"env": {"ANTHROPIC_API_KEY": ks.anthropic()}})
    req = Request(client="claude-code", base_url="https://gw.example", api_key_env="GW")
    (t,) = discover(make_ctx({"GW": "gw-key-1234567890"}, home, cwd), req)
    assert t.client == "claude-code" and t.base_url is not None
    assert t.base_url.value == "https://gw.example" and t.base_url.source == "--base-url"
    assert t.key is not None and t.key.source == "shell: GW"
    assert t.shadowed[0].value == ks.anthropic()


def test_codex_custom_headers_from_env(home: Path, cwd: Path) -> None:
    codex_dir = home / ".codex"
    codex_dir.mkdir()
    (codex_dir / "config.toml").write_text(
        'model_provider = "az"\n[model_providers.az]\nbase_url = "https://r.openai.azure.com/openai"\n'
        'env_key = "AZ_KEY"\nquery_params = { api-version = "2025-04-01-preview" }\n'
        'http_headers = { "X-Team" = "infra" }\nenv_http_headers = { "X-Trace" = "TRACE", '
        '"X-Empty" = "UNSET_VAR" }\n'
    )
    t = codex.discover(make_ctx({"AZ_KEY": "0" * 32, "TRACE": "abc"}, home, cwd))[0]
    assert t.query == {"api-version": "2025-04-01-preview"}
    assert t.headers == {"X-Team": "infra", "X-Trace": "abc"}


def test_claude_code_bedrock_switch_points_at_bedrock(home: Path, cwd: Path) -> None:
    write_json(
        home / ".claude" / "settings.json",
        {"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-central-1"}},
    )
    t = claude_code.discover(make_ctx({"ANTHROPIC_API_KEY": ks.anthropic()}, home, cwd))[0]
    assert t.auth == "cloud" and t.protocol == "bedrock"
    assert t.base_url is not None
    assert t.base_url.value == "https://bedrock-runtime.eu-central-1.amazonaws.com"


def test_google_genai_vertex_switch_points_at_vertex(home: Path, cwd: Path) -> None:
    env = {
        "GOOGLE_API_KEY": ks.google(),
        "GOOGLE_GENAI_USE_VERTEXAI": "1",
        "GOOGLE_CLOUD_LOCATION": "europe-west4",
    }
    t = sdk.google_genai(make_ctx(env, home, cwd))[0]
    assert t.protocol == "vertex" and t.base_url is not None
    assert t.base_url.value == "https://europe-west4-aiplatform.googleapis.com/"


def test_gemini_ignore_local_env_skips_project_dotenv_but_not_home(home: Path, cwd: Path) -> None:
    """Gemini CLI 0.61 ``findEnvFile``: ``advanced.ignoreLocalEnv`` skips a project's
    ``.env`` (not its ``.gemini/.env``), and home's ``.env`` still counts."""
    from whichlayer.check.clients import gemini_cli

    (home / ".gemini").mkdir(parents=True, exist_ok=True)
    write_json(home / ".gemini" / "settings.json", {"advanced": {"ignoreLocalEnv": True}})
    (cwd / ".env").write_text("GEMINI_API_KEY=AIzaSy-project-env-key-000000000000000\n")
    (home / ".env").write_text("GEMINI_API_KEY=AIzaSy-home-env-key-00000000000000000000\n")
    t = gemini_cli.discover(make_ctx({}, home, cwd))[0]
    assert t.key is not None and t.key.source.startswith("~/.env")
    write_json(home / ".gemini" / "settings.json", {})
    t = gemini_cli.discover(make_ctx({}, home, cwd))[0]
    assert t.key is not None and "project" in t.key.source
