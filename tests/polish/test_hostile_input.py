"""The hostile-input set: no Python value (None, [], {}, True, reprs) ever reaches a person,
empty or binary input is a usage error (exit 2), and nothing raises."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from whichlayer.cli import main

HOSTILE: dict[str, bytes] = {
    "empty": b"",
    "whitespace": b"   \n\t\n",
    "binary": bytes(range(256)) * 40,
    "nul bytes": b"\x00" * 100,
    "huge": (b"x" * 1000 + b"\n") * 3000 + b"HTTP 429 Too Many Requests",
    "control characters": b"\x1b[31mError\x1b[0m \x07\x08 HTTP 500 \x1b]0;title\x07 internal",
    "unicode": "错误 429 请求过多 \u202eRTL\u202c 🤖 ¿qué? Ошибка".encode(),
    "lone surrogate": b"\xed\xa0\x80 HTTP 502 Bad Gateway",
    "json cut short": b'{"error":',
    "json null": b"null",
    "json empty list": b"[]",
    "json empty object": b"{}",
    "json nulls and empties": b'{"error": {"message": null, "code": [], "type": {}}}',
    "json nested message": b'{"error": {"message": {"inner": [1, 2]}, "status": "x"}}',
    "json number": b'{"error": 500}',
    "json boolean": b'{"error": true}',
    "json boolean fields": b'{"error": {"message": false, "code": true}, "status": 429}',
    "status only": b"500",
    "deep json": b'{"error":' * 200 + b"1" + b"}" * 200,
}
#: A Python value or repr where words belong.
REPR = re.compile(
    r"\bNone\b|\[\]|\{\}|\bTrue\b|\bFalse\b|object at 0x|<class |dict_keys|Traceback|"
    r"\\x[0-9a-f]{2}(?![0-9a-f])"
)
#: The report quotes the paste itself; that part is the user's text, not ours.
EXCERPT = re.compile(r"<details><summary>The error as pasted.*?</details>", re.S)
COMMANDS = [["explain"], ["explain", "--markdown"], ["explain", "--all"], ["report"]]
EMPTY = {"empty", "whitespace", "binary", "nul bytes"}


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(args)
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_no_python_value_in_human_output(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("HOME", str(tmp_path))
    path = tmp_path / "paste.txt"
    path.write_bytes(HOSTILE[name])
    for command in COMMANDS:
        extra = ["--no-clis"] if command == ["report"] else []
        code, out = _run([*command, *extra, "--file", str(path)], capsys)
        if name in EMPTY:
            assert code == 2, (command, out)
            assert len(out.strip().splitlines()) == 1, out  # one clear line
        else:
            assert code in (0, 1), (command, code, out)
        shown = EXCERPT.sub("", out)
        assert not REPR.search(shown), (command, REPR.findall(shown), shown[:2000])


def test_scan_over_the_hostile_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = []
    for i, data in enumerate(HOSTILE.values()):
        path = tmp_path / f"{i}.log"
        path.write_bytes(data)
        files.append(str(path))
    for fmt in ([], ["--markdown"]):
        code, out = _run(["scan", *fmt, *files], capsys)
        assert code == 0, out
        # scan quotes one example line per cause: a JSON line quoted from the log is the
        # user's text (it has quotes); everything else is ours
        ours = "\n".join(line for line in out.splitlines() if '"' not in line)
        assert not REPR.search(ours), REPR.findall(ours)
        assert "None" not in out and "True" not in out
