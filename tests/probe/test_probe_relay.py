"""``whichlayer probe`` against the simulator in relay mode: each scenario of the issue really
happens on a relay with ten models of three vendors, and the probe names the right owner."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.probe.conftest import UPSTREAM_KEYS, Runner

from whichlayer.simulate import SimServer

Relay = Callable[..., SimServer]


def _args(sim: SimServer, *more: str) -> list[str]:
    return ["--base-url", sim.base_url(), "--api-key-env", "RELAY_KEY", *more]


def test_bad_relay_token_is_your_relay_account(run_probe: Runner, relay: Relay) -> None:
    sim = relay("healthy")
    p = run_probe(*_args(sim, "--model", "gpt-4o-mini"), env={"RELAY_KEY": sim.keys["unknown"]})
    assert p.code == 1
    v = p.verdict
    assert (v["layer"], v["cause"], v["owner"]) == ("identity", "key_invalid", "relay_account")
    assert set(p.statuses()) == {401}  # the listing and the model: refused alike, no retry
    assert p.data["requests_sent"] <= 2


def test_revoked_upstream_channel_is_the_relay_channel(run_probe: Runner, relay: Relay) -> None:
    sim = relay("revoked_channel")
    p = run_probe(*_args(sim, "--model", "claude-sonnet-4-6"), env={"RELAY_KEY": sim.keys["valid"]})
    assert p.code == 1
    v = p.verdict
    assert v["owner"] == "relay_channel"
    assert (v["layer"], v["cause"]) == ("identity", "upstream_key_invalid")
    by_model = {r["model"]: r["status"] for r in p.data["results"] if r["model"]}
    assert by_model["claude-sonnet-4-6"] == 401
    assert {by_model.get("gpt-4o-mini"), by_model.get("gemini-2.0-flash")} == {200}
    assert p.data["requests_sent"] <= 4
    # the evidence names the rows that decided it
    rows = {e["row"] for e in v["evidence"]}
    assert {r["n"] for r in p.data["results"]} <= rows


def test_500_on_one_model_stops_at_the_smaller_model(run_probe: Runner, relay: Relay) -> None:
    sim = relay("model_500")
    p = run_probe(*_args(sim, "--model", "gpt-4o"), env={"RELAY_KEY": sim.keys["valid"]})
    v = p.verdict
    assert (v["layer"], v["cause"], v["owner"]) == ("upstream", "server_error", "relay_channel")
    kinds = [r["variant"] for r in p.data["results"]]
    assert kinds[-1] == "smaller model" and p.data["results"][-1]["status"] == 200
    assert "other endpoint" not in kinds  # stopped at the first rung that changed the outcome


def test_529_only_on_the_large_model_is_the_provider(run_probe: Runner, relay: Relay) -> None:
    sim = relay("large_529")
    p = run_probe(*_args(sim, "--model", "claude-opus-4-6"), env={"RELAY_KEY": sim.keys["valid"]})
    v = p.verdict
    assert (v["cause"], v["owner"]) == ("overloaded", "provider")
    last = p.data["results"][-1]
    assert last["model"] == "claude-haiku-4-5" and last["status"] == 200


def test_500_only_with_tools(run_probe: Runner, relay: Relay, tmp_path: Path) -> None:
    sim = relay("tools_500")
    body = {
        "model": "gpt-4o",
        "messages": [{"role": "user", "content": "list the files"}],
        "tools": [
            {"type": "function", "function": {"name": "ls", "parameters": {"type": "object"}}}
        ],
        "max_tokens": 4000,
    }
    req = tmp_path / "req.sh"
    req.write_text(
        "curl https://relay.example/v1/chat/completions \\\n  -H 'Content-Type: application/json' "
        f"\\\n  -d '{json.dumps(body)}'\n"
    )
    p = run_probe(*_args(sim, "--request", str(req)), env={"RELAY_KEY": sim.keys["valid"]})
    v = p.verdict
    assert (v["layer"], v["cause"], v["owner"]) == ("request", "tool_schema", "you")
    rows = {r["variant"]: r["status"] for r in p.data["results"]}
    assert rows["request"] == 500 and rows["minimal"] == 200 and rows["no_tools"] == 200
    # with the direct arm, the same request works without the relay: the relay's channel
    q = run_probe(
        *_args(
            sim,
            "--request",
            str(req),
            "--direct-base-url",
            sim.relay.upstream_url + "/v1",
            "--direct-key-env",
            "DIRECT_KEY",
        ),
        env={"RELAY_KEY": sim.keys["valid"], "DIRECT_KEY": UPSTREAM_KEYS.keys("openai")["valid"]},
    )
    assert q.verdict["owner"] == "relay_channel"


def test_saturated_429_is_split_to_the_relay_channel(run_probe: Runner, relay: Relay) -> None:
    sim = relay("saturated")
    p = run_probe(*_args(sim, "--model", "gpt-4o"), env={"RELAY_KEY": sim.keys["valid"]})
    v = p.verdict
    assert v["layer"] == "rate_limit" and v["owner"] == "relay_channel"
    one_token = [r for r in p.data["results"] if r["variant"] == "one_token"]
    assert [r["status"] for r in one_token] == [429, 200]  # same model still 429, another vendor ok
    assert one_token[1]["model"].startswith(("claude", "gemini"))


def test_direct_arm_works_where_the_relay_fails(run_probe: Runner, relay: Relay) -> None:
    sim = relay("relay_broken")
    p = run_probe(
        *_args(
            sim,
            "--model",
            "gpt-4o-mini",
            "--direct-base-url",
            sim.relay.upstream_url + "/v1",
            "--direct-key-env",
            "DIRECT_KEY",
        ),
        env={"RELAY_KEY": sim.keys["valid"], "DIRECT_KEY": UPSTREAM_KEYS.keys("openai")["valid"]},
    )
    v = p.verdict
    assert v["owner"] == "relay_channel" and v["cause"] == "relay_upstream_error"
    direct = [r for r in p.data["results"] if r["route"] == "direct"]
    assert [r["status"] for r in direct] == [200]


def test_healthy_relay_exit_0(run_probe: Runner, relay: Relay) -> None:
    sim = relay("healthy")
    p = run_probe(*_args(sim), env={"RELAY_KEY": sim.keys["valid"]})
    assert p.code == 0 and p.verdict["owner"] is None
    # the listing, then the cheapest model of each of the three vendors it names
    tried = [r["model"] for r in p.data["results"][1:]]
    assert tried == ["gpt-4o-mini", "claude-haiku-4-5", "gemini-2.0-flash"]
    assert p.data["requests_sent"] == 4


def test_new_user_without_model_finds_the_broken_channel(run_probe: Runner, relay: Relay) -> None:
    """The issue's "done when": no --model, a revoked upstream channel, a few tiny requests."""
    sim = relay("revoked_channel")
    p = run_probe(*_args(sim), env={"RELAY_KEY": sim.keys["valid"]})
    v = p.verdict
    assert (v["owner"], v["cause"]) == ("relay_channel", "upstream_key_invalid")
    assert p.data["target"]["model"] == "claude-haiku-4-5"
    assert p.data["requests_sent"] == 4


def test_quota_answer_stops_at_once(run_probe: Runner, relay: Relay) -> None:
    sim = relay("healthy")
    p = run_probe(*_args(sim, "--model", "gpt-4o"), env={"RELAY_KEY": sim.keys["no_balance"]})
    assert p.verdict["layer"] == "quota" and p.verdict["owner"] == "relay_account"
    assert p.data["requests_sent"] == 2  # the first round only


def test_quota_of_one_channel_is_the_relay_channel(run_probe: Runner, relay: Relay) -> None:
    sim = relay("channel_no_credit")
    p = run_probe(*_args(sim), env={"RELAY_KEY": sim.keys["valid"]})
    v = p.verdict
    assert v["layer"] == "quota" and v["owner"] == "relay_channel"
    failing = [r for r in p.data["results"] if r["layer"] == "quota"]
    assert [r["model"] for r in failing] == ["claude-haiku-4-5"]
    assert p.data["requests_sent"] == 4  # the first round, then nothing


def test_budget_is_never_exceeded(run_probe: Runner, relay: Relay) -> None:
    sim = relay("relay_broken")
    p = run_probe(
        *_args(sim, "--model", "gpt-4o-mini"), env={"RELAY_KEY": sim.keys["valid"]}, budget=2
    )
    assert p.data["requests_sent"] == 2
    assert p.code in (1, 3)


def test_the_key_never_reaches_the_output(run_probe: Runner, relay: Relay) -> None:
    sim = relay("revoked_channel")
    key = sim.keys["valid"]
    p = run_probe(*_args(sim, "--model", "claude-haiku-4-5"), env={"RELAY_KEY": key})
    assert key not in p.out and key not in p.err
    assert "plan: at most 12 requests" in p.err  # the plan comes first, on stderr with --json


def test_retry_after_beyond_the_deadline_gives_up(run_probe: Runner, tmp_path: Path) -> None:
    steps = tmp_path / "s.yaml"
    step = "  - {scenario: rpm, retry_after: 600}\n"
    steps.write_text("steps:\n" + step + step + "then: ok\n")
    with SimServer(dialect="openai", scenario_file=steps) as sim:
        p = run_probe(
            "--base-url",
            sim.base_url(),
            "--api-key-env",
            "K",
            "--model",
            "gpt-4o-mini",
            "--protocol",
            "chat_completions",
            env={"K": sim.keys["valid"]},
        )
    v = p.verdict
    assert v["layer"] == "rate_limit"
    assert "beyond the --timeout" in v["evidence"][0]["note"]
    assert p.data["requests_sent"] == 2


def test_report_from_probe_json_carries_the_verdict(
    run_probe: Runner, relay: Relay, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from whichlayer.cli import main

    sim = relay("revoked_channel")
    p = run_probe(*_args(sim, "--model", "claude-haiku-4-5"), env={"RELAY_KEY": sim.keys["valid"]})
    saved = tmp_path / "probe.json"
    saved.write_text(p.out)
    assert main(["report", "--from", str(saved), "--no-clis", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (target,) = report["checks"]
    assert target["verdict"]["owner"] == "relay_channel"
    assert target["verdict"]["cause"] == "upstream_key_invalid"
    assert main(["report", "--from", str(saved), "--no-clis"]) == 0
    markdown = capsys.readouterr().out
    assert "relay_channel" in markdown and "upstream_key_invalid" in markdown
    assert sim.keys["valid"] not in markdown


def test_concurrency_step_finds_the_relay_keys_parallel_limit(
    run_probe: Runner, relay: Relay
) -> None:
    """A LiteLLM-shaped relay whose key allows 2 requests in flight (each takes 1 s): the
    first round's three requests at once meet it; one at a time it passes; three at once,
    two pass."""
    import dataclasses

    from whichlayer.simulate import relay_setups

    setup = dataclasses.replace(relay_setups.get("healthy"), max_parallel=2, latency_s=1.0)
    sim = SimServer(dialect="relay:litellm", relay_setup=setup).start()
    try:
        p = run_probe(*_args(sim), env={"RELAY_KEY": sim.keys["valid"]})
    finally:
        sim.stop()
    v = p.verdict
    assert (v["layer"], v["cause"], v["owner"]) == ("rate_limit", "concurrency", "relay_account")
    parallel = [r["status"] for r in p.data["results"] if r["variant"] == "parallel"]
    assert sorted(parallel) == [200, 200, 429]
    assert "about 2 request(s) in flight" in v["evidence"][0]["note"]


def test_out_of_budget_is_inconclusive_exit_3(run_probe: Runner, relay: Relay) -> None:
    sim = relay("model_500")
    p = run_probe(*_args(sim, "--model", "gpt-4o"), env={"RELAY_KEY": sim.keys["valid"]}, budget=1)
    assert p.code == 3
    assert p.data["requests_sent"] == 1
    assert p.verdict["owner"] is None


def test_client_setup_is_found_as_check_finds_it(
    run_probe: Runner, relay: Relay, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--client: the base URL and key the OpenAI SDK would use, from check's discovery."""
    sim = relay("revoked_channel")
    for name in ("OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "OPENAI_ORGANIZATION"):
        monkeypatch.delenv(name, raising=False)
    p = run_probe(
        "--client", "openai-python", "--model", "claude-haiku-4-5",
        env={"OPENAI_BASE_URL": sim.base_url(), "OPENAI_API_KEY": sim.keys["valid"]},
    )  # fmt: skip
    assert p.data["target"]["client"] == "openai-python"
    assert p.data["target"]["base_url"] == sim.base_url()
    assert p.verdict["owner"] == "relay_channel"
