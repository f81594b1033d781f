"""Bench scripts on a fresh clone: their inputs ship in the repository, and a missing input
is one clear line (exit 2), never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("script", ["accuracy.py", "wrappers.py"])
def test_missing_input_is_a_clear_message(script: str, tmp_path: Path) -> None:
    missing = tmp_path / "nope.jsonl"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), str(missing)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert f"cannot read {missing}: No such file or directory" in proc.stderr
    assert proc.stderr.count("\n") == 1


def test_the_default_corpus_is_in_the_repository() -> None:
    assert (ROOT / "corpus" / "dev.jsonl").is_file()
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "accuracy.py")],
        capture_output=True,
        text=True,
        timeout=100,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout.strip()
