"""``whichlayer probe --capabilities``: does this route do what the real task needs?

The seed article: "If the minimal request succeeds but the real task fails, look at context
length, tool calls, output format, concurrency, and model capability." Each capability is
tested by the smallest request that answers it, within ``--max-requests`` and
``--max-tokens-total``; with a direct arm, a capability that fails through the relay is tried
again without it, so "the relay drops tools" is told from "the model cannot".

- ``stream``: time to first token; frames arrive one by one (not all at the end); a clean end.
- ``tools``: a forced tool call comes back well-formed; the tool-result turn is accepted.
- ``json``: structured output against a small JSON schema validates.
- ``vision``: a tiny generated PNG is accepted.
- ``context``: the largest prompt the route takes, against the model's documented window.
- ``concurrency``: N one-token requests at once; how many pass before 429/503.
- ``long_output``: ``max_tokens`` honoured (neither exceeded nor cut short by the route).
"""

from __future__ import annotations

import asyncio
import base64
import json
import math
import struct
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx2

from whichlayer.check import protocols
from whichlayer.check.deadline import Deadline
from whichlayer.check.model import Target
from whichlayer.probe import send as _send
from whichlayer.redact import redact_text

CAPABILITIES = ("stream", "tools", "json", "vision", "context", "concurrency", "long_output")
#: The capabilities each protocol's probe speaks (others: not yet).
SUPPORTED = {"chat_completions": CAPABILITIES}
#: Who owns a capability's fix (ids for --json, and how they read).
CAP_OWNERS = {
    "model": "the model itself (it fails the same way without the relay)",
    "relay_channel": "the relay's upstream channel (the relay operator fixes it)",
    "adapter": "the relay's protocol adapter (its translation of this feature)",
    "plan_limits": "your plan's limits (the provider's rate, concurrency or context tier)",
    "relay_account": "your relay account (the relay key's own limits)",
    "you": "you (your key or your request)",
    "network_path": "the network path between you and the service",
    "budget": "this run's limits (--max-tokens-total / --max-requests): raise them to test it",
}
#: Documented context windows (tokens, prompt + output), from the providers' model pages
#: (platform.openai.com models, docs.claude.com "Models overview", ai.google.dev models).
#: ``--context-window`` overrides; a model not here needs it for the ``context`` check.
WINDOWS = {
    "gpt-4o-mini": 128_000,
    "gpt-4o": 128_000,
    "gpt-4.1": 1_047_576,
    "gpt-4.1-mini": 1_047_576,
    "o3-mini": 200_000,
    "o4-mini": 200_000,
    "claude-haiku-4-5": 200_000,
    "claude-sonnet-4-6": 200_000,
    "claude-opus-4-6": 200_000,
    "gemini-2.0-flash": 1_048_576,
    "gemini-2.5-flash": 1_048_576,
    "gemini-2.5-pro": 1_048_576,
    "deepseek-chat": 64_000,
}
#: Requests sent at once by ``concurrency``.
CONCURRENCY_N = 8
#: Output tokens ``long_output`` asks for.
LONG_OUTPUT_TOKENS = 64
DEFAULT_MAX_TOKENS_TOTAL = 150_000
#: The context check's first prompt: this share of the documented window.
CONTEXT_SHARE = 0.9
#: At most this many context requests per route (a binary search when no limit is quoted).
CONTEXT_STEPS = 5
#: Frames all within this share of the stream's duration: buffered, not streamed.
BUFFERED_SHARE = 0.1
_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
            "additionalProperties": False,
        },
    },
}
_SCHEMA = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "population": {"type": "integer"}},
    "required": ["city", "population"],
    "additionalProperties": False,
}
_FILLER = "data "


def tokens_of(value: Any) -> int:
    """The run's token estimate: about four characters a token."""
    return math.ceil(len(json.dumps(value, ensure_ascii=False)) / 4)


def png(width: int = 8, height: int = 8, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A tiny valid PNG, generated here (no image of anyone's is sent)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@dataclass(slots=True)
class Sent:
    """One capability request and what came back."""

    n: int
    capability: str
    route: str
    status: int | None
    ok: bool
    ms: float
    tokens: int  # estimated prompt + asked output
    data: Any = None
    layer: str | None = None
    cause: str | None = None
    origin: str | None = None
    request_id: str | None = None
    detail: str = ""
    # streams: seconds from the start to each data event's arrival, and how it ended
    events: list[tuple[float, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "capability": self.capability,
            "route": self.route,
            "status": self.status,
            "ok": self.ok,
            "ms": round(self.ms, 1),
            "tokens": self.tokens,
            "layer": self.layer,
            "cause": self.cause,
            "origin": self.origin,
            "request_id": self.request_id,
            "detail": self.detail,
        }


@dataclass(slots=True)
class Outcome:
    """One cell of the capability x route table."""

    capability: str
    route: str
    status: str  # pass | fail | degraded | skipped
    figure: str
    measured: dict[str, Any] = field(default_factory=dict)
    owner: str | None = None
    layer: str | None = None
    cause: str | None = None
    origin: str | None = None
    note: str = ""
    rows: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "capability": self.capability,
            "route": self.route,
            "status": self.status,
            "figure": self.figure,
            "measured": self.measured,
            "owner": self.owner,
            "layer": self.layer,
            "cause": self.cause,
            "origin": self.origin,
            "note": self.note,
            "rows": self.rows,
        }


@dataclass(slots=True)
class CapPlan:
    capability: str
    requests: int
    tokens: int
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "capability": self.capability,
            "requests": self.requests,
            "tokens": self.tokens,
            "note": self.note,
        }


class CapBudget:
    def __init__(self, requests: int, tokens: int) -> None:
        self.max_requests = requests
        self.max_tokens = tokens
        self.requests = 0
        self.tokens = 0

    def fits(self, requests: int, tokens: int) -> bool:
        return (
            self.requests + requests <= self.max_requests
            and self.tokens + tokens <= self.max_tokens
        )


def parse_list(text: str | None, protocol: str) -> list[str]:
    """``--capabilities [LIST]``: the names, checked; ValueError names the known ones."""
    known = SUPPORTED.get(protocol)
    if known is None:
        raise ValueError(f"--capabilities speaks {', '.join(SUPPORTED)} for now, not {protocol}")
    if text is None or text.strip() in ("", "all"):
        return list(known)
    names = [n.strip() for n in text.split(",") if n.strip()]
    bad = [n for n in names if n not in known]
    if bad:
        raise ValueError(f"unknown capability {bad[0]!r}; one of {', '.join(known)}")
    return list(dict.fromkeys(names))


class Capabilities:
    """The capability run over one target (and, for what fails there, the direct arm)."""

    def __init__(
        self,
        target: Target,
        direct: Target | None,
        model: str,
        names: list[str],
        *,
        max_requests: int,
        max_tokens_total: int,
        deadline: Deadline,
        via_relay: bool,
        window: int | None = None,
        direct_model: str | None = None,
        on_plan: Callable[[str], None] | None = None,
    ) -> None:
        self.target = target
        self.direct = direct
        self.model = model
        self.direct_model = direct_model or model
        self.names = names
        self.budget = CapBudget(max_requests, max_tokens_total)
        self.deadline = deadline
        self.via_relay = via_relay
        self.window = window or WINDOWS.get(model.split("/")[-1])
        self.say = on_plan or (lambda line: None)
        self.sent: list[Sent] = []
        self.outcomes: list[Outcome] = []
        self.plan: list[CapPlan] = []
        self.clients: dict[str, httpx2.AsyncClient] = {}

    # -- the plan ---------------------------------------------------------------------------

    def make_plan(self) -> list[CapPlan]:
        fixed = {
            "stream": (1, tokens_of(self._body("stream")) + 16, "one streamed 16-token answer"),
            "tools": (
                2,
                tokens_of(self._body("tools")) + 64 + tokens_of(self._tool_result_body({})) + 64,
                "a forced tool call, then the tool-result turn",
            ),
            "json": (1, tokens_of(self._body("json")) + 64, "one answer under a small schema"),
            "vision": (1, tokens_of(self._body("vision")) + 85 + 16, "one 8x8 PNG"),
            "concurrency": (
                CONCURRENCY_N,
                CONCURRENCY_N * (tokens_of(self._body("concurrency")) + 1),
                f"{CONCURRENCY_N} one-token requests at once",
            ),
            "long_output": (
                1,
                tokens_of(self._body("long_output")) + LONG_OUTPUT_TOKENS,
                f"one answer asking for {LONG_OUTPUT_TOKENS} tokens",
            ),
        }
        routes = 2 if self.direct is not None else 1
        plan = [CapPlan(n, *fixed[n]) for n in self.names if n in fixed]
        fixed_tokens = sum(p.tokens for p in plan) * routes
        fixed_requests = sum(p.requests for p in plan) * routes
        if "context" in self.names:
            left = max(0, self.budget.max_tokens - self.budget.tokens - fixed_tokens)
            steps = max(0, min(CONTEXT_STEPS, self.budget.max_requests - fixed_requests))
            if self.window is None:
                note = "skipped: the model's window is unknown (give --context-window)"
                plan.append(CapPlan("context", 0, 0, note))
            else:
                first = min(int(self.window * CONTEXT_SHARE), left // routes)
                note = (
                    f"a {first}-token prompt (the window: {self.window}), then a search below "
                    "it if refused"
                )
                plan.append(CapPlan("context", steps, left, note))
        order = {n: i for i, n in enumerate(self.names)}
        plan.sort(key=lambda p: order[p.capability])
        self.plan = plan
        return plan

    # -- the run ----------------------------------------------------------------------------

    async def run(self) -> list[Outcome]:
        from whichlayer.check.httpstages import client_for
        from whichlayer.probe.run import _proxy, _ssl

        self.clients["target"] = client_for(_proxy(self.target), _ssl(self.target), self.deadline)
        if self.direct is not None:
            self.clients["direct"] = client_for(
                _proxy(self.direct), _ssl(self.direct), self.deadline
            )
        try:
            for name in self.names:
                if name == "context":
                    continue  # last: it takes what the others leave of the token budget
                await self._capability(name)
            if "context" in self.names:
                await self._capability("context")
        finally:
            for client in self.clients.values():
                await client.aclose()
        return self.outcomes

    async def _capability(self, name: str) -> None:
        check = getattr(self, "_" + name)
        out: Outcome = await check("target")
        self.outcomes.append(out)
        if out.status in ("fail", "degraded") and self.direct is not None:
            direct: Outcome = await check("direct")
            self.outcomes.append(direct)
            _compare(out, direct)

    # -- requests ---------------------------------------------------------------------------

    def _body(self, name: str, **extra: Any) -> dict[str, Any]:
        model = self.model
        prompts = {
            "stream": "Say hello in five words.",
            "tools": "What is the weather in Paris? Use the tool.",
            "json": "Give one city and its population.",
            "vision": "What colour is this image? One word.",
            "concurrency": "Say OK.",
            "long_output": "Count from 1 to 500, one number a word, nothing else.",
        }
        body: dict[str, Any] = {
            "model": model,
            "messages": [{"role": "user", "content": prompts.get(name, "Say OK.")}],
            "max_tokens": 16,
        }
        if name == "stream":
            body["stream"] = True
            body["stream_options"] = {"include_usage": True}
        elif name == "tools":
            body["tools"] = [_TOOL]
            body["tool_choice"] = {"type": "function", "function": {"name": "get_weather"}}
            body["max_tokens"] = 64
        elif name == "json":
            body["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "city", "strict": True, "schema": _SCHEMA},
            }
            body["max_tokens"] = 64
        elif name == "vision":
            url = "data:image/png;base64," + base64.b64encode(png()).decode()
            body["messages"] = [
                {
                    "role": "user",
                    "content": [
                        {"type": "text", "text": prompts["vision"]},
                        {"type": "image_url", "image_url": {"url": url, "detail": "low"}},
                    ],
                }
            ]
        elif name == "concurrency":
            body["max_tokens"] = 1
        elif name == "long_output":
            body["max_tokens"] = LONG_OUTPUT_TOKENS
        body.update(extra)
        return body

    def _tool_result_body(self, call: dict[str, Any]) -> dict[str, Any]:
        body = self._body("tools")
        body.pop("tool_choice", None)
        call = call or {
            "id": "call_0",
            "type": "function",
            "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
        }
        body["messages"] = [
            *body["messages"],
            {"role": "assistant", "content": None, "tool_calls": [call]},
            {"role": "tool", "tool_call_id": call.get("id", "call_0"), "content": "18 C, sunny"},
        ]
        return body

    def _output_tokens(self, body: dict[str, Any]) -> int:
        value = body.get("max_tokens")
        return value if isinstance(value, int) else 16

    async def _post(self, cap: str, route: str, body: dict[str, Any]) -> Sent | None:
        """One request, if it fits the budget (None: it does not)."""
        rows = await self._post_many(cap, route, [body])
        return rows[0] if rows else None

    async def _post_many(self, cap: str, route: str, bodies: list[dict[str, Any]]) -> list[Sent]:
        cost = sum(tokens_of(b) + self._output_tokens(b) for b in bodies)
        if not self.budget.fits(len(bodies), cost) or self.deadline.expired():
            return []
        self.budget.requests += len(bodies)
        self.budget.tokens += cost
        first = len(self.sent) + 1
        rows = await asyncio.gather(
            *(self._one(first + i, cap, route, b) for i, b in enumerate(bodies))
        )
        self.sent += rows
        return list(rows)

    async def _one(self, n: int, cap: str, route: str, body: dict[str, Any]) -> Sent:
        target = self.direct if route == "direct" and self.direct else self.target
        if route == "direct":
            body = {**body, "model": self.direct_model}
        call = protocols.generate_call(target, str(body.get("model") or self.model))
        client = self.clients[route]
        left = max(self.deadline.left(), 0.01)
        request = client.build_request(
            "POST",
            call.url,
            headers=call.headers,
            params=call.params or None,
            json=body,
            timeout=httpx2.Timeout(left),
        )
        tokens = tokens_of(body) + self._output_tokens(body)
        t0 = time.monotonic()
        events: list[tuple[float, str]] = []
        try:
            async with asyncio.timeout(left + 0.5):
                response = await client.send(request, stream=True)
                try:
                    raw = await _read_events(response, t0, events)
                finally:
                    await response.aclose()
        except TimeoutError:
            exc: Exception = httpx2.ReadTimeout(f"no answer within {left:.1f} s", request=request)
            return self._failed(n, cap, route, t0, tokens, exc)
        except (httpx2.HTTPError, httpx2.InvalidURL, OSError) as error:
            return self._failed(n, cap, route, t0, tokens, error)
        ms = (time.monotonic() - t0) * 1000
        status = response.status_code
        text = raw.decode("utf-8", "replace")
        row = Sent(n, cap, route, status, 200 <= status < 300, ms, tokens, events=events)
        full = httpx2.Response(status, headers=response.headers, content=raw, request=request)
        row.request_id = _send._request_id(full)
        stream_error = _send._stream_error(full, text) if row.ok else None
        if row.ok and stream_error is None:
            row.data = None if events else _send._json(text)
            return row
        d = _send._diagnose(stream_error if stream_error is not None else full)
        row.ok = False
        row.layer, row.cause, row.origin = d.get("layer"), d.get("cause"), d.get("origin")
        row.detail = redact_text(" ".join((stream_error or text)[: _send.SNIPPET].split()))
        return row

    def _failed(self, n: int, cap: str, route: str, t0: float, tokens: int, exc: Exception) -> Sent:
        row = Sent(n, cap, route, None, False, (time.monotonic() - t0) * 1000, tokens)
        d = _send._diagnose(exc)
        row.layer, row.cause, row.origin = d.get("layer"), d.get("cause"), d.get("origin")
        row.detail = redact_text(f"{type(exc).__name__}: {exc}"[: _send.SNIPPET])
        return row

    # -- verdict helpers --------------------------------------------------------------------

    def _skipped(self, cap: str, route: str, why: str = "") -> Outcome:
        why = why or "it does not fit what is left of --max-tokens-total / --max-requests"
        return Outcome(cap, route, "skipped", "not run", owner="budget", note=why)

    def _failure(self, cap: str, route: str, row: Sent, note: str = "") -> Outcome:
        """A refused request: the engine's reading, and an owner from it."""
        status = "—" if row.status is None else str(row.status)
        figure = f"{status} {row.layer}/{row.cause}"
        return Outcome(
            cap,
            route,
            "fail",
            figure,
            {"status": row.status},
            owner=self._refusal_owner(cap, route, row),
            layer=row.layer,
            cause=row.cause,
            origin=row.origin,
            note=note or f"refused: {row.detail}",
            rows=[row.n],
        )

    def _refusal_owner(self, cap: str, route: str, row: Sent) -> str:
        if row.layer == "network":
            return "network_path"
        if row.layer in ("identity", "quota"):
            return "relay_account" if self.via_relay and route == "target" else "you"
        if row.layer == "rate_limit":
            if route == "target" and self.via_relay:
                # the relay key's own limit (LiteLLM's max_parallel_requests) is your relay
                # account's; an upstream 429 the relay rewrites (one-api's "saturated") is not
                own = row.origin == "relay" and row.cause in ("gateway_limit", "concurrency")
                return "relay_account" if own else "relay_channel"
            return "plan_limits"
        if route == "direct" or not self.via_relay:
            return "model"
        # through a relay: said by the upstream -> the model (the direct arm confirms);
        # said by the relay itself -> its adapter for this feature
        if row.origin == "relay":
            return "adapter" if cap in ("tools", "json", "vision") else "relay_channel"
        return "model" if row.layer == "request" else "relay_channel"

    def _silent_owner(self, route: str, cap: str) -> str:
        """A 200 that lacks what was asked: on a relay, something dropped it on the way."""
        if route == "direct" or not self.via_relay:
            return "model"
        return "relay_channel"

    # -- the capabilities -------------------------------------------------------------------

    async def _stream(self, route: str) -> Outcome:
        row = await self._post("stream", route, self._body("stream"))
        if row is None:
            return self._skipped("stream", route)
        if not row.ok:
            return self._failure("stream", route, row)
        events = row.events
        data = [(t, e) for t, e in events if e != "[DONE]"]
        if not data:
            via = self.via_relay and route == "target"
            return Outcome(
                "stream",
                route,
                "fail",
                "no frames",
                owner="adapter" if via else "model",
                note="a 200 with no stream frames: the route answered stream=true with one "
                + (
                    "whole answer (an adapter that does not translate streaming)"
                    if via
                    else "whole answer"
                ),
                rows=[row.n],
            )
        content = [t for t, e in data if _delta_text(e)]
        ttft = (content[0] if content else data[0][0]) * 1000
        spread = (data[-1][0] - data[0][0]) * 1000
        total = row.ms
        clean = any(e == "[DONE]" for _, e in events) and any(_finish(e) for _, e in data)
        measured = {
            "ttft_ms": round(ttft, 1),
            "frames": len(data),
            "spread_ms": round(spread, 1),
            "total_ms": round(total, 1),
            "clean_end": clean,
        }
        out = Outcome("stream", route, "pass", "", measured, rows=[row.n])
        if len(data) >= 3 and spread < max(5.0, BUFFERED_SHARE * total):
            out.status = "degraded"
            out.figure = f"buffered: TTFT {ttft:.0f} ms = all {len(data)} frames at the end"
            out.owner = self._silent_owner(route, "stream")
            out.note = (
                f"all {len(data)} frames arrived within {spread:.0f} ms at the end of a "
                f"{total:.0f} ms answer: the stream is held and sent at once"
            )
            return out
        if not clean:
            out.status = "degraded"
            out.figure = f"TTFT {ttft:.0f} ms, no clean end"
            out.owner = self._silent_owner(route, "stream")
            out.note = "the stream stopped without a finish_reason and [DONE]"
            return out
        out.figure = f"TTFT {ttft:.0f} ms, {len(data)} frames over {spread:.0f} ms"
        return out

    async def _tools(self, route: str) -> Outcome:
        row = await self._post("tools", route, self._body("tools"))
        if row is None:
            return self._skipped("tools", route)
        if not row.ok:
            return self._failure("tools", route, row)
        message = _message(row.data)
        calls = message.get("tool_calls") if isinstance(message, dict) else None
        if not isinstance(calls, list) or not calls:
            words = " ".join(str(message.get("content") or "").split())[:60] if message else ""
            return Outcome(
                "tools",
                route,
                "fail",
                "no tool call",
                {"finish_reason": _finish_reason(row.data)},
                owner=self._silent_owner(route, "tools"),
                note=(
                    "a forced tool call (tool_choice get_weather) came back as text"
                    + (f" ({redact_text(words)!r})" if words else "")
                    + ": the tools never reached the model"
                    if self.via_relay and route == "target"
                    else ": the model ignored the forced tool"
                ),
                rows=[row.n],
            )
        call = calls[0] if isinstance(calls[0], dict) else {}
        problem = _call_problem(call)
        if problem:
            return Outcome(
                "tools",
                route,
                "fail",
                "malformed tool call",
                owner="adapter" if self.via_relay and route == "target" else "model",
                note=problem,
                rows=[row.n],
            )
        second = await self._post("tools", route, self._tool_result_body(call))
        if second is None:
            out = Outcome(
                "tools", route, "pass", "tool call ok (result turn not sent)", rows=[row.n]
            )
            out.note = "the tool-result turn did not fit the budget"
            return out
        if not second.ok:
            out = self._failure(
                "tools", route, second, f"the tool-result turn refused: {second.detail}"
            )
            out.rows = [row.n, second.n]
            if self.via_relay and route == "target" and second.layer == "request":
                out.owner = "adapter"
            return out
        return Outcome(
            "tools",
            route,
            "pass",
            "call + result turn ok",
            {"tool": (call.get("function") or {}).get("name")},
            rows=[row.n, second.n],
        )

    async def _json(self, route: str) -> Outcome:
        row = await self._post("json", route, self._body("json"))
        if row is None:
            return self._skipped("json", route)
        if not row.ok:
            return self._failure("json", route, row)
        message = _message(row.data)
        text = str(message.get("content") or "") if isinstance(message, dict) else ""
        try:
            value = json.loads(text)
        except ValueError:
            value = None
            problem = "the answer is not JSON"
        else:
            problem = _schema_problem(value)
        if problem:
            return Outcome(
                "json",
                route,
                "fail",
                "schema ignored",
                owner=self._silent_owner(route, "json"),
                note=f"{problem} ({redact_text(' '.join(text.split())[:60])!r}): "
                + (
                    "response_format never reached the model"
                    if self.via_relay and route == "target"
                    else "the model does not follow response_format"
                ),
                rows=[row.n],
            )
        return Outcome("json", route, "pass", "validates", rows=[row.n])

    async def _vision(self, route: str) -> Outcome:
        row = await self._post("vision", route, self._body("vision"))
        if row is None:
            return self._skipped("vision", route)
        if not row.ok:
            return self._failure("vision", route, row)
        return Outcome("vision", route, "pass", "8x8 PNG accepted", rows=[row.n])

    async def _concurrency(self, route: str) -> Outcome:
        rows = await self._post_many(
            "concurrency", route, [self._body("concurrency") for _ in range(CONCURRENCY_N)]
        )
        if not rows:
            return self._skipped("concurrency", route)
        passed = [r for r in rows if r.ok]
        refused = [r for r in rows if r.status in (429, 503)]
        other = [r for r in rows if not r.ok and r.status not in (429, 503)]
        measured = {"sent": len(rows), "passed": len(passed), "refused": len(refused)}
        numbers = [r.n for r in rows]
        if not refused and not other:
            return Outcome(
                "concurrency",
                route,
                "pass",
                f"{len(rows)}/{len(rows)} at once",
                {**measured, "max_parallel_at_least": len(rows)},
                rows=numbers,
            )
        if other and not refused:
            return self._failure("concurrency", route, other[0])
        first = refused[0]
        out = self._failure("concurrency", route, first)
        out.status = "degraded" if passed else "fail"
        out.figure = f"max parallel ≈ {len(passed)} (of {len(rows)} at once)"
        out.measured = {**measured, "max_parallel": len(passed)}
        out.note = (
            f"{len(rows)} one-token requests at once: {len(passed)} passed, {len(refused)} "
            f"refused with {first.status} ({first.layer}/{first.cause}, said by {first.origin})"
        )
        out.rows = numbers
        return out

    async def _long_output(self, route: str) -> Outcome:
        row = await self._post("long_output", route, self._body("long_output"))
        if row is None:
            return self._skipped("long_output", route)
        if not row.ok:
            return self._failure("long_output", route, row)
        usage = row.data.get("usage") if isinstance(row.data, dict) else None
        message = _message(row.data)
        text = str(message.get("content") or "") if isinstance(message, dict) else ""
        used = usage.get("completion_tokens") if isinstance(usage, dict) else None
        if not isinstance(used, int):
            used = math.ceil(len(text) / 4)
        reason = _finish_reason(row.data)
        asked = LONG_OUTPUT_TOKENS
        measured = {"asked": asked, "completion_tokens": used, "finish_reason": reason}
        if used > asked:
            return Outcome(
                "long_output",
                route,
                "fail",
                f"{used} tokens > {asked} asked",
                measured,
                owner=self._silent_owner(route, "long_output"),
                note="max_tokens was not honoured: the answer is longer than asked",
                rows=[row.n],
            )
        if reason == "length" and used < asked * 3 // 4:
            return Outcome(
                "long_output",
                route,
                "degraded",
                f"cut at {used} of {asked}",
                measured,
                owner=self._silent_owner(route, "long_output"),
                note="the answer stopped for length well before the max_tokens asked",
                rows=[row.n],
            )
        return Outcome(
            "long_output", route, "pass", f"{used} of {asked} ({reason})", measured, rows=[row.n]
        )

    async def _context(self, route: str) -> Outcome:
        window = self.window
        if window is None:
            return self._skipped(
                "context", route, "the model's documented window is unknown: give --context-window"
            )
        share = int(window * CONTEXT_SHARE)
        room = self.budget.max_tokens - self.budget.tokens - 200
        if route == "target" and self.direct is not None:
            room //= 2  # keep as much for the direct arm, should the relay fail it
        first = min(share, room)
        if first < 1000:
            return self._skipped("context", route)
        steps = 0
        lo, hi = 0, None  # largest prompt accepted, smallest refused
        refused_row: Sent | None = None
        quoted: int | None = None
        size = first
        numbers: list[int] = []
        while steps < CONTEXT_STEPS:
            row = await self._post("context", route, self._context_body(size))
            if row is None:
                break
            steps += 1
            numbers.append(row.n)
            if row.ok:
                counted = _prompt_tokens(row.data) or 0
                # the route's own count when it is plausible (an adapter may report 1)
                lo = counted if size // 2 <= counted <= size * 2 else size
                if hi is None:
                    break
            else:
                if row.layer not in ("request", "upstream") and row.status != 413:
                    return self._failure("context", route, row)
                hi, refused_row = size, row
                quoted = quoted or _quoted_limit(row.detail)
            if hi is None:
                break
            if quoted is not None and quoted < hi:
                nxt = int(quoted * CONTEXT_SHARE)
                if lo >= nxt:
                    break
            else:
                nxt = (lo + hi) // 2
                if hi - lo < max(1000, window // 32):
                    break
            budget_left = self.budget.max_tokens - self.budget.tokens - 200
            if nxt > budget_left or nxt <= lo:
                break
            size = nxt
        measured: dict[str, Any] = {"window": window, "accepted": lo, "refused": hi}
        if quoted is not None:
            measured["quoted_limit"] = quoted
        if hi is None:
            bounded = first < share
            out = Outcome(
                "context",
                route,
                "pass",
                f"≥ {lo} of {window}" + (" (budget)" if bounded else ""),
                measured,
                rows=numbers,
            )
            if bounded:
                out.note = (
                    f"a {first}-token prompt passed; the window ({window}) is not tested beyond "
                    "--max-tokens-total"
                )
            return out
        assert refused_row is not None
        effective = quoted if quoted is not None and quoted <= hi else lo
        measured["effective"] = effective
        out = self._failure("context", route, refused_row)
        out.measured = {**measured, "status": refused_row.status}
        out.status = "degraded" if lo or quoted else "fail"
        out.figure = f"effective ≈ {effective} of {window}"
        out.note = (
            f"a {hi}-token prompt refused ({refused_row.status} {refused_row.layer}/"
            f"{refused_row.cause})"
            + (f", the route quotes a limit of {quoted}" if quoted else "")
            + (f"; {lo} accepted" if lo else "")
            + f": the route takes about {effective / window:.0%} of the documented window"
        )
        if route == "target" and self.via_relay:
            out.owner = "relay_channel"
        elif out.owner == "model":
            out.owner = "plan_limits" if route == "target" else "model"
        out.rows = numbers
        return out

    def _context_body(self, tokens: int) -> dict[str, Any]:
        ask = "Reply with OK. The rest is filler: "
        chars = max(0, tokens * 4 - len(ask) - 60)
        filler = (_FILLER * (chars // len(_FILLER) + 1))[:chars]
        return {
            "model": self.model,
            "messages": [{"role": "user", "content": ask + filler}],
            "max_tokens": 1,
        }

    # -- the document -----------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "requested": self.names,
            "window": self.window,
            "max_tokens_total": self.budget.max_tokens,
            "max_requests": self.budget.max_requests,
            "plan": [p.to_dict() for p in self.plan],
            "table": [o.to_dict() for o in self.outcomes],
            "requests": [s.to_dict() for s in self.sent],
            "requests_sent": self.budget.requests,
            "tokens_sent": self.budget.tokens,
        }


# -- comparing routes -------------------------------------------------------------------------


def _compare(target: Outcome, direct: Outcome) -> None:
    """The relay fails it, direct passes: the relay's; both fail: the model's."""
    if direct.status == "pass":
        if target.owner in ("model", None) or target.owner == "plan_limits":
            target.owner = "relay_channel"
        target.note += f" — direct it passes ({direct.figure}): the relay's, not the model's"
    elif direct.status in ("fail", "degraded"):
        if target.owner in ("relay_channel", "adapter"):
            target.owner = direct.owner or "model"
        target.note += f" — direct it fails too ({direct.figure}): not the relay's"


# -- reading answers --------------------------------------------------------------------------


async def _read_events(
    response: httpx2.Response, t0: float, events: list[tuple[float, str]]
) -> bytes:
    """Read up to the byte cap; for a stream, note when each data event arrived."""
    streamed = "event-stream" in response.headers.get("content-type", "")
    chunks: list[bytes] = []
    size = 0
    pending = ""
    async for chunk in response.aiter_bytes():
        at = time.monotonic() - t0
        chunks.append(chunk)
        size += len(chunk)
        if streamed:
            pending += chunk.decode("utf-8", "replace")
            while "\n\n" in pending:
                frame, pending = pending.split("\n\n", 1)
                for line in frame.splitlines():
                    if line.startswith("data:"):
                        events.append((at, line[5:].strip()))
        if size >= _send.MAX_BODY_BYTES:
            break
    return b"".join(chunks)[: _send.MAX_BODY_BYTES]


def _delta_text(event: str) -> str:
    data = _send._json(event)
    try:
        return str(data["choices"][0]["delta"].get("content") or "")
    except (KeyError, IndexError, TypeError, AttributeError):
        return ""


def _finish(event: str) -> bool:
    data = _send._json(event)
    try:
        return bool(data["choices"][0].get("finish_reason"))
    except (KeyError, IndexError, TypeError, AttributeError):
        return False


def _message(data: Any) -> dict[str, Any]:
    try:
        message = data["choices"][0]["message"]
    except (KeyError, IndexError, TypeError):
        return {}
    return message if isinstance(message, dict) else {}


def _finish_reason(data: Any) -> str | None:
    try:
        value = data["choices"][0].get("finish_reason")
    except (KeyError, IndexError, TypeError, AttributeError):
        return None
    return str(value) if value is not None else None


def _prompt_tokens(data: Any) -> int | None:
    usage = data.get("usage") if isinstance(data, dict) else None
    value = usage.get("prompt_tokens") if isinstance(usage, dict) else None
    return value if isinstance(value, int) and value > 0 else None


def _call_problem(call: dict[str, Any]) -> str:
    fn = call.get("function")
    if not isinstance(fn, dict) or fn.get("name") != "get_weather":
        return "the tool call does not name the forced tool get_weather"
    try:
        args = json.loads(fn.get("arguments") or "")
    except (ValueError, TypeError):
        return "the tool call's arguments are not JSON"
    if not isinstance(args, dict) or not isinstance(args.get("city"), str):
        return "the tool call's arguments do not match the tool's schema (city: string)"
    if not call.get("id"):
        return "the tool call has no id (the result turn cannot refer to it)"
    return ""


def _schema_problem(value: Any) -> str:
    if not isinstance(value, dict):
        return "the JSON is not an object"
    if not isinstance(value.get("city"), str):
        return "the JSON lacks the required string 'city'"
    population = value.get("population")
    if not isinstance(population, int) or isinstance(population, bool):
        return "the JSON lacks the required integer 'population'"
    extra = set(value) - {"city", "population"}
    if extra:
        return f"the JSON has properties the schema forbids ({', '.join(sorted(extra))})"
    return ""


def _quoted_limit(text: str) -> int | None:
    """The limit a context-length refusal quotes ("maximum context length is N tokens")."""
    import re

    for pattern in (
        r"maximum context length is (\d[\d,]*)",
        r"(\d[\d,]*) tokens? > (\d[\d,]*) maximum",
        r"context (?:window|length|limit)[^\d]{0,40}(\d[\d,]*)",
    ):
        m = re.search(pattern, text, re.IGNORECASE)
        if m:
            return int(m.groups()[-1].replace(",", ""))
    return None


# -- rendering --------------------------------------------------------------------------------


def owner_words(owner: str | None) -> str:
    return CAP_OWNERS.get(owner or "", "nobody located")


def render_text(cap: dict[str, Any]) -> str:
    """The capability x route table, then each failure's diagnosis and owner."""
    table = [o for o in cap.get("table") or [] if isinstance(o, dict)]
    routes = [r for r in ("target", "direct") if any(o["route"] == r for o in table)]
    lines = ["", f"capabilities of {cap.get('model')} (window {cap.get('window') or '?'}):"]
    head = f"  {'capability':<12}" + "".join(f"  {r:<46}" for r in routes)
    lines.append(head.rstrip())
    for name in dict.fromkeys(o["capability"] for o in table):
        cells = []
        for r in routes:
            o = next((x for x in table if x["capability"] == name and x["route"] == r), None)
            text = "—" if o is None else f"{o['status']:<8} {o['figure']}"
            cells.append(f"  {text[:46]:<46}")
        lines.append((f"  {name:<12}" + "".join(cells)).rstrip())
    bad = [o for o in table if o["status"] in ("fail", "degraded", "skipped")]
    for o in bad:
        lines.append("")
        lines.append(f"  {o['capability']} via {o['route']}: {o['status']} — {o['figure']}")
        if o.get("layer"):
            lines.append(f"    engine: {o['layer']} / {o['cause']} (said by: {o['origin']})")
        lines.append(f"    owner:  {owner_words(o.get('owner'))} [{o.get('owner')}]")
        if o.get("note"):
            lines.append(f"    why:    {o['note']}")
        if o.get("rows"):
            lines.append(f"    requests: {', '.join(str(n) for n in o['rows'])}")
    lines.append(
        f"capability requests: {cap.get('requests_sent')} of at most {cap.get('max_requests')}; "
        f"tokens: ≈{cap.get('tokens_sent')} of at most {cap.get('max_tokens_total')}"
    )
    return "\n".join(redact_text(line) for line in lines) + "\n"


def summary_line(cap: dict[str, Any]) -> str:
    """One line for ``whichlayer report``."""
    parts = []
    for o in cap.get("table") or []:
        if isinstance(o, dict):
            who = f", owner {o.get('owner')}" if o.get("status") in ("fail", "degraded") else ""
            parts.append(
                f"{o.get('capability')}@{o.get('route')}: {o.get('status')} "
                f"({o.get('figure')}{who})"
            )
    return "; ".join(parts)
