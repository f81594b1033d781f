"""The examples in docs/redaction.md and docs/report.md run, and say what they claim."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from whichlayer.cli import main
from whichlayer.redact import DETECTORS

DOCS = Path(__file__).resolve().parents[2] / "docs"
PYTHON_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
CONSOLE_LINE = re.compile(r"^\$ (whichlayer .*)$", re.MULTILINE)


def _blocks(name: str) -> list[str]:
    return PYTHON_BLOCK.findall((DOCS / name).read_text())


@pytest.mark.parametrize(
    ("name", "index"),
    [(name, i) for name in ("redaction.md", "report.md") for i in range(len(_blocks(name)))],
)
def test_python_examples_run(name: str, index: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DOCS.parent)
    exec(compile(_blocks(name)[index], f"{name}[{index}]", "exec"), {})


def test_every_detector_is_documented() -> None:
    text = (DOCS / "redaction.md").read_text()
    for d in DETECTORS:
        assert f"`{d.id}`" in text, d.id


def test_console_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "error.txt").write_text(
        'Error code: 429 - {"error": {"code": "rate_limit_exceeded"}}'
    )
    (tmp_path / "check.json").write_text('{"targets": []}')
    commands = CONSOLE_LINE.findall((DOCS / "report.md").read_text())
    assert commands
    for command in commands:
        argv = shlex.split(command.split(" | ")[0].split(" < ")[0])[1:]
        if "-" in argv:
            continue  # stdin examples are covered by tests/report/test_report.py
        assert main([*argv, "--no-clis"] if argv[0] == "report" else argv) == 0, command
