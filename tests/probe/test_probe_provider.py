"""``whichlayer probe`` straight at a provider (no relay): the owner is you or the provider."""

from __future__ import annotations

import json
from pathlib import Path

from tests.probe.conftest import Runner

from whichlayer.simulate import SimServer


def test_revoked_anthropic_key_on_messages_is_yours(run_probe: Runner) -> None:
    with SimServer(dialect="anthropic") as sim:
        p = run_probe(
            "--base-url", sim.base_url("anthropic"), "--api-key-env", "ANTHROPIC_KEY",
            "--protocol", "messages", "--model", "claude-haiku-4-5",
            env={"ANTHROPIC_KEY": sim.keys["revoked"]},
        )  # fmt: skip
    v = p.verdict
    assert (v["layer"], v["owner"]) == ("identity", "you")
    assert {r["endpoint"] for r in p.data["results"]} <= {"models", "messages"}
    assert all(r["status"] == 401 for r in p.data["results"])


def test_500_everywhere_at_a_provider_is_the_provider(run_probe: Runner) -> None:
    with SimServer(dialect="openai", scenario="server_error") as sim:
        p = run_probe(
            "--base-url", sim.base_url("openai"), "--api-key-env", "OPENAI_KEY",
            "--model", "gpt-4o", "--models", "gpt-4o,gpt-4o-mini",
            env={"OPENAI_KEY": sim.keys["valid"]},
        )  # fmt: skip
    v = p.verdict
    assert (v["layer"], v["cause"], v["owner"]) == ("upstream", "server_error", "provider")
    assert p.data["requests_sent"] <= 4  # listing, minimal, another model, other endpoint


def test_stream_that_ends_in_an_error_event(run_probe: Runner, tmp_path: Path) -> None:
    """Anthropic answers 200, streams, then an overloaded_error event; without streaming the
    same request works: the stream rung names it."""
    body = {
        "model": "claude-haiku-4-5",
        "max_tokens": 1000,
        "stream": True,
        "messages": [{"role": "user", "content": "hi"}],
    }
    req = tmp_path / "req.json"
    req.write_text(json.dumps(body))
    with SimServer(dialect="anthropic", scenario="overloaded:mid_stream") as sim:
        p = run_probe(
            "--base-url", sim.base_url("anthropic"), "--api-key-env", "ANTHROPIC_KEY",
            "--protocol", "messages", "--request", str(req),
            env={"ANTHROPIC_KEY": sim.keys["valid"]},
        )  # fmt: skip
    rows = {r["variant"]: r for r in p.data["results"]}
    assert rows["request"]["status"] == 200 and rows["request"]["ok"] is False
    assert rows["request"]["cause"] == "overloaded"
    assert rows["stream_toggled"]["ok"] is True
    v = p.verdict
    assert (v["cause"], v["owner"]) == ("overloaded", "provider")
    assert "streaming" in v["evidence"][0]["note"]
