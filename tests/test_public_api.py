"""The public surface is pinned: nothing leaks out of the facade by accident."""

from __future__ import annotations

import subprocess
import sys

import whichlayer

PUBLIC = {
    "Cause",
    "Diagnosis",
    "ErrorBody",
    "Evidence",
    "Fact",
    "Layer",
    "Origin",
    "RequestId",
    "Retry",
    "__version__",
    "explain",
    "redact_data",
    "redact_text",
    "shrink",
    "to_evidence",
}


def test_public_names():
    assert set(whichlayer.__all__) == PUBLIC
    for name in PUBLIC:
        assert getattr(whichlayer, name) is not None


def test_taxonomy_matches_the_shared_vocabulary():
    from whichlayer.taxonomy import CAUSE_LAYER, Cause, Layer, Origin, Retry

    assert {str(x) for x in Layer} == {
        "identity",
        "quota",
        "rate_limit",
        "request",
        "network",
        "upstream",
    }
    assert {str(x) for x in Origin} == {
        "client",
        "proxy",
        "gateway",
        "relay",
        "upstream",
        "unknown",
    }
    assert {str(x) for x in Retry} == {"never", "backoff", "limited", "careful"}
    assert set(Cause) - set(CAUSE_LAYER) == {Cause.UNKNOWN}


def test_import_is_light():
    code = "import sys, whichlayer; whichlayer.explain('429'); print(sorted(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    for heavy in ("rich", "httpx2", "httpx", "openai", "anthropic", "aiohttp"):
        assert f"'{heavy}'" not in out, heavy
