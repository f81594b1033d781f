"""The aiohttp application of a simulated provider: routes, and the middleware injecting faults."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from aiohttp import web

from whichlayer.simulate import (
    flow,
    ids,
    proto_anthropic,
    proto_gemini,
    proto_openai,
    scenarios,
    transport,
    validate,
)
from whichlayer.simulate.call import Call
from whichlayer.simulate.faults import Fault, Reply
from whichlayer.simulate.state import STATE, SimState
from whichlayer.simulate.wording import anthropic, azure, gemini, openai

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

RENDER = {
    "openai": openai.render,
    "anthropic": anthropic.render,
    "gemini": gemini.render,
    "azure": azure.render,
}
REQUEST_ID = {
    "openai": ids.openai,
    "anthropic": ids.anthropic,
    "gemini": ids.gemini,
    "azure": ids.azure,
}

#: Bodies up to this size are read; Anthropic's own limit (32 MB) must fit under it.
CLIENT_MAX_SIZE = 64 * 1024 * 1024


def protocol_of(request: web.Request, default: str) -> str:
    """Which provider's API this request speaks, from its path, then its headers."""
    path, h = request.path, request.headers
    if path.startswith("/openai/"):
        return "azure"
    if path.startswith("/v1beta") or "x-goog-api-key" in h or ":" in path.rpartition("/")[2]:
        return "gemini"
    if path.startswith("/v1/messages") or "x-api-key" in h or "anthropic-version" in h:
        return "anthropic"
    if path.startswith(("/v1/chat", "/v1/responses", "/v1/embeddings", "/v1/models")):
        return "openai"
    return default if default in RENDER else "openai"


def to_response(reply: Reply, fault: Fault, call: Call) -> web.Response:
    """A rendered fault as an aiohttp response, with the provider's usual headers."""
    headers = {} if reply.content_type.startswith("text/html") else flow.headers(call)
    headers.update(reply.headers)
    if fault.retry_after_s is not None:
        headers["retry-after"] = f"{fault.retry_after_s:g}"
    status = fault.status or reply.status
    resp = web.Response(status=status, body=reply.body, headers=headers)
    resp.content_type = reply.content_type.split(";")[0]
    if "charset" in reply.content_type:
        resp.charset = "UTF-8"
    return resp


@web.middleware
async def inject(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Pick this request's scenario, act out transport faults, and word every Fault."""
    state = request.app[STATE]
    protocol = protocol_of(request, state.dialect)
    call = Call(protocol, request.method, request.path, REQUEST_ID[protocol]())
    request[flow.CALL] = call
    step = state.choose(request)
    request[flow.STEP] = step
    if step.scenario and not scenarios.known(protocol, step.scenario):
        return _unknown_scenario(protocol, step.scenario)
    state.log.append(
        {
            "path": request.path,
            "scenario": step.scenario,
            "request_id": call.request_id,
            "t": time.monotonic(),  # when the request arrived (retry tests check the waits)
        }
    )
    if step.delay_s:
        await asyncio.sleep(step.delay_s)
    early = await _transport_fault(request, state, step.scenario)
    if early is not None:
        return early
    call.slow = step.scenario == "read_timeout:slow_first_byte"
    response = await _answer(request, handler, call)
    if call.slow:  # slow_first_byte on an answer that was not counted as in flight
        await asyncio.sleep(state.slow_s)
    return response


async def _answer(request: web.Request, handler: Handler, call: Call) -> web.StreamResponse:
    """The handler's answer, or its Fault in the provider's words."""
    render = RENDER[call.protocol]
    try:
        return await handler(request)
    except validate.Refusal as refusal:
        return to_response(refusal.render(call), refusal, call)
    except Fault as fault:
        return to_response(render(fault, call), fault, call)
    except (web.HTTPNotFound, web.HTTPMethodNotAllowed):
        wrong_path = Fault("endpoint_mismatch", model=call.model)
        return to_response(render(wrong_path, call), wrong_path, call)


def _unknown_scenario(protocol: str, scenario: str) -> web.Response:
    """A scenario the simulator cannot act out for this protocol: said plainly, as the simulator."""
    message = (
        f"whichlayer simulator: no scenario {scenario!r} for {protocol} "
        "(see: whichlayer simulate --list)"
    )
    body = {
        "error": {
            "message": message,
            "type": "simulator_error",
            "param": None,
            "code": "unknown_scenario",
        }
    }
    return web.json_response(body, status=400)


async def _transport_fault(
    request: web.Request, state: SimState, scenario: str | None
) -> web.StreamResponse | None:
    if scenario == "read_timeout":
        await request.read()
        await asyncio.sleep(state.stall_s)
    elif scenario == "connection_reset":
        await request.read()
        transport.reset(request)
        return web.Response(status=204)  # never delivered: the socket is gone
    return None


def build(state: SimState) -> web.Application:
    """The application serving every provider protocol, faults injected by ``inject``."""
    app = web.Application(middlewares=[inject], client_max_size=CLIENT_MAX_SIZE)
    app[STATE] = state
    app.router.add_post("/v1/chat/completions", proto_openai.chat)
    app.router.add_post("/v1/responses", proto_openai.responses)
    app.router.add_post("/v1/embeddings", proto_openai.embeddings)
    app.router.add_get("/v1/models", _models)
    app.router.add_post("/v1/messages", proto_anthropic.messages)
    app.router.add_post("/v1/messages/count_tokens", proto_anthropic.count_tokens)
    app.router.add_get("/v1beta/models", proto_gemini.list_models)
    app.router.add_get("/v1beta/models/{model}", proto_gemini.get_model)
    app.router.add_post("/v1beta/models/{target}", proto_gemini.model_action)
    # google-genai 3.x calls /v1/models/...; older clients and the docs use /v1beta.
    app.router.add_get("/v1/models/{model}", _model)
    app.router.add_post("/v1/models/{target}", proto_gemini.model_action)
    app.router.add_post("/openai/deployments/{deployment}/chat/completions", proto_openai.chat)
    app.router.add_post("/openai/deployments/{deployment}/embeddings", proto_openai.embeddings)
    return app


async def _models(request: web.Request) -> web.StreamResponse:
    """``GET /v1/models`` answers in Anthropic's format to Anthropic callers, else OpenAI's."""
    protocol = request[flow.CALL].protocol
    if protocol == "anthropic":
        return await proto_anthropic.models(request)
    if protocol == "gemini":
        return await proto_gemini.list_models(request)
    return await proto_openai.models(request)


async def _model(request: web.Request) -> web.StreamResponse:
    if request[flow.CALL].protocol == "gemini":
        return await proto_gemini.get_model(request)
    return await proto_openai.model(request)
