"""What a key looks like, and which platform it was issued by.

The prefixes, platforms and shapes are the provider registry's (``whichlayer.providers``:
each provider's key detectors in the redactor, its key prefixes and key kinds). This is
deliberately prefix-based and tolerant: a truncated ``sk-ant-api03-…`` is still an
Anthropic key for the purpose of "is it sent to the right host", where
``redact.fingerprint`` (exact shapes) would call it unknown.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from whichlayer.check.model import Finding

if TYPE_CHECKING:
    from whichlayer.redact.detectors import Detector

#: Bare ``sk-`` starts every imitator's keys: alone it names no platform.
_SHARED_PREFIX = "sk-"


@cache
def _prefixes() -> tuple[tuple[str, str, int | None], ...]:
    """(platform, prefix, shortest complete length or None), longest prefix first.

    All from the provider registry: its key kinds (no length), the public prefixes of the
    redactor's detectors it lists for each provider (the length is the shortest key the
    detector's pattern accepts) and its ``key_prefixes``.
    """
    from whichlayer.providers import all_providers
    from whichlayer.redact.detectors import by_id

    # The regex parser of the standard library measures a pattern's shortest match.
    parser: Any = importlib.import_module("re._parser")
    detectors = by_id()
    found: dict[str, tuple[str, int | None]] = {}
    for provider in all_providers():
        for prefix, kind in provider.key_kinds:
            found.setdefault(prefix, (kind, None))
        if provider.key_platform is None:
            continue
        for detector_id in provider.keys:
            d = detectors[detector_id]
            if d.prefix and d.prefix != _SHARED_PREFIX:
                shortest = parser.parse(d.pattern).getwidth()[0]
                found.setdefault(d.prefix, (provider.key_platform, shortest))
        for prefix in provider.key_prefixes:
            found.setdefault(prefix, (provider.key_platform, None))
    ordered = sorted(found.items(), key=lambda item: -len(item[0]))
    return tuple((platform, prefix, length) for prefix, (platform, length) in ordered)


@cache
def _shared_prefix_detectors() -> tuple[tuple[str, Detector], ...]:
    """(platform, detector) for the registry's key detectors whose prefix is bare ``sk-``: only
    a whole key of their shape names the platform (OpenAI's legacy keys, a relay's tokens);
    where two shapes fit, the redactor's priority decides, as it does in a mask."""
    from whichlayer.providers import all_providers
    from whichlayer.redact.detectors import by_id

    detectors = by_id()
    found = [
        (provider.key_platform, detectors[detector_id])
        for provider in all_providers()
        if provider.key_platform is not None
        for detector_id in provider.keys
        if detectors[detector_id].prefix == _SHARED_PREFIX
    ]
    return tuple(sorted(found, key=lambda item: -item[1].priority))


_PLACEHOLDER = re.compile(
    r"(?i)^(?:sk-)?(?:x{3,}|\.{3,}|\*{3,}|your[-_ ]?(?:api[-_ ]?)?(?:key|token).*|"
    r"<[^>]*>|\{\{.*\}\}|\$\{.*\}|changeme|replace[-_ ]?me|todo|dummy|test|none|null|"
    r"placeholder|api[-_]?key|sk-\.\.\.|your.*here)$"
)


def key_platform(key: str) -> str | None:
    """The platform that issued ``key``, judged by its prefix; None if it cannot tell."""
    k = key.strip().strip("'\"")
    for platform, prefix, _ in _prefixes():
        if k.startswith(prefix):
            return platform
    if k.startswith(_SHARED_PREFIX):
        for platform, detector in _shared_prefix_detectors():
            m = detector.regex.fullmatch(k)
            if m is not None and (detector.check is None or detector.check(m)):
                return platform
    return None


@dataclass(frozen=True, slots=True)
class KeyCheck:
    """One offline check of a key's text: a data row (id, cause, test, message, fix)."""

    id: str
    cause: str
    test: Callable[[str], bool]
    message: str  # formatted with {where}
    fix: str


def _bare(key: str) -> str:
    return key.strip().strip("'\"")


def _quoted(key: str) -> bool:
    inner = key.strip()
    return len(inner) >= 2 and inner[0] == inner[-1] and inner[0] in "'\""


def _placeholder(key: str) -> bool:
    bare = _bare(key)
    return bool(_PLACEHOLDER.match(bare)) or (
        bare.lower().startswith("sk-") and set(bare[3:]) <= {"x"}
    )


def _has_newline(key: str) -> bool:
    return "\n" in key or "\r" in key


KEY_CHECKS: tuple[KeyCheck, ...] = (
    KeyCheck(
        "K-NEWLINE",
        "key_malformed",
        _has_newline,
        "the key in {where} contains a line break.",
        "Remove the newline (echo -n, or strip the file contents).",
    ),
    KeyCheck(
        "K-WHITESPACE",
        "key_malformed",
        lambda k: not _has_newline(k) and k != k.strip(),
        "the key in {where} has leading or trailing whitespace.",
        "Remove the spaces around the key.",
    ),
    KeyCheck(
        "K-QUOTES",
        "key_malformed",
        _quoted,
        "the key in {where} is wrapped in quotes that are sent as part of it.",
        "Remove the quote characters from the value.",
    ),
    KeyCheck(
        "K-PLACEHOLDER",
        "key_missing",
        _placeholder,
        "the key in {where} is a placeholder, not a real key.",
        "Replace the placeholder with the key from your provider's console.",
    ),
    KeyCheck(
        "K-INNER-SPACE",
        "key_malformed",
        lambda k: not _placeholder(k) and bool(re.search(r"\s", _bare(k))),
        "the key in {where} contains whitespace inside it.",
        "Copy the key again in one piece.",
    ),
)


def shape_findings(key: str, where: str) -> list[Finding]:
    """Offline problems in the key's text itself: empty, placeholder, quotes, whitespace."""
    if key == "":
        return [
            _f(
                "K-EMPTY",
                "key_missing",
                f"{where} is set but empty.",
                f"Put the real key in {where}, or unset it.",
            )
        ]
    found = [
        _f(c.id, c.cause, c.message.format(where=where), c.fix) for c in KEY_CHECKS if c.test(key)
    ]
    if not any(f.id in ("K-PLACEHOLDER", "K-INNER-SPACE") for f in found):
        found += _truncation(_bare(key), where)
    return found


def _truncation(key: str, where: str) -> list[Finding]:
    for platform, prefix, length in _prefixes():
        if length and key.startswith(prefix) and len(key) < length:
            # A warning, not an error: vendors publish no formal key grammar (B1), so
            # the server's answer decides; the warning says what to look at first.
            found = _f(
                "K-TRUNCATED",
                "key_malformed",
                f"the {platform} key in {where} has {len(key)} characters; "
                f"complete keys of this kind have at least {length}.",
                "Copy the whole key again; it may have been cut short.",
            )
            found.severity = "warning"
            return [found]
    return []


def _f(fid: str, cause: str, message: str, fix: str) -> Finding:
    return Finding(fid, "identity", cause, message, fix)
