"""Docs that run: every ``whichlayer ...`` command in README.md and docs/*.md code blocks runs
as shown (offline, in a temporary HOME, against files made here), and every relative link
resolves in the repository."""

from __future__ import annotations

import gzip
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

#: Commands not run, and why (each needs the network beyond 127.0.0.1).
SKIP: list[tuple[str, str]] = [
    (r"pip install", "installs the package (CI does that before the tests)"),
    (r"\bwhichlayer check\b(?!.*--offline)", "check without --offline talks to real hosts"),
    (r"\bwhichlayer status\b|--status\b", "reads the providers' status pages on the internet"),
    (r"\bwhichlayer probe\b", "sends requests to a relay (real, or a simulator started by hand)"),
    (r"--from probe\.json", "needs the output of a probe run"),
    (r"\bwhichlayer shrink\b", "sends the request to the API it names"),
    (r"\bwhichlayer proxy\b(?! log)", "serves until stopped, forwarding to a real host"),
    (r"proxy log|--from-proxy", "needs records of a proxy run"),
]
#: Clipboard commands stand for "the error you copied": the test pastes error.txt instead.
CLIPBOARD = re.compile(r"^(pbpaste|xclip -o -selection clipboard|wl-paste|Get-Clipboard)\b")

PASTE = (
    "openai.RateLimitError: Error code: 429 - {'error': {'message': 'Rate limit reached for "
    "gpt-4o on tokens per min (TPM): Limit 30000, Used 29000, Requested 2000.', "
    "'type': 'tokens', 'code': 'rate_limit_exceeded'}}\n"
)


def _commands() -> list[tuple[str, str]]:
    """(where, command line) for every line of a code block that runs whichlayer."""
    found = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for block in re.findall(r"```[^\n]*\n(.*?)```", text, re.S):
            joined = re.sub(r"\\\n\s*", " ", block)
            for line in joined.splitlines():
                line = line.strip().removeprefix("$ ")
                # a command is `whichlayer CMD ...` at the start of the line or after a pipe;
                # `whichlayer CMD: ...` is what a command printed, shown in an example
                if line.startswith("#") or not re.search(
                    r"(^|[|;&]\s*)(\S*/)?whichlayer\s+(-|[a-z]+(\s|$))", line
                ):
                    continue
                if line.startswith(("from ", "import ", ">>>")):
                    continue
                found.append((doc.relative_to(ROOT).as_posix(), line))
    return found


COMMANDS = _commands()


def _skip_reason(line: str) -> str | None:
    for pattern, reason in SKIP:
        if re.search(pattern, line):
            return reason
    return None


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A home with the files the docs name, and the environment to run in."""
    home = tmp_path_factory.mktemp("home")
    (home / ".local" / "share" / "bash-completion" / "completions").mkdir(parents=True)
    for name in ("error.txt", "error.log"):
        (home / name).write_text(PASTE, encoding="utf-8")
    line = (
        '{"ts": "2026-12-02T10:00:00Z", "status": 429, "model": "gpt-4o", "error": '
        '{"message": "Rate limit reached", "type": "requests"}}\n'
    )
    (home / "big.jsonl").write_text(line * 50, encoding="utf-8")
    (home / "gateway.log.gz").write_bytes(gzip.compress(line.encode() * 5))
    (home / "old.log.gz").write_bytes(gzip.compress(line.encode() * 5))
    env = {
        "HOME": str(home),
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "NO_COLOR": "1",
        "WHICHLAYER_REDACT_KEY": "test",
        "LANG": "C.UTF-8",
    }
    made = subprocess.run(
        [sys.executable, "-m", "whichlayer", "check", "--offline", "--json"],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    (home / "check.json").write_text(made.stdout, encoding="utf-8")
    # the scenario file the simulator docs show, as the docs show it
    doc = (ROOT / "docs" / "simulate.md").read_text(encoding="utf-8")
    scenario = re.search(r"```yaml\n(# flaky\.yaml.*?)```", doc, re.S)
    assert scenario is not None, "docs/simulate.md lost its flaky.yaml example"
    for name in ("flaky.yaml", "retry.yaml"):
        (home / name).write_text(scenario.group(1), encoding="utf-8")
    return home, env


def test_the_docs_have_commands_and_few_are_skipped() -> None:
    assert len(COMMANDS) >= 30
    skipped = [c for _, c in COMMANDS if _skip_reason(c)]
    assert len(skipped) <= len(COMMANDS) / 2, skipped


@pytest.mark.parametrize(("where", "line"), COMMANDS, ids=[f"{w}:{c[:50]}" for w, c in COMMANDS])
def test_documented_command_runs(
    where: str, line: str, sandbox: tuple[Path, dict[str, str]]
) -> None:
    reason = _skip_reason(line)
    if reason is not None:
        pytest.skip(reason)  # listed in SKIP, with its reason; never a missing file
    home, env = sandbox
    command = CLIPBOARD.sub("cat error.txt", line.replace(".venv/bin/whichlayer", "whichlayer"))
    command = command.replace("whichlayer", f"{shlex.quote(sys.executable)} -m whichlayer")
    if re.search(r"\bsimulate\b(?!.*--list)", command):
        _serves(command, home, env)
        return
    proc = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command}"],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert "Traceback" not in proc.stderr, (where, line, proc.stderr)
    if proc.returncode == 2:  # a usage error: one clear line (e.g. a path only the reader has)
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("whichlayer"), (where, line, proc.stderr)
        # only a system path the reader has (e.g. /var/log/litellm/) may be missing here
        missing = re.search(r"cannot read (/\S+?):", lines[0])
        assert missing and not missing.group(1).startswith(str(home)), (where, line, lines)
    else:
        assert proc.returncode in (0, 1), (where, line, proc.returncode, proc.stderr)


def _serves(command: str, home: Path, env: dict[str, str]) -> None:
    """A server command: it comes up on 127.0.0.1 (any free port) and stops cleanly."""
    import select
    import signal
    import time

    command = re.sub(r"--port \d+", "--port 0", command.split(" &")[0])
    if "--port" not in command:
        command += " --port 0"
    argv = shlex.split(command.split("#")[0])
    with subprocess.Popen(
        argv, cwd=home, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    ) as proc:
        assert proc.stdout is not None
        seen = b""
        end = time.monotonic() + 30
        try:
            while time.monotonic() < end and b"127.0.0.1:" not in seen and proc.poll() is None:
                ready, _, _ = select.select([proc.stdout], [], [], 0.2)
                if ready:
                    seen += os.read(proc.stdout.fileno(), 65536)
            assert proc.poll() is None, (command, seen)
            assert b"127.0.0.1:" in seen, (command, seen)
        finally:
            proc.send_signal(signal.SIGTERM)
            code = proc.wait(timeout=15)
    assert code == 0, (command, code)


_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


def test_every_relative_doc_link_resolves() -> None:
    broken = []
    for doc in DOCS:
        for target in _LINK.findall(doc.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            path = (doc.parent / target.split("#", 1)[0]).resolve()
            if not path.exists() or ROOT not in path.parents:
                broken.append(f"{doc.relative_to(ROOT)}: {target}")
    assert not broken, broken
