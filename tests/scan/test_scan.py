"""`whichlayer scan` on real-format samples: every reader, odd input, agreement, secrets."""

from __future__ import annotations

import gzip
import json
import random
import shutil
import string
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from whichlayer import explain
from whichlayer.cli import main
from whichlayer.scan import Source, agent_logs, expand, scan
from whichlayer.scan.engine import scan_source

SAMPLES = Path(__file__).parent / "samples"

# (sample, format, failures, {layer: count}) — from each format's documentation and source
EXPECTED = [
    ("claude", "claude-code", 6, {"upstream": 5, "identity": 1}),
    ("codex/sessions", "codex", 3, {"quota": 1, "network": 1, "identity": 1}),
    ("codex/log/codex-tui.log", "codex-log", 1, {"upstream": 1}),
    ("gemini", "gemini-cli", 1, {"rate_limit": 1}),
    ("litellm_spend.jsonl", "litellm", 2, {"quota": 2}),
    ("litellm_json.log", "litellm", 1, {"identity": 1}),
    ("newapi.log", "new-api", 2, {"identity": 1, "rate_limit": 1}),
    ("nginx_access.log", "nginx", 2, {"upstream": 1, "rate_limit": 1}),
    ("nginx_error.log", "nginx", 1, {"upstream": 1}),
    ("envoy_access.log", "envoy", 2, {"upstream": 2}),
    ("gateway.jsonl", "jsonl", 2, {"request": 1, "upstream": 1}),
]


@pytest.mark.parametrize(("sample", "fmt", "failures", "layers"), EXPECTED)
def test_each_reader_on_its_sample(sample: str, fmt: str, failures: int, layers: dict[str, int]):
    agg = scan(expand([str(SAMPLES / sample)]))
    assert {f.format for f in agg.files} == {fmt}
    assert agg.failures == failures
    assert dict(agg.by["layer"]) == layers


@pytest.mark.parametrize("sample", [s for s, *_ in EXPECTED])
def test_the_prefilter_drops_no_failure(sample: str):
    """Parsing every line finds exactly what the needle search finds."""
    for source in expand([str(SAMPLES / sample)]):
        fast = scan_source(source)
        slow = scan_source(source, prefilter=False)
        assert fast.by == slow.by
        assert fast.failures == slow.failures


def test_counts_agree_with_explain_one_by_one():
    from whichlayer.scan.engine import _failures  # noqa: F401 - the same readers, no memo
    from whichlayer.scan.readers import detect

    want: Counter[str] = Counter()
    for source in expand([str(SAMPLES)]):
        data = Path(source.path).read_bytes()
        lines = data.decode().splitlines()
        reader = detect(lines)
        assert reader is not None
        if getattr(reader, "WHOLE_FILE", False):
            found = list(reader.parse_file(data.decode()))
        else:
            state: dict[str, object] = {}
            found = [f for f in (reader.parse(line, state) for line in lines) if f]
        for failure in found:
            d = explain(failure.text)
            want[d.layer.value if d.layer else "unknown"] += 1
    assert dict(scan(expand([str(SAMPLES)])).by["layer"]) == dict(want)


def test_retry_storms_and_client_retries():
    agg = scan(expand([str(SAMPLES / "claude")]))
    (storm,) = agg.storms()
    assert storm["attempts"] == 5
    assert storm["cause"] == "upstream/overloaded"
    assert agg.retry_attempts == 4


def test_gzip_and_zstd_are_read_transparently(tmp_path: Path):
    import zstandard

    raw = (SAMPLES / "newapi.log").read_bytes()
    (tmp_path / "a.log.gz").write_bytes(gzip.compress(raw))
    (tmp_path / "b.log.zst").write_bytes(zstandard.ZstdCompressor().compress(raw))
    agg = scan(expand([str(tmp_path)]))
    assert agg.failures == 4
    assert [f.format for f in agg.files] == ["new-api", "new-api"]


def test_odd_files_never_stop_a_scan(tmp_path: Path):
    (tmp_path / "empty.log").write_bytes(b"")
    garbage = bytes(random.Random(7).randrange(256) for _ in range(5000))
    good = (SAMPLES / "gateway.jsonl").read_bytes()
    (tmp_path / "mixed.jsonl").write_bytes(good[:200] + b"\n" + garbage + b"\n" + good)
    (tmp_path / "bad.gz").write_bytes(b"\x1f\x8b\x08\x00not really gzip")
    agg = scan(expand([str(tmp_path)]))
    formats = {Path(f.path).name: f for f in agg.files}
    assert formats["empty.log"].format == "unknown"
    assert formats["mixed.jsonl"].failures == 2  # the truncated last line is no failure
    assert formats["bad.gz"].note


def test_a_directory_of_mixed_formats(tmp_path: Path):
    shutil.copytree(SAMPLES, tmp_path / "logs")
    agg = scan(expand([str(tmp_path / "logs")]))
    assert {f.format for f in agg.files} == {fmt for _, fmt, *_ in EXPECTED}
    assert agg.failures == sum(n for *_, n, _ in EXPECTED)


def test_jobs_split_a_file_and_count_the_same(tmp_path: Path):
    lines = (SAMPLES / "gateway.jsonl").read_text().splitlines()[:4]
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(lines * 3000) + "\n")
    one = scan([Source(str(big))])
    two = scan([Source(str(big))], jobs=2, split_min=0)
    assert one.failures == two.failures == 6000
    assert one.by == two.by
    assert len(two.files) == 1 and two.files[0].lines == one.files[0].lines


def test_since_and_until(capsys: pytest.CaptureFixture[str]):
    argv = ["scan", str(SAMPLES), "--since", "2026-12-04", "--until", "2026-12-04T12:00", "--json"]
    assert main(argv) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["first_seen"] >= "2026-12-04T00:00"
    assert d["last_seen"] < "2026-12-04T12:00"
    assert d["failures"] == 8  # litellm 3, new-api 2, nginx 3


def test_agent_logs_found_where_the_clients_keep_them(tmp_path: Path):
    home = tmp_path / "home"
    shutil.copytree(SAMPLES / "claude", home / ".claude" / "projects")
    shutil.copytree(SAMPLES / "codex", home / ".codex")
    shutil.copytree(SAMPLES / "gemini", home / ".gemini")
    found = agent_logs({"TMPDIR": str(tmp_path / "tmp")}, home)
    labels = Counter(s.label for s in found)
    assert labels == {
        "Claude Code transcripts": 1,
        "Codex session rollouts": 1,
        "Codex log": 1,
        "Gemini CLI chats": 1,
    }


def test_no_agent_logs_says_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("CLAUDE_CONFIG_DIR", str(tmp_path / "claude\x1b[31m"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    assert main(["scan"]) == 0
    err = capsys.readouterr().err
    assert "none found (looked for " in err and "/.codex/sessions/**/*.jsonl" in err
    assert "claude" in err and "\x1b" not in err  # a control character is not passed on


def _fake_key() -> str:
    rnd = random.SystemRandom()
    return "sk-proj-" + "".join(rnd.choice(string.ascii_letters + string.digits) for _ in range(48))


@pytest.mark.parametrize("fmt", ["--json", "--markdown", None])
def test_no_planted_secret_reaches_any_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str | None
):
    secrets = [_fake_key() for _ in range(4)]
    log = tmp_path / "gw.jsonl"
    rows = [
        {"ts": "2026-12-04T13:00:00Z", "status": 401, "api_key": secrets[0],
         "error": {"message": f"Incorrect API key provided: {secrets[1]}",
                   "code": "invalid_api_key"}},
        {"ts": "2026-12-04T13:00:01Z", "status": 500, "key_alias": "svc",
         "error": f"upstream said: Authorization: Bearer {secrets[2]}"},
        {"ts": "2026-12-04T13:00:02Z", "status": 429, "model": "gpt-4o",
         "error": {"message": f"Rate limit reached (key {secrets[3]})"}},
    ]  # fmt: skip
    log.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    argv = ["scan", str(log), "--by", "layer,cause,key,model"] + ([fmt] if fmt else [])
    assert main(argv) == 0
    out = capsys.readouterr().out
    for secret in secrets:
        assert secret not in out
        assert secret[-20:] not in out


@pytest.mark.parametrize(
    "argv",
    [
        ["scan", "/no/such/path.log"],
        ["scan", str(SAMPLES), "--by", "layer,colour"],
        ["scan", str(SAMPLES), "--jobs", "0"],
        ["scan", str(SAMPLES), "--since", "last tuesday"],
        ["scan", str(SAMPLES), "--format", "syslog"],
    ],
)
def test_bad_arguments_are_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]):
    assert main(argv) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_proxy_records_are_read_from_the_store(tmp_path: Path):
    """A real store written by whichlayer proxy's own Store, read back by scan."""
    from whichlayer.proxy.store import Store

    path = tmp_path / "proxy.sqlite"
    store = Store(path)
    try:
        store_rows(store)
    finally:
        store.close()
    agg = scan(expand([str(tmp_path)]))
    assert [f.format for f in agg.files] == ["whichlayer-proxy"]
    assert agg.failures == 6
    assert agg.by["layer"]["quota"] == 6
    (storm,) = agg.storms()
    assert storm["attempts"] == 6


def store_rows(store: Any) -> None:
    body = (
        '{"error": {"message": "You exceeded your current quota, please check your plan '
        'and billing details.", "type": "insufficient_quota", "code": "insufficient_quota"}}'
    )
    rows = [
        {"ts": 1764939600.0 + i, "method": "POST", "path": "/v1/chat/completions",
         "upstream": "https://api.openai.com/v1", "model": "gpt-4o", "status": 429,
         "ok": 0, "error_body": body, "body_hash": "abc123", "key_fp": "[openai key]",
         "request_ids": '[{"value": "req_1", "party": "provider", "source": "x-request-id"}]'}
        for i in range(6)
    ]  # fmt: skip
    rows.append({"ts": 1764939700.0, "method": "POST", "path": "/v1/chat/completions",
                 "status": 200, "ok": 1, "upstream": "https://api.openai.com/v1"})  # fmt: skip
    store.add(rows)
