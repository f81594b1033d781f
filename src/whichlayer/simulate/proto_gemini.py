"""The Gemini API (v1beta): models, generateContent, streamGenerateContent (``alt=sse``)."""

from __future__ import annotations

import secrets
from typing import Any

from aiohttp import web

from whichlayer.simulate import act, catalog, checks, flow, transport, validate
from whichlayer.simulate.call import Call
from whichlayer.simulate.faults import Fault
from whichlayer.simulate.sse_text import ANSWER, CHUNKS, OUTPUT_TOKENS

PARAMS = frozenset(
    [
        "contents",
        "tools",
        "toolConfig",
        "safetySettings",
        "systemInstruction",
        "generationConfig",
        "cachedContent",
        "labels",
        "model",
        "tool_config",
        "safety_settings",
        "system_instruction",
        "generation_config",
        "cached_content",
    ]
)


def _model_entry(m: catalog.Model) -> dict[str, Any]:
    methods = ["embedContent"] if m.kind == "embedding" else ["generateContent", "countTokens"]
    return {
        "name": f"models/{m.id}",
        "version": "001",
        "displayName": m.display_name or m.id,
        "inputTokenLimit": m.context,
        "outputTokenLimit": m.max_output,
        "supportedGenerationMethods": methods,
    }


async def list_models(request: web.Request) -> web.StreamResponse:
    _state, call, _key_state, _body = await flow.begin(request)
    return flow.json_response(call, {"models": [_model_entry(m) for m in catalog.models("gemini")]})


async def get_model(request: web.Request) -> web.StreamResponse:
    call = request[flow.CALL]
    call.model = request.match_info["model"]
    _state, call, _key_state, _body = await flow.begin(request)
    return flow.json_response(call, _model_entry(checks.find_model("gemini", call.model)))


async def model_action(request: web.Request) -> web.StreamResponse:
    """``POST /v1beta/models/{model}:{action}``."""
    call = request[flow.CALL]
    model_id, _, action = request.match_info["target"].partition(":")
    call.model = model_id
    call.stream = action == "streamGenerateContent"
    if action not in ("generateContent", "streamGenerateContent", "countTokens"):
        raise Fault("endpoint_mismatch", model=model_id)
    state, call, key_state, body = await flow.begin(request)
    model = checks.find_model("gemini", model_id)
    checks.unknown_params(body, PARAMS, model.id)
    validate.gemini(request, body, model)
    prompt = catalog.count_tokens(body.get("contents")) + catalog.count_tokens(
        body.get("systemInstruction")
    )
    call.prompt_tokens = prompt
    if action == "countTokens":
        return flow.json_response(call, {"totalTokens": prompt})
    checks.billing(call.protocol, key_state, model.id)
    if prompt > model.context:
        raise Fault("context_length", model=model.id, context=model.context, prompt=prompt)
    async with flow.admitted(state, call, model.id, prompt):
        if call.stream:
            return await _stream(request, call, model.id, prompt)
        payload = act.gemini(_response(model.id, prompt, _answer_text(body), "STOP"), body)
        if flow.wants_cut(request):
            return await transport.cut_body(
                request, 200, flow.headers(call), transport.json_dumps(payload).encode()
            )
        return flow.json_response(call, payload)


def _answer_text(body: dict[str, Any]) -> str:
    """The answer; JSON fitting the schema when the caller asked for JSON (Gemini CLI's router)."""
    config = body.get("generationConfig") or body.get("generation_config") or {}
    if not isinstance(config, dict) or config.get("responseMimeType") != "application/json":
        return ANSWER
    schema = config.get("responseJsonSchema") or config.get("responseSchema") or {}
    return transport.json_dumps(_instance(schema))


def _instance(schema: Any) -> Any:
    """A small value that satisfies a (Gemini-flavoured) JSON schema."""
    if not isinstance(schema, dict):
        return ANSWER
    if schema.get("enum"):
        return schema["enum"][0]
    kind = str(schema.get("type", "string")).lower()
    if kind == "object":
        props = schema.get("properties") or {}
        return {str(k): _instance(v) for k, v in props.items()}
    if kind == "array":
        return [_instance(schema.get("items"))]
    return {"integer": 1, "number": 1, "boolean": True}.get(kind, ANSWER)


def _response(model: str, prompt: int, text: str, finish: str | None) -> dict[str, Any]:
    candidate: dict[str, Any] = {
        "content": {"parts": [{"text": text}], "role": "model"},
        "index": 0,
    }
    if finish:
        candidate["finishReason"] = finish
    return {
        "candidates": [candidate],
        "usageMetadata": {
            "promptTokenCount": prompt,
            "candidatesTokenCount": OUTPUT_TOKENS,
            "totalTokenCount": prompt + OUTPUT_TOKENS,
        },
        "modelVersion": model,
        "responseId": secrets.token_urlsafe(16),
    }


async def _stream(request: web.Request, call: Call, model: str, prompt: int) -> web.StreamResponse:
    resp = await transport.open_sse(request, flow.headers(call))
    for n, piece in enumerate(CHUNKS):
        if n == 2 and flow.wants_cut(request):
            transport.close(request)
            return resp
        finish = "STOP" if n == len(CHUNKS) - 1 else None
        await transport.send_event(
            resp, transport.json_dumps(_response(model, prompt, piece, finish)), crlf=True
        )
    return await transport.finish(resp)
