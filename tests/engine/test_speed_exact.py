"""Speed-ups that must not change an answer: each is checked against the slow form it replaces.

A pattern given a first-character lookahead must accept exactly the positions it accepted
without one: the lookahead's class is derived here from the pattern itself, and both forms
are run over every labelled input and over characters with unusual case folding.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
#: Characters whose case folding is irregular (long s, Kelvin sign, dotted/dotless i, ...).
ODD = "ſKİıﬀẞßΣσςµÅǅ"


def corpus_inputs() -> list[str]:
    out = []
    for path in sorted((ROOT / "corpus").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["input"])
    return out


def _first(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The characters (lower-cased) a match of ``items`` can start with; None if any."""
    out: set[str] = set()
    for op, av in items:
        if op is sre.AT:
            continue
        if op is sre.LITERAL:
            return out | {chr(av).lower()}
        if op is sre.IN:
            chars: set[str] = set()
            for kind, value in av:
                if kind is sre.LITERAL:
                    chars.add(chr(value).lower())
                elif kind is sre.RANGE:
                    chars |= {chr(c).lower() for c in range(value[0], value[1] + 1)}
                elif kind is sre.CATEGORY:
                    chars.add(f"<{value}>")
                else:
                    return None
            return out | chars
        if op is sre.SUBPATTERN:
            inner = _first(list(av[3]))
            if inner is None:
                return None
            return out | inner
        if op is sre.BRANCH:
            for branch in av[1]:
                inner = _first(list(branch))
                if inner is None or not list(branch):
                    return None
                out |= inner
            return out
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, _high, sub = av
            inner = _first(list(sub))
            if inner is None:
                return None
            out |= inner
            if low >= 1:
                return out
            continue
        return None
    return None


def first_chars(pattern: str) -> set[str] | None:
    return _first(list(sre_parse.parse(pattern, 0)))


def check_guard(guarded: re.Pattern[str], texts: list[str]) -> None:
    """``guarded`` is ``(?i)(?=[CLASS])REST``: CLASS is REST's first characters, and the two
    find the same matches in every text."""
    head = re.match(r"\(\?i\)\(\?=(\[[^\]]+\])\)", guarded.pattern)
    assert head, guarded.pattern
    rest = guarded.pattern[head.end() :]
    wanted = first_chars(rest)
    assert wanted is not None
    assert first_chars(head.group(1)) == wanted
    plain = re.compile("(?i)" + rest)
    for text in texts:
        assert [m.span() for m in guarded.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], text[:200]


def test_failure_cue_guard_is_exact() -> None:
    from whichlayer.model.fallback import FAILURE_CUE

    odd = [f"{c}ey {c}tall {c}o" for c in ODD] + ["ſsl", "\u212aey", "İnvalid", "ınvalid"]
    check_guard(FAILURE_CUE, [*corpus_inputs(), *odd, "{'[\"" * 1000])


# --- parse/signals.py: gates tested against one set, guarded patterns, the status prefilter


def _signal_inputs() -> list[str]:
    odd = [
        "Error code: ٤٢٩ - rate limited",  # Arabic-Indic digits: int() reads them
        "HTTP/2 ٥٠٣ Service Unavailable",
        "status ４２９",  # fullwidth digits
        "ſtatus: 429 and \u212aey",
        "İnvalid request: HTTP 400 (Bad Request)",
        "x" * 30_000 + " Error code: 503 - upstream",  # longer than PRESENT_MAX
        "Error code: 429 \ud800 | 503 | status: 502",  # a lone surrogate: no automaton
        "状态码: 502 \udcff ?",
    ]
    return [*corpus_inputs(), *odd]


def _all_gated() -> list[Any]:
    from whichlayer.parse import signals

    groups = [
        *signals._STATUS_PATTERNS,
        *(g for g, _s in signals._REASON_STATUS),
        *(g for g, _p, _s in signals._ID_PATTERNS),
        *signals._RETRY_PATTERNS,
        *(g for g, _n in signals._LIMIT_PATTERNS),
        *signals._MODEL_PATTERNS,
        *signals._HOST_PATTERNS,
    ]
    return [pair for group in groups for pair in group]


def test_every_gate_literal_is_looked_for() -> None:
    from whichlayer.parse import signals

    literals = {lit for lit, _rx in _all_gated() if lit is not None}
    assert literals <= signals.GATE_LITERALS


def test_the_gate_set_answers_as_the_text_does() -> None:
    from whichlayer.parse import signals

    filler = "lorem ipsum 2025-01-01 [x] (y) req_ab - | status http model \n" * 400
    long = [filler + t for t in corpus_inputs()[::16]]
    for text in [*_signal_inputs(), *long]:
        lower = text.lower()
        for gate in (signals.present(lower), signals.present(lower, text)):
            for literal in signals.GATE_LITERALS:
                assert (literal in gate) == (literal in lower), (literal, text[:100])
    assert isinstance(signals.present(long[0].lower(), long[0]), signals._Long)


def test_guarded_patterns_find_what_the_plain_ones_find() -> None:
    from whichlayer.parse import signals

    ungated = [signals._URL, signals._METHOD_PATH]
    guarded = [rx for _lit, rx in _all_gated() if rx.guarded is not None] + ungated
    assert len(guarded) > 40  # the guard applies to most "\\b<letter>" patterns
    texts = _signal_inputs()
    for rx in guarded:
        head = re.match(r"\(\?=(\[[^\]]+\]|\w|\\d)\)", rx.guarded)
        assert head and rx.guarded[head.end() :] == rx.pattern
        # the lookahead names exactly the characters a match can start with
        wanted = first_chars(rx.pattern)
        assert wanted is not None and first_chars(head.group(1)) == wanted, rx.pattern
        plain = re.compile(rx.pattern, rx.flags)
        fast = rx.compiled()
        for text in texts:
            want = [(m.span(), m.groups()) for m in plain.finditer(text)]
            assert [(m.span(), m.groups()) for m in fast.finditer(text)] == want, rx.pattern
    assert signals._guard(r"\b(?:ab|cd)?x?y") is None  # an optional group, then an optional x
    assert signals._guard(r"\b(?:http )?status") == r"(?=[hs])\b(?:http )?status"
    assert signals._guard(r"\bs?x") is None
    assert signals._guard(r"\b(\d*x)") is None
    assert signals._guard(r"\b(\d{3})?x") is None
    assert signals._guard(r"\b(\d{3}) x") == r"(?=\d)\b(\d{3}) x"
    assert signals._guard(r"\b(GET|POST) /") == r"(?=[GP])\b(GET|POST) /"  # not (?=G)
    assert signals._guard(r"\b(ab|c?d)") is None
    assert signals._guard(r"\b[A-Z][a-z]+") == r"(?=[A-Z])\b[A-Z][a-z]+"
    assert signals._guard(r"\b[A-Z]?x") is None
    assert signals._guard(r"\b[\w.]x") is None  # an escape inside the class: not read
    assert all(rx.guarded is not None for rx in ungated)


def test_long_texts_are_read_from_their_anchors() -> None:
    """In a long text an anchored alternative is searched from the first place its literal
    occurs: the same matches as a search from the start."""
    from whichlayer.parse import signals

    anchored = [rx for _lit, rx in _all_gated() if rx.anchor is not None]
    assert len(anchored) > 30
    filler = "lorem ipsum 2025-01-01 [x] (y) req_ab - | \n" * 500
    texts = [filler + t for t in corpus_inputs()[::8]]
    texts += [filler + "Rate lımit reached for gpt-4o in org; Limit: 3", filler + "ſtatus: 429"]
    texts += [filler + "Rate lımit reached for a in x; Rate limit reached for b in y"]
    found = 0
    for text in texts:
        lower = text.lower()
        gate = signals.present(lower, text)
        assert isinstance(gate, signals._Long)
        for rx in anchored:
            if rx.anchor not in gate:
                continue
            start = signals._start(rx, gate)
            plain = re.compile(rx.pattern, rx.flags)
            want = [(m.span(), m.groups()) for m in plain.finditer(text)]
            got = [(m.span(), m.groups()) for m in rx.compiled().finditer(text, start)]
            assert got == want, (rx.pattern, text[-200:])
            found += bool(want) and start > 0
    assert found > 100
    odd = signals.present(("x" * 30_000 + "İ").lower(), "x" * 30_000 + "İ")
    assert isinstance(odd, signals._Long) and not odd.aligned  # İ lower-cases to two characters
    dotless = signals.present(("x" * 30_000 + "ı").lower(), "x" * 30_000 + "ı")
    assert isinstance(dotless, signals._Long) and not dotless.aligned


def _statuses_reference(text: str, lower: str) -> list[tuple[int, int, int]]:
    """``signals.statuses`` as it was: every pattern unguarded, gates by substring search,
    no number prefilter."""
    from whichlayer.parse import signals

    found: dict[int, tuple[int, int, int]] = {}
    for rank, literal, _needs, _pre, pattern in signals._STATUS_FLAT:
        if literal is not None and literal not in lower:
            continue
        for match in re.finditer(pattern.pattern, text, pattern.flags):
            value = int(match.group(1))
            if 400 <= value <= 599 or value == 302:
                found.setdefault(match.start(1), (rank, match.start(1), value))
    if not found:
        base = len(signals._STATUS_PATTERNS)
        for rank, (phrase, value) in enumerate(signals._REASON_STATUS, base):
            for literal, pattern in phrase:
                if literal is not None and literal not in lower:
                    continue
                reason = re.search(pattern.pattern, text, pattern.flags)
                if reason:
                    found.setdefault(reason.start(), (rank, reason.start(), value))
                    break
    return sorted(found.values(), key=lambda hit: hit[1])


def test_statuses_as_before() -> None:
    from whichlayer.parse import signals

    texts = _signal_inputs()
    said = 0
    for text in texts:
        lower = text.lower()
        want = _statuses_reference(text, lower)
        assert signals.statuses(text, signals.present(lower)) == want, text[:200]
        assert signals.statuses(text, lower) == want
        said += bool(want)
    assert said > 1000  # most labelled errors state a status
    assert signals.statuses("Error code: ٤٢٩ - x", "error code: ٤٢٩ - x")[0][2] == 429


def test_the_paste_reader_registers_its_literals() -> None:
    from whichlayer.parse import signals, text

    used = {*text._HEADER_MARKERS, text._DATE, text._GMT, signals._HTTP}
    used |= {mark for _name, marks in text._CLIENT_MARKS for mark in marks}
    assert used <= signals.GATE_LITERALS


def test_status_prechecks_are_implied_by_their_patterns() -> None:
    from whichlayer.parse import signals

    checked = [(pre, rx) for _r, _l, _n, pre, rx in signals._STATUS_FLAT if pre is not None]
    assert len(checked) >= 9  # the "<Name>Error: 429 Xxx" family
    texts = _signal_inputs()
    for pre, rx in checked:
        plain = re.compile(rx.pattern, rx.flags)
        # the precheck is the alternative's own text just before its digits
        assert pre.pattern.endswith("\\d{3}")
        assert pre.pattern[: -len("\\d{3}")] + "(\\d{3})" in rx.pattern
        for text in texts:
            if plain.search(text):
                assert pre.search(text), (rx.pattern, text[:200])
    assert signals._before_digits(r"(?:x (\d{3}))?") is None  # inside a group: not always there
    assert signals._before_digits(r"\bfoo:? (\d{3})") is None  # only " " is plain
    assert signals._before_digits(r"\bab\\(\d{3})") == r"ab\\"  # a literal backslash
    assert signals._before_digits(r"\bFoo \((\d{3})\)") == r"Foo \("


# --- parse/jsonish.py: the bracket matcher steps from one special character to the next


def _scan_reference(
    text: str, i: int, limit: int, stack: list[str], pairs: dict[str, str]
) -> tuple[int, int]:
    """The bracket matcher as it was: one character at a time."""
    quote = ""
    while i < limit:
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'`":
            quote = ch
        elif ch in pairs:
            stack.append(pairs[ch])
        elif ch in "}]":
            if ch != stack.pop():
                return -1, i
            if not stack:
                return i + 1, i
        i += 1
    return -1, i


def test_bracket_matcher_as_before() -> None:
    from whichlayer.parse import jsonish

    pairs = {"{": "}", "[": "]"}
    texts = [
        *corpus_inputs(),
        "{'a': 'x\\\\'}, 'b': [1, {\"c\": `d}`}]} tail",
        "{'a': 'unterminated \\",
        "[{'a': 1}] {]",
        "{'k': '\\'}'}",
    ]
    tried = 0
    for text in texts:
        for start, ch in enumerate(text):
            if ch not in pairs:
                continue
            for limit in (len(text), start + 7, start + 40):
                limit = min(limit, len(text))
                want = _scan_reference(text, start + 1, limit, [pairs[ch]], pairs)
                got = jsonish._scan(text, start + 1, limit, [pairs[ch]], pairs)
                assert got == want, (text[start : start + 80], limit)
                tried += 1
    assert tried > 10_000


def test_status_needs_are_implied_by_their_patterns() -> None:
    from whichlayer.parse import signals

    needing = [(needs, rx) for _r, lit, needs, _p, rx in signals._STATUS_FLAT if needs]
    # the alternatives whose row states no keyword (the others are gated by theirs)
    assert len(needing) == sum(1 for _r, lit, _n, _p, _rx in signals._STATUS_FLAT if lit is None)
    assert len(needing) >= 4
    texts = [*_signal_inputs(), "429 Too Many Requests", "x\n(503)\n", "| 502 |", "[429]: x"]
    hits = 0
    for needs, rx in needing:
        plain = re.compile(rx.pattern, rx.flags)
        for text in texts:
            if plain.search(text):
                hits += 1
                assert needs(text), (rx.pattern, text[:200])
    assert hits > 50
    assert signals._needs(r"\n\((\d{3})\)", 0)("a\n(") is True
    assert signals._needs(r"\n\((\d{3})\)", 0)("a (") is False
    assert signals._needs(r"ab?(\d{3})", 0)("a") is True  # "b" is optional: only "a" is read
    assert signals._needs(r"Foo (\d{3})", re.I) is None  # cased letters under re.I: not read
    assert signals._needs(r"(?:x|y)?(\d{3})", 0) is None  # an optional group


def test_loose_fields_are_found_as_before() -> None:
    """A cut-off body's fields, searched from where each name first occurs in an ASCII
    text, are those a search from the start finds."""
    from whichlayer.dialects import ZOD_ISSUE_CODES
    from whichlayer.parse import text as text_parser

    def reference(text: str) -> dict[str, str]:
        fields: dict[str, str] = {}
        head = text[:100_000]
        lower = head.lower()
        for name, pattern in text_parser._LOOSE_FIELDS:
            plain = re.compile(pattern.pattern, pattern.flags)
            match = plain.search(head) if name in lower else None
            if match:
                fields[name] = match.group(1).strip()
        if fields.get("code") in ZOD_ISSUE_CODES and "path" in lower:
            return {}  # a schema library's issue: no body
        return fields

    odd = ["ſtatus: 'x' message='y'", "TYPE = 'a' CODE: \"b\"", "Meſſage: 'q' code='1'"]
    for text in [*corpus_inputs(), *odd]:
        body = text_parser._loose_body(text)
        want = reference(text)
        if not ({"type", "code", "message"} & want.keys()):
            assert body is None
            continue
        assert body is not None, text[:200]
        assert (body.type, body.code, body.message) == (
            want.get("type"),
            want.get("code"),
            want.get("message"),
        ), text[:200]


# --- actions.py, classify.py: the per-diagnosis lookups made from tables built once


def _provider_family_reference(
    provider: str | None, host: str | None, text: str, exceptions: list[str] | tuple[str, ...] = ()
) -> str | None:
    """``actions.provider_family`` as it was: the index read and walked on every call."""
    from whichlayer.providers._base import host_matches
    from whichlayer.providers._index import STEPS_DIALECT, STEPS_HOST, STEPS_WORD, load

    index = load()
    if host:
        best: tuple[int, str] | None = None
        for known, modules in index.get(STEPS_HOST, {}).items():
            if host_matches(known, host) and (best is None or len(known) > best[0]):
                best = (len(known), modules[0])
        if best is not None:
            return best[1]
    if provider is not None and provider in index.get(STEPS_DIALECT, {}):
        return index[STEPS_DIALECT][provider][0]
    words = index.get(STEPS_WORD)
    if words:
        low = (text[:20000] + " " + " ".join(exceptions)).lower()
        for word, modules in words.items():
            if word in low:
                return modules[0]
    return None


def test_provider_family_as_before() -> None:
    import whichlayer
    from whichlayer import classify as cl
    from whichlayer.actions import provider_family
    from whichlayer.providers._index import STEPS_DIALECT, STEPS_HOST, load

    index = load()
    known = list(index[STEPS_HOST])
    # every host of the index as itself, a subdomain, in capitals, with a trailing dot, as
    # a bare suffix and as a look-alike; every body format; hosts the labelled errors name
    hosts: list[str | None] = [None, "", "example.com", "x.example.com."]
    for k in known:
        bare = k.lstrip(".-")
        hosts += [k, bare, "a." + bare, "a-" + bare, "A." + bare.upper() + ".", "x" + bare]
        hosts += [bare + ".evil.com", "a" + k]
    providers: list[str | None] = [None, "generic", *index[STEPS_DIALECT]]
    seen = 0
    for text in corpus_inputs():
        ev = whichlayer.to_evidence(text)
        args = (cl._provider(ev), ev.host, ev.text, ev.exception_types)
        want = _provider_family_reference(*args)
        assert provider_family(*args) == want, text[:200]
        seen += want is not None
    assert seen > 100
    for host in hosts:
        for provider in providers:
            for text in ("", "botocore said so", "AZURE", "vertex\u212a"):
                want = _provider_family_reference(provider, host, text, ("x.BedrockError",))
                assert provider_family(provider, host, text, ("x.BedrockError",)) == want, host


def _origin_reference(view: Any, rule: Any) -> tuple[Any, Any]:
    """``classify._origin`` as it was: a disjointness test per origin rule, in order."""
    from whichlayer import classify as cl
    from whichlayer.diagnosis import Fact
    from whichlayer.rules.origin import LAYER_ORIGIN
    from whichlayer.taxonomy import Layer, Origin

    if rule.origin is not None:
        return rule.origin, None
    from whichlayer.rules import ORIGIN_RULES

    present = view.keywords
    for origin_rule in ORIGIN_RULES:
        words = origin_rule.keywords
        if words is not None and present.isdisjoint(words):
            continue
        transport_only = origin_rule.id in cl._TRANSPORT_ONLY
        if transport_only and rule.layer is not Layer.NETWORK:
            continue
        if rule.layer is Layer.NETWORK and not origin_rule.id.startswith("origin.proxy"):
            continue
        used = origin_rule.match(view)
        if used is not None:
            return origin_rule.origin, Fact(origin_rule.id, origin_rule.statement, used)
    return LAYER_ORIGIN.get(rule.layer, Origin.UNKNOWN), None


def test_origin_as_before() -> None:
    """Every labelled input, asked with each rule that fires on it (and with one rule of each
    layer, so every layer's origin rules are asked of every input)."""
    import whichlayer
    from whichlayer import classify as cl
    from whichlayer.rules import ALL_RULES
    from whichlayer.rules.view import View

    one_per_layer = list({rule.layer: rule for rule in ALL_RULES if rule.origin is None}.values())
    assert len(one_per_layer) == 6
    said = 0
    for text in corpus_inputs():
        view = View(whichlayer.to_evidence(text))
        for rule in [*(hit[2] for hit in cl._scored(view)), *one_per_layer]:
            want = _origin_reference(view, rule)
            assert cl._origin(view, rule) == want, (rule.id, text[:200])
            said += want[1] is not None
    assert said > 1000


def _request_ids_reference(text: str, lower: Any) -> list[Any]:
    """``signals.request_ids`` as it was: each table entry's matches listed, then read."""
    from whichlayer.evidence import RequestId
    from whichlayer.parse import signals

    if signals._dead(signals._ID_LITERALS, lower):
        return []
    seen: set[str] = set()
    out = []
    for pattern, party, source in signals._ID_PATTERNS:
        matches: list[re.Match[str]] = []
        for literal, compiled in pattern:
            if literal is None or literal in lower:
                matches += compiled.compiled().finditer(text, signals._start(compiled, lower))
        for match in matches:
            value = match.group(1)
            if value in seen or value.lower().startswith("req_****"):
                continue
            seen.add(value)
            out.append(RequestId(value=value, party=party, source=source))
    return out


def test_request_ids_as_before() -> None:
    from whichlayer.parse import signals

    filler = "lorem ipsum 2025-01-01 [x] (y) req_ab - | \n" * 500
    texts = [*_signal_inputs(), *(filler + t for t in corpus_inputs()[::8])]
    found = 0
    for text in texts:
        lower = text.lower()
        for gate in (signals.present(lower, text), lower):
            want = _request_ids_reference(text, gate)
            assert signals.request_ids(text, gate) == want, text[:200]
            found += bool(want)
    assert found > 300


def test_strings_as_walked() -> None:
    """``jsonish.strings`` lists what the generator ``walk_strings`` yields, in its order, for
    every value found in every labelled input (and for values deeper than the bound)."""
    from whichlayer.parse import jsonish

    deep: Any = "leaf {x} of the deepest level"
    for level in range(jsonish.MAX_DEPTH + 3):
        deep = {"k": deep, "s": f"level {level}", "n": [level, None, True, [f"{level}"]]}
    values: list[Any] = [deep, [deep, "x"], "plain", 3, None, [[["a"]]]]
    for text in corpus_inputs():
        values += [value for _s, _e, value in jsonish.find_values(text)]
    assert len(values) > 1000
    for value in values:
        assert jsonish.strings(value) == list(jsonish.walk_strings(value))


def test_view_keywords_as_before() -> None:
    """The fact keywords a view adds (body formats, status, HTML, marked fields) are those
    the plain set comprehension gave."""
    import whichlayer
    from whichlayer.rules import base
    from whichlayer.rules.view import View

    for text in corpus_inputs():
        ev = whichlayer.to_evidence(text)
        view = View(ev)
        facts = {base.dialect_key(body.dialect) for body in ev.bodies}
        if ev.status is not None:
            facts.add(base.status_key(ev.status))
        if ev.html_vendor is not None or ev.html_title is not None:
            facts.add(base.HTML_KEY)
        if ev.bodies:
            for name in base.MARKED_FIELDS:
                facts.update(base.field_key(name, value) for value in view.fields(name))
        assert view.keywords == base.KEYWORDS.present(view.hay) | facts, text[:200]


def test_status_number_prefilter_as_written() -> None:
    """``_STATUS_NUMBER``, written to start with a character class, finds what
    ``302|[45]\\d\\d`` finds, where it finds it."""
    from whichlayer.parse import signals

    plain = re.compile(r"302|[45]\d\d")
    texts = [*_signal_inputs(), "3302", "30 2", "4 29", "x302y", "٤٢٩ 3٠2", "345", "3402"]
    digits = "0123456789٤"
    texts += [a + b + c for a in digits for b in digits for c in digits]
    for text in texts:
        want = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in signals._STATUS_NUMBER.finditer(text)] == want, text[:200]


def test_page_check_by_the_gate_set() -> None:
    """An HTML page is recognised from the gate set as ``html.looks_like_html`` recognises it
    from the text, on every labelled input (and on pages, tags in capitals, long texts)."""
    from whichlayer.parse import html, signals, text

    assert set(text._HTML_MARKERS) == set(html.MARKERS) <= signals.GATE_LITERALS
    filler = "lorem ipsum <b>x</b> 2025 \n" * 1000
    texts = [*_signal_inputs(), "<HTML><TITLE>502</TITLE>", "<!DOCTYPE HTML>", "CF-ERROR-CODE"]
    texts += [filler + t for t in corpus_inputs()[::8]]
    pages = 0
    for t in texts:
        lower = t.lower()
        gate = signals.present(lower, t)
        page = any(marker in gate for marker in text._HTML_MARKERS)
        assert page == html.looks_like_html(t), t[:200]
        pages += page
    assert pages > 50


def _exception_names_reference(text: str, limit: int = 40) -> list[str]:
    """``signals.exception_names`` as it was: the name read back one character at a time."""
    from whichlayer.parse import signals

    chars = frozenset(signals._NAME_CHARS)
    names: list[str] = []
    for match in signals._EXCEPTION_SUFFIX.finditer(text):
        start = match.start()
        floor = max(0, start - 120)
        while start > floor and text[start - 1] in chars:
            start -= 1
        name = text[start : match.end()].strip(".")
        head = name.rsplit(".", 1)[-1]
        if head[:1].isupper() and name not in names:
            names.append(name)
            if len(names) >= limit:
                break
    return names


def test_exception_names_as_before() -> None:
    from whichlayer.parse import signals

    long = "A" * 150 + "Error"
    odd = [long, "x " + long, "..openai.RateLimitError.", "ÄRateLimitError", "_Error", "Error"]
    odd += ["ſError kError 9Error", " ".join(f"E{i}Error" for i in range(60))]
    found = 0
    for text in [*_signal_inputs(), *odd]:
        want = _exception_names_reference(text)
        assert signals.exception_names(text) == want, text[:200]
        assert signals.exception_names(text, 2) == _exception_names_reference(text, 2)
        found += bool(want)
    assert found > 1000


# --- parse/jsonish.py: a repr made of plain tokens is read as JSON


def _literal_reference(chunk: str) -> Any:
    """``jsonish.literal`` as it was: the Python parser for every chunk."""
    import ast

    from whichlayer.parse import jsonish

    for attempt in range(2):
        candidate = chunk if attempt == 0 else jsonish._BARE_KEY.sub(r'\1"\2"\3', chunk)
        try:
            tree = ast.parse(candidate.strip(), mode="eval")
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        try:
            return jsonish._eval_node(tree.body, 0)
        except (ValueError, RecursionError):
            continue
    return None


def _outcome(read: Any, chunk: str) -> str:
    """What reading ``chunk`` gives, spelled so that 1, 1.0, True and -0.0, 0.0 differ."""
    try:
        return "value " + repr(read(chunk))
    except Exception as exc:  # the same exception, whatever it is
        return "raises " + type(exc).__name__


def _tried_chunks(text: str) -> list[str]:
    """The bracketed chunks ``find_values`` would read as a literal in ``text``."""
    import json as json_module

    from whichlayer.parse import jsonish

    chunks = []
    for start, ch in enumerate(text):
        if ch not in "{[":
            continue
        try:
            json_module.JSONDecoder(strict=False).raw_decode(text, start)
            continue
        except ValueError:
            pass
        end = jsonish._matching_bracket(text, start, [jsonish.SCAN_BUDGET])
        if end > 0:
            chunks.append(text[start:end])
    return chunks


def test_literal_as_before_on_every_labelled_input() -> None:
    from whichlayer.parse import jsonish

    plain = 0
    for text in corpus_inputs():
        for chunk in _tried_chunks(text)[:20]:
            assert _outcome(jsonish.literal, chunk) == _outcome(_literal_reference, chunk), chunk
            plain += jsonish._as_json(chunk.strip()) is not jsonish._NOT_PLAIN
    assert plain > 300  # most reprs take the JSON path


_ATOMS = [
    "'a'",
    '"b"',
    "'it\"s'",
    '"it\'s"',
    "''",
    "'\\n'",
    "'\\''",
    "'x\ty'",
    "'\x00'",
    "'\ud800'",
    "'é中😀'",
    "'\u2028'",
    "None",
    "True",
    "False",
    "null",
    "true",
    "false",
    "undefined",
    "NaN",
    "Infinity",
    "foo",
    "0",
    "-0",
    "7",
    "-12",
    "01",
    "1_0",
    "0x1f",
    "1.5",
    "-0.0",
    "1.",
    ".5",
    "1e5",
    "1E+5",
    "-2.5e-3",
    "1e999",
    "1j",
    "+1",
    "- 1",
    "--1",
    "1" * 30,
    "b'x'",
    "r'x'",
    "f'x'",
    "...",
    "-True",
    "'\x7f\x85'",
    "Nonetheless",
    "xNone",
    "None1",
    "-null",
    "-Infinity",
    "'a' 'b'",
    "u'x'",
    "1e5j",
    "'#'",
    "'\\'",
]
_PLAIN_ATOMS = [
    "'a b'",
    '"c"',
    "'say \"hi\"'",
    '"it\'s"',
    "''",
    "'中文 😀'",
    "None",
    "True",
    "False",
    "null",
    "true",
    "false",
    "undefined",
    "0",
    "-0",
    "42",
    "-7",
    "1.25",
    "-0.0",
    "3e2",
    "1E-2",
    "12345678901234567890",
]
_PLAIN_GLUE = [" ", "\n  ", "\r\n", "\t", ""]
_ODD_CHARS = ["'", '"', "\\", ",", "(", ")", "-", "+", ".", "e", "_", "x", "\x00", "\x0c", "#"]
_ODD_CHARS += ["\t", "\r"]
_GLUE = [", ", ",", ": ", ":", " ", "\n", "\r\n", "\t", "\x0c", "\u00a0", "", "#c\n", " ' "]


@pytest.mark.timeout(120)
@settings(max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_literal_as_before_on_generated_reprs(data: Any) -> None:
    """Dicts, lists, tuples and sets of odd atoms, keys and glue (quotes of either kind,
    escapes, control characters, surrogates, Python-only and JSON-only numbers and names,
    odd white space, trailing commas, strings side by side): the JSON path and the Python
    parser agree on every one."""
    from whichlayer.parse import jsonish

    # half the examples only of forms both read (then one odd form, perhaps)
    plain = data.draw(st.booleans())
    atoms = _PLAIN_ATOMS if plain else _ATOMS
    glues = _PLAIN_GLUE if plain else _GLUE
    keys_from = _PLAIN_ATOMS[:4] if plain else [*_ATOMS, "a", "$x", "[1]"]

    def value(depth: int) -> str:
        kind = data.draw(st.sampled_from([1, 2, 4]) if depth == 0 else st.integers(0, 5))
        kind = kind if depth < 4 else 0
        if plain and kind in (3, 4):
            kind = 2 if depth else 1
        if kind == 0 or kind == 5:
            return data.draw(st.sampled_from(atoms))
        n = data.draw(st.integers(0, 3))
        glue = data.draw(st.sampled_from(glues))
        items = [value(depth + 1) for _ in range(n)]
        if kind == 1:
            keys = [data.draw(st.sampled_from(keys_from)) for _ in items]
            body = ("," + glue).join(f"{k}:{glue}{v}" for k, v in zip(keys, items, strict=True))
            opening, closing = "{", "}"
        else:
            body = ("," + glue).join(items)
            opening, closing = {2: ("[", "]"), 3: ("(", ")"), 4: ("{", "}")}[kind]
        tail = data.draw(st.sampled_from(["", " ", glue] if plain else ["", ",", " ", glue]))
        return opening + glue + body + tail + closing

    chunk = value(0)
    if plain and data.draw(st.booleans()):  # one odd character put in somewhere
        at = data.draw(st.integers(0, len(chunk)))
        chunk = chunk[:at] + data.draw(st.sampled_from(_ODD_CHARS)) + chunk[at:]
    assert _outcome(jsonish.literal, chunk) == _outcome(_literal_reference, chunk), chunk
    nested = "[" * 60 + "{'a': 1}" + "]" * 60
    assert _outcome(jsonish.literal, nested) == _outcome(_literal_reference, nested)


def test_json_is_tried_where_it_can_read() -> None:
    """An opening brace that ``_OBJECT_OPENING`` does not match is one the JSON decoder
    refuses: skipping the decoder there changes nothing."""
    import json as json_module

    from whichlayer.parse import jsonish

    decoder = json_module.JSONDecoder(strict=False)
    odd = ['{\x0b"a": 1}', '{\u00a0"a": 1}', "{ }", '{\r\n\t "a": 1}', "{'a': 1}", "{a: 1}", "{"]
    skipped = 0
    for text in [*corpus_inputs(), *odd]:
        for start, ch in enumerate(text):
            if ch != "{" or jsonish._OBJECT_OPENING.match(text, start):
                continue
            skipped += 1
            try:
                decoder.raw_decode(text, start)
            except ValueError:
                continue
            raise AssertionError(text[start : start + 80])
    assert skipped > 1000


def _focus_reference(text: str) -> str:
    """``parse.text.focus`` as it was: every line of a multi-line paste read."""
    from whichlayer.parse import text as text_parser

    if "\n" not in text or len(text) > text_parser.MAX_TEXT:
        return text
    lines = text.splitlines()
    error_line = text_parser._ERROR_LINE.compiled().match
    retry_line = text_parser._RETRY_LINE.compiled().match
    warning_line = text_parser._WARNING_LINE.compiled().match
    carried_on = text_parser._CARRIED_ON.compiled().search
    gave_up = text_parser._GAVE_UP_LINE.compiled().match
    stated = any(error_line(line) and not retry_line(line) and not gave_up(line) for line in lines)
    kept = [
        line
        for line in lines
        if not (warning_line(line) and (stated or carried_on(line)))
        and not (stated and retry_line(line))
    ]
    return text if len(kept) == len(lines) else "\n".join(kept)


def test_focus_as_before() -> None:
    from whichlayer.parse import text as text_parser

    odd = [
        "WARN x\nError: boom",
        "ERROR: Retrying in 2s\nERROR: failed: 429",
        "error: RECONNECTING... 2/5\nerror: stream disconnected",
        "WARNING: defaulting to x\nok",
        "warning: falling back\r\nError: 500",
        "ERROR: retrYıng 1/5\nERROR: bad",  # dotless i: the patterns' folding reads it as i
        "ERROR: reconnectİng\nERROR: bad",
        "Wärn\nERROR: x",
    ]
    dropped = 0
    for text in [*corpus_inputs(), *odd]:
        want = _focus_reference(text)
        assert text_parser.focus(text) == want, text[:200]
        dropped += want != text
    assert dropped > 5
    assert _focus_reference(odd[5]) == "ERROR: bad"  # the dotless i case is one of them


def _catalogue_reference(view: Any) -> list[Any]:
    """``catalogue.candidates`` as it was: every row of each provider module the index names
    for one of the input's body values, documented phrases or its status, best first."""
    from whichlayer.providers._index import load as load_index
    from whichlayer.rules import catalogue

    index = load_index()
    modules: set[str] = set()
    for field in ("code", "type", "status_text", "reason"):
        for value in view.fields(field):
            modules.update(index.get(field, {}).get(value, ()))
    for word in view.keywords:
        modules.update(index.get("phrase", {}).get(word, ()))
    if view.ev.status is not None:
        modules.update(index.get("status", {}).get(str(view.ev.status), ()))
    found = [rule for module in sorted(modules) for rule in catalogue.provider_rules(module)]
    found.sort(key=lambda rule: -rule.priority)
    return found


def _ordered_reference(view: Any) -> list[Any]:
    """``classify._ordered`` as it was: the engine rules picked bit by bit from the keyword
    masks, and the catalogue rows of :func:`_catalogue_reference` inserted ahead of engine
    rules of equal priority."""
    import bisect

    from whichlayer import classify as cl

    free = sum(1 << i for i, rule in enumerate(cl._BY_PRIORITY) if rule.keywords is None)
    masks: dict[str, int] = {}
    for i, rule in enumerate(cl._BY_PRIORITY):
        for word in rule.keywords or ():
            masks[word] = masks.get(word, 0) | (1 << i)
    mask = free
    for word in view.keywords:
        mask |= masks.get(word, 0)
    rules = [rule for i, rule in enumerate(cl._BY_PRIORITY) if mask >> i & 1]
    negated = [-rule.priority for rule in rules]
    for rule in reversed(_catalogue_reference(view)):
        rules.insert(bisect.bisect_left(negated, -rule.priority), rule)
    return rules


def test_rules_tried_as_before() -> None:
    """On every labelled input: the catalogue rows now tried (only those reading a value
    the input carries) are among the rows tried before, in the same order, and the rules
    that fire, in the order the engine meets them, are the same (so ``_scored``, whose
    answer depends on nothing else, is unchanged); the engine's candidate rules, gathered
    from per-keyword places instead of bit masks, are the same rules in the same order."""
    import whichlayer
    from whichlayer import classify as cl
    from whichlayer.rules import catalogue
    from whichlayer.rules.view import View

    fewer = fired_rows = 0
    for text in corpus_inputs():
        view = View(whichlayer.to_evidence(text))
        before = _catalogue_reference(view)
        now = catalogue.candidates(view)
        places = {id(rule): i for i, rule in enumerate(before)}
        assert all(id(rule) in places for rule in now), text[:200]
        assert [places[id(rule)] for rule in now] == sorted(places[id(rule)] for rule in now)
        fired_before = [rule.id for rule in before if rule.run(view) is not None]
        assert [rule.id for rule in now if rule.run(view) is not None] == fired_before
        fewer += len(before) - len(now)
        fired_rows += len(fired_before)
        engine = [rule for rule in _ordered_reference(view) if rule.id.split(".")[0] != "catalogue"]
        assert cl._candidates(view) == engine, text[:200]
        fired = [rule.id for rule in _ordered_reference(view) if rule.run(view) is not None]
        assert [rule.id for rule in cl._ordered(view) if rule.run(view) is not None] == fired
    assert fewer > 10_000 and fired_rows > 100  # the test reached rows of both kinds


#: The Evidence fields ``parse_text`` leaves to a deferred step.
DEFERRED = ("request_ids", "retry_after_s", "limits", "model", "client")


def _scanned_at_once(text: str) -> list[Any]:
    """The deferred fields ``parse_text`` finds for ``text``, its deferred scans run the
    moment it returns (as they ran inside it before they were deferred)."""
    from whichlayer.parse.text import parse_text

    ev = parse_text(text)
    assert ev._later is not None  # the scans are pending
    ev._settle()
    return [getattr(ev, "_" + name) for name in DEFERRED]


def test_deferred_text_scans_read_as_if_run_at_once() -> None:
    """An Evidence's request ids, retry hint, limits, model and client, scanned for only
    when first used, are those the scans give at once, on every labelled input, whichever
    field is used first; a field assigned first keeps what was assigned and the others are
    still found."""
    from whichlayer.parse.text import parse_text

    found = dict.fromkeys(DEFERRED, 0)
    for text in corpus_inputs()[::3]:
        at_once = _scanned_at_once(text)
        for first in DEFERRED:
            ev = parse_text(text)
            getattr(ev, first)
            assert [getattr(ev, name) for name in DEFERRED] == at_once, (first, text[:200])
        ev = parse_text(text)
        ev.model = "set-by-hand"
        expected = [*at_once[:3], "set-by-hand", at_once[4]]
        assert [getattr(ev, name) for name in DEFERRED] == expected, text[:200]
        for name, value in zip(DEFERRED, at_once, strict=True):
            found[name] += bool(value)
    assert min(found.values()) > 20, found  # the scans found something to compare


def test_a_pending_diagnosis_reads_as_one_put_into_words_at_once() -> None:
    """``explain`` of a text decides the verdict and puts the rest into words when first
    used: the same Diagnosis, field for field, as ``classify`` makes at once from the same
    text, on every labelled input; it pickles; a field assigned first keeps what was
    assigned; and an Evidence the caller passes is put into words at once."""
    import pickle

    import whichlayer
    from whichlayer.classify import classify

    for text in corpus_inputs()[::2]:
        pending = whichlayer.explain(text)
        assert pending._later is not None
        made = classify(whichlayer.to_evidence(text))
        assert pending == made and pending.to_dict() == made.to_dict(), text[:200]
    text = "Error code: 429 - rate limit reached for requests"
    pending = whichlayer.explain(text)
    assert pickle.loads(pickle.dumps(pending)) == pending and pending._later is None
    pending = whichlayer.explain(text)
    pending.summary = "by hand"
    made = classify(whichlayer.to_evidence(text))
    assert pending.summary == "by hand" and pending.actions == made.actions
    ev = whichlayer.to_evidence("Error code: 401 - invalid api key")
    assert whichlayer.explain(ev)._later is None
