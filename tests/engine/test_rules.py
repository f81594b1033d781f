"""Every rule WINS its own samples (it is the rule that decides the diagnosis, not merely
one that reaches the same layer); its near misses do not fire it; rule ids are pinned."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import whichlayer
from whichlayer.classify import WEAK_PRIORITY
from whichlayer.evidence import Evidence
from whichlayer.rules import ALL_RULES, BY_ID, ORIGIN_RULES
from whichlayer.rules.base import Sample
from whichlayer.rules.view import View
from whichlayer.taxonomy import CAUSE_LAYER, Cause

SAMPLES = [(r, s) for r in ALL_RULES for s in r.samples]
ORIGIN_SAMPLES = [(r, s) for r in ORIGIN_RULES for s in r.samples]
NEAR_MISSES = [(r, s) for r in (*ALL_RULES, *ORIGIN_RULES) for s in r.near_misses]
PINNED = Path(__file__).with_name("rule_ids.txt")
#: A phrase matcher may list at most this many rows: a longer list is a soup to split by
#: the family each group of phrases states.
MOST_ROWS = 21


def _evidence(sample: str | Sample) -> str | Evidence:
    if isinstance(sample, str):
        return sample
    ev = whichlayer.to_evidence(sample.text)
    for name, value in sample.facts:
        setattr(ev, name, value)
    return ev


def _id(x: object) -> str:
    return getattr(x, "id", "")[:60]


@pytest.mark.parametrize(("rule", "sample"), SAMPLES, ids=_id)
def test_rule_wins_its_sample(rule, sample):
    d = whichlayer.explain(_evidence(sample))
    assert d.facts, "no rule fired"
    assert d.facts[0].rule == rule.id, [f.rule for f in d.facts]
    if rule.cause is Cause.UNKNOWN and rule.priority < WEAK_PRIORITY and d.cause != rule.cause:
        # a bare status rule's unknown cause, named by the learned fallback, which says so
        assert d.layer == rule.layer and [f.rule for f in d.facts][1] == "model.cause"
        return
    assert (d.layer, d.cause) == (rule.layer, rule.cause)


@pytest.mark.parametrize(("rule", "sample"), ORIGIN_SAMPLES, ids=_id)
def test_origin_rule_decides_the_origin_of_its_sample(rule, sample):
    d = whichlayer.explain(_evidence(sample))
    assert rule.id in [f.rule for f in d.facts], [f.rule for f in d.facts]
    assert d.origin is rule.origin


@pytest.mark.parametrize(("rule", "sample"), NEAR_MISSES, ids=_id)
def test_near_miss_does_not_fire(rule, sample):
    view = View(whichlayer.to_evidence(sample))
    assert rule.match(view) is None


def test_every_rule_has_a_sample():
    assert [r.id for r in (*ALL_RULES, *ORIGIN_RULES) if not r.samples] == []


def test_ids_are_unique_and_well_formed():
    ids = [r.id for r in (*ALL_RULES, *ORIGIN_RULES)]
    assert len(ids) == len(set(ids)) == len(BY_ID)
    for rule_id in ids:
        assert re.fullmatch(r"[a-z_]+(\.[a-z0-9_]+)+", rule_id), rule_id


def _pinned() -> dict[str, str]:
    out = {}
    for line in PINNED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rule_id, conclusion = line.split()
            out[rule_id] = conclusion
    return out


def _conclusion(rule) -> str:
    if rule in ORIGIN_RULES:
        return f"origin={rule.origin}"
    return f"{rule.layer}/{rule.cause}"


def test_pinned_ids_keep_their_meaning():
    """An id never disappears and never changes what it concludes: a rule whose meaning
    changes gets a new id (tests/engine/rule_ids.txt)."""
    pinned = _pinned()
    assert len(pinned) > 200
    for rule_id, conclusion in pinned.items():
        assert rule_id in BY_ID, f"rule {rule_id} disappeared: ids are never removed"
        assert _conclusion(BY_ID[rule_id]) == conclusion, f"{rule_id} changed its meaning"


def test_every_rule_is_pinned():
    pinned = _pinned()
    missing = [r.id for r in (*ALL_RULES, *ORIGIN_RULES) if r.id not in pinned]
    assert missing == [], "add these lines to tests/engine/rule_ids.txt: " + "; ".join(
        f"{i}  {_conclusion(BY_ID[i])}" for i in missing
    )


def test_every_rule_states_a_reason_and_a_consistent_conclusion():
    for rule in ALL_RULES:
        assert rule.statement.endswith("."), rule.id
        if rule.cause is not Cause.UNKNOWN:
            assert CAUSE_LAYER[rule.cause] is rule.layer, rule.id
        assert 0 < rule.confidence <= 1


def test_phrase_lists_are_short():
    for rule in (*ALL_RULES, *ORIGIN_RULES):
        assert len(rule.phrases) <= MOST_ROWS, (rule.id, len(rule.phrases))


def test_rules_without_keywords_are_few():
    """Most rules state keywords (a phrase, a body code, a status): only those are run for
    an input whose keywords occur. A rule with none is run on every input."""
    free = [r.id for r in ALL_RULES if r.keywords is None]
    assert len(free) <= 5, free
