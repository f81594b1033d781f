"""``whichlayer report``: the evidence bundle, its fields, formats and inputs."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from whichlayer.cli import main
from whichlayer.report import build_report, markdown, read_checks, to_json
from whichlayer.report import environment as env_module
from whichlayer.report.checks import CheckFormatError
from whichlayer.report.signs import endpoint

RELAY_429 = """HTTP/1.1 429 Too Many Requests
server: cloudflare
cf-ray: 8a1b2c3d4e5f6789-FRA
via: 1.1 google
retry-after: 20
x-ratelimit-remaining-tokens: 0
x-request-id: req_abc123def456ghi789
POST https://relay.example.com/v1/chat/completions
{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "the merger closes friday"}]}
{"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-abc on tokens per \
min (TPM): Limit 30000, Used 29000, Requested 1200.","type":"tokens","param":null,\
"code":"rate_limit_exceeded"}}
"""

ANTHROPIC_401 = (
    'Error: 401 {"type":"error","error":{"type":"authentication_error",'
    '"message":"invalid x-api-key"},"request_id":"req_011CYn6NGKAUEBEW5LYfdv5M"}'
)

CHECK_JSON = {
    "targets": [
        {
            "client": "openai-python",
            "base_url": {"value": "https://relay.example.com/v1", "source": "env OPENAI_BASE_URL"},
            "protocol": "chat_completions",
            "model": "gpt-4o-mini",
            "key": {
                "source": "env OPENAI_API_KEY",
                "fingerprint": "[openai key sk-proj-…abcd len=164 #01234567]",
                "shadowed": [".env OPENAI_API_KEY"],
            },
            "stages": [
                {"name": "dns", "ok": True, "ms": 3.1, "detail": "relay.example.com -> 10.0.0.8"},
                {"name": "auth", "ok": False, "ms": 80.0, "detail": "401 from the relay"},
            ],
            "findings": [
                {
                    "id": "key-wrong-platform",
                    "layer": "identity",
                    "cause": "key_wrong_platform",
                    "message": "An OpenAI project key is sent to a relay.",
                    "fix": "Use the relay's own sk- token.",
                }
            ],
            "verdict": {"layer": "identity", "cause": "key_wrong_platform", "origin": "relay"},
        }
    ]
}


def _report(text: str = RELAY_429, **kw: object) -> dict:
    kw.setdefault("probe_clis", False)
    kw.setdefault("environ", {})
    return build_report(text, **kw)  # type: ignore[arg-type]


def test_bundle_has_what_support_asks_for() -> None:
    r = _report(now=datetime(2026, 11, 24, 3, 0, tzinfo=UTC))
    assert r["report"]["generated_at"] == "2026-11-24T03:00:00Z"
    assert r["response"]["status"] == 429
    assert r["response"]["error"]["code"] == "rate_limit_exceeded"
    assert r["response"]["error"]["type"] == "tokens"
    assert "Rate limit reached" in r["response"]["error"]["message"]
    assert r["request"]["host"] == "relay.example.com"
    assert r["request"]["path"] == "/v1/chat/completions"
    assert r["request"]["base_url"] == "relay.example.com/v1"
    assert (r["request"]["endpoint"], r["request"]["protocol"]) == ("chat completions", "openai")
    ids = {i["value"]: i["party"] for i in r["request_ids"]}
    assert "req_abc123def456ghi789" in ids
    assert ids.get("8a1b2c3d4e5f6789-FRA") == "gateway"
    seen = " ".join(s["seen"] for s in r["intermediaries"])
    assert "via: 1.1 google" in seen and "cf-ray" in seen and "host relay.example.com" in seen
    assert r["retry"]["retry_after_s"] == 20
    assert r["retry"]["headers"]["x-ratelimit-remaining-tokens"] == "0"
    assert (r["diagnosis"]["layer"], r["diagnosis"]["cause"]) == ("rate_limit", "tpm")
    assert r["diagnosis"]["actions"]
    assert any("check" in item for item in r["unknown"])


def test_sdk_versions_come_from_the_machine() -> None:
    from importlib.metadata import version

    packages = _report()["environment"]["packages"]
    assert packages["openai"] == version("openai")
    assert packages["anthropic"] == version("anthropic")


def test_proxy_and_base_url_settings_are_signs_and_are_redacted() -> None:
    environ = {
        "HTTPS_PROXY": "http://bob:hunter2pw@proxy.corp:3128",
        "ANTHROPIC_BASE_URL": "https://gw.corp.test/anthropic",
        "OPENAI_BASE_URL": "https://api.openai.com/v1",
    }
    r = _report(ANTHROPIC_401, environ=environ)
    text = json.dumps(r)
    assert "hunter2pw" not in text
    assert "proxy.corp:3128" in text
    seen = [s["seen"] for s in r["intermediaries"]]
    assert "HTTPS_PROXY is set" in seen
    assert any(s.startswith("ANTHROPIC_BASE_URL=") for s in seen)
    assert not any(s.startswith("OPENAI_BASE_URL=") for s in seen)  # first-party: no sign


def test_anthropic_request_id_and_party() -> None:
    r = _report(ANTHROPIC_401)
    assert (r["diagnosis"]["layer"], r["diagnosis"]["cause"]) == ("identity", "key_invalid")
    assert r["diagnosis"]["origin"] == "upstream"
    assert "req_011CYn6NGKAUEBEW5LYfdv5M" in [i["value"] for i in r["request_ids"]]


def test_prompt_is_left_out_unless_asked() -> None:
    assert "merger" not in to_json(_report())
    assert "merger" not in markdown(_report())
    kept = _report(include_prompt=True)
    assert "merger" in to_json(kept)
    assert "merger" in markdown(kept)


def test_markdown_sections() -> None:
    md = markdown(_report())
    for heading in (
        "## whichlayer report: `rate_limit / tpm`",
        "### Diagnosis",
        "### What was seen",
        "### Request ids",
        "### Relay, gateway or proxy",
        "### Retry hints",
        "### Environment",
        "### Still unknown",
        "<details><summary>The error as pasted (redacted)</summary>",
    ):
        assert heading in md, heading
    assert "| `req_abc123def456ghi789` | unknown | x-request-id |" in md


def test_excerpt_fence_survives_backticks() -> None:
    md = markdown(_report("```\n500 Internal Server Error\n```"))
    assert "````" in md


def test_unknowns_for_a_bare_message() -> None:
    r = _report("Error: Connection error.")
    unknown = " ".join(r["unknown"])
    for topic in ("HTTP status", "request id", "base URL", "model id"):
        assert topic in unknown, topic


def test_from_check_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saved = tmp_path / "check.json"
    saved.write_text(json.dumps(CHECK_JSON))
    assert main(["report", "--from", str(saved), "--no-clis", "--json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["diagnosis"] is None
    target = r["checks"][0]
    assert target["key_fingerprint"] == "[openai key sk-proj-…abcd len=164 #01234567]"
    assert target["verdict"]["cause"] == "key_wrong_platform"
    assert main(["report", "--from", str(saved), "--no-clis"]) == 0
    md = capsys.readouterr().out
    assert "identity / key_wrong_platform (from check)" in md
    assert "auth: 401 from the relay" in md


def test_from_check_json_with_a_paste(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saved = tmp_path / "check.json"
    saved.write_text(json.dumps(CHECK_JSON))
    assert main(["report", ANTHROPIC_401, "--from", str(saved), "--no-clis", "--json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["diagnosis"]["cause"] == "key_invalid"
    assert r["checks"][0]["client"] == "openai-python"
    assert not any("whichlayer check --json" in u for u in r["unknown"])


def test_bad_check_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert main(["report", "--from", str(bad), "--no-clis"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("whichlayer report: error: --from") and err.count("\n") == 1
    assert main(["report", "--from", str(tmp_path / "missing.json"), "--no-clis"]) == 2
    with pytest.raises(CheckFormatError):
        read_checks('{"no": "targets"}')


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.md"
    assert main(["report", RELAY_429, "--no-clis", "--output", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "written to" in captured.err
    assert out.read_text().startswith("## whichlayer report:")


def test_file_and_stdin_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    paste = tmp_path / "error.txt"
    paste.write_text(ANTHROPIC_401)
    assert main(["report", "--file", str(paste), "--no-clis", "--output", str(tmp_path / "a")]) == 0
    stdin = io.TextIOWrapper(io.BytesIO(ANTHROPIC_401.encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["report", "-", "--no-clis", "--json", "--output", str(tmp_path / "b")]) == 0
    assert json.loads((tmp_path / "b").read_text())["diagnosis"]["cause"] == "key_invalid"


def test_endpoints() -> None:
    assert endpoint("/v1/messages")["protocol"] == "anthropic"  # type: ignore[index]
    gemini = endpoint("/v1beta/models/gemini-2.5-flash:streamGenerateContent")
    assert gemini == {"name": "generate content", "protocol": "gemini", "base_path": "/v1beta"}
    assert endpoint("/openai/deployments/gpt4/chat/completions?api-version=2024-06-01") == {
        "name": "chat completions",
        "protocol": "openai",
        "base_path": "/openai/deployments/gpt4",
    }
    assert endpoint("/somewhere") is None


def _script(directory: Path, name: str, body: str) -> None:
    path = directory / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def test_cli_versions_are_asked_with_a_deadline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _script(tmp_path, "claude", 'echo "2.0.14 (Claude Code)"')
    _script(tmp_path, "codex", "sleep 30")
    _script(tmp_path, "gemini", "exit 3")
    monkeypatch.setenv("PATH", str(tmp_path) + os.pathsep + "/usr/bin:/bin")
    monkeypatch.setattr(env_module, "CLI_TIMEOUT_S", 0.5)
    started = datetime.now(UTC)
    versions = env_module.cli_versions()
    assert versions == {"claude": "2.0.14 (Claude Code)"}
    assert (datetime.now(UTC) - started).total_seconds() < 5


def test_engine_failure_still_gives_a_report(monkeypatch: pytest.MonkeyPatch) -> None:
    import whichlayer.report as report_module

    def broken(error: object) -> None:
        raise RuntimeError("engine exploded\nsecond line")

    monkeypatch.setattr(report_module, "_diagnose", broken)
    r = _report(RELAY_429)
    assert r["diagnosis"] is None
    assert r["report"]["engine_error"] == "RuntimeError: engine exploded"
    assert "merger" not in r["excerpt"] and "req_abc123def456ghi789" in r["excerpt"]
    assert "The diagnosis engine failed" in markdown(r)
