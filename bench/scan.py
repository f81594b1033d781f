"""Benchmark `whichlayer scan` on a generated gateway log and agent transcripts.

    python bench/scan.py                 # a 1 GB JSONL gateway log + 200 MB of transcripts
    python bench/scan.py --size-mb 64 --transcripts-mb 16    # a quick run
    python bench/scan.py --repeat 5      # each scan arm 5 times: medians
    python bench/scan.py --clean         # delete the generated files afterwards
    python bench/scan.py --stages        # where the CPU goes, stage by stage, per thread
    python bench/scan.py --against ../main/src --repeat 5   # this checkout and another, in turn

The generated files are kept under ~/.cache/whichlayer-bench/scan/ (or --cache DIR) and
reused by the next run; --clean removes them.

The gateway log has 5% failures whose error bodies are real errors drawn from the
labelled corpora; the transcripts are Claude Code session files with an API error
every ~40 lines. Side by side in the same run, over the same gateway log: a plain
`json.loads` loop, an `orjson` loop and DuckDB's `read_json` (each counting failures
by status, the least any reader must do), DuckDB in the one pass the scan would need
(only the needed fields, failures grouped by the scan's keys, one thread, 100 MB
memory limit, then each distinct error diagnosed and the groups folded into the scan's
tables), and `grep -c` on the failure pattern as the physical floor. Every arm
runs in a child process of its own: wall time, CPU seconds (user + sys, all threads)
and its own peak RSS. Then the agreement check: the scan's counts by layer must equal
`explain` run on every failure line one by one.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from _inputs import CUT  # noqa: E402  (bench/, the script's own folder)
from _timing import child_env as timing_env  # noqa: E402

STATUS_FOR_LAYER = {
    "identity": 401,
    "quota": 429,
    "rate_limit": 429,
    "request": 400,
    "network": 502,
    "upstream": 503,
}
MODELS = ("gpt-4o-mini", "gpt-4o", "claude-sonnet-4-5", "gemini-2.5-flash", "deepseek-chat")
KEYS = ("svc-search", "svc-chat", "batch-eval", "team-a")


def corpus_errors() -> list[tuple[int, str]]:
    """(status, error text) for every labelled error in the repository."""
    out = []
    for folder in (ROOT / "corpus", ROOT / "bench"):
        for path in sorted(folder.glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if isinstance(entry, dict) and isinstance(entry.get("input"), str):
                    layer = entry.get("layer")
                    out.append((STATUS_FOR_LAYER.get(str(layer), 500), entry["input"][:CUT]))
        if out:
            break
    if not out:
        sys.exit("bench/scan.py: no labelled corpus found (corpus/*.jsonl or bench/*.jsonl)")
    return out


def make_gateway_log(path: Path, size_mb: int, errors: list[tuple[int, str]]) -> int:
    rnd = random.Random(20261205)
    target = size_mb * 1024 * 1024
    written = lines = 0
    t0 = 1_764_547_200  # 2025-12-01T00:00:00Z
    with path.open("w", encoding="utf-8") as out:
        batch: list[str] = []
        while written < target:
            lines += 1
            row: dict[str, object] = {
                "ts": t0 + lines // 20,
                "model": rnd.choice(MODELS),
                "key_alias": rnd.choice(KEYS),
                "latency_ms": rnd.randrange(80, 4000),
                "request_hash": f"{rnd.getrandbits(48):012x}",
                "tokens_in": rnd.randrange(10, 9000),
                "tokens_out": rnd.randrange(1, 900),
            }
            if rnd.random() < 0.05:
                status, text = rnd.choice(errors)
                row["status"] = status
                row["error"] = text
            else:
                row["status"] = 200
            s = json.dumps(row, ensure_ascii=False) + "\n"
            batch.append(s)
            written += len(s.encode("utf-8"))
            if len(batch) >= 10_000:
                out.write("".join(batch))
                batch = []
        out.write("".join(batch))
    return lines


def make_transcripts(folder: Path, size_mb: int, errors: list[tuple[int, str]]) -> None:
    rnd = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    target = size_mb * 1024 * 1024
    written = 0
    n = 0
    while written < target:
        n += 1
        session = f"{n:08x}-0000-4000-8000-{rnd.getrandbits(48):012x}"
        rows = []
        for i in range(400):
            if i % 40 == 39:
                status, text = rnd.choice(errors)
                row = {
                    "parentUuid": f"u{i - 1}", "sessionId": session, "type": "assistant",
                    "isApiErrorMessage": True, "apiErrorStatus": status,
                    "message": {"model": "<synthetic>", "role": "assistant",
                                "content": [{"type": "text", "text": f"API Error: {text}"}]},
                    "uuid": f"u{i}", "timestamp": f"2026-12-01T{(i // 20) % 24:02d}:00:00Z",
                }  # fmt: skip
            else:
                role = "user" if i % 2 == 0 else "assistant"
                row = {
                    "parentUuid": f"u{i - 1}", "sessionId": session, "type": role,
                    "message": {"role": role, "content": "x" * rnd.randrange(50, 1500)},
                    "uuid": f"u{i}", "timestamp": "2026-12-01T10:00:00Z",
                }  # fmt: skip
            rows.append(json.dumps(row))
        data = "\n".join(rows) + "\n"
        (folder / f"{session}.jsonl").write_text(data)
        written += len(data)


def arm_json(path: Path) -> int:
    n = 0
    with path.open("rb") as f:
        for line in f:
            if json.loads(line).get("status", 200) >= 400:
                n += 1
    return n


def arm_orjson(path: Path) -> int | str:
    try:
        import orjson
    except ImportError:
        return "orjson not installed (pip install orjson)"
    n = 0
    with path.open("rb") as f:
        for line in f:
            if orjson.loads(line).get("status", 200) >= 400:
                n += 1
    return n


def arm_duckdb(path: Path) -> object:
    """DuckDB's defaults (all cores, no memory setting): failures counted by status."""
    try:
        import duckdb
    except ImportError:
        return "duckdb not installed (pip install duckdb)"
    con = duckdb.connect()
    rows = con.execute(
        "SELECT status, count(*) FROM read_json(?, format='newline_delimited', "
        "columns={'status': 'INTEGER', 'model': 'VARCHAR', 'key_alias': 'VARCHAR'}) "
        "WHERE status >= 400 GROUP BY status",
        [str(path)],
    ).fetchall()
    return sum(k for _, k in rows)


def arm_duckdb_scan(path: Path) -> object:
    """The native way the scan could take for a JSON-lines gateway log, in ONE pass: only
    the fields the scan needs, failing statuses filtered in DuckDB, grouped by what the
    scan's tables need (hour x error, model x key x error, and each distinct error once;
    the error by its hash where the text is not needed), one thread, insertion order not
    kept, a memory limit and a spill folder; then each distinct error diagnosed by the
    engine and the groups folded into the scan's Aggregate, fetched a batch at a time.
    What it does not give (examples in file order, retry storms, line counts) is in
    docs/scan.md. Prints the failures it counted; its counts by layer are checked
    against the scan's when the bench compares them."""
    try:
        import duckdb
    except ImportError:
        return "duckdb not installed (pip install duckdb)"
    from whichlayer.scan.aggregate import Aggregate
    from whichlayer.scan.engine import Diagnoser
    from whichlayer.scan.readers.generic import _text

    with tempfile.TemporaryDirectory() as spill:
        con = duckdb.connect()
        con.execute("SET threads=1")
        con.execute("SET preserve_insertion_order=false")
        con.execute("SET memory_limit='100MB'")
        con.execute(f"SET temp_directory='{spill}'")
        cur = con.execute(
            "WITH f AS (SELECT ts, model, key_alias, status, error, hash(error) AS eh "
            "FROM read_json(?, format='newline_delimited', columns={'ts': 'BIGINT', "
            "'model': 'VARCHAR', 'key_alias': 'VARCHAR', 'request_hash': 'VARCHAR', "
            "'status': 'BIGINT', 'error': 'VARCHAR'}, ignore_errors=true) WHERE status >= 400) "
            "SELECT error, status, eh, ts // 3600 AS h, model, key_alias, count(*) AS n "
            "FROM f GROUP BY GROUPING SETS ((status, eh, error), (h, status, eh), "
            "(model, key_alias, status, eh)) ORDER BY error NULLS LAST",
            [str(path)],
        )
        diagnose, state, agg = Diagnoser(), {}, Aggregate()
        verdicts: dict[tuple[int, int], Any] = {}
        while batch := cur.fetchmany(20_000):
            for error, status, eh, hour, model, key, n in batch:
                if error is not None:  # the distinct errors come first: diagnosed once each
                    verdicts[(status, eh)] = diagnose(_text(status, error, state))
                    agg.failures += n
                elif hour is not None:
                    agg._pending_hours[(verdicts[(status, eh)], hour)] += n
                else:
                    agg._pending[(verdicts[(status, eh)], model, None, key)] += n
    return {"failures": agg.failures, "by_layer": dict(agg.by["layer"])}


def arm_grep(path: Path) -> object:
    if not shutil.which("grep"):
        return "grep not found"
    out = subprocess.run(
        ["grep", "-c", '"status": [45]', str(path)], capture_output=True, text=True, check=False
    )
    return int(out.stdout.strip() or 0)


ARMS = {
    "grep": ("grep -c (floor)", arm_grep),
    "duckdb": ("duckdb read_json GROUP BY", arm_duckdb),
    "duckdb-scan": ("duckdb one pass + diagnosis", arm_duckdb_scan),
    "orjson": ("orjson loop", arm_orjson),
    "json": ("json.loads loop", arm_json),
}


def arm_child(name: str, path: Path) -> dict[str, Any]:
    """One side arm in a child process of its own: its wall time, its CPU (user + sys, all
    its threads and children) and its own peak RSS, from wait4."""
    cmd = [sys.executable, __file__, "--arm", name, str(path)]
    with tempfile.TemporaryFile() as out:
        t = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=out)
        _, status, usage = os.wait4(child.pid, 0)
        s = time.perf_counter() - t
        out.seek(0)
        text = out.read().decode().strip()
    if os.waitstatus_to_exitcode(status):
        return {"seconds": s, "result": f"failed: {text[-200:]}", "cpu": 0.0, "rss_mb": 0.0}
    result = json.loads(text)
    by_layer = None
    if isinstance(result, dict):
        result, by_layer = result["failures"], result["by_layer"]
    return {
        "seconds": s,
        "result": result,
        "by_layer": by_layer,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
    }


#: Where the children keep the bytecode of the trees they run (not in the trees).
PYCACHE = Path.home() / ".cache" / "whichlayer-bench" / "pycache"
_COMPILED: set[Path] = set()


def child_env(src: Path) -> dict[str, str]:
    """The environment of a child that runs the tree ``src``, with its bytecode compiled
    once beforehand into PYCACHE (as an installed package has it: a run must not pay for
    compiling the modules it imports, which PYTHONDONTWRITEBYTECODE would make every run
    do, nor compare a tree that has its bytecode with one that has not)."""
    env = timing_env(src, PYCACHE)
    if src not in _COMPILED:
        cmd = [sys.executable, "-m", "compileall", "-q", str(src)]
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
        _COMPILED.add(src)
    return env


def arm_scan(
    paths: list[str], jobs: int, src: Path = ROOT / "src", extra: dict[str, str] | None = None
) -> dict[str, Any]:
    """Run the real command in a child (start-up and output included), and read that
    child's own peak RSS from wait4 (with --jobs 2: the largest of its processes; its CPU
    includes the processes it ran, the forked judge too)."""
    cmd = [sys.executable, "-m", "whichlayer", "scan", *paths, "--json", "--jobs", str(jobs)]
    env = child_env(src) | (extra or {})
    with tempfile.TemporaryFile() as out:
        t = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=out, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        s = time.perf_counter() - t
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            sys.exit(f"bench/scan.py: {' '.join(cmd)} exited {child.returncode}")
        out.seek(0)
        d = json.loads(out.read())
    return {
        "seconds": s,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
        "by_layer": d["by"]["layer"],
        "failures": d["failures"],
        "lines": sum(f["lines"] for f in d["files"]),
    }


def scan_repeated(
    paths: list[str], jobs: int, repeat: int, extra: dict[str, str] | None = None
) -> dict[str, Any]:
    """The median run of ``repeat``, with the load average seen before each run."""
    runs = []
    for _ in range(repeat):
        load = os.getloadavg()[0]
        r = arm_scan(paths, jobs, extra=extra)
        r["load"] = load
        runs.append(r)
    runs.sort(key=lambda r: r["seconds"])
    mid = runs[len(runs) // 2]
    mid["all_seconds"] = [r["seconds"] for r in runs]
    mid["all_cpu"] = [r["cpu"] for r in runs]
    mid["loads"] = [r["load"] for r in runs]
    mid["rss_mb"] = max(r["rss_mb"] for r in runs)
    return mid


def stages(path: Path) -> dict[str, float]:
    """One scan of ``path`` in this process, the CPU of each stage on the thread that ran it
    (``time.thread_time`` around the stage's functions, each put down to the thread that
    ran it, so a stage that moves from one thread to the other shows where it went), and
    the wall time each thread spent waiting for the other."""
    import functools
    import threading

    import whichlayer.scan.aggregate as agg_mod
    import whichlayer.scan.engine as eng
    import whichlayer.scan.readers.generic as gen
    from whichlayer.redact import redact_data
    from whichlayer.scan import render, scan, to_dict
    from whichlayer.scan.sources import Source

    clock = time.thread_time
    spent: dict[str, float] = Counter()
    patched: list[tuple[Any, str, Any]] = []

    def who() -> str:
        return "reader" if threading.current_thread().name == "scan-prefetch" else "parser"

    def timed(owner: Any, attr: str, stage: str, tick: Any = clock) -> None:
        real = getattr(owner, attr)

        @functools.wraps(real)
        def wrapper(*a: Any, **k: Any) -> Any:
            t = tick()
            try:
                return real(*a, **k)
            finally:
                spent[f"{who()}:{stage}"] += tick() - t

        patched.append((owner, attr, real))
        setattr(owner, attr, wrapper)

    def timed_steps(owner: Any, attr: str, stage: str, tick: Any = clock) -> None:
        """A generator function: the time of each step."""
        real = getattr(owner, attr)

        @functools.wraps(real)
        def wrapper(*a: Any, **k: Any) -> Any:
            steps = real(*a, **k)
            while True:
                t = tick()
                try:
                    item = next(steps)
                except StopIteration:
                    return
                finally:
                    spent[f"{who()}:{stage}"] += tick() - t
                yield item

        patched.append((owner, attr, real))
        setattr(owner, attr, wrapper)

    class Searcher:
        def __init__(self, real: Any) -> None:
            self.real = real

        def __getattr__(self, name: str) -> Any:  # the checks of its matches (loose, holds)
            return getattr(self.real, name)

        def find_matches_as_indexes(self, block: bytes) -> Any:
            t = clock()
            try:
                return self.real.find_matches_as_indexes(block)
            finally:
                spent[f"{who()}:search"] += clock() - t

    matcher = eng._matcher
    patched.append((eng, "_matcher", matcher))
    eng._matcher = lambda reader: Searcher(matcher(reader))  # type: ignore[assignment]
    timed(eng._Prefetch, "_run", "total")
    timed_steps(eng, "_chunks", "read")
    timed(eng, "_count_newlines", "newlines")
    timed(eng, "_lines_at", "bounds")
    timed(eng._Prefetch, "_put", "wait", time.perf_counter)
    timed_steps(eng._Prefetch, "__iter__", "wait", time.perf_counter)
    timed(gen, "parse_columns", "parse")
    timed(gen, "parse_lines", "parse")
    timed(agg_mod.Aggregate, "add_columns", "count")
    timed(agg_mod.Aggregate, "add_all", "count")
    timed(eng.Diagnoser, "__call__", "diagnose")
    try:
        t, w = clock(), time.perf_counter()
        agg = scan([Source(str(path))])
        spent["parser:total"], wall = clock() - t, time.perf_counter() - w
        t = clock()
        render.as_json(redact_data(to_dict(agg)))
        output = clock() - t
    finally:
        for owner, attr, real in reversed(patched):
            setattr(owner, attr, real)
    spent["parser:count"] -= spent["parser:diagnose"]  # diagnoses run inside the counting
    return {**spent, "output": output, "wall": wall}


def agreement(path: Path) -> tuple[Counter[str], int]:
    from whichlayer import explain
    from whichlayer.scan.readers import generic

    want: Counter[str] = Counter()
    memo: dict[str, str] = {}
    n = 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            failure = generic.parse(line, {})
            if failure is None:
                continue
            n += 1
            layer = memo.get(failure.text)
            if layer is None:  # explain is deterministic: the same text, the same layer
                d = explain(failure.text)
                layer = memo[failure.text] = d.layer.value if d.layer else "unknown"
            want[layer] += 1
    return want, n


def print_stages(log: Path, repeat: int) -> None:
    """``stages`` run ``repeat`` times, each in a child of its own: the median of each stage,
    and the start-up of the real command (on an empty file) timed apart."""
    if not log.exists():
        sys.exit(f"bench/scan.py: {log} not found: run bench/scan.py once to generate it")
    runs = []
    env = child_env(ROOT / "src")
    for _ in range(repeat):
        load = os.getloadavg()[0]
        cmd = [sys.executable, __file__, "--stage-child", str(log)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
        runs.append(json.loads(out.stdout) | {"load": load})
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as empty:
        starts = []
        for _ in range(repeat):
            cmd = [sys.executable, "-m", "whichlayer", "scan", "--json", empty.name]
            child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env=env)
            _, _, usage = os.wait4(child.pid, 0)
            starts.append(usage.ru_utime + usage.ru_stime)
    keys = sorted({k for r in runs for k in r})
    med = {k: sorted(r.get(k, 0.0) for r in runs)[len(runs) // 2] for k in keys}
    loads = ", ".join(f"{r['load']:.1f}" for r in runs)
    print(f"{log.name}: {repeat} runs, load average {loads}")
    print("seconds per stage, median of the runs; CPU is thread CPU (another process's load")
    print("shows less there than on the wall); waits are wall time:")
    print(f"  {'stage':<50} {'parsing thread':>15} {'reading thread':>15}")
    for key, label in (
        ("read", "read the file"),
        ("search", "needle search (Aho-Corasick)"),
        ("newlines", "newline count (numpy)"),
        ("bounds", "bounds of the candidate lines"),
        ("parse", "decoding (msgspec structs) + columns + error texts"),
        ("count", "counting: tables, hours, storm identities"),
        ("diagnose", "diagnosing the distinct errors"),
        ("wait", "waiting for the other thread (wall)"),
        ("total", "thread total (CPU)"),
    ):
        cells = [med.get(f"{t}:{key}", 0.0) for t in ("parser", "reader")]
        print(f"  {label:<50} {cells[0]:>15.2f} {cells[1]:>15.2f}")
    print(f"  {'--json output: to_dict + redact_data + dump':<50} {med['output']:>15.2f}")
    print(
        f"  {'start-up of the command (empty file)':<50} {sorted(starts)[len(starts) // 2]:>15.2f}"
    )
    walls = ", ".join(f"{r['wall']:.2f}" for r in runs)
    print(f"  in-process wall of the scan: {walls} s")


def against(log: Path, other: Path, repeat: int) -> None:
    """This checkout's scan and another checkout's (``other``: its ``src`` folder) run in
    turn ``repeat`` times each on the same log, so that both see the same neighbours on a
    shared machine: the median wall, CPU and peak RSS of each, and whether their counts
    agree."""
    if not log.exists():
        sys.exit(f"bench/scan.py: {log} not found: run bench/scan.py once to generate it")
    arms = {"this checkout": ROOT / "src", f"{other}": other}
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in arms}
    for i in range(repeat):
        order = list(arms.items()) if i % 2 == 0 else list(reversed(arms.items()))
        for name, src in order:
            load = os.getloadavg()[0]
            r = arm_scan([str(log)], 1, src)
            runs[name].append(r)
            print(
                f"  {name:<24} wall {r['seconds']:5.2f} s  CPU {r['cpu']:5.2f} s  "
                f"RSS {r['rss_mb']:4.0f} MB  load {load:.1f}"
            )
    size = log.stat().st_size
    for name, rs in runs.items():
        wall = sorted(r["seconds"] for r in rs)[len(rs) // 2]
        cpu = sorted(r["cpu"] for r in rs)[len(rs) // 2]
        print(
            f"{name:<26} median wall {wall:.2f} s ({size / wall / 1e6:.0f} MB/s), "
            f"CPU {cpu:.2f} s, peak RSS {max(r['rss_mb'] for r in rs):.0f} MB"
        )
    a, b = (rs[0] for rs in runs.values())
    same = (a["by_layer"], a["failures"], a["lines"]) == (b["by_layer"], b["failures"], b["lines"])
    print(f"counts by layer, failures and lines: {'the same' if same else 'DIFFERENT'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--transcripts-mb", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each scan arm (median)")
    ap.add_argument(
        "--cache",
        metavar="DIR",
        default=str(Path.home() / ".cache" / "whichlayer-bench" / "scan"),
        help="where the generated files are kept and reused",
    )
    ap.add_argument("--clean", action="store_true", help="delete the generated files at the end")
    ap.add_argument("--keep", metavar="DIR", help=argparse.SUPPRESS)  # the old name of --cache
    ap.add_argument(
        "--stages",
        action="store_true",
        help="only where the scan's CPU goes, stage by stage, per thread (--repeat runs)",
    )
    ap.add_argument(
        "--against",
        metavar="SRC",
        help="only this checkout's scan and the one whose src folder is SRC, in turn "
        "(--repeat runs each): medians of both",
    )
    ap.add_argument("--arm", nargs=2, metavar=("NAME", "PATH"), help=argparse.SUPPRESS)
    ap.add_argument("--stage-child", metavar="PATH", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stage_child:  # one --stages run, in the child that print_stages started
        print(json.dumps(stages(Path(args.stage_child))))
        return
    if args.arm:  # one side arm, in the child that arm_child started
        print(json.dumps(ARMS[args.arm[0]][1](Path(args.arm[1]))))
        return
    if args.against:
        against(Path(args.cache) / f"gateway-{args.size_mb}.jsonl", Path(args.against), args.repeat)
        return
    if args.stages:
        print_stages(Path(args.cache) / f"gateway-{args.size_mb}.jsonl", args.repeat)
        return
    errors = corpus_errors()
    work = Path(args.keep or args.cache)
    work.mkdir(parents=True, exist_ok=True)
    log = work / f"gateway-{args.size_mb}.jsonl"
    tdir = work / f"transcripts-{args.transcripts_mb}"
    try:
        if not log.exists() or log.stat().st_size < args.size_mb * 1024 * 1024:
            t = time.perf_counter()
            n_lines = make_gateway_log(log, args.size_mb, errors)
            print(f"generated {log} ({n_lines:,} lines) in {time.perf_counter() - t:.0f} s")
        if not tdir.exists():
            make_transcripts(tdir, args.transcripts_mb, errors)
        size = log.stat().st_size
        tsize = sum(p.stat().st_size for p in tdir.glob("*.jsonl"))
        n_lines = sum(1 for _ in log.open("rb"))
        print(
            f"gateway log {size / 1e6:,.0f} MB, {n_lines:,} lines; "
            f"transcripts {tsize / 1e6:,.0f} MB; {os.cpu_count()} CPUs; "
            f"load average before the runs {os.getloadavg()[0]:.2f}"
        )
        print()
        rows = []
        by_layer: dict[str, int] = {}
        from whichlayer.scan.engine import REMOTE_SWITCH

        # the scan as shipped (a large file's errors judged in a forked process), then
        # with that process off (the judge in the scanning process: the scan before it)
        variants = [("whichlayer scan --jobs 1", 1, None),
                    ("  judged in-process", 1, {REMOTE_SWITCH: "0"}),
                    ("whichlayer scan --jobs 2", 2, None)]  # fmt: skip
        for label, jobs, extra in variants:
            r = scan_repeated([str(log)], jobs, args.repeat, extra)
            if r["lines"] != n_lines:
                sys.exit(f"bench/scan.py: scan counted {r['lines']:,} lines, not {n_lines:,}")
            runs = ", ".join(f"{size / x / 1e6:.0f}" for x in r["all_seconds"])
            loads = ", ".join(f"{x:.1f}" for x in r["loads"])
            cpus = ", ".join(f"{x:.2f}" for x in r["all_cpu"])
            note = f"runs {runs} MB/s, CPU {cpus} s, at load {loads}"
            if extra:
                same = r["by_layer"] == by_layer
                note += f"; counts by layer {'equal' if same else 'DIFFER from'} the scan's"
            rows.append((label, r["seconds"], r["cpu"], r["failures"], r["rss_mb"], note))
            if label == variants[0][0]:
                by_layer = r["by_layer"]
        for name, (label, _) in ARMS.items():
            load = os.getloadavg()[0]
            r = arm_child(name, log)
            note = f"load {load:.1f}"
            if r.get("by_layer") is not None:
                same = r["by_layer"] == by_layer
                note += f"; counts by layer {'equal' if same else 'DIFFER from'} the scan's"
            rows.append((label, r["seconds"], r["cpu"], r["result"], r["rss_mb"], note))
        print(
            f"{'arm':<30} {'MB/s':>6} {'lines/s':>10} {'wall s':>7} {'CPU s':>6} "
            f"{'MB/CPU-s':>8}  {'failures':>9}  {'peak RSS':>8}"
        )
        for label, s, cpu, res, rss, note in rows:
            if isinstance(res, str):
                print(f"{label:<30} {'-':>6} {'-':>10} {'-':>7} {'-':>6} {'-':>8}  {res}")
                continue
            rss_s = f"{rss:.0f} MB" if rss else ""
            per_cpu = size / cpu / 1e6 if cpu else 0
            print(
                f"{label:<30} {size / s / 1e6:>6,.0f} {n_lines / s:>10,.0f} {s:>7.2f} "
                f"{cpu:>6.2f} {per_cpu:>8,.0f}  {res:>9,}  {rss_s:>8}  {note}"
            )
        print(
            "(MB/CPU-s: the file's size over the arm's CPU seconds, user + sys, all threads: "
            "its speed on one core of its own, the fair figure on a loaded machine)"
        )
        r = scan_repeated([str(tdir)], 1, 1)
        print(
            f"\ntranscripts: whichlayer scan {tsize / r['seconds'] / 1e6:,.0f} MB/s, "
            f"{r['failures']:,} failures, peak RSS {r['rss_mb']:.0f} MB"
        )
        want, n = agreement(log)
        same = dict(want) == by_layer
        share = 100 * sum(min(want[k], by_layer.get(k, 0)) for k in want) / max(n, 1)
        print(
            f"\nagreement: explain on each of {n:,} failure lines one by one gives "
            f"{dict(want)}; scan gives {by_layer}: "
            f"{'100% identical' if same else f'DIFFERENT ({share:.2f}% agree)'}"
        )
    finally:
        if args.clean:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
