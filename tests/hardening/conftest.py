"""Hardening tests use a fixed fingerprint key, so no key file is written to the home directory."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fixed_fingerprint_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WHICHLAYER_REDACT_KEY", "tests-hardening")
    monkeypatch.setenv("NO_COLOR", "1")
