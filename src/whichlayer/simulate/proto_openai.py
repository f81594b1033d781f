"""OpenAI's API (and Azure's deployment paths): chat, responses, models, embeddings.

Answers follow the OpenAI API reference objects (chat.completion,
chat.completion.chunk + ``data: [DONE]``, response + typed Responses events,
list of model, list of embedding) closely enough for the openai SDK to parse.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import struct
import time
from typing import Any

from aiohttp import web

from whichlayer.simulate import act, catalog, checks, flow, transport, validate
from whichlayer.simulate.call import Call
from whichlayer.simulate.faults import Fault
from whichlayer.simulate.sse_text import ANSWER, CHUNKS, OUTPUT_TOKENS

CHAT_PARAMS = frozenset(
    [
        "model",
        "messages",
        "max_tokens",
        "max_completion_tokens",
        "temperature",
        "top_p",
        "n",
        "stream",
        "stream_options",
        "stop",
        "presence_penalty",
        "frequency_penalty",
        "logit_bias",
        "logprobs",
        "top_logprobs",
        "user",
        "tools",
        "tool_choice",
        "parallel_tool_calls",
        "response_format",
        "seed",
        "service_tier",
        "store",
        "metadata",
        "reasoning_effort",
        "modalities",
        "audio",
        "prediction",
        "web_search_options",
        "verbosity",
        "prompt_cache_key",
        "safety_identifier",
        "functions",
        "function_call",
    ]
)
RESPONSES_PARAMS = frozenset(
    [
        "model",
        "input",
        "instructions",
        "max_output_tokens",
        "temperature",
        "top_p",
        "stream",
        "tools",
        "tool_choice",
        "parallel_tool_calls",
        "previous_response_id",
        "store",
        "metadata",
        "reasoning",
        "text",
        "truncation",
        "user",
        "include",
        "background",
        "service_tier",
        "prompt_cache_key",
        "safety_identifier",
        "conversation",
        "prompt",
        "max_tool_calls",
        "top_logprobs",
        "stream_options",
        "client_metadata",  # Codex 0.171 sends its turn metadata here
    ]
)
EMBEDDING_PARAMS = frozenset(["model", "input", "encoding_format", "dimensions", "user"])


def _model_for(call: Call, request: web.Request) -> catalog.Model:
    if call.protocol == "azure":
        deployment = request.match_info.get("deployment", "")
        target = catalog.AZURE_DEPLOYMENTS.get(deployment)
        if target is None:
            raise Fault("model_not_found", model=deployment)
        call.model = deployment
        return checks.find_model("openai", target)
    return checks.find_model("openai", call.model)


def _azure_version(request: web.Request, call: Call) -> None:
    if call.protocol == "azure" and not request.query.get("api-version"):
        raise Fault("endpoint_mismatch", model=call.model)


async def chat(request: web.Request) -> web.StreamResponse:
    state, call, key_state, body = await flow.begin(request)
    _azure_version(request, call)
    model = _model_for(call, request)
    checks.unknown_params(body, CHAT_PARAMS, model.id)
    checks.openai_tools(body, model.id)
    validate.chat(request, body, model)
    asked = body.get("max_completion_tokens", body.get("max_tokens"))
    checks.max_output(asked, model)
    checks.model_access(key_state, model)
    checks.billing(call.protocol, key_state, model.id)
    prompt = catalog.count_tokens(body.get("messages")) + catalog.count_tokens(body.get("tools"))
    call.prompt_tokens = prompt
    completion = asked if isinstance(asked, int) else 0
    if prompt + completion > model.context:
        raise Fault(
            "context_length",
            model=model.id,
            context=model.context,
            prompt=prompt,
            completion=completion,
        )
    async with flow.admitted(state, call, model.id, prompt + completion):
        if call.stream:
            return await _chat_stream(request, call, model.id, prompt, body)
        payload = act.chat(_completion(model.id, prompt), body)
        if flow.wants_cut(request):
            return await transport.cut_body(
                request, 200, flow.headers(call), transport.json_dumps(payload).encode()
            )
        return flow.json_response(call, payload)


def _completion(model: str, prompt: int) -> dict[str, Any]:
    return {
        "id": "chatcmpl-" + secrets.token_hex(12),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": ANSWER,
                    "refusal": None,
                    "annotations": [],
                },
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": OUTPUT_TOKENS,
            "total_tokens": prompt + OUTPUT_TOKENS,
        },
        "service_tier": "default",
        "system_fingerprint": "fp_whichlayer",
    }


async def _chat_stream(
    request: web.Request, call: Call, model: str, prompt: int, body: dict[str, Any]
) -> web.StreamResponse:
    resp = await transport.open_sse(request, flow.headers(call))
    base = {
        "id": "chatcmpl-" + secrets.token_hex(12),
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "system_fingerprint": "fp_whichlayer",
    }
    first = {
        **base,
        "choices": [
            {
                "index": 0,
                "delta": {"role": "assistant", "content": ""},
                "logprobs": None,
                "finish_reason": None,
            }
        ],
    }
    await transport.send_event(resp, transport.json_dumps(first))
    for n, piece in enumerate(CHUNKS):
        if n == 2 and flow.wants_cut(request):
            transport.close(request)
            return resp
        chunk = {
            **base,
            "choices": [
                {"index": 0, "delta": {"content": piece}, "logprobs": None, "finish_reason": None}
            ],
        }
        await transport.send_event(resp, transport.json_dumps(chunk))
    last = {
        **base,
        "choices": [{"index": 0, "delta": {}, "logprobs": None, "finish_reason": "stop"}],
    }
    await transport.send_event(resp, transport.json_dumps(last))
    if (body.get("stream_options") or {}).get("include_usage"):
        usage = {
            **base,
            "choices": [],
            "usage": {
                "prompt_tokens": prompt,
                "completion_tokens": OUTPUT_TOKENS,
                "total_tokens": prompt + OUTPUT_TOKENS,
            },
        }
        await transport.send_event(resp, transport.json_dumps(usage))
    await transport.send_event(resp, "[DONE]")
    return await transport.finish(resp)


async def responses(request: web.Request) -> web.StreamResponse:
    state, call, key_state, body = await flow.begin(request)
    model = checks.find_model("openai", call.model)
    checks.unknown_params(body, RESPONSES_PARAMS, model.id)
    checks.max_output(body.get("max_output_tokens"), model)
    validate.responses(request, body, model)
    checks.model_access(key_state, model)
    checks.billing(call.protocol, key_state, model.id)
    prompt = catalog.count_tokens(body.get("input")) + catalog.count_tokens(
        body.get("instructions")
    )
    call.prompt_tokens = prompt
    if prompt > model.context:
        raise Fault("context_length", model=model.id, context=model.context, prompt=prompt)
    async with flow.admitted(state, call, model.id, prompt):
        obj = _response_object(model.id, prompt, "completed")
        if not call.stream:
            act.responses(obj, body)
            return flow.json_response(call, obj)
        return await _responses_stream(request, call, obj)


def _response_object(model: str, prompt: int, status: str) -> dict[str, Any]:
    done = status == "completed"
    return {
        "id": "resp_" + secrets.token_hex(24),
        "object": "response",
        "created_at": int(time.time()),
        "status": status,
        "error": None,
        "incomplete_details": None,
        "instructions": None,
        "model": model,
        "output": [_message_item(ANSWER)] if done else [],
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
        "usage": {
            "input_tokens": prompt,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": OUTPUT_TOKENS,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": prompt + OUTPUT_TOKENS,
        }
        if done
        else None,
    }


def _message_item(text: str, status: str = "completed") -> dict[str, Any]:
    return {
        "type": "message",
        "id": "msg_whichlayer",
        "status": status,
        "role": "assistant",
        "content": [{"type": "output_text", "text": text, "annotations": []}] if text else [],
    }


async def _responses_stream(
    request: web.Request, call: Call, final: dict[str, Any]
) -> web.StreamResponse:
    resp = await transport.open_sse(request, flow.headers(call))
    seq = iter(range(1_000))

    async def emit(kind: str, **fields: Any) -> None:
        event = {"type": kind, "sequence_number": next(seq), **fields}
        await transport.send_event(resp, transport.json_dumps(event), event=kind)

    started = {**final, "status": "in_progress", "output": [], "usage": None}
    await emit("response.created", response=started)
    await emit("response.in_progress", response=started)
    await emit("response.output_item.added", output_index=0, item=_message_item("", "in_progress"))
    part = {"type": "output_text", "text": "", "annotations": []}
    await emit(
        "response.content_part.added",
        item_id="msg_whichlayer",
        output_index=0,
        content_index=0,
        part=part,
    )
    for n, piece in enumerate(CHUNKS):
        if n == 2 and flow.wants_cut(request):
            transport.close(request)
            return resp
        await emit(
            "response.output_text.delta",
            item_id="msg_whichlayer",
            output_index=0,
            content_index=0,
            delta=piece,
            logprobs=[],
        )
    await emit(
        "response.output_text.done",
        item_id="msg_whichlayer",
        output_index=0,
        content_index=0,
        text=ANSWER,
        logprobs=[],
    )
    await emit(
        "response.content_part.done",
        item_id="msg_whichlayer",
        output_index=0,
        content_index=0,
        part={**part, "text": ANSWER},
    )
    await emit("response.output_item.done", output_index=0, item=_message_item(ANSWER))
    await emit("response.completed", response=final)
    return await transport.finish(resp)


async def models(request: web.Request) -> web.StreamResponse:
    _state, call, _key_state, _body = await flow.begin(request)
    data = [
        {"id": m.id, "object": "model", "created": m.created, "owned_by": "system"}
        for m in catalog.models("openai")
    ]
    return flow.json_response(call, {"object": "list", "data": data})


async def model(request: web.Request) -> web.StreamResponse:
    call = request[flow.CALL]
    call.model = request.match_info["model"]
    _state, call, _key_state, _body = await flow.begin(request)
    m = checks.find_model("openai", call.model)
    return flow.json_response(
        call, {"id": m.id, "object": "model", "created": m.created, "owned_by": "system"}
    )


async def embeddings(request: web.Request) -> web.StreamResponse:
    state, call, key_state, body = await flow.begin(request)
    _azure_version(request, call)
    model = _model_for(call, request)
    checks.unknown_params(body, EMBEDDING_PARAMS, model.id)
    checks.billing(call.protocol, key_state, model.id)
    inputs = body.get("input")
    items = inputs if isinstance(inputs, list) else [inputs]
    prompt = catalog.count_tokens(items)
    if prompt > model.context:
        raise Fault("context_length", model=model.id, context=model.context, prompt=prompt)
    as_b64 = body.get("encoding_format") == "base64"
    async with flow.admitted(state, call, model.id, prompt):
        data = [
            {"object": "embedding", "index": i, "embedding": _vector(str(x), as_b64)}
            for i, x in enumerate(items)
        ]
        payload = {
            "object": "list",
            "data": data,
            "model": model.id,
            "usage": {"prompt_tokens": prompt, "total_tokens": prompt},
        }
        return flow.json_response(call, payload)


def _vector(text: str, as_b64: bool) -> Any:
    """A small deterministic unit-ish vector (8 floats) derived from the text."""
    digest = hashlib.sha256(text.encode()).digest()
    floats = [(b - 128) / 128 for b in digest[:8]]
    if as_b64:
        return base64.b64encode(struct.pack("<8f", *floats)).decode()
    return floats
