"""Every removal of units keeps a request of each protocol structurally valid."""

from __future__ import annotations

import random
from typing import Any

import pytest
from tests.shrink.agent import openai_agent

from whichlayer.shrink import shape


def _anthropic(n: int) -> dict[str, Any]:
    msgs: list[dict[str, Any]] = [{"role": "user", "content": "start"}]
    for i in range(n):
        use = {"type": "tool_use", "id": f"t{i}", "name": "f", "input": {}}
        msgs.append({"role": "assistant", "content": [{"type": "text", "text": "x"}, use]})
        res = {"type": "tool_result", "tool_use_id": f"t{i}", "content": "ok"}
        msgs.append({"role": "user", "content": [res, {"type": "text", "text": f"more {i}"}]})
    tools = [{"name": "f", "input_schema": {"type": "object", "properties": {"a": {}}}}]
    return {
        "model": "claude-haiku-4-5",
        "max_tokens": 9,
        "system": "s",
        "tools": tools,
        "messages": msgs,
    }


def _gemini(n: int) -> dict[str, Any]:
    contents: list[dict[str, Any]] = [{"role": "user", "parts": [{"text": "go"}]}]
    for _ in range(n):
        contents.append({"role": "model", "parts": [{"functionCall": {"name": "f", "args": {}}}]})
        contents.append(
            {"role": "user", "parts": [{"functionResponse": {"name": "f", "response": {}}}]}
        )
    decls = [{"name": f"f{i}", "parameters": {"type": "object"}} for i in range(5)]
    return {
        "contents": contents,
        "tools": [{"functionDeclarations": decls}],
        "generationConfig": {"temperature": 1},
    }


def _responses(n: int) -> dict[str, Any]:
    first = [{"type": "input_text", "text": "go"}, {"type": "input_text", "text": "on"}]
    items: list[dict[str, Any]] = [{"role": "user", "content": first}]
    for i in range(n):
        items.append({"type": "function_call", "call_id": f"c{i}", "name": "f", "arguments": "{}"})
        items.append({"type": "function_call_output", "call_id": f"c{i}", "output": "ok"})
    tools = [{"type": "function", "name": "f", "parameters": {"type": "object"}}]
    return {"model": "gpt-4.1", "input": items, "tools": tools, "instructions": "be brief"}


CASES = [
    ("chat_completions", openai_agent(tools=12, messages=40, bad_tool=None)),
    ("messages", _anthropic(12)),
    ("generate_content", _gemini(12)),
    ("responses", _responses(12)),
]


@pytest.mark.parametrize(("protocol", "body"), CASES, ids=[c[0] for c in CASES])
def test_random_removals_keep_the_structure(protocol: str, body: dict[str, Any]) -> None:
    assert shape.guess_protocol(body) == protocol
    base = shape.problems(body, protocol)
    assert base == set()
    rnd = random.Random(7)
    for level in (shape.parts, shape.inner):
        units = level(body, protocol)
        assert units
        for _ in range(150):
            gone = [p for u in units if rnd.random() < 0.5 for p in u.paths]
            candidate = shape.apply(body, protocol, drop=gone)
            assert shape.problems(candidate, protocol) == set(), (protocol, gone)


def test_problems_are_seen() -> None:
    body = _anthropic(2)
    del body["messages"][1]  # a tool result without its call, and two user turns in a row
    found = shape.problems(body, "messages")
    assert "orphan_result:t0" in found and "no_alternation:user" in found
    chat = openai_agent(tools=2, messages=8, bad_tool=None)
    chat["messages"].insert(2, {"role": "tool", "tool_call_id": "nope", "content": "x"})
    assert "orphan_result:nope" in shape.problems(chat, "chat_completions")


def test_turn_units_hold_a_call_with_its_results() -> None:
    body = openai_agent(tools=3, messages=10, bad_tool=None)
    units = [u for u in shape.parts(body, "chat_completions") if u.kind == "turn"]
    for unit in units:
        roles = [body["messages"][p[1]]["role"] for p in unit.paths]
        if "tool" in roles:
            assert roles[0] == "assistant"
