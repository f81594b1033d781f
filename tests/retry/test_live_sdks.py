"""The real openai and anthropic SDKs (sync and async) with the transport, against the simulator.

Every assertion about waits reads the arrival times the simulator recorded.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anthropic
import httpx
import httpx2
import openai
import pytest

import whichlayer.retry as wr
from whichlayer.simulate import SimServer

HI: Any = [{"role": "user", "content": "hi"}]


def scenario(tmp_path: Path, text: str) -> Path:
    f = tmp_path / "scenario.yaml"
    f.write_text(text)
    return f


@pytest.fixture
def clock() -> Iterator[wr.FakeClock]:
    with wr.fake_clock() as c:
        yield c


def arrivals(sim: SimServer) -> list[float]:
    assert sim.state is not None
    return [float(e["t"]) for e in sim.state.log]  # type: ignore[arg-type]


def oa(sim: SimServer, transport: Any = None) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=sim.base_url("openai"),
        api_key=sim.keys["valid"],
        http_client=httpx2.Client(transport=transport or wr.Transport()),
        max_retries=0,
    )


def oa_async(sim: SimServer, transport: Any = None) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(
        base_url=sim.base_url("openai"),
        api_key=sim.keys["valid"],
        http_client=httpx2.AsyncClient(transport=transport or wr.AsyncTransport()),
        max_retries=0,
    )


def an(sim: SimServer, transport: Any = None) -> anthropic.Anthropic:
    return anthropic.Anthropic(
        base_url=sim.base_url("anthropic"),
        api_key=sim.keys_for("anthropic")["valid"],
        http_client=httpx2.Client(transport=transport or wr.Transport()),
        max_retries=0,
    )


def an_async(sim: SimServer, transport: Any = None) -> anthropic.AsyncAnthropic:
    return anthropic.AsyncAnthropic(
        base_url=sim.base_url("anthropic"),
        api_key=sim.keys_for("anthropic")["valid"],
        http_client=httpx2.AsyncClient(transport=transport or wr.AsyncTransport()),
        max_retries=0,
    )


# -- "503, 503, 200" -------------------------------------------------------------------------


def test_openai_sync_survives_two_503s(tmp_path: Path, clock: wr.FakeClock) -> None:
    with SimServer(scenario_file=scenario(tmp_path, "steps: [503, 503]\nthen: ok\n")) as sim:
        with oa(sim) as c:
            reply = c.chat.completions.create(model="gpt-4o-mini", messages=HI)
        assert reply.choices[0].message.content
        assert len(arrivals(sim)) == 3
    assert len(clock.sleeps) == 2
    assert 0 <= clock.sleeps[0] <= 0.5 and 0 <= clock.sleeps[1] <= 1.0


def test_anthropic_async_survives_two_503s(tmp_path: Path, clock: wr.FakeClock) -> None:
    with SimServer(scenario_file=scenario(tmp_path, "steps: [503, 503]\nthen: ok\n")) as sim:

        async def run() -> str:
            async with an_async(sim) as c:
                msg = await c.messages.create(model="claude-haiku-4-5", max_tokens=16, messages=HI)
            return str(msg.content[0].text)  # type: ignore[union-attr]

        assert asyncio.run(run())
        assert len(arrivals(sim)) == 3
    assert len(clock.sleeps) == 2


def test_three_503s_are_one_too_many(tmp_path: Path, clock: wr.FakeClock) -> None:
    with SimServer(scenario_file=scenario(tmp_path, "steps: [503, 503, 503]\nthen: ok\n")) as sim:
        with oa(sim) as c, pytest.raises(openai.InternalServerError) as info:
            c.chat.completions.create(model="gpt-4o-mini", messages=HI)
        assert len(arrivals(sim)) == 3  # 1 + at most 2 retries
    decision = info.value.response.extensions[wr.DECISION_EXT]
    assert "gave up after 2 retries" in decision.reason
    earlier = info.value.response.extensions[wr.ATTEMPTS_EXT]
    assert len(earlier) == 2 and all(d.retry and d.request_ids for d in earlier)


def test_classic_httpx_client_works_too(tmp_path: Path, clock: wr.FakeClock) -> None:
    with SimServer(scenario_file=scenario(tmp_path, "steps: [503]\nthen: ok\n")) as sim:
        with openai.OpenAI(
            base_url=sim.base_url("openai"),
            api_key=sim.keys["valid"],
            http_client=httpx.Client(transport=wr.Transport()),  # type: ignore[arg-type]
            max_retries=0,
        ) as c:
            reply = c.chat.completions.create(model="gpt-4o-mini", messages=HI)
        assert reply.choices[0].message.content
        assert len(arrivals(sim)) == 2


def test_the_failed_attempts_request_ids_are_kept(tmp_path: Path, clock: wr.FakeClock) -> None:
    with SimServer(scenario_file=scenario(tmp_path, "steps: [500, 500]\nthen: ok\n")) as sim:
        with oa(sim) as c:
            raw = c.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=HI)
        assert raw.parse().choices[0].message.content
        assert sim.state is not None
        failed = [str(e["request_id"]) for e in sim.state.log[:2]]
    earlier = raw.http_response.extensions[wr.ATTEMPTS_EXT]
    assert [d.request_ids for d in earlier] == [[failed[0]], [failed[1]]]


# -- "429 Retry-After: 2, then 200" ----------------------------------------------------------

RA2 = "steps: [{status: 429, retry_after: 2}]\nthen: ok\n"


def test_anthropic_sync_really_waits_retry_after(tmp_path: Path) -> None:
    """Real sleeping: the second request arrives no earlier than Retry-After, at most +25%."""
    with SimServer(scenario_file=scenario(tmp_path, RA2)) as sim:
        with an(sim) as c:
            msg = c.messages.create(model="claude-haiku-4-5", max_tokens=16, messages=HI)
        assert msg.content
        t = arrivals(sim)
    assert len(t) == 2
    assert 2.0 <= t[1] - t[0] <= 2.0 * 1.25 + 1.5  # + slack for a loaded machine


def test_openai_async_waits_retry_after_on_the_fake_clock(
    tmp_path: Path, clock: wr.FakeClock
) -> None:
    with SimServer(scenario_file=scenario(tmp_path, RA2)) as sim:

        async def run() -> None:
            async with oa_async(sim) as c:
                await c.chat.completions.create(model="gpt-4o-mini", messages=HI)

        asyncio.run(run())
        assert len(arrivals(sim)) == 2
    assert len(clock.sleeps) == 1 and 2.0 <= clock.sleeps[0] <= 2.5


def test_a_retry_after_beyond_the_deadline_fails_at_once(
    tmp_path: Path, clock: wr.FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    text = "steps: [{status: 429, retry_after: 90}]\nthen: ok\n"
    with SimServer(scenario_file=scenario(tmp_path, text)) as sim:
        with oa(sim, wr.Transport(deadline_s=30)) as c, pytest.raises(openai.RateLimitError):
            c.chat.completions.create(model="gpt-4o-mini", messages=HI)
        assert len(arrivals(sim)) == 1
    assert clock.sleeps == []
    assert any("deadline" in r.getMessage() for r in caplog.records)


# -- "401 forever" ---------------------------------------------------------------------------


def test_401_is_never_retried_by_any_client(clock: wr.FakeClock) -> None:
    with SimServer(scenario="key_invalid") as sim:
        with oa(sim) as c, pytest.raises(openai.AuthenticationError):
            c.chat.completions.create(model="gpt-4o-mini", messages=HI)
        with an(sim) as a, pytest.raises(anthropic.AuthenticationError):
            a.messages.create(model="claude-haiku-4-5", max_tokens=16, messages=HI)

        async def run() -> None:
            async with oa_async(sim) as c2:
                with pytest.raises(openai.AuthenticationError):
                    await c2.models.list()
            async with an_async(sim) as a2:
                with pytest.raises(anthropic.AuthenticationError):
                    await a2.messages.create(model="claude-haiku-4-5", max_tokens=16, messages=HI)

        asyncio.run(run())
        assert len(arrivals(sim)) == 4  # four calls, four requests: not one retry
    assert clock.sleeps == []


def test_insufficient_quota_429_is_not_retried(clock: wr.FakeClock) -> None:
    with SimServer() as sim:
        c = openai.OpenAI(
            base_url=sim.base_url("openai"),
            api_key=sim.keys["no_balance"],
            http_client=httpx2.Client(transport=wr.Transport()),
            max_retries=0,
        )
        with c, pytest.raises(openai.RateLimitError) as info:
            c.chat.completions.create(model="gpt-4o-mini", messages=HI)
        assert len(arrivals(sim)) == 1
    assert info.value.status_code == 429


# -- "reset after the body was sent" ---------------------------------------------------------


def test_a_reset_after_the_body_was_sent_is_surfaced_with_the_billing_warning(
    tmp_path: Path, clock: wr.FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    with SimServer(scenario_file=scenario(tmp_path, "steps: [connection_reset]\n")) as sim:
        with oa(sim) as c, pytest.raises(openai.APIConnectionError):
            c.chat.completions.create(model="gpt-4o-mini", messages=HI)
        assert len(arrivals(sim)) == 1
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings and "billed" in warnings[0].getMessage()


def test_a_reset_is_retried_when_the_request_has_an_idempotency_key(
    tmp_path: Path, clock: wr.FakeClock
) -> None:
    with SimServer(scenario_file=scenario(tmp_path, "steps: [connection_reset]\n")) as sim:

        async def run() -> None:
            async with an_async(sim) as c:
                await c.messages.create(
                    model="claude-haiku-4-5",
                    max_tokens=16,
                    messages=HI,
                    extra_headers={"Idempotency-Key": "order-42"},
                )

        asyncio.run(run())
        assert len(arrivals(sim)) == 2


def test_a_stream_cut_after_bytes_reached_the_caller_is_not_retried(
    tmp_path: Path, clock: wr.FakeClock
) -> None:
    with SimServer(
        scenario_file=scenario(tmp_path, "steps: [connection_reset:mid_stream]\n")
    ) as sim:
        with oa(sim) as c:
            stream = c.chat.completions.create(model="gpt-4o-mini", messages=HI, stream=True)
            chunks = 0
            with pytest.raises((openai.APIError, httpx2.HTTPError)):
                for _ in stream:
                    chunks += 1
        assert chunks >= 1  # bytes reached the caller before the cut
        assert len(arrivals(sim)) == 1


# -- budget and logging -----------------------------------------------------------------------


def test_a_spent_budget_fails_fast_instead_of_retrying(clock: wr.FakeClock) -> None:
    budget = wr.RetryBudget(ratio=0.0, burst=1.0, floor=0.0)
    with SimServer(scenario="unavailable") as sim:
        with oa(sim, wr.Transport(budget=budget)) as c:
            for _ in range(3):
                with pytest.raises(openai.InternalServerError):
                    c.chat.completions.create(model="gpt-4o-mini", messages=HI)
        assert len(arrivals(sim)) == 4  # three calls and the one retry the budget held
    assert budget.stats().denied == 3  # the first call's second retry, then one per call


def test_each_retry_is_one_redacted_log_line_with_reason_and_request_id(
    tmp_path: Path, clock: wr.FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="whichlayer.retry")
    text = "steps: [{status: 429, retry_after: 1}]\nthen: ok\n"
    with SimServer(scenario_file=scenario(tmp_path, text)) as sim:
        with oa(sim) as c:
            c.chat.completions.create(model="gpt-4o-mini", messages=HI)
        assert sim.state is not None
        first_id = str(sim.state.log[0]["request_id"])
    lines = [r.getMessage() for r in caplog.records if r.name == "whichlayer.retry"]
    assert len(lines) == 1
    (line,) = lines
    assert "\n" not in line and "retry 1 in" in line and "rate_limit/rpm" in line
    assert "asked to wait 1s" in line and first_id in line
    assert sim.keys["valid"] not in line


def test_a_real_wait_uses_no_time_under_the_fake_clock(tmp_path: Path) -> None:
    text = "steps: [{status: 429, retry_after: 30}]\nthen: ok\n"
    with wr.fake_clock() as clock, SimServer(scenario_file=scenario(tmp_path, text)) as sim:
        start = time.monotonic()
        with oa(sim) as c:
            c.chat.completions.create(model="gpt-4o-mini", messages=HI)
        assert time.monotonic() - start < 10
        assert clock.now() >= 30


def test_classic_httpx_async_client(tmp_path: Path, clock: wr.FakeClock) -> None:
    with SimServer(scenario_file=scenario(tmp_path, "steps: [502]\nthen: ok\n")) as sim:

        async def run() -> None:
            async with openai.AsyncOpenAI(
                base_url=sim.base_url("openai"),
                api_key=sim.keys["valid"],
                http_client=httpx.AsyncClient(transport=wr.AsyncTransport()),  # type: ignore[arg-type]
                max_retries=0,
            ) as c:
                await c.chat.completions.create(model="gpt-4o-mini", messages=HI)

        asyncio.run(run())
        assert len(arrivals(sim)) == 2


def test_a_read_timeout_is_careful(tmp_path: Path, clock: wr.FakeClock) -> None:
    text = "steps: [read_timeout, read_timeout]\nthen: ok\n"
    with SimServer(scenario_file=scenario(tmp_path, text), stall_s=3.0) as sim:
        with oa(sim) as c:
            quick = c.with_options(timeout=1.0)
            with pytest.raises(openai.APITimeoutError):
                quick.chat.completions.create(model="gpt-4o-mini", messages=HI)
            assert len(arrivals(sim)) == 1  # not idempotent: not resent
            quick.chat.completions.create(
                model="gpt-4o-mini", messages=HI, extra_headers={"Idempotency-Key": "k-1"}
            )
        assert len(arrivals(sim)) == 3  # the idempotent call: a timeout, then the answer


def test_connection_refused_is_retried_twice_then_raised(clock: wr.FakeClock) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again before use: nothing listens
    client = httpx2.Client(transport=wr.Transport())
    with client, pytest.raises(httpx2.ConnectError) as info:
        client.post(f"http://127.0.0.1:{port}/v1/chat/completions", json={}, timeout=2)
    assert len(clock.sleeps) == 2
    assert any("gave up after 2 retries" in n for n in info.value.__notes__)


def test_an_sdk_that_still_retries_is_warned_about(
    tmp_path: Path, clock: wr.FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    with SimServer(scenario_file=scenario(tmp_path, "steps: [503, 503, 503]\nthen: ok\n")) as sim:
        with openai.OpenAI(
            base_url=sim.base_url("openai"),
            api_key=sim.keys["valid"],
            http_client=httpx2.Client(transport=wr.Transport()),
            max_retries=1,  # forgot max_retries=0
        ) as c:
            c.chat.completions.create(model="gpt-4o-mini", messages=HI)
        assert len(arrivals(sim)) == 4
    nested = [r for r in caplog.records if "max_retries=0" in r.getMessage()]
    assert len(nested) == 1 and nested[0].levelno == logging.WARNING
