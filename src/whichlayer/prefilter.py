"""The keyword prefilter that ``parse`` and ``rules`` share (neither imports the other).

The gitleaks way: every phrase row STATES the keywords one of which must occur in
the text for the row to be worth trying; nothing derives them from the pattern.
A :class:`Keywords` index finds, in one Aho-Corasick pass, which keywords of a
fixed set occur in a text; a caller then tries only the rows whose keywords
occur. A plain phrase (no regular-expression syntax) is its own keyword and is
matched by a substring test, never compiled.

Keywords are compared with the text as the caller gives it: the rules give
lower-cased, white-space-folded text, so their keywords are lower case.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

TYPE_CHECKING = False  # (``typing`` is not imported at run time: start-up time)
if TYPE_CHECKING:
    from typing import Any, TypeVar, overload

    _Set = TypeVar("_Set", bound=frozenset[str])


#: ``re.Pattern``'s default ``endpos`` (the end of any text).
_END = 2**63 - 1
_IGNORECASE = int(re.IGNORECASE)


class LazyPattern:
    """A regular expression compiled on first use.

    The prefilter means most patterns are never searched for a given input, so
    compiling them all at import would be most of a command's start-up time (the
    parsers' patterns for some inputs only, HTML pages, multi-line pastes, pasted
    header lines, are made the same way).
    """

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        return (self._compiled or self.compiled()).search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        return (self._compiled or self.compiled()).match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        return (self._compiled or self.compiled()).fullmatch(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = _END) -> Iterator[re.Match[str]]:
        return (self._compiled or self.compiled()).finditer(text, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        return (self._compiled or self.compiled()).sub(repl, text, count)

    def last(
        self, text: str, at: int, accept: Callable[[int], bool] | None = None
    ) -> re.Match[str] | None:
        """The last match in ``text`` whose start ``accept`` takes (any, when None): tried at
        ``at`` first (where the caller found the pattern's fixed start last; -1: nowhere),
        where a printed form almost always is, else over the whole text."""
        compiled = self._compiled or self.compiled()
        if at >= 0:
            match = compiled.match(text, at)
            if match is not None and (accept is None or accept(at)):
                return match
        found = None
        for each in compiled.finditer(text):
            if accept is None or accept(each.start()):
                found = each
        return found


#: Texts up to this long are searched by :func:`first_at` and :func:`all_at`; longer ones by
#: the regex engine itself (a megabyte may hold a literal a hundred thousand times, and
#: each place tried costs a call).
OCCURRENCES_MAX = 20_000


def first_at(
    compiled: re.Pattern[str], text: str, low: str, anchors: tuple[str, ...], pos: int = 0
) -> re.Match[str] | None:
    """``compiled.search(text, pos)`` where every match starts where one of ``anchors``
    occurs in ``low`` (``text`` lower-cased, aligned with it): tried only at those places,
    found by substring search, rather than at every place by the regex engine."""
    if len(anchors) == 1:
        anchor = anchors[0]
        at = low.find(anchor, pos)
        while at >= 0:
            found = compiled.match(text, at)
            if found is not None:
                return found
            at = low.find(anchor, at + 1)
        return None
    places: set[int] = set()
    for anchor in anchors:
        at = low.find(anchor, pos)
        while at >= 0:
            places.add(at)
            at = low.find(anchor, at + 1)
    for at in sorted(places):
        found = compiled.match(text, at)
        if found is not None:
            return found
    return None


def all_at(
    compiled: re.Pattern[str], text: str, low: str, anchors: tuple[str, ...]
) -> list[re.Match[str]]:
    """``list(compiled.finditer(text))`` where every match starts where one of ``anchors``
    occurs in ``low`` (see :func:`first_at`): tried at those places in order, each at or
    after the end of the match before (no match is empty: each starts with a literal)."""
    places: list[int] = []
    for anchor in anchors:
        at = low.find(anchor)
        while at >= 0:
            places.append(at)
            at = low.find(anchor, at + 1)
    if len(anchors) > 1:
        places = sorted(set(places))
    out: list[re.Match[str]] = []
    pos = 0
    for at in places:
        if at < pos:
            continue
        found = compiled.match(text, at)
        if found is not None:
            out.append(found)
            pos = max(found.end(), at + 1)
    return out


_META = frozenset(".^$*+?{}[]()|\\")


def _plain_start(pattern: str) -> str | None:
    """The plain characters (at least three) every match of ``pattern`` (case-sensitive,
    no flags) starts with: those it opens with, after a word boundary, up to the first
    character of regular-expression syntax, less one that a quantifier makes optional."""
    if _alternates(pattern):
        return None  # a match may start with any of the alternatives
    rest = pattern[2:] if pattern.startswith("\\b") else pattern
    end = 0
    while end < len(rest) and rest[end] not in _META:
        end += 1
    if rest[end : end + 1] in ("?", "*", "{"):
        end -= 1  # the character before the quantifier may be absent
    return rest[:end] if end >= 3 else None


#: :func:`starts` gives at most this many openings, each at least ``STARTS_MIN`` long (a
#: pattern with more, or shorter, is searched by the regex engine itself).
STARTS_MAX = 6
STARTS_MIN = 3
#: :func:`needs` gives at most this many texts, each at least ``NEEDS_MIN`` long.
NEEDS_MAX = 12
NEEDS_MIN = 5


def _parse(pattern: str) -> Any:
    """The regular-expression module's own parse of ``pattern`` (the one ``re.compile``
    makes), or None when it has flags (``(?i)``...: not read here) or does not parse."""
    from re import _parser  # type: ignore[attr-defined]

    try:
        parsed = _parser.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & ~int(re.UNICODE):
        return None
    return parsed


def starts(pattern: str) -> tuple[str, ...] | None:
    """The plain texts one of which every match of ``pattern`` (case-sensitive, no flags)
    starts with, read from the regular-expression module's own parse of the pattern: its
    literals, up to the first element that is not one (a class of a few letters, ``[eè]``,
    and a group of plain alternatives, ``(?:provide|include) ``, branch), after any
    zero-width assertion that opens it (``\\b``, a lookbehind). ``None`` when unknown, when
    the pattern opens with a literal (the regex engine then scans for it itself), or when
    there would be more than ``STARTS_MAX`` or one shorter than ``STARTS_MIN``: the regex
    engine's own scan is then as good."""
    return _starts_in(_parse(pattern))


def _starts_in(parsed: Any) -> tuple[str, ...] | None:
    """:func:`starts` of a pattern already parsed (``_parse``; ``None``: it did not parse)."""
    from re import _parser  # type: ignore[attr-defined]

    if parsed is None or (parsed.data and parsed.data[0][0] is _parser.LITERAL):
        return None
    found = _openings(parsed.data, _parser)
    if found is None:
        return None
    openings = found[0]
    if not openings or any(len(s) < STARTS_MIN for s in openings):
        return None
    return tuple(sorted(openings))


def needs(pattern: str, skip: Iterable[str] = ()) -> tuple[str, ...] | None:
    """Plain texts one of which every match of ``pattern`` (case-sensitive, no flags)
    contains somewhere, read from the regular-expression module's own parse: of the
    pattern's top-level parts that are a run of literals, or a group whose every match
    opens with one of a few texts (``(?:does not exist|not found)``), the one whose
    shortest text is the longest (at least ``NEEDS_MIN``). A text none of them occurs in
    cannot match: the pattern is not tried (``None``: no such part). A part whose texts are
    all in ``skip`` (the openings, looked for anyway) is passed over."""
    return _needs_in(_parse(pattern), skip)


def _needs_in(parsed: Any, skip: Iterable[str] = ()) -> tuple[str, ...] | None:
    """:func:`needs` of a pattern already parsed (``_parse``; ``None``: it did not parse)."""
    from re import _parser  # type: ignore[attr-defined]

    if parsed is None:
        return None
    best: set[str] | None = None
    run = ""
    skipped = frozenset(skip)

    def weigh(texts: set[str] | None) -> None:
        nonlocal best
        if not texts or texts <= skipped or len(texts) > NEEDS_MAX:
            return
        shortest = min(map(len, texts))
        if shortest >= NEEDS_MIN and (best is None or shortest > min(map(len, best))):
            best = texts

    for op, av in parsed.data:
        if op is _parser.LITERAL:
            run += chr(av)
            continue
        weigh({run} if run else None)
        run = ""
        if op in (_parser.SUBPATTERN, _parser.BRANCH) or (
            op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT) and av[0] >= 1
        ):
            part = _opening(op, av, _parser)
            weigh(part[0] if part is not None else None)
    weigh({run} if run else None)
    return None if best is None else tuple(sorted(best))


def _openings(items: Any, sre: Any) -> tuple[set[str], bool] | None:
    """The openings of a parsed sequence, and whether they are the whole of its matches
    (so what follows it extends them); ``None``: too many."""
    out = {""}
    for op, av in items:
        if _zero_width(op, av, sre):
            continue  # tried where the opening is, it reads what it read
        part = _opening(op, av, sre)
        if part is None:
            return out, False
        strings, whole = part
        if len(strings) > 1 and min(map(len, out)) >= STARTS_MIN:
            return out, False  # long enough: more openings would cost more finds than they save
        out = {a + b for a in out for b in strings}
        if len(out) > STARTS_MAX:
            return None
        if not whole:
            return out, False
    return out, True


def _zero_width(op: Any, av: Any, sre: Any) -> bool:
    """An assertion at a place that looks at no text after it (``\\b``, ``^``, a lookbehind)."""
    return op is sre.AT or (op in (sre.ASSERT, sre.ASSERT_NOT) and av[0] < 0)


def _opening(op: Any, av: Any, sre: Any) -> tuple[set[str], bool] | None:
    """The openings of one parsed element (``None``: it opens with no known text)."""
    if op is sre.LITERAL:
        return {chr(av)}, True
    if op is sre.IN:
        if len(av) <= 4 and all(kind is sre.LITERAL for kind, _v in av):
            return {chr(v) for _k, v in av}, True
        return None
    if op is sre.SUBPATTERN:
        _group, add, delete, inner = av
        if add or delete:
            return None
        return _openings(inner, sre)
    if op is sre.BRANCH:
        strings: set[str] = set()
        whole = True
        for alternative in av[1]:
            part = _openings(alternative, sre)
            if part is None:
                return None
            strings |= part[0]
            whole = whole and part[1]
        return strings, whole
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, inner = av
        if low < 1:
            return None
        part = _openings(inner, sre)  # the first repetition opens it: nothing after it
        return None if part is None else (part[0], False)
    return None


def _alternates(pattern: str) -> bool:
    """Does ``pattern`` have an alternation outside every group?"""
    return structure(pattern)[2]


def structure(pattern: str, stop: int | None = None) -> tuple[int, bool, bool]:
    """Where ``pattern[:stop]`` leaves a left-to-right reading of regular-expression
    syntax: the group depth, whether inside a character class, and whether an
    alternation stood outside every group. Escapes skip the character they escape; a
    class's leading ``^`` and a leading ``]`` (a member) are read as the syntax does."""
    depth, i, in_class, alternates = 0, 0, False, False
    end = len(pattern) if stop is None else stop
    while i < end:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "^":
                i += 1
            if pattern[i + 1 : i + 2] == "]":  # a leading "]" is a member
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            alternates = True
        i += 1
    return depth, in_class, alternates


def _compiled_from(pattern: str, parsed: Any) -> re.Pattern[str] | None:
    """``re.compile(pattern)`` made from ``parsed``, the parse of ``pattern`` that
    :func:`_parse` already made, rather than parsing it a second time (``_build``).
    ``None`` (the caller then compiles the pattern as usual) when the standard library's
    private parts differ from what ``_build`` expects: checked once per process, by
    making a pattern both ways and comparing (compiled patterns compare equal only with
    the same pattern text, flags and code)."""
    global _FROM_PARSE
    if _FROM_PARSE is None:
        try:
            from re import _parser  # type: ignore[attr-defined]

            probe = r"(?<![a-z])ab(?P<n>c[de]|f+?)\b(?:x|y)*?z{2,3}(?=q)"
            _FROM_PARSE = _build(probe, _parser.parse(probe)) == re.compile(probe)
        except Exception:  # a private API: any failure means "compile as usual"
            _FROM_PARSE = False
    if not _FROM_PARSE:
        return None
    try:
        return _build(pattern, parsed)
    except Exception:  # (the same)
        return None


#: Whether :func:`_build` makes here what ``re.compile`` does (None: not checked yet).
_FROM_PARSE: bool | None = None


def _build(pattern: str, parsed: Any) -> re.Pattern[str]:
    """What ``re._compiler.compile(pattern, 0)`` does after its own parse, step for step,
    from ``parsed`` (the same in CPython 3.11, 3.12 and 3.13): the parse's code, flags and
    groups handed to ``_sre.compile``."""
    from re import _compiler  # type: ignore[attr-defined]

    state = parsed.state
    groupindex = state.groupdict
    indexgroup: list[str | None] = [None] * state.groups
    for name, at in groupindex.items():
        indexgroup[at] = name
    compiled: re.Pattern[str] = _compiler._sre.compile(
        pattern,
        state.flags,
        _compiler._code(parsed, 0),
        state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )
    return compiled


class Phrase:
    """One row of a matcher: a plain phrase, or a small pattern with its keywords.

    ``Phrase("credit balance is too low")`` is matched as a substring and is its own
    keyword. ``Phrase(r"budget (?:has been )?exceeded", "budget")`` is a regular
    expression tried only where one of its ``keywords`` occurs; every match of the
    pattern must contain one of them (tests/engine/test_rules.py checks each
    row's samples, and a property test generates matches to check it).

    A pattern is parsed once, at its first search: the regular-expression module's parse
    gives its plan (the texts its matches open with, those they need) and then, handed to
    the module's compiler when a search first needs it, the compiled pattern
    (:func:`_compiled_from`), as ``re.compile`` would have made it from a parse of its own.
    """

    __slots__ = ("_parsed", "_plan", "keywords", "pattern", "plain", "regex")

    def __init__(self, pattern: str, *keywords: str) -> None:
        self.pattern = pattern
        self.plain = not keywords
        self.keywords: tuple[str, ...] = keywords or (pattern,)
        self.regex: LazyPattern | None = None if self.plain else LazyPattern(pattern)
        #: ``(starts, needs)``, read at the first search (``plan``)
        self._plan: tuple[tuple[str, ...] | None, tuple[str, ...] | None] | None = None
        #: the parse the plan read, kept until the pattern is compiled from it (a search
        #: whose needed texts are absent compiles nothing)
        self._parsed: Any = None

    @property
    def start(self) -> str | None:
        """The plain text every match starts with, as the pattern's text shows it (``None``:
        none known, or a plain phrase)."""
        return None if self.plain else _plain_start(self.pattern)

    @property
    def starts(self) -> tuple[str, ...] | None:
        """The plain texts one of which every match starts with (``None``: none known):
        ``start``, else those :func:`starts` reads."""
        return self.plan[0]

    @property
    def needs(self) -> tuple[str, ...] | None:
        """Plain texts one of which every match contains (:func:`needs`; ``None``: none)."""
        return self.plan[1]

    @property
    def plan(self) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
        """The openings and needed texts, read from the pattern's parse on first use."""
        plan = self._plan
        if plan is None:
            plan = self._plan = (None, None) if self.regex is None else self._prepare(self.regex)
        return plan

    def _prepare(self, regex: LazyPattern) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
        """Parse the pattern once and read its plan; the parse is kept for ``_compile``."""
        start = _plain_start(self.pattern)
        try:
            parsed = _parse(self.pattern)
            opening = (start,) if start is not None else _starts_in(parsed)
            plan = opening, _needs_in(parsed, opening or ())
        except (ImportError, AttributeError, TypeError, ValueError):
            # ``re._parser`` is the standard library's own, not a public API: should a
            # later Python change it, the pattern is searched as it is
            return (None if start is None else (start,)), None
        if regex._compiled is None:
            self._parsed = parsed
        return plan

    def compiled(self) -> re.Pattern[str] | None:
        """The compiled pattern (``None``: a plain phrase), made as a search makes it."""
        regex = self.regex
        if regex is None:
            return None
        _ = self._plan or self.plan
        return regex._compiled or self._compile(regex)

    def _compile(self, regex: LazyPattern) -> re.Pattern[str]:
        """The compiled pattern: made from the parse the plan read (:func:`_compiled_from`),
        else by ``re.compile``."""
        parsed, self._parsed = self._parsed, None
        compiled = None if parsed is None else _compiled_from(self.pattern, parsed)
        if compiled is None:
            compiled = re.compile(self.pattern)
        regex._compiled = compiled
        return compiled

    def find(self, text: str) -> str | None:
        """The matched text, or None."""
        regex = self.regex
        if regex is None:
            return self.pattern if self.pattern in text else None
        openings, needed = self._plan or self.plan
        if needed is not None:
            for part in needed:
                if part in text:
                    break
            else:
                return None  # no match can lack all of them
        compiled = regex._compiled or self._compile(regex)
        if openings is not None and len(text) <= OCCURRENCES_MAX:
            found = first_at(compiled, text, text, openings)
        else:
            found = compiled.search(text)
        return found.group(0) if found else None

    def __repr__(self) -> str:
        if self.plain:
            return f"Phrase({self.pattern!r})"
        return f"Phrase({self.pattern!r}, {', '.join(map(repr, self.keywords))})"


#: How much substring searching a :class:`Keywords` index does before it builds its
#: automaton: the searches' text lengths, each plus ``SCAN_EACH``, summed. Building the
#: automaton of the rules' 2,450 keywords costs about 4 ms, about what testing each keyword
#: as a substring of 5,000 characters does (a substring test costs some 30 ns plus 0.3 ns a
#: character): a command that reads one short paste (``whichlayer explain``) never builds
#: it, and a process that diagnoses many builds it after a few inputs.
SCAN_BUDGET = 5_000
SCAN_EACH = 100


class Keywords:
    """Which of a set of keywords occur in a text: one Aho-Corasick pass for all of them.

    Keywords may be added until the first search. The first searches, as long as their
    texts are short (``SCAN_BUDGET``), test each keyword as a substring instead, which
    finds the same set; the automaton is built when they would cost more than building
    it.
    """

    __slots__ = ("_finder", "_frozen", "_scanned", "_words")

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._words: set[str] = set(words)
        self._finder: Any = None
        #: the keywords as searched (set at the first search), and how much was scanned
        self._frozen: tuple[str, ...] | None = None
        self._scanned = 0

    def add(self, words: Iterable[str]) -> None:
        if self._frozen is not None:
            raise RuntimeError("keywords added after the index was built")
        self._words.update(words)

    def __len__(self) -> int:
        return len(self._words)

    @property
    def built(self) -> bool:
        """Has a search been made (no keyword may be added since)?"""
        return self._frozen is not None

    if TYPE_CHECKING:

        @overload
        def present(self, text: str) -> frozenset[str]: ...

        @overload
        def present(self, text: str, kind: Callable[[Iterable[str]], _Set]) -> _Set: ...

    def present(
        self, text: str, kind: Callable[[Iterable[str]], frozenset[str]] = frozenset
    ) -> frozenset[str]:
        """The keywords that occur in ``text``, as a ``kind`` (a frozenset or a subclass)."""
        finder = self._finder
        if finder is None:
            words = self._frozen
            if words is None:
                words = self._frozen = tuple(sorted(self._words))
            self._scanned += len(text) + SCAN_EACH
            if self._scanned <= SCAN_BUDGET:
                if not text.isascii():
                    text = _utf8(text)
                return kind([word for word in words if word in text])
            import ahocorasick_rs

            # store_patterns: each match is returned as the stored keyword rather than cut
            # from the text (the library stores them by itself only for a few small ones):
            # a third less time per search for the rules' 1,400 keywords, none at build
            finder = self._finder = ahocorasick_rs.AhoCorasick(
                words,
                matchkind=ahocorasick_rs.MatchKind.Standard,
                store_patterns=True,
            )
        try:
            return kind(finder.find_matches_as_strings(text, overlapping=True))
        except UnicodeEncodeError:  # lone surrogates: the automaton takes UTF-8 only
            return kind(finder.find_matches_as_strings(_utf8(text), overlapping=True))


def _utf8(text: str) -> str:
    """``text`` as the automaton reads it: a lone surrogate (which UTF-8 cannot carry)
    becomes ``?``, as the automaton's search of the text would make it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


#: A gated alternative for the parsers: ``(keyword or None, pattern)``; None: always try it.
Gated = list[tuple[str | None, LazyPattern]]


def gated(rows: Iterable[tuple[str | None, str]], flags: int = 0) -> Gated:
    """``(keyword, pattern)`` rows as compiled-on-first-use pairs. With ``re.IGNORECASE``
    the keyword is lower-cased: test it against lower-cased text."""
    out: Gated = []
    ignorecase = int(flags) & _IGNORECASE  # once, on ints: RegexFlag's "&" is slow
    for keyword, pattern in rows:
        if keyword is not None and ignorecase:
            keyword = keyword.lower()
        out.append((keyword, LazyPattern(pattern, flags)))
    return out
