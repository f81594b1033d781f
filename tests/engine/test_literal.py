"""The prefilter literals can never reject a real match.

For every gated alternative used by the rules and the parsers, strings that
hypothesis generates to match it must contain its literal: otherwise the
prefilter would hide a match.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whichlayer.parse import signals
from whichlayer.rules.literal import alternatives, gated, literals_in, required_literal


def _rule_patterns() -> list[str]:
    import ast
    from pathlib import Path

    import whichlayer.rules as rules_package

    out = []
    for path in Path(rules_package.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "text":
                arg = node.args[0]
                if isinstance(arg, ast.Name):  # a pattern shared by several rules
                    out.append(getattr(_rules_module(path), arg.id))
                else:
                    out.append(ast.literal_eval(arg))
    return out


def _rules_module(path):
    import importlib

    return importlib.import_module(f"whichlayer.rules.{path.stem}")


RULE_ALTERNATIVES = [(alt, 0) for p in _rule_patterns() for alt in alternatives(p)]
SIGNAL_ALTERNATIVES = [
    (rx.pattern, rx.flags & re.IGNORECASE)
    for group in (*signals._STATUS_PATTERNS, *signals._RETRY_PATTERNS, *signals._MODEL_PATTERNS)
    for _lit, rx in group
]


@pytest.mark.parametrize(
    ("alt", "flags"), RULE_ALTERNATIVES + SIGNAL_ALTERNATIVES, ids=lambda x: str(x)[:40]
)
def test_generated_matches_contain_the_literal(alt, flags):
    # The @given test is built per case rather than parametrized directly:
    # hypothesis's pytest plugin chains one settings object per parametrized
    # case onto the test function, and with the CI profile (database=None,
    # picked when CI=true) reading that chain recurses once per link, which
    # overflows the stack after a few hundred cases.
    literal = required_literal(alt)
    if literal is None:
        return
    needle = literal.lower() if flags else literal

    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(sample=st.from_regex(re.compile(alt, flags), fullmatch=True))
    def check(sample: str) -> None:
        lowered = sample.lower() if flags else sample
        assert needle in lowered, (alt, sample)
        if not flags:
            assert literal in literals_in(f"x {sample} y"), (alt, sample)

    check()


def test_literal_examples():
    assert required_literal(r"incorrect api key") == "incorrect api key"
    assert required_literal(r"tokens? per min") == " per min"
    assert required_literal(r"\b(req_[a-z]{16})\b") == "req_"
    assert required_literal(r"x(?:abc|xyz)qq") is None
    assert required_literal(r"[^\n]{0,60}(?:x)?abc") == "abc"
    assert required_literal(r"无可用渠道") == "无可用渠道"
    assert [lit for lit, _ in gated(r"ab(?:c|d)e|fgh")] == [None, "fgh"]


def test_literal_table_is_current():
    """The generated table only saves start-up time; keep it in step with the patterns."""
    from pathlib import Path

    from whichlayer.literal_table import render_table
    from whichlayer.rules import literal

    table = Path(literal.TABLE_FILE)
    assert table.read_text(encoding="utf-8") == render_table(), (
        "patterns changed: run `python -m whichlayer.literal_table`"
    )
