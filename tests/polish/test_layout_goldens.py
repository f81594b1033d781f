"""One layout at any width: explain, check --offline, report, demo and rules, through a real
pseudo-terminal at 60, 80 and 120 columns and piped, compared with golden files.

Timings, ports, ids and versions are normalised. Regenerate the goldens after an intended
change with ``WHICHLAYER_UPDATE_GOLDENS=1 pytest tests/polish/test_layout_goldens.py``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from .ptyrun import Ran, in_pty, piped

GOLDENS = Path(__file__).parent / "goldens"
WIDTHS = (60, 80, 120)
UPDATE = os.environ.get("WHICHLAYER_UPDATE_GOLDENS") == "1"

PASTE = (
    "Traceback (most recent call last):\n"
    '  File "app.py", line 3, in <module>\n'
    "openai.RateLimitError: Error code: 429 - {'error': {'message': 'Rate limit reached for "
    "gpt-4o in organization org-abc on requests per min (RPM): Limit 500, Used 500, Requested "
    "1. Please try again in 120ms. Visit https://platform.openai.com/account/rate-limits to "
    "learn more.', 'type': 'requests', 'param': None, 'code': 'rate_limit_exceeded'}}\n"
    "POST https://api.openai.com/v1/chat/completions\n"
    "x-request-id: req_1234567890abcdef\n"
)
#: name -> (arguments, extra environment)
COMMANDS: dict[str, tuple[list[str], dict[str, str]]] = {
    "explain": (["explain", "--all", "--file", "{paste}"], {}),
    "check": (["check", "--offline"], {"OPENAI_API_KEY": "sk-test", "PATH": "/nonexistent"}),
    "report": (["report", "--no-clis", "--file", "{paste}"], {"PATH": "/nonexistent"}),
    "demo": (["demo"], {}),
    "rules": (["rules"], {}),
}

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[()][A-Z0-9]")
_NORMALISE = [
    (re.compile(r"127\.0\.0\.1:\d+"), "127.0.0.1:PORT"),
    (re.compile(r"\b\d+(?:\.\d+)? ms\b"), "N ms"),
    (re.compile(r"\(\d+\.\d s\)"), "(N s)"),
    (re.compile(r"\bafter \d+ s\b"), "after N s"),
    (re.compile(r"\breq_[A-Za-z0-9]{10,}"), "req_ID"),
    (re.compile(r"\b\d{6,}\b"), "NUMBER"),
    (re.compile(r"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"), "TIME"),
    (re.compile(r"whichlayer \d+\.\d+\.\d+\S*"), "whichlayer VERSION"),
    (re.compile(r"[ \t]+\n"), "\n"),
]
#: The report's environment table lists this machine's packages and OS.
_ENVIRONMENT = re.compile(r"### Environment\n.*?(?=\n### )", re.S)


def normalise(text: str) -> str:
    text = _ANSI.sub("", text).replace("\r", "")
    text = _ENVIRONMENT.sub("### Environment\n(this machine)\n", text)
    for pattern, repl in _NORMALISE:
        text = pattern.sub(repl, text)
    return text


def _run(name: str, mode: str, width: int, tmp_path: Path) -> Ran:
    args, env = COMMANDS[name]
    paste = tmp_path / "paste.txt"
    paste.write_text(PASTE, encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    argv = [a.replace("{paste}", str(paste)) for a in args]
    runner = in_pty if mode == "pty" else piped
    ran = runner(argv, home, width, cwd=home, env=env, timeout=90)
    assert ran.code in (0, 1), (name, mode, width, ran.code, ran.out, ran.err)
    assert "Traceback" not in ran.err
    return ran


def _compare(path: Path, text: str) -> None:
    if UPDATE or not path.exists():
        assert UPDATE, f"no golden {path.name}: run with WHICHLAYER_UPDATE_GOLDENS=1"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs"


def _no_broken_words(text: str, width: int) -> None:
    """Every line fits, or is one unbreakable word (a URL) on a line of its own."""
    for line in text.splitlines():
        if cell_len(line) > width:
            words = line.split()
            assert len(words) == 1 or cell_len(line.split()[-1]) > width // 2, (width, line)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_terminal_layout_at_three_widths(name: str, tmp_path: Path) -> None:
    for width in WIDTHS:
        ran = _run(name, "pty", width, tmp_path)
        screen = _ANSI.sub("", ran.out).replace("\r", "")
        if name != "report":  # Markdown is for pasting, not for the terminal's width
            _no_broken_words(screen, width)
        _compare(GOLDENS / f"{name}.pty{width}.txt", normalise(ran.out))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_piped_output_is_one_layout_at_any_width(name: str, tmp_path: Path) -> None:
    raw = [_run(name, "piped", width, tmp_path).out for width in WIDTHS]
    assert not any("\x1b[" in out for out in raw), "colour codes in piped output"
    outs = {normalise(out) for out in raw}
    assert len(outs) == 1, f"{name}: piped output depends on COLUMNS"
    _compare(GOLDENS / f"{name}.piped.txt", outs.pop())
