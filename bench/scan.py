"""Benchmark `whichlayer scan` on a generated gateway log and agent transcripts.

    python bench/scan.py                 # a 1 GB JSONL gateway log + 200 MB of transcripts
    python bench/scan.py --size-mb 64 --transcripts-mb 16    # a quick run

The gateway log has 5% failures whose error bodies are real errors drawn from the
labelled corpora; the transcripts are Claude Code session files with an API error
every ~40 lines. Side by side in the same run, over the same gateway log: a plain
`json.loads` loop, an `orjson` loop and DuckDB's `read_json` (each counting failures
by status, the least any reader must do), and `grep -c` on the failure pattern as
the physical floor. Then the agreement check: the scan's counts by layer must equal
`explain` run on every failure line one by one.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

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
                    out.append((STATUS_FOR_LAYER.get(str(layer), 500), entry["input"][:2000]))
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


def timed(label: str, fn, size: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    result = fn()
    s = time.perf_counter() - t
    return {"arm": label, "seconds": s, "mb_s": size / s / 1e6, "result": result}


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


def arm_grep(path: Path) -> object:
    if not shutil.which("grep"):
        return "grep not found"
    out = subprocess.run(
        ["grep", "-c", '"status": [45]', str(path)], capture_output=True, text=True, check=False
    )
    return int(out.stdout.strip() or 0)


def arm_scan(paths: list[str], jobs: int) -> dict[str, object]:
    """Run the real command in a child, to measure its own peak RSS."""
    cmd = [sys.executable, "-m", "whichlayer", "scan", *paths, "--json", "--jobs", str(jobs)]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    t = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    s = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    d = json.loads(out.stdout)
    return {"seconds": s, "rss_mb": rss, "by_layer": d["by"]["layer"], "failures": d["failures"]}


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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--transcripts-mb", type=int, default=200)
    ap.add_argument("--keep", metavar="DIR", help="generate into DIR and keep the files")
    args = ap.parse_args()
    errors = corpus_errors()
    work = Path(args.keep or tempfile.mkdtemp(prefix="wl-scan-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    log = work / "gateway.jsonl"
    tdir = work / "transcripts"
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
            f"transcripts {tsize / 1e6:,.0f} MB"
        )
        print()
        rows = []
        for jobs in (1, 2):
            r = arm_scan([str(log)], jobs)
            rows.append(
                (f"whichlayer scan --jobs {jobs}", r["seconds"], r["failures"], r["rss_mb"])
            )
            by_layer = r["by_layer"]
        for label, fn in (
            ("grep -c (floor)", lambda: arm_grep(log)),
            ("duckdb read_json GROUP BY", lambda: arm_duckdb(log)),
            ("orjson loop", lambda: arm_orjson(log)),
            ("json.loads loop", lambda: arm_json(log)),
        ):
            r = timed(label, fn, size)
            rows.append((label, r["seconds"], r["result"], None))
        print(f"{'arm':<30} {'MB/s':>8} {'lines/s':>12} {'s':>7}  {'failures':>9}  peak RSS")
        for label, s, res, rss in rows:
            if isinstance(res, str):
                print(f"{label:<30} {'-':>8} {'-':>12} {'-':>7}  {res}")
                continue
            rss_s = f"{rss:.0f} MB" if rss else ""
            print(
                f"{label:<30} {size / s / 1e6:>8,.0f} {n_lines / s:>12,.0f} {s:>7.2f}  "
                f"{res:>9,}  {rss_s}"
            )
        r = arm_scan([str(tdir)], 1)
        print(
            f"\ntranscripts: whichlayer scan {tsize / r['seconds'] / 1e6:,.0f} MB/s, "
            f"{r['failures']:,} failures, peak RSS {r['rss_mb']:.0f} MB"
        )
        want, n = agreement(log)
        same = dict(want) == by_layer
        print(
            f"\nagreement: explain on each of {n:,} failure lines one by one gives "
            f"{dict(want)}; scan gives {by_layer}: {'100% identical' if same else 'DIFFERENT'}"
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
