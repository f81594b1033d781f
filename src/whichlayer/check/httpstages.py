"""The HTTP stages: route (no key), auth (list models), generate (one tiny request).

Requests go through ``httpx2`` with the proxy and certificate store the
client would use, never the checker's own environment (``trust_env=False``).
"""

from __future__ import annotations

import asyncio
import json
import ssl
from typing import Any

import httpx2

from whichlayer.check import protocols
from whichlayer.check.deadline import Deadline, Stopwatch
from whichlayer.check.model import Stage, Target
from whichlayer.check.net import Failure
from whichlayer.check.progress import describe
from whichlayer.redact import redact_text

#: Bytes of a reply body quoted in a stage's detail.
SNIPPET = 160
#: Most bytes of a reply body read by the route and generate stages: an error body or a
#: one-word reply is a few KB; what lies beyond is never read (an endless body cannot
#: fill memory).
MAX_BODY = 256 * 1024
#: Most bytes of a models list read by the auth stage (the largest real lists, such as
#: a relay's catalogue of every model, are about 1 MB).
MAX_MODELS_BODY = 4 * 1024 * 1024
# Headers that described the body on the wire, not the bytes kept.
_WIRE_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


def client_for(
    proxy_url: str | None, context: ssl.SSLContext, deadline: Deadline
) -> httpx2.AsyncClient:
    return httpx2.AsyncClient(
        proxy=proxy_url,
        verify=context,
        trust_env=False,
        follow_redirects=False,
        timeout=httpx2.Timeout(max(deadline.left(), 0.01)),
    )


async def send(
    client: httpx2.AsyncClient, call: protocols.Call, deadline: Deadline, cap: int = MAX_BODY
) -> httpx2.Response:
    """Send ``call`` within what is left of the deadline (httpx2 names the timeout).

    The body is streamed and at most ``cap`` bytes of it are kept: the answer
    comes back as a response holding those bytes (``extensions["truncated"]``
    says when more was sent). Sending, the headers and the body together end
    by the deadline, whatever the server does (silent, trickling, endless).
    """
    left = max(deadline.left(), 0.01)
    timeout = httpx2.Timeout(left)
    request = client.build_request(
        call.method,
        call.url,
        headers=call.headers,
        params=call.params or None,
        json=call.body,
        timeout=timeout,
    )
    try:
        async with asyncio.timeout(left):
            response = await client.send(request, stream=True)
            try:
                body, truncated = await _read_capped(response, cap)
            finally:
                await response.aclose()
    except TimeoutError:
        raise httpx2.ReadTimeout(f"no answer within {left:.1f} s", request=request) from None
    headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in _WIRE_HEADERS]
    kept = httpx2.Response(response.status_code, headers=headers, content=body, request=request)
    kept.extensions["truncated"] = truncated
    return kept


async def _read_capped(response: httpx2.Response, cap: int) -> tuple[bytes, bool]:
    """At most ``cap`` bytes of the (decoded) body, and whether there was more."""
    parts: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        room = cap - size
        if len(chunk) >= room:
            parts.append(chunk[:room])
            # The cap is reached: whatever follows is not read.
            return b"".join(parts), True
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts), False


def _snippet(response: httpx2.Response) -> str:
    text = " ".join(response.text[:SNIPPET].split())
    return redact_text(text)


def _failure(response: httpx2.Response, detail: str) -> Failure:
    return Failure(response, detail)


async def route(
    client: httpx2.AsyncClient,
    target: Target,
    model: str | None,
    deadline: Deadline,
    *,
    key_follows: bool = True,
) -> tuple[Stage, Failure | None]:
    """401/403 (or 400/405/422) without a key: the path exists. 404: it does not.

    Any other answer (429, 5xx) does not tell whether the path exists; when the
    auth stage will follow with a key, the route stage stays inconclusive and
    the authenticated call is the one diagnosed.
    """
    watch = Stopwatch()
    call = protocols.route_call(target, model)
    try:
        response = await send(client, call, deadline)
    except (httpx2.HTTPError, httpx2.InvalidURL) as exc:
        why = describe(exc, watch.ms())
        return Stage("route", False, watch.ms(), f"POST {call.url}: {why}"), Failure(exc, why)
    status = response.status_code
    detail = f"POST {httpx2.URL(call.url).path} without a key → {status}"
    if status in (400, 401, 403, 405, 415, 422) or 200 <= status < 300:
        return Stage("route", True, watch.ms(), detail + " (the path exists)"), None
    detail += f": {_snippet(response)}"
    if status != 404 and key_follows:
        return Stage("route", None, watch.ms(), detail + " (inconclusive)"), None
    return Stage("route", False, watch.ms(), detail), _failure(response, detail)


async def auth(
    client: httpx2.AsyncClient, target: Target, deadline: Deadline
) -> tuple[Stage, Failure | None, list[str]]:
    """GET the models list with the key: the cheapest proof the key is accepted."""
    watch = Stopwatch()
    call = protocols.models_call(target)
    if call is None:
        return Stage("auth", None, None, "no free authenticated call for this protocol"), None, []
    try:
        response = await send(client, call, deadline, MAX_MODELS_BODY)
    except (httpx2.HTTPError, httpx2.InvalidURL) as exc:
        why = describe(exc, watch.ms())
        return (Stage("auth", False, watch.ms(), f"GET {call.url}: {why}"), Failure(exc, why), [])
    status = response.status_code
    if 200 <= status < 300:
        ids = protocols.model_ids(target.protocol, _json(response))
        return (
            Stage("auth", True, watch.ms(), f"GET models → {status}, {len(ids)} models"),
            None,
            ids,
        )
    if status in (404, 405):
        detail = f"GET models → {status}: not served here; the generate stage tests the key"
        return Stage("auth", None, watch.ms(), detail), None, []
    detail = f"GET models → {status}: {_snippet(response)}"
    return Stage("auth", False, watch.ms(), detail), _failure(response, detail), []


def _json(response: httpx2.Response) -> Any:
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None


async def generate(
    client: httpx2.AsyncClient, target: Target, model: str, deadline: Deadline
) -> tuple[Stage, Failure | None]:
    """One minimal request; a model refusing ``max_tokens`` is asked again with the
    parameter it accepts (``max_completion_tokens``)."""
    watch = Stopwatch()
    call = protocols.generate_call(target, model)
    try:
        response = await send(client, call, deadline)
        note = ""
        if protocols.refuses_max_tokens(response.status_code, response.text):
            call = protocols.generate_call(target, model, "max_completion_tokens")
            response = await send(client, call, deadline)
            note = " (with max_completion_tokens)"
    except (httpx2.HTTPError, httpx2.InvalidURL) as exc:
        why = describe(exc, watch.ms())
        return Stage("generate", False, watch.ms(), f"{model}: {why}"), Failure(exc, why)
    status = response.status_code
    if 200 <= status < 300:
        words = protocols.reply_text(target.protocol, _json(response))[:60]
        detail = f"{model} → {status}{note}: {redact_text(words)!r}"
        return Stage("generate", True, watch.ms(), detail), None
    detail = f"{model} → {status}{note}: {_snippet(response)}"
    return Stage("generate", False, watch.ms(), detail), _failure(response, detail)
