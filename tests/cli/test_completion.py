"""Shell completion is generated from the real parser and works in a real bash."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from whichlayer.cli import COMMANDS


def _script(shell: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "whichlayer", "completion", shell],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return out.stdout


def _bash_complete(script: str, words: list[str]) -> list[str]:
    bash = shutil.which("bash")
    assert bash, "bash is part of every machine this project runs on"
    line = " ".join(words)
    program = (
        script
        + f"\nCOMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; COMP_LINE='{line}'; "
        + f"COMP_POINT={len(line)}; _shtab_whichlayer; printf '%s\\n' \"${{COMPREPLY[@]}}\"\n"
    )
    out = subprocess.run(
        [bash, "--norc", "-c", program], capture_output=True, text=True, timeout=30
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_bash_completes_every_command():
    script = _script("bash")
    offered = _bash_complete(script, ["whichlayer", ""])
    for command in COMMANDS:
        assert command in offered


def test_bash_completes_a_command_s_options():
    script = _script("bash")
    assert "--status" in _bash_complete(script, ["whichlayer", "explain", "--st"])
    assert "--offline" in _bash_complete(script, ["whichlayer", "check", "--off"])


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_other_shells_name_every_command(shell: str):
    script = _script(shell)
    for command in COMMANDS:
        assert command in script
    if shell == "fish":
        lines = [ln for ln in script.splitlines() if ln and not ln.startswith("#")]
        assert all(ln.startswith("complete -c whichlayer") for ln in lines)
        assert any("-l status" in ln and "explain" in ln for ln in lines)


def test_help_of_every_command_ends_with_examples():
    for command in COMMANDS:
        out = subprocess.run(
            [sys.executable, "-m", "whichlayer", command, "--help"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert out.returncode == 0, out.stderr
        tail = out.stdout.rstrip().split("\n\n")[-1]
        assert tail.startswith("examples:"), f"{command} --help has no examples at the end"
        assert tail.count("whichlayer ") >= 2
