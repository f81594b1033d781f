"""Real RPM, TPM and concurrency limiters, counted per (key, model) over a sliding minute.

The snapshot they return feeds each dialect's rate-limit headers, so the
headers count down request by request the way the providers' do.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from whichlayer.simulate.faults import Fault

WINDOW_S = 60.0


@dataclass(frozen=True, slots=True)
class Limits:
    """Per key and model. Defaults are OpenAI tier-1-like figures for gpt-4o-mini."""

    rpm: int = 500
    tpm: int = 200_000
    concurrency: int = 50


@dataclass(slots=True)
class Snapshot:
    """What the limiter saw when it admitted (or refused) one request."""

    rpm_limit: int
    rpm_remaining: int
    rpm_reset_s: float
    tpm_limit: int
    tpm_remaining: int
    tpm_reset_s: float
    tpm_used: int = 0
    requested_tokens: int = 0
    concurrency_limit: int = 0
    in_flight: int = 0


@dataclass(slots=True)
class _Bucket:
    entries: deque[tuple[float, int]] = field(default_factory=deque)
    in_flight: int = 0


class Limiter:
    """Sliding one-minute windows of requests and tokens, plus an in-flight counter."""

    def __init__(self, limits: Limits | None = None, clock: Callable[[], float] = time.monotonic):
        self.limits = limits or Limits()
        self._clock = clock
        self._buckets: dict[tuple[str, str], _Bucket] = {}

    def admit(self, key: str, model: str, tokens: int) -> Snapshot:
        """Count one request of ``tokens``; a Fault (rpm/tpm/concurrency) when over a limit."""
        bucket = self._buckets.setdefault((key, model), _Bucket())
        now = self._clock()
        self._prune(bucket, now)
        snap = self._snapshot(bucket, now, tokens)
        lim = self.limits
        if bucket.in_flight >= lim.concurrency:
            raise Fault("concurrency", model=model, snapshot=snap)
        if tokens > lim.tpm:
            raise Fault("tpm", "request_too_large", model=model, snapshot=snap)
        if len(bucket.entries) + 1 > lim.rpm:
            raise Fault("rpm", model=model, snapshot=snap)
        if snap.tpm_used + tokens > lim.tpm:
            raise Fault("tpm", model=model, snapshot=snap)
        bucket.entries.append((now, tokens))
        bucket.in_flight += 1
        return self._snapshot(bucket, now, tokens)

    def release(self, key: str, model: str) -> None:
        bucket = self._buckets.get((key, model))
        if bucket is not None and bucket.in_flight > 0:
            bucket.in_flight -= 1

    def exhausted(self, kind: str, tokens: int = 0) -> Snapshot:
        """A snapshot where only the ``kind`` limit (rpm/tpm/concurrency) is used up."""
        lim = self.limits
        tokens = max(tokens, 1)
        snap = Snapshot(
            rpm_limit=lim.rpm,
            rpm_remaining=max(lim.rpm - 7, 0),
            rpm_reset_s=0.12,
            tpm_limit=lim.tpm,
            tpm_remaining=max(lim.tpm - 4 * tokens, 0),
            tpm_reset_s=0.3,
            tpm_used=4 * tokens,
            requested_tokens=tokens,
            concurrency_limit=lim.concurrency,
            in_flight=min(3, lim.concurrency),
        )
        if kind == "rpm":
            snap.rpm_remaining, snap.rpm_reset_s = 0, 20.0
        elif kind == "tpm":
            used = max(lim.tpm - tokens // 2, 0)
            snap.tpm_remaining, snap.tpm_used, snap.tpm_reset_s = lim.tpm - used, used, 1.5
        elif kind == "concurrency":
            snap.in_flight = lim.concurrency
        return snap

    def peek(self) -> Snapshot:
        """A fresh bucket's snapshot, for answers that did not go through ``admit``."""
        lim = self.limits
        return Snapshot(lim.rpm, lim.rpm, 0.0, lim.tpm, lim.tpm, 0.0, 0, 0, lim.concurrency, 0)

    def _prune(self, bucket: _Bucket, now: float) -> None:
        while bucket.entries and now - bucket.entries[0][0] >= WINDOW_S:
            bucket.entries.popleft()

    def _snapshot(self, bucket: _Bucket, now: float, tokens: int) -> Snapshot:
        lim = self.limits
        used = sum(t for _, t in bucket.entries)
        oldest = bucket.entries[0][0] if bucket.entries else now
        reset = max(WINDOW_S - (now - oldest), 0.0) if bucket.entries else 0.0
        return Snapshot(
            rpm_limit=lim.rpm,
            rpm_remaining=max(lim.rpm - len(bucket.entries), 0),
            rpm_reset_s=round(reset, 3),
            tpm_limit=lim.tpm,
            tpm_remaining=max(lim.tpm - used, 0),
            tpm_reset_s=round(reset * min(used / lim.tpm, 1.0), 3) if lim.tpm else 0.0,
            tpm_used=used,
            requested_tokens=tokens,
            concurrency_limit=lim.concurrency,
            in_flight=bucket.in_flight,
        )


def go_duration(seconds: float) -> str:
    """OpenAI's reset format: ``20ms``, ``1.5s``, ``6m0s``."""
    if seconds < 1:
        return f"{round(seconds * 1000)}ms"
    if seconds < 60:
        return f"{seconds:.3g}s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}m{rest}s"
