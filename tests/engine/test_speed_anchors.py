"""Patterns tried only where the plain text their matches start with occurs, and the fallback's
row sums: each checked against the slow form it replaces (the regex engine's own scan, the
weight columns), on every labelled input and on inputs with irregular case folding.
"""

from __future__ import annotations

import gc
import random
import re

import pytest

import whichlayer
from whichlayer.parse import signals
from whichlayer.prefilter import Phrase, all_at, first_at
from whichlayer.rules import ALL_RULES, ORIGIN_RULES

from .test_speed_exact import ODD, corpus_inputs


def _anchored_patterns() -> list[signals._Guarded]:
    """Every gated pattern of the parsers whose matches start with known literals."""
    import whichlayer.parse.printed
    import whichlayer.parse.text  # noqa: F401  (their tables, made at import)

    found = [o for o in gc.get_objects() if isinstance(o, signals._Guarded) and o.anchors]
    assert len(found) > 60  # the status, id, limit, model and URL tables
    return found


def _texts() -> list[str]:
    """Every labelled input, and each with odd case, odd letters and the patterns' literals
    (twice, and upper-cased) spliced in."""
    rng = random.Random(8)
    literals = sorted({a for p in _anchored_patterns() for a in p.anchors or ()})
    out = []
    for text in corpus_inputs():
        out.append(text)
        for _ in range(2):
            at = rng.randint(0, len(text))
            extra = rng.choice(literals) + " 503 " + rng.choice(literals).upper() + ": 429 "
            odd = rng.choice(ODD)
            out.append(text[:at] + extra + odd + text[at:].swapcase())
    return out


def test_anchors_are_where_every_match_starts() -> None:
    """A match of an anchored pattern always starts with one of its literals (lower-cased)."""
    for pattern in _anchored_patterns():
        compiled = pattern.compiled()
        for text in _texts()[::7]:
            for match in compiled.finditer(text):
                low = text.lower()
                if len(low) == len(text) and "ı" not in text and "ſ" not in text:
                    anchors = pattern.anchors or ()
                    assert any(low.startswith(a, match.start()) for a in anchors), (
                        pattern.pattern,
                        match.group(0),
                    )


def test_matches_at_anchors_equal_the_regex_engine_scan() -> None:
    """``first_at`` and ``all_at`` find what ``search`` and ``finditer`` find, wherever the
    lower-cased text is aligned with the text (what :func:`signals.present` records)."""
    patterns = _anchored_patterns()
    checked = 0
    for text in _texts():
        gate = signals.present(text.lower(), text)
        if not isinstance(gate, signals._Long) or not gate.aligned:
            continue
        for pattern in patterns:
            anchors = pattern.anchors or ()
            if not any(a in gate.lower for a in anchors):
                continue
            compiled = pattern.compiled()
            want = [(m.span(), m.groups()) for m in compiled.finditer(text)]
            got = [(m.span(), m.groups()) for m in all_at(compiled, text, gate.lower, anchors)]
            assert got == want, (pattern.pattern, text[:200])
            first = first_at(compiled, text, gate.lower, anchors)
            expected = compiled.search(text)
            assert (first and first.span()) == (expected and expected.span())
            checked += 1
    assert checked > 2000


def test_phrase_rows_found_as_the_regex_engine_finds_them() -> None:
    """A rule's phrase pattern tried only where one of its openings occurs, and only in a
    text that holds one of the texts it needs, finds what the pattern's own search finds,
    on every labelled input's folded text (where one of the row's keywords occurs: the
    rule runs the row only then)."""
    phrases = [p for rule in [*ALL_RULES, *ORIGIN_RULES] for p in rule.phrases if not p.plain]
    assert sum(p.start is not None for p in phrases) > 300
    assert sum(p.starts is not None and p.start is None for p in phrases) > 100
    assert sum(p.needs is not None for p in phrases) > 300
    hays = [whichlayer.rules.view.View(whichlayer.to_evidence(t)).hay for t in corpus_inputs()]
    for phrase in phrases:
        assert phrase.regex is not None
        compiled = re.compile(phrase.pattern)
        for hay in hays:
            if not any(k in hay for k in phrase.keywords):
                continue
            found = compiled.search(hay)
            assert phrase.find(hay) == (found.group(0) if found else None), phrase.pattern


@pytest.mark.parametrize(
    ("pattern", "openings", "needed"),
    [
        (r"(?<![a-z0-9_])tpm(?![a-z0-9_])", ("tpm",), None),
        (r"(?<![0-9])(?:504|524) ?time-?out", ("504", "524"), None),
        (
            r"\b(?:url|endpoint|path) (?:is )?not supported",
            ("endpoint ", "path ", "url "),
            ("not supported",),
        ),
        (r"cl[ée] (?:d'|de )?api", None, None),  # opens with a literal: the regex engine's
        (r"tokens per (?:min(?:ute)?|day)", None, ("tokens per ",)),
        (r"model[^\n]{0,80}(?:does not exist|not found)", None, ("does not exist", "not found")),
        (r"(?:a|b|c|d|e|f|g)xyz", None, None),  # openings too short
        (r"(?i)limit (?:reached|hit)", None, None),  # flags: not read
        (r"x(?:ab|cd)+ yz", None, None),  # a repeated group: its first repetition
    ],
)
def test_openings_and_needed_texts_read_from_the_parse(
    pattern: str, openings: tuple[str, ...] | None, needed: tuple[str, ...] | None
) -> None:
    from whichlayer.prefilter import needs, starts

    assert starts(pattern) == openings
    assert needs(pattern) == needed
    texts = ["tpm", "x504 timeout", "the url is not supported", "model x not found", "xabcd yz"]
    phrase = Phrase(pattern, "kw")  # parsed at its first search: every search by the plan
    for text in texts:
        found = re.search(pattern, text)
        assert phrase.find(text) == (found.group(0) if found else None)
    opened = (phrase.start,) if phrase.start else openings
    assert phrase.plan == (opened, needs(pattern, opened or ()))


@pytest.mark.parametrize(
    ("pattern", "start"),
    [
        (r"\bcalls? ?(?:per|/) ?min", "call"),
        (r"model[^\n]{0,80}not found", "model"),
        (r"rate limit (?:for|of)", "rate limit "),
        ("foo|bar", None),  # either alternative may open a match
        ("abc+d", "abc"),  # "+": at least one "c"
        ("ab+c", None),  # fewer than three characters
        ("x{2}yz", None),
        (r"(?i)limit", None),
        (r"foo\.bar", "foo"),
    ],
)
def test_a_phrase_knows_its_plain_opening(pattern: str, start: str | None) -> None:
    assert Phrase(pattern, "kw").start == start


def test_row_sums_equal_the_column_sums() -> None:
    """The fallback's per-label sums from rows of bytes equal those from the weight columns."""
    from whichlayer.model import infer

    model = infer.current()
    if model is None:
        pytest.skip("no shipped weights")
    rng = random.Random(3)
    for head in [model.layer, *model.causes.values()]:
        ids = list(head.rows)
        for _ in range(50):
            feats = set(rng.sample(ids, rng.randint(0, 300))) | {
                rng.randrange(1 << 20) for _ in range(40)
            }
            rows = [head.rows[f] for f in feats if f in head.rows]
            assert head._sums(feats) == [sum(col[r] for r in rows) for col in head.columns]


def test_dns_host_starts() -> None:
    """The unresolved-host pattern of the origin rules opens with one of its listed starts."""
    from whichlayer.rules import origin

    for text in ["getaddrinfo enotfound proxy.corp", "could not resolve host: x.y", "lookup a.b"]:
        match = origin._DNS_HOST.search(text)
        assert match is not None
        assert any(text.startswith(s, match.start()) for s in origin._DNS_STARTS)
        assert first_at(origin._DNS_HOST, text, text, origin._DNS_STARTS) is not None
    assert re.compile(origin._DNS_HOST.pattern).pattern.count("|") == len(origin._DNS_STARTS) - 1


def test_phrase_rows_compiled_from_their_parse_as_re_compile_makes_them() -> None:
    """A phrase row's pattern is compiled from the parse its plan read, not parsed again:
    for every row the compiled pattern equals ``re.compile``'s (CPython compares compiled
    patterns by their text, flags and compiled code). On the Pythons whose private parts
    were read for it (3.11 to 3.13) the check that enables this path passes; on a later
    one that differs, every row is compiled by ``re.compile`` (the same patterns)."""
    import sys

    from whichlayer import prefilter

    phrases = [p for rule in [*ALL_RULES, *ORIGIN_RULES] for p in rule.phrases if not p.plain]
    made = 0
    for row in phrases:
        fresh = Phrase(row.pattern, *row.keywords)
        compiled = fresh.compiled()  # as a search makes it: from the parse its plan read
        expected = re.compile(row.pattern)
        assert compiled == expected, row.pattern
        assert compiled.pattern == row.pattern
        assert compiled.groupindex == expected.groupindex
        parsed = prefilter._parse(row.pattern)
        from_parse = None if parsed is None else prefilter._compiled_from(row.pattern, parsed)
        if from_parse is not None:
            assert from_parse == expected, row.pattern
            made += 1
    if sys.version_info < (3, 14):
        assert prefilter._FROM_PARSE is True
        assert made > 500


def test_a_pattern_with_flags_or_groups_is_compiled_as_re_compile_makes_it() -> None:
    """Inline flags (not read by the plan: compiled as usual), named groups, a pattern
    that does not parse (the same error as ``re.compile``'s, at the first search)."""
    for pattern in (r"(?i)limit (?:reached|hit)", r"(?P<n>quota) (?P=n)+ x", r"a(?=b)c?"):
        phrase = Phrase(pattern, "kw")
        phrase.find("limit hit quota quota x abc")
        assert phrase.compiled() == re.compile(pattern)
    with pytest.raises(re.error):
        Phrase(r"broken (", "broken").find("broken (")


def test_a_python_whose_compiler_differs_compiles_every_row_as_usual(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Should the check of the private compiler fail (a later Python), or should the compiler
    itself be missing a step, a row's pattern is made by ``re.compile``: found the same."""
    from whichlayer import prefilter

    pattern = r"(?:url|endpoint|path) (?:is )?not supported"
    monkeypatch.setattr(prefilter, "_FROM_PARSE", False)
    phrase = Phrase(pattern, "supported")
    assert phrase.find("the path is not supported") == "path is not supported"
    assert phrase.compiled() == re.compile(pattern)
    monkeypatch.setattr(prefilter, "_FROM_PARSE", None)

    def broken(pattern: str, parsed: object) -> re.Pattern[str]:
        raise AttributeError("no such step")

    monkeypatch.setattr(prefilter, "_build", broken)
    phrase = Phrase(pattern, "supported")
    assert phrase.find("the url not supported") == "url not supported"
    assert phrase.compiled() == re.compile(pattern)
    assert prefilter._FROM_PARSE is False
