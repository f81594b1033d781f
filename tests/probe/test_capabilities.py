"""``whichlayer probe --capabilities`` against the simulated relay: every capability passes on a
healthy route; each break a relay's channel can make (tools stripped, stream buffered, context
capped, response_format ignored, concurrency limited) is found, with its measured figure and
owner, within the request and token budgets."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.probe.conftest import UPSTREAM_KEYS, Probed, Runner

from whichlayer.cli import main
from whichlayer.probe.capabilities import CAPABILITIES, CONCURRENCY_N, png
from whichlayer.simulate import SimServer

Relay = Callable[..., SimServer]
WINDOW = 128_000  # gpt-4o-mini's documented window


def _caps(
    run_probe: Runner,
    sim: SimServer,
    *more: str,
    budget: int = 40,
    tokens: int = 150_000,
    env: dict[str, str] | None = None,
) -> Probed:
    p = run_probe(
        "--base-url",
        sim.base_url(),
        "--api-key-env",
        "RELAY_KEY",
        "--model",
        "gpt-4o-mini",
        "--max-tokens-total",
        str(tokens),
        *more,
        env={"RELAY_KEY": sim.keys["valid"], **(env or {})},
        budget=budget,
    )
    caps = p.data["capabilities"]
    # the whole run stays within --max-requests and --max-tokens-total
    assert p.data["requests_sent"] + caps["requests_sent"] <= budget
    assert caps["tokens_sent"] + 40 * p.data["requests_sent"] <= tokens
    assert len(caps["requests"]) == caps["requests_sent"]
    assert sum(r["tokens"] for r in caps["requests"]) == caps["tokens_sent"]
    return p


def _cell(p: Probed, name: str, route: str = "target") -> dict[str, Any]:
    table = p.data["capabilities"]["table"]
    return next(o for o in table if o["capability"] == name and o["route"] == route)


def test_healthy_relay_passes_every_capability(run_probe: Runner, relay: Relay) -> None:
    sim = relay("healthy")
    p = _caps(run_probe, sim, "--capabilities")
    assert p.code == 0, p.out
    table = p.data["capabilities"]["table"]
    assert {o["capability"] for o in table} == set(CAPABILITIES)
    assert {o["status"] for o in table} == {"pass"}, table
    stream = _cell(p, "stream")["measured"]
    assert stream["clean_end"] and stream["frames"] >= 3
    assert stream["ttft_ms"] < stream["total_ms"]  # the first token came before the last
    assert stream["spread_ms"] > 0.3 * stream["total_ms"] - stream["ttft_ms"]
    assert _cell(p, "concurrency")["measured"]["passed"] == CONCURRENCY_N
    context = _cell(p, "context")["measured"]
    assert context["accepted"] >= 0.9 * WINDOW * 0.99 and context["refused"] is None
    assert len(_cell(p, "context")["rows"]) == 1  # one prompt near the window answers it
    assert len(_cell(p, "tools")["rows"]) == 2  # the call, then the result turn


@pytest.mark.parametrize(
    ("setup", "name", "status", "owner"),
    [
        ("drops_tools", "tools", "fail", "relay_channel"),
        ("buffers_stream", "stream", "degraded", "relay_channel"),
        ("caps_context", "context", "degraded", "relay_channel"),
        ("ignores_json", "json", "fail", "relay_channel"),
        ("parallel_2", "concurrency", "degraded", "relay_channel"),
        ("drops_max_tokens", "long_output", "fail", "relay_channel"),
        ("caps_output", "long_output", "degraded", "relay_channel"),
    ],
)
def test_each_break_is_found_with_its_owner(
    run_probe: Runner, relay: Relay, setup: str, name: str, status: str, owner: str
) -> None:
    sim = relay(setup)
    p = _caps(run_probe, sim, "--capabilities", f"{name},vision")
    assert p.code == 1
    cell = _cell(p, name)
    assert (cell["status"], cell["owner"]) == (status, owner), cell
    assert _cell(p, "vision")["status"] == "pass"  # the rest of the route is fine
    measured = cell["measured"]
    if name == "stream":
        # every frame at the end: the first token is as late as the last
        assert measured["spread_ms"] < 0.1 * measured["total_ms"]
        assert measured["ttft_ms"] > 0.9 * measured["total_ms"]
    if name == "context":
        assert measured["effective"] == WINDOW // 4 and measured["accepted"] <= WINDOW // 4
        assert (cell["layer"], cell["cause"]) == ("request", "context_length")
    if name == "long_output":
        # the verbose model's 500 tokens come through whole, or cut at the channel's 16
        assert measured["completion_tokens"] == (500 if status == "fail" else 16)
        assert measured["asked"] == 64
    if name == "concurrency":
        assert measured["max_parallel"] == 2 and measured["refused"] == CONCURRENCY_N - 2
        assert cell["layer"] == "rate_limit"


def test_done_when_drops_tools_and_quarter_context(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, relay: Relay
) -> None:
    """As a new user would: the text output names both breaks, the limit and the owner."""
    sim = relay("drops_tools_caps_context")
    monkeypatch.setenv("RELAY_KEY", sim.keys["valid"])
    capsys.readouterr()
    code = main(
        [
            "probe",
            "--base-url",
            sim.base_url(),
            "--api-key-env",
            "RELAY_KEY",
            "--model",
            "gpt-4o-mini",
            "--capabilities",
        ]
    )
    out = capsys.readouterr().out
    assert code == 1
    plan_at = out.index("plan: context")
    assert plan_at < out.index("capabilities of gpt-4o-mini (window")  # the plan came first
    assert "tools via target: fail" in out
    assert "context via target: degraded — effective ≈ 32000 of 128000" in out
    assert out.count("[relay_channel]") == 2
    assert "stream        pass" in out and "json          pass" in out
    last = out.strip().splitlines()[-1]
    sent = int(last.split("capability requests: ")[1].split(" ")[0])
    assert sent <= 16  # tools 1 (stops at the text answer), context 2, the 13 others


def test_direct_arm_tells_the_relay_from_the_model(run_probe: Runner, relay: Relay) -> None:
    sim = relay("drops_tools")
    p = _caps(
        run_probe,
        sim,
        "--capabilities",
        "tools",
        "--direct-base-url",
        sim.relay.upstream_url + "/v1",
        "--direct-key-env",
        "DIRECT_KEY",
        env={"DIRECT_KEY": UPSTREAM_KEYS.keys("openai")["valid"]},
    )
    target, direct = _cell(p, "tools"), _cell(p, "tools", "direct")
    assert (target["status"], target["owner"]) == ("fail", "relay_channel")
    assert direct["status"] == "pass"
    assert "direct it passes" in target["note"]


def test_fails_direct_too_is_the_model(run_probe: Runner, relay: Relay) -> None:
    """The "direct" route drops tools as well (a second such relay stands in for a model that
    cannot): then it is not the relay's."""
    sim, other = relay("drops_tools"), relay("drops_tools")
    p = _caps(
        run_probe,
        sim,
        "--capabilities",
        "tools",
        "--direct-base-url",
        other.base_url(),
        "--direct-key-env",
        "DIRECT_KEY",
        env={"DIRECT_KEY": other.keys["valid"]},
    )
    target, direct = _cell(p, "tools"), _cell(p, "tools", "direct")
    assert target["status"] == direct["status"] == "fail"
    assert target["owner"] == "model" and "not the relay's" in target["note"]


def test_token_budget_bounds_the_context_search(run_probe: Runner, relay: Relay) -> None:
    sim = relay("caps_context")
    p = _caps(run_probe, sim, "--capabilities", "tools,context", tokens=20_000)
    cell = _cell(p, "context")
    # 20k tokens cannot reach the 32k cap: the route is not blamed for what was not tested
    assert cell["status"] == "pass" and "(budget)" in cell["figure"]
    assert cell["measured"]["accepted"] < 20_000
    p = _caps(run_probe, sim, "--capabilities", "context", tokens=1_100)
    assert _cell(p, "context")["status"] == "skipped"
    assert _cell(p, "context")["owner"] == "budget"


def test_request_budget_skips_what_does_not_fit(run_probe: Runner, relay: Relay) -> None:
    sim = relay("healthy")
    p = _caps(run_probe, sim, "--capabilities", "tools,concurrency", budget=6)
    # 2 probe requests, then tools (2); 8 at once do not fit in the 2 left
    assert _cell(p, "tools")["status"] == "pass"
    assert _cell(p, "concurrency")["status"] == "skipped"


def test_report_has_a_capabilities_line(
    run_probe: Runner, relay: Relay, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sim = relay("drops_tools")
    p = _caps(run_probe, sim, "--capabilities", "tools,json")
    saved = tmp_path / "probe.json"
    saved.write_text(json.dumps(p.data))
    capsys.readouterr()
    assert main(["report", "--from", str(saved)]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "capabilities" in x and "tools@target" in x)
    assert "tools@target: fail" in line and "relay_channel" in line
    assert "json@target: pass" in line


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--capabilities", "teleport"], "unknown capability 'teleport'"),
        (["--max-tokens-total", "5000"], "goes with --capabilities"),
        (["--capabilities", "--protocol", "messages"], "speaks chat_completions"),
    ],
)
def test_usage_errors(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    words: str,
) -> None:
    monkeypatch.setenv("RELAY_KEY", "sk-test-0000")
    code = main(
        ["probe", "--base-url", "http://127.0.0.1:9/v1", "--api-key-env", "RELAY_KEY", *args]
    )
    err = capsys.readouterr().err
    assert code == 2 and words in err and "Traceback" not in err


def test_the_breaks_are_real_for_the_openai_sdk(relay: Relay) -> None:
    """The simulated breaks, seen by the real openai SDK: tools and schema dropped silently,
    a buffered stream's frames all at once, the capped context refused."""
    import time

    import openai

    def client(sim: SimServer) -> openai.OpenAI:
        return openai.OpenAI(base_url=sim.base_url(), api_key=sim.keys["valid"], max_retries=0)

    tool = {
        "type": "function",
        "function": {
            "name": "f",
            "parameters": {"type": "object", "properties": {"x": {"type": "string"}}},
        },
    }
    ask = [{"role": "user", "content": "hi"}]
    healthy, broken = client(relay("healthy")), client(relay("drops_tools_caps_context"))
    forced = {"type": "function", "function": {"name": "f"}}
    ok = healthy.chat.completions.create(
        model="gpt-4o-mini",
        messages=ask,
        tools=[tool],
        tool_choice=forced,  # type: ignore[list-item,arg-type]
    )
    assert ok.choices[0].message.tool_calls
    dropped = broken.chat.completions.create(
        model="gpt-4o-mini",
        messages=ask,
        tools=[tool],
        tool_choice=forced,  # type: ignore[list-item,arg-type]
    )
    assert not dropped.choices[0].message.tool_calls and dropped.choices[0].message.content
    with pytest.raises(openai.BadRequestError, match="maximum context length is 32000"):
        broken.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "data " * 30_000}]
        )
    buffered = client(relay("buffers_stream"))
    start = time.monotonic()
    arrivals = [
        time.monotonic() - start
        for _ in buffered.chat.completions.create(model="gpt-4o-mini", messages=ask, stream=True)  # type: ignore[arg-type]
    ]
    assert len(arrivals) >= 3 and arrivals[-1] - arrivals[0] < 0.1 * arrivals[-1]
    image = "data:image/png;base64," + __import__("base64").b64encode(png()).decode()
    seen = healthy.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "user", "content": [{"type": "image_url", "image_url": {"url": image}}]}
        ],
    )
    assert seen.choices[0].message.content


def test_relay_keys_own_parallel_limit_is_your_relay_account(run_probe: Runner) -> None:
    """LiteLLM's max_parallel_requests on the relay key: the relay's own 429, not upstream."""
    import dataclasses

    from whichlayer.simulate import relay_setups

    setup = dataclasses.replace(relay_setups.get("healthy"), max_parallel=3, latency_s=0.05)
    with SimServer(dialect="relay:litellm", relay_setup=setup) as sim:
        p = _caps(run_probe, sim, "--capabilities", "concurrency")
    cell = _cell(p, "concurrency")
    assert (cell["status"], cell["owner"]) == ("degraded", "relay_account")
    assert cell["measured"]["max_parallel"] == 3
    assert (cell["layer"], cell["origin"]) == ("rate_limit", "relay")


def test_done_when_in_three_requests_on_a_smaller_budget(run_probe: Runner, relay: Relay) -> None:
    """tools + context within 60k tokens: the forced call, one prompt over the cap whose
    refusal quotes the limit; the confirming prompt below it does not fit and is not sent."""
    sim = relay("drops_tools_caps_context")
    p = _caps(run_probe, sim, "--capabilities", "tools,context", tokens=60_000)
    assert p.data["capabilities"]["requests_sent"] == 2
    tools, context = _cell(p, "tools"), _cell(p, "context")
    assert (tools["status"], tools["owner"]) == ("fail", "relay_channel")
    assert (context["status"], context["owner"]) == ("degraded", "relay_channel")
    assert context["measured"]["effective"] == WINDOW // 4 == context["measured"]["quoted_limit"]


def test_translated_channel_that_does_not_translate_streams(
    run_probe: Runner, relay: Relay
) -> None:
    """The simulated relay translates chat to Anthropic's Messages API without streaming (as a
    bare one-api adapter would): stream=true gets one whole JSON answer — the adapter's."""
    sim = relay("healthy")
    p = run_probe(
        "--base-url",
        sim.base_url(),
        "--api-key-env",
        "RELAY_KEY",
        "--model",
        "claude-haiku-4-5",
        "--capabilities",
        "stream,vision",
        env={"RELAY_KEY": sim.keys["valid"]},
        budget=10,
    )
    stream = _cell(p, "stream")
    assert (stream["status"], stream["figure"], stream["owner"]) == (
        "fail",
        "no frames",
        "adapter",
    )
    assert _cell(p, "vision")["status"] == "pass"


def test_max_tokens_honoured_by_a_verbose_model(run_probe: Runner, relay: Relay) -> None:
    sim = relay("long_answers")
    p = _caps(run_probe, sim, "--capabilities", "long_output")
    cell = _cell(p, "long_output")
    assert cell["status"] == "pass" and cell["figure"] == "64 of 64 (length)"
