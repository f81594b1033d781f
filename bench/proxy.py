"""What ``whichlayer proxy`` adds to a call, side by side with LiteLLM proxy (issue 14's bars).

    python bench/proxy.py                 # full run (needs litellm[proxy] in .bench-litellm/)
    python bench/proxy.py --no-litellm    # whichlayer only
    python bench/proxy.py --quick         # fewer rounds, short soak

Setup of the LiteLLM arm (kept out of the project's dependencies, it is large):

    python3 -m venv .bench-litellm && .bench-litellm/bin/pip install 'litellm[proxy]'

Arms, all on 127.0.0.1, each server in its own process: ``direct`` (the client
talks to the upstream), ``whichlayer`` (``python -m whichlayer proxy``, recording
and redaction on, store in a temp dir), ``litellm`` (``litellm --config``, one
worker, ``LITELLM_LOCAL_MODEL_COST_MAP=True``, telemetry off). The upstream is a
zero-delay OpenAI-shaped server written for this benchmark (asyncio + uvloop,
fixed answers): the project's simulator does real work per request (keys,
limiters, wording) and would be the bottleneck, not the proxies. Under
``/gap20/`` its streams send 64 chunks 20 ms apart; elsewhere at once.

Measured, in interleaved rounds (the arms take turns, so machine noise hits all):
1. added latency at c=1: per round, the arm's median minus direct's; the median of
   those, and the pooled p99 minus direct's pooled p99 (bars: 0.5 ms, 2 ms);
2. added time to the first SSE frame (bar: 1 ms p50) and inter-frame gap p99 with
   64 chunks 20 ms apart; frames byte-identical to direct's (bar: 100%);
3. concurrency sweep 1, 4, 16, 64 connections: requests/s and p99 (bar: 3,000/s
   non-streaming, at p99 <= 10 ms);
4. RSS with 100 concurrent streams (bar: 100 MB) and RSS before/after a soak (bar:
   no growth; the soak is shorter than the issue's 5 minutes, see --soak-s).
The client is one asyncio (uvloop) process with raw HTTP/1.1 keep-alive connections.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LITELLM_VENV = ROOT / ".bench-litellm"

CHAT = json.dumps(
    {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}
).encode()
CHAT_STREAM = json.dumps(
    {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}], "stream": True}
).encode()
ANSWER = json.dumps(
    {
        "id": "chatcmpl-bench",
        "object": "chat.completion",
        "created": 1700000000,
        "model": "gpt-4o-mini",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": "Hello from the bench."},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 5, "total_tokens": 6},
    }
).encode()
FRAMES = 64
BENCH_KEY = "sk-bench-0123456789abcdefghijklmnop"


def _frame(i: int) -> bytes:
    chunk = {
        "id": "chatcmpl-bench",
        "object": "chat.completion.chunk",
        "created": 1700000000,
        "model": "gpt-4o-mini",
        "choices": [{"index": 0, "delta": {"content": f"t{i} "}, "finish_reason": None}],
    }
    return b"data: " + json.dumps(chunk).encode() + b"\n\n"


SSE = [_frame(i) for i in range(FRAMES)] + [b"data: [DONE]\n\n"]


def _new_loop() -> asyncio.AbstractEventLoop:
    try:
        import uvloop

        loop: asyncio.AbstractEventLoop = uvloop.new_event_loop()
        return loop
    except ImportError:
        return asyncio.new_event_loop()


# -- the upstream ---------------------------------------------------------------------------------


async def _upstream_conn(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await r.readuntil(b"\r\n\r\n")
            m = re.search(rb"(?i)content-length:\s*(\d+)", head)
            body = await r.readexactly(int(m.group(1))) if m else b""
            gap = 0.02 if head.split(b" ", 2)[1].startswith(b"/gap20/") else 0.0
            if b'"stream": true' in body or b'"stream":true' in body:
                w.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                    b"x-request-id: req_bench\r\nTransfer-Encoding: chunked\r\n\r\n"
                )
                for frame in SSE:
                    if gap:
                        await asyncio.sleep(gap)
                    w.write(b"%x\r\n%s\r\n" % (len(frame), frame))
                w.write(b"0\r\n\r\n")
            else:
                w.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"x-request-id: req_bench\r\nContent-Length: %d\r\n\r\n%s"
                    % (len(ANSWER), ANSWER)
                )
            await w.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        w.close()


def run_upstream(port: int) -> None:
    loop = _new_loop()

    async def main() -> None:
        server = await asyncio.start_server(_upstream_conn, "127.0.0.1", port, backlog=1024)
        async with server:
            await server.serve_forever()

    loop.run_until_complete(main())


# -- the client -----------------------------------------------------------------------------------


class Conn:
    def __init__(self, host: str, port: int, prefix: str, host_header: str) -> None:
        self.host, self.port, self.prefix, self.host_header = host, port, prefix, host_header
        self.r: asyncio.StreamReader | None = None
        self.w: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self.r, self.w = await asyncio.open_connection(self.host, self.port, limit=2**20)
        sock = self.w.get_extra_info("socket")
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def close(self) -> None:
        if self.w is not None:
            self.w.close()

    def request(self, path: str, body: bytes) -> bytes:
        return (
            f"POST {self.prefix}{path} HTTP/1.1\r\nHost: {self.host_header}\r\n"
            f"Authorization: Bearer {BENCH_KEY}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode() + body

    async def call(self, req: bytes) -> tuple[float, float | None, list[float], bytes]:
        """(total s, first frame s, frame arrival times, body). A kept-alive connection the
        server closed while idle (uvicorn does after 5 s) is reopened once."""
        if self.w is None or self.w.is_closing() or (self.r is not None and self.r.at_eof()):
            self.close()
            await self.open()
        try:
            return await self._call(req)
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            if isinstance(exc, asyncio.IncompleteReadError) and exc.partial:
                raise
            self.close()
            await self.open()
            return await self._call(req)

    async def _call(self, req: bytes) -> tuple[float, float | None, list[float], bytes]:
        assert self.r is not None and self.w is not None
        t0 = time.perf_counter()
        self.w.write(req)
        head = await self.r.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        if status != 200:
            raise RuntimeError(f"status {status}: {head[:200]!r}")
        m = re.search(rb"(?i)content-length:\s*(\d+)", head)
        if m:
            body = await self.r.readexactly(int(m.group(1)))
            return time.perf_counter() - t0, None, [], body
        body = bytearray()
        arrivals: list[float] = []
        first: float | None = None
        while True:
            size = int((await self.r.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self.r.readuntil(b"\r\n")
                break
            data = await self.r.readexactly(size + 2)
            now = time.perf_counter()
            if first is None and b"data:" in data:
                first = now - t0
            arrivals.append(now)
            body += data[:-2]
        return time.perf_counter() - t0, first, arrivals, bytes(body)


class Arm:
    def __init__(self, name: str, port: int, prefix: str, pid: int | None) -> None:
        self.name, self.port, self.prefix, self.pid = name, port, prefix, pid

    def conn(self) -> Conn:
        return Conn("127.0.0.1", self.port, self.prefix, f"127.0.0.1:{self.port}")

    def slow_stream(self, c: Conn) -> bytes:
        """A stream of 64 chunks 20 ms apart."""
        return c.request("/gap20/v1/chat/completions", CHAT_STREAM)


# -- the servers ----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_port(port: int, proc: subprocess.Popen[bytes], timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args!r} exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), 0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{proc.args!r} did not listen on {port} within {timeout} s")


def _start(
    argv: list[str], port: int, env: dict[str, str], timeout: float
) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    _wait_port(port, proc, timeout)
    return proc


def _litellm_ready(port: int, timeout: float) -> None:
    import urllib.request

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/liveliness", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("litellm did not become ready")


def _tree(pid: int) -> list[int]:
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return pids


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its children."""
    total = 0
    tick = os.sysconf("SC_CLK_TCK")
    for p in _tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def rss_mb(pid: int) -> float:
    """RSS of a process and its children, in MB."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024.0


# -- measurements ---------------------------------------------------------------------------------


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100.0 * (len(s) - 1)))]


async def latency_rounds(arms: list[Arm], rounds: int, per_round: int) -> dict[str, Any]:
    conns = {a.name: a.conn() for a in arms}
    per: dict[str, list[list[float]]] = {a.name: [] for a in arms}
    for c in conns.values():
        await c.open()
        for _ in range(20):  # warm up
            await c.call(c.request("/v1/chat/completions", CHAT))
    for rnd in range(rounds):
        order = arms[rnd % len(arms) :] + arms[: rnd % len(arms)]
        for arm in order:
            c = conns[arm.name]
            req = c.request("/v1/chat/completions", CHAT)
            times = [(await c.call(req))[0] for _ in range(per_round)]
            per[arm.name].append(times)
    for c in conns.values():
        c.close()
    return per


async def stream_rounds(arms: list[Arm], rounds: int) -> dict[str, Any]:
    conns = {a.name: a.conn() for a in arms}
    first: dict[str, list[float]] = {a.name: [] for a in arms}
    gaps: dict[str, list[float]] = {a.name: [] for a in arms}
    bodies: dict[str, list[bytes]] = {a.name: [] for a in arms}
    for c in conns.values():
        await c.open()
    for rnd in range(rounds):
        order = arms[rnd % len(arms) :] + arms[: rnd % len(arms)]
        for arm in order:
            c = conns[arm.name]
            _, ff, arrivals, body = await c.call(arm.slow_stream(c))
            assert ff is not None
            first[arm.name].append(ff)
            gaps[arm.name] += [b - a for a, b in itertools.pairwise(arrivals)][:64]
            bodies[arm.name].append(body)
    for c in conns.values():
        c.close()
    return {"first": first, "gaps": gaps, "bodies": bodies}


async def sweep(arm: Arm, concurrency: int, seconds: float) -> tuple[float, float, float]:
    """(requests/s, p99 ms, server CPU µs per request) with ``concurrency`` keep-alive
    connections for ``seconds``."""
    times: list[float] = []
    cpu0 = cpu_s(arm.pid) if arm.pid else 0.0
    stop = time.perf_counter() + seconds

    async def worker() -> None:
        c = arm.conn()
        await c.open()
        req = c.request("/v1/chat/completions", CHAT)
        try:
            while time.perf_counter() < stop:
                times.append((await c.call(req))[0])
        finally:
            c.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - start
    cpu = (cpu_s(arm.pid) - cpu0) if arm.pid else 0.0
    return len(times) / elapsed, pct(times, 99) * 1000, cpu / max(len(times), 1) * 1e6


async def rss_at_streams(arm: Arm, streams: int) -> float:
    """Peak RSS of the arm's process while ``streams`` slow streams are open."""
    peak = 0.0
    done = asyncio.Event()

    async def one() -> None:
        c = arm.conn()
        try:
            await c.call(arm.slow_stream(c))
        finally:
            c.close()

    async def sample() -> None:
        nonlocal peak
        while not done.is_set():
            if arm.pid:
                peak = max(peak, rss_mb(arm.pid))
            await asyncio.sleep(0.05)

    sampler = asyncio.ensure_future(sample())
    await asyncio.gather(*(one() for _ in range(streams)))
    done.set()
    await sampler
    return peak


async def soak(arm: Arm, seconds: float) -> tuple[float, float, int]:
    """(RSS before MB, RSS after MB, requests) under mixed load for ``seconds``."""
    assert arm.pid
    before = rss_mb(arm.pid)
    stop = time.perf_counter() + seconds
    count = 0

    async def worker(stream: bool) -> None:
        nonlocal count
        c = arm.conn()
        path = "/v1/chat/completions"
        req = c.request(path, CHAT_STREAM if stream else CHAT)
        try:
            while time.perf_counter() < stop:
                await c.call(req)
                count += 1
        finally:
            c.close()

    await asyncio.gather(*(worker(i % 4 == 0) for i in range(8)))
    await asyncio.sleep(1.0)
    return before, rss_mb(arm.pid), count


# -- the run --------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-litellm", action="store_true")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--per-round", type=int, default=200)
    parser.add_argument("--soak-s", type=float, default=60.0)
    parser.add_argument("--sweep-s", type=float, default=3.0)
    parser.add_argument("--upstream", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.upstream:
        run_upstream(args.upstream)
        return 0
    if args.quick:
        args.rounds, args.per_round, args.soak_s, args.sweep_s = 5, 100, 10.0, 1.5
    procs: list[subprocess.Popen[bytes]] = []
    tmp = Path(tempfile.mkdtemp(prefix="whichlayer-bench-"))
    try:
        return _run(args, procs, tmp)
    finally:
        for proc in procs:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


def _run(args: argparse.Namespace, procs: list[subprocess.Popen[bytes]], tmp: Path) -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    up_port = _free_port()
    procs.append(_start([sys.executable, __file__, "--upstream", str(up_port)], up_port, env, 20))
    arms = [Arm("direct", up_port, "", None)]
    wl_port = _free_port()
    wl = _start(
        [
            sys.executable,
            "-m",
            "whichlayer",
            "proxy",
            "--to",
            f"http://127.0.0.1:{up_port}",
            "--port",
            str(wl_port),
            "--store",
            str(tmp / "proxy.sqlite"),
        ],
        wl_port,
        env,
        30,
    )
    procs.append(wl)
    arms.append(Arm("whichlayer", wl_port, "", wl.pid))
    if not args.no_litellm:
        arms.append(_start_litellm(up_port, tmp, procs))
    print(
        f"arms: {', '.join(a.name for a in arms)}; cores: {os.cpu_count()}; "
        f"load average: {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    loop = _new_loop()
    results: dict[str, dict[str, Any]] = {a.name: {} for a in arms}
    run = loop.run_until_complete

    per = run(latency_rounds(arms, args.rounds, args.per_round))
    for arm in arms:
        r = results[arm.name]
        pooled = [t for rnd in per[arm.name] for t in rnd]
        r["p50_ms"] = statistics.median(pooled) * 1000
        r["p99_ms"] = pct(pooled, 99) * 1000
        if arm.name != "direct":
            added = [
                statistics.median(a) - statistics.median(d)
                for a, d in zip(per[arm.name], per["direct"], strict=True)
            ]
            r["added_p50_ms"] = statistics.median(added) * 1000
            direct_p99 = pct([t for rnd in per["direct"] for t in rnd], 99)
            r["added_p99_ms"] = (pct(pooled, 99) - direct_p99) * 1000
    print("latency rounds done", flush=True)

    streams = run(stream_rounds(arms, max(5, args.rounds)))
    direct_bodies = streams["bodies"]["direct"]
    for arm in arms:
        r = results[arm.name]
        r["first_frame_ms"] = statistics.median(streams["first"][arm.name]) * 1000
        r["gap_p99_ms"] = pct(streams["gaps"][arm.name], 99) * 1000
        if arm.name != "direct":
            added_ff = [
                a - d
                for a, d in zip(streams["first"][arm.name], streams["first"]["direct"], strict=True)
            ]
            r["added_first_frame_ms"] = statistics.median(added_ff) * 1000
            r["added_gap_p99_ms"] = r["gap_p99_ms"] - results["direct"]["gap_p99_ms"]
        same = total = 0
        for body, ref in zip(streams["bodies"][arm.name], direct_bodies, strict=True):
            frames, ref_frames = body.split(b"\n\n"), ref.split(b"\n\n")
            total += len(ref_frames)
            same += sum(1 for a, b in zip(frames, ref_frames, strict=False) if a == b)
        r["frames_identical_pct"] = 100.0 * same / total
    print("stream rounds done", flush=True)

    for arm in arms:
        results[arm.name]["sweep"] = {}
        for c in (1, 4, 16, 64):
            results[arm.name]["sweep"][c] = run(sweep(arm, c, args.sweep_s))
    print("sweep done", flush=True)

    for arm in arms[1:]:
        results[arm.name]["rss_100_streams_mb"] = run(rss_at_streams(arm, 100))
        before, after, n = run(soak(arm, args.soak_s))
        results[arm.name]["soak"] = (before, after, n)
    _print(results, args)
    return 0


def _start_litellm(up_port: int, tmp: Path, procs: list[subprocess.Popen[bytes]]) -> Arm:
    exe = LITELLM_VENV / "bin" / "litellm"
    if not exe.exists():  # the test extra installs litellm[proxy] beside this interpreter
        exe = Path(sys.executable).parent / "litellm"
    if not exe.exists():
        raise SystemExit(
            f"{exe} not found: python3 -m venv .bench-litellm && "
            ".bench-litellm/bin/pip install 'litellm[proxy]' (or --no-litellm)"
        )
    config = tmp / "litellm.yaml"
    config.write_text(
        "model_list:\n"
        "  - model_name: gpt-4o-mini\n"
        "    litellm_params:\n"
        "      model: openai/gpt-4o-mini\n"
        f"      api_base: http://127.0.0.1:{up_port}/v1\n"
        "      api_key: sk-bench\n"
        "  - model_name: gpt-4o-mini-gap20\n"
        "    litellm_params:\n"
        "      model: openai/gpt-4o-mini\n"
        f"      api_base: http://127.0.0.1:{up_port}/gap20/v1\n"
        "      api_key: sk-bench\n"
        "litellm_settings:\n"
        "  telemetry: false\n"
        "  drop_params: true\n"
    )
    port = _free_port()
    env = {
        **os.environ,
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
        "LITELLM_TELEMETRY": "False",
        "LITELLM_LOG": "ERROR",
        "NO_PROXY": "127.0.0.1,localhost",
        # the bench client's bearer is LiteLLM's master key (no database: auth stays in memory)
        "LITELLM_MASTER_KEY": BENCH_KEY,
    }
    env.pop("PYTHONPATH", None)
    proc = _start(
        [
            str(exe),
            "--config",
            str(config),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--num_workers",
            "1",
        ],
        port,
        env,
        180,
    )
    procs.append(proc)
    _litellm_ready(port, 120)
    return _GapArm("litellm", port, proc.pid, up_port)


class _GapArm(Arm):
    """LiteLLM routes by model, not by path: the 20 ms stream is a second model entry."""

    def __init__(self, name: str, port: int, pid: int, up_port: int) -> None:
        super().__init__(name, port, "", pid)

    def slow_stream(self, c: Conn) -> bytes:
        return c.request("/v1/chat/completions", CHAT_STREAM.replace(b"gpt-4o-mini", GAP_MODEL))


GAP_MODEL = b"gpt-4o-mini-gap20"


def _print(results: dict[str, dict[str, Any]], args: argparse.Namespace) -> None:
    names = list(results)
    rows: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        ("c=1 p50 (ms)", lambda r: f"{r['p50_ms']:.3f}"),
        ("c=1 p99 (ms)", lambda r: f"{r['p99_ms']:.3f}"),
        ("added p50, median of round medians (ms)", lambda r: _f(r.get("added_p50_ms"))),
        ("added p99 (ms)", lambda r: _f(r.get("added_p99_ms"))),
        ("first SSE frame p50 (ms)", lambda r: f"{r['first_frame_ms']:.3f}"),
        ("added first frame p50 (ms)", lambda r: _f(r.get("added_first_frame_ms"))),
        ("inter-frame gap p99, 20 ms apart (ms)", lambda r: f"{r['gap_p99_ms']:.3f}"),
        ("frames byte-identical to direct (%)", lambda r: f"{r['frames_identical_pct']:.1f}"),
    ]
    for c in (1, 4, 16, 64):
        rows.append(
            (
                f"c={c}: req/s (p99 ms)",
                lambda r, c=c: f"{r['sweep'][c][0]:,.0f} ({r['sweep'][c][1]:.1f})",
            )
        )
    rows.append(
        (
            "server CPU per request at c=16 (µs; process + children)",
            lambda r: f"{r['sweep'][16][2]:.0f}" if r["sweep"][16][2] else "-",
        )
    )
    rows.append(
        (
            "requests/s one dedicated core could carry (1e6 / CPU µs)",
            lambda r: f"{1e6 / r['sweep'][16][2]:,.0f}" if r["sweep"][16][2] else "-",
        )
    )
    rows.append(("RSS at 100 streams (MB)", lambda r: _f(r.get("rss_100_streams_mb"), 1)))
    rows.append(
        (
            f"RSS before/after {args.soak_s:.0f} s soak (MB)",
            lambda r: (
                f"{r['soak'][0]:.1f} / {r['soak'][1]:.1f} ({r['soak'][2]:,} req)"
                if "soak" in r
                else "-"
            ),
        )
    )
    print()
    print("| measure | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for label, fn in rows:
        print(f"| {label} | " + " | ".join(fn(results[n]) for n in names) + " |")
    if "litellm" in results and "whichlayer" in results:
        ratio = results["litellm"]["added_p50_ms"] / max(
            results["whichlayer"]["added_p50_ms"], 1e-3
        )
        print(f"\nadded p50: LiteLLM proxy / whichlayer proxy = {ratio:.1f}x")


def _f(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


if __name__ == "__main__":
    random.seed(0)
    sys.exit(main())
