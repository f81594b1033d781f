"""The shared start and end of every API handler: forced faults, auth, body, headers, limits."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from aiohttp import web

from whichlayer.simulate import checks, scenarios
from whichlayer.simulate.call import Call
from whichlayer.simulate.faults import Fault
from whichlayer.simulate.keys import ORG_ID
from whichlayer.simulate.limits import Snapshot
from whichlayer.simulate.script import Step
from whichlayer.simulate.state import STATE, SimState
from whichlayer.simulate.wording import anthropic as anthropic_words
from whichlayer.simulate.wording import openai as openai_words

CALL: web.RequestKey[Call] = web.RequestKey("whichlayer_sim_call", Call)
STEP: web.RequestKey[Step] = web.RequestKey("whichlayer_sim_step", Step)

#: Scenarios acted out by the middleware or the answer writers, not raised as a Fault.
NOT_FORCED = frozenset(scenarios.TRANSPORT) | frozenset(scenarios.TLS) | {"overloaded:mid_stream"}


def is_forced(step: Step) -> bool:
    return step.scenario is not None and step.scenario not in NOT_FORCED


async def begin(request: web.Request) -> tuple[SimState, Call, str, dict[str, Any]]:
    """Read the body, apply a forced scenario, authenticate: (state, call, key state, body)."""
    state = request.app[STATE]
    call = request[CALL]
    step = request[STEP]
    raw = await request.read()
    body, where = checks.parse_body(raw)
    if body is not None:
        if body.get("model") and not call.model:
            call.model = str(body["model"])
        call.stream = call.stream or bool(body.get("stream"))
        call.body = body
    if is_forced(step):
        call.key = checks.read_key(request, call.protocol)
        raise checks.forced(step, call, state.limiter)
    key_state = checks.authenticate(request, call, state.keys)
    if body is None:
        raise Fault("malformed_body", model=call.model, where=where)
    return state, call, key_state, body


@contextlib.asynccontextmanager
async def admitted(state: SimState, call: Call, model: str, tokens: int) -> AsyncIterator[Snapshot]:
    """Count the request against RPM/TPM/concurrency for its whole duration."""
    key = call.key or ""
    call.snapshot = state.limiter.admit(key, model, tokens)
    try:
        if call.slow:
            # a slow first byte: the request is in flight (and counted) while the server thinks
            call.slow = False
            await asyncio.sleep(state.slow_s)
        yield call.snapshot
    finally:
        state.limiter.release(key, model)


def headers(call: Call) -> dict[str, str]:
    """The response headers each provider sends on every answer, success or not."""
    snap = call.snapshot
    if call.protocol == "openai":
        out = {
            "x-request-id": call.request_id,
            "openai-organization": ORG_ID["openai"],
            "openai-processing-ms": "42",
            "openai-version": "2020-10-01",
        }
        if snap is not None:
            out.update(openai_words.rate_headers(snap))
        return out
    if call.protocol == "anthropic":
        out = {"request-id": call.request_id, "anthropic-organization-id": ORG_ID["anthropic"]}
        if snap is not None:
            out.update(anthropic_words.rate_headers(snap))
        return out
    if call.protocol == "azure":
        out = {
            "apim-request-id": call.request_id,
            "x-request-id": call.request_id,
            "x-ms-region": "East US",
        }
        if snap is not None:
            out["x-ratelimit-remaining-requests"] = str(snap.rpm_remaining)
            out["x-ratelimit-remaining-tokens"] = str(snap.tpm_remaining)
        return out
    return {"server": "scaffolding on HTTPServer2"}


def json_response(call: Call, payload: Any, status: int = 200) -> web.Response:
    return web.json_response(payload, status=status, headers=headers(call))


def wants_cut(request: web.Request) -> bool:
    return request[STEP].scenario == "connection_reset:mid_stream"


def wants_overload(request: web.Request) -> bool:
    return request[STEP].scenario == "overloaded:mid_stream"
