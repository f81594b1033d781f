"""The scan's verdict-only judgement (``whichlayer._explain.verdict``) reaches explain's
layer, cause, origin and retry on every input the repository holds: every labelled error
of corpus/, each in every wrapper of bench/wrappers.py, the documentation's examples (the
providers' documented errors and the rules' samples), and every distinct error text the
benchmark's gateway log gives the scan (read by the real reader)."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from whichlayer._explain import explain, to_evidence, verdict
from whichlayer.classify import decide
from whichlayer.scan.engine import Diagnoser, scan_source
from whichlayer.scan.sources import Source

ROOT = Path(__file__).resolve().parents[2]


def _bench(name: str) -> ModuleType:
    """A script of bench/ as a module (bench/ on the path for its own imports)."""
    folder = str(ROOT / "bench")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _corpus() -> list[object]:
    out: list[object] = []
    for path in sorted((ROOT / "corpus").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if isinstance(row, dict) and "input" in row:
                    out.append(row["input"])
    return out


def _docs() -> list[object]:
    from whichlayer.providers import all_providers
    from whichlayer.rules import ALL_RULES

    out: list[object] = [row.sample for p in all_providers() for row in p.errors if row.sample]
    for rule in ALL_RULES:
        out += [s if isinstance(s, str) else s.text for s in rule.samples]
    return out


def _bench_log_texts(folder: Path) -> list[str]:
    """Each labelled error as bench/scan.py writes it into its gateway log (its status and
    its text, in a row of the same shape), read back by the scan's own reader: the texts
    the scan diagnoses on the benchmark's log (which draws from these at random)."""
    scan = _bench("scan")
    log = folder / "gateway.jsonl"
    with log.open("w", encoding="utf-8") as out:
        for i, (status, text) in enumerate(scan.corpus_errors()):
            row = {"ts": 1_764_547_200 + i, "model": "gpt-4o", "key_alias": "team-a"}
            row |= {"request_hash": f"{i:012x}", "status": status, "error": text}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    seen: list[str] = []

    class Recording(Diagnoser):
        def __call__(self, text: str) -> object:  # type: ignore[override]
            if text not in self.memo:
                seen.append(text)
            return super().__call__(text)

    scan_source(Source(str(log)), diagnose=Recording())
    return seen


def _wrapped(kind: str) -> Callable[[], list[object]]:
    def inputs() -> list[object]:
        wrap = _bench("wrappers").WRAPPERS[kind]
        return [wrap(x) for x in _corpus() if isinstance(x, str)]

    return inputs


SETS: dict[str, Callable[[], list[object]]] = {
    "corpus": _corpus,
    "docs": _docs,
    **{f"corpus in wrapper: {k}": _wrapped(k) for k in _bench("wrappers").WRAPPERS},
}


def _paths(inputs: list[object]) -> Iterator[str]:
    """Which way through the decision each input took (so the sets are seen to reach
    the learned fallback's every step, not only the rules)."""
    for x in inputs:
        d = decide(to_evidence(x), reasons=False)
        if d.rule is None:
            yield "nothing decides"
        elif d.guess is not None:
            yield "no rule: the model"
        elif d.learned is not None:
            yield f"weighed: {'overruled' if d.rule.id == 'model.layer' else 'cause named'}"
        elif d.cause_fact is not None:
            yield "tied causes: the cause head"
        else:
            yield "a rule"


def _check(inputs: list[object]) -> Counter[str]:
    wrong = []
    for x in inputs:
        d = explain(x)
        if verdict(x) != (d.layer, d.cause, d.origin, d.retry):
            wrong.append((str(x)[:120], verdict(x), (d.layer, d.cause, d.origin, d.retry)))
    assert not wrong, f"{len(wrong)} of {len(inputs)} differ, e.g. {wrong[:3]}"
    return Counter(_paths(inputs))


@pytest.mark.parametrize("name", list(SETS))
def test_the_verdict_is_explains_on_every_input(name: str) -> None:
    inputs = SETS[name]()
    assert len(inputs) > 300
    paths = _check(inputs)
    if name == "corpus":  # the real errors reach the learned fallback's steps too
        assert {
            "no rule: the model",
            "weighed: overruled",
            "weighed: cause named",
            "a rule",
        } <= set(paths), paths
        # (every labelled error is decided since the translated network rows: an input
        # nothing decides takes the last path, and the verdict reaches explain's there too)
        odd = ["ok", "The weather is nice today."]
        assert _check(odd)["nothing decides"] == len(odd)


def test_the_verdict_is_explains_on_the_benchmarks_log(tmp_path: Path) -> None:
    texts = _bench_log_texts(tmp_path)
    assert len(texts) > 2000  # the 1 GB log's 2,680 distinct errors are among these
    paths = _check(texts)
    assert paths["weighed: cause named"] + paths["weighed: overruled"] > 0


def test_odd_input_gives_the_honest_unknown_as_explain() -> None:
    for x in ["", "ok", b"\xff\xfe", None, 12, {"error": None}, [1, 2]]:
        d = explain(x)
        assert verdict(x) == (d.layer, d.cause, d.origin, d.retry)


def test_tied_causes_are_decided_alike_without_reasons() -> None:
    """The cause head among tied rules (which no labelled error reaches) picks the same
    rule with and without the words of its fact."""
    from whichlayer.classify import _model_cause
    from whichlayer.rules.base import Rule
    from whichlayer.taxonomy import Cause, Layer

    def fires(_view: object) -> dict[str, str]:
        return {}

    rpm = Rule("t.rpm", "t", Layer.RATE_LIMIT, Cause.RPM, fires, priority=50)
    tpm = Rule("t.tpm", "t", Layer.RATE_LIMIT, Cause.TPM, fires, priority=50)
    for text in (
        "Error code: 429 - Rate limit reached for gpt-4o on tokens per min (TPM): "
        "Limit 30000, Used 29000, Requested 4000.",
        "429 Too Many Requests: requests per minute limit reached",
    ):
        ev = to_evidence(text)
        for first, second in ((rpm, tpm), (tpm, rpm)):
            tied = [(50, 0, first, {"a": "1"}), (50, 1, second, {"b": "2"})]
            full = _model_cause(ev, first, {"a": "1"}, tied)
            bare = _model_cause(ev, first, {"a": "1"}, tied, reasons=False)
            assert full[:2] == bare[:2]
            assert (full[2] is None) == (bare[2] is None)
            assert bare[2] is None or bare[2].used == {}  # no features named
