"""What a key looks like, and which platform it was issued by.

Shapes come from section B1 of shared/reference/clients-and-keys.md. This is
deliberately prefix-based and tolerant: a truncated ``sk-ant-api03-…`` is
still an Anthropic key for the purpose of "is it sent to the right host",
where ``redact.fingerprint`` (exact shapes) would call it unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from whichlayer.check.model import Finding

# (platform, prefix regex, shortest complete length or None). Most specific first (B1).
_PREFIXES: list[tuple[str, str, int | None]] = [
    ("anthropic", r"sk-ant-api\d\d-", 108),
    ("anthropic-oauth", r"sk-ant-oat\d\d-", None),
    ("anthropic", r"sk-ant-admin\d\d-", None),
    ("openrouter", r"sk-or-v1-", 73),
    # proj/svcacct/admin: prefix + 58 or 74 chars + T3BlbkFJ + 58 or 74 (B1, gitleaks).
    ("openai", r"sk-(?:proj|svcacct|service|admin)-", 132),
    ("google", r"AIza", 39),
    ("groq", r"gsk_", 56),
    ("xai", r"xai-", 84),
    ("perplexity", r"pplx-", 53),
    ("huggingface", r"hf_|api_org_", None),
    ("replicate", r"r8_", 40),
    ("bedrock", r"ABSK|bedrock-api-key-", None),
]

_PLACEHOLDER = re.compile(
    r"(?i)^(?:sk-)?(?:x{3,}|\.{3,}|\*{3,}|your[-_ ]?(?:api[-_ ]?)?(?:key|token).*|"
    r"<[^>]*>|\{\{.*\}\}|\$\{.*\}|changeme|replace[-_ ]?me|todo|dummy|test|none|null|"
    r"placeholder|api[-_]?key|sk-\.\.\.|your.*here)$"
)


def key_platform(key: str) -> str | None:
    """The platform that issued ``key``, judged by its prefix; None if it cannot tell."""
    k = key.strip().strip("'\"")
    for platform, prefix, _ in _PREFIXES:
        if re.match(prefix, k):
            return platform
    if re.fullmatch(r"sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}", k):
        return "openai"
    # sk- + 48 alnum without the OpenAI marker: a one-api/new-api relay token (B1, C3).
    if re.fullmatch(r"sk-[A-Za-z0-9]{48}(?:-\d+)?", k):
        return "relay"
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
    for platform, prefix, length in _PREFIXES:
        if length and re.match(prefix, key) and len(key) < length:
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
