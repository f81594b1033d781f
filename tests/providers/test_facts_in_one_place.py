"""Provider facts live in the registry (``whichlayer/providers/``) only: no provider host or
key prefix is written as a string anywhere else in the package, except where the short
allow-list below says why.

Read from the source: every string constant of every module outside ``providers/`` (not
docstrings, comments, nor the ``samples``, ``near_misses`` and ``examples`` of rules and
detectors: those are real texts, which quote hosts and keys as users see them), searched
for each host and key prefix the registry states (also in its regex-escaped form).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import whichlayer
from whichlayer.providers import all_providers
from whichlayer.redact.detectors import by_id

PACKAGE = Path(whichlayer.__file__).parent
#: Real texts quoted as samples: they say hosts and keys the way users see them.
_SAMPLE_ARGUMENTS = frozenset({"samples", "near_misses", "examples"})

#: (path below whichlayer/, or a folder ending in "/") -> why a provider literal may stand there.
ALLOWED: dict[str, str] = {
    "redact/detectors.py": "the redactor's patterns and their public prefixes: the registry "
    "points at them by detector id (Provider.keys) and names their platform",
    "redact/_samples.py": "the canary keys and texts the detectors' own samples are made of",
    "simulate/": "the simulator imitates providers: the keys and the wording it emits",
    "check/findings.py": "prose that names the key kind and host a finding is about",
    "check/clients/sdk.py": "prose: the Azure endpoint's shape and key kinds in a fix",
    "check/clients/claude_code.py": "prose: the key kind and server style in a finding",
    "check/clients/gemini_cli.py": "prose: the key kind in a fix",
    "check/clients/codex.py": "Codex's own built-in provider table (its ChatGPT and Bedrock "
    "endpoints), as Codex ships it",
    "cli/probe.py": "--help examples",
}


def _facts() -> dict[str, str]:
    detectors = by_id()
    facts: dict[str, str] = {}
    for provider in all_providers():
        prefixes = [detectors[k].prefix for k in provider.keys]
        prefixes += [*provider.key_prefixes, *(prefix for prefix, _ in provider.key_kinds)]
        for fact in (*(h.lstrip(".-") for h in provider.hosts), *prefixes):
            if fact and fact != "sk-":  # bare sk- is every imitator's: no provider's fact
                facts[fact] = provider.id
    return facts


FACTS = _facts()


def _strings(tree: ast.Module) -> Iterator[ast.Constant]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):  # docstring
            skip.add(id(first.value))
        if isinstance(node, ast.keyword) and node.arg in _SAMPLE_ARGUMENTS:
            skip.update(id(sub) for sub in ast.walk(node.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node


def _allowed(rel: str) -> bool:
    return any(rel == key or (key.endswith("/") and rel.startswith(key)) for key in ALLOWED)


def _literals(rel: str, source: str) -> list[str]:
    found = []
    for node in _strings(ast.parse(source)):
        for fact, provider in FACTS.items():
            if fact in node.value or re.escape(fact) in node.value:
                found.append(f"{rel}:{node.lineno}: {fact!r} ({provider}'s)")
    return found


def test_the_registry_states_hosts_and_key_prefixes():
    assert {"api.openai.com", "sk-ant-api03-", "generativelanguage.googleapis.com"} <= set(FACTS)
    assert {"dashscope.aliyuncs.com", "gsk_", "nvapi-", "sk-ant-oat"} <= set(FACTS)


def test_no_provider_host_or_key_prefix_outside_the_registry():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith("providers/") or _allowed(rel):
            continue
        found += _literals(rel, path.read_text(encoding="utf-8"))
    assert not found, "provider facts belong in whichlayer/providers/:\n" + "\n".join(found)


def test_every_allowed_place_still_needs_its_exception():
    """The allow-list stays short: an entry whose file no longer holds a provider literal goes."""
    for key in ALLOWED:
        paths = [PACKAGE / key] if not key.endswith("/") else sorted((PACKAGE / key).rglob("*.py"))
        assert any(_literals(key, p.read_text(encoding="utf-8")) for p in paths if p.exists()), (
            f"{key} holds no provider literal any more: remove it from ALLOWED"
        )


@pytest.mark.parametrize(
    "source",
    [
        'BASE = "https://api.groq.com/openai/v1"',
        "PATTERN = r'dashscope\\.aliyuncs\\.com'",
        'PREFIXES = ("sk-ant-api03-",)',
        'def f():\n    return f"{x} at api.deepseek.com"',
    ],
)
def test_the_scan_catches_a_literal(source: str) -> None:
    assert _literals("x.py", source)


@pytest.mark.parametrize(
    "source",
    [
        '"""A docstring may name api.openai.com."""',
        "# a comment may too: api.openai.com\nX = 1",
        'Rule("x", samples=("POST https://api.openai.com/v1/chat/completions 429",))',
        'KEY = "sk-"',
    ],
)
def test_the_scan_passes_docs_samples_and_bare_sk(source: str) -> None:
    assert not _literals("x.py", source)
