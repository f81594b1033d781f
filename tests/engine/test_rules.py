"""Every rule's samples reach its conclusion; its near misses do not fire it."""

from __future__ import annotations

import re

import pytest

import whichlayer
from whichlayer.rules import ALL_RULES, BY_ID, ORIGIN_RULES
from whichlayer.rules.view import View
from whichlayer.taxonomy import CAUSE_LAYER, Cause

SAMPLES = [(r, s) for r in ALL_RULES for s in r.samples]
NEAR_MISSES = [(r, s) for r in (*ALL_RULES, *ORIGIN_RULES) for s in r.near_misses]


@pytest.mark.parametrize(("rule", "sample"), SAMPLES, ids=lambda x: getattr(x, "id", "")[:50])
def test_sample_reaches_the_rules_conclusion(rule, sample):
    d = whichlayer.explain(sample)
    assert (d.layer, d.cause) == (rule.layer, rule.cause), d.facts


@pytest.mark.parametrize(("rule", "sample"), NEAR_MISSES, ids=lambda x: getattr(x, "id", "")[:50])
def test_near_miss_does_not_fire(rule, sample):
    view = View(whichlayer.to_evidence(sample))
    assert rule.match(view) is None


def test_ids_are_unique_and_well_formed():
    ids = [r.id for r in (*ALL_RULES, *ORIGIN_RULES)]
    assert len(ids) == len(set(ids)) == len(BY_ID)
    for rule_id in ids:
        assert re.fullmatch(r"[a-z_]+(\.[a-z0-9_]+)+", rule_id), rule_id


def test_every_rule_states_a_reason_and_a_consistent_conclusion():
    for rule in ALL_RULES:
        assert rule.statement.endswith("."), rule.id
        if rule.cause is not Cause.UNKNOWN:
            assert CAUSE_LAYER[rule.cause] is rule.layer, rule.id
        assert 0 < rule.confidence <= 1


def test_most_rules_carry_samples():
    with_samples = sum(1 for r in ALL_RULES if r.samples)
    assert with_samples / len(ALL_RULES) > 0.6
