"""Finding secrets in text fast, and masking them.

Speed comes from the keyword prefilter: each detector's pattern runs only in
windows around its keywords (found with ``str.find``, which scans at memory
speed), never over the whole text. Escaped forms (URL-encoding, JSON and
Python escapes, HTML entities) are handled twice: the patterns tolerate the
common escapes directly, and lines that contain escapes are also decoded and
scanned again; a secret found only in the decoded line is located back in the
original by a pattern that accepts every encoding of each of its characters.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from functools import lru_cache

from whichlayer._record import Record
from whichlayer.prefilter import LazyPattern
from whichlayer.redact._fingerprint import KeyFingerprint, make_fingerprint
from whichlayer.redact.detectors import (
    BREAK,
    DETECTORS,
    SHAPE_DETECTORS,
    Detector,
    is_placeholder,
    looks_secret,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_BREAK_RE = LazyPattern(BREAK)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# Escapes that can hide a secret from the patterns (plain ``\"`` and ``\n`` cannot).
_ESCAPE_TRIGGER = LazyPattern(
    r"%[0-9A-Fa-f]{2}|\\+(?:u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|/)|&(?:#\d+|#x[0-9a-fA-F]+|quot|amp|apos);"
)
_BACKSLASH_ESCAPE = LazyPattern(
    r"\\+(?:u([0-9A-Fa-f]{4})|x([0-9A-Fa-f]{2})|([nrt])|(.))", re.DOTALL
)
_COOKIE_ATTRIBUTES = frozenset(
    {
        "path",
        "domain",
        "expires",
        "max-age",
        "samesite",
        "secure",
        "httponly",
        "partitioned",
        "priority",
        "version",
        "comment",
    }
)
#: What replaces a line whose secret was found only once decoded and could not be located.
WITHHELD = "[line withheld: it held an encoded secret]"


class Span(Record):
    """A stretch of the text to replace. (A plain class: a dataclass costs start-up time,
    see ``whichlayer._record``.)"""

    _fields = ("start", "end", "detector", "secret", "replacement", "rank")
    __slots__ = _fields

    def __init__(
        self,
        start: int,
        end: int,
        detector: Detector | None,
        secret: str,
        replacement: str | None = None,
        rank: int | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.detector = detector
        self.secret = secret
        self.replacement = replacement
        self.rank = rank  # overrides the detector's priority when spans overlap


def clean_secret(secret: str) -> str:
    """The secret without line breaks, quotes and indentation that split it."""
    return _BREAK_RE.sub("", secret) if ("\n" in secret or "\\" in secret) else secret


def shape_of(secret: str) -> tuple[str, str]:
    """(platform, public prefix) of a secret judged by its shape alone."""
    for d in SHAPE_DETECTORS:
        if d.regex.fullmatch(secret):
            return d.platform, d.prefix
    if re.fullmatch(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+", secret):
        return "jwt", "eyJ"
    return "secret", ""


def fingerprint_secret(
    secret: str, platform: str | None = None, prefix: str = "", *, found_in_text: bool = True
) -> KeyFingerprint:
    """Fingerprint a secret, naming its platform by its shape unless told.

    A secret found in text loses the line breaks that split it. A configured
    one (``found_in_text=False``) keeps its real length, whitespace included
    (a stray newline is evidence of a malformed key), while its shape, last
    four characters and hash are read without the surrounding whitespace, so
    both forms of one key hash alike.
    """
    core = clean_secret(secret) if found_in_text else secret.strip()
    shape_platform, shape_prefix = shape_of(core)
    if shape_platform != "secret" or platform is None:
        platform, prefix = shape_platform, shape_prefix
    fp = make_fingerprint(core, platform, prefix)
    return fp if found_in_text else fp.with_length(len(secret))


def _lowered(text: str) -> str:
    lower = text.lower()
    # A few characters change length when lower-cased; positions must not move.
    return lower if len(lower) == len(text) else text.translate(_ASCII_LOWER)


def _find_all(hay: str, kw: str) -> list[int]:
    hits: list[int] = []
    i = hay.find(kw)
    while i != -1:
        hits.append(i)
        i = hay.find(kw, i + len(kw))
    return hits


# Substrings that start an escape able to hide a secret (see ``_ESCAPE_TRIGGER``).
ESCAPE_KEYWORDS = ("%", "\\u", "\\x", "\\/", "&#", "&quot;", "&amp;", "&apos;")
# A shell line continuation (backslash, line break): the views join it.
CONTINUATION_KEYWORDS = ("\\\n", "\\\r\n")
KEYWORDS: tuple[str, ...] = tuple(
    sorted(
        {kw.lower() for d in DETECTORS for kw in d.keywords}
        | set(ESCAPE_KEYWORDS)
        | set(CONTINUATION_KEYWORDS)
    )
)


def _automaton() -> Any:
    """An Aho-Corasick automaton over every keyword, or None without the library."""
    try:
        import ahocorasick_rs as ac
    except ImportError:  # pragma: no cover - the dependency is declared; str.find still works
        return None
    return ac.BytesAhoCorasick(
        [k.encode() for k in KEYWORDS],
        matchkind=ac.MatchKind.LeftmostFirst,
        implementation=ac.Implementation.DFA,
    )


_AUTOMATON = _automaton()
if any(not k.isascii() or "?" in k for k in KEYWORDS):  # pragma: no cover - a coding error
    raise RuntimeError("keywords must be ASCII without '?': the search runs on ASCII bytes")


class _Hits:
    """Keyword positions in a text, found in one pass for all rows.

    Keywords are searched in the lower-cased text; rows that care about case
    check it in their own pattern. No keyword may start another (the search
    reports one keyword per position).
    """

    def __init__(self, text: str) -> None:
        self.lower = _lowered(text)
        self._by_keyword: dict[str, list[int]] = {}
        self._bytes: bytes | None = None
        self._complete = _AUTOMATON is not None
        if not self._complete:
            return
        # One byte per character (anything not ASCII becomes "?"), so byte offsets
        # are character offsets; keywords are ASCII, so no hit is lost.
        self._bytes = self.lower.encode("ascii", "replace")
        found = _AUTOMATON.find_matches_as_indexes(self._bytes)
        by_index: dict[int, list[int]] = {}
        for index, start, _end in found:
            by_index.setdefault(index, []).append(start)
        self._by_keyword = {KEYWORDS[i]: hits for i, hits in by_index.items()}

    def lower_bytes(self) -> bytes:
        """The lower-cased text, one byte per character (non-ASCII as ``?``)."""
        if self._bytes is None:
            self._bytes = self.lower.encode("ascii", "replace")
        return self._bytes

    def of_keywords(self, keywords: tuple[str, ...]) -> list[int]:
        out: list[int] = []
        for kw in keywords:
            kw = kw.lower()
            found = self._by_keyword.get(kw)
            if found is None:
                found = [] if self._complete else _find_all(self.lower, kw)
                self._by_keyword[kw] = found
            out += found
        return out

    def of(self, d: Detector) -> list[int]:
        return self.of_keywords(d.keywords)


def _windows(d: Detector, hits: list[int], n: int) -> list[tuple[int, int]]:
    hits.sort()
    merged: list[tuple[int, int]] = []
    for p in hits:
        a, b = max(0, p - d.before), min(n, p + d.after)
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _anchored(d: Detector, text: str, hits: list[int]) -> Iterator[re.Match[str]]:
    left = d.left_set
    gate = d.gate_regex
    n = len(text)
    covered = -1  # end of this row's last match: hits inside it add nothing, and would
    # make the work grow with (hits x match length) on hostile input
    for p in sorted(hits):
        if p < covered or (gate is not None and gate.match(text, p) is None):
            continue
        start = p
        if left:
            limit = max(0, p - d.before)
            while start > limit and text[start - 1] in left:
                start -= 1
        end = min(n, p + d.after)
        m = d.regex.match(text, start, end)
        if m is None and start != p:
            # The name may be glued to an escape (``\\nAuthorization``): try the keyword itself.
            m = d.regex.match(text, p, end)
        if m is not None:
            covered = m.end()
            yield m


def _matches(d: Detector, text: str, hits: list[int]) -> Iterator[re.Match[str]]:
    if not hits:
        return
    if d.anchored:
        yield from _anchored(d, text, hits)
        return
    for a, b in _windows(d, hits, len(text)):
        yield from d.regex.finditer(text, a, b)


def find_spans(text: str, *, keep_prompt: bool, hits: _Hits | None = None) -> list[Span]:
    """Every match of every detector, overlaps included."""
    spans: list[Span] = []
    hits = hits or _Hits(text)
    if hits._complete and not hits._by_keyword:
        return spans  # no detector's keyword occurs: none can match (most of an output's texts)
    for d in DETECTORS:
        if keep_prompt and d.kind == "prompt":
            continue
        for m in _matches(d, text, hits.of(d)):
            if d.check is None or d.check(m):
                start, end = m.span("secret")
                spans.append(Span(start, end, d, m.group("secret")))
    return spans


def _unescape_backslashes(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        u, x, ctl, other = m.groups()
        if u or x:
            return chr(int(u or x, 16))
        if ctl:
            return {"n": "\n", "r": "\r", "t": "\t"}[ctl]
        return str(other)

    return _BACKSLASH_ESCAPE.sub(one, text)


def decode(text: str) -> str:
    """Undo URL-encoding, backslash escapes and HTML entities, nested up to three deep."""
    for _ in range(3):
        out = text
        if "%" in out:
            from urllib.parse import unquote

            out = unquote(out, errors="replace")
        if "\\" in out:
            out = _unescape_backslashes(out)
        if "&" in out:
            import html

            out = html.unescape(out)
        if out == text:
            break
        text = out
    return text


def _char_forms(c: str) -> str:
    o = ord(c)
    forms = [re.escape(c)]
    if not c.isalnum():  # ``\/``, ``\"``: letters would clash with ``\n``, ``\u``, ``\x``
        forms.append(rf"\\+{re.escape(c)}")
    if o < 0x100:
        forms += [f"%{o:02x}", rf"\\+x{o:02x}"]
    if o < 0x10000:
        forms.append(rf"\\+u{o:04x}")
    forms += [f"&#{o};", f"&#x{o:x};"]
    forms += {'"': ["&quot;"], "&": ["&amp;"], "'": ["&apos;"], " ": [r"\+"]}.get(c, [])
    return "(?:" + "|".join(forms) + ")"


@lru_cache(maxsize=256)
def _locator(secret: str) -> re.Pattern[str]:
    gap = r"(?:\\+[rnt]|%0[ad]|[ \t\"'+│|>#*\r\n])*"
    return re.compile(gap.join(_char_forms(c) for c in secret), re.IGNORECASE)


def _escaped_lines(text: str, hits: _Hits) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    pos = 0
    for p in sorted(hits.of_keywords(ESCAPE_KEYWORDS)):
        if p < pos or _ESCAPE_TRIGGER.match(text, p) is None:
            continue
        start = text.rfind("\n", 0, p) + 1
        end = text.find("\n", p)
        end = len(text) if end == -1 else end
        lines.append((start, end))
        pos = end
    return lines


def view_spans(text: str, hits: _Hits) -> list[Span]:
    """Secrets that only show once a line's escapes are decoded, located in the original."""
    lines: list[tuple[int, int]] = []
    decoded_lines: list[str] = []
    for start, end in _escaped_lines(text, hits):
        decoded = decode(text[start:end])
        if decoded != text[start:end]:
            lines.append((start, end))
            # A decoded line break still ends a header or cookie value (``\r`` does, and
            # keeps the one-line-per-line layout the offsets below rely on).
            decoded_lines.append(decoded.replace("\n", "\r"))
    if not lines:
        return []
    # One scan over all decoded lines (joined) instead of one per line.
    joined = "\n".join(decoded_lines)
    offsets = [0]
    for d in decoded_lines:
        offsets.append(offsets[-1] + len(d) + 1)
    spans: list[Span] = []
    for s in find_spans(joined, keep_prompt=True):
        index = bisect_right(offsets, s.start) - 1
        start, end = lines[index]
        spans += _locate(text, start, end, s)
    return spans


def _locate(text: str, start: int, end: int, s: Span) -> list[Span]:
    """Where the decoded secret of ``s`` sits in ``text[start:end]``, however encoded."""
    # Edges that were a decoded line break (``\n`` became a space) are not part of it.
    secret = clean_secret(s.secret).strip()
    if not secret:
        return []
    found = [
        # ``finditer(text, start, end)`` gives positions in ``text`` itself.
        Span(m.start(), m.end(), s.detector, secret)
        for m in _locator(secret).finditer(text, start, end)
    ]
    return found or [Span(start, end, None, "", WITHHELD)]


def _mask_cookie(value: str) -> str:
    out = []
    for part in re.split(r"(;\s*)", value):
        name, eq, v = part.partition("=")
        if part.startswith(";") or name.strip().lower() in _COOKIE_ATTRIBUTES:
            out.append(part)
        elif eq and not is_placeholder(v):
            out.append(f"{name}={fingerprint_secret(v, 'secret')}")
        elif not eq and len(part.strip()) >= 8:
            out.append(str(fingerprint_secret(part, "secret")))
        else:
            out.append(part)
    return "".join(out)


def _mask_userinfo(value: str) -> str:
    user, colon, password = value.partition(":")
    if not colon:
        # A user name alone may be an identity or a token (https://TOKEN@host).
        return "***" if len(user) < 20 else str(fingerprint_secret(user, "secret"))
    if not password or is_placeholder(password):
        return f"***:{password}"
    return f"***:{fingerprint_secret(password, 'secret')}"


def replacement(span: Span) -> str:
    """What a span is replaced with."""
    if span.replacement is not None:
        return span.replacement
    d = span.detector
    assert d is not None
    if d.kind == "prompt":
        return f"[prompt: {len(span.secret)} chars]"
    if d.kind == "cookie":
        return _mask_cookie(span.secret)
    if d.kind == "userinfo":
        return _mask_userinfo(span.secret)
    if d.kind == "email":
        return str(make_fingerprint(span.secret, "email", ""))
    return str(fingerprint_secret(span.secret, d.platform, d.prefix))


def _rank(span: Span) -> tuple[int, int]:
    if span.rank is not None:
        return (span.rank, span.end - span.start)
    if span.detector is None:
        return (9, span.end - span.start)
    return (span.detector.priority, span.end - span.start)


def apply(text: str, spans: list[Span]) -> str:
    """Replace the spans; overlapping spans merge, the highest-ranked one names the mask."""
    if not spans:
        return text
    spans.sort(key=lambda s: (s.start, -s.end))
    out: list[str] = []
    pos = 0
    i = 0
    while i < len(spans):
        cluster = [spans[i]]
        end = spans[i].end
        i += 1
        while i < len(spans) and spans[i].start < end:
            cluster.append(spans[i])
            end = max(end, spans[i].end)
            i += 1
        best = max(cluster, key=_rank)
        out += [text[pos : cluster[0].start], replacement(best)]
        pos = end
    out.append(text[pos:])
    return "".join(out)


#: A line this long that ends inside a token was probably wrapped by a terminal.
WRAP_MIN_LINE = 60
# The rest of a wrapped token at the start of the next line: indentation or a box
# border, then token characters up to a space, a quote or the end of the line.
_CONTINUATION = LazyPattern(
    r"\r?\n[ \t│|>]*(?P<rest>[A-Za-z0-9_\-+/=.]{4,})(?=[\s\"',;)]|$)"
    r"(?P<alone>[ \t│|]*(?:\r?\n|$))?"
)


def _wrapped_rest(text: str, span: Span) -> Span | None:
    """The part of a secret that a terminal wrapped onto the next line, if any."""
    if span.detector is None or span.detector.kind not in ("key", "secret"):
        return None
    if span.end - (text.rfind("\n", 0, span.start) + 1) < WRAP_MIN_LINE:
        return None
    m = _CONTINUATION.match(text, span.end)
    # The rest is alone on its line (the wrap's last piece), or looks generated itself.
    if m is None or not (m.group("alone") is not None or looks_secret(m.group("rest"))):
        return None
    return Span(span.start, m.end("rest"), span.detector, span.secret + m.group("rest"))


def _join_wrapped(text: str, spans: list[Span]) -> list[Span]:
    """Secrets of any length broken by a terminal's line wrap (fixed shapes need no help)."""
    out = []
    for span in spans:
        while (longer := _wrapped_rest(text, span)) is not None:
            span = longer
        out.append(span)
    return out


def _scan(text: str, keep_prompt: bool, hits: _Hits | None = None) -> list[Span]:
    hits = hits or _Hits(text)
    spans = find_spans(text, keep_prompt=keep_prompt, hits=hits)
    spans += view_spans(text, hits)
    if "\n" in text:
        spans = _join_wrapped(text, spans)
    from whichlayer.redact._views import unwrapped_spans

    spans += unwrapped_spans(text, keep_prompt, hits.of_keywords(CONTINUATION_KEYWORDS))
    return spans


def redact(text: str, *, keep_prompt: bool, known: Mapping[str, str] | None = None) -> str:
    """Mask every secret in ``text`` (prompt content too unless ``keep_prompt``).

    Once a value is recognised as secret anywhere (in ``text``, or in ``known``:
    value -> its mask, found elsewhere in the same output), every other
    occurrence of it in ``text`` is masked the same way.
    """
    hits = _Hits(text)
    spans = _scan(text, keep_prompt, hits)
    values = dict(known or {})
    values.update(secret_values(spans))
    if values:
        spans += echo_spans(text, values, hits)
    return apply(text, spans)


_SHAPED = frozenset(SHAPE_DETECTORS)
#: Shortest value masked wherever it recurs (shorter ones would hit ordinary words).
ECHO_MIN = 8


def _echo_worthy(value: str) -> bool:
    return len(value) >= ECHO_MIN and looks_secret(value)


def secret_values(spans: list[Span]) -> dict[str, str]:
    """The secret values among ``spans`` (value -> the mask it was given)."""
    out: dict[str, str] = {}
    for span in spans:
        d = span.detector
        if d is None or d.kind == "prompt" or not span.secret:
            continue
        if d in _SHAPED and span.rank is None:
            continue  # a key with a telling shape is found by that shape wherever it recurs
        for value, mask in _values_of(span):
            if _echo_worthy(value) or (d.kind == "email" and len(value) >= 6):
                out.setdefault(value, mask)
    return out


def _values_of(span: Span) -> list[tuple[str, str]]:
    d = span.detector
    assert d is not None
    secret = clean_secret(span.secret)
    if d.kind == "cookie":
        pairs = []
        for part in re.split(r";\s*", secret):
            name, eq, v = part.partition("=")
            if eq and name.strip().lower() not in _COOKIE_ATTRIBUTES and not is_placeholder(v):
                pairs.append((v.strip(), str(fingerprint_secret(v.strip(), "secret"))))
        return pairs
    if d.kind == "userinfo":
        user, colon, password = secret.partition(":")
        if colon:
            return [(password, str(fingerprint_secret(password, "secret")))]
        return [(user, str(fingerprint_secret(user, "secret")))]
    if d.kind == "email":
        return [(secret, replacement(span))]
    out = [(secret, replacement(span))]
    from whichlayer.redact.detectors import basic_credentials

    for part in basic_credentials(secret):
        out.append((part, str(fingerprint_secret(part, "secret"))))
    return out


def echo_spans(text: str, values: Mapping[str, str], hits: _Hits | None = None) -> list[Span]:
    """Every occurrence in ``text`` of a value already known to be secret."""
    spans: list[Span] = []
    # str.find scans at memory speed: one pass per value beats building an automaton
    # until there are many values.
    if hits is not None and len(values) > 16 and _AUTOMATON is not None and len(text) > 65536:
        import ahocorasick_rs as ac

        keys = [v for v in values if v.isascii()]
        automaton = ac.BytesAhoCorasick([k.lower().encode() for k in keys])
        for index, start, end in automaton.find_matches_as_indexes(
            hits.lower_bytes(), overlapping=True
        ):
            value = keys[index]
            if text.startswith(value, start):
                spans.append(Span(start, end, None, value, values[value], rank=-1))
        values = {k: v for k, v in values.items() if not k.isascii()}
    for value, mask in values.items():
        i = text.find(value)
        while i != -1:
            spans.append(Span(i, i + len(value), None, value, mask, rank=-1))
            i = text.find(value, i + len(value))
    return spans


def find_secrets(text: str, *, keep_prompt: bool = True) -> dict[str, str]:
    """The secret values in ``text``, each with its mask (for masking their echoes elsewhere)."""
    if not text:
        return {}
    return secret_values(_scan(text, keep_prompt))
