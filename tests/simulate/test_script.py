"""Scenario files: sequences such as "503, 503, then 200" and "429 with Retry-After, then 200"."""

from __future__ import annotations

import time
from pathlib import Path

import httpx2
import openai
import pytest

from whichlayer.simulate import SimServer
from whichlayer.simulate.script import ScenarioFileError, load, parse

HI = [{"role": "user", "content": "hi"}]


def test_two_503_then_200_is_survived_by_sdk_retries(tmp_path: Path) -> None:
    f = tmp_path / "flaky.yaml"
    f.write_text("steps:\n  - 503\n  - unavailable\nthen: ok\n")
    with SimServer(scenario_file=f) as sim:
        with openai.OpenAI(
            base_url=sim.base_url(), api_key=sim.keys["valid"], max_retries=2, timeout=5
        ) as c:
            reply = c.chat.completions.create(model="gpt-4o-mini", messages=HI)  # type: ignore[arg-type]
        assert sim.state is not None
        seen = [entry["scenario"] for entry in sim.state.log]
    assert reply.choices[0].message.content
    assert seen == ["unavailable", "unavailable", None]


def test_429_with_retry_after_then_200(tmp_path: Path) -> None:
    f = tmp_path / "limited.toml"
    f.write_text('then = "ok"\n[[steps]]\nscenario = "rpm"\nretry_after = 0.3\n')
    with SimServer(scenario_file=f) as sim:
        first = httpx2.post(
            sim.base_url() + "/chat/completions",
            json={"model": "gpt-4o-mini", "messages": HI},
            headers={"Authorization": f"Bearer {sim.keys['valid']}"},
            timeout=5,
        )
        second = httpx2.post(
            sim.base_url() + "/chat/completions",
            json={"model": "gpt-4o-mini", "messages": HI},
            headers={"Authorization": f"Bearer {sim.keys['valid']}"},
            timeout=5,
        )
    assert first.status_code == 429 and first.headers["retry-after"] == "0.3"
    assert "requests per min (RPM)" in first.text
    assert second.status_code == 200


def test_the_sdk_honours_the_retry_after(tmp_path: Path) -> None:
    f = tmp_path / "limited.yaml"
    f.write_text("steps:\n  - {status: 429, retry_after: 0.6}\n")
    with (
        SimServer(scenario_file=f) as sim,
        openai.OpenAI(
            base_url=sim.base_url(), api_key=sim.keys["valid"], max_retries=1, timeout=5
        ) as c,
    ):
        started = time.monotonic()
        c.chat.completions.create(model="gpt-4o-mini", messages=HI)  # type: ignore[arg-type]
        waited = time.monotonic() - started
    assert waited >= 0.55


def test_limits_and_repeat_from_a_file(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text("limits: {rpm: 7, tpm: 900}\nsteps: [overloaded, ok]\nthen: repeat\n")
    spec = load(f)
    assert spec.limits is not None and (spec.limits.rpm, spec.limits.tpm) == (7, 900)
    steps = [spec.script.next_step().scenario for _ in range(5)]
    assert steps == ["overloaded", None, "overloaded", None, "overloaded"]


@pytest.mark.parametrize(
    "text",
    [
        "steps: 5\n",
        "- just a list\n",
        "steps: [{status: 418}]\n",
        "steps: [{scenario: rpm, retry_after: soon}]\n",
    ],
)
def test_bad_files_are_refused(tmp_path: Path, text: str) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text(text)
    with pytest.raises(ScenarioFileError):
        load(f)


def test_status_steps_map_to_causes() -> None:
    spec = parse({"steps": [401, 429, 502, 504, 529, 200]})
    assert [spec.script.next_step().scenario for _ in range(6)] == [
        "key_invalid",
        "rpm",
        "bad_gateway",
        "gateway_timeout",
        "overloaded",
        None,
    ]
