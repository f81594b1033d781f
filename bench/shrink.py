"""Benchmark of ``whichlayer shrink`` against picire (ddmin) on planted culprits.

Each case is a failing Chat Completions request with n parts of one kind
(tools, messages, content blocks of the first user turn, or properties of one
tool's schema); k of them (k = 1, 2, 3) are named in the simulator's
``x-sim-fail-when`` header, so the request fails with a 500 only when all k are
present (an adapter bug that needs k parts together). Both reducers send their
candidates over real HTTP to the simulator on 127.0.0.1, through its request
validation; picire reduces the same n parts (every other part kept), with its
own cache. Figures: requests sent (mean, max; ours counts its two replays),
the information bound ⌈log₂ C(n,k)⌉, the final size, the share of sent
candidates that keep the protocol's structure (``shape.problems`` adds nothing
to the original's), and wall time.

    .venv/bin/python bench/shrink.py                  # sizes 16 64 256 1024, 2 seeds per kind
    .venv/bin/python bench/shrink.py --sizes 16 64 --seeds 1
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import httpx

from whichlayer.shrink import shape
from whichlayer.shrink.core import shrink, signature_of
from whichlayer.simulate import SimServer
from whichlayer.simulate.limits import Limits

KINDS = ("tools", "messages", "blocks", "schema")


def part(i: int) -> str:
    return f"part-{i:05d}"


def case(kind: str, n: int) -> dict[str, Any]:
    """A request with n parts of one kind, each carrying its name."""
    user: dict[str, Any] = {"role": "user", "content": "Please help with the task below."}
    body: dict[str, Any] = {"model": "gpt-4o-mini", "messages": [user]}
    if kind == "tools":
        body["tools"] = [
            {"type": "function", "function": {"name": part(i), "parameters": {"type": "object"}}}
            for i in range(n)
        ]
    elif kind == "messages":
        for i in range(n):
            role = "assistant" if i % 2 == 0 else "user"
            body["messages"].append({"role": role, "content": f"{part(i)} says hello"})
    elif kind == "blocks":
        user["content"] = [{"type": "text", "text": f"{part(i)} is here"} for i in range(n)]
    else:
        props = {part(i): {"type": "string"} for i in range(n)}
        fn = {"name": "lookup", "parameters": {"type": "object", "properties": props}}
        body["tools"] = [{"type": "function", "function": fn}]
    return body


def units_of(kind: str, body: dict[str, Any]) -> list[shape.Unit]:
    """The n planted-part units, as picire gets them."""
    if kind in ("tools", "messages"):
        units = shape.parts(body, "chat_completions")
        want = "tool" if kind == "tools" else "turn"
        return [u for u in units if u.kind == want]
    units = shape.inner(body, "chat_completions")
    if kind == "blocks":
        return [u for u in units if u.kind == "block"]
    return [u for u in units if u.kind == "schema" and len(u.paths[0]) == 6]


class Sender:
    def __init__(self, url: str, needles: list[str], original: dict[str, Any]) -> None:
        self.client = httpx.Client(timeout=30)
        self.url = url
        self.headers = {"Authorization": "Bearer sim-valid", "x-sim-fail-when": ",".join(needles)}
        self.count = 0
        self.invalid = 0
        self.base = shape.problems(original, "chat_completions")

    def __call__(self, body: dict[str, Any]) -> httpx.Response:
        self.count += 1
        if not shape.problems(body, "chat_completions") <= self.base:
            self.invalid += 1
        return self.client.post(self.url, json=body, headers=self.headers)


def run_ours(url: str, body: dict[str, Any], needles: list[str]) -> dict[str, Any]:
    send = Sender(url, needles, body)
    started = time.perf_counter()
    result = shrink(body, send, protocol="chat_completions", max_requests=1000, timeout_s=600)
    wall = time.perf_counter() - started
    send.client.close()
    text = json.dumps(result.minimal)
    found = sorted(n for n in needles if n in text)
    extra = text.count("part-") - len(found)
    return {
        "requests": send.count,
        "invalid": send.invalid,
        "correct": found == sorted(needles) and extra == 0,
        "bytes": result.minimal_bytes,
        "wall": wall,
    }


def run_picire(url: str, body: dict[str, Any], needles: list[str], kind: str) -> dict[str, Any]:
    import picire

    units = units_of(kind, body)
    send = Sender(url, needles, body)
    _, reference = signature_of(send(body))
    assert reference is not None

    def build(keep: list[int]) -> dict[str, Any]:
        kept = set(keep)
        gone = [p for i, u in enumerate(units) if i not in kept for p in u.paths]
        return shape.apply(body, "chat_completions", drop=gone)

    def tester(config: list[int], config_id: Any) -> Any:
        failed, sig = signature_of(send(build(config)))
        same = failed and sig is not None and sig.same(reference)
        return picire.Outcome.FAIL if same else picire.Outcome.PASS

    started = time.perf_counter()
    dd = picire.DD(tester, cache=picire.ConfigCache())
    kept = dd(list(range(len(units))))
    wall = time.perf_counter() - started
    send.client.close()
    minimal = build(kept)
    text = json.dumps(minimal)
    return {
        "requests": send.count,
        "invalid": send.invalid,
        "correct": sorted(n for n in needles if n in text) == sorted(needles),
        "bytes": len(json.dumps(minimal, separators=(",", ":"))),
        "wall": wall,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[16, 64, 256, 1024])
    ap.add_argument("--ks", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--seeds", type=int, default=2, help="cases per kind and size")
    ap.add_argument("--no-picire", action="store_true")
    args = ap.parse_args()
    rows = []
    all_ours: list[dict[str, Any]] = []
    all_theirs: list[dict[str, Any]] = []
    unlimited = Limits(rpm=10**9, tpm=10**12, concurrency=10**6)
    with SimServer("openai", limits=unlimited) as sim:
        url = sim.base_url("openai") + "/chat/completions"
        for k in args.ks:
            for n in args.sizes:
                ours, theirs, kinds = [], [], []
                for kind in KINDS:
                    for seed in range(args.seeds):
                        rnd = random.Random(f"{kind}-{n}-{k}-{seed}")
                        needles = [part(i) for i in sorted(rnd.sample(range(n), k))]
                        body = case(kind, n)
                        res = run_ours(url, body, needles)
                        res["kind"] = kind
                        ours.append(res)
                        kinds.append(kind)
                        if not args.no_picire:
                            theirs.append(run_picire(url, body, needles, kind))
                all_ours += ours
                all_theirs += theirs
                rows.append((k, n, ours, theirs))
                _print_row(k, n, ours, theirs)
                sys.stdout.flush()
    print()
    _summary(rows, all_ours, all_theirs)
    return 0


HEADER = (
    f"{'k':>2} {'n':>5} {'bound':>5} | {'ours mean':>9} {'median':>6} {'max':>4} "
    f"{'bar':>4} {'ok':>4} | {'picire mean':>11} {'max':>4} {'ok':>4} | "
    f"{'final B':>7} {'valid':>6} | {'ours s':>6} {'picire s':>8}"
)
_printed = False


def _print_row(k: int, n: int, ours: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> None:
    global _printed
    if not _printed:
        print(HEADER)
        print("-" * len(HEADER))
        _printed = True
    bound = math.ceil(math.log2(math.comb(n, k)))
    bar = {1: math.ceil(math.log2(n)) + 3, 2: 2 * bound}.get(k)
    req = [r["requests"] for r in ours]
    sent = sum(r["requests"] for r in ours + theirs)
    invalid = sum(r["invalid"] for r in ours + theirs)
    ok = sum(r["correct"] for r in ours)
    p_req = [r["requests"] for r in theirs] or [0]
    p_ok = sum(r["correct"] for r in theirs)
    print(
        f"{k:>2} {n:>5} {bound:>5} | {statistics.mean(req):>9.1f} {statistics.median(req):>6.1f} "
        f"{max(req):>4} {bar if bar else '-':>4} {ok:>2}/{len(ours):<1} | "
        f"{statistics.mean(p_req):>11.1f} {max(p_req):>4} {p_ok:>2}/{len(theirs):<1} | "
        f"{statistics.mean(r['bytes'] for r in ours):>7.0f} "
        f"{100 * (sent - invalid) / max(sent, 1):>5.1f}% | "
        f"{sum(r['wall'] for r in ours):>6.2f} {sum(r['wall'] for r in theirs):>8.2f}"
    )


def _summary(rows: list[Any], ours: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> None:
    sent = sum(r["requests"] for r in ours + theirs)
    invalid = sum(r["invalid"] for r in ours + theirs)
    print(f"candidates sent: {sent:,}; keeping the protocol's structure: {sent - invalid:,}")
    fewer = all(
        statistics.mean(r["requests"] for r in o) < statistics.mean(r["requests"] for r in t)
        for _, _, o, t in rows
        if t
    )
    if theirs:
        print(f"fewer requests than picire (mean) at every k and size: {'yes' if fewer else 'NO'}")
    for kind in KINDS:
        mine = [r for r in ours if r["kind"] == kind]
        if mine:
            print(
                f"  {kind:<8} correct {sum(r['correct'] for r in mine)}/{len(mine)}, "
                f"mean requests {statistics.mean(r['requests'] for r in mine):.1f}"
            )


if __name__ == "__main__":
    raise SystemExit(main())
