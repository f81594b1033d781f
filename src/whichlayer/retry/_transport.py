"""``Transport`` / ``AsyncTransport``: retries that follow the diagnosis, inside the HTTP client.

They wrap another transport of ``httpx2`` (what the openai and anthropic SDKs
use) or of classic ``httpx``, whichever the client is::

    client = openai.OpenAI(
        http_client=httpx2.Client(transport=whichlayer.retry.Transport()), max_retries=0
    )

An answer with a status below 400 is handed over at once and never retried,
so no byte of a streamed answer is ever repeated. An error answer's body (at
most 1 MB) is read, diagnosed and, if retrying, discarded; otherwise it is
handed to the caller unchanged, with the decision in
``response.extensions["whichlayer.retry"]``.
"""

from __future__ import annotations

import logging
import random
import types
from typing import Any

import httpx2

from whichlayer.retry._budget import Budget, default_budget
from whichlayer.retry._clock import Clock, get_clock
from whichlayer.retry._policy import Decision, Policy, decide

log = logging.getLogger("whichlayer.retry")

#: The most bytes of an error answer read to diagnose it.
MAX_ERROR_BODY = 1_000_000
#: Per-request extension keys a caller may set.
IDEMPOTENT_EXT = "whichlayer.idempotent"
DEADLINE_EXT = "whichlayer.deadline_s"
DECISION_EXT = "whichlayer.retry"
#: Response extension: the decisions about every failed attempt before this answer, in order
#: (their request ids are the ones to quote to support).
ATTEMPTS_EXT = "whichlayer.retry.attempts"
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})
_DEFAULT_DEADLINE_S = 300.0


def _family(request: Any) -> types.ModuleType:
    """The httpx2 or httpx module the request belongs to."""
    if type(request).__module__.split(".")[0] == "httpx":
        import httpx

        return httpx
    return httpx2


def _where(request: Any) -> tuple[str, str]:
    url = request.url
    port = f":{url.port}" if url.port else ""
    return str(request.method), f"{url.scheme}://{url.host}{port}{url.path}"


class _Core:
    """What the sync and async transports share: settings, bookkeeping and logging."""

    def __init__(
        self,
        transport: Any = None,
        *,
        policy: Policy | None = None,
        budget: Budget | None = None,
        use_budget: bool = True,
        idempotent: bool = False,
        deadline_s: float | None = _DEFAULT_DEADLINE_S,
        clock: Clock | None = None,
        rng: random.Random | None = None,
        logger: logging.Logger | None = None,
    ) -> None:
        self._inner = transport
        self._inners: dict[str, Any] = {}
        self.policy = policy
        self._budget = budget
        self.use_budget = use_budget
        self.idempotent = idempotent
        self.deadline_s = deadline_s
        self._clock = clock
        self._rng = rng
        self.log = logger or log
        self._warned_nested = False

    @property
    def clock(self) -> Clock:
        return self._clock or get_clock()

    def budget(self) -> Budget | None:
        if not self.use_budget:
            return None
        return self._budget if self._budget is not None else default_budget()

    def is_idempotent(self, request: Any) -> bool:
        ext = request.extensions.get(IDEMPOTENT_EXT)
        if ext is not None:
            return bool(ext)
        return (
            self.idempotent
            or "idempotency-key" in request.headers
            or request.method.upper() in _IDEMPOTENT_METHODS
        )

    def deadline(self, request: Any) -> float | None:
        ext = request.extensions.get(DEADLINE_EXT)
        seconds = float(ext) if ext is not None else self.deadline_s
        return None if seconds is None else self.clock.now() + seconds

    def decide(self, x: object, request: Any, attempt: int, deadline: float | None) -> Decision:
        left = None if deadline is None else deadline - self.clock.now()
        return decide(
            x,
            attempt=attempt,
            idempotent=self.is_idempotent(request),
            deadline_s=left,
            budget=self.budget(),
            policy=self.policy,
            clock=self.clock,
            rng=self._rng,
        )

    def check_nested(self, request: Any) -> None:
        """Warn once when the SDK above is retrying too: the two layers' retries multiply."""
        count = request.headers.get("x-stainless-retry-count", "0")
        if count != "0" and not self._warned_nested:
            self._warned_nested = True
            self.log.warning(
                "whichlayer.retry: the SDK is retrying on top of this transport (its retry %s);"
                " retries multiply: create the client with max_retries=0",
                count,
            )

    def report(self, decision: Decision, request: Any) -> None:
        method, url = _where(request)
        level = logging.INFO if decision.retry else logging.DEBUG
        if not decision.retry and (decision.warning or decision.retry_class.value != "never"):
            level = logging.WARNING
        self.log.log(level, "%s", decision.line(method, url))


def _rebuild(response: Any, raw: bytes, request: Any) -> Any:
    """A response holding the already-read error body."""
    cls = type(response)
    try:
        return cls(
            response.status_code,
            headers=response.headers,
            content=raw,
            request=request,
            extensions=response.extensions,
        )
    except Exception:  # e.g. a compressed body cut at the cap: keep the status and headers
        headers = [
            (k, v)
            for k, v in response.headers.multi_items()
            if k.lower() not in ("content-encoding", "content-length")
        ]
        return cls(
            response.status_code,
            headers=headers,
            content=b"",
            request=request,
            extensions=response.extensions,
        )


class Transport(httpx2.BaseTransport, _Core):
    """A sync transport that retries by the diagnosis; wraps ``transport`` (default: the
    client library's own HTTPTransport)."""

    def _inner_for(self, request: Any) -> Any:
        if self._inner is not None:
            return self._inner
        lib = _family(request)
        inner = self._inners.get(lib.__name__)
        if inner is None:
            inner = self._inners[lib.__name__] = lib.HTTPTransport()
        return inner

    def handle_request(self, request: Any) -> Any:
        inner = self._inner_for(request)
        lib = _family(request)
        request.read()  # so the body can be sent again
        self.check_nested(request)
        deadline = self.deadline(request)
        budget = self.budget()
        if budget is not None:
            budget.record_request()
        attempt = 0
        history: list[Decision] = []
        while True:
            try:
                response = inner.handle_request(request)
                if response.status_code < 400:
                    if history:
                        response.extensions[ATTEMPTS_EXT] = history
                    return response
                response = _rebuild(response, _read_capped(response), request)
            except lib.TransportError as exc:
                decision = self.decide(exc, request, attempt, deadline)
                self.report(decision, request)
                if not decision.retry:
                    exc.add_note(decision.line())
                    if history:
                        exc.add_note(_earlier(history))
                    raise
            else:
                decision = self.decide(response, request, attempt, deadline)
                self.report(decision, request)
                if not decision.retry:
                    response.extensions[DECISION_EXT] = decision
                    response.extensions[ATTEMPTS_EXT] = history
                    return response
            history.append(decision)
            self.clock.sleep(decision.delay_s)
            attempt += 1

    def close(self) -> None:
        for inner in [self._inner, *self._inners.values()]:
            if inner is not None:
                inner.close()


class AsyncTransport(httpx2.AsyncBaseTransport, _Core):
    """The async twin of :class:`Transport` (for ``httpx2.AsyncClient`` / ``httpx.AsyncClient``)."""

    def _inner_for(self, request: Any) -> Any:
        if self._inner is not None:
            return self._inner
        lib = _family(request)
        inner = self._inners.get(lib.__name__)
        if inner is None:
            inner = self._inners[lib.__name__] = lib.AsyncHTTPTransport()
        return inner

    async def handle_async_request(self, request: Any) -> Any:
        inner = self._inner_for(request)
        lib = _family(request)
        await request.aread()
        self.check_nested(request)
        deadline = self.deadline(request)
        budget = self.budget()
        if budget is not None:
            budget.record_request()
        attempt = 0
        history: list[Decision] = []
        while True:
            try:
                response = await inner.handle_async_request(request)
                if response.status_code < 400:
                    if history:
                        response.extensions[ATTEMPTS_EXT] = history
                    return response
                response = _rebuild(response, await _aread_capped(response), request)
            except lib.TransportError as exc:
                decision = self.decide(exc, request, attempt, deadline)
                self.report(decision, request)
                if not decision.retry:
                    exc.add_note(decision.line())
                    if history:
                        exc.add_note(_earlier(history))
                    raise
            else:
                decision = self.decide(response, request, attempt, deadline)
                self.report(decision, request)
                if not decision.retry:
                    response.extensions[DECISION_EXT] = decision
                    response.extensions[ATTEMPTS_EXT] = history
                    return response
            history.append(decision)
            await self.clock.asleep(decision.delay_s)
            attempt += 1

    async def aclose(self) -> None:
        for inner in [self._inner, *self._inners.values()]:
            if inner is not None:
                await inner.aclose()


def _earlier(history: list[Decision]) -> str:
    ids = [i for d in history for i in d.request_ids]
    return (
        f"whichlayer.retry: {len(history)} earlier attempt(s); request ids: {', '.join(ids) or '-'}"
    )


def _read_capped(response: Any) -> bytes:
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_raw():
            chunks.append(chunk)
            size += len(chunk)
            if size >= MAX_ERROR_BODY:
                break
    finally:
        response.close()
    return b"".join(chunks)[:MAX_ERROR_BODY]


async def _aread_capped(response: Any) -> bytes:
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in response.aiter_raw():
            chunks.append(chunk)
            size += len(chunk)
            if size >= MAX_ERROR_BODY:
                break
    finally:
        await response.aclose()
    return b"".join(chunks)[:MAX_ERROR_BODY]
