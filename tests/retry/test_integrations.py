"""tenacity and stamina, with the real SDK against the simulator, deciding by the diagnosis."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openai
import pytest
import stamina
import tenacity

import whichlayer.retry as wr
from whichlayer.simulate import SimServer

HI: Any = [{"role": "user", "content": "hi"}]


def client(sim: SimServer, key: str = "valid") -> openai.OpenAI:
    return openai.OpenAI(base_url=sim.base_url("openai"), api_key=sim.keys[key], max_retries=0)


def count(sim: SimServer) -> int:
    assert sim.state is not None
    return len(sim.state.log)


def test_tenacity_retries_a_503_and_not_a_401(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text("steps: [503, 503]\nthen: ok\n")
    with wr.fake_clock() as clock, SimServer(scenario_file=f) as sim, client(sim) as c:

        @tenacity.retry(
            retry=wr.tenacity_retry(),
            wait=wr.tenacity_wait(),
            sleep=wr.sleep,
            reraise=True,
        )
        def call(c: openai.OpenAI) -> str:
            r = c.chat.completions.create(model="gpt-4o-mini", messages=HI)
            return str(r.choices[0].message.content)

        assert call(c)
        assert count(sim) == 3
        assert len(clock.sleeps) == 2 and max(clock.sleeps) <= 1.0
        with client(sim, "revoked") as bad, pytest.raises(openai.AuthenticationError):
            call(bad)
        assert count(sim) == 4  # the 401 was tried once


def test_tenacity_waits_retry_after(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text("steps: [{status: 429, retry_after: 7}]\nthen: ok\n")
    with wr.fake_clock() as clock, SimServer(scenario_file=f) as sim, client(sim) as c:
        retrying = tenacity.Retrying(
            retry=wr.tenacity_retry(), wait=wr.tenacity_wait(), sleep=wr.sleep, reraise=True
        )
        retrying(c.chat.completions.create, model="gpt-4o-mini", messages=HI)
        assert count(sim) == 2
    assert 7.0 <= clock.sleeps[0] <= 8.75


def test_stamina_hook(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text("steps: [503]\nthen: ok\n")
    with stamina.set_testing(True, attempts=3), SimServer(scenario_file=f) as sim, client(sim) as c:

        @stamina.retry(on=wr.should_retry, attempts=3)
        def call(c: openai.OpenAI) -> object:
            return c.chat.completions.create(model="gpt-4o-mini", messages=HI)

        call(c)
        assert count(sim) == 2
        with client(sim, "no_balance") as poor, pytest.raises(openai.RateLimitError):
            call(poor)  # a 429 insufficient_quota: never retried
        assert count(sim) == 3


def test_should_retry_returns_the_wait_or_false() -> None:
    import httpx2

    req = httpx2.Request("POST", "https://api.openai.com/v1/chat/completions")
    ra = httpx2.Response(
        429,
        json={
            "error": {
                "message": "Rate limit reached",
                "type": "requests",
                "code": "rate_limit_exceeded",
            }
        },
        headers={"retry-after": "3"},
        request=req,
    )
    exc = openai.RateLimitError("Rate limit reached", response=ra, body=ra.json())
    wait = wr.should_retry(exc)
    assert isinstance(wait, float) and 3.0 <= wait <= 3.75
    key = httpx2.Response(
        401,
        json={"error": {"message": "Incorrect API key provided", "code": "invalid_api_key"}},
        request=req,
    )
    assert (
        wr.should_retry(openai.AuthenticationError("bad", response=key, body=key.json())) is False
    )
