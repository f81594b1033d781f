"""Offline findings: key text, key platform vs host, base URL paths, proxy and CA variables."""

from __future__ import annotations

from pathlib import Path

import pytest

from whichlayer.check import Request, discover
from whichlayer.check.findings import add_findings
from whichlayer.check.keys import key_platform, shape_findings
from whichlayer.check.model import Setting, Target
from whichlayer.check.urls import url_findings

from . import keysamples as ks
from .conftest import make_ctx


@pytest.mark.parametrize(
    ("key", "fid", "cause"),
    [
        (ks.openai() + "\n", "K-NEWLINE", "key_malformed"),
        (" " + ks.openai(), "K-WHITESPACE", "key_malformed"),
        ('"' + ks.anthropic() + '"', "K-QUOTES", "key_malformed"),
        ("sk-xxxxxxxx", "K-PLACEHOLDER", "key_missing"),
        ("your-api-key", "K-PLACEHOLDER", "key_missing"),
        ("<YOUR_KEY>", "K-PLACEHOLDER", "key_missing"),
        (ks.anthropic()[:60], "K-TRUNCATED", "key_malformed"),
        (ks.google()[:30], "K-TRUNCATED", "key_malformed"),
        ("sk-abc def-123456789012", "K-INNER-SPACE", "key_malformed"),
        ("", "K-EMPTY", "key_missing"),
    ],
)
def test_key_text_problems(key: str, fid: str, cause: str) -> None:
    found = {f.id: f for f in shape_findings(key, "shell: X")}
    assert fid in found and found[fid].cause == cause and found[fid].layer == "identity"


@pytest.mark.parametrize(
    "key", [ks.openai(), ks.anthropic(), ks.google(), ks.openrouter(), ks.relay(), "0" * 32]
)
def test_good_keys_have_no_text_problems(key: str) -> None:
    assert shape_findings(key, "shell: X") == []


@pytest.mark.parametrize(
    ("key", "platform"),
    [
        (ks.openai(), "openai"),
        (ks.anthropic(), "anthropic"),
        (ks.openrouter(), "openrouter"),
        (ks.google(), "google"),
        (ks.relay(), "relay"),
        (ks.anthropic_oauth(), "anthropic-oauth"),
        ("sk-" + "a" * 20 + "T3BlbkFJ" + "b" * 20, "openai"),
        ("hello-world", None),
    ],
)
def test_key_platform(key: str, platform: str | None) -> None:
    assert key_platform(key) == platform


def target(
    key: str,
    base: str,
    protocol: str = "chat_completions",
    auth: str = "bearer",
    env: dict[str, str] | None = None,
    runtime: str = "httpx2",
) -> Target:
    t = Target(
        "t",
        protocol,
        Setting(base, "shell: BASE"),
        Setting(key, "shell: KEY"),
        auth=auth,
        env=env or {},
        runtime=runtime,
    )
    add_findings(t)
    return t


def fids(t: Target) -> set[str]:
    return {f.id for f in t.findings}


@pytest.mark.parametrize(
    ("key", "base"),
    [
        (ks.openrouter(), "https://api.openai.com/v1"),
        (ks.relay(), "https://api.openai.com/v1"),
        (ks.openai(), "https://api.anthropic.com"),
        (ks.anthropic(), "https://openrouter.ai/api/v1"),
        (ks.google(), "https://api.openai.com/v1"),
    ],
)
def test_key_platform_does_not_match_host(key: str, base: str) -> None:
    t = target(key, base)
    f = next(f for f in t.findings if f.id == "K-WRONG-PLATFORM")
    assert (f.layer, f.cause) == ("identity", "key_wrong_platform")


@pytest.mark.parametrize(
    ("key", "base"),
    [
        (ks.openai(), "https://api.openai.com/v1"),
        (ks.relay(), "https://relay.example/v1"),
        (ks.openrouter(), "https://openrouter.ai/api/v1"),
        (ks.anthropic(), "https://gw.example"),
    ],
)
def test_matching_or_unknown_hosts_are_not_flagged(key: str, base: str) -> None:
    assert "K-WRONG-PLATFORM" not in fids(target(key, base))


def test_anthropic_key_as_bearer_and_oauth_as_api_key() -> None:
    assert "K-HEADER-SHAPE" in fids(
        target(ks.anthropic(), "https://api.anthropic.com", "messages", auth="bearer")
    )
    assert "K-HEADER-SHAPE" in fids(
        target(ks.anthropic_oauth(), "https://api.anthropic.com", "messages", auth="x-api-key")
    )
    assert "K-HEADER-SHAPE" not in fids(
        target(ks.anthropic(), "https://api.anthropic.com", "messages", auth="x-api-key")
    )


@pytest.mark.parametrize(
    ("url", "protocol", "fid"),
    [
        ("https://api.openai.com", "chat_completions", "U-V1-MISSING"),
        ("https://relay.example", "chat_completions", "U-V1-MAYBE-MISSING"),
        ("https://relay.example/v1/v1", "chat_completions", "U-V1-DOUBLED"),
        ("https://relay.example/v1/chat/completions", "chat_completions", "U-ENDPOINT"),
        ("https://relay.example/v1/responses", "responses", "U-ENDPOINT"),
        ("https://api.anthropic.com/v1", "messages", "U-V1-DOUBLED"),
        ("https://gw.example/v1/messages", "messages", "U-ENDPOINT"),
        ("https://generativelanguage.googleapis.com/v1beta", "generate_content", "U-V1-DOUBLED"),
        ("api.openai.com/v1", "chat_completions", "U-NOT-URL"),
        ("https://api.openai.com/v1\n", "chat_completions", "U-WHITESPACE"),
    ],
)
def test_base_url_paths(url: str, protocol: str, fid: str) -> None:
    found = url_findings(url, protocol, "shell: BASE")
    assert [f.id for f in found] == [fid]
    assert (found[0].layer, found[0].cause) == ("request", "endpoint_mismatch")


@pytest.mark.parametrize(
    ("url", "protocol"),
    [
        ("https://api.openai.com/v1", "chat_completions"),
        ("https://api.deepseek.com/v1", "responses"),
        ("https://api.groq.com/openai/v1", "chat_completions"),
        ("https://open.bigmodel.cn/api/paas/v4", "chat_completions"),
        ("https://generativelanguage.googleapis.com/v1beta/openai/", "chat_completions"),
        ("https://api.anthropic.com", "messages"),
        ("https://api.deepseek.com/anthropic", "messages"),
        ("https://generativelanguage.googleapis.com/", "generate_content"),
    ],
)
def test_right_base_urls_pass(url: str, protocol: str) -> None:
    assert url_findings(url, protocol, "x") == []


def test_proxy_variables_disagree_and_no_proxy() -> None:
    env = {
        "HTTPS_PROXY": "http://a:3128",
        "https_proxy": "http://b:3128",
        "NO_PROXY": "localhost,.openai.com",
    }
    t = target(ks.openai(), "https://api.openai.com/v1", env=env)
    assert {"N-PROXY-DISAGREE", "N-NO-PROXY-COVERS"} <= fids(t)
    env["NO_PROXY"] = "localhost"
    assert "N-NO-PROXY-MISSES" in fids(target(ks.openai(), "https://api.openai.com/v1", env=env))


def test_node_tool_ignores_proxy() -> None:
    t = target(
        ks.openai(), "https://api.openai.com/v1", env={"HTTPS_PROXY": "http://p:1"}, runtime="node"
    )
    f = next(f for f in t.findings if f.id == "N-NODE-NO-PROXY")
    assert (f.layer, f.cause, f.severity) == ("network", "proxy", "error")
    t = target(
        ks.openai(),
        "https://api.openai.com/v1",
        env={"HTTPS_PROXY": "http://p:1", "NODE_USE_ENV_PROXY": "1"},
        runtime="node",
    )
    assert "N-NODE-NO-PROXY" not in fids(t)


def test_ca_variables_pointing_nowhere(tmp_path: Path) -> None:
    env = {"SSL_CERT_FILE": str(tmp_path / "missing.pem"), "REQUESTS_CA_BUNDLE": str(tmp_path)}
    t = target(ks.openai(), "https://api.openai.com/v1", env=env)
    missing = [f for f in t.findings if f.id == "N-CA-MISSING"]
    assert len(missing) == 1 and missing[0].cause == "tls_verify"
    t = target(
        ks.openai(),
        "https://api.openai.com/v1",
        env={"REQUESTS_CA_BUNDLE": str(tmp_path)},
        runtime="httpx",
    )
    assert "N-CA-REQUESTS-ONLY" in fids(t)


def test_api_key_env_named_but_unset(home: Path, cwd: Path) -> None:
    targets = discover(make_ctx({}, home, cwd), Request(api_key_env="MY_KEY"))
    assert targets[0].client == "cli"
    f = next(f for f in targets[0].findings if f.id == "K-ENV-UNSET")
    assert (f.layer, f.cause) == ("identity", "key_missing")


def test_manual_target_guesses_protocol_from_key_and_url(home: Path, cwd: Path) -> None:
    ctx = make_ctx({"K": ks.anthropic()}, home, cwd)
    t = discover(ctx, Request(api_key_env="K"))[0]
    assert t.protocol == "messages" and t.auth == "x-api-key"
    assert t.base_url is not None and t.base_url.value == "https://api.anthropic.com"
    t = discover(
        ctx, Request(api_key_env="K", base_url="https://gw.example/v1", protocol="chat_completions")
    )[0]
    assert t.protocol == "chat_completions" and t.auth == "bearer"


def test_finding_messages_survive_redaction(home: Path, cwd: Path) -> None:
    """Messages name sources and headers, never secrets: the redactor leaves them alone."""
    from whichlayer.redact import redact_text

    (cwd / ".claude").mkdir()
    (cwd / ".claude" / "settings.json").write_text(
        '{"env": {"ANTHROPIC_AUTH_TOKEN": "' + ks.anthropic() + '", '
        '"ANTHROPIC_BASE_URL": "https://api.anthropic.com/v1"}}'
    )
    env = {
        "OPENAI_API_KEY": ks.openrouter(),
        "OPENAI_API_BASE": "https://x.example/v1",
        "ANTHROPIC_API_KEY": ks.anthropic_oauth(),
        "HTTPS_PROXY": "http://a:1",
        "https_proxy": "http://b:1",
        "NO_PROXY": "api.anthropic.com",
        "SSL_CERT_FILE": "/nonexistent/ca.pem",
        "GOOGLE_API_KEY": ks.google("a"),
        "GEMINI_API_KEY": ks.google("b"),
    }
    found = [f for t in discover(make_ctx(env, home, cwd)) for f in t.findings]
    assert len({f.id for f in found}) >= 8
    for f in found:
        assert redact_text(f.message) == f.message, f.id
        assert redact_text(f.fix) == f.fix, f.id


def test_space_inside_base_url_and_one_missing_key_finding(home: Path, cwd: Path) -> None:
    (t,) = discover(
        make_ctx({}, home, cwd), Request(base_url="https://exa mple.com/v1", api_key_env="NOPE")
    )
    ids = [f.id for f in t.findings]
    assert "U-WHITESPACE" in ids and ids.count("K-ENV-UNSET") == 1 and "K-MISSING" not in ids


#: One true positive and one near miss for every key check (detect-secrets style).
KEY_CHECK_SAMPLES = {
    "K-NEWLINE": (ks.openai() + "\r\n", ks.openai()),
    "K-WHITESPACE": (ks.openai() + " ", ks.openai()),
    "K-QUOTES": ("'" + ks.openai() + "'", ks.openai() + "'"),
    "K-PLACEHOLDER": ("sk-XXXXXXXXXXXX", "sk-XXXXXXXXXXXa"),
    "K-INNER-SPACE": ("sk-abcdefgh ijklmnop", "sk-abcdefghijklmnop"),
}


def test_every_key_check_has_samples() -> None:
    from whichlayer.check.keys import KEY_CHECKS

    assert {c.id for c in KEY_CHECKS} == set(KEY_CHECK_SAMPLES)
    for check in KEY_CHECKS:
        positive, near_miss = KEY_CHECK_SAMPLES[check.id]
        assert check.test(positive), check.id
        assert not check.test(near_miss), check.id


def test_plain_http_to_a_public_host() -> None:
    assert "U-PLAIN-HTTP" in fids(target(ks.relay(), "http://relay.example.com/v1"))
    for base in (
        "http://127.0.0.1:8080/v1",
        "http://localhost:11434/v1",
        "http://10.0.0.5/v1",
        "http://ollama.local/v1",
        "https://relay.example.com/v1",
    ):
        assert "U-PLAIN-HTTP" not in fids(target(ks.relay(), base)), base


def test_claude_code_proxy_without_scheme(home: Path, cwd: Path) -> None:
    (home / ".claude").mkdir()
    (home / ".claude" / "settings.json").write_text('{"env": {"HTTPS_PROXY": "proxy.corp:3128"}}')
    (t,) = discover(
        make_ctx({"ANTHROPIC_API_KEY": ks.anthropic()}, home, cwd), Request(client="claude-code")
    )
    f = next(f for f in t.findings if f.id == "N-PROXY-NO-SCHEME")
    assert (f.layer, f.cause, f.severity) == ("network", "proxy", "error")
