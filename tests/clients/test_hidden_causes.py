"""Where a client's printed line hides the cause, explain says so: it names the candidates
(in the diagnosis, its JSON and a fact) and sends the user to whichlayer proxy / probe first.

Runs on each hiding rule's own samples, so it needs no client installed.
"""

from __future__ import annotations

import json

import pytest

import whichlayer
from whichlayer import actions
from whichlayer.rules import ALL_RULES

RULES = {rule.id: rule for rule in ALL_RULES}


@pytest.mark.parametrize("rule_id", sorted(actions.HIDDEN_BY_CLIENT))
def test_a_hiding_line_names_its_candidates_and_the_move_that_shows_which(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert len(actions.HIDDEN_BY_CLIENT[rule_id][0]) >= 2 and rule.samples
    for sample in rule.samples:
        d = whichlayer.explain(sample)
        # this rule, or a more specific one that hides the cause too, decides
        decided = d.facts[0].rule
        assert decided in actions.HIDDEN_BY_CLIENT, (sample, decided)
        candidates = actions.HIDDEN_BY_CLIENT[decided][0]
        assert d.candidates == list(candidates)
        assert d.cause in (*candidates, whichlayer.Cause.UNKNOWN)
        assert "whichlayer proxy" in d.actions[0] and "whichlayer probe" in d.actions[0]
        assert "hides the real cause" in d.summary
        shown = json.loads(json.dumps(d.to_dict()))
        assert shown["candidate_causes"] == [c.value for c in candidates]
        fact = next(f for f in shown["facts"] if f["rule"] == "client.hides_cause")
        assert fact["used"]["candidate_causes"] == ", ".join(c.value for c in candidates)


def test_a_line_that_carries_the_cause_names_no_candidates() -> None:
    d = whichlayer.explain(
        "ERROR: unexpected status 503 Service Unavailable: That model is currently overloaded "
        "with other requests."
    )
    assert d.cause == whichlayer.Cause.OVERLOADED
    assert d.candidates == [] and "candidate_causes" not in d.to_dict()
    assert not any("whichlayer proxy" in a for a in d.actions[:1])


def test_the_explain_command_prints_the_candidates_unmasked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The JSON goes through the redactor: the candidates are causes, not prompt text."""
    from whichlayer.cli import main

    main(["explain", "--json", "ERROR: exceeded retry limit, last status: 429 Too Many Requests"])
    out = json.loads(capsys.readouterr().out)
    assert out["candidate_causes"] == ["rpm", "tpm", "concurrency"]
