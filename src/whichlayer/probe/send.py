"""Sending the probe's requests: within the budget and the deadline, concurrently, each answer
read up to a byte cap and diagnosed by the engine."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httpx2

from whichlayer.check import protocols
from whichlayer.check.deadline import Deadline, Stopwatch
from whichlayer.probe.model import Row, Spec
from whichlayer.redact import redact_text

#: Bytes of an answer read (a stream is cut here: the probe only needs its start).
MAX_BODY_BYTES = 256 * 1024
#: Characters of an answer quoted in a row.
SNIPPET = 160
#: Rate-limit headers kept in a row (OpenAI's, Anthropic's, and the plain ones).
LIMIT_PREFIXES = ("x-ratelimit-", "anthropic-ratelimit-", "ratelimit-")
#: Headers only relays send (one-api/new-api, LiteLLM proxy, OpenRouter).
RELAY_HEADERS = ("x-oneapi-request-id", "x-litellm-call-id", "x-litellm-version", "x-generation-id")
_ID_HEADERS = (
    "x-request-id",
    "request-id",
    "x-oneapi-request-id",
    "x-litellm-call-id",
    "x-generation-id",
    "apim-request-id",
    "cf-ray",
)


class Budget:
    """How many requests may still be sent; also stops everything after a quota answer."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.sent = 0
        self.stopped = ""  # why no more requests go out

    def room(self) -> int:
        return 0 if self.stopped else max(0, self.limit - self.sent)


class Sender:
    """Sends specs; keeps every row (so an interrupted run can still show them)."""

    def __init__(
        self,
        clients: dict[str, httpx2.AsyncClient],
        budget: Budget,
        deadline: Deadline,
        on_row: Callable[[Row], None] | None = None,
    ) -> None:
        self.clients = clients
        self.budget = budget
        self.deadline = deadline
        self.rows: list[Row] = []
        self.on_row = on_row
        self.bodies: dict[int, Any] = {}  # row number -> parsed JSON answer (listings)

    async def send(self, specs: list[Spec]) -> list[Row]:
        """Send what fits in the budget, all at once; rows in the order of ``specs``."""
        specs = specs[: self.budget.room()]
        if not specs or self.deadline.expired():
            return []
        self.budget.sent += len(specs)
        numbers = [len(self.rows) + i + 1 for i in range(len(specs))]
        rows = await asyncio.gather(
            *(self._kept(n, s) for n, s in zip(numbers, specs, strict=True))
        )
        self.rows.sort(key=lambda r: r.n)
        return list(rows)

    async def _kept(self, n: int, spec: Spec) -> Row:
        """One request; its row is kept as soon as it is back (an interrupt still shows it)."""
        row = await self._one(n, spec)
        self.rows.append(row)
        if row.layer == "quota" and not self.budget.stopped:
            self.budget.stopped = f"a quota answer (row {row.n}): nothing more is sent"
        if self.on_row is not None:
            self.on_row(row)
        return row

    async def _one(self, n: int, spec: Spec) -> Row:
        watch = Stopwatch()
        client = self.clients[spec.route]
        call = spec.call
        left = max(self.deadline.left(), 0.01)
        request = client.build_request(
            call.method,
            call.url,
            headers=call.headers,
            params=call.params or None,
            json=call.body,
            timeout=httpx2.Timeout(left),
        )
        try:
            async with asyncio.timeout(left + 0.5):
                response = await client.send(request, stream=True)
                try:
                    raw = await _read_capped(response)
                finally:
                    await response.aclose()
        except TimeoutError:
            exc: Exception = httpx2.ReadTimeout(f"no answer within {left:.1f} s", request=request)
            return self._failed(n, spec, watch.ms(), exc)
        except (httpx2.HTTPError, httpx2.InvalidURL, OSError) as error:
            return self._failed(n, spec, watch.ms(), error)
        full = httpx2.Response(
            response.status_code, headers=response.headers, content=raw, request=request
        )
        return self._row(n, spec, watch.ms(), full)

    def _row(self, n: int, spec: Spec, ms: float, response: httpx2.Response) -> Row:
        status = response.status_code
        text = response.content.decode("utf-8", "replace")
        row = Row(
            n,
            spec.step,
            spec.route,
            spec.endpoint,
            spec.model,
            spec.variant,
            status,
            200 <= status < 300,
            ms,
        )
        row.request_id = _request_id(response)
        row.relay_sign = any(h in response.headers for h in RELAY_HEADERS)
        row.limits = {
            k.lower(): v
            for k, v in response.headers.items()
            if k.lower().startswith(LIMIT_PREFIXES)
        }
        row.retry_after_s = _retry_after(response.headers.get("retry-after"))
        stream_error = _stream_error(response, text) if row.ok else None
        if stream_error is not None:
            # a 200 stream that ends in an error event: the answer failed after it began
            row.ok = False
            d = _diagnose(stream_error)
            row.layer, row.cause, row.origin = d.get("layer"), d.get("cause"), d.get("origin")
            row.detail = redact_text("stream error event: " + " ".join(stream_error.split()))[
                :SNIPPET
            ]
            return row
        if row.ok:
            data = _json(text)
            if spec.endpoint == "models":
                row.model_ids = protocols.model_ids(_listing_protocol(spec), data)
                row.owned_by = _owners(data)
                row.detail = f"{len(row.model_ids)} models"
            else:
                words = protocols.reply_text(spec.endpoint, data) if data is not None else ""
                row.detail = redact_text(" ".join((words or text[:60]).split())[:60])
            return row
        d = _diagnose(response)
        row.layer, row.cause, row.origin = d.get("layer"), d.get("cause"), d.get("origin")
        row.relay_sign = row.relay_sign or row.origin == "relay"
        if row.request_id is None:
            ids = d.get("request_ids") or []
            row.request_id = str(ids[0].get("value")) if ids and isinstance(ids[0], dict) else None
        row.detail = redact_text(" ".join(text[:SNIPPET].split()))
        if row.retry_after_s is None and isinstance(d.get("retry_after_s"), (int, float)):
            row.retry_after_s = float(d["retry_after_s"])
        return row

    def _failed(self, n: int, spec: Spec, ms: float, exc: Exception) -> Row:
        row = Row(
            n, spec.step, spec.route, spec.endpoint, spec.model, spec.variant, None, False, ms
        )
        d = _diagnose(exc)
        row.layer, row.cause, row.origin = d.get("layer"), d.get("cause"), d.get("origin")
        row.detail = redact_text(f"{type(exc).__name__}: {exc}"[:SNIPPET])
        return row


async def _read_capped(response: httpx2.Response) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size >= MAX_BODY_BYTES:
            break
    return b"".join(chunks)[:MAX_BODY_BYTES]


def _stream_error(response: httpx2.Response, text: str) -> str | None:
    """The data of a server-sent error event (``event: error``, or a data object whose type is
    ``error`` or that carries ``error``), or None."""
    if "event-stream" not in response.headers.get("content-type", ""):
        return None
    after_error_event = False
    for line in text.splitlines():
        if line.startswith("event:"):
            after_error_event = line[6:].strip() == "error"
            continue
        if not line.startswith("data:"):
            continue
        payload = line[5:].strip()
        data = _json(payload)
        if after_error_event or (
            isinstance(data, dict) and (data.get("type") == "error" or "error" in data)
        ):
            return payload
    return None


def _diagnose(evidence: object) -> dict[str, Any]:
    from whichlayer.check.diagnose import diagnose

    return diagnose(evidence, "generate")


def _request_id(response: httpx2.Response) -> str | None:
    for name in _ID_HEADERS:
        value = response.headers.get(name)
        if value:
            return redact_text(value)
    return None


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: rare for these APIs; the engine may still read it


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _listing_protocol(spec: Spec) -> str:
    return "generate_content" if spec.call.url.rstrip("/").endswith("/v1beta/models") else "x"


def _owners(data: Any) -> dict[str, str]:
    items = data.get("data") if isinstance(data, dict) else None
    out = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("owned_by"), str):
            out[str(item.get("id"))] = item["owned_by"]
    return out
