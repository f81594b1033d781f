"""The rule record and the small vocabulary rules are written in.

A rule is data: a stable id, a one-line statement, what it concludes, how
specific it is (``priority``), and a matcher built from the constructors
below. A matcher returns the facts it used (shown to the user as "why"), or
``None``. Rules never do I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from whichlayer._record import FrozenRecord, _set
from whichlayer.prefilter import Keywords, Phrase
from whichlayer.taxonomy import Cause, Layer, Origin, Retry

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from whichlayer.rules.view import View

Facts = dict[str, str]
Matcher = Callable[["View"], Facts | None]

#: How long a matched snippet may be when shown as a fact.
SNIPPET = 80

#: Every keyword of every rule's phrase rows: which occur is found once per input.
KEYWORDS = Keywords()


class Gate:
    """A matcher with what it needs: the keywords one of which must occur in the text for
    it to fire (None: it may fire without any, e.g. a body code or a status), the facts
    it reads, and its phrase rows. Built by the constructors below."""

    __slots__ = ("_phrases", "_reads", "fn", "keywords")

    def __init__(
        self,
        fn: Matcher,
        keywords: frozenset[str] | None,
        phrases: Callable[[], tuple[Phrase, ...]] = tuple,
        reads: tuple[str, ...] | Callable[[], tuple[str, ...]] = (),
    ) -> None:
        self.fn = fn
        self.keywords = keywords
        # made when asked for (listings, tests), not at import
        self._phrases = phrases
        self._reads = reads

    @property
    def phrases(self) -> tuple[Phrase, ...]:
        return self._phrases()

    @property
    def reads(self) -> tuple[str, ...]:
        return self._reads if isinstance(self._reads, tuple) else self._reads()

    def __call__(self, view: View) -> Facts | None:
        return self.fn(view)


def gate(fn: Matcher, keywords: frozenset[str] | None, reads: tuple[str, ...]) -> Gate:
    """A matcher of the vocabulary below (no phrase rows of its own)."""
    return Gate(fn, keywords, tuple, reads)


def _joined(matchers: tuple[Matcher, ...]) -> Callable[[], tuple[Phrase, ...]]:
    return lambda: tuple(p for m in matchers for p in phrases_of(m))


def _fn(matcher: Matcher) -> Matcher:
    """The plain function behind a matcher (one call less per evaluation)."""
    return matcher.fn if isinstance(matcher, Gate) else matcher


#: Facts that are not words of the text but gate rules the same way: ``view.keywords``
#: holds them beside the words found (``\x00`` never occurs in the folded text).
def status_key(code: int) -> str:
    return f"\x00status={code}"


def dialect_key(name: str) -> str:
    return f"\x00dialect={name}"


HTML_KEY = "\x00html"
#: Body fields whose values are marker keywords (not lines of the text rules read).
MARKED_FIELDS = ("status_text", "reason")


def field_key(name: str, value: str) -> str:
    return f"\x00{name}={value}"


def keywords_of(matcher: Matcher) -> frozenset[str] | None:
    """The keywords one of which must occur for ``matcher`` to fire; None: no such need."""
    return matcher.keywords if isinstance(matcher, Gate) else None


def phrases_of(matcher: Matcher) -> tuple[Phrase, ...]:
    return matcher.phrases if isinstance(matcher, Gate) else ()


def reads_of(matcher: Matcher) -> tuple[str, ...]:
    """The facts a matcher reads (a hand-written matcher: its function name)."""
    if isinstance(matcher, Gate):
        return matcher.reads
    return (getattr(matcher, "__name__", "custom").strip("_").replace("_", " "),)


def _union(items: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(x for item in items for x in item))


class Sample:
    """A sample that needs facts no pasted text carries (the platform of the key the
    request sent, read from an SDK's request object): the text, and those facts as
    :class:`~whichlayer.evidence.Evidence` attributes. (A plain class: a dataclass costs
    start-up time.)"""

    __slots__ = ("facts", "text")

    def __init__(self, text: str, facts: tuple[tuple[str, str], ...]) -> None:
        self.text = text
        self.facts = facts

    def __str__(self) -> str:
        return self.text + "  (with " + ", ".join(f"{k}={v}" for k, v in self.facts) + ")"


class Rule(FrozenRecord):
    """One conclusion the engine can draw, with the evidence that supports it. (A plain
    class with a frozen dataclass's behaviour: a dataclass costs start-up time, see
    ``whichlayer._record``.)"""

    _fields = (
        "id",
        "statement",
        "layer",
        "cause",
        "match",
        "priority",
        "origin",
        "retry",
        "confidence",
        "samples",
        "near_misses",
    )
    __slots__ = (*_fields, "run")
    id: str
    statement: str
    layer: Layer
    cause: Cause
    match: Matcher
    priority: int
    origin: Origin | None
    retry: Retry | None
    confidence: float
    #: Inputs this rule must WIN (be the deciding rule of ``whichlayer.explain``).
    samples: tuple[str | Sample, ...]
    #: Inputs this rule must not fire on.
    near_misses: tuple[str, ...]
    #: ``match`` as a plain function (what classify calls).
    run: Matcher

    def __init__(
        self,
        id: str,
        statement: str,
        layer: Layer,
        cause: Cause,
        match: Matcher,
        priority: int = 50,
        origin: Origin | None = None,
        retry: Retry | None = None,
        confidence: float = 0.8,
        samples: tuple[str | Sample, ...] = (),
        near_misses: tuple[str, ...] = (),
    ) -> None:
        _set(self, "id", id)
        _set(self, "statement", statement)
        _set(self, "layer", layer)
        _set(self, "cause", cause)
        _set(self, "match", match)
        _set(self, "priority", priority)
        _set(self, "origin", origin)
        _set(self, "retry", retry)
        _set(self, "confidence", confidence)
        _set(self, "samples", samples)
        _set(self, "near_misses", near_misses)
        _set(self, "run", _fn(match))

    def replace(self, **changes: Any) -> Rule:
        """This rule with some fields changed (what ``dataclasses.replace`` gave)."""
        fields = dict(zip(self._fields, self._values(), strict=True))
        fields.update(changes)
        return Rule(**fields)

    @property
    def keywords(self) -> frozenset[str] | None:
        """One of these must occur in the text for the rule to fire (None: it needs none)."""
        return keywords_of(self.match)

    @property
    def phrases(self) -> tuple[Phrase, ...]:
        return phrases_of(self.match)

    @property
    def reads(self) -> tuple[str, ...]:
        return reads_of(self.match)


class OriginRule(FrozenRecord):
    """Who produced the error: judged apart from the cause. (A plain class, as ``Rule``.)"""

    _fields = ("id", "statement", "origin", "match", "samples", "near_misses")
    __slots__ = _fields
    id: str
    statement: str
    origin: Origin
    match: Matcher
    samples: tuple[str, ...]
    near_misses: tuple[str, ...]

    def __init__(
        self,
        id: str,
        statement: str,
        origin: Origin,
        match: Matcher,
        samples: tuple[str, ...] = (),
        near_misses: tuple[str, ...] = (),
    ) -> None:
        _set(self, "id", id)
        _set(self, "statement", statement)
        _set(self, "origin", origin)
        _set(self, "match", match)
        _set(self, "samples", samples)
        _set(self, "near_misses", near_misses)

    @property
    def keywords(self) -> frozenset[str] | None:
        """One of these must occur in the text for the rule to fire (None: it needs none)."""
        return keywords_of(self.match)

    @property
    def phrases(self) -> tuple[Phrase, ...]:
        return phrases_of(self.match)

    @property
    def reads(self) -> tuple[str, ...]:
        return reads_of(self.match)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


def says(*rows: str | tuple[str, ...]) -> Matcher:
    """The (lower-cased, white-space-folded) text says one of ``rows``.

    A row is a plain phrase (``"credit balance is too low"``: matched as a
    substring, and its own keyword) or a small pattern with the keywords one of
    which every match contains (``(r"budget (?:has been )?exceeded", "budget")``).
    Which keywords occur is found once per input for all rules together
    (:mod:`whichlayer.prefilter`); a rule none of whose keywords occur is not run.
    """
    for row in rows:
        if not isinstance(row, str) and len(row) < 2:
            raise ValueError(f"a pattern row states its keywords: {row!r}")
    keywords = frozenset(
        word for row in rows for word in ((row,) if isinstance(row, str) else row[1:])
    )
    KEYWORDS.add(keywords)
    built: list[Phrase] = []  # the rows as Phrase objects, made on first use
    rows_of: dict[str, list[int]] = {}  # keyword -> the rows it lets run, in their order

    def match(view: View) -> Facts | None:
        hit = keywords.intersection(view.keywords)
        if not hit:
            return None
        if not built:
            built.extend(_phrases(rows))
            for i, phrase in enumerate(built):
                for word in phrase.keywords:
                    rows_of.setdefault(word, []).append(i)
        if len(hit) == 1:
            order: Iterable[int] = rows_of[next(iter(hit))]
        else:
            order = sorted({i for word in hit for i in rows_of[word]})
        hay = view.hay
        for i in order:
            phrase = built[i]
            found = phrase.pattern if phrase.plain else phrase.find(hay)
            if found is not None:
                return {"text": _clip(found)}
        return None

    return Gate(match, keywords, lambda: _phrases(rows), ("text",))


def relayed_status_rows(code: int) -> tuple[tuple[str, ...], ...]:
    """The phrase rows (for :func:`says`) of a relay or gateway naming ``code`` as the status
    its upstream answered: "upstream returned 429", 上游返回 429, the status beside the
    upstream without a verb ("Upstream error with status code 402", "upstream status 403",
    "upstream API error (429)") and after it ("status code from upstream: 402", "403 from
    upstream"), and the last status of a relay that tried every upstream ("all channels
    failed, last error: status code 429"). One set of rows for every status a relay passes
    on this way."""
    return (
        (
            r"upstream[^\n]{0,60}(?:returned|responded(?: with)?|answered)"
            rf"[^\n]{{0,10}}\b{code}\b",
            "upstream",
        ),
        # (上游报 429, 上游报错 429: "the upstream reported")
        (
            rf"上游[^\n]{{0,10}}(?:返回|响应|返回了|报错?|报了)[^\n]{{0,8}}(?<!\d){code}(?!\d)",
            "上游",
        ),
        (
            r"upstream (?:api |http )?(?:error|status(?: code)?|http)(?: with status(?:"
            rf" code)?)?\W{{0,3}}{code}(?![\w-])",
            "upstream ",
        ),
        (
            rf"(?:status(?: code)?|response) from (?:the )?upstream\W{{0,3}}{code}(?![\w-])",
            "from upstream",
            "from the upstream",
        ),
        (
            rf"(?<![\w-]){code}(?![\w-])[^\n]{{0,20}}from (?:the )?upstream",
            "from upstream",
            "from the upstream",
        ),
        # a relay that tried every upstream (provider, channel, endpoint, account) and reports
        # the last answer: "all channels failed, last error: status code 429", "All accounts
        # exhausted. Last error: HTTP 429" (a client's own "All 3 attempts failed. Last
        # status: 403" is read by the status rules)
        (
            r"\b(?:all|every)\b[^\n]{0,30}\b(?:upstreams?|providers?|channels?|endpoints?"
            r"|deployments?|accounts?|keys?)\b[^\n]{0,30}\b(?:failed|exhausted)\b[^\n]{0,30}"
            rf"\blast (?:error|status)\W{{0,3}}(?:http |status(?: code)? )?{code}(?![\w-])",
            "last error",
            "last status",
        ),
    )


def _phrases(rows: tuple[str | tuple[str, ...], ...]) -> tuple[Phrase, ...]:
    return tuple(Phrase(row) if isinstance(row, str) else Phrase(*row) for row in rows)


def field_is(name: str, *values: str) -> Matcher:
    """A body field (``type``, ``code``, ``status_text``, ``reason``) has one of ``values``."""
    wanted = frozenset(v.lower() for v in values)

    def match(view: View) -> Facts | None:
        for value in view.fields(name):
            if value in wanted:
                return {f"body {name}": value}
        return None

    # a body's type and code are lines of the text the rules read (rules/view.py), so a
    # value is a keyword of its own; a status text and a reason are marker keywords
    keywords: frozenset[str] | None = None
    if name in ("type", "code"):
        if not any(" " in v or "\n" in v for v in wanted):
            keywords = wanted
            KEYWORDS.add(wanted)
    elif name in MARKED_FIELDS:
        keywords = frozenset(field_key(name, v) for v in wanted)
    return gate(match, keywords, (f"body {name}",))


def status(*codes: int) -> Matcher:
    """The failed exchange's HTTP status is one of ``codes``."""
    wanted = frozenset(codes)

    def match(view: View) -> Facts | None:
        return {"status": str(view.ev.status)} if view.ev.status in wanted else None

    return gate(match, frozenset(map(status_key, codes)), ("status",))


def websocket_close(*codes: int, sent: bool = True) -> Matcher:
    """A WebSocket was closed with one of ``codes`` (RFC 6455 section 7.4.1), in the words
    clients print it with: "closed with code 1007", "close code: 1009", "CloseEvent code
    1006", Python websockets' "received 1011 (internal error)", Go's "websocket: close 1006
    (abnormal closure)". ``sent=False`` leaves out the close frame the client sent itself
    (websockets' "sent 1011 (internal error) keepalive ping timeout" is the client's own)."""
    alternation = "(?:" + "|".join(str(code) for code in codes) + ")"
    keywords = tuple(str(code) for code in codes)
    verbs = "received|sent|close" if sent else "received|close"
    return says(
        (
            r"\b(?:clos(?:e|ed|ing)|closeevent)\b[^\n]{0,24}?\b(?:code|status)\b\W{0,3}"
            + alternation
            + r"\b",
            *keywords,
        ),
        (r"\b(?:" + verbs + ") " + alternation + r" \(", *keywords),
    )


def exception(*names: str) -> Matcher:
    """An exception of one of these (unqualified) class names was raised or printed."""
    wanted = frozenset(names)

    def match(view: View) -> Facts | None:
        for name in view.ev.exception_types:
            if name.rsplit(".", 1)[-1] in wanted:
                return {"exception": name}
        return None

    # exception names are lines of the text the rules read (rules/view.py)
    keywords = frozenset(name.lower() for name in names)
    KEYWORDS.add(keywords)
    return gate(match, keywords, ("exception",))


def dialect(*names: str) -> Matcher:
    """A body in one of these dialects was seen."""
    wanted = frozenset(names)

    def match(view: View) -> Facts | None:
        for body in view.ev.bodies:
            if body.dialect in wanted:
                return {"body format": body.dialect}
        return None

    return gate(match, frozenset(map(dialect_key, names)), ("body format",))


def html(*vendors: str) -> Matcher:
    """An HTML page from one of these vendors (any vendor when none given)."""

    def match(view: View) -> Facts | None:
        ev = view.ev
        if ev.html_vendor is None and ev.html_title is None:
            return None
        if vendors and ev.html_vendor not in vendors:
            return None
        facts = {"html page": ev.html_vendor or "unknown server"}
        if ev.html_title:
            facts["page title"] = _clip(ev.html_title)
        return facts

    return gate(match, frozenset({HTML_KEY}), ("html page",))


def _no_body(view: View) -> Facts | None:
    """The response carried no error body at all."""
    return None if view.ev.bodies or view.ev.html_title is not None else {"body": "none"}


no_body = gate(_no_body, None, ("no body",))


def all_of(*matchers: Matcher) -> Matcher:
    fns = tuple(map(_fn, matchers))

    def match(view: View) -> Facts | None:
        facts: Facts = {}
        for m in fns:
            found = m(view)
            if found is None:
                return None
            facts.update(found)
        return facts

    # all must match: one gated part's keywords gate the whole (the fewest, the best)
    gated = [k for k in map(keywords_of, matchers) if k is not None]
    keywords = min(gated, key=len) if gated else None
    return Gate(match, keywords, _joined(matchers), lambda: _union(map(reads_of, matchers)))


def any_of(*matchers: Matcher) -> Matcher:
    fns = tuple(map(_fn, matchers))

    def match(view: View) -> Facts | None:
        for m in fns:
            found = m(view)
            if found is not None:
                return found
        return None

    # any may match: gated only when every part is
    parts = [keywords_of(m) for m in matchers]
    keywords = (
        frozenset(w for k in parts if k is not None for w in k)
        if all(k is not None for k in parts)
        else None
    )
    return Gate(match, keywords, _joined(matchers), lambda: _union(map(reads_of, matchers)))


def none_of(*matchers: Matcher) -> Matcher:
    """Succeeds (using no facts) when no matcher matches: for near-miss guards."""

    fns = tuple(map(_fn, matchers))

    def match(view: View) -> Facts | None:
        return None if any(m(view) is not None for m in fns) else {}

    return gate(match, None, ())
