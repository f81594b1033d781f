"""Secrets inside a request never come out of ``whichlayer shrink``, prompts or not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.shrink.agent import openai_agent

from whichlayer.redact import fingerprint
from whichlayer.redact._samples import canaries
from whichlayer.simulate import SimServer

SHAPES = ["openai-project", "anthropic-api", "google", "openrouter", "aws-access-key-id", "jwt"]


@pytest.mark.parametrize("include_prompt", [False, True])
def test_no_canary_in_any_output(sim: SimServer, tmp_path: Path, include_prompt: bool) -> None:
    c = canaries("shrink-leak")
    secrets = [c[s] for s in SHAPES]
    body = openai_agent(tools=10, messages=12, bad_tool=4)
    # secrets where people paste them: the prompt, a tool description, a tool result
    body["messages"][1]["content"][0]["text"] = "use this key: " + " ".join(secrets)
    body["tools"][4]["function"]["description"] = "token " + secrets[0]
    body["messages"][3]["content"] = "env: " + " ".join(secrets)
    (tmp_path / "b.json").write_text(json.dumps(body))
    out = tmp_path / "min.json"
    args = ["--request", str(tmp_path / "b.json"), "--base-url", sim.base_url("openai"),
            "--api-key-env", "K", "-o", str(out)]  # fmt: skip
    if include_prompt:
        args.append("--include-prompt")
    for extra in ([], ["--json"]):
        done = subprocess.run(
            [sys.executable, "-m", "whichlayer", "shrink", *args, *extra],
            capture_output=True,
            text=True,
            timeout=100,
            env={**os.environ, "K": "sim-valid", "NO_COLOR": "1"},
            check=False,
        )
        assert done.returncode == 0, done.stderr
        text = done.stdout + done.stderr + out.read_text()
        for secret in secrets:
            assert secret not in text
            tail = secret[len(fingerprint(secret).prefix) :]
            for i in range(len(tail) - 9):
                assert tail[i : i + 10] not in text, tail[i : i + 10]
