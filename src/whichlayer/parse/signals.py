"""Facts read from free text: statuses, request ids, retry hints, limits, model, URL.

Each extractor is a small table of patterns with a comment saying whose
output it reads. Patterns are linear (no nested quantifiers) so a 1 MB paste
stays fast.

Each pattern alternative is tried only where its required literal occurs (the gate). The
gates of one text are tested against :func:`present`, the literals found in one pass over
it, rather than one substring search each; every function here also accepts the
lower-cased text itself in place of that set (``literal in lower`` gives the same answer).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence

from whichlayer import prefilter
from whichlayer.evidence import RequestId
from whichlayer.prefilter import OCCURRENCES_MAX, Gated, LazyPattern, all_at, first_at
from whichlayer.taxonomy import Origin

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_IGNORECASE = int(re.IGNORECASE)

#: A pattern with the keyword every match contains (``None``: always tried), as in
#: :mod:`whichlayer.prefilter`; a list of them for one table entry.
Row = tuple[str | None, str]

#: Every keyword a gate here (or in parse/text.py) tests: what :func:`present` looks for,
#: in one Aho-Corasick pass (the prefilter's own index, built on the first search).
GATES = prefilter.Keywords()
#: The same keywords as a set (read by the tests and by :func:`gate_literals`).
GATE_LITERALS: set[str] = set()

#: What the gates of one text test against: the set from :func:`present`, or the
#: lower-cased text itself.
Gate = Collection[str]


class _Guarded(LazyPattern):
    """A gated alternative, perhaps compiled with a lookahead for its first character (see
    :func:`_guard`); ``pattern`` stays the alternative as written. ``anchor``: the gate
    literal every match starts with, if it does (see :func:`_start`); ``anchors``: the
    (lower-case, ASCII) literals one of which every match starts with, if known (see
    :func:`_matches_at`)."""

    __slots__ = ("anchor", "anchors", "guarded", "named")

    def __init__(
        self,
        pattern: str,
        guarded: str | None,
        flags: int,
        anchor: str | None,
        anchors: tuple[str, ...] | None = None,
        named: str | None = None,
    ) -> None:
        super().__init__(pattern, flags)
        self.guarded = guarded
        self.anchor = anchor
        self.anchors = anchors
        self.named = named

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.guarded or self.pattern, self.flags)
        return self._compiled


_QUANTIFIER = frozenset("?*+{")
_META = frozenset(".^$*+?{}[]()|\\")


def _guard(alternative: str) -> str | None:
    """The alternative with a lookahead for its first character, when it starts with a
    word boundary then a literal letter or digit (``\\bError``, ``\\b(req_``), a group
    of alternatives that each start so (``\\b(?:ERROR|WARNING)``, ``\\b(GET|POST)``) or
    a character class (``\\b[A-Z]``, which is then its own lookahead): the same matches, but
    the regex engine tests the cheap letter before the word boundary at every position
    (three to four times faster on long text). ``None`` when it does not start that way."""
    if not alternative.startswith("\\b"):
        return None
    rest = alternative[2:]
    if rest.startswith("(\\d"):  # a capturing group that opens with a digit
        close = rest.find(")")
        optional = rest[3:4] in ("?", "*") or rest[3:5] == "{0"
        if optional or close < 0 or rest[close + 1 : close + 2] in _QUANTIFIER:
            return None
        return "(?=\\d)" + alternative
    if rest.startswith("[") and "]" in rest[2:]:  # a class: it is its own lookahead
        close = rest.index("]", 2)
        body = rest[1:close]
        if "\\" in body or "[" in body or rest[close + 1 : close + 2] in _QUANTIFIER:
            return None
        return f"(?={rest[: close + 1]})" + alternative
    # a group of plain alternatives, perhaps capturing: "(?:ERROR|WARNING)", "(GET|POST)"
    opening = 3 if rest.startswith("(?:") else 0
    capturing = rest.startswith("(") and not rest.startswith("(?")
    if capturing and "|" in rest[1 : max(rest.find(")"), 0)]:
        opening = 1
    if opening:
        close = rest.find(")")
        words = rest[opening:close].split("|")
        if close < 0 or "(" in rest[opening:close]:
            return None
        if not all(
            w[:1].isascii() and w[:1].isalnum() and w[1:2] not in _QUANTIFIER for w in words
        ):
            return None
        firsts = {w[:1] for w in words}
        after = rest[close + 1 : close + 2]
        if after == "?":  # an optional group: or the letter after it
            first, then = rest[close + 2 : close + 3], rest[close + 3 : close + 4]
            if not (first.isascii() and first.isalnum()) or then in _QUANTIFIER:
                return None
            firsts.add(first)
        elif after in _QUANTIFIER:
            return None
        return f"(?=[{''.join(sorted(firsts))}])" + alternative
    if rest.startswith("(") and not rest.startswith("(?"):
        close = rest.find(")")
        if close < 0 or rest[close + 1 : close + 2] in _QUANTIFIER:
            return None
        rest = rest[1:]
    if len(rest) < 2:
        return None
    first, after = rest[0], rest[1]
    if not (first.isascii() and first.isalnum()) or after in _QUANTIFIER:
        return None
    return f"(?={first})" + alternative


def _anchor(alternative: str, literal: str | None, ignorecase: bool) -> str | None:
    """``literal`` when every match of the (case-insensitive) alternative starts with it:
    the alternative opens with a word boundary, perhaps a capturing group's parenthesis,
    then the literal's own characters."""
    if literal is None or not ignorecase:
        return None
    rest = alternative[2:] if alternative.startswith("\\b") else alternative
    if rest.startswith("(") and not rest.startswith("(?"):
        rest = rest[1:]
    head = rest[: len(literal)]
    if head.lower() != literal or _META & set(head):
        return None
    return literal


def _anchors(alternative: str, literal: str | None, anchor: str | None) -> tuple[str, ...] | None:
    """The ASCII literals one of which every match of the (case-insensitive) alternative
    starts with: its ``anchor``, or for ``\\b(?:http )?status...`` (an optional group of
    plain characters just before the gate literal) the group with the literal, and the
    literal alone."""
    if anchor is not None:
        rest = alternative[2:] if alternative.startswith("\\b") else alternative
        if rest.startswith("(") and not rest.startswith("(?"):
            rest = rest[1:]
        if rest[len(anchor) : len(anchor) + 1] in _QUANTIFIER or not anchor.isascii():
            return None  # (its last character may be left out)
        return (anchor,)
    if literal is None or not literal.isascii() or not alternative.startswith("\\b(?:"):
        return None
    rest = alternative[2:]
    close = rest.find(")")
    group = rest[3:close]
    if close < 0 or rest[close + 1 : close + 2] != "?" or not group or _META & set(group):
        return None
    head = rest[close + 2 : close + 2 + len(literal)]
    if head.lower() != literal or _META & set(head) or not group.isascii():
        return None
    if rest[close + 2 + len(literal) : close + 3 + len(literal)] in _QUANTIFIER:
        return None
    return (group.lower() + literal, literal)


#: How a name's letters open an alternative that ends the name with its keyword
#: (``\\b[A-Z][A-Za-z]+Error: ...``, case-insensitive): see :func:`_named`.
_NAME_OPENING = "\\b[A-Z][A-Za-z]+"
#: Every character that ``[A-Za-z]`` takes when case is ignored: the ASCII letters and the
#: four others that fold to one of them (dotted İ, dotless ı, long ſ, the Kelvin sign).
_NAME_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\u0130\u0131\u017f\u212a"


def _named(alternative: str, literal: str | None) -> str | None:
    """``literal`` when the (case-insensitive) alternative is :data:`_NAME_OPENING` then the
    literal's own characters (``\\b[A-Z][A-Za-z]+Error: (\\d{3})``, gate ``"error: "``):
    every match then starts where the run of letters before an occurrence of the literal
    starts, and only there (see :func:`_after_names`)."""
    if literal is None or not literal.isascii() or not alternative.startswith(_NAME_OPENING):
        return None
    head = alternative[len(_NAME_OPENING) : len(_NAME_OPENING) + len(literal)]
    if head.lower() != literal or _META & set(head) or not head[:1].isalpha():
        return None
    if alternative[len(_NAME_OPENING) + len(literal) :][:1] in _QUANTIFIER:
        return None
    return literal


def _after_names(
    compiled: re.Pattern[str], text: str, low: str, literal: str
) -> list[re.Match[str]]:
    """``list(compiled.finditer(text))`` for an alternative that :func:`_named` read (``low``:
    the text lower-cased, aligned with it), tried only where a match can start: at the
    start of the run of letters that ends where the literal occurs. (A match starts with a
    word boundary then letters up to the literal; a start inside the run has a letter, a
    word character, before it, so no boundary; the literal cannot occur again within the
    run, its colon is no letter.) The regex engine instead tries every letter of the text,
    and from each the rest of its word: a long paste's costliest status pattern."""
    out: list[re.Match[str]] = []
    pos = 0
    at = low.find(literal)
    while at >= 0:
        floor = max(0, at - 120)
        start = floor + len(text[floor:at].rstrip(_NAME_LETTERS))
        if start == floor and floor > 0:  # a run longer than the window: read it all
            start = len(text[:at].rstrip(_NAME_LETTERS))
        if start >= pos:
            found = compiled.match(text, start)
            if found is not None:
                out.append(found)
                pos = found.end()
        at = low.find(literal, at + 1)
    return out


def gated(entry: Row | Sequence[Row], flags: int = 0) -> Gated:
    """One table entry's ``(keyword, pattern)`` rows as :func:`whichlayer.prefilter.gated`
    makes them, each pattern perhaps compiled with a lookahead for its first character
    (:func:`_guard`) and knowing whether its keyword is where every match starts
    (:func:`_anchor`); the keywords join :data:`GATES`."""
    # (a row is a tuple, a table's rows a list)
    rows: list[Row] = list(entry) if isinstance(entry, list) else [entry]  # type: ignore[list-item]
    out: Gated = []
    ignorecase = bool(int(flags) & _IGNORECASE)  # once, on ints: RegexFlag's "&" is slow
    for keyword, compiled in prefilter.gated(rows, flags):
        alternative = compiled.pattern
        guarded = _guard(alternative)
        anchor = _anchor(alternative, keyword, ignorecase)
        anchors = _anchors(alternative, keyword, anchor) if ignorecase else None
        named = _named(alternative, keyword) if ignorecase else None
        out.append(
            (keyword, _Guarded(alternative, guarded, compiled.flags, anchor, anchors, named))
        )
        if keyword is not None:
            gate_literals(keyword)
    return out


def _ungated(pattern: str, flags: int = 0) -> _Guarded:
    """A pattern of no table, compiled on first use with the lookahead of :func:`_guard`."""
    return _Guarded(pattern, _guard(pattern), flags, None)


def gate_literals(*literals: str) -> tuple[str, ...]:
    """Register keywords that code outside a :func:`gated` table tests against a gate."""
    global GATES
    if not GATE_LITERALS.issuperset(literals):
        GATE_LITERALS.update(literals)
        if GATES.built:  # a module imported after the first search: a new index
            GATES = prefilter.Keywords(GATE_LITERALS)
        else:
            GATES.add(literals)
    return literals


#: Texts longer than this, given without the text they are the lower-cased form of, are
#: their own gate (see :func:`present`).
PRESENT_MAX = 20_000


class _Long(frozenset[str]):
    """The gate set of a text, with the text's lower-cased form (``lower``), from which an
    alternative that starts with its keyword is searched (see :func:`_start` and
    :func:`whichlayer.prefilter.first_at`); ``aligned``: each character of the text
    lower-cases to exactly the character at the same place in ``lower``, and none that the
    regex engine folds otherwise (dotless ı, long ſ) occurs, so a match of a
    case-insensitive keyword in the text is found there at the same place. (Named when
    only long texts kept their lower-cased form.)"""

    __slots__ = ("aligned", "lower")

    lower: str
    aligned: bool


def present(lower: str, text: str | None = None) -> Gate:
    """The gate keywords that occur in ``lower``, found in one pass (a megabyte paste's
    quarter megabyte: under a millisecond, where a substring search per keyword took
    fifteen), with ``lower`` kept beside them when ``text`` (the text it is the lower-cased
    form of) is given; or ``lower`` itself when the automaton cannot read it or, for a long
    text, when ``text`` is not given."""
    if not lower.isascii() and _has_surrogate(lower):
        return lower  # the automaton reads UTF-8 only; the text itself answers exactly
    if text is None:
        return lower if len(lower) > PRESENT_MAX else GATES.present(lower)
    gate = GATES.present(lower, _Long)
    gate.lower = lower
    gate.aligned = text.isascii() or (
        len(text) == len(lower) and "ı" not in text and "ſ" not in text
    )
    return gate


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _start(compiled: LazyPattern, lower: Gate) -> int:
    """Where in a text a match of ``compiled`` can start at the earliest: at the first
    occurrence of the literal all its matches start with (0 when unknown)."""
    anchor = compiled.anchor if isinstance(compiled, _Guarded) else None
    if anchor is not None and isinstance(lower, _Long) and lower.aligned:
        return max(lower.lower.find(anchor), 0)
    return 0


def _anchored(compiled: LazyPattern, lower: Gate) -> tuple[str, tuple[str, ...]] | None:
    """The lower-cased text and the literals one of which every match of ``compiled``
    starts with, where both are known (see :func:`whichlayer.prefilter.first_at`)."""
    anchors = compiled.anchors if isinstance(compiled, _Guarded) else None
    if (
        anchors is not None
        and isinstance(lower, _Long)
        and lower.aligned
        and len(lower.lower) <= OCCURRENCES_MAX
    ):
        return lower.lower, anchors
    return None


def _search(alternatives: Gated, text: str, lower: Gate) -> re.Match[str] | None:
    """First match of any alternative whose required literal occurs in ``lower``.

    (:func:`_anchored` and :func:`_start` written out in the loop: this runs several times
    per text, a call per alternative was a good part of its time.)"""
    if not (isinstance(lower, _Long) and lower.aligned):
        for literal, compiled in alternatives:
            if literal is not None and literal not in lower:
                continue
            found = compiled.compiled().search(text, 0)
            if found:
                return found
        return None
    low = lower.lower
    short = len(low) <= OCCURRENCES_MAX
    for literal, compiled in alternatives:
        if literal is not None and literal not in lower:
            continue
        if not isinstance(compiled, _Guarded):
            found = compiled.compiled().search(text, 0)
        elif short and compiled.anchors is not None:
            found = first_at(compiled.compiled(), text, low, compiled.anchors)
        else:
            anchor = compiled.anchor
            start = max(low.find(anchor), 0) if anchor is not None else 0
            found = compiled.compiled().search(text, start)
        if found:
            return found
    return None


def _literals(groups: Any) -> frozenset[str] | None:
    """Every gate literal of a table of gated patterns; ``None`` if one alternative has
    none (it is always tried, so the table can never be skipped)."""
    out: set[str] = set()
    for group in groups:
        for literal, _compiled in group:
            if literal is None:
                return None
            out.add(literal)
    return frozenset(out)


def _by_literal(groups: Iterable[Gated]) -> dict[str, list[int]]:
    """For a table of gated patterns: the places (in order) of the groups each literal
    opens (see :func:`_opened`)."""
    out: dict[str, list[int]] = {}
    for place, group in enumerate(groups):
        for literal, _compiled in group:
            places = out.setdefault(literal or "", [])
            if not places or places[-1] != place:
                places.append(place)
    return out


def _opened(
    index: dict[str, list[int]], literals: frozenset[str] | None, count: int, lower: Gate
) -> Sequence[int]:
    """The places, in order, of a table's groups that :func:`_search` may find in a text:
    with a gate set, those one of whose literals it holds (a group none of whose literals
    occurs finds nothing, and a call per group was much of the cost); else all ``count``.
    ``literals``: the table's (:func:`_literals`), ``index``: :func:`_by_literal`'s."""
    if literals is None or not isinstance(lower, frozenset):
        return range(count)
    hit = lower & literals
    if len(hit) == 1:
        for literal in hit:
            return index[literal]
    return sorted({place for literal in hit for place in index[literal]})


def _dead(literals: frozenset[str] | None, lower: Gate) -> bool:
    """No alternative of a table can be tried: the gate set has none of its literals.
    (With the text itself as the gate the table's own loop decides, literal by literal.)"""
    return literals is not None and isinstance(lower, frozenset) and lower.isdisjoint(literals)


def any_in(literals: frozenset[str], lower: Gate) -> bool:
    """Does any of ``literals`` occur (``any(lit in lower for lit in literals)``)?"""
    if isinstance(lower, frozenset):
        return not lower.isdisjoint(literals)
    return any(literal in lower for literal in literals)


# --- HTTP status -----------------------------------------------------------

#: What follows a status that leads a message: a body, a page, or a capitalised reason.
_LEADING_STATUS_TAIL = r"\s+(?:\{|<|status code|\(no body\)|[A-Z][a-z]+ )"

#: Phrases that introduce the status of the failed exchange, most explicit first.
_STATUS_PATTERNS: tuple[Gated, ...] = tuple(
    gated(p, re.I)
    for p in (
        # openai/anthropic python: "Error code: 429 - {...}"
        ("error code", r"\berror code:? (\d{3})\b"),
        # many SDKs and tools: "status code 404", "Status: 429", "status=503", "HTTP 403"
        ("status", r"\b(?:http )?status(?: code)?\s*[:=]?\s*\(?(\d{3})\b"),
        ("responded with ", r"\bresponded with (?:status|code) (\d{3})\b"),
        # plain English around a status: "Unexpected response code: 403" (Node's ws on a
        # refused upgrade), "responded with a status of 429" (Chrome's console), "Response
        # Status is 429", "the status was 503"
        ("response code", r"\bresponse code:? (\d{3})\b"),
        ("status of ", r"\bstatus of (\d{3})\b"),
        [("status is ", r"\bstatus is (\d{3})\b"), ("status was ", r"\bstatus was (\d{3})\b")],
        ("upstream_status", r"\bupstream_status:? (?:HTTP )?(\d{3})\b"),
        ("http", r"\bHTTP(?:/\d(?:\.\d)?)?(?: code| error| status)?:?\s*\(?(\d{3})\b"),
        # requests: "429 Client Error: Too Many Requests for url"
        [
            (" client error", r"\b(\d{3}) Client Error\b"),
            (" server error", r"\b(\d{3}) Server Error\b"),
        ],
        # httpx: "Client error '404 Not Found' for url ..."; the old openai SDK's log line
        [
            ("client error '", r"\bClient error '(\d{3})\b"),
            ("server error '", r"\bServer error '(\d{3})\b"),
        ],
        ("response_code=", r"\bresponse_code=(\d{3})\b"),
        # Go's genai SDK: "Error 400, Message: ..."
        (", message:", r"\bError (\d{3}), Message:"),
        # langchain-google-genai: "Invalid argument provided to Gemini: 400 Please use ..."
        ("provided to ", r"\bprovided to \w+: (\d{3})\b"),
        # Codex: "unexpected status 429 Too Many Requests"
        ("unexpected status ", r"\bunexpected status (\d{3})\b"),
        # Spring AI's RetryUtils: "NonTransientAiException: 401 - {body}" (4xx),
        # "TransientAiException: 500 - {body}" (5xx): String.format("%s - %s", status, body)
        ("transientaiexception: ", r"\b(?:Non)?TransientAiException: (\d{3}) - "),
        # a retry loop around an SDK's message: "(Attempt 1/3): 400 Provider returned error"
        # (the openai Node SDK's "<status> <message>"), "failed (attempt 2/5): 429 Too Many"
        # (a terminal may wrap the line after the reason's first word)
        (
            "(attempt ",
            r"\(attempt \d{1,3} ?(?:/|of) ?\d{1,3}\):? (\d{3})"
            r"\s+(?:\{|<|status code|\(no body\)|(?-i:[A-Z][a-z]+)\s)",
        ),
        # Claude Code / agents: "API Error: 401 {...}", "API Error (529 {...})"
        ("api error", r"\bAPI Error:?\s*\(?(\d{3})\b"),
        # "Forbidden (403)": one gated alternative per reason phrase
        [
            ("unauthorized (", r"Unauthorized \((\d{3})\)"),
            ("forbidden (", r"Forbidden \((\d{3})\)"),
            ("not found (", r"Not Found \((\d{3})\)"),
            ("bad request (", r"Bad Request \((\d{3})\)"),
            ("too many requests (", r"Too Many Requests \((\d{3})\)"),
            ("payment required (", r"Payment Required \((\d{3})\)"),
            ("internal server error (", r"Internal Server Error \((\d{3})\)"),
            ("bad gateway (", r"Bad Gateway \((\d{3})\)"),
            ("service unavailable (", r"Service Unavailable \((\d{3})\)"),
            ("gateway time", r"Gateway Time-?out \((\d{3})\)"),
        ],
        ("api error (", r"\bAPI error \((\d{3})\b"),
        (" status code", r"\b(\d{3}) status code\b"),
        ("error_code=", r"\berror_code=(\d{3})\b"),
        [("<!doctype", r"\b(\d{3}):\s*<!doctype"), ("<html", r"\b(\d{3}):\s*<html")],
        [
            (", no body", r"\berror:? (\d{3}), no body\b"),
            (" error, no body", r"\b(\d{3}) error, no body\b"),
        ],
        # Chinese clients: "请求失败: 401", "状态码: 502"
        (None, r"(?:请求失败|状态码|错误码)[:：]\s*(\d{3})\b"),
        (None, r"\[(\d{3})\]:? "),
        # google.api_core and gRPC-style exception names: "InvalidArgument: 400 Request ..."
        # (one row per suffix, each with its own keyword)
        [
            ("error: ", r"\b[A-Z][A-Za-z]+Error: (\d{3}) [A-Z]"),
            ("exception: ", r"\b[A-Z][A-Za-z]+Exception: (\d{3}) [A-Z]"),
            ("argument: ", r"\b[A-Z][A-Za-z]+Argument: (\d{3}) [A-Z]"),
            ("exhausted: ", r"\b[A-Z][A-Za-z]+Exhausted: (\d{3}) [A-Z]"),
            ("denied: ", r"\b[A-Z][A-Za-z]+Denied: (\d{3}) [A-Z]"),
            ("found: ", r"\b[A-Z][A-Za-z]+Found: (\d{3}) [A-Z]"),
            ("unavailable: ", r"\b[A-Z][A-Za-z]+Unavailable: (\d{3}) [A-Z]"),
            ("precondition: ", r"\b[A-Z][A-Za-z]+Precondition: (\d{3}) [A-Z]"),
            ("exceeded: ", r"\b[A-Z][A-Za-z]+Exceeded: (\d{3}) [A-Z]"),
            ("unauthenticated: ", r"\bUnauthenticated: (\d{3}) [A-Z]"),
        ],
        # Node SDKs: "Error: 500 {", "404 {\"type\""; line-leading "429 Rate limit reached"
        (None, r"\A(\d{3})" + _LEADING_STATUS_TAIL),
        (None, r"\n(\d{3})" + _LEADING_STATUS_TAIL),
        ("error: ", r"Error: (\d{3})" + _LEADING_STATUS_TAIL),
        ("] ", r"\] (\d{3})" + _LEADING_STATUS_TAIL),
        # Python logging's "%(levelname)s - %(message)s": "ERROR - 429 Provider returned error"
        (" - ", r"\b(?:ERROR|WARNING|CRITICAL) - (\d{3})" + _LEADING_STATUS_TAIL),
        ("status", r"\bstatus(?:_?Code)?['\"]?\s*[:=]\s*['\"]?(\d{3})\b"),
        ("failed with ", r"\bfailed with (?:status|code) (?:code )?(\d{3})\b"),
        ("returned ", r"\breturned (?:status |error |HTTP )?(\d{3})\b"),
        # a status alone after a failure's colon, ending its line: "Failed to fetch image: 402"
        ("failed", r"\bfailed[^\n:]{0,40}:[ \t]*(\d{3})[ \t]*(?:\n|$)"),
        ("):", r"\((\d{3})\):"),
        # a status alone in parentheses on its own line: "Failed to load response:\n(429)"
        ("\n(", r"\n\((\d{3})\)[ \t]*(?:\n|$)"),
        # gin access log: "| 503 |    1.7ms |"
        ("|", r"\|\s+(\d{3})\s+\|"),
        # access log: "POST /v1/responses HTTP/1.1" 404
        ("http/", r"HTTP/\d(?:\.\d)?\"? (\d{3})\b"),
        # web servers' own error pages put the status first in the title (nginx, openresty,
        # apache, envoy): "<title>401 Authorization Required</title>"
        ("<title>", r"<title>\s*(\d{3})\b"),
        # "504 Gateway Time-out" in HTML titles or lines
        [
            ("bad gateway", "\\b(\\d{3}):? [\\\"']?Bad Gateway"),
            ("gateway time", "\\b(\\d{3}):? [\\\"']?Gateway Time-?out"),
            ("service unavailable", "\\b(\\d{3}):? [\\\"']?Service Unavailable"),
            ("internal server error", "\\b(\\d{3}):? [\\\"']?Internal Server Error"),
            ("too many requests", "\\b(\\d{3}):? [\\\"']?Too Many Requests"),
            ("unauthorized", "\\b(\\d{3}):? [\\\"']?Unauthorized"),
            ("forbidden", "\\b(\\d{3}):? [\\\"']?Forbidden"),
            ("not found", "\\b(\\d{3}):? [\\\"']?Not Found"),
            ("payment required", "\\b(\\d{3}):? [\\\"']?Payment Required"),
            ("bad request", "\\b(\\d{3}):? [\\\"']?Bad Request"),
            ("a timeout occurred", "\\b(\\d{3}):? [\\\"']?A timeout occurred"),
            (
                "web server is returning an unknown error",
                "\\b(\\d{3}):? [\\\"']?Web server is returning an unknown error",
            ),
            ("connection timed out", "\\b(\\d{3}):? [\\\"']?Connection timed out"),
            ("origin is unreachable", "\\b(\\d{3}):? [\\\"']?Origin is unreachable"),
            ("web server is down", "\\b(\\d{3}):? [\\\"']?Web server is down"),
            ("request entity too large", "\\b(\\d{3}):? [\\\"']?Request Entity Too Large"),
        ],
    )
)

#: Reason phrases that name a status even without its number.
_REASON_STATUS: tuple[tuple[Gated, int], ...] = tuple(
    (gated(p, re.I), s)
    for p, s in (
        (("too many requests", r"\bToo Many Requests\b"), 429),
        (("gateway time", r"\bGateway Time-?out\b"), 504),
        (("bad gateway", r"\bBad Gateway\b"), 502),
        (("service unavailable", r"\bService Unavailable\b"), 503),
        (("internal server error", r"\bInternal Server Error\b"), 500),
        (("payment required", r"\bPayment Required\b"), 402),
        (("proxy authentication required", r"\bProxy Authentication Required\b"), 407),
        (("authorization required", r"\bAuthorization Required\b"), 401),
        (
            [
                ("request entity too large", r"\bRequest Entity Too Large\b"),
                ("payload too large", r"\bPayload Too Large\b"),
            ],
            413,
        ),
        (("unprocessable entity", r"\bUnprocessable Entity\b"), 422),
        (("not found", r"(?-i:\bNot Found\b)"), 404),
        (("bad request", r"(?-i:\bBad Request\b)"), 400),
        (("forbidden", r"(?-i:\bForbidden\b)"), 403),
        (("misdirected request", r"\bMisdirected Request\b"), 421),
        # n8n's NodeApiError words each status its own way (STATUS_CODE_MESSAGES)
        (
            (
                "authorization failed - please check your credentials",
                r"\bAuthorization failed - please check your credentials",
            ),
            401,
        ),
        (("bad request - please check", r"\bBad request - please check"), 400),
        (
            (
                "the resource you are requesting ",
                r"\bThe resource you are requesting (?:could not be|has not been) found",
            ),
            404,
        ),
        (("receiving too many requests from you", r"\breceiving too many requests from you"), 429),
        (
            (
                " to process your request",
                r"\bThe service (?:was not able|was unable|failed) to process your request",
            ),
            500,
        ),
        (("gateway timed out - ", r"\bGateway timed out - "), 504),
    )
)


_DIGITS = "(\\d{3})"
_ESCAPABLE = frozenset(".()[]{}|?*+^$\\-/:,'\"<>= !_")
_PLAIN = frozenset(" :,=-_<>!/'\"")


def _before_digits(alternative: str) -> str | None:
    """The plain text a status alternative always has just before its ``(\\d{3})``: read
    backwards up to the first quantifier, group, class or escape sequence. ``None`` when
    the digits sit inside a group (perhaps optional) or nothing plain precedes them."""
    at = alternative.find(_DIGITS)
    if at < 0 or alternative.count(_DIGITS) != 1:
        return None
    depth, in_class, _ = prefilter.structure(alternative, at)
    if depth or in_class:
        return None
    out: list[str] = []
    j = at
    while j > 0:
        ch = alternative[j - 1]
        slashes = 0
        while j - 2 - slashes >= 0 and alternative[j - 2 - slashes] == "\\":
            slashes += 1
        if slashes % 2:  # an escape: keep escaped punctuation, stop at \b, \d, ...
            if ch not in _ESCAPABLE:
                break
            out.append("\\" + ch)
            j -= 2
        elif ch.isascii() and (ch.isalnum() or ch in _PLAIN):
            out.append(ch)
            j -= 1
        else:
            break
    plain = "".join(reversed(out))
    return plain if len(plain) >= 3 and plain.strip() else None


def _precheck(compiled: LazyPattern) -> LazyPattern | None:
    """A cheap pattern that any match of ``compiled`` contains (its plain text before the
    digits, then three digits): tried first, so the alternative itself is searched (and
    compiled) only where it may match. It matters most for those the regex engine scans
    slowly (``\\b[A-Z][A-Za-z]+Error:``)."""
    plain = _before_digits(compiled.pattern)
    return None if plain is None else LazyPattern(plain + "\\d{3}", compiled.flags)


_REASON_LITERALS = _literals(group for group, _status in _REASON_STATUS)
_REASON_INDEX = _by_literal(group for group, _status in _REASON_STATUS)


def _starts_with_digit(text: str) -> bool:
    return text[:1].isdigit()  # isdigit() takes every \\d, and a few more


def _needs(alternative: str, flags: int) -> Callable[[str], bool] | None:
    """For an alternative with no gate literal: a test the text itself must pass, or
    ``None``. Read from what the alternative starts with: a group of plain alternatives
    (``(?:请求失败|状态码)``: one of them occurs), a run of plain characters and escapes
    (``\\n\\(``, ``\\] ``: it occurs), or ``\\A(\\d{3})`` (a digit first). Only caseless
    characters are read, so ``in text`` answers exactly."""
    if alternative.startswith("\\A(\\d{3})"):
        return _starts_with_digit
    if alternative.startswith("(?:"):
        close = alternative.find(")")
        words = tuple(alternative[3:close].split("|"))
        if close < 0 or alternative[close + 1 : close + 2] in ("?", "*", "{"):
            return None
        if all(w and not (_META & set(w)) and w.lower() == w.upper() for w in words):
            if not any(w.isascii() for w in words):  # (an ASCII text holds none of them)
                return lambda text: not text.isascii() and any(word in text for word in words)
            return lambda text: any(word in text for word in words)
        return None
    run, i = "", 0
    ignorecase = bool(int(flags) & _IGNORECASE)
    while i < len(alternative):
        ch = alternative[i]
        if ch == "\\" and i + 1 < len(alternative):
            nxt = alternative[i + 1]
            plain = "\n" if nxt == "n" else "\t" if nxt == "t" else nxt if nxt in _META else None
            width = 2
        elif ch not in _META:
            plain, width = ch, 1
        else:
            plain, width = None, 1
        if plain is None or alternative[i + width : i + width + 1] in ("?", "*", "{"):
            break
        if ignorecase and plain.lower() != plain.upper():
            break
        run += plain
        i += width
    return (lambda text: run in text) if run else None


#: The status patterns flattened to ``(rank, literal, needs, precheck, pattern)``: one
#: loop. ``needs`` (for alternatives without a literal) is checked in the text itself.
_STATUS_FLAT = [
    (
        rank,
        literal,
        _needs(pattern.pattern, pattern.flags) if literal is None else None,
        _precheck(pattern),
        pattern,
    )
    for rank, group in enumerate(_STATUS_PATTERNS)
    for literal, pattern in group
]
#: The same entries, each with what its pattern knows of where its matches start (its
#: ``anchor``, ``anchors`` and ``named``, see :class:`_Guarded`), read once here.
_STATUS_RUN = [
    (
        *entry,
        entry[4].anchor if isinstance(entry[4], _Guarded) else None,
        entry[4].anchors if isinstance(entry[4], _Guarded) else None,
        entry[4].named if isinstance(entry[4], _Guarded) else None,
    )
    for entry in _STATUS_FLAT
]


#: Every status pattern captures three digits (``\\d``) and keeps 302 and 400-599 only, so
#: a text without such a number cannot give one: an ASCII 3, 4 or 5 leading three digits,
#: or a decimal digit of another script (``int`` reads those too), is needed.
#: (``302|[45]\d\d``, written to start with a character class: the regex engine then skips
#: to the next 3, 4 or 5 in a tight loop instead of trying the alternation at every place.)
_STATUS_NUMBER = re.compile(r"[345](?:(?<=3)02|(?<=[45])\d\d)")
_OTHER_DIGIT = LazyPattern(r"[^\D0-9]")


def _may_state_status(text: str) -> bool:
    if _STATUS_NUMBER.search(text) is not None:
        return True
    return not text.isascii() and _OTHER_DIGIT.search(text) is not None


_StatusEntry = tuple[
    int,
    str | None,
    Callable[[str], bool] | None,
    LazyPattern | None,
    LazyPattern,
    str | None,
    tuple[str, ...] | None,
    str | None,
]
#: Positions in _STATUS_FLAT of the entries each gate literal opens, and of the ungated ones.
_STATUS_BY_LITERAL: dict[str, list[int]] = {}
for _place, _entry in enumerate(_STATUS_FLAT):
    _STATUS_BY_LITERAL.setdefault(_entry[1] or "", []).append(_place)
_STATUS_UNGATED = tuple(_STATUS_BY_LITERAL.pop(""))
_STATUS_LITERALS = frozenset(_STATUS_BY_LITERAL)


#: The entries opened by each set of status literals met so far (few sets occur: the
#: literals are phrases like "error code" and "status"); bounded.
_STATUS_OPENED: dict[frozenset[str], list[_StatusEntry]] = {}
_STATUS_OPENED_MAX = 4096


def _status_entries(lower: Gate) -> list[_StatusEntry]:
    """The entries of _STATUS_FLAT whose gate is open, in order (with a gate set, looked
    up from the literals present rather than tried one by one)."""
    if not isinstance(lower, frozenset):
        return [e for e in _STATUS_RUN if e[1] is None or e[1] in lower]
    literals = lower & _STATUS_LITERALS
    entries = _STATUS_OPENED.get(literals)
    if entries is None:
        places = list(_STATUS_UNGATED)
        for literal in literals:
            places += _STATUS_BY_LITERAL[literal]
        places.sort()
        entries = [_STATUS_RUN[i] for i in places]
        if len(_STATUS_OPENED) < _STATUS_OPENED_MAX:
            _STATUS_OPENED[literals] = entries
    return entries


def statuses(text: str, lower: Gate) -> list[tuple[int, int, int]]:
    """``(rank, position, status)`` for every status phrase; a lower rank is more explicit."""
    found: dict[int, tuple[int, int, int]] = {}
    # (:func:`_anchored` and :func:`_start` written out in the loop: a call per entry was
    # a good part of this function's time)
    low = lower.lower if isinstance(lower, _Long) and lower.aligned else ""
    short = bool(low) and len(low) <= OCCURRENCES_MAX
    for rank, _gate, needs, pre, pattern, anchor, anchors, named in (
        _status_entries(lower) if _may_state_status(text) else ()
    ):
        if short and anchors is not None:  # tried only where its literal occurs (no precheck)
            matches: Iterable[re.Match[str]] = all_at(pattern.compiled(), text, low, anchors)
        elif short and named is not None:  # (the same)
            matches = _after_names(pattern.compiled(), text, low, named)
        elif (needs is not None and not needs(text)) or (pre is not None and not pre.search(text)):
            continue
        else:
            start = max(low.find(anchor), 0) if anchor is not None and low else 0
            matches = pattern.compiled().finditer(text, start)
        for match in matches:
            value = int(match.group(1))
            if 400 <= value <= 599 or value == 302:
                found.setdefault(match.start(1), (rank, match.start(1), value))
    if not found and not _dead(_REASON_LITERALS, lower):
        base = len(_STATUS_PATTERNS)
        for place in _opened(_REASON_INDEX, _REASON_LITERALS, len(_REASON_STATUS), lower):
            rank = base + place
            phrase, value = _REASON_STATUS[place]
            reason = _search(phrase, text, lower)
            if reason:
                found.setdefault(reason.start(), (rank, reason.start(), value))
    return sorted(found.values(), key=lambda hit: hit[1])


# --- request ids -----------------------------------------------------------

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

#: (pattern, party, source). The party is who issues ids of that form.
_ID_PATTERNS: tuple[tuple[Gated, Origin, str], ...] = tuple(
    (gated(p, re.I), party, source)
    for p, party, source in (
        # one-api/new-api append "(request id: 2024...)" to every message they produce:
        # a timestamp run, perhaps with letters after it. Tools that print "(Request ID:
        # <uuid>)" (Cursor, Kiro) are not relays, and a uuid has hyphens.
        (
            ("(request id:", r"\(request id: ?(\d{4}[A-Za-z0-9]{4,60})\)"),
            Origin.RELAY,
            "relay message",
        ),
        # Anthropic "req_011C..." and OpenAI "req_<32 hex>" ids.
        (("req_", r"\b(req_[A-Za-z0-9]{16,40})\b"), Origin.UPSTREAM, "request id"),
        (
            ("apim-request-id", r"\bapim-request-id['\"]?\s*[:=]\s*['\"]?(" + _UUID + ")"),
            Origin.UPSTREAM,
            "apim-request-id",
        ),
        (
            ("x-amzn-requestid", r"\bx-amzn-requestid['\"]?\s*[:=]\s*['\"]?([\w-]{16,64})"),
            Origin.UPSTREAM,
            "x-amzn-requestid",
        ),
        (
            ("x-request-id", r"\bx-request-id['\"]?\s*[:=]\s*['\"]?([\w.\-]{8,80})"),
            Origin.UNKNOWN,
            "x-request-id",
        ),
        (
            ("request-id", r"\brequest-id['\"]?\s*[:=]\s*['\"]?([\w.\-]{8,80})"),
            Origin.UNKNOWN,
            "request-id",
        ),
        (
            ("cf-ray", r"\bcf-ray['\"]?\s*[:=]\s*['\"]?([0-9a-f]{16}(?:-[A-Z]{3})?)"),
            Origin.GATEWAY,
            "cf-ray",
        ),
        (("ray id", r"\bRay ID:?\s*(?:<[^>]+>\s*)?([0-9a-f]{16})\b"), Origin.GATEWAY, "cf-ray"),
        (("request", r"request ?id:?\s*(" + _UUID + ")"), Origin.UNKNOWN, "request id"),
        (("requestid", r"\bRequestId:?\s*(" + _UUID + ")"), Origin.UPSTREAM, "aws request id"),
        (
            ('"request_id"', r"\"request_id\"\s*:\s*\"([\w\-]{8,80})\""),
            Origin.UNKNOWN,
            "body request_id",
        ),
        (("trace_id", r"\btrace_id\"?\s*[:=]\s*\"?([\w:\-]{8,80})"), Origin.UNKNOWN, "trace_id"),
        # one-api/new-api logs: "[ERR] 2026/02/14 - 22:55:28 | 20260214145427566007998Fzvjk1Hd |"
        ((" | ", r"\d\d:\d\d:\d\d \| (\d{14,}[A-Za-z0-9]{0,16}) \|"), Origin.RELAY, "relay log"),
    )
)


_ID_LITERALS = _literals(group for group, _party, _source in _ID_PATTERNS)


#: The id patterns flattened to ``(literal, pattern, party, source)``: one loop over the
#: alternatives in table order, each tried where its literal occurs.
_ID_FLAT = tuple(
    (literal, pattern, party, source)
    for group, party, source in _ID_PATTERNS
    for literal, pattern in group
)


def request_ids(text: str, lower: Gate) -> list[RequestId]:
    if _dead(_ID_LITERALS, lower):
        return []
    seen: set[str] = set()
    out: list[RequestId] = []
    for literal, pattern, party, source in _ID_FLAT:
        if literal is not None and literal not in lower:
            continue
        at = _anchored(pattern, lower)
        matches = (
            all_at(pattern.compiled(), text, *at)
            if at is not None
            else pattern.compiled().finditer(text, _start(pattern, lower))
        )
        for match in matches:
            value = match.group(1)
            if value in seen or value.lower().startswith("req_****"):
                continue
            seen.add(value)
            out.append(RequestId(value=value, party=party, source=source))
    return out


# --- retry hints -----------------------------------------------------------

_UNIT_S = {
    "ms": 0.001,
    "s": 1.0,
    "sec": 1.0,
    "second": 1.0,
    "seconds": 1.0,
    "m": 60.0,
    "min": 60.0,
    "minute": 60.0,
    "minutes": 60.0,
}
_RETRY_PATTERNS: tuple[Gated, ...] = tuple(
    gated(p, re.I)
    for p in (
        ("retry-after-ms", r"\bretry-after-ms['\"]?\s*[:=]\s*['\"]?(\d+(?:\.\d+)?)()"),
        ("retry-after", r"\bretry-after['\"]?\s*[:=]\s*['\"]?(\d+(?:\.\d+)?)(s?)\b"),
        ("retrydelay", r"\bretryDelay['\"]?\s*[:=]\s*['\"]?(\d+(?:\.\d+)?)(s)\b"),
        # "Please try again in 9.816s" / "in 174ms" / "Try again in 2 seconds"
        ("try again in ", r"\btry again in (\d+(?:\.\d+)?)\s*(ms|s|sec|seconds?|m|min|minutes?)\b"),
        ("retry after ", r"\bretry after (\d+(?:\.\d+)?)\s*(ms|s|sec|seconds?|m|min|minutes?)\b"),
        # Google: "Please retry in 25.465784708s." (never the client's own "Retrying in")
        ("retry in ", r"\bretry in (\d+(?:\.\d+)?)\s*(ms|s|sec|seconds?|m|min|minutes?)\b"),
        ("please wait ", r"\bplease wait (\d+(?:\.\d+)?)\s*(ms|s|sec|seconds?|m|min|minutes?)\b"),
        (" before", r"\bwait (\d+(?:\.\d+)?)\s*(ms|s|sec|seconds?) before\b"),
    )
)


_RETRY_LITERALS = _literals(_RETRY_PATTERNS)
_RETRY_INDEX = _by_literal(_RETRY_PATTERNS)


def retry_after(text: str, lower: Gate) -> float | None:
    """The server's retry hint in seconds (``Retry-After``, "try again in 174ms", ...)."""
    if _dead(_RETRY_LITERALS, lower):
        return None
    for index in _opened(_RETRY_INDEX, _RETRY_LITERALS, len(_RETRY_PATTERNS), lower):
        match = _search(_RETRY_PATTERNS[index], text, lower)
        if not match:
            continue
        value = float(match.group(1))
        unit = match.group(2).lower()
        if index == 0:
            return round(value / 1000.0, 3)
        return round(value * _UNIT_S.get(unit, 1.0), 3)
    return None


# --- limits ----------------------------------------------------------------

_NUM = r"(\d[\d,]*(?:\.\d+)?)"
_LIMIT_PATTERNS: tuple[tuple[Gated, tuple[str, ...]], ...] = tuple(
    (gated(p, re.I), names)
    for p, names in (
        (("limit", r"\bLimit:? " + _NUM), ("limit",)),
        (("used", r"\bUsed:? " + _NUM), ("used",)),
        (("requested", r"\bRequested:? " + _NUM), ("requested",)),
        (
            ("rate limit ", r"rate limit (?:for your organization )?(?:\([^)]*\) )?of " + _NUM),
            ("limit",),
        ),
        (("maximum context length is ", r"maximum context length is " + _NUM), ("context_window",)),
        (("resulted in ", r"resulted in " + _NUM + r" tokens"), ("prompt_tokens",)),
        (
            (" tokens > ", _NUM + r" tokens > " + _NUM + r" maximum"),
            ("prompt_tokens", "context_window"),
        ),
        (("can only afford ", r"can only afford " + _NUM), ("affordable_tokens",)),
        (("requested up to ", r"requested up to " + _NUM), ("requested",)),
        (
            (
                " tokens) is too long and exceeds limit of ",
                r"\(" + _NUM + r" tokens\) is too long and exceeds limit of " + _NUM,
            ),
            ("prompt_tokens", "context_window"),
        ),
    )
)


_LIMIT_LITERALS = _literals(group for group, _names in _LIMIT_PATTERNS)
_LIMIT_INDEX = _by_literal(group for group, _names in _LIMIT_PATTERNS)


def limits(text: str, lower: Gate) -> dict[str, float]:
    out: dict[str, float] = {}
    if _dead(_LIMIT_LITERALS, lower):
        return out
    for place in _opened(_LIMIT_INDEX, _LIMIT_LITERALS, len(_LIMIT_PATTERNS), lower):
        pattern, names = _LIMIT_PATTERNS[place]
        match = _search(pattern, text, lower)
        if not match:
            continue
        for name, raw in zip(names, match.groups(), strict=False):
            out.setdefault(name, float(raw.replace(",", "")))
    return out


# --- model -----------------------------------------------------------------

_MODEL_ID = r"[A-Za-z0-9][\w.:/@\-]{1,80}"
_MODEL_PATTERNS: tuple[Gated, ...] = tuple(
    gated(p, re.I)
    for p in (
        (" is not found", r"\bmodels/(" + _MODEL_ID + r") is not found"),
        ("he model", r"\b[Tt]he model:? [`'\"](" + _MODEL_ID + r")[`'\"]"),
        ("odel", r"\b[Mm]odel:? [`'\"](" + _MODEL_ID + r")[`'\"]"),
        ("' not found", r"\bmodel '(" + _MODEL_ID + r")' not found"),
        ("for model ", r"\bfor model [`'\"]?(" + _MODEL_ID + r")[`'\"]?"),
        ("rate limit reached for ", r"\bRate limit reached for (" + _MODEL_ID + r") in\b"),
        (
            "request too large for ",
            r"\bRequest too large for (?:model )?[`'\"]?(" + _MODEL_ID + r")[`'\"]? (?:in|on)\b",
        ),
        ("model", r"\bmodel[=:] ?(" + _MODEL_ID + r")"),
        ('"model"', r"\"model\"\s*:\s*\"(" + _MODEL_ID + r")\""),
        (" is not a valid model id", r"\b(" + _MODEL_ID + r") is not a valid model ID"),
        ("selected model (", r"\bselected model \((" + _MODEL_ID + r")\)"),
        ("your requests to ", r"\byour requests to (" + _MODEL_ID + r") for\b"),
        ("model ", r"\bmodel (?:ID )?[`'\"](" + _MODEL_ID + r")[`'\"]"),
    )
)


_MODEL_LITERALS = _literals(_MODEL_PATTERNS)
_MODEL_INDEX = _by_literal(_MODEL_PATTERNS)


def model(text: str, lower: Gate) -> str | None:
    if _dead(_MODEL_LITERALS, lower):
        return None
    for place in _opened(_MODEL_INDEX, _MODEL_LITERALS, len(_MODEL_PATTERNS), lower):
        match = _search(_MODEL_PATTERNS[place], text, lower)
        if match:
            name = match.group(1).rstrip(".,:;)")
            if name.lower() not in ("none", "null", "the", "is", "not"):
                return name
    return None


# --- URL, host, path -------------------------------------------------------

_URL = _ungated(r"\bhttps?://[^\s\"'<>()\[\]{},`]{3,500}", re.I)
#: Paths that belong to documentation and dashboards, not to the failed call.
_DOC_HINTS = (
    "/docs",
    "/account",
    "/settings",
    "/support",
    "help.",
    "docs.",
    "/errors",
    "aka.ms/",
    "/libcurl",
    "/contact",
    "console.",
    "/pricing",
    "/billing",
    "/keys",
    "/rate-limits",
    "supported-countries",
    "platform.openai.com",
    "/guides",
    "status.",
    # a README or an issue, MDN's status pages, and any link with a fragment: an API
    # call's URL has none
    "//github.com/",
    "developer.mozilla.org",
    "#",
)
_API_HINTS = (
    "/v1",
    "/v1beta",
    "/chat/completions",
    "/messages",
    "/responses",
    "/completions",
    "/embeddings",
    ":generatecontent",
    ":streamgeneratecontent",
    "/openai/deployments",
    "/backend-api",
    "/api/",
    "/model/",
    "/invoke",
    "/converse",
)
_HOST_PATTERNS: tuple[Gated, ...] = tuple(
    gated(p, re.I)
    for p in (
        ("', port=", r"host='([\w.\-]+)', port=(\d+)"),
        ("failed to connect to ", r"Failed to connect to ([\w.\-]+)(?: port |:)?(\d+)?"),
        ("cannot connect to host ", r"Cannot connect to host ([\w.\-]+):(\d+)"),
        ("getaddrinfo ", r"getaddrinfo (?:ENOTFOUND|EAI_AGAIN) ([\w.\-]+)"),
        (": no such host", r"lookup ([\w.\-]+)(?: on [\d.:]+)?: no such host"),
        ("could not resolve ", r"Could not resolve (?:host|proxy): ([\w.\-]+)"),
        ("connect ", r"connect (?:ECONNREFUSED|ETIMEDOUT) ([\d.:a-f\[\]]+?)(?::(\d+))?\b"),
    )
)
_METHOD_PATH = _ungated(r"\b(GET|POST|PUT|DELETE|PATCH) (/[\w./:\-{}%]*)")


_HOST_LITERALS = _literals(_HOST_PATTERNS)
_HOST_INDEX = _by_literal(_HOST_PATTERNS)
_HTTP = gate_literals("http")[0]
_URL.anchors = _anchors(_URL.pattern, _HTTP, _anchor(_URL.pattern, _HTTP, True))


#: ``urllib.parse.urlsplit``, imported on first use (not at start-up) and kept here.
_URLSPLIT: list[Callable[[str], Any]] = []


def _urlsplit() -> Callable[[str], Any]:
    from urllib.parse import urlsplit

    _URLSPLIT.append(urlsplit)
    return urlsplit


def url_parts(text: str, lower: Gate) -> tuple[str | None, str | None, str | None]:
    """``(host, path, method)`` of the failed call, ignoring documentation links."""
    best: tuple[int, str, str] | None = None
    if _HTTP in lower:
        urlsplit = _URLSPLIT[0] if _URLSPLIT else _urlsplit()
    urls: Iterable[re.Match[str]] = ()
    if _HTTP in lower:
        at = _anchored(_URL, lower)
        urls = all_at(_URL.compiled(), text, *at) if at else _URL.finditer(text)
    for match in urls:
        url = match.group(0).rstrip(".,;:")
        url_lower = url.lower()  # not ``lower``: the host patterns below read the whole text
        if "*" in url:
            continue
        score = 2 if any(h in url_lower for h in _API_HINTS) else 1
        if any(h in url_lower for h in _DOC_HINTS) and score < 2:
            continue
        if best is not None and score <= best[0]:  # it could not replace the one kept
            continue
        try:
            parts = urlsplit(url)
        except ValueError:
            continue
        if parts.hostname and (best is None or score > best[0]):
            best = (score, parts.hostname, parts.path or "/")
    method_match = _METHOD_PATH.search(text) if " /" in text else None
    method = method_match.group(1) if method_match else None
    if best is not None:
        return best[1], best[2], method
    host = None
    places = (
        ()
        if _dead(_HOST_LITERALS, lower)
        else _opened(_HOST_INDEX, _HOST_LITERALS, len(_HOST_PATTERNS), lower)
    )
    for place in places:
        host_match = _search(_HOST_PATTERNS[place], text, lower)
        if host_match:
            host = host_match.group(1)
            break
    path = method_match.group(2) if method_match else None
    return host, path, method


# --- exception names and transport signals ----------------------------------

#: Class names end in one of these; the name is read backwards from the suffix, which is
#: much cheaper than a pattern that tries every word.
_EXCEPTION_SUFFIX = re.compile(r"(?:Error|Exception|Timeout|Exceeded|Denied|Refused)\b")
_NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_."


def exception_names(text: str, limit: int = 40) -> list[str]:
    """Dotted or bare class names such as ``openai.RateLimitError``, in text order."""
    names: list[str] = []
    for match in _EXCEPTION_SUFFIX.finditer(text):
        end = match.start()
        floor = max(0, end - 120)
        # back over the name's characters (at most 120): what rstrip leaves of the window
        start = floor + len(text[floor:end].rstrip(_NAME_CHARS))
        name = text[start : match.end()].strip(".")
        head = name.rsplit(".", 1)[-1]
        if head[:1].isupper() and name not in names:
            names.append(name)
            if len(names) >= limit:
                break
    return names
