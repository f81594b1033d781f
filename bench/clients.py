"""The real clients against check, the simulator and explain: the client x fault table.

    .venv/bin/python bench/clients.py              # set-ups, healthy runs and every fault
    .venv/bin/python bench/clients.py --jobs 2 --client codex --client litellm

Installs the pinned npm clients once into .cache/npm-clients (git-ignored), then:
(a) for each usual set-up, compares check's claimed key, header, base URL and protocol with
the request a recording loopback proxy saw; (b) counts the set-ups whose client answered
normally; (c) runs each client (Claude Code, Codex, Gemini CLI, and the Python SDKs openai,
anthropic, google-genai and litellm as a user's script calls them) against every fault the
simulator has for its protocol and scores explain on what the client printed (layer and
cause). A cause counts as right only when it equals the fault's cause. Apart from that
figure: the runs whose printed output hides the cause (the same output as a fault of
another cause, shown), the runs where explain says the line hides it, and in how many of
each explain names the right cause among its candidates. Prints figures, no verdicts.
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
    parser.add_argument("--client", choices=harness.CLIENTS + harness.SDKS, action="append")
    parser.add_argument("--no-slow", action="store_true", help="skip the stall scenarios")
    parser.add_argument("--dump", type=Path, help="write each fault run (redacted) as JSONL")
    args = parser.parse_args()
    clients = args.client or [*harness.CLIENTS, *harness.SDKS]
    bin_dir = Path("/nonexistent")
    if any(c in harness.CLIENTS for c in clients):
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
    try:
        with ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(lambda j: harness.run_fault(bin_dir, *j), jobs))
    finally:
        harness.stop_workers()
    if args.dump:
        _dump(args.dump, results)
    print()
    print("(c) explain on each client's printed output, per simulator fault")
    print(f"  {'fault':30} {'expected':28} " + " ".join(f"{c:26}" for c in clients))
    by = {(r.client, r.scenario): r for r in results}
    for sid in dict.fromkeys(j[1] for j in jobs):
        any_r = next(r for r in results if r.scenario == sid)
        cells = []
        for c in clients:
            r = by.get((c, sid))
            if r is None:
                cells.append(f"{'-':26}")
                continue
            got = "answered" if r.outcome == "answered" else f"{r.got_layer}/{r.got_cause}"
            cells.append(f"{MARK[r.outcome]} {got:24}")
        print(f"  {sid:30} {any_r.layer + '/' + any_r.cause:28} " + " ".join(cells))
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
    hidden = _ambiguous(scored)
    flagged = [r for r in scored if r.diagnosis is not None and r.diagnosis.candidates]
    print()
    print("  The cause figures above count a cause as right only when it equals the fault's.")
    print(
        f"  hidden in the printed output: {len(hidden)} failing runs print the same output as "
        "a fault of another cause (no reader of the output can tell them apart; the client's "
        "own line, or the server's own answer, hides it):"
    )
    for r in sorted((r for r in scored if (r.client, r.scenario) in hidden), key=_key):
        named = _names(r)
        print(f"    {r.client:12} {r.scenario:30} {_verdict(r, named):26} {_line(r.run.output)!r}")
    in_hidden = [r for r in scored if (r.client, r.scenario) in hidden]
    print(
        f"    explain names the right cause among its candidates in "
        f"{sum(_names(r) for r in in_hidden)}/{len(in_hidden)} of them "
        f"({sum(r.outcome == 'ok' for r in in_hidden)} with it as the cause)"
    )
    print(
        f"  explain says the printed line hides the cause (candidates, and whichlayer proxy / "
        f"probe as the first step) in {len(flagged)} failing runs:"
    )
    for r in sorted(flagged, key=_key):
        named = _names(r)
        print(f"    {r.client:12} {r.scenario:30} {_verdict(r, named):26} {_line(r.run.output)!r}")
    print(
        f"    the right cause is among the candidates in {sum(_names(r) for r in flagged)}"
        f"/{len(flagged)}"
    )
    told = [r for r in scored if (r.client, r.scenario) not in hidden]
    if told:
        cause = sum(r.outcome == "ok" for r in told) / len(told)
        print(
            f"  {'all':12} cause {cause:6.1%} over the {len(told)} failing runs whose printed "
            f"output tells the cause apart"
        )
    print(f"  {len(done) + len(results)} client runs in {time.monotonic() - started:.0f} s")
    return 0


def _key(r: harness.FaultResult) -> tuple[str, str]:
    return (r.client, r.scenario)


def _names(r: harness.FaultResult) -> bool:
    """explain names the fault's cause, as its cause or among its candidates."""
    d = r.diagnosis
    if d is None:
        return False
    return r.got_cause == r.cause or r.cause in [str(c) for c in d.candidates]


def _verdict(r: harness.FaultResult, named: bool) -> str:
    got = f"{r.got_layer}/{r.got_cause}"
    return got + (" +cand" if named and r.got_cause != r.cause else "")


def _line(output: str) -> str:
    """The statement that reports the failure: the last line that is not a stack frame."""
    import re

    lines = [ln.strip() for ln in output.splitlines() if ln.strip()]
    lines = [ln for ln in lines if not re.match(r"at |File \"|\^+$|}$|status: \d+$", ln)]
    lines = [ln for ln in lines if "unexpected critical error occurred" not in ln]
    return (lines[-1] if lines else "")[-110:]


def _ambiguous(results: list[harness.FaultResult]) -> set[tuple[str, str]]:
    """Runs whose output, ids, ports, paths and numbers aside, is the same as the output of
    a fault with another cause: no reader of the output alone can tell them apart."""
    import re

    def norm(text: str) -> str:
        text = re.sub(r"(?m)^\s*at .*$", "", text)  # stack frames vary with timing
        text = re.sub(r"(?m)^\[startup\].*$", "", text, flags=re.I)  # start-up timing notes
        text = re.sub(r"/tmp/\S+|https?://127\.0\.0\.1:\d+\S*|127\.0\.0\.1:\d+", "<path>", text)
        text = re.sub(r"session id: \S+|\breq_\w+|\bline \d+", "", text.lower())
        text = re.sub(r"\d{4}-\d\d-\d\d[t ][\d:.\-]+z?|\d\d:\d\d:\d\d", "<time>", text)
        text = re.sub(r"\n\s*\n+", "\n", text)  # the lines removed above
        # ids and other long numbers; a status (three digits) is kept
        return re.sub(r"\b[0-9a-f]*\d[0-9a-f]{5,}\b|\d{4,}", "#", text)

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
                "candidates": [str(c) for c in r.diagnosis.candidates] if r.diagnosis else [],
                "rc": r.run.rc,
                "output": redact_text(r.run.output[-4000:]),
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.exit(main())
