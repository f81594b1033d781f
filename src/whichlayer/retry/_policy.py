"""``decide``: whether and when to retry a failed call, from its diagnosis.

The retry class comes from the engine (``whichlayer.explain``), not from the
status code: a 429 that is really ``insufficient_quota`` is ``never``, a relay's
400 "upstream overloaded" is ``backoff``.

- ``never``: no retry; fix something first.
- ``backoff``: wait at least what the server asked (``retry-after-ms``,
  ``Retry-After`` in seconds or as an HTTP date, or a hint in the body such as
  "try again in 20s"), plus 0-25% additive jitter so clients told the same
  time do not all come back together. Any size is honoured; if it does not fit
  in the caller's deadline the call fails at once, saying so.
- ``limited``: at most 2 retries, full jitter (uniform in [0, min(8, 0.5·2ⁿ)] s);
  a ``Retry-After`` the server sent is still a floor.
- ``careful``: the first attempt may have been processed and billed; retried
  (as ``limited``) only when the request is marked idempotent or carries an
  ``Idempotency-Key``, otherwise surfaced with that warning.

``x-should-retry: false`` always stops; ``x-should-retry: true`` makes a
``never`` retryable as ``limited`` unless the diagnosis is identity or quota (a
bad key or an empty account is never retried, whoever says otherwise). Nothing
is retried once any byte of a streamed answer reached the caller.
"""

from __future__ import annotations

import email.utils
import math
import random
from dataclasses import dataclass, field
from typing import Any

from whichlayer.diagnosis import Diagnosis
from whichlayer.retry._budget import Budget
from whichlayer.retry._clock import Clock, get_clock
from whichlayer.taxonomy import Layer, Retry

_rng = random.Random()


@dataclass(frozen=True, slots=True)
class Policy:
    """The numbers behind each retry class."""

    limited_retries: int = 2
    limited_base_s: float = 0.5
    limited_cap_s: float = 8.0
    backoff_retries: int = 4
    backoff_jitter: float = 0.25  # additive, as a share of the server's wait
    backoff_base_s: float = 1.0  # when the server named no wait: 1·2ⁿ s, half of it jittered
    backoff_cap_s: float = 30.0

    def __post_init__(self) -> None:
        values = (self.limited_base_s, self.limited_cap_s, self.backoff_jitter, self.backoff_base_s)
        if self.limited_retries < 0 or self.backoff_retries < 0 or min(values) < 0:
            raise ValueError("retry policy: counts and times must not be negative")


DEFAULT_POLICY = Policy()


@dataclass(slots=True)
class Decision:
    """Whether to retry, after how long, and why; with the diagnosis it came from."""

    retry: bool
    delay_s: float
    reason: str
    diagnosis: Diagnosis
    retry_class: Retry
    attempt: int  # retries already made before this decision
    retry_after_s: float | None = None  # the server's wait, when it named one
    warning: str | None = None  # e.g. the first attempt may have been billed
    request_ids: list[str] = field(default_factory=list)

    def line(self, method: str | None = None, url: str | None = None) -> str:
        """The one-line, redacted log record of this decision."""
        from whichlayer.redact import redact_text

        d = self.diagnosis
        what = f"{d.layer or 'unknown'}/{d.cause}"
        status = f" {d.status}" if d.status else ""
        target = f" {method} {url}" if method and url else ""
        head = (
            f"whichlayer.retry: retry {self.attempt + 1} in {self.delay_s:.2f}s"
            if self.retry
            else "whichlayer.retry: not retrying"
        )
        ids = f" request_ids={','.join(self.request_ids)}" if self.request_ids else ""
        warn = f" WARNING: {self.warning}" if self.warning else ""
        return redact_text(
            f"{head}:{status} {what} ({self.retry_class}){target}: {self.reason}{ids}{warn}"
        )


def decide(
    x: object,
    *,
    attempt: int = 0,
    idempotent: bool = False,
    deadline_s: float | None = None,
    streamed: bool = False,
    budget: Budget | None = None,
    policy: Policy | None = None,
    clock: Clock | None = None,
    rng: random.Random | None = None,
    diagnosis: Diagnosis | None = None,
) -> Decision:
    """Decide whether to retry after ``x`` (an httpx2/httpx response or exception, an SDK
    exception, or anything ``whichlayer.explain`` reads).

    ``attempt`` is the number of retries already made; ``deadline_s`` the seconds the
    caller has left; ``streamed`` says bytes of the answer already reached the caller;
    ``budget`` (if given) must grant a token for a retry to go ahead.
    """
    policy = policy or DEFAULT_POLICY
    clock = clock or get_clock()
    rng = rng or _rng
    if diagnosis is None:
        from whichlayer._explain import explain

        diagnosis = explain(x)
    d = diagnosis
    headers = _headers(x)
    hint = retry_after(headers, clock.wall())
    if hint is None and d.retry_after_s is not None and d.retry_after_s >= 0:
        hint = d.retry_after_s
    ids = [r.value for r in d.request_ids]
    cls = d.retry

    def stop(reason: str, warning: str | None = None) -> Decision:
        return Decision(False, 0.0, reason, d, cls, attempt, hint, warning, ids)

    if streamed:
        return stop("part of the answer already reached the caller; a retry would repeat it")
    should = headers.get("x-should-retry", "").strip().lower()
    if should == "false":
        return stop("the server sent x-should-retry: false")
    kind = cls
    if cls is Retry.NEVER:
        if should == "true" and d.layer not in (Layer.IDENTITY, Layer.QUOTA):
            kind = Retry.LIMITED
        else:
            return stop(_never_reason(d))
    if cls is Retry.CAREFUL:
        if not idempotent:
            return stop(
                "the request is not marked idempotent (no Idempotency-Key)",
                "the first attempt may have been processed and billed; check before resending",
            )
        kind = Retry.LIMITED

    if kind is Retry.BACKOFF:
        if attempt >= policy.backoff_retries:
            return stop(f"gave up after {attempt} retries")
        if hint is not None:
            delay = hint + rng.uniform(0.0, policy.backoff_jitter * max(hint, 0.1))
            why = f"the server asked to wait {hint:g}s"
        else:
            step = min(policy.backoff_cap_s, policy.backoff_base_s * 2.0**attempt)
            delay = step / 2 + rng.uniform(0.0, step / 2)
            why = "rate limited; the server named no wait"
    else:
        if attempt >= policy.limited_retries:
            return stop(f"gave up after {attempt} retries")
        delay = rng.uniform(0.0, min(policy.limited_cap_s, policy.limited_base_s * 2.0**attempt))
        why = f"{d.cause} is often transient"
        if hint is not None:
            delay = hint + rng.uniform(0.0, policy.backoff_jitter * max(hint, 0.1))
            why += f"; the server asked to wait {hint:g}s"
    if should == "true":
        why += "; the server sent x-should-retry: true"
    if deadline_s is not None and delay > deadline_s:
        return stop(
            f"the retry would start in {delay:.1f}s but only {max(deadline_s, 0):.1f}s are left"
            " before the deadline; failing now instead of sleeping"
        )
    if budget is not None and not budget.try_acquire():
        return stop("the retry budget is spent (retries are kept to a share of requests)")
    return Decision(True, delay, why, d, cls, attempt, hint, None, ids)


def _never_reason(d: Diagnosis) -> str:
    if d.layer is Layer.IDENTITY:
        return "retrying cannot fix a credential or permission problem"
    if d.layer is Layer.QUOTA:
        return "retrying cannot refill a quota or a balance"
    if d.layer is Layer.REQUEST:
        return "the same request would fail the same way; fix it first"
    return "a retry cannot help here"


def _headers(x: object) -> dict[str, str]:
    """Lower-cased headers of a response, or of the response an exception carries."""
    for obj in (x, getattr(x, "response", None)):
        if obj is None or not hasattr(obj, "headers") or not hasattr(obj, "status_code"):
            continue
        try:
            return {str(k).lower(): str(v) for k, v in dict(obj.headers).items()}
        except Exception:
            return {}
    return {}


def retry_after(headers: dict[str, str] | Any, now_wall: float | None = None) -> float | None:
    """The server's wait in seconds from ``retry-after-ms`` or ``Retry-After`` (seconds or an
    HTTP date); None when neither is usable."""
    h = {str(k).lower(): str(v) for k, v in dict(headers).items()}
    ms = h.get("retry-after-ms")
    if ms:
        try:
            value = float(ms) / 1000.0
            if math.isfinite(value) and value >= 0:
                return value
        except ValueError:
            pass
    raw = h.get("retry-after", "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
        return value if math.isfinite(value) and value >= 0 else None
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    import time

    now = time.time() if now_wall is None else now_wall
    return max(0.0, when.timestamp() - now)
