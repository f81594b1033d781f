"""Every detector row finds its own samples and none of its near misses."""

from __future__ import annotations

import pytest

from whichlayer.redact import DETECTORS, redact_text
from whichlayer.redact._scan import KEYWORDS, clean_secret, find_spans
from whichlayer.redact.detectors import KINDS


def _found_by(detector_id: str, text: str) -> list[str]:
    spans = find_spans(text, keep_prompt=False)
    return [clean_secret(s.secret) for s in spans if s.detector and s.detector.id == detector_id]


@pytest.mark.parametrize(
    ("detector_id", "text", "secret"),
    [(d.id, text, secret) for d in DETECTORS for text, secret in d.examples],
)
def test_row_finds_its_samples(detector_id: str, text: str, secret: str) -> None:
    assert secret in _found_by(detector_id, text)
    assert secret not in redact_text(text)


@pytest.mark.parametrize(
    ("detector_id", "text"), [(d.id, text) for d in DETECTORS for text in d.near_misses]
)
def test_row_ignores_its_near_misses(detector_id: str, text: str) -> None:
    assert _found_by(detector_id, text) == []


def test_every_row_has_samples_and_a_known_kind() -> None:
    ids = [d.id for d in DETECTORS]
    assert len(ids) == len(set(ids))
    for d in DETECTORS:
        assert d.examples, d.id
        assert d.near_misses, d.id
        assert d.kind in KINDS, d.id
        assert d.keywords, d.id


def test_no_keyword_starts_another() -> None:
    # The prefilter reports one keyword per position: a keyword that starts
    # another would hide it.
    for a in KEYWORDS:
        for b in KEYWORDS:
            assert a == b or not b.startswith(a), (a, b)


def test_masking_is_idempotent() -> None:
    texts = [text for d in DETECTORS for text, _ in d.examples]
    for text in texts:
        once = redact_text(text)
        assert redact_text(once) == once, text
