"""The real coding-agent CLIs against check, the simulator and explain: the client x fault table.

    .venv/bin/python bench/clients.py              # set-ups, healthy runs and every fault
    .venv/bin/python bench/clients.py --jobs 2 --client codex

Installs the pinned npm clients once into .cache/npm-clients (git-ignored), then:
(a) for each usual set-up, compares check's claimed key, header, base URL and protocol with
the request a recording loopback proxy saw; (b) counts the set-ups whose client answered
normally; (c) runs each client against every fault the simulator has for its protocol and
scores explain on what the client printed (layer and cause). Prints figures, no verdicts.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.clients import harness  # noqa: E402
from tests.clients.setups import SETUPS, helper_output  # noqa: E402

MARK = {"ok": "✔", "layer": "~", "wrong": "✘", "answered": "answer"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=3, help="client runs at once (default 3)")
    parser.add_argument("--client", choices=harness.CLIENTS, action="append")
    parser.add_argument("--no-slow", action="store_true", help="skip the stall scenarios")
    parser.add_argument("--dump", type=Path, help="write each fault run (redacted) as JSONL")
    args = parser.parse_args()
    clients = args.client or list(harness.CLIENTS)
    try:
        bin_dir = harness.install()
    except harness.Unavailable as exc:
        print(f"bench/clients.py: {exc}", file=sys.stderr)
        return 2
    started = time.monotonic()
    setups = [s for s in SETUPS if s.client in clients]
    with ThreadPoolExecutor(args.jobs) as pool:
        done = list(pool.map(lambda s: harness.run_setup(bin_dir, s, helper_output(s)), setups))
    print("(a) check's claim vs the headers really sent, (b) healthy answer")
    for r in done:
        verdict = "same" if not r.problems else "DIFFERENT: " + "; ".join(r.problems)
        answer = "answered" if r.run.answered else f"no answer (exit {r.run.rc})"
        print(f"  {r.setup.name:58} {verdict:10}  sent {sorted(r.sent)}  {answer}")
    same = sum(not r.problems for r in done)
    print(f"  check's claims equal what was sent: {same}/{len(done)}")
    jobs = [
        (c, sid, layer, cause)
        for c in clients
        for sid, layer, cause in harness.faults(c)
        if not (args.no_slow and sid.startswith(harness.SLOW))
    ]
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda j: harness.run_fault(bin_dir, *j), jobs))
    if args.dump:
        _dump(args.dump, results)
    print()
    print("(c) explain on each client's printed output, per simulator fault")
    print(f"  {'fault':36} {'expected':34} " + " ".join(f"{c:28}" for c in clients))
    by = {(r.client, r.scenario): r for r in results}
    for sid in dict.fromkeys(j[1] for j in jobs):
        any_r = next(r for r in results if r.scenario == sid)
        cells = []
        for c in clients:
            r = by.get((c, sid))
            if r is None:
                cells.append(f"{'-':28}")
                continue
            got = "answered" if r.outcome == "answered" else f"{r.got_layer}/{r.got_cause}"
            cells.append(f"{MARK[r.outcome]} {got:26}")
        print(f"  {sid:36} {any_r.layer + '/' + any_r.cause:34} " + " ".join(cells))
    print()
    scored = [r for r in results if r.outcome != "answered"]
    for c in [*clients, "all"]:
        rs = [r for r in scored if c == "all" or r.client == c]
        if not rs:
            continue
        layer = sum(r.got_layer == r.layer for r in rs) / len(rs)
        cause = sum(r.outcome == "ok" for r in rs) / len(rs)
        answered = sum(r.outcome == "answered" for r in results if c == "all" or r.client == c)
        print(
            f"  {c:12} layer {layer:6.1%}  cause {cause:6.1%}  over {len(rs)} failing runs"
            f"  ({answered} runs the client recovered and answered)"
        )
    ambiguous = _ambiguous(scored)
    told = [r for r in scored if (r.client, r.scenario) not in ambiguous]
    if told:
        cause = sum(r.outcome == "ok" for r in told) / len(told)
        print(
            f"  {'all':12} cause {cause:6.1%} over the {len(told)} failing runs whose printed "
            f"output tells the cause apart ({len(ambiguous)} runs print the same as a fault "
            "of another cause)"
        )
    print(f"  {len(done) + len(results)} client runs in {time.monotonic() - started:.0f} s")
    return 0


def _ambiguous(results: list[harness.FaultResult]) -> set[tuple[str, str]]:
    """Runs whose output, ids, ports, paths and numbers aside, is the same as the output of
    a fault with another cause: no reader of the output alone can tell them apart."""
    import re

    def norm(text: str) -> str:
        text = re.sub(r"(?m)^\s*at .*$", "", text)  # stack frames vary with timing
        text = re.sub(r"/tmp/\S+|https?://127\.0\.0\.1:\d+\S*", "<path>", text.lower())
        text = re.sub(r"session id: \S+", "", text)
        return re.sub(r"[0-9a-f]{6,}|\d+", "#", text)

    causes: dict[tuple[str, str], set[str]] = {}
    for r in results:
        causes.setdefault((r.client, norm(r.run.output)), set()).add(r.cause)
    return {
        (r.client, r.scenario) for r in results if len(causes[(r.client, norm(r.run.output))]) > 1
    }


def _dump(path: Path, results: list[harness.FaultResult]) -> None:
    import json

    from whichlayer.redact import redact_text

    with path.open("w", encoding="utf-8") as out:
        for r in results:
            row = {
                "client": r.client,
                "scenario": r.scenario,
                "layer": r.layer,
                "cause": r.cause,
                "got": [r.got_layer, r.got_cause],
                "rc": r.run.rc,
                "output": redact_text(r.run.output[-4000:]),
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.exit(main())
