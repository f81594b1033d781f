"""A peer's capability probe (apiwells doctor --deep) passes against a healthy simulated key:
the simulator calls the tool with the argument the prompt gives, answers from the tool's
result, streams, and returns JSON that fits the schema, as a healthy service does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from whichlayer.simulate import SimServer


def test_apiwells_deep_passes_against_a_healthy_key() -> None:
    exe = shutil.which("apiwells") or str(Path(sys.executable).parent / "apiwells")
    with SimServer(dialect="openai") as sim:
        out = subprocess.run(
            [exe, "doctor", "--base-url", f"{sim.url}/v1", "--api-key-env", "SIM_KEY",
             "--deep", "--model", "gpt-4o-mini", "--timeout", "20"],
            env={**os.environ, "SIM_KEY": sim.keys["valid"]},
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    lines = {ln.split()[0] + " " + ln.split()[1] if ln.startswith(("Tool", "Structured")) else
             ln.split()[0]: ln for ln in out.stdout.splitlines() if ln.strip()}  # fmt: skip
    assert "Tool Calling" in lines and "PASS" in lines["Tool Calling"], out.stdout
    assert "Structured Output" in lines and "PASS" in lines["Structured Output"], out.stdout
    assert "Streaming" in lines and "PASS" in lines["Streaming"], out.stdout
    assert out.stdout.rstrip().splitlines()[-1].split() == ["Overall", "PASS"], out.stdout
