"""Off the hot path: turn each exchange into a redacted record, judge failures, write, tell.

The forwarding loop only puts an :class:`Exchange` on a queue. A thread here
takes them in batches: it hashes the request body, reads the model, takes the
key's fingerprint (the key itself is dropped with the exchange), diagnoses
every failure with the engine, flags retry storms, cut streams and slow first
bytes, writes the batch to SQLite, prints one line per failure, and feeds the
optional exporters.
"""

from __future__ import annotations

import collections
import hashlib
import json
import queue
import re
import statistics
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from whichlayer.proxy.exchange import (
    END_CUT_BY_UPSTREAM,
    END_NO_ANSWER,
    Exchange,
)
from whichlayer.proxy.store import DEFAULT_MAX_BYTES, Store

if TYPE_CHECKING:
    from whichlayer.proxy.export import Exporter

#: Response headers kept in a record: what support and the engine read.
KEPT_HEADERS = (
    "content-type",
    "content-length",
    "retry-after",
    "retry-after-ms",
    "server",
    "via",
    "date",
    "cf-ray",
    "x-request-id",
    "request-id",
    "apim-request-id",
    "x-amzn-requestid",
    "x-oneapi-request-id",
    "x-new-api-version",
    "x-litellm-call-id",
    "openai-processing-ms",
    "openai-organization",
    "x-should-retry",
    "x-ms-region",
    "x-envoy-upstream-service-time",
    "x-whichlayer-proxy-error",
)
_KEPT_PREFIXES = ("x-ratelimit-", "anthropic-ratelimit-")
#: Headers that may carry the key, in the order clients use them.
KEY_HEADERS = ("x-api-key", "api-key", "x-goog-api-key", "authorization")

_MODEL = re.compile(rb'"model"\s*:\s*"([^"\\]{1,200})"')
_STREAM = re.compile(rb'"stream"\s*:\s*true')
_PATH_MODEL = re.compile(r"/models/([^/:?]+)")
_SSE_ERROR = re.compile(
    rb'(?m)^event:\s*error\s*$|^data:\s*\{\s*"(?:type"\s*:\s*"error"|error"\s*:)'
)
_SSE_DATA = re.compile(rb"(?m)^data:\s*(\{.*\})\s*$")


#: Fields the recorder writes itself (a hash, the redactor's own fingerprint): not scanned.
_OWN_FIELDS = frozenset({"body_hash", "key_fp"})
_SEPARATOR = "\n\x1e\n"
_CLEAN_CACHE = 50_000


def _strings(value: Any, out: list[str], clean: set[str]) -> None:
    if isinstance(value, str):
        if value not in clean:
            out.append(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            _strings(k, out, clean)
            _strings(v, out, clean)
    elif isinstance(value, list | tuple):
        for v in value:
            _strings(v, out, clean)


@dataclass(slots=True)
class Settings:
    """What the recorder does; every threshold has its default here."""

    store_path: Path
    max_bytes: int = DEFAULT_MAX_BYTES
    record_bodies: bool = False
    storm_count: int = 3  # the same body this many times ...
    storm_window_s: float = 60.0  # ... within this window is a retry storm
    slow_first_byte_s: float = 10.0  # first byte (or first SSE frame) later than this
    live: TextIO | None = None  # where failure lines and the status line go
    status_line: bool = False  # a live status line (only on a terminal)
    exporters: list[Exporter] = field(default_factory=list)


class Recorder:
    """The recorder thread; ``put`` is all the hot path calls."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._queue: queue.SimpleQueue[Exchange | None] = queue.SimpleQueue()
        self.put = self._queue.put
        self.store = Store(settings.store_path, settings.max_bytes)
        self.failures: list[dict[str, Any]] = []  # for the summary at exit
        self.count = 0
        self.by_layer: collections.Counter[str] = collections.Counter()
        self._ttfb: collections.deque[float] = collections.deque(maxlen=512)
        self._seen: dict[str, collections.deque[float]] = {}
        self._last_diag: dict[str, dict[str, Any]] = {}
        self._status_at = 0.0
        self._lock = threading.Lock()
        self._clean: set[str] = set()  # strings the redactor found nothing in
        self._thread = threading.Thread(target=self._run, name="whichlayer-recorder", daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Write what is queued, then stop."""
        self._queue.put(None)
        self._thread.join(timeout=30)
        self.store.close()
        for exporter in self.settings.exporters:
            try:
                exporter.close()
            except Exception as exc:  # a collector that is gone must not stop the exit
                self._say(f"whichlayer proxy: closing an exporter failed: {exc}")
        if self.settings.status_line and self.settings.live is not None:
            self.settings.live.write("\n")

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            batch = [item]
            while len(batch) < 1000:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            stop = None in batch
            rows = self._redacted([self._record(ex) for ex in batch if ex is not None])
            if rows:
                try:
                    self.store.add(rows)
                except Exception as exc:  # a full disk must not stop the forwarding
                    self._say(f"whichlayer proxy: cannot write the store: {exc}")
                self._tell(rows)
            if stop:
                return

    def _record(self, ex: Exchange) -> dict[str, Any]:
        from whichlayer.redact import redact_text

        self.count += 1
        row = _facts(ex)
        row["id"] = self.store.next_id
        self.store.next_id += 1
        row["key_fp"] = _key_fingerprint(ex)
        failed, event = _failed(ex)
        if failed:
            row.update(_diagnose(ex, row, event))
        if self.settings.record_bodies:
            row["req_body"] = redact_text(ex.req_body.decode("utf-8", "replace"))
            row["resp_body"] = redact_text(bytes(ex.capture).decode("utf-8", "replace"))
        row["flags"] = self._flags(ex, row, event)
        row["ok"] = int(not failed)
        ex.req_head = None  # type: ignore[assignment]  # drop the credentials now
        return row

    def _redacted(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The rows through the redactor. One pass over every new string of the batch at
        once; only when it finds something is each row redacted field by field."""
        from whichlayer.redact import redact_data, redact_text

        fresh: list[str] = []
        for row in rows:
            for key, value in row.items():
                if key not in _OWN_FIELDS:
                    _strings(value, fresh, self._clean)
        if not fresh:
            return rows
        joined = _SEPARATOR.join(fresh)
        if redact_text(joined, keep_prompt=True) != joined:
            return [dict(redact_data(row, keep_prompt=True)) for row in rows]
        if len(self._clean) > _CLEAN_CACHE:
            self._clean.clear()
        self._clean.update(s for s in fresh if len(s) <= 300)
        return rows

    def _flags(self, ex: Exchange, row: dict[str, Any], event: bool) -> list[str]:
        flags = []
        if event:
            flags.append("error_event")
        if ex.stream_end == END_CUT_BY_UPSTREAM and ex.resp_size > 0:
            flags.append("cut_midway")
        first = ex.t_first_frame if ex.sse else ex.t_ttfb
        if first is not None and first > self.settings.slow_first_byte_s:
            flags.append("slow_first_byte")
        digest = row.get("body_hash")
        if digest:
            now = ex.started
            seen = self._seen.setdefault(digest, collections.deque(maxlen=64))
            seen.append(now)
            while seen and now - seen[0] > self.settings.storm_window_s:
                seen.popleft()
            if row.get("layer"):
                self._last_diag[digest] = row
            if len(seen) >= self.settings.storm_count and row.get("layer"):
                flags.append("retry_storm")
                row["storm_count"] = len(seen)
                last = self._last_diag.get(digest, row)
                row["storm_last"] = {k: last.get(k) for k in ("layer", "cause", "retry")}
            if len(self._seen) > 10_000:
                self._forget(now)
        return flags

    def _forget(self, now: float) -> None:
        window = self.settings.storm_window_s
        for digest in [d for d, s in self._seen.items() if not s or now - s[-1] > window]:
            del self._seen[digest]
            self._last_diag.pop(digest, None)

    def _tell(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            if row.get("ttfb_ms") is not None:
                self._ttfb.append(row["ttfb_ms"])
            if not row["ok"]:
                self.by_layer[row.get("layer") or "unknown"] += 1
                with self._lock:
                    self.failures.append(row)
                self._say(failure_line(row))
            if "retry_storm" in row["flags"]:
                self._say(storm_line(row, row.get("storm_last") or {}))
            for export in self.settings.exporters:
                try:
                    export.export(row)
                except Exception as exc:  # an exporter must never stop recording
                    self._say(f"whichlayer proxy: export failed: {type(exc).__name__}: {exc}")
        self._status()

    def _status(self) -> None:
        live = self.settings.live
        if not self.settings.status_line or live is None:
            return
        now = time.monotonic()
        if now - self._status_at < 0.5:
            return
        self._status_at = now
        live.write("\r\x1b[K" + self.status_text())
        live.flush()

    def status_text(self) -> str:
        failed = sum(self.by_layer.values())
        layers = ", ".join(f"{k} {v}" for k, v in self.by_layer.most_common())
        p50 = f"{statistics.median(self._ttfb):.0f} ms" if self._ttfb else "-"
        return (
            f"whichlayer proxy: {self.count} requests, {failed} failed"
            + (f" ({layers})" if layers else "")
            + f", p50 TTFB {p50}"
        )

    def _say(self, line: str) -> None:
        from whichlayer.redact import redact_text

        live = self.settings.live
        if live is None:
            return
        prefix = "\r\x1b[K" if self.settings.status_line else ""
        live.write(prefix + redact_text(line, keep_prompt=True) + "\n")
        live.flush()


def _facts(ex: Exchange) -> dict[str, Any]:
    """What was seen, before any judgement."""
    head = ex.resp_head
    headers: dict[str, str] = {}
    if head is not None:
        for name, value in head.items():
            if name in KEPT_HEADERS or name.startswith(_KEPT_PREFIXES):
                headers[name] = value[:300]
    body = ex.req_body
    match = _MODEL.search(body) if body else None
    model = match.group(1).decode("utf-8", "replace") if match else None
    if model is None:
        path_model = _PATH_MODEL.search(ex.path)
        model = urllib.parse.unquote(path_model.group(1)) if path_model else None
    stream = bool(_STREAM.search(body)) or "stream" in ex.path.split("?")[0].lower()
    body_hash = ex.body_hash
    if body_hash is None and body:
        body_hash = hashlib.blake2b(body, digest_size=16).hexdigest()
    ua = ex.req_head.get(b"user-agent") if ex.req_head is not None else None
    return {
        "ts": ex.started,
        "method": ex.method,
        "path": ex.path,
        "upstream": ex.target,
        "model": model,
        "stream": int(stream),
        "sse": int(ex.sse),
        "status": ex.status,
        "connect_ms": _ms(ex.t_connect),
        "ttfb_ms": _ms(ex.t_ttfb),
        "first_frame_ms": _ms(ex.t_first_frame),
        "total_ms": _ms(ex.t_total),
        "max_gap_ms": _ms(ex.max_gap_s) if ex.max_gap_s else None,
        "frames": ex.frames if ex.sse else None,
        "stream_end": ex.stream_end,
        "req_bytes": ex.req_size,
        "resp_bytes": ex.resp_size,
        "reused": int(ex.reused),
        "request_ids": _request_ids(headers),
        "headers": headers,
        "user_agent": ua.decode("latin-1")[:200] if ua else None,
        "proxy_error": ex.error_kind,
        "body_hash": body_hash,
    }


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000.0, 3)


def _request_ids(headers: dict[str, str]) -> list[dict[str, str]]:
    from whichlayer.evidence import Evidence
    from whichlayer.parse.text import _add_header_ids

    ev = Evidence(headers=headers)
    _add_header_ids(ev)
    out = [r.to_dict() for r in ev.request_ids]
    call_id = headers.get("x-litellm-call-id")
    if call_id:
        out.append({"value": call_id, "party": "relay", "source": "x-litellm-call-id"})
    return out


def _sent_key(ex: Exchange) -> str | None:
    head = ex.req_head
    if head is None:
        return None
    for name in KEY_HEADERS:
        value = head.get(name.encode())
        if value:
            text = value.decode("latin-1")
            scheme, _, token = text.partition(" ")
            return token if token and scheme.lower() in ("bearer", "token") else text
    query = urllib.parse.urlsplit(ex.path).query
    keys = urllib.parse.parse_qs(query).get("key")
    return keys[0] if keys else None


#: Fingerprints of keys seen, by a hash of the key (the key itself is not kept).
_FINGERPRINTS: dict[bytes, str] = {}


def _key_fingerprint(ex: Exchange) -> str | None:
    from whichlayer.redact import fingerprint

    key = _sent_key(ex)
    if not key or not key.strip():
        return None
    digest = hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=16).digest()
    found = _FINGERPRINTS.get(digest)
    if found is None:
        if len(_FINGERPRINTS) > 10_000:
            _FINGERPRINTS.clear()
        found = _FINGERPRINTS[digest] = str(fingerprint(key.strip()))
    return found


def _failed(ex: Exchange) -> tuple[bool, bool]:
    """(failed, failed by an error event inside a 200 stream)."""
    if ex.stream_end == END_NO_ANSWER or ex.status is None or ex.status >= 400:
        return True, False
    if ex.stream_end == END_CUT_BY_UPSTREAM:
        return True, False
    if ex.sse and _SSE_ERROR.search(ex.capture):
        return True, True
    return False, False


class _Url:
    def __init__(self, host: str, path: str) -> None:
        self.host, self.path = host, path


class _Request:
    """What the engine reads of the request (method, host, path, the key's fingerprint)."""

    def __init__(self, ex: Exchange) -> None:
        self.method = ex.method
        parts = urllib.parse.urlsplit(ex.target)
        self.url = _Url(parts.hostname or "", parts.path + ex.path.split("?")[0])
        key = _sent_key(ex)
        self.headers = {"authorization": f"Bearer {key}"} if key else {}


class _Response:
    """An HTTP answer as the engine reads responses (status_code, headers, text, request)."""

    def __init__(self, ex: Exchange, text: str) -> None:
        self.status_code = ex.status
        self.headers = dict(ex.resp_head.items()) if ex.resp_head is not None else {}
        self.text = text
        self.request = _Request(ex)


def _diagnose(ex: Exchange, row: dict[str, Any], event: bool) -> dict[str, Any]:
    from whichlayer import explain
    from whichlayer.proxy._forward import describe_error
    from whichlayer.redact import redact_text

    body = _decoded(ex).decode("utf-8", "replace")
    if event:
        frames = _SSE_DATA.findall(ex.capture)
        errors = [f for f in frames if b'"error"' in f]
        body = (errors[-1] if errors else ex.capture[-4000:]).decode("utf-8", "replace")
    target: object
    if ex.stream_end == END_NO_ANSWER and ex.error is not None:
        target = ex.error
    elif ex.stream_end == END_CUT_BY_UPSTREAM:
        detail = describe_error(ex.error) if ex.error is not None else "EOF"
        target = (
            f"HTTP {ex.status}, then the upstream closed the connection mid-body after "
            f"{ex.resp_size} bytes ({ex.frames} SSE frames): connection reset, "
            f"incomplete read ({detail}) ECONNRESET\n{body[-2000:]}"
        )
    else:
        target = _Response(ex, body)
    d = explain(target).to_dict()
    if ex.stream_end == END_NO_ANSWER:  # the local proxy met the failure, not the client
        d["origin"] = "proxy"
    return {
        "layer": d["layer"],
        "cause": d["cause"],
        "origin": d["origin"],
        "retry": d["retry"],
        "diagnosis": d,
        "error_body": redact_text(body[:8000], keep_prompt=False) if body else None,
        "request_ids": row["request_ids"] or d["request_ids"],
    }


#: The largest decompressed error body read (a compressed body may expand a lot).
MAX_DECODED = 1_000_000


def _decoded(ex: Exchange) -> bytes:
    """The captured body, gunzipped/inflated (or un-brotlied, when brotli is installed) as
    the Content-Encoding says; as captured when it does not decode."""
    raw = bytes(ex.capture)
    coding = (ex.resp_head.get(b"content-encoding") or b"").strip().lower() if ex.resp_head else b""
    if not raw or coding in (b"", b"identity"):
        return raw
    try:
        if coding in (b"gzip", b"x-gzip", b"deflate"):
            import zlib

            wbits = 16 + zlib.MAX_WBITS if coding != b"deflate" else zlib.MAX_WBITS
            return zlib.decompressobj(wbits).decompress(raw, MAX_DECODED)
        if coding == b"br":
            import importlib

            brotli = importlib.import_module("brotli")
            return bytes(brotli.decompress(raw))[:MAX_DECODED]
    except Exception:  # not decodable (cut, or brotli missing): keep what was seen
        return raw
    return raw


def failure_line(row: dict[str, Any]) -> str:
    """One line per failure: id, call, status, layer/cause, origin, retry, request id."""
    status = row.get("status") or "-"
    if row.get("stream_end") == END_CUT_BY_UPSTREAM:
        status = f"{status} cut mid-stream"
    retry = row.get("retry") or "?"
    d = row.get("diagnosis") or {}
    if d.get("retry_after_s"):
        retry += f" (after {d['retry_after_s']:g}s)"
    ids = row.get("request_ids") or []
    rid = f" req {ids[0]['value']} ({ids[0]['party']})" if ids else ""
    model = f" {row['model']}" if row.get("model") else ""
    return (
        f"✗ #{row['id']} {row['method']} {row['path'].split('?')[0]}{model} -> {status}: "
        f"{row.get('layer') or 'unknown'}/{row.get('cause') or 'unknown'} "
        f"origin {row.get('origin') or 'unknown'}, retry {retry}{rid}"
    )


def storm_line(row: dict[str, Any], last: dict[str, Any]) -> str:
    n = row.get("storm_count", 0)
    verdict = ""
    if last.get("retry") == "never":
        verdict = f"; last answer {last.get('layer')}/{last.get('cause')}: retrying cannot help"
    elif last.get("retry"):
        verdict = f"; last answer {last.get('layer')}/{last.get('cause')}, retry {last['retry']}"
    return f"⚠ #{row['id']} retry storm: the same request body sent {n} times{verdict}"


def summary(failures: list[dict[str, Any]], total: int) -> str:
    """The summary printed when ``whichlayer proxy -- COMMAND`` ends."""
    if not failures:
        return f"whichlayer proxy: {total} requests, no failure."
    lines = [f"whichlayer proxy: {total} requests, {len(failures)} failed:"]
    for row in failures[-50:]:
        lines.append("  " + failure_line(row))
        d = row.get("diagnosis") or {}
        if d.get("summary"):
            lines.append("      " + str(d["summary"]))
    lines.append(
        "Details: whichlayer proxy log; a shareable page: whichlayer report --from-proxy ID"
    )
    return "\n".join(lines)


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2, default=str)
