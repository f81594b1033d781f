"""Run the stages of every target concurrently, inside one deadline.

Per target: config (offline findings), dns, tcp, proxy (CONNECT), tls, then
route and auth side by side, then generate. A stage that fails stops the
stages that need it; its evidence goes to the engine, and the first failing
stage gives the target's verdict.
"""

from __future__ import annotations

import asyncio
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx2

from whichlayer import _interrupt as interrupt
from whichlayer.check import httpstages, net, progress, proxyenv
from whichlayer.check.deadline import Deadline
from whichlayer.check.diagnose import diagnose, verdict_from_diagnosis, verdict_from_finding
from whichlayer.check.model import PROTOCOLS, Stage, Target, TargetReport
from whichlayer.check.trust import for_runtime
from whichlayer.check.urls import split


@dataclass(slots=True)
class Plan:
    """What to run: ``offline`` skips the network, ``generate`` allows the paid request."""

    offline: bool = False
    generate: bool = True
    timeout_s: float = 15.0


def run(
    targets: list[Target], plan: Plan, shown: progress.Progress | None = None
) -> list[TargetReport]:
    """Check every target; returns within ``plan.timeout_s`` (plus rendering).
    ``shown`` receives each stage as it starts and resolves (live progress)."""
    token = progress.CURRENT.set(shown or progress.NullProgress())
    try:
        return interrupt.run(run_async(targets, plan))
    finally:
        progress.CURRENT.reset(token)


async def run_async(targets: list[Target], plan: Plan) -> list[TargetReport]:
    deadline = Deadline(plan.timeout_s)
    reports = [TargetReport(t) for t in targets]
    await asyncio.gather(*(check_target(r, plan, deadline) for r in reports))
    return reports


def _label(report: TargetReport) -> str:
    return report.target.client


def _begin(report: TargetReport, *names: str) -> None:
    for name in names:
        progress.start(_label(report), name)


def _add(report: TargetReport, stage: Stage) -> None:
    """Record ``stage`` and show it resolved."""
    report.stages.append(stage)
    progress.done(_label(report), stage)


def _config_stage(report: TargetReport) -> bool:
    """The offline stage: fails on any error-level finding. Returns whether it passed."""
    t = report.target
    errors = [f for f in t.findings if f.severity == "error"]
    warnings = [f for f in t.findings if f.severity == "warning"]
    key = f"key from {t.key.source}" if t.key else "no key"
    base = t.base_url.value if t.base_url else "no base URL"
    detail = f"{key}; {base}; {t.protocol}"
    if errors:
        detail = f"{len(errors)} problem(s): " + "; ".join(f.id for f in errors)
        report.verdict = verdict_from_finding(errors[0])
    elif warnings:
        detail += f"; {len(warnings)} warning(s)"
    _add(report, Stage("config", not errors, 0.0, detail))
    return not errors


def _fail(report: TargetReport, stage: Stage, failure: net.Failure | None) -> bool:
    """Record ``stage``; on failure, diagnose it and set the verdict if none yet."""
    _add(report, stage)
    if stage.ok is False and failure is not None:
        d = diagnose(failure.evidence, stage.name)
        stage.diagnosis = {k: d.get(k) for k in ("layer", "cause", "origin", "retry", "summary")}
        # The first failing stage names the verdict. A configuration finding never hides a
        # network failure: when a later stage fails in another layer (a placeholder key, but
        # the server never answered), that stage's diagnosis is the verdict.
        v = report.verdict
        if v is None or (v.stage == "config" and v.layer != str(d.get("layer"))):
            report.verdict = verdict_from_diagnosis(d, stage.name)
        return True
    return False


async def check_target(report: TargetReport, plan: Plan, deadline: Deadline) -> None:
    config_ok = _config_stage(report)
    t = report.target
    unusable = any(f.id in ("U-NOT-URL", "U-WHITESPACE") for f in t.findings)
    if plan.offline or t.base_url is None or unusable:
        return
    try:
        scheme, host, port, _ = split(t.base_url.value)
    except ValueError:
        return
    if scheme not in ("http", "https") or not host:
        return
    choice = proxyenv.choose(t.client, t.runtime, scheme, host, t.env)
    hop = _hop(choice.url, host, port)
    if not await _transport(report, choice, hop, scheme, host, port, deadline):
        return
    if t.protocol not in PROTOCOLS:  # Vertex, Bedrock via Claude Code, Foundry
        reason = t.no_auth_reason or f"{t.protocol} requests are not made by check"
        _add(report, Stage("route", None, None, f"skipped: {reason}"))
        return
    await _http(report, plan, choice.url, deadline, config_ok)


def _via_proxy(failure: net.Failure, hop: net.Hop, choice: proxyenv.ProxyChoice) -> net.Failure:
    """A forward proxy that cannot be reached is a proxy failure (network/proxy), which is
    how the client's HTTP stack reports it too (``ProxyError``)."""
    cause = failure.evidence
    error = httpx2.ProxyError(
        f"cannot reach the forward proxy {hop.host}:{hop.port} ({choice.reason}): {cause}"
    )
    if isinstance(cause, BaseException):
        error.__cause__ = cause
    return net.Failure(error, failure.reason)


def _hop(proxy_url: str | None, host: str, port: int) -> net.Hop:
    if proxy_url is None:
        return net.Hop(host, port)
    parts = urlsplit(proxy_url)
    return net.Hop(parts.hostname or "", parts.port or 80)


async def _transport(
    report: TargetReport,
    choice: proxyenv.ProxyChoice,
    hop: net.Hop,
    scheme: str,
    host: str,
    port: int,
    deadline: Deadline,
) -> bool:
    """proxy choice, dns, tcp, proxy CONNECT, tls; False when one failed."""
    if choice.url is None:
        _add(report, Stage("proxy", None, None, f"direct ({choice.reason})"))
    for step in (net.dns, net.tcp):
        _begin(report, step.__name__)
        stage, failure = await step(hop, deadline)
        if failure is not None and choice.url is not None:
            failure = _via_proxy(failure, hop, choice)
            stage.detail = f"proxy: {stage.detail}"
        if _fail(report, stage, failure):
            return False
    if choice.url is None:
        pass
    elif scheme == "https":
        _begin(report, "proxy")
        stage, failure = await net.proxy_stage(hop, choice.url, host, port, deadline)
        stage.detail += f" ({choice.reason})"
        if _fail(report, stage, failure):
            return False
    else:
        _add(report, Stage("proxy", None, None, f"plain HTTP via {hop.host} ({choice.reason})"))
    if scheme == "https":
        try:
            store = for_runtime(report.target.runtime, report.target.env)
        except (ssl.SSLError, OSError) as exc:
            detail = f"the client's CA bundle cannot be loaded: {exc}"
            _fail(report, Stage("tls", False, 0.0, detail), net.Failure(exc, detail))
            return False
        _begin(report, "tls")
        stage, failure = await net.tls(host, port, store, hop, choice.url, deadline)
        if _fail(report, stage, failure):
            return False
    return True


async def _http(
    report: TargetReport, plan: Plan, proxy_url: str | None, deadline: Deadline, config_ok: bool
) -> None:
    """route and auth side by side, then generate when everything before it passed."""
    t = report.target
    try:
        store = for_runtime(t.runtime, t.env)
    except (ssl.SSLError, OSError):
        return  # reported by the tls stage (https) already; plain http never loads it
    can_auth = t.key is not None and bool(t.key.value) and t.no_auth_reason is None
    async with httpstages.client_for(proxy_url, store.context, deadline) as client:
        passed, ids = await _route_and_auth(report, client, can_auth, deadline)
        if not plan.generate:
            skipped = "skipped (--no-generate)"
        elif not can_auth:
            skipped = "skipped: no key to send"
        elif not (passed and config_ok):
            skipped = "skipped: an earlier stage failed"
        else:
            await _generate(report, client, t.model.value if t.model else None, ids, deadline)
            return
        _add(report, Stage("generate", None, None, skipped))


async def _route_and_auth(
    report: TargetReport, client: httpx2.AsyncClient, can_auth: bool, deadline: Deadline
) -> tuple[bool, list[str]]:
    """Both stages; returns whether neither failed, and the model ids auth listed."""
    t = report.target
    model = t.model.value if t.model else None
    _begin(report, "route", *(("auth",) if can_auth else ()))
    route_task = httpstages.route(client, t, model, deadline, key_follows=can_auth)
    if can_auth:
        (route, route_fail), (auth, auth_fail, ids) = await asyncio.gather(
            route_task, httpstages.auth(client, t, deadline)
        )
    else:
        route, route_fail = await route_task
        reason = t.no_auth_reason or "no key to send"
        auth, auth_fail, ids = Stage("auth", None, None, f"skipped: {reason}"), None, []
    route_failed = _fail(report, route, route_fail)
    auth_failed = _fail(report, auth, auth_fail)
    return not (route_failed or auth_failed), ids


async def _generate(
    report: TargetReport,
    client: httpx2.AsyncClient,
    model: str | None,
    ids: list[str],
    deadline: Deadline,
) -> None:
    from whichlayer.check.protocols import pick_model

    chosen = model or pick_model(ids)
    if chosen is None:
        _add(report, Stage("generate", None, None, "skipped: no model configured (use --model)"))
        return
    _begin(report, "generate")
    stage, failure = await httpstages.generate(client, report.target, chosen, deadline)
    if model is None:
        stage.detail = f"(model picked from the list) {stage.detail}"
    _fail(report, stage, failure)
