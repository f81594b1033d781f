"""Ctrl-C prints what was learned so far (exit 3), and the deadline bounds a stalled upstream."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from whichlayer.simulate import SimServer
from whichlayer.simulate.relay import Setup
from whichlayer.simulate.relay_setups import TEN

#: The relay answers the listing itself; its upstream stalls on this model.
STALLING = Setup(TEN, model_faults=(("gpt-4o-mini", "read_timeout"),))


def _cmd(sim: SimServer, *more: str) -> list[str]:
    return [
        sys.executable, "-m", "whichlayer", "probe", "--base-url", sim.base_url(),
        "--api-key-env", "RELAY_KEY", "--model", "gpt-4o-mini", "--json", *more,
    ]  # fmt: skip


def test_ctrl_c_prints_what_was_learned() -> None:
    with SimServer(dialect="relay", relay_setup=STALLING, stall_s=20) as sim:
        env = {**os.environ, "RELAY_KEY": sim.keys["valid"]}
        proc = subprocess.Popen(
            _cmd(sim), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        time.sleep(0.5)
        end = time.monotonic() + 15  # wait for the plan to be printed, then interrupt
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert "plan:" in line
        while time.monotonic() < end and proc.poll() is None:
            time.sleep(1.0)
            proc.send_signal(signal.SIGINT)
            break
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 3, err
    data = json.loads(out)
    assert "interrupted" in data["verdict"]["action"]
    assert data["verdict"]["owner"] is None
    # the listing came back before the interrupt; the stalled request did not
    assert [r["endpoint"] for r in data["results"]] == ["models"]
    assert data["requests_sent"] == 2


def test_deadline_bounds_a_stalled_upstream() -> None:
    with SimServer(dialect="relay", relay_setup=STALLING, stall_s=20) as sim:
        env = {**os.environ, "RELAY_KEY": sim.keys["valid"]}
        start = time.monotonic()
        done = subprocess.run(
            _cmd(sim, "--timeout", "2"), env=env, capture_output=True, text=True, timeout=30
        )
        took = time.monotonic() - start
    assert took < 8
    data = json.loads(done.stdout)
    assert data["requests_sent"] <= 12
    stalled = [r for r in data["results"] if r["model"] == "gpt-4o-mini"]
    assert stalled and stalled[0]["status"] is None
    assert stalled[0]["cause"] == "read_timeout"
