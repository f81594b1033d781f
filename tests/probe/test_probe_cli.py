"""Usage errors, the request file, the text output."""

from __future__ import annotations

from pathlib import Path

import pytest

from whichlayer.cli import main
from whichlayer.probe import userreq


@pytest.mark.parametrize(
    "args, message",
    [
        (["--max-requests", "0"], "--max-requests"),
        (["--timeout", "0"], "--timeout"),
        (["--direct-base-url", "http://127.0.0.1:1/v1"], "go together"),
        (["--request", "/nonexistent/req.json"], "cannot read"),
    ],
)
def test_usage_errors_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["probe", "--base-url", "http://127.0.0.1:9/v1", "--api-key", "sk-x", *args])
    assert code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.count("\n") == 1


def test_bad_request_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "r.json"
    f.write_text("curl https://x/v1/chat/completions -H 'a: b'")
    assert (
        main(
            ["probe", "--base-url", "http://127.0.0.1:9/v1", "--api-key", "k", "--request", str(f)]
        )
        == 2
    )
    assert "no -d/--data body" in capsys.readouterr().err


def test_request_file_forms() -> None:
    body = userreq.parse(
        'curl -s https://h/v1/chat/completions --data-raw \'{"model": "m", "stream": true}\''
    )
    assert body == {"model": "m", "stream": True}
    assert userreq.parse('{"model": "m"}') == {"model": "m"}
    with pytest.raises(userreq.RequestFileError):
        userreq.parse("[1, 2]")
    capped = userreq.capped({"model": "m", "max_tokens": 4000})
    assert capped["max_tokens"] == 16
    assert userreq.stream_toggled({"stream": True}) == {}
    long = {"messages": [{"role": "user", "content": "x" * 5000}], "tools": [1]}
    assert userreq.is_long(long) and userreq.has_tools(long)
    assert len(userreq.short_context(long)["messages"][0]["content"]) == userreq.SHORT_CONTEXT_CHARS
    assert "tools" not in userreq.without_tools(long)


def test_unreachable_target_is_the_network_path(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens here now
    code = main(
        [
            "probe",
            "--base-url",
            f"http://127.0.0.1:{port}/v1",
            "--api-key",
            "sk-test",
            "--model",
            "gpt-4o-mini",
            "--timeout",
            "5",
        ]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "network_path" in out and "connect_refused" in out
    assert "requests sent: 2 of at most 12" in out


def test_model_choice_spreads_over_vendors_cheapest_first() -> None:
    from whichlayer.probe import choose

    ids = [
        "gpt-4o", "gpt-4o-mini", "claude-opus-4-6", "claude-haiku-4-5", "gemini-2.5-pro",
        "gemini-2.0-flash", "text-embedding-3-small", "anthropic/claude-3-haiku",
    ]  # fmt: skip
    assert choose.spread(ids, None, {}, 4) == [
        "gpt-4o-mini",
        "claude-haiku-4-5",
        "gemini-2.0-flash",
    ]
    assert choose.spread(ids, "claude-opus-4-6", {}, 3) == ["gpt-4o-mini", "gemini-2.0-flash"]
    assert choose.smaller(ids, "claude-opus-4-6", {}) == "claude-haiku-4-5"
    assert choose.vendor("anthropic/claude-3-haiku") == "anthropic"
    # an OpenAI listing's odd ids are not another vendor (a provider is not taken for a relay)
    odd = ["gpt-4o-mini", "codex-mini-latest", "omni-moderation-latest", "o3"]
    assert {choose.vendor(m) for m in choose.chat_models(odd)} - {"other"} == {"openai"}
