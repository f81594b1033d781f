"""``whichlayer probe`` straight at a provider (no relay): the owner is you or the provider."""

from __future__ import annotations

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
