"""``whichlayer probe`` against the article's full manual ladder, printed as a table.

    python bench/probe.py [--runs N] [--latency S] [--section probe|capabilities|all]

For each scenario of issue 11, acted out by the simulator in relay mode (a new-api relay
with ten chat models of three vendors, answering after ``--latency`` seconds as a real
relay does): the requests the probe sends and its wall time to the verdict, whether the
owner is the right one, against the baseline: the article's full manual ladder, every
rung on every model (the listing; a minimal request to each of the ten models; each
model on the other endpoint; each model without the relay when a direct arm exists; a
one-token request to each model for a 429; the user's request and its three cut-down
forms when there is one), sent one after another as a person with curl would.

Bars (issue 11): the right owner in every scenario; median <= 4 requests for ownership
verdicts on a 10-model relay; never above the budget (12).

The capabilities section (issue 18): ``whichlayer probe --capabilities`` (all seven) on each
simulated capability break (a relay's channel stripping tools, buffering a stream, capping
context at a quarter of the window, ignoring response_format, limiting concurrency, and a
LiteLLM key's parallel limit): requests, tokens and wall time, whether the break was found
with the right owner; and beside it apiwells ``doctor --deep`` (``pip install apiwells``;
skipped when it is not installed) on the same routes: its requests, wall time, and whether
one of its probes flagged the break.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import httpx2  # noqa: E402

from whichlayer.check.model import Setting, Target  # noqa: E402
from whichlayer.probe import Options, Probe  # noqa: E402
from whichlayer.simulate import SimServer, relay_setups  # noqa: E402
from whichlayer.simulate.keys import KeyStore  # noqa: E402

BUDGET = 12
TOOLS_REQUEST = {
    "model": "gpt-4o",
    "messages": [
        {"role": "system", "content": "You are a coding agent."},
        {"role": "user", "content": "list the files"},
    ],
    "tools": [{"type": "function", "function": {"name": "ls", "parameters": {"type": "object"}}}],
    "max_tokens": 4000,
}


@dataclass
class Scenario:
    name: str
    setup: str
    model: str | None  # None: no --model, the probe picks from the listing
    owner: str | None  # the right owner (None: healthy)
    token: str = "valid"
    direct: bool = False
    request: dict[str, Any] | None = None
    rate_limited: bool = False
    flavor: str = "new-api"
    max_parallel: int | None = None


SCENARIOS = [
    Scenario("bad relay token", "healthy", "gpt-4o-mini", "relay_account", token="unknown"),
    Scenario("revoked upstream channel", "revoked_channel", "claude-sonnet-4-6", "relay_channel"),
    Scenario("500 on one model", "model_500", "gpt-4o", "relay_channel"),
    Scenario("500 only with tools", "tools_500", "gpt-4o", "you", request=TOOLS_REQUEST),
    Scenario("529 on the large model", "large_529", "claude-opus-4-6", "provider"),
    Scenario(
        "429 rewritten as saturated", "saturated", "gpt-4o", "relay_channel", rate_limited=True
    ),
    Scenario(
        "direct works, relay fails", "relay_broken", "gpt-4o-mini", "relay_channel", direct=True
    ),
    Scenario("healthy relay", "healthy", "gpt-4o-mini", None),
    Scenario("one channel out of credit", "channel_no_credit", None, "relay_channel"),
    Scenario("revoked channel, no --model", "revoked_channel", None, "relay_channel"),
    Scenario("bad relay token, no --model", "healthy", None, "relay_account", token="unknown"),
    Scenario("healthy relay, no --model", "healthy", None, None),
    Scenario(
        "relay key's parallel limit",
        "healthy",
        None,
        "relay_account",
        rate_limited=True,
        flavor="litellm",
        max_parallel=2,
    ),
]


def _target(base: str, key: str, model: str | None) -> Target:
    return Target(
        "bench",
        "chat_completions",
        Setting(base, "bench"),
        Setting(key, "bench"),
        model=Setting(model, "bench") if model else None,
    )


def _probe_once(sim: SimServer, s: Scenario) -> tuple[int, float, str | None, str]:
    target = _target(sim.base_url(), sim.keys[s.token], s.model)
    direct = None
    if s.direct:
        direct = _target(sim.relay.upstream_url + "/v1", KeyStore().keys("openai")["valid"], None)
    opts = Options(model=s.model, request_body=s.request, max_requests=BUDGET, timeout_s=30)
    probe = Probe(target, direct, opts)
    start = time.perf_counter()
    verdict = asyncio.run(probe.run())
    wall = time.perf_counter() - start
    return probe.budget.sent, wall, verdict.owner, verdict.outcome


def _baseline(sim: SimServer, s: Scenario) -> tuple[int, float]:
    """Every rung on every model, one request after another."""
    base = sim.base_url()
    models = [m for c in relay_setups.get(s.setup).channels for m in c.models]
    auth = {"Authorization": f"Bearer {sim.keys[s.token]}"}
    direct_auth = {"Authorization": f"Bearer {KeyStore().keys('openai')['valid']}"}
    calls: list[tuple[str, str, dict[str, str], dict[str, Any] | None]] = [
        ("GET", f"{base}/models", auth, None)
    ]
    for m in models:
        chat = {
            "model": m,
            "messages": [{"role": "user", "content": "say hello"}],
            "max_tokens": 16,
        }
        calls.append(("POST", f"{base}/chat/completions", auth, chat))
        calls.append(
            (
                "POST",
                f"{base}/responses",
                auth,
                {"model": m, "input": "say hello", "max_output_tokens": 16},
            )
        )
        if s.direct:
            calls.append(
                ("POST", f"{sim.relay.upstream_url}/v1/chat/completions", direct_auth, chat)
            )
        if s.rate_limited:
            calls.append(("POST", f"{base}/chat/completions", auth, {**chat, "max_tokens": 1}))
    if s.request is not None:
        from whichlayer.probe import userreq

        for body in (
            s.request,
            userreq.without_tools(s.request),
            userreq.short_context(s.request),
            userreq.stream_toggled(s.request),
        ):
            calls.append(("POST", f"{base}/chat/completions", auth, userreq.capped(body)))
    start = time.perf_counter()
    with httpx2.Client(timeout=30, trust_env=False) as client:
        for method, url, headers, body in calls:
            client.request(method, url, headers=headers, json=body).read()
    return len(calls), time.perf_counter() - start


@dataclass
class CapScenario:
    name: str
    setup: str
    #: (capability, status, owner) cells that must be found; the others must pass
    expect: tuple[tuple[str, str, str], ...]
    flavor: str = "new-api"
    max_parallel: int | None = None


CAP_SCENARIOS = [
    CapScenario("healthy relay", "healthy", ()),
    CapScenario("strips tools", "drops_tools", (("tools", "fail", "relay_channel"),)),
    CapScenario("buffers the stream", "buffers_stream", (("stream", "degraded", "relay_channel"),)),
    CapScenario(
        "context at 1/4 window", "caps_context", (("context", "degraded", "relay_channel"),)
    ),
    CapScenario("ignores response_format", "ignores_json", (("json", "fail", "relay_channel"),)),
    CapScenario(
        "channel: 2 in flight", "parallel_2", (("concurrency", "degraded", "relay_channel"),)
    ),
    CapScenario(
        "drops max_tokens", "drops_max_tokens", (("long_output", "fail", "relay_channel"),)
    ),
    CapScenario(
        "forces max_tokens 16", "caps_output", (("long_output", "degraded", "relay_channel"),)
    ),
    CapScenario(
        "tools + context 1/4 (done-when)",
        "drops_tools_caps_context",
        (("tools", "fail", "relay_channel"), ("context", "degraded", "relay_channel")),
    ),
    CapScenario(
        "LiteLLM key: 2 in flight",
        "healthy",
        (("concurrency", "degraded", "relay_account"),),
        flavor="litellm",
        max_parallel=2,
    ),
]
#: apiwells --deep probes, by the capability they test.
APIWELLS = {"streaming": "stream", "tool_calling": "tools", "structured_output": "json"}


def _caps_once(sim: SimServer) -> tuple[dict[str, Any], float]:
    import contextlib
    import io
    import json
    import os

    from whichlayer.cli import main as cli

    os.environ["BENCH_RELAY_KEY"] = sim.keys["valid"]
    out = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        cli(
            [
                "probe",
                "--base-url",
                sim.base_url(),
                "--api-key-env",
                "BENCH_RELAY_KEY",
                "--model",
                "gpt-4o-mini",
                "--capabilities",
                "--json",
            ]
        )
    return json.loads(out.getvalue()), time.perf_counter() - start


def _apiwells_once(sim: SimServer) -> tuple[dict[str, Any] | None, float]:
    import json
    import os
    import shutil
    import subprocess

    binary = Path(sys.executable).parent / "apiwells"
    exe = str(binary) if binary.exists() else shutil.which("apiwells")
    if exe is None:
        return None, 0.0
    env = dict(os.environ, APIWELLS_API_KEY=sim.keys["valid"])
    args = [exe, "doctor", "--base-url", sim.base_url(), "--deep", "--model", "gpt-4o-mini"]
    start = time.perf_counter()
    done = subprocess.run(
        [*args, "--v2-json"], env=env, capture_output=True, text=True, timeout=120
    )
    wall = time.perf_counter() - start
    try:
        return json.loads(done.stdout), wall
    except ValueError:
        return None, wall


def _apiwells_requests(report: dict[str, Any]) -> int:
    """Its HTTP requests: one GET for http/auth/models, then each inference probe's count."""
    n = 1
    for p in report.get("probes") or []:
        if p.get("id", p.get("name")) in ("chat", "streaming", "tool_calling", "structured_output"):
            n += int((p.get("metrics") or {}).get("request_count") or 1)
    return n


def capabilities_section(args: argparse.Namespace) -> bool:
    print(
        f"\nwhichlayer probe --capabilities (all 7, default budgets) vs apiwells doctor --deep; "
        f"median of {args.runs} runs; the simulated relay takes {args.latency:g} s a request\n"
    )
    header = (
        f"{'scenario':<32} {'found (owner)':<58} {'ok':<3} {'req':>4} {'tokens':>7} "
        f"{'ms':>6} {'TTFT':>5}   {'apiwells flagged':<18} {'req':>4} {'ms':>6} {'TTFT':>5}"
    )
    print(header)
    print("-" * len(header))
    all_right = True
    for s in CAP_SCENARIOS:
        setup = dataclasses.replace(
            relay_setups.get(s.setup), latency_s=args.latency, max_parallel=s.max_parallel
        )
        runs, peer = [], []
        for _ in range(args.runs):
            # a fresh relay each run: a prompt near the window spends most of a minute's
            # simulated TPM, and the next run would meet the upstream's 429
            with SimServer(dialect=f"relay:{s.flavor}", relay_setup=setup) as sim:
                runs.append(_caps_once(sim))
            with SimServer(dialect=f"relay:{s.flavor}", relay_setup=setup) as sim:
                peer.append(_apiwells_once(sim))
        data = runs[-1][0]
        caps = data["capabilities"]
        bad = {
            (o["capability"], o["status"], o["owner"])
            for o in caps["table"]
            if o["status"] != "pass"
        }
        right = bad == set(s.expect) and all(
            {
                (o["capability"], o["status"], o["owner"])
                for o in r[0]["capabilities"]["table"]
                if o["status"] != "pass"
            }
            == set(s.expect)
            for r in runs
        )
        all_right = all_right and right
        found = ", ".join(
            f"{c} {o['figure'].split(' (')[0] if c in ('context', 'concurrency') else st} ({w})"
            for c, st, w in sorted(bad)
            for o in caps["table"]
            if o["capability"] == c and o["route"] == "target"
        )
        req = caps["requests_sent"] + data["requests_sent"]
        tokens = caps["tokens_sent"]
        ms = statistics.median(r[1] for r in runs) * 1000
        report = peer[-1][0]
        if report is None:
            aw = "(not installed)"
            aw_req, aw_ms, aw_ttft = "—", "—", "—"
        else:
            flagged = [
                APIWELLS[p.get("id", p.get("name"))]
                for p in report.get("probes") or []
                if p.get("id", p.get("name")) in APIWELLS and p.get("status") != "PASS"
            ]
            aw = ", ".join(flagged) or f"none ({report.get('overall_status')})"
            aw_req = str(_apiwells_requests(report))
            aw_ms = f"{statistics.median(p[1] for p in peer) * 1000:.0f}"
            stream = next(
                (
                    p
                    for p in report.get("probes") or []
                    if p.get("id", p.get("name")) == "streaming"
                ),
                {},
            )
            value = (stream.get("metrics") or {}).get("ttft_ms")
            aw_ttft = f"{value:.0f}" if isinstance(value, (int, float)) else "—"
        ttft = next(
            (o["measured"].get("ttft_ms") for o in caps["table"] if o["capability"] == "stream"),
            None,
        )
        print(
            f"{s.name:<32} {found or 'all pass':<58} {'yes' if right else 'NO':<3} {req:>4} "
            f"{tokens:>7} {ms:>6.0f} {ttft or 0:>5.0f}   {aw:<18} {aw_req:>4} {aw_ms:>6} "
            f"{aw_ttft:>5}"
        )
    print()
    print(f"right capability and owner in every scenario: {'yes' if all_right else 'NO'}")
    print(
        "apiwells --deep tests chat, streaming, tool calling and structured output (pass/fail, "
        "no owner); not context, concurrency, vision or max_tokens"
    )
    return all_right


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per scenario (median shown)")
    parser.add_argument(
        "--latency",
        type=float,
        default=0.2,
        help="seconds the simulated relay takes per request, as a real one does (default 0.2)",
    )
    parser.add_argument(
        "--section", choices=("probe", "capabilities", "all"), default="all", help="what to run"
    )
    args = parser.parse_args()
    caps_right = True
    if args.section == "capabilities":
        return 0 if capabilities_section(args) else 1
    print(
        f"whichlayer probe vs the full manual ladder; budget {BUDGET}; "
        f"median of {args.runs} runs; a simulated 10-model, 3-vendor relay (new-api unless "
        f"named) taking {args.latency:g} s a request (0.5 s in the parallel-limit scenario)\n"
    )
    header = (
        f"{'scenario':<28} {'owner (expected)':<16} {'owner (probe)':<15} {'ok':<3} "
        f"{'req':>4} {'ms':>7} {'ladder req':>10} {'ladder ms':>10}"
    )
    print(header)
    print("-" * len(header))
    all_right = True
    counts: list[int] = []
    ownership: list[int] = []
    for s in SCENARIOS:
        latency = max(args.latency, 0.5) if s.max_parallel else args.latency
        setup = dataclasses.replace(
            relay_setups.get(s.setup), latency_s=latency, max_parallel=s.max_parallel
        )
        with SimServer(dialect=f"relay:{s.flavor}", relay_setup=setup) as sim:
            runs = [_probe_once(sim, s) for _ in range(args.runs)]
            base_n, base_wall = _baseline(sim, s)
        sent = [r[0] for r in runs]
        owners = {r[2] for r in runs}
        right = owners == {s.owner}
        all_right = all_right and right
        n = int(statistics.median(sent))
        counts += sent
        if s.owner is not None:
            ownership.append(n)
        ms = statistics.median(r[1] for r in runs) * 1000
        seen = "/".join(sorted(str(o or "healthy") for o in owners))
        print(
            f"{s.name:<28} {s.owner or 'healthy':<16} {seen:<15} {'yes' if right else 'NO':<3} "
            f"{n:>4} {ms:>7.1f} {base_n:>10} {base_wall * 1000:>10.1f}"
        )
    print()
    print(f"right owner in every scenario: {'yes' if all_right else 'NO'}")
    print(f"median requests, ownership verdicts: {statistics.median(ownership):g} (bar <= 4)")
    print(f"most requests in any run: {max(counts)} (budget {BUDGET})")
    if args.section == "all":
        caps_right = capabilities_section(args)
    ok = all_right and statistics.median(ownership) <= 4 and max(counts) <= BUDGET
    return 0 if ok and caps_right else 1


if __name__ == "__main__":
    raise SystemExit(main())
