"""The probe: a first round, then the experiment the first outcome calls for, then a verdict.

First round (concurrent): the model listing (auth only) and one minimal request (and the
user's own request with ``--request``). Then one of:

- identity / ownership matrix: the same key on models of other vendors (and direct);
- 429 split: Retry-After honoured, a one-token request on the same model and on another
  vendor's, rate-limit headers read;
- 5xx ladder: smaller model of the same vendor, the other endpoint, without the relay,
  stopping at the first rung that changes the outcome;
- the request's own rungs (``--request`` failing where the minimal request works): tools
  removed, context cut, streaming toggled.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx2

from whichlayer.check import protocols
from whichlayer.check.deadline import Deadline
from whichlayer.check.model import Target
from whichlayer.probe import choose, userreq
from whichlayer.probe.model import MAX_OUTPUT_TOKENS, OWNERS, Row, Spec, Verdict
from whichlayer.probe.send import Budget, Sender

#: Other vendors the identity matrix tries besides the first model's.
MATRIX_VENDORS = 3
#: Requests sent at once by the 429 split's concurrency step.
CONCURRENCY_STEP = 3
#: The other endpoint of the same family, for the 5xx ladder.
OTHER_ENDPOINT = {"chat_completions": "responses", "responses": "chat_completions"}


@dataclass(slots=True)
class Options:
    model: str | None = None
    models: list[str] = field(default_factory=list)
    request_body: dict[str, Any] | None = None
    max_requests: int = 12
    timeout_s: float = 30.0


@dataclass(slots=True)
class PlanStep:
    step: str
    requests: int
    note: str

    def to_dict(self) -> dict[str, Any]:
        tokens = 0 if self.step == "list models" else self.requests * MAX_OUTPUT_TOKENS
        return {
            "step": self.step,
            "requests": self.requests,
            "max_output_tokens": tokens,
            "note": self.note,
        }


class Probe:
    """One probe run against ``target`` (and ``direct``, the same call without the relay)."""

    def __init__(
        self,
        target: Target,
        direct: Target | None,
        options: Options,
        *,
        on_plan: Callable[[PlanStep, Budget], None] | None = None,
        on_row: Callable[[Row], None] | None = None,
    ) -> None:
        self.target = target
        self.direct = direct
        self.opts = options
        self.budget = Budget(options.max_requests)
        self.deadline = Deadline(options.timeout_s)
        self.plan: list[PlanStep] = []
        self.on_plan = on_plan
        self.on_row = on_row
        self.sender: Sender | None = None
        self.verdict: Verdict | None = None
        self.listing: Row | None = None
        self.model = options.model or _body_model(options.request_body)

    # -- plumbing ---------------------------------------------------------------------------

    @property
    def rows(self) -> list[Row]:
        return self.sender.rows if self.sender else []

    def _planned(self, step: str, specs: list[Spec], note: str) -> list[Spec]:
        specs = specs[: self.budget.room()]
        if specs:
            p = PlanStep(step, len(specs), note)
            self.plan.append(p)
            if self.on_plan is not None:
                self.on_plan(p, self.budget)
        return specs

    async def _send(self, step: str, specs: list[Spec], note: str) -> list[Row]:
        assert self.sender is not None
        return await self.sender.send(self._planned(step, specs, note))

    def _spec(
        self,
        step: str,
        model: str | None,
        *,
        route: str = "target",
        endpoint: str | None = None,
        variant: str = "minimal",
        body: dict[str, Any] | None = None,
    ) -> Spec:
        target = self.direct if route == "direct" and self.direct else self.target
        if endpoint == "models":
            call = protocols.models_call(target)
            assert call is not None
            return Spec(step, route, "models", None, call, "auth only")
        if endpoint and endpoint != target.protocol:
            target = dataclasses.replace(target, protocol=endpoint)
        call = protocols.generate_call(target, model or "")
        if body is not None:
            call.body = userreq.capped(body)
        elif (
            variant in ("one_token", "parallel")
            and call.body is not None
            and target.protocol != "responses"
        ):
            _set_tokens(call.body, 1)  # (Responses refuses fewer than 16 output tokens)
        return Spec(step, route, target.protocol, model, call, variant)

    def _clients(self) -> dict[str, httpx2.AsyncClient]:
        from whichlayer.check.httpstages import client_for

        out = {"target": client_for(_proxy(self.target), _ssl(self.target), self.deadline)}
        if self.direct is not None:
            out["direct"] = client_for(_proxy(self.direct), _ssl(self.direct), self.deadline)
        return out

    @property
    def via_relay(self) -> bool:
        """A relay or aggregator: relay headers or wording, or several vendors' models in
        the listing; never a provider's own API host."""
        if _provider_host(self.target):
            return False
        listing = self.listing
        vendors = (
            {
                choose.vendor(m, listing.owned_by.get(m))
                for m in choose.chat_models(listing.model_ids)
            }
            - {"other"}
            if listing and listing.ok
            else set()
        )
        return len(vendors) > 1 or any(r.relay_sign for r in self.rows if r.route == "target")

    # -- the run ----------------------------------------------------------------------------

    async def run(self) -> Verdict:
        clients = self._clients()
        self.sender = Sender(clients, self.budget, self.deadline, self.on_row)
        try:
            self.verdict = await self._run()
        finally:
            for client in clients.values():
                with contextlib.suppress(Exception):
                    await client.aclose()
        return self.verdict

    def interrupted(self, why: str) -> Verdict:
        """What was learned so far, when the run is cut short (Ctrl-C, deadline)."""
        failing = [r for r in self.rows if not r.ok]
        first = failing[0] if failing else None
        return Verdict(
            first.layer if first else None,
            first.cause if first else None,
            first.origin if first else None,
            None,
            f"{why}: no verdict yet; the rows above are what was learned.",
            [(r.n, _note(r)) for r in self.rows],
            outcome="inconclusive",
        )

    async def _run(self) -> Verdict:
        body = self.opts.request_body
        first: list[Spec] = []
        if protocols.models_call(self.target) is not None:
            first.append(self._spec("first", None, endpoint="models"))
        if self.model:
            first.append(self._spec("first", self.model))
        if body is not None:
            first.append(self._spec("first", self.model, variant="request", body=body))
        if self.model is None and self.opts.models:
            first += [self._spec("first", m) for m in self.opts.models[: MATRIX_VENDORS + 1]]
        rows = await self._send("first", first, _first_note(first))
        self.listing = next((r for r in rows if r.endpoint == "models"), None)
        if self.model is None:
            candidates = [r.model for r in rows if r.endpoint != "models" and r.model]
            if not candidates:
                if self.listing is None or not self.listing.ok:
                    return self._decide_listing_only()
                owned = self.listing.owned_by
                candidates = choose.spread(self.listing.model_ids, None, owned, MATRIX_VENDORS + 1)
                if not candidates:
                    why = "the listing names no chat model; give one with --model"
                    return _inconclusive(why, [])
                await self._send(
                    "first",
                    [self._spec("first", m) for m in candidates],
                    "the cheapest model of each vendor in the listing",
                )
            tried = [self._row(variant="minimal", model=m) for m in candidates]
            failing_rows = [r for r in tried if r is not None and not r.ok]
            self.model = failing_rows[0].model if failing_rows else candidates[0]
        if (quota := self._quota()) is not None:
            return quota
        minimal = self._row(variant="minimal", model=self.model, route="target")
        user = self._row(variant="request", route="target")
        primary = user or minimal
        if primary is None:
            return self._out_of_budget()
        if primary.ok:
            return self._healthy(primary)
        if user is not None and minimal is not None and minimal.ok:
            return await self._request_rungs(user, minimal)
        failing = primary
        if failing.layer == "identity" or (
            self.listing is not None and not self.listing.ok and self.listing.layer == "identity"
        ):
            return await self._identity()
        if failing.layer == "rate_limit":
            return await self._rate_limit(failing)
        if failing.layer in ("upstream", "network"):
            return await self._ladder(failing)
        return self._simple(failing)

    # -- helpers over rows ------------------------------------------------------------------

    def _row(self, *, variant: str, model: str | None = None, route: str = "target") -> Row | None:
        for r in self.rows:
            same = r.variant == variant and r.route == route and r.endpoint != "models"
            if same and (model is None or r.model == model):
                return r
        return None

    def _quota(self) -> Verdict | None:
        row = next((r for r in self.rows if r.layer == "quota"), None)
        if row is None:
            return None
        ev = [(row.n, f"{_note(row)}: a quota answer, nothing more sent")]
        working = [r for r in self.rows if r.ok and r.route == row.route and r.endpoint != "models"]
        ev += [(r.n, _note(r)) for r in working]
        if row.route == "direct" or not self.via_relay:
            owner = "you"
        elif working:
            # your relay balance pays for the models that work: the money that ran out is
            # the relay's own, at this model's upstream
            owner = "relay_channel"
        else:
            owner = "relay_channel" if row.origin == "upstream" else "relay_account"
        return _verdict(row, owner, ev)

    def _healthy(self, primary: Row) -> Verdict:
        ev = [(r.n, _note(r)) for r in self.rows]
        return Verdict(
            None, None, None, None, "Nothing to fix: the request works.", ev, outcome="healthy"
        )

    def _decide_listing_only(self) -> Verdict:
        row = self.listing
        if row is None:
            return _inconclusive("no model to try: give one with --model", [])
        if row.layer == "quota":
            return self._quota() or _inconclusive("", [])
        if row.layer == "identity":
            owner = "relay_account" if self.via_relay else "you"
            return _verdict(row, owner, [(row.n, _note(row) + ": refused before any model")])
        return self._simple(row)

    def _out_of_budget(self) -> Verdict:
        return self.interrupted(self.budget.stopped or "the budget or the deadline ran out")

    def _simple(self, row: Row) -> Verdict:
        """A request-layer answer (or one no experiment can split): the engine's reading."""
        if row.layer == "request":
            owner = "you"
        elif row.layer == "network":
            owner = "network_path"
        else:
            return _inconclusive_row(row, "no experiment separates the owners of this answer")
        return _verdict(row, owner, [(row.n, _note(row))])

    # -- identity / ownership matrix --------------------------------------------------------

    async def _identity(self) -> Verdict:
        listing = self.listing
        ids = listing.model_ids if listing is not None and listing.ok else []
        owned = listing.owned_by if listing is not None else {}
        if self.opts.models:
            others = [m for m in self.opts.models if m != self.model][:MATRIX_VENDORS]
        else:
            others = choose.spread(ids, self.model, owned, MATRIX_VENDORS)
        tried = {r.model for r in self.rows if r.route == "target"}
        specs = [self._spec("identity matrix", m) for m in others if m not in tried]
        if self.direct is not None:
            specs.append(self._spec("identity matrix", self._direct_model(), route="direct"))
        if specs:
            await self._send(
                "identity matrix", specs, "the same key on other vendors' models (and direct)"
            )
        chat = [r for r in self.rows if r.route == "target" and r.endpoint != "models"]
        refused = [r for r in chat if r.layer == "identity"]
        working = [r for r in chat if r.ok]
        direct = [r for r in self.rows if r.route == "direct"]
        listing_refused = listing is not None and listing.layer == "identity"
        ev = [(r.n, _note(r)) for r in ([listing] if listing else []) + chat + direct]
        if (q := self._quota()) is not None:
            return q
        if listing_refused or (refused and not working and not _upstream_words(refused)):
            first = listing if listing_refused and listing else refused[0]
            if direct and direct[0].layer == "identity":
                return _verdict(first, "you", ev, "refused direct too: the key itself")
            owner = "relay_account" if self.via_relay else "you"
            why = (
                "every call refused, the listing too" if listing_refused else "every model refused"
            )
            return _verdict(first, owner, ev, why)
        if refused:
            bad = refused[0]
            vendors = sorted(
                {choose.vendor(r.model or "", owned.get(r.model or "")) for r in refused}
            )
            models = ", ".join(sorted({r.model or "" for r in refused}))
            if not self.via_relay:
                return _verdict(bad, "you", ev, f"refused for {models} only")
            if _upstream_words(refused) or not any(r.cause == "permission_model" for r in refused):
                # a key refused for one vendor while it works for the others is not your
                # relay key: it is the key the relay holds for that vendor's channel
                why = (
                    f"only {'/'.join(vendors)} refused ({models}), in the upstream's words; "
                    "your relay key works for the others"
                )
                return _verdict(bad, "relay_channel", ev, why)
            return _verdict(bad, "relay_account", ev, f"the relay refuses your key for {models}")
        return _inconclusive("the refusal did not repeat", ev)

    def _direct_model(self) -> str | None:
        return self.direct.model.value if self.direct and self.direct.model else self.model

    # -- 429 split --------------------------------------------------------------------------

    async def _rate_limit(self, row: Row) -> Verdict:
        wait = row.retry_after_s or 0.0
        if wait > self.deadline.left() - 1.0:
            return _verdict(
                row,
                self._rate_owner(row, None),
                [(row.n, _note(row))],
                f"the server asks to wait {wait:g} s, beyond the --timeout: wait, then run again",
            )
        if wait:
            await asyncio.sleep(wait)
        listing = self.listing
        ids = listing.model_ids if listing is not None and listing.ok else []
        owned = listing.owned_by if listing is not None else {}
        specs = [self._spec("429 split", self.model, variant="one_token")]
        other = (self.opts.models[1:2] if self.opts.models else []) or choose.spread(
            ids, self.model, owned, 1
        )
        if other:
            specs.append(self._spec("429 split", other[0], variant="one_token"))
        if self.direct is not None:
            specs.append(
                self._spec("429 split", self._direct_model(), route="direct", variant="one_token")
            )
        note = f"after Retry-After {wait:g} s, " if wait else ""
        rows = await self._send(
            "429 split", specs, note + "a one-token request, here and elsewhere"
        )
        if (q := self._quota()) is not None:
            return q
        same = rows[0] if rows else None
        rest = rows[1:]
        ev = [(row.n, _note(row) + _limits_note(row))] + [(r.n, _note(r)) for r in rows]
        cause = _rate_cause(row, same)
        owner = self._rate_owner(row, same, rest)
        why = {
            "rpm": "requests-per-minute: remaining requests at 0, or any request refused",
            "tpm": "tokens-per-minute: a one-token request passes where the larger one did not",
        }.get(cause or "", "")
        if same is not None and same.ok and row.variant != "request" and cause != "rpm":
            step = await self._concurrency_step(row, ev)
            if step is not None:
                return step
        return _verdict(row, owner, ev, why, cause=cause)

    async def _concurrency_step(self, row: Row, ev: list[tuple[int, str]]) -> Verdict | None:
        """One at a time it passes: do a few at once fail? (a concurrency limit)"""
        k = min(CONCURRENCY_STEP, self.budget.room())
        if k < 2:
            return None
        specs = [self._spec("429 split", self.model, variant="parallel") for _ in range(k)]
        rows = await self._send("429 split: concurrency", specs, f"{k} one-token requests at once")
        ev += [(r.n, _note(r)) for r in rows]
        refused = [r for r in rows if r.status == 429]
        if not refused:
            return None
        passed = len(rows) - len(refused)
        why = (
            f"one at a time it passes; {len(rows)} at once: {passed} pass, {len(refused)} "
            f"refused: a limit of about {passed} request(s) in flight"
        )
        first = refused[0]
        if not self.via_relay:
            owner = "you"
        elif first.origin == "relay":
            owner = "relay_account"
        else:
            owner = "relay_channel"
        return _verdict(row, owner, ev, why, cause="concurrency")

    def _rate_owner(self, row: Row, same: Row | None, rest: list[Row] | None = None) -> str:
        rest = rest or []
        if not self.via_relay:
            return "you"
        elsewhere_ok = any(r.ok for r in rest if r.route == "target")
        if row.cause == "gateway_limit" and row.origin == "relay" and not elsewhere_ok:
            return "relay_account"
        if elsewhere_ok and same is not None and not same.ok:
            return "relay_channel"  # only this vendor's channel is throttled upstream
        if row.limits:
            return "relay_channel"  # the upstream's own limit headers came through
        return "relay_account" if row.cause == "gateway_limit" else "relay_channel"

    # -- 5xx ladder -------------------------------------------------------------------------

    async def _ladder(self, failing: Row) -> Verdict:
        ev = [(failing.n, _note(failing))]
        if failing.layer == "network":
            if self.direct is not None:
                rows = await self._send(
                    "5xx ladder: without the relay",
                    [self._spec("5xx ladder", self._direct_model(), route="direct")],
                    "the same call without the relay",
                )
                ev += [(r.n, _note(r)) for r in rows]
            return _verdict(failing, "network_path", ev, "no answer came back")
        listing = self.listing
        ids = listing.model_ids if listing is not None and listing.ok else list(self.opts.models)
        owned = listing.owned_by if listing is not None else {}
        overloaded = failing.cause == "overloaded"
        one_model_owner = "provider" if overloaded or not self.via_relay else "relay_channel"
        small = choose.smaller(ids, self.model or "", owned)
        if small:
            rows = await self._send(
                "5xx ladder: smaller model",
                [self._spec("5xx ladder", small, variant="smaller model")],
                f"{small}, a smaller model of the same vendor",
            )
            ev += [(r.n, _note(r)) for r in rows]
            if rows and rows[0].ok:
                why = f"{small} (same vendor) works: only {self.model} fails"
                return _verdict(failing, one_model_owner, ev, why)
        other = OTHER_ENDPOINT.get(self.target.protocol)
        if other:
            rows = await self._send(
                "5xx ladder: other endpoint",
                [self._spec("5xx ladder", self.model, endpoint=other, variant="other endpoint")],
                f"the same model on {other}",
            )
            ev += [(r.n, _note(r)) for r in rows]
            if rows and rows[0].ok:
                why = f"{other} works where {self.target.protocol} fails: that endpoint's adapter"
                owner = "relay_channel" if self.via_relay else "provider"
                return _verdict(failing, owner, ev, why)
        if self.direct is not None:
            rows = await self._send(
                "5xx ladder: without the relay",
                [self._spec("5xx ladder", self._direct_model(), route="direct")],
                "the same call without the relay",
            )
            ev += [(r.n, _note(r)) for r in rows]
            if rows and rows[0].ok:
                return _verdict(failing, "relay_channel", ev, "works without the relay")
            if rows:
                return _verdict(failing, "provider", ev, "fails without the relay too")
        if self.via_relay and failing.origin == "relay" and failing.cause == "relay_upstream_error":
            return _verdict(failing, "relay_channel", ev, "the relay's own words: its upstream hop")
        if self.via_relay:
            owner = "provider" if overloaded else "relay_channel"
            return _verdict(failing, owner, ev, "every rung fails the same way")
        return _verdict(failing, "provider", ev, "every rung fails the same way")

    # -- the request's own rungs ------------------------------------------------------------

    async def _request_rungs(self, user: Row, minimal: Row) -> Verdict:
        body = self.opts.request_body or {}
        ev = [(minimal.n, _note(minimal) + ": the minimal request works"), (user.n, _note(user))]
        rungs: list[tuple[str, dict[str, Any]]] = []
        if userreq.has_tools(body):
            rungs.append(("no_tools", userreq.without_tools(body)))
        if userreq.is_long(body):
            rungs.append(("short_context", userreq.short_context(body)))
        rungs.append(("stream_toggled", userreq.stream_toggled(body)))
        specs = [self._spec("request rungs", self.model, variant=v, body=b) for v, b in rungs]
        rows = await self._send(
            "request rungs", specs, "your request with tools removed, context cut, stream toggled"
        )
        ev += [(r.n, _note(r)) for r in rows]
        changed = next((r for r in rows if r.ok), None)
        if changed is None:
            if user.layer == "request":
                return _verdict(user, "you", ev, "your request fails whatever is removed")
            return _inconclusive_row(user, "your request fails however it is cut", ev)
        if self.direct is not None and self.budget.room():
            direct_rows = await self._send(
                "request rungs: without the relay",
                [
                    self._spec(
                        "request rungs",
                        self._direct_model(),
                        route="direct",
                        variant="request",
                        body=body,
                    )
                ],
                "your whole request without the relay",
            )
            ev += [(r.n, _note(r)) for r in direct_rows]
            if direct_rows and direct_rows[0].ok:
                why = f"{_PART[changed.variant]} break it only through the relay; direct it works"
                return _verdict(user, "relay_channel", ev, why, cause=_PART_CAUSE[changed.variant])
        if changed.variant == "stream_toggled":
            owner = "relay_channel" if self.via_relay else "provider"
            return _verdict(user, owner, ev, "it works with streaming toggled: the stream's path")
        why = f"without {_PART[changed.variant]} it works (row {changed.n})"
        verdict = _verdict(
            user, "you", ev, why, layer="request", cause=_PART_CAUSE[changed.variant]
        )
        verdict.action = _PART_ACTION.get(changed.variant, verdict.action)
        return verdict


_PART = {
    "no_tools": "the tools of your request",
    "short_context": "the length of your request's context",
    "stream_toggled": "streaming",
}
_PART_ACTION = {
    "no_tools": "Your request fails only with its tools: check each tool's JSON schema (an object "
    "schema, supported keywords), then drop tools one by one to find the one refused.",
    "short_context": "Your request fails only at its full length: cut the context (fewer files, "
    "a summary of the history) or use a model with a larger window.",
}
_PART_CAUSE = {"no_tools": "tool_schema", "short_context": "context_length", "stream_toggled": None}


# -- module helpers ---------------------------------------------------------------------------


def _first_note(specs: list[Spec]) -> str:
    parts = []
    if any(s.endpoint == "models" for s in specs):
        parts.append("the model listing (auth only)")
    models = [s.model for s in specs if s.endpoint != "models" and s.variant == "minimal"]
    if models:
        parts.append("a minimal request to " + ", ".join(str(m) for m in models))
    if any(s.variant == "request" for s in specs):
        parts.append("your request (output capped)")
    return "; ".join(parts)


def _body_model(body: dict[str, Any] | None) -> str | None:
    value = body.get("model") if body else None
    return value if isinstance(value, str) and value else None


def _set_tokens(body: dict[str, Any], n: int) -> None:
    for name in ("max_tokens", "max_completion_tokens", "max_output_tokens"):
        if name in body:
            body[name] = n
    config = body.get("generationConfig")
    if isinstance(config, dict):
        config["maxOutputTokens"] = n
    inference = body.get("inferenceConfig")
    if isinstance(inference, dict):
        inference["maxTokens"] = n


#: Platforms of check's host table that are relays or aggregators, not a model's provider.
_AGGREGATORS = frozenset({"openrouter", "huggingface"})


def _provider_host(target: Target) -> bool:
    from urllib.parse import urlsplit

    from whichlayer.check.hosts import host_platform

    if target.base_url is None:
        return False
    platform = host_platform(urlsplit(target.base_url.value).hostname or "")
    return platform is not None and platform not in _AGGREGATORS


def _proxy(target: Target) -> str | None:
    from urllib.parse import urlsplit

    from whichlayer.check import proxyenv

    if target.base_url is None:
        return None
    parts = urlsplit(target.base_url.value)
    return proxyenv.choose(
        target.client, target.runtime, parts.scheme, parts.hostname or "", target.env
    ).url


def _ssl(target: Target) -> Any:
    from whichlayer.check.trust import for_runtime

    return for_runtime(target.runtime, target.env).context


def _upstream_words(rows: list[Row]) -> bool:
    """The refusals read as the upstream's (a relay's key towards it), not the relay's own."""
    return any(r.cause == "upstream_key_invalid" or r.origin == "upstream" for r in rows)


def _rate_cause(row: Row, same: Row | None) -> str | None:
    limits = row.limits
    remaining_req = _first(limits, "remaining-requests")
    remaining_tok = _first(limits, "remaining-tokens", "input-tokens-remaining")
    if remaining_req == "0":
        return "rpm"
    if remaining_tok == "0" or (same is not None and same.ok and row.variant == "request"):
        return "tpm"
    return row.cause


def _first(limits: dict[str, str], *suffixes: str) -> str | None:
    for name, value in limits.items():
        if name.endswith(suffixes):
            return value.strip()
    return None


def _limits_note(row: Row) -> str:
    if not row.limits:
        return " (no rate-limit headers)"
    keep = [f"{k}={v}" for k, v in row.limits.items() if "remaining" in k or "reset" in k]
    return " (" + ", ".join(keep[:6]) + ")"


def _note(row: Row) -> str:
    where = f"{row.model or ''} {row.endpoint} via {row.route}".strip()
    if row.status is None:
        return f"{row.variant} {where}: no answer ({row.cause})"
    if row.ok:
        return f"{row.variant} {where}: {row.status} ok"
    return f"{row.variant} {where}: {row.status} {row.layer}/{row.cause} ({row.origin})"


def _verdict(
    row: Row,
    owner: str,
    evidence: list[tuple[int, str]],
    why: str = "",
    *,
    layer: str | None = None,
    cause: str | None = None,
) -> Verdict:
    layer = layer or row.layer
    cause = cause or row.cause
    if why:
        evidence = [(row.n, why), *evidence]
    return Verdict(
        layer,
        cause,
        row.origin,
        owner,
        _ACTION.get(owner, "").format(model=row.model or "this model"),
        evidence,
        summary=why,
        outcome="located",
    )


def _inconclusive(why: str, evidence: list[tuple[int, str]]) -> Verdict:
    return Verdict(None, None, None, None, why, evidence, summary=why, outcome="inconclusive")


def _inconclusive_row(row: Row, why: str, evidence: list[tuple[int, str]] | None = None) -> Verdict:
    return Verdict(
        row.layer,
        row.cause,
        row.origin,
        None,
        why,
        evidence or [(row.n, _note(row))],
        summary=why,
        outcome="inconclusive",
    )


_ACTION = {
    "you": "Fix it on your side: the key, its project and permissions at the provider, or the "
    "request itself (see the evidence).",
    "relay_account": "Check your relay account: the relay key (copy it again from the relay's "
    "token page), its balance, model list and limits.",
    "relay_channel": "Tell the relay operator, with the request ids: their upstream channel for "
    "{model} fails; your relay key is fine for the models that work.",
    "provider": "The provider's side: retry later with backoff or use another model; keep the "
    "request ids for the provider's support and check its status page.",
    "network_path": "Check the path to the service: DNS, proxy, TLS and firewall "
    "(`whichlayer check` tests each hop).",
}
assert set(_ACTION) == set(OWNERS)
