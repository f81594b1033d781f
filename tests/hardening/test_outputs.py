"""Control characters, echoed secrets, truncated input and ``report -o``: regression tests.

Each test plants a fresh random secret (``canaries.r``), so none can pass by
knowing a value.
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.hardening import canaries as cn
from tests.hardening.test_canaries import run_cli

from whichlayer.redact import escape_json_controls, neutralize_controls

# Raw sequences a hostile paste may carry, and C1/bidi/NUL characters.
HOSTILE = (
    "\x1b[2J\x1b[H",  # clear screen, cursor home
    "\x1b]0;pwned\x07",  # OSC window title, BEL
    "\x1b]8;;https://evil.test\x1b\\click\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x9b31m",  # C1 CSI
    "\u202eevil\u202c",  # bidi override
    "\u2066iso\u2069",
    "\x00nul",
    "\x07bell",
)
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c", "\u2066", "\u2069", "\x00")


def _hostile_paste() -> str:
    msg = "Incorrect API key provided. " + "".join(HOSTILE)
    body = json.dumps(
        {"error": {"message": msg, "type": "invalid_request_error", "code": "invalid_api_key"}}
    )
    # The same again JSON-escaped (``\u001b``): the parser decodes it, the output must not.
    escaped = json.dumps({"error": {"message": "\x1b[31mred\x1b[0m \u202e"}}, ensure_ascii=True)
    return (
        f"Error code: 401 - {body}\nx-request-id: req_{cn.r(cn.ALNUM, 20)}\nrelay said: {escaped}\n"
    )


@pytest.mark.parametrize(
    "args",
    [["explain"], ["explain", "--markdown"], ["report", "--no-clis"]],
    ids=["explain-text", "explain-markdown", "report-markdown"],
)
def test_human_outputs_show_control_characters_escaped(args: list[str]) -> None:
    out = run_cli([*args, _hostile_paste()])
    assert not [c for c in RAW if c in out], [hex(ord(c)) for c in RAW if c in out]
    if args[0] == "report":
        assert "\\x1b[2J" in out and "\\u202e" in out  # shown, not swallowed


@pytest.mark.parametrize("args", [["explain", "--json"], ["report", "--no-clis", "--json"]])
def test_json_outputs_stay_valid_with_controls_escaped(args: list[str]) -> None:
    out = run_cli([*args, _hostile_paste()])
    assert not [c for c in RAW if c in out]
    data = json.loads(out)
    assert data


def test_neutralize_is_one_function_for_every_command() -> None:
    text = "a\x1b[2Jb\x07c\x9bd\u202ee\x00f\ng\th\r\ni\rj"
    shown = neutralize_controls(text)
    assert shown == "a\\x1b[2Jb\\x07c\\x9bd\\u202ee\\x00f\ng\th\ni\\x0dj"
    assert neutralize_controls(shown) == shown  # idempotent
    assert json.loads(escape_json_controls(json.dumps(text, ensure_ascii=False))) == text


def _run_on_tty(args: list[str], timeout: float = 30.0) -> str:
    """Run whichlayer with stdout on a real pseudo-terminal (rich output), return what it wrote."""
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(TERM="xterm-256color", COLUMNS="100", WHICHLAYER_REDACT_KEY="tests-hardening")
    proc = subprocess.Popen(
        [sys.executable, "-m", "whichlayer", *args], stdout=slave, stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    os.close(slave)
    chunks = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    proc.wait(timeout=5)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_rich_output_on_a_real_terminal_neutralises_controls() -> None:
    out = _run_on_tty(["explain", _hostile_paste()])
    assert "whichlayer" in out
    # rich's own colours are SGR sequences (ESC [ ... m); nothing else may reach the terminal.
    import re

    without_sgr = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert not [c for c in RAW if c in without_sgr], [hex(ord(c)) for c in RAW if c in without_sgr]


def test_secret_echoed_by_the_provider_is_masked_everywhere() -> None:
    secret = cn.r(cn.ALNUM, 26)  # no telling shape: only ``api_key=`` says it is a key
    paste = f"api_key={secret} session={secret}\nError code: 401 - " + json.dumps(
        {"error": {"message": f"Incorrect API key provided: {secret}.", "code": "invalid_api_key"}}
    )
    for args in (["explain"], ["explain", "--json"], ["explain", "--markdown"],
                 ["report", "--no-clis"], ["report", "--no-clis", "--json"]):  # fmt: skip
        out = run_cli([*args, paste])
        assert secret not in out and secret[4:14] not in out, args
    report = json.loads(run_cli(["report", "--no-clis", "--json", paste]))
    message = report["response"]["error"]["message"]
    assert "Incorrect API key provided: [secret" in message  # masked, the same way as on its line


def test_input_above_the_cap_keeps_its_tail_and_says_so(tmp_path: Path) -> None:
    from whichlayer.cli._io import MAX_INPUT_BYTES

    log = tmp_path / "big.log"
    filler = b"INFO worker heartbeat ok\n" * (MAX_INPUT_BYTES // 25 + 80_000)
    tail = (
        b'Error code: 401 - {"error": {"message": "Incorrect API key provided", '
        b'"code": "invalid_api_key"}}\n'
    )
    log.write_bytes(filler + tail)
    out = run_cli(["explain", "--file", str(log)])
    assert "identity / key_invalid" in out
    assert "truncated" in out
    data = json.loads(run_cli(["explain", "--json", "--file", str(log)]))
    assert data["cause"] == "key_invalid" and "truncated" in data["truncated"]
    md = run_cli(["report", "--no-clis", "--file", str(log)])
    assert "Input truncated" in md and "invalid_api_key" in md.split("The error as pasted")[1]


def test_report_output_refuses_a_symlink_and_writes_0600(tmp_path: Path) -> None:
    target = tmp_path / "victim.txt"
    target.write_text("precious\n")
    link = tmp_path / "report.md"
    link.symlink_to(target)
    from whichlayer.cli import main

    assert main(["report", "--no-clis", "-o", str(link), "Error code: 401"]) == 2
    assert target.read_text() == "precious\n"
    fresh = tmp_path / "fresh.md"
    assert main(["report", "--no-clis", "-o", str(fresh), "Error code: 401"]) == 0
    assert fresh.stat().st_mode & 0o777 == 0o600
    loose = tmp_path / "loose.md"
    loose.write_text("old")
    loose.chmod(0o644)
    assert main(["report", "--no-clis", "-o", str(loose), "Error code: 401"]) == 0
    assert loose.stat().st_mode & 0o777 == 0o600 and "whichlayer report" in loose.read_text()


def test_pem_and_disguised_email_are_masked() -> None:
    body = "\n".join(cn.r(cn.B64, 64) for _ in range(5))
    local = "jane." + cn.r("abcdefghij0123456789", 8)
    email = f"{local}@example-corp.com"
    zero_width = "\u200b".join(email)
    fullwidth = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in email)
    service_account = json.dumps(
        {
            "type": "service_account",
            "private_key": f"-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----\n",
        }
    )
    paste = (
        f"-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----\n"
        f"{service_account}\n"
        f"user {zero_width} was blocked\nuser {fullwidth} was blocked\n"
    )
    for args in (["report", "--no-clis"], ["report", "--no-clis", "--json"]):
        out = run_cli([*args, paste])
        for line in body.splitlines():
            assert line[10:30] not in out
        folded = out.replace("\u200b", "")
        import unicodedata

        folded = unicodedata.normalize("NFKC", folded)
        assert local not in folded, args


def test_check_output_neutralises_controls_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-" + cn.r(cn.ALNUM, 48) + "\x1b[2J")
    monkeypatch.setenv("OPENAI_BASE_URL", "https://relay.test/v1\x1b]0;pwned\x07\u202e")
    for args in (
        ["check", "--offline", "--client", "openai-python"],
        ["check", "--offline", "--json"],
    ):
        out = run_cli(args)
        assert not [c for c in RAW if c in out], [hex(ord(c)) for c in RAW if c in out]
        if "--json" in args:
            json.loads(out)
