"""The store: no secret ever reaches it (or the terminal, or the exports); it survives
``kill -9`` and the proxy restarts on it; it rotates; retry storms are caught."""

from __future__ import annotations

import http.server
import io
import json
import os
import re
import secrets
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from tests.proxy.conftest import wait_records

from whichlayer.cli import main
from whichlayer.proxy import ProxyServer, read_records
from whichlayer.proxy.export import OtlpExporter, PrometheusExporter
from whichlayer.proxy.store import Store, rotated
from whichlayer.simulate import SimServer

HI: Any = [{"role": "user", "content": "hi"}]


class OtlpReceiver:
    """A loopback OTLP/HTTP collector that keeps every request body by path."""

    def __init__(self) -> None:
        self.bodies: dict[str, list[bytes]] = {}
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                outer.bodies.setdefault(self.path, []).append(self.rfile.read(length))
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def otlp() -> Iterator[OtlpReceiver]:
    receiver = OtlpReceiver()
    yield receiver
    receiver.close()


def _spans(receiver: OtlpReceiver) -> list[Any]:
    from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

    out = []
    for body in receiver.bodies.get("/v1/traces", []):
        req = ExportTraceServiceRequest()
        req.ParseFromString(body)
        for rs in req.resource_spans:
            for ss in rs.scope_spans:
                out += list(ss.spans)
    return out


def _metric_points(receiver: OtlpReceiver) -> dict[str, list[dict[str, Any]]]:
    from opentelemetry.proto.collector.metrics.v1.metrics_service_pb2 import (
        ExportMetricsServiceRequest,
    )

    out: dict[str, list[dict[str, Any]]] = {}
    for body in receiver.bodies.get("/v1/metrics", []):
        req = ExportMetricsServiceRequest()
        req.ParseFromString(body)
        for rm in req.resource_metrics:
            for sm in rm.scope_metrics:
                for m in sm.metrics:
                    for p in m.sum.data_points:
                        attrs = {a.key: a.value.string_value for a in p.attributes}
                        out.setdefault(m.name, []).append({"attrs": attrs, "value": p.as_int})
    return out


def _attrs(span: Any) -> dict[str, Any]:
    out = {}
    for a in span.attributes:
        v = a.value
        out[a.key] = (
            v.string_value or v.int_value or list(x.string_value for x in v.array_value.values)
        )
    return out


def test_no_canary_secret_in_store_terminal_or_exports(tmp_path: Path, otlp: OtlpReceiver) -> None:
    canary_prompt_key = "sk-ant-api03-" + secrets.token_urlsafe(70) + "AA"
    canary_query_key = "AIzaSy" + secrets.token_urlsafe(25)[:33]
    stray_key = "sk-proj-" + secrets.token_urlsafe(40)
    live = io.StringIO()
    prom = PrometheusExporter(0)
    exporters = [prom, OtlpExporter(otlp.url, export_interval_s=60)]
    with SimServer("openai") as sim:
        valid = sim.keys["valid"]
        with ProxyServer(
            sim.url, store=tmp_path / "s.db", live=live, record_bodies=True, exporters=exporters
        ) as px:
            prompt: Any = [{"role": "user", "content": f"my key is {canary_prompt_key} ok"}]
            with openai.OpenAI(base_url=px.url + "/v1", api_key=valid, max_retries=0) as c:
                c.chat.completions.create(model="gpt-4o-mini", messages=prompt)
                with pytest.raises(openai.RateLimitError):
                    c.chat.completions.create(
                        model="gpt-4o-mini",
                        messages=prompt,
                        extra_headers={"x-sim-scenario": "quota_exhausted"},
                    )
            c = openai.OpenAI(base_url=px.url + "/v1", api_key=stray_key, max_retries=0)
            with c, pytest.raises(openai.AuthenticationError):
                c.chat.completions.create(model="gpt-4o-mini", messages=prompt)
            httpx.get(
                f"{px.url}/v1/models?key={canary_query_key}",
                timeout=5,
                headers={"x-api-key": valid},
            )
            wait_records(px.store_path, 4)
            metrics_text = urllib.request.urlopen(f"http://127.0.0.1:{prom.port}/metrics").read()
    # the proxy is stopped: the exporters flushed, the WAL is checkpointed or still there
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("s.db*"))
    out = io.StringIO()
    sys_stdout, sys.stdout = sys.stdout, out
    try:
        assert main(["proxy", "log", "--store", str(tmp_path / "s.db"), "--json"]) == 0
    finally:
        sys.stdout = sys_stdout
    exported = b"".join(b for bodies in otlp.bodies.values() for b in bodies)
    assert exported and metrics_text
    places = {
        "store": stored,
        "terminal": live.getvalue().encode(),
        "log": out.getvalue().encode(),
        "otlp": exported,
        "metrics": metrics_text,
    }
    for secret in (valid, canary_prompt_key, canary_query_key, stray_key):
        for where, data in places.items():
            for piece in (secret, secret[8:28]):  # the whole and a distinctive middle
                assert piece.encode() not in data, f"{secret[:10]}… leaked into the {where}"
    rows = read_records(tmp_path / "s.db", limit=10)
    bodies = [r["req_body"] for r in rows if r["req_body"]]
    assert any("[anthropic key sk-ant-" in b for b in bodies), bodies  # masked, not dropped
    assert any(r["key_fp"] and r["key_fp"].startswith("[openai key") for r in rows)


def test_exports_carry_the_diagnosis(tmp_path: Path, otlp: OtlpReceiver) -> None:
    from prometheus_client.parser import text_string_to_metric_families

    prom = PrometheusExporter(0)
    exporters = [prom, OtlpExporter(otlp.url, export_interval_s=60)]
    with (
        SimServer("openai") as sim,
        ProxyServer(sim.url, store=tmp_path / "s.db", exporters=exporters) as px,
    ):
        with openai.OpenAI(base_url=px.url + "/v1", api_key=sim.keys["valid"], max_retries=0) as c:
            c.chat.completions.create(model="gpt-4o-mini", messages=HI)
            for _ in range(2):
                with pytest.raises(openai.RateLimitError):
                    c.chat.completions.create(
                        model="gpt-4o-mini",
                        messages=HI,
                        extra_headers={"x-sim-scenario": "rpm"},
                    )
        wait_records(px.store_path, 3)
        text = urllib.request.urlopen(f"http://127.0.0.1:{prom.port}/metrics").read().decode()
    families = {f.name: f for f in text_string_to_metric_families(text)}
    failures = [
        s for s in families["whichlayer_proxy_failures"].samples if s.name.endswith("_total")
    ]
    assert [(s.labels["layer"], s.labels["cause"], s.value) for s in failures] == [
        ("rate_limit", "rpm", 2.0)
    ]
    requests = {
        s.labels["status_class"]: s.value
        for s in families["whichlayer_proxy_requests"].samples
        if s.name.endswith("_total")
    }
    assert requests == {"2xx": 1.0, "4xx": 2.0}
    spans = _spans(otlp)
    assert len(spans) == 3
    failed = [_attrs(s) for s in spans if s.status.code == 2]
    assert len(failed) == 2
    assert all(
        a["whichlayer.layer"] == "rate_limit"
        and a["whichlayer.cause"] == "rpm"
        and a["whichlayer.origin"] == "upstream"
        for a in failed
    )
    assert all(a["http.response.status_code"] == 429 for a in failed)
    points = _metric_points(otlp)
    assert sum(p["value"] for p in points["whichlayer.proxy.requests"]) == 3
    assert points["whichlayer.proxy.failures"][0]["attrs"]["whichlayer.layer"] == "rate_limit"


def test_retry_storm_is_caught_with_the_verdict(tmp_path: Path) -> None:
    live = io.StringIO()
    with SimServer("openai") as sim, ProxyServer(sim.url, store=tmp_path / "s.db", live=live) as px:
        with openai.OpenAI(
            base_url=px.url + "/v1", api_key=sim.keys["no_balance"], max_retries=0
        ) as c:
            for _ in range(3):
                with pytest.raises(openai.RateLimitError):
                    c.chat.completions.create(model="gpt-4o-mini", messages=HI)
        rows = wait_records(px.store_path, 3)
    assert [("retry_storm" in r["flags"]) for r in rows] == [False, False, True]
    assert len({r["body_hash"] for r in rows}) == 1
    text = live.getvalue()
    assert "retry storm: the same request body sent 3 times" in text
    assert "quota/insufficient_balance: retrying cannot help" in text


def test_store_rotates_and_ids_continue(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    store = Store(path, max_bytes=40_000)
    rows = [
        {
            "id": i,
            "ts": 1.0 + i,
            "method": "POST",
            "path": "/v1/x",
            "ok": 1,
            "error_body": "x" * 200,
        }
        for i in range(1, 1001)
    ]
    store.add(rows[:500])
    store.add(rows[500:])
    store.close()
    assert rotated(path).exists()
    again = Store(path, max_bytes=40_000)
    assert again.next_id == 1001  # ids continue over the rotated file
    again.close()
    # two rotations: the oldest file (ids 1-500) was dropped, the newer one kept as .1
    kept = read_records(path, limit=2000)
    assert [kept[0]["id"], kept[-1]["id"], len(kept)] == [1000, 501, 500]
    assert path.stat().st_size < 40_000


def _start_cli_proxy(url: str, store: Path) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "whichlayer", "proxy", "--to", url, "--store", str(store)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stderr is not None
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        m = re.match(r"whichlayer proxy: (http://127\.0\.0\.1:\d+) ->", line)
        if m:
            return proc, m.group(1)
    proc.kill()
    raise AssertionError("the proxy did not start")


def _until_stable(store: Path, timeout: float = 30.0) -> None:
    last, since = -1, time.monotonic()
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        count = len(read_records(store, limit=100_000))
        if count != last:
            last, since = count, time.monotonic()
        elif time.monotonic() - since > 1.5:
            return
        time.sleep(0.1)
    raise AssertionError("the store kept growing after the proxy was killed")


def test_survives_kill_9_and_restarts_on_the_same_store(tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    with SimServer("openai") as sim:
        proc, url = _start_cli_proxy(sim.url, store)
        stop = threading.Event()
        sent = 0

        def load() -> None:
            nonlocal sent
            with httpx.Client(base_url=url, timeout=5) as client:
                while not stop.is_set():
                    try:
                        client.post(
                            "/v1/chat/completions",
                            headers={"authorization": f"Bearer {sim.keys['valid']}"},
                            json={"model": "gpt-4o-mini", "messages": HI},
                        )
                        sent += 1
                    except httpx.HTTPError:
                        return

        worker = threading.Thread(target=load)
        worker.start()
        wait_records(store, 40, timeout=30)
        os.kill(proc.pid, signal.SIGKILL)  # while requests are in flight and being written
        proc.wait(10)
        stop.set()
        worker.join(10)
        assert proc.stderr is not None
        proc.stderr.close()
        _until_stable(store)  # the recorder process writes what it got, then ends at EOF
        db = sqlite3.connect(store)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count, top = db.execute("SELECT COUNT(*), MAX(id) FROM exchanges").fetchone()
        db.close()
        assert count >= 40 and top == count
        proc2, url2 = _start_cli_proxy(sim.url, store)
        try:
            r = httpx.get(
                url2 + "/v1/models", headers={"authorization": f"Bearer {sim.keys['valid']}"}
            )
            assert r.status_code == 200
            newest = wait_records(store, count + 1)[-1]
            assert newest["id"] == top + 1 and newest["path"] == "/v1/models"
        finally:
            proc2.send_signal(signal.SIGTERM)
            assert proc2.wait(10) == 0
            assert proc2.stderr is not None
            proc2.stderr.close()
    assert json.loads(json.dumps(read_records(store, limit=1)))[0]["id"] == top + 1
