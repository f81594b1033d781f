"""Anthropic's Messages API: messages (plain and SSE), count_tokens, models.

Event order of a stream (docs.claude.com "Streaming Messages"): message_start,
content_block_start, ping, content_block_delta..., content_block_stop,
message_delta, message_stop; an ``error`` event may arrive after the 200.
"""

from __future__ import annotations

import secrets
from typing import Any

from aiohttp import web

from whichlayer.simulate import act, catalog, checks, flow, transport, validate
from whichlayer.simulate.call import Call
from whichlayer.simulate.faults import Fault
from whichlayer.simulate.sse_text import ANSWER, CHUNKS, OUTPUT_TOKENS
from whichlayer.simulate.wording import anthropic as words

PARAMS = frozenset(
    [
        "model",
        "messages",
        "max_tokens",
        "system",
        "metadata",
        "stop_sequences",
        "stream",
        "temperature",
        "top_p",
        "top_k",
        "tools",
        "tool_choice",
        "thinking",
        "service_tier",
        "container",
        "mcp_servers",
        "context_management",
        "output_config",  # effort and structured output (Claude Code 2.1 sends it every turn)
    ]
)
COUNT_PARAMS = frozenset(["model", "messages", "system", "tools", "tool_choice", "thinking"])


def _prompt_tokens(body: dict[str, Any]) -> int:
    return sum(catalog.count_tokens(body.get(k)) for k in ("messages", "system", "tools"))


async def messages(request: web.Request) -> web.StreamResponse:
    state, call, key_state, body = await flow.begin(request)
    model = checks.find_model("anthropic", call.model)
    checks.unknown_params(body, PARAMS, model.id)
    checks.anthropic_tools(body, model.id)
    validate.anthropic(request, body, model)
    checks.max_output(body.get("max_tokens"), model)
    checks.model_access(key_state, model)
    checks.billing(call.protocol, key_state, model.id)
    prompt = _prompt_tokens(body)
    call.prompt_tokens = prompt
    if prompt > model.context:
        raise Fault("context_length", model=model.id, context=model.context, prompt=prompt)
    async with flow.admitted(state, call, model.id, prompt):
        message = _message(model.id, prompt)
        if call.stream:
            return await _stream(request, call, message)
        if flow.wants_cut(request):
            return await transport.cut_body(
                request, 200, flow.headers(call), transport.json_dumps(message).encode()
            )
        return flow.json_response(call, act.anthropic(message, body))


def _message(model: str, prompt: int) -> dict[str, Any]:
    return {
        "id": "msg_01" + secrets.token_hex(11),
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": [{"type": "text", "text": ANSWER}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {
            "input_tokens": prompt,
            "output_tokens": OUTPUT_TOKENS,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
        },
    }


async def _stream(request: web.Request, call: Call, message: dict[str, Any]) -> web.StreamResponse:
    resp = await transport.open_sse(request, flow.headers(call))

    async def emit(kind: str, **fields: Any) -> None:
        await transport.send_event(resp, transport.json_dumps({"type": kind, **fields}), event=kind)

    start = {
        **message,
        "content": [],
        "stop_reason": None,
        "usage": {**message["usage"], "output_tokens": 1},
    }
    await emit("message_start", message=start)
    await emit("content_block_start", index=0, content_block={"type": "text", "text": ""})
    await emit("ping")
    for n, piece in enumerate(CHUNKS):
        if n == 2 and flow.wants_cut(request):
            transport.close(request)
            return resp
        if n == 2 and flow.wants_overload(request):
            _status, err = words.error_object(Fault("overloaded"), call)
            await emit("error", error=err["error"], request_id=call.request_id)
            return await transport.finish(resp)
        await emit("content_block_delta", index=0, delta={"type": "text_delta", "text": piece})
    await emit("content_block_stop", index=0)
    await emit(
        "message_delta",
        delta={"stop_reason": "end_turn", "stop_sequence": None},
        usage={"output_tokens": OUTPUT_TOKENS},
    )
    await emit("message_stop")
    return await transport.finish(resp)


async def count_tokens(request: web.Request) -> web.StreamResponse:
    _state, call, _key_state, body = await flow.begin(request)
    model = checks.find_model("anthropic", call.model)
    checks.unknown_params(body, COUNT_PARAMS, model.id)
    checks.anthropic_tools(body, model.id)
    return flow.json_response(call, {"input_tokens": _prompt_tokens(body)})


async def models(request: web.Request) -> web.StreamResponse:
    _state, call, _key_state, _body = await flow.begin(request)
    data = [
        {
            "type": "model",
            "id": m.id,
            "display_name": m.display_name,
            "created_at": "2025-09-29T00:00:00Z",
        }
        for m in catalog.models("anthropic")
    ]
    return flow.json_response(
        call,
        {"data": data, "has_more": False, "first_id": data[0]["id"], "last_id": data[-1]["id"]},
    )
