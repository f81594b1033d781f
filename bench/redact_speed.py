"""Redaction throughput on realistic mixed log text, and precision on real errors.

Generates ~20 MB of mixed logs (access logs, JSON app logs, httpx debug lines,
header dumps, tracebacks, SSE chunks, escaped JSON bodies) with a few secrets
planted, redacts it in one call, checks that no planted secret survives, and
prints MB/s. Then prints the share of request ids masked in the inputs of
``corpus/dev.jsonl`` (target < 2%), and the same figure for the
held-out ``bench/field.jsonl`` (measured only, never tuned against).
Run: ``.venv/bin/python bench/redact_speed.py [MEGABYTES]``.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

from whichlayer.redact import redact_text
from whichlayer.redact._samples import canaries, request_id_candidates

HERE = Path(__file__).resolve().parent
CORPORA = {
    "dev corpus": HERE.parent / "corpus" / "dev.jsonl",
    "field set (held out)": HERE / "field.jsonl",
}

MODELS = ["gpt-4o-mini", "claude-sonnet-4-20250514", "gemini-2.5-flash", "deepseek-chat"]
HOSTS = [
    "api.openai.com",
    "api.anthropic.com",
    "generativelanguage.googleapis.com",
    "relay.example",
]


def _hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _uuid(rng: random.Random) -> str:
    h = _hex(rng, 32)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _line(rng: random.Random, i: int) -> str:
    model, host = rng.choice(MODELS), rng.choice(HOSTS)
    rid = f"req_{_hex(rng, 24)}"
    kind = i % 10
    if kind == 0:
        return (
            f"10.0.{i % 256}.{i % 200} - - [24/Nov/2026:02:49:{i % 60:02d} +0000] "
            f'"POST /v1/chat/completions HTTP/1.1" {rng.choice([200, 429, 500])} {i % 9999} '
            f'"-" "OpenAI/Python 3.3.1"'
        )
    if kind == 1:
        return json.dumps(
            {
                "ts": f"2026-11-24T02:49:{i % 60:02d}Z",
                "level": "info",
                "msg": "request done",
                "request_id": rid,
                "model": model,
                "latency_ms": i % 3000,
                "tokens": i % 4096,
            }
        )
    if kind == 2:
        status = '"HTTP/1.1 429 Too Many Requests"'
        return f"INFO httpx: HTTP Request: POST https://{host}/v1/messages {status}"
    if kind == 3:
        return f"x-request-id: {rid}\ncf-ray: {_hex(rng, 16)}-FRA\nserver: cloudflare"
    if kind == 4:
        return (
            'Traceback (most recent call last):\n  File "/app/main.py", line 42, in <module>\n'
            "    client.chat.completions.create(model=model, messages=msgs)\n"
            f"openai.RateLimitError: Error code: 429 - {{'error': {{'message': 'Rate limit reached "
            f"for {model} in organization org-{_hex(rng, 12)} on tokens per min (TPM): Limit "
            "30000, Used 29000, Requested 1200.', 'type': 'tokens', "
            "'code': 'rate_limit_exceeded'}}"
        )
    if kind == 5:
        chunk = {"id": f"chatcmpl-{_hex(rng, 20)}", "choices": [{"delta": {"content": "Hel"}}]}
        return "data: " + json.dumps(chunk, separators=(",", ":"))
    if kind == 6:
        body = json.dumps({"error": {"message": "Overloaded", "type": "overloaded_error"}})
        return "upstream said: " + json.dumps(body)
    if kind == 7:
        return (
            f"x-ratelimit-remaining-tokens: {i % 40000}\nx-ratelimit-reset-requests: 1s\n"
            "via: 1.1 google"
        )
    if kind == 8:
        return f"DEBUG retrying {_uuid(rng)} after 0.{i % 9}s (attempt {i % 3 + 1}/3) model={model}"
    docs = f"https://docs.example.com/limits#{i % 7}"
    return f"WARNING pool {i % 16} busy; queue depth {i % 50}; see {docs}"


def mixed_log(megabytes: float, seed: int = 7) -> tuple[str, list[str]]:
    """About ``megabytes`` MB of mixed log text and the secrets planted in it."""
    rng = random.Random(seed)
    secrets = list(canaries("bench").values())
    lines: list[str] = []
    planted: list[str] = []
    size, i, target = 0, 0, int(megabytes * 1_000_000)
    while size < target:
        line = _line(rng, i)
        if i % 5000 == 2500:
            secret = secrets[(i // 5000) % len(secrets)]
            planted.append(secret)
            line = (
                f"Authorization: Bearer {secret}" if i % 2 else f"DEBUG env OPENAI_API_KEY={secret}"
            )
        lines.append(line)
        size += len(line) + 1
        i += 1
    return "\n".join(lines) + "\n", planted


def measure(text: str, repeat: int = 3) -> float:
    """Best MB/s over ``repeat`` runs of ``redact_text`` on ``text``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        redact_text(text)
        best = min(best, time.perf_counter() - start)
    return len(text.encode()) / 1_000_000 / best


def request_ids_masked(path: Path) -> tuple[int, int]:
    """(masked, total) request ids over the inputs of a JSONL corpus."""
    masked = total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        text = json.loads(line)["input"]
        out = redact_text(text)
        for rid in request_id_candidates(text):
            total += 1
            masked += rid not in out
    return masked, total


def main() -> int:
    os.environ.setdefault("WHICHLAYER_REDACT_KEY", "bench")
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 20.0
    text, planted = mixed_log(megabytes)
    out = redact_text(text)
    leaked = [s for s in planted if s in out]
    speed = measure(text)
    print(
        f"text: {len(text.encode()) / 1e6:.1f} MB, {text.count(chr(10))} lines, "
        f"{len(planted)} secrets planted, {len(leaked)} leaked"
    )
    print(f"redaction throughput: {speed:.1f} MB/s (target >= 50)")
    for name, path in CORPORA.items():
        if not path.exists():
            print(f"{name}: {path} not found")
            continue
        masked, total = request_ids_masked(path)
        share = 100 * masked / total if total else 0.0
        print(f"{name}: {masked} of {total} request ids masked ({share:.1f}%, target < 2%)")
    return 1 if leaked else 0


if __name__ == "__main__":
    sys.exit(main())
