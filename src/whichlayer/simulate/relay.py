"""Relay mode: a one-api/new-api, OpenRouter or LiteLLM-shaped relay before simulated upstreams.

The relay has its own tokens (with states), one group (``default``), channels
(each an upstream plus the relay's key for it) and model routes. It answers
relay-side failures itself and passes upstream failures on the way each relay
does, so "the relay's token is bad" and "the relay's upstream key is bad"
answer differently to the same probe.
"""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import aiohttp
from aiohttp import web

from whichlayer.simulate import app as sim_app
from whichlayer.simulate import catalog, ids, scenarios, transport
from whichlayer.simulate import relay_translate as translate
from whichlayer.simulate.keys import KeyStore
from whichlayer.simulate.limits import Limiter
from whichlayer.simulate.script import OK, Step
from whichlayer.simulate.state import SCENARIO_HEADER, SimState
from whichlayer.simulate.wording import relay as words

if TYPE_CHECKING:
    from whichlayer.simulate._server import SimServer

#: Relay token states; the relay answers each in its own words.
TOKEN_STATES = ("valid", "expired", "exhausted", "no_balance", "disabled")
GROUP = "default"
#: How long the relay waits for its upstream (it then reports do_request_failed).
UPSTREAM_TIMEOUT_S = 30.0
#: Paths the relay serves (OpenAI-compatible, as one-api does).
PATHS = ("/v1/chat/completions", "/v1/embeddings", "/v1/responses")


@dataclass(frozen=True, slots=True)
class Channel:
    name: str
    key_state: str  # the state of the relay's own key at the upstream ("valid", "unknown", ...)
    models: tuple[str, ...]
    #: the upstream's protocol: openai (passed through), anthropic or gemini (chat translated)
    vendor: str = "openai"


@dataclass(frozen=True, slots=True)
class Setup:
    """A relay's channels and the faults its upstreams show (``SimServer(relay_setup=...)``).

    ``model_faults``: model -> scenario the upstream acts out for every request for that
    model; ``tools_fault``: the scenario it acts out for a chat request carrying ``tools``.
    Named setups for ``whichlayer probe``'s scenarios are in ``relay_setups``.
    """

    channels: tuple[Channel, ...] = ()
    model_faults: tuple[tuple[str, str], ...] = ()
    tools_fault: str | None = None
    #: seconds the relay takes before answering each request (a real relay's round trip)
    latency_s: float = 0.0
    #: LiteLLM flavor: the relay key's max_parallel_requests (its own 429 beyond it)
    max_parallel: int | None = None
    # -- capability breaks (``whichlayer probe --capabilities``): what the relay's channel does
    #: drops ``tools`` / ``tool_choice`` / ``parallel_tool_calls`` before forwarding, silently
    strip_tools: bool = False
    #: drops ``response_format`` before forwarding, silently
    ignore_response_format: bool = False
    #: holds a stream's frames and sends them all at the end
    buffer_stream: bool = False
    #: the upstream model's pace: seconds between two stream frames
    stream_gap_s: float = 0.0
    #: the channel's deployment refuses prompts above this many tokens (below the model's window)
    context_cap: int | None = None
    #: the upstream channel's concurrency limit (its 429 beyond it, rewritten by the relay)
    channel_parallel: int | None = None
    #: the upstream model writes this many tokens of text unless ``max_tokens`` stops it
    #: (acted out on non-streamed chat text answers at the relay's hop)
    answer_tokens: int | None = None
    #: the channel overrides ``max_tokens`` with this value (0: drops it), as a channel's
    #: parameter override does
    max_tokens_override: int | None = None


#: Model routes: which channel serves which model. A model in no channel gets "no channel".
CHANNELS = (
    Channel("openai-main", "valid", ("gpt-4o-mini", "gpt-4o", "text-embedding-3-small")),
    Channel("openai-stale-key", "unknown", ("gpt-4.1",)),  # the relay's upstream key is wrong
    Channel("openai-no-credit", "no_balance", ("o3-mini",)),  # the upstream account has no credit
)
#: The channel a forced upstream_key_invalid request is routed through.
STALE = CHANNELS[1]


def token(flavor: str, state: str) -> str:
    """A relay token in the flavor's shape (one-api ``sk-`` + 48; ``sk-or-v1-`` + 64 hex)."""
    digest = hashlib.sha256(f"whichlayer-relay:{flavor}:{state}".encode()).hexdigest()
    if flavor == "openrouter":
        return "sk-or-v1-" + (digest * 2)[:64]
    return "sk-" + (state.replace("_", "") + digest)[:48]


class Relay:
    """The relay application plus its upstream simulators and HTTP client."""

    def __init__(self, server: SimServer, upstream_url: str, upstream_state: SimState):
        self.server = server
        self.flavor = server.flavor
        self.upstream_url = upstream_url
        self.upstream_state = upstream_state
        self.tokens = {state: token(self.flavor, state) for state in TOKEN_STATES}
        self.tokens["unknown"] = token(self.flavor, "never-issued")
        self._token_state = {v: k for k, v in self.tokens.items() if k != "unknown"}
        self.state = SimState(
            "openai",
            KeyStore(),
            Limiter(server.limits),
            stall_s=server.stall_s,
            slow_s=server.slow_s,
        )
        if server.scenario and server.scenario != "ok":
            self.state.default = Step(scenario=server.scenario)
        if server._file is not None:
            self.state.script = server._file.script
        self.session: aiohttp.ClientSession | None = None
        setup = getattr(server, "relay_setup", None)
        self.setup: Setup = setup if isinstance(setup, Setup) else Setup(CHANNELS)
        self.channels = self.setup.channels or CHANNELS
        self._in_flight: dict[str, int] = {}
        self._channel_flight = 0
        self.app = self._build()

    def _build(self) -> web.Application:
        application = web.Application(client_max_size=sim_app.CLIENT_MAX_SIZE)
        for path in PATHS:
            application.router.add_post(path, self.handle)
        application.router.add_get("/v1/models", self.models)
        return application

    async def close(self) -> None:
        if self.session is not None:
            await self.session.close()

    # -- request handling -----------------------------------------------------------------------

    def request_id(self) -> str:
        if self.flavor == "litellm":
            return ids.litellm()
        if self.flavor == "openrouter":
            return ids.openrouter()
        return ids.one_api()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        rid = self.request_id()
        limit = self.setup.max_parallel if self.flavor == "litellm" else None
        if limit is None:
            return await self._handle(request, rid)
        key = _bearer(request)
        if self._in_flight.get(key, 0) >= limit:
            return self._local("concurrency", rid, "", request, limit=limit)
        self._in_flight[key] = self._in_flight.get(key, 0) + 1
        try:
            return await self._handle(request, rid)
        finally:
            self._in_flight[key] -= 1

    async def _handle(self, request: web.Request, rid: str) -> web.StreamResponse:
        if self.setup.latency_s:
            await asyncio.sleep(self.setup.latency_s)
        step = self.state.choose(request)
        if step.scenario and not scenarios.known(f"relay:{self.flavor}", step.scenario):
            return sim_app._unknown_scenario(f"relay:{self.flavor}", step.scenario)
        early = await sim_app._transport_fault(request, self.state, step.scenario)
        if early is not None:
            return early
        if step.scenario == "read_timeout:slow_first_byte":
            await asyncio.sleep(self.state.slow_s)
        scenario = step.scenario or ""
        cause, variant = scenarios.split(scenario)
        if variant.startswith(("nginx", "cloudflare")):
            from whichlayer.simulate import html

            return self._html(html.page(variant))
        raw = await request.read()
        body = _json(raw)
        model = str(body.get("model", "")) if body else ""
        local = self._local_fault(request, scenario, model)
        if local is not None:
            return self._local(local, rid, model, request)
        channel = self._route(model, scenario)
        if channel is None:
            return self._local("model_not_found", rid, model, request)
        forward = scenario if cause in _UPSTREAM_CAUSES else None
        forward = forward or self._setup_fault(model, body)
        cut = scenario == "connection_reset:mid_stream"
        raw, capped = self._channel_changes(body, raw, model, rid)
        if capped is not None:
            return capped
        limit = self.setup.channel_parallel
        if limit is None:
            return await self._forward(request, raw, channel, forward, rid, model, cut)
        over = self._channel_flight >= limit
        self._channel_flight += 1
        try:
            forward = "rpm" if over else forward  # the upstream's own 429, as the relay words it
            await asyncio.sleep(self.setup.latency_s)  # the slot is held while it generates
            return await self._forward(request, raw, channel, forward, rid, model, cut)
        finally:
            self._channel_flight -= 1

    def _channel_changes(
        self, body: dict[str, Any], raw: bytes, model: str, rid: str
    ) -> tuple[bytes, web.Response | None]:
        """The setup's capability breaks: fields dropped on the way, a context cap."""
        import json

        setup = self.setup
        if setup.context_cap is not None and body:
            prompt = catalog.count_tokens(body.get("messages")) + catalog.count_tokens(
                body.get("tools")
            )
            if prompt > setup.context_cap:
                text = (
                    f"This model's maximum context length is {setup.context_cap} tokens. "
                    f"However, your messages resulted in {prompt} tokens. Please reduce the "
                    "length of the messages."
                )
                error = {
                    "error": {
                        "message": text,
                        "type": "invalid_request_error",
                        "param": "messages",
                        "code": "context_length_exceeded",
                    }
                }
                status, out = self._rewrite(400, json.dumps(error).encode(), rid, model)
                return raw, web.Response(
                    status=status,
                    body=out,
                    content_type="application/json",
                    headers=self._headers(rid),
                )
        drop: tuple[str, ...] = ()
        if setup.strip_tools:
            drop += ("tools", "tool_choice", "parallel_tool_calls")
        if setup.ignore_response_format:
            drop += ("response_format",)
        override = setup.max_tokens_override
        if override is not None and body and "max_tokens" in body:
            drop += ("max_tokens",)
        if body and any(k in body for k in drop):
            kept = {k: v for k, v in body.items() if k not in drop}
            if override:
                kept["max_tokens"] = override
            return json.dumps(kept).encode(), None
        return raw, None

    def _local_fault(self, request: web.Request, scenario: str, model: str) -> str | None:
        """A relay-side cause (forced, or from the token's state), checked in the relay's order."""
        if scenario in words.RELAY_SIDE[self.flavor]:
            return scenario.split(":")[0]
        key = _bearer(request)
        if not key:
            return "key_missing"
        state = self._token_state.get(key) or _relay_alias(key)
        if state is None:
            return "key_invalid"
        return {
            "expired": "key_expired",
            "exhausted": "quota_exhausted",
            "disabled": "key_invalid" if self.flavor != "new-api" else "key_expired",
            "no_balance": "insufficient_balance",
        }.get(state)

    def _setup_fault(self, model: str, body: dict[str, Any] | None) -> str | None:
        """The fault this relay's setup gives the upstream for this request, if any."""
        if self.setup.tools_fault and body and body.get("tools"):
            return self.setup.tools_fault
        return dict(self.setup.model_faults).get(model)

    def _route(self, model: str, scenario: str) -> Channel | None:
        if scenario == "upstream_key_invalid":
            return STALE
        for channel in self.channels:
            if model in channel.models:
                return channel
        return None

    def _local(
        self, cause: str, rid: str, model: str, request: web.Request, limit: int = 0
    ) -> web.Response:
        if cause in ("quota_exhausted", "insufficient_balance") and self.flavor == "litellm":
            cause = "billing_cap"  # a LiteLLM key's budget is the one money limit it has
        if cause == "quota_exhausted" and self.flavor == "openrouter":
            cause = "insufficient_balance"
        if cause == "key_expired" and self.flavor == "openrouter":
            cause = "key_invalid"
        if self.flavor == "openrouter":
            status, body = words.openrouter_local(cause, model=model)
        elif self.flavor == "litellm":
            key = _bearer(request)
            key_hash = hashlib.sha256(key.encode()).hexdigest()
            status, body = words.litellm_local(
                cause, model=model, key=key, key_hash=key_hash, limit=limit
            )
        else:
            status, body = words.oneapi_local(self.flavor, cause, rid, model=model, group=GROUP)
        return web.Response(
            status=status, body=body, content_type="application/json", headers=self._headers(rid)
        )

    def _headers(self, rid: str) -> dict[str, str]:
        if self.flavor == "litellm":
            return {"x-litellm-call-id": rid, "x-litellm-version": words.LITELLM_VERSION}
        if self.flavor == "openrouter":
            return {"x-generation-id": rid}
        # both one-api and new-api keep this header name (peers.md §3.2)
        return {"X-Oneapi-Request-Id": rid}

    def _html(self, reply: Any) -> web.Response:
        resp = web.Response(status=reply.status, body=reply.body, headers=reply.headers)
        resp.content_type = "text/html"
        return resp

    # -- the upstream hop -----------------------------------------------------------------------

    def _upstream_key(self, channel: Channel) -> str:
        if channel.key_state == "unknown":
            return "sk-proj-relaychannelkeythatwasrotatedaway0000000000000000"
        return self.upstream_state.keys.keys(channel.vendor)[channel.key_state]

    async def _forward(
        self,
        request: web.Request,
        raw: bytes,
        channel: Channel,
        scenario: str | None,
        rid: str,
        model: str,
        cut: bool = False,
    ) -> web.StreamResponse:
        headers = {
            "Authorization": f"Bearer {self._upstream_key(channel)}",
            "Content-Type": "application/json",
        }
        url = self.upstream_url + request.path
        translated = channel.vendor != "openai" and request.path == "/v1/chat/completions"
        if translated:
            url, headers, raw = translate.request(
                self.upstream_url, channel.vendor, self._upstream_key(channel), raw
            )
        if scenario == "relay_upstream_error":
            headers[SCENARIO_HEADER] = "connection_reset"
        elif scenario and scenario != "upstream_key_invalid":
            headers[SCENARIO_HEADER] = scenario
        if self.session is None:
            self.session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=UPSTREAM_TIMEOUT_S)
            )
        try:
            async with self.session.post(url, data=raw, headers=headers) as up:
                if up.status == 200 and translated:
                    reply = translate.reply(channel.vendor, model, await up.read())
                    return web.json_response(reply, headers=self._headers(rid))
                verbose = self.setup.answer_tokens
                if up.status == 200 and verbose and not cut and "json" in up.content_type:
                    long = _long_answer(await up.read(), raw, verbose)
                    return web.Response(
                        body=long, content_type="application/json", headers=self._headers(rid)
                    )
                if up.status == 200:
                    return await self._pass_through(request, up, rid, cut)
                status, body = self._rewrite(up.status, await up.read(), rid, model)
        except (TimeoutError, aiohttp.ClientError):
            return self._local("relay_upstream_error", rid, model, request)
        return web.Response(
            status=status, body=body, content_type="application/json", headers=self._headers(rid)
        )

    def _rewrite(self, status: int, body: bytes, rid: str, model: str) -> tuple[int, bytes]:
        if self.flavor == "openrouter":
            return words.openrouter_upstream(status, body, model)
        if self.flavor == "litellm":
            return words.litellm_upstream(status, body, model)
        return words.oneapi_upstream(status, body, rid)

    async def _pass_through(
        self, request: web.Request, up: aiohttp.ClientResponse, rid: str, cut: bool
    ) -> web.StreamResponse:
        """Stream the upstream's answer on; ``cut`` closes the client connection halfway."""
        headers = self._headers(rid)
        if cut:
            full = await up.read()
            return await transport.cut_body(
                request, 200, {**headers, "Content-Type": up.content_type}, full
            )
        resp = web.StreamResponse(status=200, headers=headers)
        resp.content_type = up.content_type
        await resp.prepare(request)
        paced = self.setup.stream_gap_s or self.setup.buffer_stream
        if paced and "event-stream" in up.content_type:
            return await self._paced(request, resp, up)
        try:
            async for chunk in up.content.iter_any():
                await resp.write(chunk)
        except (TimeoutError, aiohttp.ClientError):
            transport.close(request)  # the upstream broke mid-answer: so does the relay
            return resp
        return await transport.finish(resp)

    async def _paced(
        self, request: web.Request, resp: web.StreamResponse, up: aiohttp.ClientResponse
    ) -> web.StreamResponse:
        """A stream at the upstream model's pace (one frame every ``stream_gap_s``), or, when
        the channel buffers, every frame held until the last and sent at once."""
        try:
            text = (await up.read()).decode("utf-8", "replace")
        except (TimeoutError, aiohttp.ClientError):
            transport.close(request)
            return resp
        frames = [f + "\n\n" for f in text.split("\n\n") if f.strip()]
        gap = self.setup.stream_gap_s
        if self.setup.buffer_stream:
            await asyncio.sleep(gap * len(frames))
            await resp.write("".join(frames).encode())
            return await transport.finish(resp)
        for frame in frames:
            await asyncio.sleep(gap)
            await resp.write(frame.encode())
        return await transport.finish(resp)

    async def models(self, request: web.Request) -> web.StreamResponse:
        rid = self.request_id()
        if self.setup.latency_s:
            await asyncio.sleep(self.setup.latency_s)
        cause = self._local_fault(request, "", "")
        if cause is not None:
            return self._local(cause, rid, "", request)
        data = [
            {"id": m, "object": "model", "created": 1_700_000_000, "owned_by": channel.vendor}
            for channel in self.channels
            for m in channel.models
        ]
        return web.json_response(
            {"object": "list", "data": data, "success": True}, headers=self._headers(rid)
        )


#: Causes the relay passes on to its upstream by forwarding the scenario header.
_UPSTREAM_CAUSES = frozenset(scenarios.split(s)[0] for s in words.FORWARDED)


def _long_answer(reply: bytes, sent: bytes, tokens: int) -> bytes:
    """A verbose model's text answer: ``tokens`` words, stopped at the ``max_tokens`` the
    upstream was sent (finish_reason ``length``). Tool calls and JSON answers are left alone."""
    import json

    try:
        data = json.loads(reply)
        body = json.loads(sent or b"{}")
        choice = data["choices"][0]
        content = choice["message"].get("content")
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return reply
    if not isinstance(content, str) or choice["message"].get("tool_calls"):
        return reply
    if content.lstrip().startswith(("{", "[")):
        return reply
    limit = body.get("max_tokens") if isinstance(body, dict) else None
    n = min(tokens, limit) if isinstance(limit, int) and limit > 0 else tokens
    choice["message"]["content"] = " ".join(str(i) for i in range(1, n + 1))
    choice["finish_reason"] = "length" if n < tokens else "stop"
    usage = data.get("usage")
    if isinstance(usage, dict):
        usage["completion_tokens"] = n
        usage["total_tokens"] = int(usage.get("prompt_tokens") or 0) + n
    return json.dumps(data).encode()


def _relay_alias(key: str) -> str | None:
    state = key[4:] if key.startswith("sim-") else None
    return state if state in TOKEN_STATES else None


def _bearer(request: web.Request) -> str:
    value = request.headers.get("Authorization", "")
    return value[7:].strip() if value[:7].lower() == "bearer " else ""


def _json(raw: bytes) -> dict[str, Any]:
    import json

    try:
        data = json.loads(raw or b"{}")
    except (ValueError, UnicodeDecodeError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


async def start(server: SimServer) -> Relay:
    """Start the upstream simulator on this loop, then build the relay in front of it."""
    upstream_state = SimState(
        "openai", KeyStore(), Limiter(), stall_s=server.stall_s, slow_s=server.slow_s
    )
    upstream_state.default = OK
    port = await server.serve(sim_app.build(upstream_state), 0)
    _ = catalog  # the upstream's catalogue decides which routed models exist
    return Relay(server, f"http://{server.host}:{port}", upstream_state)
