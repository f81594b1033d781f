"""Retry policies side by side under outages and rate limits (issue 13's bars), on a fake clock.

    python bench/retry.py                 # the full table: 10,000 requests per scenario
    python bench/retry.py --requests 2000 # a quicker run

A deterministic discrete-event simulation (seeded random numbers, no sleeping).
Scenarios, 10,000 requests each:

(a) outage    a 30 s total outage of 503s (t = 30..60 s); 100 req/s; server capacity
              150 attempts/s (beyond it: 503 overloaded), so a retry storm can outlast the outage
(b) half      a 30 s phase where half of all attempts get a 503
(c) ra1       a fixed-window rate limit of 90 req/s against 100 req/s: 429 Retry-After: 1
(d) ra90      t = 30..40 s every attempt gets 429 Retry-After: 90
(e) clients   50 clients in closed loops (think 0.1-0.5 s, 200 requests each); t = 10..12 s every
              attempt gets 429 with Retry-After as an HTTP date (the window reset at t = 15 s),
              so every client is told the same instant

In every scenario 2% of requests are the caller's own fault, for good: a 401 (bad key),
a 403 (region) or a 429 insufficient_quota, one in three each.

Policies: none; the SDK default (2 retries, 0.5·2ⁿ·U[0.75, 1] capped at 8 s, Retry-After
honoured only when <= 60 s, retries 408/409/429/5xx by status); AWS SDK standard mode
(3 attempts, full jitter min(2ⁿ, 20 s), retry quota 500, cost 5 per retry, refund on
success after a retry, +1 on other successes; 429 and 5xx retryable; Retry-After not read);
gRPC retry throttling (max_tokens 10, token_ratio 0.1, retries only while tokens > 5;
3 attempts, backoff U[0, min(0.5·2ⁿ, 8)]; UNAVAILABLE and RESOURCE_EXHAUSTED retryable;
Retry-After honoured as server pushback); ours (``whichlayer.retry.decide`` itself, with
its RetryBudget per client and a 300 s deadline per request).

Columns: amp = attempts / requests over the run; out.amp = attempts sent during the incident /
requests that arrived during it; ok% = requests that finally succeeded; peak and mean =
attempts in the busiest 100 ms window and the mean per 100 ms window (first to last attempt);
recovery = seconds after the incident until a whole second of attempts succeeds >= 99%
(the caller's own 401/403/quota errors left out); early = attempts sent before the
Retry-After the request was last given; r401/403 and rquota = retries after a 401/403
and after a 429 insufficient_quota.
"""

from __future__ import annotations

import argparse
import bisect
import email.utils
import heapq
import math
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import httpx2  # noqa: E402

from whichlayer._explain import explain  # noqa: E402
from whichlayer.diagnosis import Diagnosis  # noqa: E402
from whichlayer.retry import FakeClock, RetryBudget, decide  # noqa: E402

LATENCY_S = 0.05  # server answer time
WALL0 = 1_750_000_000.0  # the fake wall clock at t = 0 (whole seconds: HTTP dates are exact)
DEADLINE_S = 300.0

# --- the server's answers ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    kind: str  # ok, unavailable, overload, rpm, key, region, quota
    retry_after: float | None = None  # seconds from when the client receives the answer
    header: str | None = None  # the Retry-After header as sent (a number or an HTTP date)


OK = Answer(200, "ok")
NEVER_KINDS = ("key", "region", "quota")

_REQ = httpx2.Request("POST", "https://api.openai.com/v1/chat/completions")
_BODIES: dict[str, tuple[int, dict[str, object]]] = {
    "unavailable": (
        503,
        {
            "error": {
                "message": "The server is overloaded or not ready yet.",
                "type": "server_error",
            }
        },
    ),
    "overload": (
        503,
        {
            "error": {
                "message": "The server is overloaded or not ready yet.",
                "type": "server_error",
            }
        },
    ),
    "rpm": (
        429,
        {
            "error": {
                "message": "Rate limit reached for gpt-4o-mini in organization org-sim on "
                "requests per min (RPM): Limit 5400, Used 5400, Requested 1.",
                "type": "requests",
                "code": "rate_limit_exceeded",
            }
        },
    ),
    "key": (
        401,
        {
            "error": {
                "message": "Incorrect API key provided: sk-proj-****abcd. You can find your "
                "API key at https://platform.openai.com/account/api-keys.",
                "type": "invalid_request_error",
                "code": "invalid_api_key",
            }
        },
    ),
    "region": (
        403,
        {
            "error": {
                "message": "Country, region, or territory not supported",
                "type": "request_forbidden",
                "code": "unsupported_country_region_territory",
            }
        },
    ),
    "quota": (
        429,
        {
            "error": {
                "message": "You exceeded your current quota, please check your plan and "
                "billing details.",
                "type": "insufficient_quota",
                "code": "insufficient_quota",
            }
        },
    ),
}


def response(a: Answer) -> httpx2.Response:
    status, body = _BODIES[a.kind]
    headers = {"retry-after": a.header} if a.header else {}
    return httpx2.Response(status, json=body, headers=headers, request=_REQ)


_DIAGNOSES: dict[tuple[str, str | None], Diagnosis] = {}


def diagnosis(a: Answer, r: httpx2.Response) -> Diagnosis:
    """The engine's diagnosis; the same response always gets the same one, so it is kept."""
    key = (a.kind, a.header)
    if key not in _DIAGNOSES:
        _DIAGNOSES[key] = explain(r)
    return _DIAGNOSES[key]


# --- scenarios ---------------------------------------------------------------------------------


@dataclass
class Scenario:
    name: str
    arrivals: list[float]  # open loop: first-attempt times; empty for closed loops
    answer: Callable[[float, int], Answer]  # (time, request index) -> answer
    incident: tuple[float, float]
    clients: int = 1
    closed_loop: int = 0  # requests per client in a closed loop
    think: tuple[float, float] = (0.1, 0.5)
    capacity: int | None = None  # attempts per second the server can take


def _poisson(n: int, rate: float, rng: random.Random) -> list[float]:
    t, out = 0.0, []
    for _ in range(n):
        t += rng.expovariate(rate)
        out.append(t)
    return out


def _never(index: int) -> Answer | None:
    """2% of requests: the caller's own fault, every time."""
    slot = index % 150
    if slot == 7:
        return Answer(401, "key")
    if slot == 57:
        return Answer(403, "region")
    if slot == 107:
        return Answer(429, "quota")
    return None


def scenarios(n: int, seed: int = 0) -> list[Scenario]:
    rng = random.Random(13 + seed)
    out: list[Scenario] = []
    duration = n / 100.0
    start, end = 0.3 * duration, 0.6 * duration

    def outage(t: float, i: int) -> Answer:
        return _never(i) or (Answer(503, "unavailable") if start <= t < end else OK)

    out.append(Scenario("(a) outage", _poisson(n, 100.0, rng), outage, (start, end), capacity=150))

    half_rng = random.Random(14 + seed)

    def half(t: float, i: int) -> Answer:
        if (never := _never(i)) is not None:
            return never
        if start <= t < end and half_rng.random() < 0.5:
            return Answer(503, "unavailable")
        return OK

    out.append(Scenario("(b) half", _poisson(n, 100.0, rng), half, (start, end)))

    window: dict[int, int] = {}

    def ra1(t: float, i: int) -> Answer:
        if (never := _never(i)) is not None:
            return never
        w = int(t)
        window[w] = window.get(w, 0) + 1
        if window[w] > 90:
            return Answer(429, "rpm", 1.0, "1")
        return OK

    out.append(Scenario("(c) ra1", _poisson(n, 100.0, rng), ra1, (0.0, duration)))

    s90, e90 = 0.3 * duration, 0.3 * duration + 10.0

    def ra90(t: float, i: int) -> Answer:
        if (never := _never(i)) is not None:
            return never
        return Answer(429, "rpm", 90.0, "90") if s90 <= t < e90 else OK

    out.append(Scenario("(d) ra90", _poisson(n, 100.0, rng), ra90, (s90, e90)))

    reset_at = 15.0
    reset_date = email.utils.formatdate(WALL0 + reset_at, usegmt=True)

    def clients(t: float, i: int) -> Answer:
        if (never := _never(i)) is not None:
            return never
        if 10.0 <= t < 12.0:
            # the client reads the date when the answer arrives, LATENCY_S after t
            return Answer(429, "rpm", reset_at - (t + LATENCY_S), reset_date)
        return OK

    out.append(
        Scenario(
            "(e) 50 clients", [], clients, (10.0, 12.0), clients=50, closed_loop=max(1, n // 50)
        )
    )
    return out


# --- policies ----------------------------------------------------------------------------------


class Policy:
    name = "?"

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def on_request(self, client: int) -> None:
        """A first attempt is sent."""

    def on_answer(self, client: int, a: Answer, retries: int, t: float, t0: float) -> float | None:
        """The delay before the next attempt, or None to give up (or on success)."""
        return None


class NoRetry(Policy):
    name = "none"


class SdkDefault(Policy):
    name = "SDK default"

    def on_answer(self, client: int, a: Answer, retries: int, t: float, t0: float) -> float | None:
        if a.status < 400 or retries >= 2:
            return None
        if a.status not in (408, 409, 429) and a.status < 500:
            return None
        if a.retry_after is not None and 0 < a.retry_after <= 60:
            return a.retry_after
        return min(0.5 * 2.0**retries, 8.0) * (1 - 0.25 * self.rng.random())


class AwsStandard(Policy):
    name = "AWS standard"

    def __init__(self, rng: random.Random) -> None:
        super().__init__(rng)
        self.quota: dict[int, int] = {}
        self.last_cost: dict[tuple[int, int], int] = {}

    def on_answer(self, client: int, a: Answer, retries: int, t: float, t0: float) -> float | None:
        q = self.quota.get(client, 500)
        if a.status < 400:
            self.quota[client] = min(500, q + (5 if retries else 1))
            return None
        if retries >= 2 or (a.status != 429 and a.status < 500):
            return None
        if q < 5:
            return None
        self.quota[client] = q - 5
        return self.rng.random() * min(2.0**retries, 20.0)


class GrpcThrottle(Policy):
    name = "gRPC throttling"

    def __init__(self, rng: random.Random) -> None:
        super().__init__(rng)
        self.tokens: dict[int, float] = {}

    def on_answer(self, client: int, a: Answer, retries: int, t: float, t0: float) -> float | None:
        tokens = self.tokens.get(client, 10.0)
        if a.status < 400:
            self.tokens[client] = min(10.0, tokens + 0.1)
            return None
        if a.status not in (429, 503):  # RESOURCE_EXHAUSTED, UNAVAILABLE
            return None
        tokens = max(0.0, tokens - 1.0)
        self.tokens[client] = tokens
        if retries >= 2 or tokens <= 5.0:
            return None
        if a.retry_after is not None:  # server pushback
            return a.retry_after
        return self.rng.uniform(0.0, min(0.5 * 2.0**retries, 8.0))


class Ours(Policy):
    name = "ours"

    def __init__(self, rng: random.Random) -> None:
        super().__init__(rng)
        self.clock = FakeClock(0.0, WALL0)
        self.budgets: dict[int, RetryBudget] = {}

    def _at(self, t: float) -> None:
        self.clock.advance(t - self.clock.now())

    def budget(self, client: int) -> RetryBudget:
        if client not in self.budgets:
            self.budgets[client] = RetryBudget(clock=self.clock)
        return self.budgets[client]

    def on_request(self, client: int) -> None:
        self.budget(client).record_request()

    def on_answer(self, client: int, a: Answer, retries: int, t: float, t0: float) -> float | None:
        if a.status < 400:
            return None
        self._at(t)
        r = response(a)
        d = decide(
            r,
            attempt=retries,
            deadline_s=DEADLINE_S - (t - t0),
            budget=self.budget(client),
            clock=self.clock,
            rng=self.rng,
            diagnosis=diagnosis(a, r),
        )
        return d.delay_s if d.retry else None


POLICIES: list[type[Policy]] = [NoRetry, SdkDefault, AwsStandard, GrpcThrottle, Ours]

# --- the simulation ----------------------------------------------------------------------------


@dataclass
class Result:
    requests: int = 0
    attempts: list[float] = field(default_factory=list)
    ok_times: list[float] = field(default_factory=list)  # attempts that succeeded
    fail_times: list[float] = field(default_factory=list)  # failed, not the caller's own fault
    succeeded: int = 0
    early: int = 0
    retries_401_403: int = 0
    retries_quota: int = 0
    incident_requests: int = 0


def run(sc: Scenario, policy: Policy, seed: int = 0) -> Result:
    res = Result()
    events: list[tuple[float, int, str, int, int, int, float, float]] = []
    seq = 0

    def push(
        t: float, what: str, client: int, req: int, retries: int, t0: float, not_before: float
    ) -> None:
        nonlocal seq
        heapq.heappush(events, (t, seq, what, client, req, retries, t0, not_before))
        seq += 1

    think_rng = random.Random(15 + seed)
    next_index = 0
    if sc.closed_loop:
        done_per_client = [0] * sc.clients
        for c in range(sc.clients):
            push(think_rng.uniform(*sc.think), "send", c, -1, 0, 0.0, 0.0)
    else:
        for t in sc.arrivals:
            push(t, "send", 0, -1, 0, 0.0, 0.0)
    recent: list[float] = []  # attempt times for the capacity check
    while events:
        t, _, _what, client, req, retries, t0, not_before = heapq.heappop(events)
        if req < 0:  # a new request
            req, next_index = next_index, next_index + 1
            t0 = t
            res.requests += 1
            policy.on_request(client)
            if sc.incident[0] <= t < sc.incident[1]:
                res.incident_requests += 1
        elif t < not_before - 1e-9:
            res.early += 1
        res.attempts.append(t)
        a = sc.answer(t, req)
        if sc.capacity is not None and a.status < 400:
            cut = bisect.bisect_left(recent, t - 1.0)
            del recent[:cut]
            if len(recent) >= sc.capacity:
                a = Answer(503, "overload")
            recent.append(t)
        if a.status < 400:
            res.ok_times.append(t)
        elif a.kind not in NEVER_KINDS:
            res.fail_times.append(t)
        done = t + LATENCY_S
        delay = policy.on_answer(client, a, retries, done, t0)
        if delay is not None:
            if a.kind in ("key", "region"):
                res.retries_401_403 += 1
            elif a.kind == "quota":
                res.retries_quota += 1
            nb = done + a.retry_after if a.retry_after is not None else 0.0
            push(done + delay, "send", client, req, retries + 1, t0, max(nb, 0.0))
            continue
        if a.status < 400:
            res.succeeded += 1
        if sc.closed_loop:
            done_per_client[client] += 1
            if done_per_client[client] < sc.closed_loop:
                push(done + think_rng.uniform(*sc.think), "send", client, -1, 0, 0.0, 0.0)
    res.attempts.sort()
    return res


def peak_and_mean(times: list[float]) -> tuple[int, float]:
    buckets: dict[int, int] = {}
    for t in times:
        k = math.floor(t * 10)
        buckets[k] = buckets.get(k, 0) + 1
    span = max(buckets) - min(buckets) + 1
    return max(buckets.values()), len(times) / span


def recovery(res: Result, end: float, horizon: float) -> float | None:
    ok: dict[int, int] = {}
    bad: dict[int, int] = {}
    for t in res.ok_times:
        ok[math.floor(t)] = ok.get(math.floor(t), 0) + 1
    for t in res.fail_times:
        bad[math.floor(t)] = bad.get(math.floor(t), 0) + 1
    s = math.ceil(end)
    while s < horizon:
        n_ok, n_bad = ok.get(s, 0), bad.get(s, 0)
        if n_ok + n_bad and n_ok / (n_ok + n_bad) >= 0.99:
            return s - end
        s += 1
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0, help="shifts every random seed")
    args = parser.parse_args(argv)
    if args.requests < 500:
        parser.error("--requests must be at least 500")
    print(f"retry policies, {args.requests:,} requests per scenario, fake clock, seed {args.seed}")
    head = (
        "| scenario | policy | amp | out.amp | ok% | peak/100ms | mean/100ms | peak/mean "
        "| recovery s | early | r401/403 | rquota |"
    )
    print(head)
    print("|" + "---|" * 12)
    bars: list[str] = []
    returns: list[str] = []
    for sc_index in range(5):
        for cls in POLICIES:
            sc = scenarios(args.requests, args.seed)[sc_index]  # fresh state for each policy
            res = run(sc, cls(random.Random(42 + args.seed)), args.seed)
            amp = len(res.attempts) / res.requests
            lo, hi = sc.incident
            during = sum(1 for t in res.attempts if lo <= t < hi)
            out_amp = during / res.incident_requests if res.incident_requests else float("nan")
            peak, mean = peak_and_mean(res.attempts)
            horizon = res.attempts[-1] + 1
            rec = recovery(res, hi, horizon) if sc_index in (0, 1, 3, 4) else None
            rec_s = (
                "-" if rec is None and sc_index == 2 else ("never" if rec is None else f"{rec:.0f}")
            )
            print(
                f"| {sc.name} | {cls.name} | {amp:.3f} | {out_amp:.3f} | "
                f"{100 * res.succeeded / res.requests:.1f} | {peak} | {mean:.1f} | "
                f"{peak / mean:.2f} | {rec_s} | {res.early} | {res.retries_401_403} | "
                f"{res.retries_quota} |"
            )
            if sc_index == 4:
                back = [t for t in res.attempts if 15.0 <= t < 17.0]
                returns.append(f"{cls.name} {peak_and_mean(back)[0] if back else 0}")
            if cls is Ours:
                floor_share = (10 + (hi - lo) / 10) / max(1, res.incident_requests)
                if sc_index == 0:
                    bars.append(
                        f"outage amplification {out_amp:.3f} (bar <= 1.10 + floor "
                        f"{floor_share:.3f} = {1.10 + floor_share:.3f}): "
                        f"{'PASS' if out_amp <= 1.10 + floor_share else 'FAIL'}"
                    )
                never = res.retries_401_403 + res.retries_quota
                bars.append(
                    f"{sc.name}: attempts before Retry-After {res.early}, retries on "
                    f"never-class {never}: {'PASS' if res.early == 0 and not never else 'FAIL'}"
                )
                if sc_index == 4:
                    bars.append(
                        f"50 clients: peak/mean {peak / mean:.2f} (bar <= 2): "
                        f"{'PASS' if peak <= 2 * mean else 'FAIL'}"
                    )
    print()
    print(
        "(e) the return after the reset instant (t = 15-17 s), busiest 100 ms window: "
        + ", ".join(returns)
    )
    print()
    print("ours against the bars:")
    for line in bars:
        print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
