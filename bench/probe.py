"""``whichlayer probe`` against the article's full manual ladder, printed as a table.

    python bench/probe.py [--runs N] [--latency S]

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per scenario (median shown)")
    parser.add_argument(
        "--latency",
        type=float,
        default=0.2,
        help="seconds the simulated relay takes per request, as a real one does (default 0.2)",
    )
    args = parser.parse_args()
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
    return 0 if all_right and statistics.median(ownership) <= 4 and max(counts) <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
