"""Speed of ``whichlayer explain`` (issue 8's bars), printed as figures.

    python bench/speed.py [--quick]
    python bench/speed.py --first-pass [--against CHECKOUT ...] [--rounds N]

1. Cold start: wall time of ``whichlayer explain "<one-line error>"`` against
   ``python3 -c pass``, the two run alternately so both see the same load (bar: at most 8x),
   and where a cold start's time goes (imports, the first diagnosis, the CLI's output).
2. Throughput: in-process diagnoses per second over the dev corpus, the median of several
   rounds (bar: >= 8,000/s), beside the same with every field of each Diagnosis read
   (``explain`` puts a Diagnosis into words when first read), and per stage where the
   time goes (its "classify" stage makes the words at once, as ``classify`` does).
3. The learned fallback: its first use (loading the weights) and its cost per diagnosis.
4. Each 1 MB paste: time to diagnose, split into reading the paste and judging it
   (bar: < 100 ms).

The machine is often shared: the load average is printed first, and every figure is a
median of repeated runs. ``--quick`` runs fewer repetitions.

``--first-pass``: the first judgement of many distinct texts in one process, as ``whichlayer
scan`` makes it (each distinct error of a log judged once, by ``whichlayer._explain.verdict``):
a fresh child process judges every distinct labelled input (``corpus/*.jsonl``, cut to 2,000
characters as ``bench/scan.py`` cuts them) once, then once more; printed: the first pass's
total CPU seconds and microseconds per text, and the second pass's (the steady state), the
difference being the warm-up (compiling patterns, building indexes, loading the model). With
``--against``, each other checkout's code (``<checkout>/src``) is run the same way, the
checkouts alternately round by round, so all see the same load.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import whichlayer  # noqa: E402
from _inputs import require  # noqa: E402
from _timing import FIRST_PASS_PYCACHE, ONE_LINE, child_env, timed_run  # noqa: E402

DEV = ROOT / "corpus" / "dev.jsonl"
#: Issue 8's bars.
COLD_BAR = 8.0
RATE_BAR = 8_000
PASTE_BAR_MS = 100.0

#: One cold start, phase by phase (run in a fresh interpreter): what the CLI imports, the
#: first diagnosis (parse + rules, compiling what they use), and the CLI's output.
_PHASES = """
import time, sys
t0 = time.process_time()
import whichlayer.cli, whichlayer.cli.explain, whichlayer._explain, whichlayer.cli._io
import whichlayer.redact
t1 = time.process_time()
from whichlayer._explain import to_evidence
ev = to_evidence(sys.argv[1])
t2 = time.process_time()
from whichlayer.classify import classify
d = classify(ev)
t3 = time.process_time()
from whichlayer.redact import find_secrets, neutralize_data, redact_data
from whichlayer.render import text
from whichlayer.render.wrap import fit, screen_width
out = fit(text.diagnosis(neutralize_data(redact_data(d.to_dict(),
          known=find_secrets(sys.argv[1])))), screen_width())
t4 = time.process_time()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3)
"""


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def cold_start(runs: int) -> None:
    script = Path(sys.executable).with_name("whichlayer")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "whichlayer"]
    base_argv = [sys.executable, "-c", "pass"]
    ours_argv = [*command, "explain", ONE_LINE]
    for _ in range(3):  # warm the page cache and the bytecode cache
        timed_run(base_argv, child_env())
        timed_run(ours_argv, child_env())
    base: list[tuple[float, float]] = []
    ours: list[tuple[float, float]] = []
    for _ in range(runs):  # alternately, so both see the same load
        base.append(timed_run(base_argv, child_env()))
        ours.append(timed_run(ours_argv, child_env()))
    wall_base, wall_ours = (statistics.median(w for w, _c in runs_) for runs_ in (base, ours))
    cpu_base, cpu_ours = (statistics.median(c for _w, c in runs_) for runs_ in (base, ours))
    print(
        f"cold start: python -c pass {_ms(wall_base)}, whichlayer explain {_ms(wall_ours)} "
        f"(medians of {runs}, run alternately): ratio {wall_ours / wall_base:.1f}x "
        f"(bar <= {COLD_BAR:g}x); in CPU time {_ms(cpu_base)} and {_ms(cpu_ours)}: "
        f"{cpu_ours / cpu_base:.1f}x (what a machine of its own would show, about)"
    )
    phases: list[list[float]] = [[], [], [], []]
    for _ in range(max(5, runs // 2)):
        out = subprocess.run(
            [sys.executable, "-c", _PHASES, ONE_LINE],
            capture_output=True,
            text=True,
            check=True,
            env=child_env(ROOT / "src"),
        ).stdout.split()
        for i, value in enumerate(out):
            phases[i].append(float(value))
    names = (
        "the CLI's imports",
        "first read of the paste (its imports too)",
        "first judgement (the same)",
        "output (redact, render)",
    )
    print(
        "  of which (CPU time, medians, in a fresh interpreter): "
        + ", ".join(f"{n} {_ms(statistics.median(p))}" for n, p in zip(names, phases, strict=True))
    )


def _dev_inputs() -> list[str]:
    return [json.loads(line)["input"] for line in DEV.read_text().splitlines() if line]


def _explain(text: str) -> object:
    return whichlayer.explain(text)


def _explain_read(text: str) -> object:
    """explain, then every field read: ``explain`` puts a Diagnosis into words (summary,
    actions, facts) when they are first read, so a caller that reads only the layer and
    cause pays less than one that prints it all; this arm pays for everything."""
    return whichlayer.explain(text).to_dict()


def throughput(inputs: list[str], rounds: int, seconds: float) -> None:
    for text in inputs:  # warm: compile patterns, import modules, load the index
        _explain_read(text)
    arms = {
        "throughput": (_explain, "diagnoses/s"),
        "  every field read (to_dict)": (_explain_read, "diagnoses/s"),
    }
    results: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in arms}
    for _ in range(rounds):
        for name, (step, _unit) in arms.items():  # in turn: a change of load touches both
            count = 0
            start, cpu = time.perf_counter(), time.process_time()
            while time.perf_counter() - start < seconds:
                for text in inputs:
                    step(text)
                count += len(inputs)
            results[name][0].append(count / (time.perf_counter() - start))
            results[name][1].append(count / (time.process_time() - cpu))
    for name, (rates, cpu_rates) in results.items():
        print(
            f"{name}: {statistics.median(rates):,.0f} diagnoses/s over {len(inputs)} dev inputs"
            f" (median of {rounds} rounds of {seconds:g} s; lowest {min(rates):,.0f}, highest "
            f"{max(rates):,.0f}) (bar >= {RATE_BAR:,}/s); per CPU-second of this process "
            f"{statistics.median(cpu_rates):,.0f} (what a machine of its own would give, about)"
        )


def _pass(step: Callable[[Any], object], items: list[Any]) -> float:
    """The mean CPU time of ``step`` per item over one pass, in seconds (CPU time, not wall
    time: other processes on a shared machine then change the figures less)."""
    start = time.process_time()
    for item in items:
        step(item)
    return (time.process_time() - start) / len(items)


def stages(inputs: list[str], repeat: int) -> None:
    """Where in-process time goes, stage by stage, on the same dev inputs.

    Each stage runs on its own over every input (its inputs prepared by the stages before
    it); one pass runs every stage in turn, so a change of load touches them all alike, and
    each figure is the median over the passes. The remainder of a step is what the pipeline
    does between the stages named (building the Diagnosis, its summary and actions)."""
    from whichlayer import classify as cl
    from whichlayer.parse import html, jsonish, signals
    from whichlayer.parse import text as text_parser
    from whichlayer.rules import catalogue
    from whichlayer.rules.view import View

    evs = [whichlayer.to_evidence(t) for t in inputs]
    # each extractor gets what the parser gives it: the text and its gate set (or, in
    # versions before the gate set, the lower-cased text)
    present = getattr(signals, "present", None)
    texts = [
        (ev.text, present(ev.text.lower(), ev.text) if present else ev.text.lower()) for ev in evs
    ]
    views = [View(ev) for ev in evs]
    # the rules' keyword pass: ``View.keywords``, found when the view is made (in versions
    # before the phrase rows: ``View.literals``, found on first use)
    eager = not hasattr(View, "literals")
    for v in views:
        _ = v.keywords if eager else v.literals
    winners = [(v, s[0][2]) for v, s in ((v, cl._scored(v)) for v in views) if s]
    share = len(winners) / len(views)

    def bodies(item: tuple[str, str]) -> None:
        for _s, _e, value in jsonish.find_values(item[0]):
            text_parser.collect_value(value, whichlayer.Evidence())

    def literals(ev: Any) -> object:
        return View(ev).literals

    def keywords(view: Any) -> object:
        return view._keywords_in(view.ev)

    def view_and_keywords(ev: Any) -> object:
        view = View(ev)
        return view.keywords if eager else view.literals

    steps: dict[str, tuple[Callable[[Any], object], list[Any]]] = {
        "whole": (whichlayer.explain, inputs),
        "parse": (whichlayer.to_evidence, inputs),
        "bodies (JSON, dialects)": (bodies, texts),
        "html": (lambda t: html.looks_like_html(t[0]) and html.read_html(t[0]), texts),
        "statuses": (lambda t: signals.statuses(*t), texts),
        "request ids": (lambda t: signals.request_ids(*t), texts),
        "retry hint": (lambda t: signals.retry_after(*t), texts),
        "limits": (lambda t: signals.limits(*t), texts),
        "model": (lambda t: signals.model(*t), texts),
        "url": (lambda t: signals.url_parts(*t), texts),
        "exception names": (lambda t: signals.exception_names(t[0]), texts),
        "classify": (cl.classify, evs),
        "decide": (cl.decide, evs),
        "view": (View, evs),
        "view + literals": (view_and_keywords, evs),
        "keywords": (keywords, views) if eager else (literals, evs),
        "catalogue": (catalogue.candidates, views),
        "scored": (cl._scored, views),
        "origin": (lambda vr: cl._origin(*vr), winners),
    }
    runs: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(repeat):
        for name, (step, items) in steps.items():
            runs[name].append(_pass(step, items))
    t = {name: statistics.median(values) for name, values in runs.items()}
    t["origin"] *= share  # only inputs a rule decides ask for an origin
    if eager:  # the view makes its keyword set: the keyword pass is timed on its own
        t["literals"] = t["keywords"]
        t["view"] = t["view + literals"] - t["keywords"]
    else:
        t["literals"] = t["view + literals"] - t["view"]
    t["rules"] = t["scored"] - t["catalogue"]
    # the text scans no rule reads run when their Evidence field is first read (in builds
    # that defer them): timed apart, not counted in the parse
    deferred = getattr(text_parser, "_TextScans", None) is not None
    later = {"request ids", "retry hint", "limits", "model"} if deferred else set()
    parse_parts = [name for name in list(steps)[2:11] if name not in later]
    us = 1e6
    print(
        f"per stage (CPU us per diagnosis, median of {repeat} passes; whole explain "
        f"{t['whole'] * us:.0f} us = {1 / t['whole']:,.0f}/s):"
    )
    print(f"  read the paste (parse)        {t['parse'] * us:6.1f}")
    for name in parse_parts:
        print(f"    {name:<27} {t[name] * us:6.1f}")
    rest = t["parse"] - sum(t[name] for name in parse_parts)
    print(f"    {'the rest (focus, headers...)':<27} {rest * us:6.1f}")
    print(f"  judge (decide)                {t['decide'] * us:6.1f}")
    judge_parts = [
        ("view (folded text)", "view"),
        ("prefilter keywords", "literals"),
        ("catalogue lookup", "catalogue"),
        ("rules", "rules"),
        ("origin", "origin"),
    ]
    for label, name in judge_parts:
        print(f"    {label:<27} {t[name] * us:6.1f}")
    rest = t["decide"] - t["view"] - t["literals"] - t["scored"] - t["origin"]
    print(f"    {'fallback, the decision':<27} {rest * us:6.1f}")
    rest = t["whole"] - t["parse"] - t["decide"]
    print(f"  between them (caches, calls)  {rest * us:6.1f}")
    words = t["classify"] - t["decide"]
    lazy = " (made when first read: not in explain's figure)" if deferred else ""
    print(f"  {'the words (summary, facts...)':<30}{words * us:6.1f}{lazy}")
    for name in sorted(later):
        print(f"    {name:<27} {t[name] * us:6.1f} (a text scan run when its field is read)")


def fallback() -> None:
    """An input no rule decides: the learned fallback's first use (weights load) and after."""
    # (no rule may decide it: "you seem to have run out of funds" has a row of its own now)
    text = "the assistant could not finish this turn, sorry"
    start = time.perf_counter()
    d = whichlayer.explain(text)
    first = time.perf_counter() - start
    runs = 200
    start = time.perf_counter()
    for _ in range(runs):
        whichlayer.explain(text)
    each = (time.perf_counter() - start) / runs
    said = f"{d.layer} / {d.cause}" if d.layer is not None else "unknown, below its threshold"
    print(
        f"learned fallback (answer: {said}): first use {first * 1000:.0f} ms (loads the "
        f"weights), then {each * 1000:.2f} ms per diagnosis"
    )


def big_paste(repeat: int) -> None:
    from whichlayer.classify import classify

    line = '2025-01-01T00:00:00Z INFO worker {"k": "v", "n": [1, 2]} (x) [y] <z> req_abcdef\n'
    body = line * (1_000_000 // len(line))
    tail = (
        "Error code: 429 - {'error': {'message': 'Rate limit reached for gpt-4o on requests "
        "per min (RPM): Limit 3, Used 3, Requested 1.', 'type': 'requests'}}"
    )
    cases = {
        "log lines + error at the end": body + tail,
        "one JSON body of 1 MB": json.dumps({"error": {"message": "x" * 1_000_000}}),
        "brackets and quotes": ("{'[\"" * 250_000)[:1_000_000],
        "HTML page": "<html><title>502 Bad gateway</title>" + "<div>x</div>" * 80_000,
    }
    for name, text in cases.items():
        whole, parse, judge = [], [], []
        for _ in range(repeat):
            start = time.perf_counter()
            whichlayer.explain(text)
            whole.append(time.perf_counter() - start)
            start = time.perf_counter()
            ev = whichlayer.to_evidence(text)
            parse.append(time.perf_counter() - start)
            start = time.perf_counter()
            classify(ev)
            judge.append(time.perf_counter() - start)
        print(
            f"1 MB paste ({name}, {len(text) / 1e6:.2f} MB): "
            f"{_ms(statistics.median(whole))} median, {_ms(max(whole))} worst of {repeat} "
            f"(bar < {PASTE_BAR_MS:g} ms); read {_ms(statistics.median(parse))}, "
            f"judge {_ms(statistics.median(judge))}"
        )


#: The child of ``--first-pass``: the texts are read before the clock starts; the modules the
#: first judgement imports (``parse``, ``classify``, the rules) are imported in the first pass,
#: as in a scan.
_FIRST_PASS = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from _inputs import distinct_texts
texts = distinct_texts(Path(sys.argv[1]))
from whichlayer._explain import verdict
out = []
for _ in range(2):
    start = time.process_time()
    for text in texts:
        verdict(text)
    out.append(time.process_time() - start)
print(len(texts), *out)
"""


def first_pass(checkouts: list[Path], rounds: int) -> None:
    """Each checkout's first and second pass over the distinct corpus texts (``--first-pass``)."""
    firsts: dict[Path, list[float]] = {c: [] for c in checkouts}
    seconds: dict[Path, list[float]] = {c: [] for c in checkouts}
    count = 0
    for _ in range(rounds):
        for checkout in checkouts:  # alternately, so all see the same load
            env = child_env(checkout / "src", FIRST_PASS_PYCACHE)
            out = subprocess.run(
                [sys.executable, "-c", _FIRST_PASS, str(ROOT / "corpus"), str(ROOT / "bench")],
                capture_output=True,
                text=True,
                check=True,
                env=env,
                timeout=600,
            ).stdout.split()
            count = int(out[0])
            firsts[checkout].append(float(out[1]))
            seconds[checkout].append(float(out[2]))
    print(
        f"first pass over {count:,} distinct corpus texts in a fresh process (CPU time, "
        f"medians of {rounds} runs, checkouts run alternately):"
    )
    for checkout in checkouts:
        first, second = statistics.median(firsts[checkout]), statistics.median(seconds[checkout])
        print(
            f"  {checkout}: first pass {first:.3f} s = {first / count * 1e6:.0f} us per text "
            f"(lowest {min(firsts[checkout]):.3f} s); second pass {second / count * 1e6:.0f} "
            f"us per text; warm-up {first - second:.3f} s"
        )


def main() -> None:
    if "--first-pass" in sys.argv[1:]:
        import argparse

        parser = argparse.ArgumentParser(description="first pass over many distinct texts")
        parser.add_argument("--first-pass", action="store_true")
        parser.add_argument("--against", action="append", default=[], help="another checkout")
        parser.add_argument("--rounds", type=int, default=7, help="runs per checkout")
        args = parser.parse_args()
        require(DEV)
        checkouts = [ROOT, *(Path(c).resolve() for c in args.against)]
        for checkout in checkouts:
            if not (checkout / "src" / "whichlayer").is_dir():
                sys.exit(f"speed.py: no src/whichlayer under {checkout}")
        one, five, fifteen = os.getloadavg()
        print(f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs")
        first_pass(checkouts, args.rounds)
        return
    quick = "--quick" in sys.argv[1:]
    require(DEV)
    one, five, fifteen = os.getloadavg()
    print(
        f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs "
        f"(python {sys.version.split()[0]})"
    )
    inputs = _dev_inputs()
    cold_start(runs=10 if quick else 20)
    throughput(inputs, rounds=3 if quick else 5, seconds=1.0)
    stages(inputs, repeat=5 if quick else 15)
    fallback()
    big_paste(repeat=3 if quick else 5)


if __name__ == "__main__":
    main()
