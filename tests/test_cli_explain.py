"""``whichlayer explain`` and ``whichlayer rules`` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from whichlayer.cli import main

QUOTA = (
    "Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your "
    "plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': "
    "'insufficient_quota'}}"
)

GOLDEN = """\
whichlayer: quota / insufficient_balance
The provider reports: the account has no balance or credits left (HTTP 429).

  layer       quota
  cause       insufficient_balance
  origin      upstream
  retry       never
  confidence  0.85
  status      429
  provider    openai

First steps:
  1. Add balance or credits on the platform that answered (the relay, if a relay answered).
  2. Cap max_tokens: some platforms reserve the full output cost before answering.

Why:
  - quota.insufficient_balance.exceeded_quota: OpenAI's 'You exceeded your current quota, \
please check your plan and billing details' (and agents' retelling of it): the prepaid credit \
is used up (or the spend cap hit); Google's and DashScope's use of the same words is left to \
their own rules. [text: exceeded your current quota, please check your plan and billing]
  - origin.upstream: A provider's own error body, or an HTTP status with nothing in between. \
[body format: openai]
"""


def test_plain_text_golden(capsys):
    assert main(["explain", QUOTA]) == 0
    assert capsys.readouterr().out == GOLDEN


def test_json_is_exactly_to_dict(capsys):
    import whichlayer

    assert main(["explain", "--json", QUOTA]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(whichlayer.explain(QUOTA).to_dict()))
    assert set(printed) >= {
        "layer",
        "cause",
        "origin",
        "retry",
        "confidence",
        "status",
        "provider",
        "request_ids",
        "retry_after_s",
        "model",
        "host",
        "path",
        "summary",
        "actions",
        "facts",
    }


def test_markdown(capsys):
    assert main(["explain", "--markdown", QUOTA]) == 0
    out = capsys.readouterr().out
    assert out.startswith("### whichlayer: `quota / insufficient_balance`")
    assert "| retry | `never` |" in out


def test_stdin_and_file(tmp_path, monkeypatch, capsys):
    path = tmp_path / "err.txt"
    path.write_text(
        'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}'
    )
    assert main(["explain", "--json", "--file", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["cause"] == "overloaded"
    proc = subprocess.run(
        [sys.executable, "-m", "whichlayer", "explain", "--json", "-"],
        input=b"ECONNRESET",
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["cause"] == "connection_reset"


def test_unknown_is_still_exit_zero(capsys):
    assert main(["explain", "--json", "hello world"]) == 0
    assert json.loads(capsys.readouterr().out)["cause"] == "unknown"


@pytest.mark.parametrize(
    "argv",
    [
        ["explain", "--file", "/nonexistent/x"],
        ["explain", "a", "--file", "b"],
        ["nope"],
        ["explain", "--json", "--markdown", "x"],
        ["rules", "no.such.rule"],
        [],
    ],
)
def test_usage_errors_exit_2_without_traceback(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse reports its own usage errors this way
        code = exc.code
    assert code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_no_color_and_pipes_get_plain_text():
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "whichlayer", "explain", QUOTA],
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0
    assert b"\x1b[" not in proc.stdout
    assert proc.stdout.decode().startswith("whichlayer: quota / insufficient_balance")


def test_binary_stdin():
    proc = subprocess.run(
        [sys.executable, "-m", "whichlayer", "explain", "--json"],
        input=bytes(range(256)) * 100,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert b"the input is not text" in proc.stderr
    assert proc.stdout == b""


@pytest.mark.parametrize("given", [["explain", ""], ["explain", "  \n\t "], ["report", ""]])
def test_empty_input_is_a_usage_error(given):
    proc = subprocess.run(
        [sys.executable, "-m", "whichlayer", *given],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert b"the input is empty" in proc.stderr
    assert b"None" not in proc.stdout + proc.stderr


def test_an_undecided_diagnosis_never_prints_none(capsys):
    from whichlayer.cli import main

    assert main(["explain", "hello there, all is well today"]) == 0
    out = capsys.readouterr().out
    assert "None" not in out
    assert out.startswith("whichlayer: unknown / unknown")


def test_rules_list_and_explain(capsys):
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    assert "quota.plan_limit" in listing and "origin.upstream" in listing
    assert main(["rules", "quota.plan_limit"]) == 0
    one = capsys.readouterr().out
    assert "quota/plan_limit" in one and "Wins (decides the diagnosis), for example:" in one
    assert "reads       text" in one and "keywords: 'hit your '" in one
    assert main(["rules", "--json", "rate_limit.tpm"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["cause"] == "tpm" and data["reads"] == ["text", "body type"]
    assert {"phrase": "token rate limit", "keywords": ["token rate limit"], "plain": True} in (
        data["phrases"]
    )


def test_secrets_in_the_input_do_not_reach_the_output(capsys):
    key = "sk-proj-" + "A1b2C3d4E5" * 7 + "T3BlbkFJ" + "Z9y8X7w6V5" * 7
    text = f"Error code: 401 - {{'error': {{'message': 'Incorrect API key provided: {key}'}}}}"
    for fmt in ([], ["--json"], ["--markdown"]):
        assert main(["explain", *fmt, text]) == 0
        out = capsys.readouterr().out
        assert key not in out and key[8:40] not in out
