"""probe and scan show their work as it happens."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from whichlayer.cli import main

from .ptyrun import in_pty, piped

SAMPLES = Path(__file__).parent.parent / "scan" / "samples"


def test_probe_prints_each_request_as_it_resolves(capsys: pytest.CaptureFixture[str]) -> None:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens here
    args = ["probe", "--base-url", f"http://127.0.0.1:{port}/v1", "--api-key", "sk-test"]
    code = main([*args, "--model", "gpt-4o-mini", "--timeout", "5"])
    out = capsys.readouterr().out
    assert code == 1
    lines = out.splitlines()
    nexts = [i for i, line in enumerate(lines) if line.startswith("  next: ")]
    rows = [i for i, line in enumerate(lines) if line.startswith("    #")]
    assert nexts and rows and nexts[0] < rows[0]
    first = lines[rows[0]]
    assert " ms" in first and "no answer" in first and "connect_refused" in first


def test_scan_shows_a_line_per_file_on_a_terminal_only(tmp_path: Path) -> None:
    files = [str(SAMPLES / "nginx_error.log"), str(SAMPLES / "newapi.log")]
    shown = in_pty(["scan", *files], tmp_path, 100)
    assert shown.code == 0, shown.out
    for i, path in enumerate(files, 1):
        assert f"whichlayer scan: [{i}/2] {path}: " in shown.out
    quiet = piped(["scan", *files], tmp_path, 100)
    assert quiet.code == 0 and "whichlayer scan: [" not in quiet.err + quiet.out
