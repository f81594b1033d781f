"""The one way out: every byte whichlayer shows or stores passes through here.

Public names:

- ``redact_text(text, *, keep_prompt=False) -> str``: mask every secret in text;
- ``redact_data(obj, *, keep_prompt=False)``: the same inside JSON-like data;
- ``fingerprint(secret) -> KeyFingerprint``: platform, prefix, last 4, length, keyed hash;
- ``mask_secret(secret) -> str``: the fingerprint as it is shown, e.g.
  ``[openai key sk-proj-…9xQw len=164 #3fa2c1d0]``;
- ``DETECTORS``: the detector rows (see :mod:`whichlayer.redact.detectors`).

What is masked, and why the hash is keyed: ``docs/redaction.md``.
"""

from __future__ import annotations

from whichlayer.redact._data import redact_data
from whichlayer.redact._fingerprint import KeyFingerprint
from whichlayer.redact._scan import fingerprint_secret, redact
from whichlayer.redact.detectors import DETECTORS, Detector

__all__ = [
    "DETECTORS",
    "Detector",
    "KeyFingerprint",
    "fingerprint",
    "mask_secret",
    "redact_data",
    "redact_text",
]


def redact_text(text: str, *, keep_prompt: bool = False) -> str:
    """Mask every secret found in ``text``; prompt content too unless ``keep_prompt``."""
    if not text:
        return text
    return redact(text, keep_prompt=keep_prompt)


def fingerprint(secret: str) -> KeyFingerprint:
    """Describe a secret by platform, public prefix, last four characters, length and keyed hash.

    The last four characters are given only for secrets of 20 characters or
    more; the prefix only when it is the public prefix of a known key shape.
    ``length`` counts surrounding whitespace (a stray newline is evidence); the
    rest is read without it, so the key hashes alike with or without it.
    """
    return fingerprint_secret(secret, found_in_text=False)


def mask_secret(secret: str) -> str:
    """What a secret is replaced with in any output."""
    return str(fingerprint_secret(secret, found_in_text=False))
