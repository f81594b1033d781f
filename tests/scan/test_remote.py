"""A large scan judges its distinct errors in a forked process (``Diagnoser(remote=True)``).
The counts, examples and storms must be those of a scan that judges in-process, also
when that process dies half-way; and it must not outlive the scan.

Each case runs in a fresh interpreter: a fork is taken only from a process with one
thread, and pytest's process may hold others (servers of other tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the fork is Linux-only")

#: Scans the log twice in one interpreter (the judge in another process, then in this
#: one) and prints both results with what each Diagnoser did.
SCRIPT = r"""
import json, os, signal, sys
import whichlayer.scan as S
from whichlayer.scan import engine
from whichlayer.scan.sources import Source

path, kill = sys.argv[1], sys.argv[2] == "kill"
made = []

class Watched(engine.Diagnoser):
    def __init__(self, remote=False):
        super().__init__(remote)
        made.append(self)
        self.pid = self._remote.proc.pid if self._remote else None
        self.sent = 0

    def ask(self, texts):
        if self._remote is not None and kill and self.sent == 1:
            os.kill(self._remote.proc.pid, signal.SIGKILL)  # dies with texts owed
            self._remote.proc.join(5)
        self.sent += 1
        return super().ask(texts)

S.Diagnoser = Watched
S.REMOTE_MIN_BYTES = 0
out = {}
for name, switch in (("remote", "1"), ("local", "0")):
    os.environ[engine.REMOTE_SWITCH] = switch
    agg = S.scan([Source(path)])
    d = S.to_dict(agg)
    d.pop("files")
    out[name] = d
    out[name + "_pid"] = made[-1].pid
out["alive"] = [p.name for p in __import__("multiprocessing").active_children()]
print(json.dumps(out, sort_keys=True, default=str))
"""


def _log(path: Path) -> Path:
    """A gateway log: each labelled error of one corpus many times over, in blocks larger
    than the scanner's batch, with request hashes repeating (storms)."""
    rows = [json.loads(x) for x in (ROOT / "corpus" / "dev.jsonl").read_text().splitlines() if x]
    texts = [r["input"] for r in rows if isinstance(r.get("input"), str)][:400]
    with path.open("w", encoding="utf-8") as out:
        for i in range(24_000):
            row: dict[str, object] = {"ts": 1_764_547_200 + i, "model": f"m{i % 3}"}
            if i % 3:
                row |= {"status": 200}
            else:
                row |= {"status": 400 + (i % 7) * 17, "error": texts[(i * 7) % len(texts)]}
                row |= {"request_hash": f"{i % 50:04x}", "key_alias": f"k{i % 4}"}
            out.write(json.dumps(row) + "\n")
    return path


def _run(log: Path, mode: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(log), mode],
        capture_output=True,
        text=True,
        timeout=100,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_the_judge_in_another_process_counts_as_the_judge_in_this_one(tmp_path: Path) -> None:
    out = _run(_log(tmp_path / "g.jsonl"), "plain")
    assert out["remote_pid"], "the scan did not fork its judge"
    assert out["local_pid"] is None
    assert out["remote"]["failures"] == 8_000  # type: ignore[index]
    assert out["remote"] == out["local"]
    assert out["alive"] == []  # the judge ended with the scan


def test_a_judge_that_dies_half_way_is_replaced_by_this_process(tmp_path: Path) -> None:
    out = _run(_log(tmp_path / "g.jsonl"), "kill")
    assert out["remote_pid"]
    assert out["remote"] == out["local"]
    assert out["alive"] == []
