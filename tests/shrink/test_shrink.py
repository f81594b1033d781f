"""Shrinking real failing requests against the simulator over HTTP, with the SDKs as senders."""

from __future__ import annotations

import json
import math
from typing import Any

import anthropic
import httpx
import openai
import pytest
from tests.shrink.agent import openai_agent, tool

import whichlayer
from whichlayer.shrink import ShrinkError, shape
from whichlayer.simulate import SimServer

_CLIENTS: dict[str, Any] = {}


@pytest.fixture(scope="module", autouse=True)
def _clients(sim: SimServer) -> Any:
    _CLIENTS["openai"] = openai.OpenAI(
        base_url=sim.base_url("openai"), api_key="sim-valid", max_retries=0
    )
    _CLIENTS["anthropic"] = anthropic.Anthropic(
        base_url=sim.base_url("anthropic"), api_key="sim-valid", max_retries=0
    )
    yield
    for client in _CLIENTS.values():
        client.close()


def _openai_send(sim: SimServer, headers: dict[str, str] | None = None) -> Any:
    client = _CLIENTS["openai"]

    def send(body: dict[str, Any]) -> Any:
        return client.chat.completions.create(**body, extra_headers=headers or {})

    return send


def test_agent_request_is_cut_to_the_tool_and_its_schema_node(sim: SimServer) -> None:
    """The issue's "done when": 60 tools, 200 messages with images, one strict tool using oneOf."""
    body = openai_agent(tools=60, messages=200, bad_tool=17)
    sent: list[dict[str, Any]] = []
    send = _openai_send(sim)
    result = whichlayer.shrink(body, send=lambda b: (sent.append(b), send(b))[1])
    assert (result.signature.layer, result.signature.cause) == ("request", "tool_schema")
    assert result.requests_sent <= 12 and result.complete
    assert [t["function"]["name"] for t in result.minimal["tools"]] == ["tool_017"]
    params = result.minimal["tools"][0]["function"]["parameters"]
    assert list(params["properties"]) == ["filter"] and "oneOf" in params["properties"]["filter"]
    assert len(result.minimal["messages"]) == 1
    assert "tools[17] (tool_017)" in result.sentence
    assert "uses oneOf at properties.filter" in result.sentence
    assert [c.path for c in result.culprits] == ["tools[17]"]
    # the neighbour was sent and passed; it differs only by the schema node
    neighbour = result.passing_neighbour
    assert neighbour is not None and neighbour in sent
    assert "oneOf" not in json.dumps(neighbour)
    # every candidate kept the protocol's structure
    original = shape.problems(body, "chat_completions")
    assert all(shape.problems(b, "chat_completions") <= original for b in sent)
    assert len(sent) == result.requests_sent


@pytest.mark.parametrize(("n", "culprits"), [(64, ["part-0005"]), (96, ["part-0011", "part-0080"])])
def test_planted_adapter_bug_is_found_within_the_bound(
    sim: SimServer, n: int, culprits: list[str]
) -> None:
    tools = [tool(i, strict=False) for i in range(n)]
    for t in tools:
        t["function"]["name"] = "part-" + t["function"]["name"][-3:].zfill(4)
        t["function"].pop("description")
        t["function"]["parameters"] = {"type": "object"}
    body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}], "tools": tools}
    send = _openai_send(sim, {"x-sim-fail-when": ",".join(culprits)})
    result = whichlayer.shrink(body, send=send)
    assert (result.signature.layer, result.signature.cause) == ("upstream", "server_error")
    names = [t["function"]["name"] for t in result.minimal["tools"]]
    assert names == culprits
    bound = math.ceil(math.log2(math.comb(n, len(culprits))))
    assert result.requests_sent <= 2 * bound + 2


def test_anthropic_sdk_orphan_tool_result_in_a_long_conversation(sim: SimServer) -> None:
    client = _CLIENTS["anthropic"]
    messages: list[dict[str, Any]] = [{"role": "user", "content": "start"}]
    for i in range(30):
        use = {"type": "tool_use", "id": f"toolu_{i:02d}", "name": "look", "input": {}}
        messages.append(
            {"role": "assistant", "content": [{"type": "text", "text": f"step {i}"}, use]}
        )
        result_block = {"type": "tool_result", "tool_use_id": f"toolu_{i:02d}", "content": "ok"}
        messages.append({"role": "user", "content": [result_block]})
    # turn 42 answers a call that does not exist (a client that dropped an assistant turn)
    messages[42]["content"][0]["tool_use_id"] = "toolu_gone"
    body = {
        "model": "claude-haiku-4-5",
        "max_tokens": 200,
        "system": "You are terse.",
        "tools": [{"name": "look", "input_schema": {"type": "object"}}],
        "messages": messages,
    }
    sent: list[dict[str, Any]] = []

    def send(b: dict[str, Any]) -> Any:
        sent.append(b)
        return client.messages.create(**b)

    result = whichlayer.shrink(body, send=send)
    assert result.signature.layer == "request" and result.protocol == "messages"
    assert "toolu_gone" in json.dumps(result.minimal)
    assert len(result.minimal["messages"]) == 3  # first user turn, then the pair holding the bug
    assert any(c.path == "messages[41..42]" for c in result.culprits), result.culprits
    original = shape.problems(body, "messages")
    assert all(shape.problems(b, "messages") <= original for b in sent)


def test_a_429_during_shrinking_stops_the_run(sim: SimServer) -> None:
    body = openai_agent(tools=20, messages=20, bad_tool=3)
    calls = {"n": 0}
    client = httpx.Client()

    def send(b: dict[str, Any]) -> httpx.Response:
        calls["n"] += 1
        head = {"Authorization": "Bearer sim-valid"}
        if calls["n"] == 4:
            head["x-sim-scenario"] = "rpm"
        return client.post(sim.base_url("openai") + "/chat/completions", json=b, headers=head)

    result = whichlayer.shrink(body, send=send)
    client.close()
    assert result.stopped is not None and "429 rate_limit/rpm" in result.stopped
    assert result.requests_sent == 4 and not result.culprits
    assert "stopped early" in result.sentence


def test_budget_and_ctrl_c_give_the_best_so_far(sim: SimServer) -> None:
    body = openai_agent(tools=40, messages=40, bad_tool=30)
    send = _openai_send(sim)
    result = whichlayer.shrink(body, send=send, max_requests=5)
    assert result.requests_sent == 5 and "budget of 5" in (result.stopped or "")
    assert result.minimal_bytes < result.original_bytes  # smaller, and still failing
    count = {"n": 0}

    def interrupted(b: dict[str, Any]) -> Any:
        count["n"] += 1
        if count["n"] == 6:
            raise KeyboardInterrupt
        return send(b)

    result = whichlayer.shrink(body, send=interrupted)
    assert result.stopped is not None and result.stopped.startswith("interrupted")


def test_what_cannot_be_shrunk_is_said_plainly(sim: SimServer) -> None:
    ok = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}
    with pytest.raises(ShrinkError, match="did not fail"):
        whichlayer.shrink(ok, send=_openai_send(sim))
    with pytest.raises(ShrinkError, match="not caused by the request"):
        whichlayer.shrink(ok, send=_openai_send(sim, {"x-sim-scenario": "rpm"}))
    flips = iter([True, False])
    bad = {
        **ok,
        "tools": [
            {"type": "function", "function": {"name": "x", "parameters": {"type": "string"}}}
        ],
    }
    plain = _openai_send(sim)

    def flaky(b: dict[str, Any]) -> Any:
        return plain(b if next(flips) else ok)

    with pytest.raises(ShrinkError, match="not reproducible"):
        whichlayer.shrink(bad, send=flaky)


def test_cached_candidates_are_not_sent_twice(sim: SimServer) -> None:
    body = openai_agent(tools=30, messages=30, bad_tool=9)
    seen: list[str] = []
    send = _openai_send(sim)

    def record(b: dict[str, Any]) -> Any:
        seen.append(json.dumps(b, sort_keys=True))
        return send(b)

    whichlayer.shrink(body, send=record)
    assert seen.count(seen[0]) == 2  # the two replays, never again
    assert len(set(seen[1:])) == len(seen) - 1


def test_a_long_turn_is_found_and_said_in_tokens(sim: SimServer) -> None:
    msgs: list[dict[str, Any]] = [{"role": "user", "content": "hi"}]
    for i in range(40):
        long = "x" * 600_000 if i == 23 else f"more {i}"
        msgs += [{"role": "assistant", "content": f"ok {i}"}, {"role": "user", "content": long}]
    result = whichlayer.shrink({"model": "gpt-4o-mini", "messages": msgs}, send=_openai_send(sim))
    assert result.signature.cause == "context_length"
    assert "messages[48].content is long (600,000 characters)" in result.sentence
    assert "fails when the request exceeds ~150," in result.sentence
    assert len(result.minimal["messages"]) == 2 and result.requests_sent <= 12


def test_gemini_declaration_with_a_field_gemini_does_not_know(sim: SimServer) -> None:
    decls = [
        {
            "name": f"f{i}",
            "description": "d",
            "parameters": {
                "type": "object",
                "properties": {"a": {"type": "string"}, "b": {"type": "integer"}},
            },
        }
        for i in range(30)
    ]
    decls[12]["parameters"]["properties"]["b"]["additionalProperties"] = False
    body = {
        "contents": [{"role": "user", "parts": [{"text": "hi"}]}],
        "tools": [{"functionDeclarations": decls}],
        "generationConfig": {"temperature": 0.1},
    }
    path = "/v1beta/models/gemini-2.5-flash:generateContent"
    with httpx.Client() as client:

        def send(b: dict[str, Any]) -> httpx.Response:
            return client.post(sim.url + path, json=b, headers={"x-goog-api-key": "sim-valid"})

        result = whichlayer.shrink(body, send=send, path=path)
    assert result.protocol == "generate_content"
    assert "tools[0].functionDeclarations[12] (f12)" in result.sentence
    assert "uses additionalProperties at properties.b" in result.sentence
    (decl,) = result.minimal["tools"][0]["functionDeclarations"]
    assert decl["parameters"]["properties"] == {
        "b": {"type": "integer", "additionalProperties": False}
    }


def test_a_server_wide_fail_when_is_found_by_the_cli_path(tmp_path: Any) -> None:
    """``whichlayer simulate --fail-when`` (here SimServer(fail_when=...)) with no header."""
    body = openai_agent(tools=24, messages=30, bad_tool=None)
    with SimServer("openai", fail_when=("tool_009",)) as server, httpx.Client() as client:

        def send(b: dict[str, Any]) -> httpx.Response:
            url = server.base_url("openai") + "/chat/completions"
            return client.post(url, json=b, headers={"Authorization": "Bearer sim-valid"})

        result = whichlayer.shrink(body, send=send)
    assert result.signature.cause == "server_error"
    assert [t["function"]["name"] for t in result.minimal["tools"]] == ["tool_009"]
    assert result.culprits and result.culprits[0].path == "tools[9]"


def test_responses_api_with_the_sdk(sim: SimServer) -> None:
    client = _CLIENTS["openai"]
    tools = []
    for i in range(20):
        fn = tool(i)["function"]
        tools.append({"type": "function", "name": fn["name"], "parameters": fn["parameters"]})
    tools[11]["parameters"]["properties"]["limit"] = {"allOf": [{"type": "integer"}]}
    items: list[dict[str, Any]] = [{"role": "user", "content": "start"}]
    for i in range(15):
        call = {"type": "function_call", "call_id": f"c{i}", "name": "tool_000", "arguments": "{}"}
        items += [call, {"type": "function_call_output", "call_id": f"c{i}", "output": "ok"}]
    body = {"model": "gpt-4.1", "input": items, "tools": tools, "instructions": "be brief"}
    sent: list[dict[str, Any]] = []

    def send(b: dict[str, Any]) -> Any:
        sent.append(b)
        return client.responses.create(**b)

    result = whichlayer.shrink(body, send=send)
    assert result.protocol == "responses" and result.signature.cause == "tool_schema"
    assert (
        "tools[11] (tool_011)" in result.sentence and "allOf at properties.limit" in result.sentence
    )
    assert [t["name"] for t in result.minimal["tools"]] == ["tool_011"]
    original = shape.problems(body, "responses")
    assert all(shape.problems(b, "responses") <= original for b in sent)
