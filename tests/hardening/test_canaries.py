"""The canary suite: 42 secret shapes x 33 carriers, drawn fresh each run, leak from no output.

Every output a user can paste publicly is checked: ``explain`` (text,
Markdown, JSON), ``report`` (Markdown, JSON) and ``check`` (text, JSON). A
leak is the secret, or any 10 characters of its private part, in an output.
Precision: 300+ ordinary ids (request ids, UUIDs, hashes, cf-ray,
traceparent, model names, docs URLs) planted between the secrets must come
out of the report unmasked.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from tests.hardening import canaries as cn

from whichlayer.cli import main

OUTPUTS = {
    "explain text": ["explain"],
    "explain markdown": ["explain", "--markdown"],
    "explain json": ["explain", "--json"],
    "report markdown": ["report", "--no-clis"],
    "report json": ["report", "--no-clis", "--json"],
}


def run_cli(args: list[str]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(args)
    return out.getvalue()


@pytest.fixture(scope="module")
def runs() -> list[tuple[str, list[tuple[cn.Shape, str, str]], list[str], dict[str, str]]]:
    done = []
    for text, cases, ids in cn.pastes():
        outputs = {name: run_cli([*args, text]) for name, args in OUTPUTS.items()}
        done.append((text, cases, ids, outputs))
    return done


def test_suite_is_big_enough() -> None:
    assert len(cn.SHAPES) >= 40
    assert len(cn.CARRIERS) >= 25
    assert len(cn.cases()) >= 1000


def test_no_planted_secret_leaks_from_explain_or_report(runs: list) -> None:  # type: ignore[type-arg]
    failures = []
    planted = 0
    for _text, cases, _ids, outputs in runs:
        for shape, carrier, secret in cases:
            planted += 1
            for name, out in outputs.items():
                for fragment in cn.leaks(out, shape, carrier, secret):
                    i = out.find(fragment)
                    failures.append((shape.name, carrier, name, out[max(0, i - 60) : i + 60]))
    print(f"\ncanaries: {planted} secrets ({len(cn.SHAPES)} shapes x {len(cn.CARRIERS)} carriers) "
          f"x {len(OUTPUTS)} outputs, {len(failures)} leaks")  # fmt: skip
    assert not failures, failures[:15]


def test_ordinary_ids_are_never_masked(runs: list) -> None:  # type: ignore[type-arg]
    masked = []
    total = 0
    for _text, _cases, ids, outputs in runs:
        for value in ids:
            total += 1
            for name in ("report markdown", "report json"):
                if value not in outputs[name]:
                    masked.append((name, value))
    print(f"\nprecision: {len(masked)} of {total} ordinary ids masked")
    assert total >= 300
    assert not masked, masked[:15]


def test_json_outputs_stay_valid(runs: list) -> None:  # type: ignore[type-arg]
    for _text, _cases, _ids, outputs in runs:
        for name in ("explain json", "report json"):
            json.loads(outputs[name])


# -- check: keys from the environment, .env files, the command line and the base URL --

CHECK_CARRIERS = ("env", "dotenv", "api-key-flag", "base-url-query")


def _check_outputs(
    tmp: Path, monkeypatch: pytest.MonkeyPatch, carrier: str, secret: str
) -> list[str]:
    home = tmp / "home"
    project = home / "project"
    project.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(project)
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    (project / ".env").write_text("")
    extra: list[str] = ["--client", "openai-python"]
    if carrier == "env":
        monkeypatch.setenv("OPENAI_API_KEY", secret)
    elif carrier == "dotenv":
        (project / ".env").write_text(f"OPENAI_API_KEY='{secret}'\n")
    elif carrier == "api-key-flag":
        # the = form: a planted key may start with "-", which argparse would take for an option
        extra = ["--base-url", "https://relay.test/v1", f"--api-key={secret}"]
    else:
        extra = ["--base-url", f"https://relay.test/v1?api-version=2024-06-01&key={secret}"]
    return [
        run_cli(["check", "--offline", *extra]),
        run_cli(["check", "--offline", "--json", *extra]),
    ]


def test_no_planted_secret_leaks_from_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failures = []
    runs = 0
    for shape in cn.SHAPES:
        for carrier in CHECK_CARRIERS:
            secret = shape.make()
            for out in _check_outputs(tmp_path, monkeypatch, carrier, secret):
                runs += 1
                if cn.leaks(out, shape, carrier, secret):
                    failures.append((shape.name, carrier, out[:400]))
    print(f"\ncheck: {len(cn.SHAPES)} shapes x {len(CHECK_CARRIERS)} carriers, {runs} outputs, "
          f"{len(failures)} leaks")  # fmt: skip
    assert not failures, failures[:5]
