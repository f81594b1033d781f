"""Precision: what a support engineer needs stays intact.

Request ids, UUIDs, model names, hashes and documentation URLs must survive
redaction; the share of request ids masked in the dev corpus stays under 2%.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from whichlayer.redact import redact_data, redact_text
from whichlayer.redact._samples import request_id_candidates

# The labelled dev corpus lives in the repository.
CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "dev.jsonl"

KEEP = [
    "req_011CYn6NGKAUEBEW5LYfdv5M",
    "req_540c6eaab7f4556b2baa22bcba915d51",
    "3d37de60-f6c3-4ced-a637-92bc9d16d8b5",
    "chatcmpl-9xYzAbCdEfGhIjKlMnOpQr",
    "msg_01XFDUDYJgAACzvnptvVoYEL",
    "gen-1718000000-AbCdEfGhIjKlMnOp",
    "a35595eccb1ff781-MAD",
    "20240903132633756782166AeCxdlyd",
    "gpt-4o-mini-2024-07-18",
    "claude-sonnet-4-20250514",
    "claude-3-5-sonnet@20240620",
    "anthropic/claude-3.5-sonnet",
    "models/gemini-2.5-flash",
    "deepseek-chat",
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "9fceb02d0ae598e95dc970b74767f19372d61af8",
    "https://platform.openai.com/account/api-keys",
    "https://docs.anthropic.com/en/api/errors",
    "https://aistudio.google.com/app/apikey",
    "https://learn.microsoft.com/azure/ai-services/openai/reference?tabs=python",
    "org-REDACTED",
    "sk-proj-********************************************abcd",
    "Bearer undefined",
    "anthropic-version: 2023-06-01",
    "x-ratelimit-remaining-tokens: 0",
    "x-ratelimit-reset-tokens: 6m0s",
    "max_tokens=4096",
    "support@openai.com",
    "/usr/lib/python3.11/site-packages/openai/_base_client.py",
]


def _corpus_inputs() -> list[str]:
    return [json.loads(line)["input"] for line in CORPUS.read_text().splitlines() if line]


def test_fewer_than_two_percent_of_corpus_request_ids_are_masked() -> None:
    total = masked = 0
    for text in _corpus_inputs():
        out = redact_text(text)
        for rid in request_id_candidates(text):
            total += 1
            masked += rid not in out
    assert total >= 15  # the measurement must measure something
    assert masked / total < 0.02, (masked, total)


def test_engine_request_ids_survive() -> None:
    engine = pytest.importorskip("whichlayer._explain")
    total = masked = 0
    for text in _corpus_inputs():
        try:
            ids = [r.value for r in engine.to_evidence(text).request_ids]
        except Exception as exc:  # the engine is written concurrently
            pytest.skip(f"engine not usable yet: {exc!r}")
        out = redact_text(text)
        total += len(ids)
        masked += sum(rid not in out for rid in ids)
    if total:
        assert masked / total < 0.02, (masked, total)


@pytest.mark.parametrize("value", KEEP)
def test_kept_intact_in_text(value: str) -> None:
    text = f"429 Too Many Requests: {value} (see above)\nrequest id: {value}"
    assert value in redact_text(text)


@pytest.mark.parametrize("value", KEEP)
def test_kept_intact_in_data(value: str) -> None:
    data = {"error": {"message": value, "request_id": value}, "model": value}
    assert redact_data(data) == data


def test_corpus_diagnostic_wording_survives() -> None:
    # Status codes, error types and codes are the evidence itself.
    for text in _corpus_inputs():
        out = redact_text(text)
        for word in ("401", "429", "rate_limit_exceeded", "insufficient_quota", "overloaded_error"):
            if word in text:
                assert word in out, (word, text[:200])
