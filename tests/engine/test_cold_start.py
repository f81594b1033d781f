"""What keeps ``whichlayer explain``'s cold start short changes no answer.

- ``prefilter.Keywords`` answers its first, short searches by a substring test per keyword
  instead of building its automaton: both ways must find the same keywords, on every
  labelled input (as the rules and the parser search them) and on text the automaton
  cannot read as it is (lone surrogates);
- the records on the explain path are plain classes (``whichlayer._record``), not
  dataclasses: they must compare, print, hash, refuse assignment and pickle as the
  dataclasses did;
- the explain command imports none of the modules it does not need (``dataclasses`` and
  ``inspect``, ``ast``, ``typing``'s runtime, the other commands' modules).
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import whichlayer
from whichlayer import prefilter
from whichlayer.diagnosis import Diagnosis, Fact
from whichlayer.evidence import ErrorBody, Evidence, RequestId
from whichlayer.parse import signals
from whichlayer.redact import fingerprint
from whichlayer.rules import ALL_RULES, base
from whichlayer.rules.view import View
from whichlayer.taxonomy import Cause, Layer, Origin, Retry

ROOT = Path(__file__).resolve().parents[2]


def _inputs() -> list[str]:
    texts = []
    for path in sorted((ROOT / "corpus").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["input"])
    return texts


def _both_ways(words: set[str], texts: list[str]) -> None:
    """Every text searched by substring tests and by the automaton: the same keywords."""
    scanning = prefilter.Keywords(words)
    automaton = prefilter.Keywords(words)
    automaton.present("x" * (prefilter.SCAN_BUDGET + 1))  # past the budget: built
    assert automaton._finder is not None
    for text in texts:
        scanning._scanned = 0  # every search below the budget
        found = scanning.present(text)
        assert scanning._finder is None
        assert found == automaton.present(text), text[:200]


def test_substring_tests_find_what_the_automaton_finds() -> None:
    whichlayer.explain("warm")  # every keyword registered, the catalogue's phrases too
    texts = _inputs()
    views = [View(whichlayer.to_evidence(t)).hay for t in texts]
    odd = ["rate limit \ud800 exceeded", "\udfff?quota", "x\ud83d", "limite de débit \udc80"]
    _both_ways(set(base.KEYWORDS._frozen or ()), views + odd)
    lower = [t.lower() for t in texts if len(t) <= prefilter.SCAN_BUDGET]
    _both_ways(set(signals.GATE_LITERALS), lower + odd)


def test_the_automaton_is_built_once_the_scans_would_cost_more() -> None:
    index = prefilter.Keywords(["quota", "rate limit"])
    assert index.present("a quota") == {"quota"}
    assert index._finder is None and index.built
    with pytest.raises(RuntimeError):
        index.add(["late"])
    assert index.present("rate limit " * 600) == {"rate limit"}  # a long text: built
    assert index._finder is not None
    assert index.present("quota and rate limit") == {"quota", "rate limit"}


def test_records_behave_as_the_dataclasses_did() -> None:
    body = ErrorBody("openai", 429, code="rate_limit_exceeded")
    assert body == ErrorBody("openai", 429, code="rate_limit_exceeded")
    assert body != ErrorBody("openai", 500)
    assert body.reasons == [] and body.reasons is not ErrorBody("x").reasons
    assert repr(RequestId("req_1", Origin.UPSTREAM, "x-request-id")) == (
        "RequestId(value='req_1', party=<Origin.UPSTREAM: 'upstream'>, source='x-request-id')"
    )
    ev = Evidence("text", status=429, bodies=[body])
    same = ErrorBody("openai", 429, code="rate_limit_exceeded")
    assert ev == Evidence("text", status=429, bodies=[same])
    with pytest.raises(TypeError):
        hash(ev)  # as a dataclass with eq=True: unhashable
    with pytest.raises(AttributeError):
        ev.not_a_field = 1  # type: ignore[attr-defined]  # slots
    d = Diagnosis(Layer.QUOTA, Cause.UNKNOWN, Origin.UNKNOWN, Retry.NEVER, 0.5, "s")
    assert d.facts == [] and d.candidates == [] and d == pickle.loads(pickle.dumps(d))
    assert Fact("r", "s") == Fact("r", "s", {})

    rule = ALL_RULES[0]
    assert hash(rule) == hash(rule.replace())
    assert rule == rule.replace() and rule.replace(priority=1).priority == 1
    assert rule.replace(confidence=0.1) != rule
    with pytest.raises(AttributeError):
        rule.priority = 3  # type: ignore[misc]  # frozen
    key = fingerprint("sk-" + "a1B2" * 12)
    assert pickle.loads(pickle.dumps(key)) == key and {key: 1}[key] == 1
    assert f"{key!r}".startswith("KeyFingerprint(platform=")


def test_explain_imports_only_what_it_needs() -> None:
    code = (
        "import sys; sys.argv = ['whichlayer', 'explain', sys.argv[1]]\n"
        "from whichlayer.cli import main\n"
        "main(); print(' '.join(sorted(sys.modules)), file=sys.stderr)"
    )
    text = (  # bench/speed.py's one-line error
        "openai.RateLimitError: Error code: 429 - {'error': {'message': 'Rate limit reached "
        "for gpt-4o on tokens per min (TPM): Limit 30000, Used 29000, Requested 2000.'}}"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
    out = subprocess.run(
        [sys.executable, "-c", code, text],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env=env,
    )
    assert "rate_limit" in out.stdout
    loaded = set(out.stderr.split())
    for name in ("dataclasses", "inspect", "ast", "typing", "whichlayer.cli.check"):
        assert name not in loaded, name


def test_explain_leaves_the_collector_as_it_found_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import gc

    from whichlayer.cli import main

    assert gc.isenabled()
    assert main(["explain", "--json", "HTTP 429 Too Many Requests"]) == 0
    assert gc.isenabled()
    assert json.loads(capsys.readouterr().out)["layer"] == "rate_limit"
    gc.disable()
    try:
        assert main(["explain", "--json", "HTTP 429 Too Many Requests"]) == 0
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_model_rows_found_by_bisection_are_the_dicts() -> None:
    """A head finds its features' rows by bisecting its sorted ids until it has been used
    enough to make its dict (``infer.ROWS_AFTER``): the same rows, for every labelled
    input, in every head."""
    from whichlayer.model import features, infer

    model = infer.current()
    assert model is not None
    heads = [model.layer, *model.causes.values()]
    for head in heads:
        ids = list(head._ids)
        assert ids == sorted(set(ids))  # the format's promise the bisection needs
        assert head.rows  # made: below, the dict's answer beside the bisection's
    for text in _inputs():
        feats, _names = features.read(whichlayer.to_evidence(text))
        for head in heads:
            uses, made, head._uses, head._rows = head._uses, head._rows, 0, None
            try:
                bisected = head._rows_of(feats)
                assert head._rows is None
            finally:
                head._uses, head._rows = uses, made
            had, rows = head._rows_of(list(feats))  # (a list: read as a set)
            assert sorted(zip(*bisected, strict=True)) == sorted(zip(had, rows, strict=True)), text[
                :100
            ]
            assert dict(zip(had, rows, strict=True)) == {
                f: head.rows[f] for f in feats if f in head.rows
            }
