"""The simulator refuses what the real services refuse, and acts out tools and JSON output,
seen through the real SDKs over HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator

import anthropic
import httpx
import openai
import pytest
from tests.shrink.agent import PNG, tool

from whichlayer import explain
from whichlayer.simulate import SimServer


@pytest.fixture(scope="module")
def oa(sim: SimServer) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(base_url=sim.base_url("openai"), api_key="sim-valid", max_retries=0) as c:
        yield c


@pytest.fixture(scope="module")
def an(sim: SimServer) -> Iterator[anthropic.Anthropic]:
    with anthropic.Anthropic(
        base_url=sim.base_url("anthropic"), api_key="sim-valid", max_retries=0
    ) as c:
        yield c


USER = [{"role": "user", "content": "hi"}]


def _refused(call, cause: str, words: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises((openai.APIStatusError, anthropic.APIStatusError)) as info:
        call()
    assert words in str(info.value)
    d = explain(info.value)
    assert str(d.layer) == "request" and str(d.cause) == cause, (d.layer, d.cause, str(info.value))


def test_strict_tool_with_one_of_is_refused_with_the_schema_context(oa: openai.OpenAI) -> None:
    bad = tool(3)
    bad["function"]["parameters"]["properties"]["filter"] = {"oneOf": [{"type": "string"}]}
    _refused(
        lambda: oa.chat.completions.create(
            model="gpt-4o-mini", messages=USER, tools=[tool(0), bad]
        ),
        "tool_schema",
        "In context=('properties', 'filter'), 'oneOf' is not permitted",
    )
    # the same schema without strict is accepted, as OpenAI's best-effort function calling does
    bad["function"]["strict"] = False
    oa.chat.completions.create(model="gpt-4o-mini", messages=USER, tools=[tool(0), bad])


def test_too_deep_nesting_and_too_many_tools(oa: openai.OpenAI) -> None:
    deep: dict = {"type": "object", "properties": {}, "additionalProperties": False}
    node = deep
    for _ in range(12):
        node["properties"]["x"] = {
            "type": "object",
            "properties": {},
            "additionalProperties": False,
        }
        node["required"] = ["x"]
        node = node["properties"]["x"]
    t = tool(1)
    t["function"]["parameters"] = deep
    _refused(
        lambda: oa.chat.completions.create(model="gpt-4o-mini", messages=USER, tools=[t]),
        "tool_schema",
        "maximum depth of 10",
    )
    many = [tool(i, strict=False) for i in range(129)]
    _refused(
        lambda: oa.chat.completions.create(model="gpt-4o-mini", messages=USER, tools=many),
        "invalid_parameter",
        "maximum length 128",
    )


def test_reasoning_model_refuses_temperature(oa: openai.OpenAI, sim: SimServer) -> None:
    with pytest.raises(openai.BadRequestError, match="Unsupported parameter: 'temperature'"):
        oa.chat.completions.create(model="o3-mini", messages=USER, temperature=0.2)
    r = httpx.post(
        sim.base_url("openai") + "/chat/completions",
        json={"model": "o3-mini", "messages": USER, "temperature": 0.2},
        headers={"Authorization": "Bearer sim-valid"},
    )
    assert r.json()["error"]["code"] == "unsupported_parameter"
    assert str(explain(r).cause) == "invalid_parameter"
    oa.chat.completions.create(model="o3-mini", messages=USER)
    oa.chat.completions.create(model="gpt-4o-mini", messages=USER, temperature=0.2)


def test_image_type_and_orphan_tool_result(oa: openai.OpenAI) -> None:
    bmp = [{"type": "image_url", "image_url": {"url": "data:image/bmp;base64," + PNG}}]
    _refused(
        lambda: oa.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": bmp}]
        ),
        "invalid_parameter",
        "unsupported image",
    )
    orphan = [*USER, {"role": "tool", "tool_call_id": "call_x", "content": "42"}]
    _refused(
        lambda: oa.chat.completions.create(model="gpt-4o-mini", messages=orphan),
        "malformed_body",
        "must be a response to a preceeding message with 'tool_calls'",
    )


def test_anthropic_rules(an: anthropic.Anthropic) -> None:
    def send(messages, **kw):  # type: ignore[no-untyped-def]
        return lambda: an.messages.create(
            model="claude-haiku-4-5", max_tokens=100, messages=messages, **kw
        )

    empty = [{"role": "user", "content": [{"type": "text", "text": ""}]}]
    _refused(send(empty), "malformed_body", "text content blocks must be non-empty")
    orphan = [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": "hello"},
        {
            "role": "user",
            "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": "x"}],
        },
    ]
    _refused(send(orphan), "malformed_body", "unexpected `tool_use_id`")
    big = "A" * (8 * 1024 * 1024)  # base64 of 6 MB
    image = {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": big}}
    _refused(
        send([{"role": "user", "content": [image, {"type": "text", "text": "what?"}]}]),
        "request_too_large",
        "image exceeds 5 MB maximum",
    )
    image["source"] = {"type": "base64", "media_type": "image/bmp", "data": PNG}
    _refused(
        send([{"role": "user", "content": [image]}]),
        "malformed_body",
        "Input should be 'image/jpeg'",
    )
    thinking = {"type": "enabled", "budget_tokens": 1024}
    _refused(
        send(
            [{"role": "user", "content": "hi"}], thinking=thinking, extra_body={"temperature": 0.5}
        ),
        "invalid_parameter",
        "may only be set to 1 when thinking is enabled",
    )


def test_lone_surrogate_is_not_valid_json_for_anthropic(sim: SimServer) -> None:
    raw = (
        '{"model":"claude-haiku-4-5","max_tokens":10,'
        '"messages":[{"role":"user","content":"a\\ud83d b"}]}'
    )
    r = httpx.post(
        sim.base_url("anthropic") + "/v1/messages",
        content=raw,
        headers={"x-api-key": "sim-valid", "anthropic-version": "2023-06-01"},
    )
    assert r.status_code == 400 and "no low surrogate" in r.text
    assert str(explain(r).cause) == "malformed_body"


def test_gemini_unknown_schema_field_and_function_response_without_call(sim: SimServer) -> None:
    url = sim.url + "/v1beta/models/gemini-2.5-flash:generateContent"
    head = {"x-goog-api-key": "sim-valid"}
    decl = {"name": "f", "parameters": {"type": "object", "additionalProperties": False}}
    body = {
        "contents": [{"role": "user", "parts": [{"text": "hi"}]}],
        "tools": [{"functionDeclarations": [decl]}],
    }
    r = httpx.post(url, json=body, headers=head)
    assert r.status_code == 400
    assert 'Unknown name "additionalProperties"' in r.json()["error"]["message"]
    body = {
        "contents": [
            {"role": "user", "parts": [{"text": "hi"}]},
            {"role": "model", "parts": [{"text": "ok"}]},
            {"role": "user", "parts": [{"functionResponse": {"name": "f", "response": {}}}]},
        ]
    }
    r = httpx.post(url, json=body, headers=head)
    assert r.status_code == 400 and "function response turn" in r.text
    r = httpx.post(url, json={"contents": [{"role": "user", "parts": []}]}, headers=head)
    assert r.status_code == 400 and "must not be empty" in r.text


def test_fail_when_names_a_part(oa: openai.OpenAI) -> None:
    head = {"x-sim-fail-when": "tool_007"}
    with pytest.raises(openai.InternalServerError):
        oa.chat.completions.create(
            model="gpt-4o-mini", messages=USER, tools=[tool(7, strict=False)], extra_headers=head
        )
    oa.chat.completions.create(
        model="gpt-4o-mini", messages=USER, tools=[tool(8, strict=False)], extra_headers=head
    )


def _valid(value, schema) -> bool:  # type: ignore[no-untyped-def]
    """A small JSON-schema check of what the simulator returns (objects, types, required)."""
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties", {})
        return (
            isinstance(value, dict)
            and set(schema.get("required", [])) <= set(value)
            and all(_valid(value[k], props[k]) for k in value if k in props)
        )
    types = {"string": str, "integer": int, "number": (int, float), "boolean": bool, "array": list}
    if kind == "array":
        return isinstance(value, list) and all(_valid(v, schema.get("items", {})) for v in value)
    return kind not in types or isinstance(value, types[kind])


def test_tools_get_a_real_call_and_the_result_turn_an_answer(oa: openai.OpenAI) -> None:
    t = tool(2)
    first = oa.chat.completions.create(model="gpt-4o-mini", messages=USER, tools=[t])
    call = first.choices[0].message.tool_calls[0]
    assert first.choices[0].finish_reason == "tool_calls" and call.function.name == "tool_002"
    args = json.loads(call.function.arguments)
    assert _valid(args, t["function"]["parameters"]), args
    turn = [
        *USER,
        first.choices[0].message.model_dump(exclude_none=True),
        {"role": "tool", "tool_call_id": call.id, "content": "42"},
    ]
    second = oa.chat.completions.create(model="gpt-4o-mini", messages=turn, tools=[t])
    assert second.choices[0].message.content and not second.choices[0].message.tool_calls


def test_json_schema_output_validates(oa: openai.OpenAI, an: anthropic.Anthropic) -> None:
    schema = tool(0)["function"]["parameters"]
    fmt = {"type": "json_schema", "json_schema": {"name": "out", "schema": schema, "strict": True}}
    r = oa.chat.completions.create(model="gpt-4o-mini", messages=USER, response_format=fmt)
    assert _valid(json.loads(r.choices[0].message.content or ""), schema)
    msg = an.messages.create(
        model="claude-haiku-4-5",
        max_tokens=100,
        messages=[{"role": "user", "content": "weather?"}],
        tools=[{"name": "weather", "input_schema": schema}],
    )
    use = msg.content[0]
    assert msg.stop_reason == "tool_use" and use.type == "tool_use" and _valid(use.input, schema)
    done = an.messages.create(
        model="claude-haiku-4-5",
        max_tokens=100,
        messages=[
            {"role": "user", "content": "weather?"},
            {"role": "assistant", "content": [use.model_dump()]},
            {
                "role": "user",
                "content": [{"type": "tool_result", "tool_use_id": use.id, "content": "sunny"}],
            },
        ],
        tools=[{"name": "weather", "input_schema": schema}],
    )
    assert done.stop_reason == "end_turn" and done.content[0].type == "text"


def test_strict_objects_need_closed_and_complete_schemas(oa: openai.OpenAI) -> None:
    open_ = tool(4)
    del open_["function"]["parameters"]["additionalProperties"]
    _refused(
        lambda: oa.chat.completions.create(model="gpt-4o-mini", messages=USER, tools=[open_]),
        "tool_schema",
        "In context=(), 'additionalProperties' is required to be supplied and to be false.",
    )
    partial = tool(5)
    partial["function"]["parameters"]["required"] = ["query"]
    _refused(
        lambda: oa.chat.completions.create(model="gpt-4o-mini", messages=USER, tools=[partial]),
        "tool_schema",
        "Missing 'limit'",
    )
