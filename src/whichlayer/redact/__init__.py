"""The one way out: every byte whichlayer shows or stores passes through here.

Public names:

- ``redact_text(text, *, keep_prompt=False) -> str``: mask every secret in text;
- ``redact_data(obj, *, keep_prompt=False)``: the same inside JSON-like data;
- ``find_secrets(text) -> dict``: the secret values in text, each with its mask (pass
  them as ``known=`` to mask their echoes in output derived from that text);
- ``fingerprint(secret) -> KeyFingerprint``: platform, prefix, last 4, length, keyed hash;
- ``mask_secret(secret) -> str``: the fingerprint as it is shown, e.g.
  ``[openai key sk-proj-…9xQw len=164 #3fa2c1d0]``;
- ``neutralize_controls(text) -> str``: terminal control characters (ESC, OSC, BEL, C1,
  NUL, bidi overrides) shown escaped (``\\x1b``); every human-readable output calls it;
  ``neutralize_data`` does it inside JSON-like data, ``escape_json_controls`` in JSON text;
- ``DETECTORS``: the detector rows (see :mod:`whichlayer.redact.detectors`).

What is masked, and why the hash is keyed: ``docs/redaction.md``.
"""

from __future__ import annotations

from collections.abc import Mapping

from whichlayer.redact._controls import escape_json_controls, neutralize_controls, neutralize_data
from whichlayer.redact._data import redact_data
from whichlayer.redact._fingerprint import KeyFingerprint
from whichlayer.redact._scan import find_secrets, fingerprint_secret, redact
from whichlayer.redact.detectors import DETECTORS, Detector

__all__ = [
    "DETECTORS",
    "Detector",
    "KeyFingerprint",
    "escape_json_controls",
    "find_secrets",
    "fingerprint",
    "mask_secret",
    "neutralize_controls",
    "neutralize_data",
    "redact_data",
    "redact_text",
]


def redact_text(
    text: str, *, keep_prompt: bool = False, known: Mapping[str, str] | None = None
) -> str:
    """Mask every secret found in ``text``; prompt content too unless ``keep_prompt``.

    A value recognised as secret anywhere in ``text`` is masked at every
    occurrence; so is every value of ``known`` (value -> mask, from ``find_secrets``).
    """
    if not text:
        return text
    return redact(text, keep_prompt=keep_prompt, known=known)


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
