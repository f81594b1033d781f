"""The keyword prefilter can never hide a real match.

Every phrase row states its keywords (``whichlayer.prefilter``). For every
pattern row of the rules and the parsers, strings that hypothesis generates to
match it must contain one of its keywords, and the keyword index must find it:
otherwise the prefilter would hide a match.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whichlayer.parse import signals
from whichlayer.prefilter import Keywords, Phrase
from whichlayer.rules import ALL_RULES, ORIGIN_RULES

RULE_ROWS = [
    (phrase.pattern, phrase.keywords, 0)
    for rule in (*ALL_RULES, *ORIGIN_RULES)
    for phrase in rule.phrases
    if not phrase.plain
]
SIGNAL_ROWS = [
    (rx.pattern, (keyword,), rx.flags & re.IGNORECASE)
    for table in (
        signals._STATUS_PATTERNS,
        signals._RETRY_PATTERNS,
        signals._MODEL_PATTERNS,
        signals._HOST_PATTERNS,
        *(entry[0] for entry in signals._REASON_STATUS),
        *(entry[0] for entry in signals._ID_PATTERNS),
        *(entry[0] for entry in signals._LIMIT_PATTERNS),
    )
    for group in ([table] if isinstance(table, list) else table)
    for keyword, rx in (group if isinstance(group, list) else [group])
    if keyword is not None
]


def test_tables_were_read():
    assert len(RULE_ROWS) > 300
    assert len(SIGNAL_ROWS) > 100


@pytest.mark.parametrize(
    ("pattern", "keywords", "flags"), RULE_ROWS + SIGNAL_ROWS, ids=lambda x: str(x)[:40]
)
def test_generated_matches_contain_a_keyword(pattern, keywords, flags):
    # The @given test is built per case rather than parametrized directly:
    # hypothesis's pytest plugin chains one settings object per parametrized
    # case onto the test function, and with the CI profile (database=None,
    # picked when CI=true) reading that chain recurses once per link, which
    # overflows the stack after a few hundred cases.
    needles = [k.lower() for k in keywords] if flags else list(keywords)
    index = Keywords(needles)

    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(sample=st.from_regex(re.compile(pattern, flags), fullmatch=True))
    def check(sample: str) -> None:
        text = sample.lower() if flags else sample
        assert any(k in text for k in needles), (pattern, sample)
        assert index.present(f"x {text} y"), (pattern, sample)

    check()


def test_rule_phrases_are_lower_case():
    """Rules read lower-cased text: a phrase or keyword with a capital could never match."""
    for rule in (*ALL_RULES, *ORIGIN_RULES):
        for phrase in rule.phrases:
            for word in phrase.keywords:
                assert word == word.lower(), (rule.id, word)


def test_plain_phrase_is_its_own_keyword():
    phrase = Phrase("credit balance is too low")
    assert phrase.plain and phrase.keywords == ("credit balance is too low",)
    assert phrase.find("your credit balance is too low.") == "credit balance is too low"
    row = Phrase(r"budget (?:has been )?exceeded", "budget")
    assert not row.plain and row.find("budget has been exceeded") == "budget has been exceeded"
    assert row.find("budget was fine") is None


def test_keyword_index_finds_overlapping_words_once():
    index = Keywords(["rate limit", "limit", "余额不足"])
    assert index.present("rate limit hit; 余额不足") == {"rate limit", "limit", "余额不足"}
    assert index.present("nothing here") == frozenset()
    # lone surrogates (a broken paste) do not stop the search
    assert index.present("limit \ud800") == {"limit"}


def test_keywords_cannot_be_added_after_the_index_is_built():
    index = Keywords(["a"])
    index.present("a")
    with pytest.raises(RuntimeError):
        index.add(["b"])


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(alphabet=st.sampled_from(list("ab \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000"))))
def test_folding_white_space_is_the_regex_fold(part):
    from whichlayer.rules.view import _fold

    assert _fold(part) == re.sub(r"\s+", " ", part)
