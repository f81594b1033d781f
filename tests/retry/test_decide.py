"""decide(): the class comes from the diagnosis, Retry-After is a floor, careful asks first."""

from __future__ import annotations

import email.utils
import random

import httpx2
import pytest

from whichlayer.retry import Decision, FakeClock, Policy, RetryBudget, decide, retry_after
from whichlayer.taxonomy import Retry

REQ = httpx2.Request("POST", "https://api.openai.com/v1/chat/completions")


def resp(status: int, body: object, headers: dict[str, str] | None = None) -> httpx2.Response:
    return httpx2.Response(status, json=body, headers=headers or {}, request=REQ)


def oa_error(message: str, type_: str, code: str | None = None) -> dict[str, object]:
    return {"error": {"message": message, "type": type_, "param": None, "code": code}}


QUOTA = oa_error(
    "You exceeded your current quota, please check your plan and billing details.",
    "insufficient_quota",
    "insufficient_quota",
)
RPM = oa_error(
    "Rate limit reached for gpt-4o in organization org-x on requests per min (RPM): "
    "Limit 3, Used 3, Requested 1.",
    "requests",
    "rate_limit_exceeded",
)
UNAVAILABLE = oa_error("The server is overloaded or not ready yet.", "server_error")
BAD_PARAM = oa_error("Unrecognized request argument supplied: foo", "invalid_request_error")
BAD_KEY = oa_error(
    "Incorrect API key provided: sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD. You can "
    "find your API key at https://platform.openai.com/account/api-keys.",
    "invalid_request_error",
    "invalid_api_key",
)


def test_a_429_that_is_insufficient_quota_is_never_retried() -> None:
    d = decide(resp(429, QUOTA, {"retry-after": "1"}))
    assert not d.retry
    assert d.retry_class is Retry.NEVER
    assert d.diagnosis.cause == "insufficient_balance"
    assert "quota" in d.reason


def test_a_429_rate_limit_waits_at_least_retry_after_plus_at_most_a_quarter() -> None:
    rng = random.Random(7)
    delays = [decide(resp(429, RPM, {"retry-after": "20"}), rng=rng).delay_s for _ in range(300)]
    assert min(delays) >= 20.0
    assert max(delays) <= 25.0
    assert max(delays) - min(delays) > 3.0  # spread out, not everyone at exactly 20 s


def test_retry_after_forms() -> None:
    now = 1_750_000_000.0
    date = email.utils.formatdate(now + 42, usegmt=True)
    assert retry_after({"Retry-After": "3"}) == 3.0
    assert retry_after({"retry-after-ms": "1500", "retry-after": "9"}) == 1.5
    assert retry_after({"Retry-After": date}, now) == pytest.approx(42.0)
    assert retry_after({"Retry-After": "soon"}) is None
    assert retry_after({"Retry-After": "-4"}) is None


def test_an_http_date_retry_after_is_a_floor() -> None:
    clock = FakeClock()
    date = email.utils.formatdate(clock.wall() + 30, usegmt=True)
    d = decide(resp(429, RPM, {"Retry-After": date}), clock=clock)
    assert d.retry and 30.0 <= d.delay_s <= 37.5


def test_a_body_hint_counts_when_no_header_says_anything() -> None:
    body = oa_error(RPM["error"]["message"] + " Please try again in 6s.", "requests")  # type: ignore[index]
    d = decide(resp(429, body))
    assert d.retry and d.retry_after_s == 6.0 and d.delay_s >= 6.0


def test_a_relays_400_overloaded_is_retried() -> None:
    body = {"error": {"message": "当前分组上游负载已饱和，请稍后再试", "type": "new_api_error"}}
    d = decide(resp(400, body))
    assert d.retry, d.reason


def test_limited_retries_twice_with_full_jitter_capped() -> None:
    rng = random.Random(1)
    r = resp(503, UNAVAILABLE)
    first = [decide(r, attempt=0, rng=rng) for _ in range(200)]
    second = [decide(r, attempt=1, rng=rng) for _ in range(200)]
    assert all(d.retry and 0 <= d.delay_s <= 0.5 for d in first)
    assert all(d.retry and 0 <= d.delay_s <= 1.0 for d in second)
    assert min(d.delay_s for d in first) < 0.05  # full jitter reaches near zero
    third = decide(r, attempt=2)
    assert not third.retry and "gave up after 2" in third.reason
    big = decide(r, attempt=10, policy=Policy(limited_retries=20), rng=rng)
    assert big.delay_s <= 8.0


def test_a_503_with_retry_after_is_not_retried_earlier() -> None:
    d = decide(resp(503, UNAVAILABLE, {"retry-after": "4"}))
    assert d.retry and d.delay_s >= 4.0


def test_x_should_retry() -> None:
    no = decide(resp(503, UNAVAILABLE, {"x-should-retry": "false"}))
    assert not no.retry and "x-should-retry" in no.reason
    yes = decide(resp(400, BAD_PARAM, {"x-should-retry": "true"}))
    assert yes.retry
    key = decide(resp(401, BAD_KEY, {"x-should-retry": "true"}))
    assert not key.retry  # a bad key is never retried, whoever says otherwise


def test_careful_needs_idempotency() -> None:
    exc = httpx2.ReadTimeout("timed out", request=REQ)
    d = decide(exc)
    assert d.retry_class is Retry.CAREFUL
    assert not d.retry and d.warning and "billed" in d.warning
    assert decide(exc, idempotent=True).retry


def test_a_wait_beyond_the_deadline_fails_at_once_with_a_clear_message() -> None:
    d = decide(resp(429, RPM, {"retry-after": "90"}), deadline_s=30)
    assert not d.retry
    assert "deadline" in d.reason and "30.0s" in d.reason
    assert decide(resp(429, RPM, {"retry-after": "90"}), deadline_s=200).delay_s >= 90


def test_nothing_is_retried_once_the_stream_reached_the_caller() -> None:
    d = decide(resp(503, UNAVAILABLE), streamed=True)
    assert not d.retry and "already reached" in d.reason


def test_the_budget_refuses_when_spent() -> None:
    budget = RetryBudget(ratio=0.0, burst=1.0, floor=0.0, clock=FakeClock())
    r = resp(503, UNAVAILABLE)
    assert decide(r, budget=budget).retry
    spent = decide(r, budget=budget)
    assert not spent.retry and "budget" in spent.reason
    # never-class errors do not spend the budget
    budget2 = RetryBudget(ratio=0.0, burst=1.0, floor=0.0, clock=FakeClock())
    decide(resp(401, BAD_KEY), budget=budget2)
    assert budget2.stats().tokens == 1.0


def test_the_log_line_is_one_redacted_line_with_the_request_id() -> None:
    r = resp(401, BAD_KEY, {"x-request-id": "req_0123456789abcdef0123456789abcdef"})
    d: Decision = decide(r)
    line = d.line("POST", "https://api.openai.com/v1/chat/completions")
    assert "\n" not in line
    assert "abcdefghijklmnopqrstuvwxyz0123456789ABCD" not in line
    assert "req_0123456789abcdef0123456789abcdef" in line
    assert "identity/key_invalid" in line


def test_policy_rejects_negative_numbers() -> None:
    with pytest.raises(ValueError):
        Policy(limited_retries=-1)
