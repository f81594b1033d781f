"""Counting failures by layer, cause, origin, model, host, key and hour.

An ``Aggregate`` merges with another, so a file split across processes counts once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

#: A request seen failing this many times is a retry storm.
STORM_MIN = 5
#: Most request identities tracked for storms at once; beyond it, one-off ones are dropped.
MAX_IDENTITIES = 200_000
#: Distinct combinations held before they are spread into the tables (bounds memory).
MAX_PENDING = 100_000
#: Characters of an example error kept (redacted) per cause.
EXAMPLE_CHARS = 300


_HOURS: dict[int, str] = {}


def _hour(when: datetime) -> str:
    """``YYYY-MM-DDTHH`` of a time, computed once per hour seen (it runs for every failure)."""
    n = int(when.timestamp()) // 3600
    label = _HOURS.get(n)
    if label is None:
        if len(_HOURS) > 100_000:
            _HOURS.clear()
        label = _HOURS[n] = datetime.fromtimestamp(n * 3600, tz=UTC).strftime("%Y-%m-%dT%H")
    return label


@dataclass
class FileStat:
    path: str
    format: str
    lines: int = 0
    candidates: int = 0
    failures: int = 0
    unreadable: int = 0
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True, slots=True)
class Verdict:
    layer: str | None
    cause: str
    origin: str
    retry: str

    @property
    def cause_id(self) -> str:
        return f"{self.layer or 'unknown'}/{self.cause}"


@dataclass
class Aggregate:
    files: list[FileStat] = field(default_factory=list)
    failures: int = 0
    undated: int = 0
    _by: dict[str, Counter[str]] = field(
        default_factory=lambda: {
            k: Counter() for k in ("layer", "cause", "origin", "model", "host", "key", "retry")
        }
    )
    #: (cause, dimension value) pairs, to say where the dominant cause concentrates
    _cause_by: dict[str, Counter[tuple[str, str]]] = field(
        default_factory=lambda: {k: Counter() for k in ("model", "host", "key")}
    )
    _hours: Counter[tuple[str, str]] = field(default_factory=Counter)
    first: datetime | None = None
    last: datetime | None = None
    examples: dict[str, dict[str, Any]] = field(default_factory=dict)
    identities: dict[str, list[Any]] = field(default_factory=dict)
    retry_attempts: int = 0
    #: Failures counted by everything the tables need at once (one dict increment per
    #: failure on the hot path); spread into the tables when they are read.
    _pending: Counter[tuple[Verdict, str | None, str | None, str | None, str | None]] = field(
        default_factory=Counter
    )

    @property
    def by(self) -> dict[str, Counter[str]]:
        self._flush()
        return self._by

    @property
    def cause_by(self) -> dict[str, Counter[tuple[str, str]]]:
        self._flush()
        return self._cause_by

    @property
    def hours(self) -> Counter[tuple[str, str]]:
        self._flush()
        return self._hours

    def _flush(self) -> None:
        if not self._pending:
            return
        by, cause_by = self._by, self._cause_by
        for (verdict, model, host, key, hour), n in self._pending.items():
            layer = verdict.layer or "unknown"
            cause = verdict.cause_id
            by["layer"][layer] += n
            by["cause"][cause] += n
            by["origin"][verdict.origin] += n
            by["retry"][verdict.retry] += n
            for dim, value in (("model", model), ("host", host), ("key", key)):
                if value:
                    by[dim][value] += n
                    cause_by[dim][(cause, value)] += n
            if hour is not None:
                self._hours[(hour, layer)] += n
        self._pending.clear()

    def add(self, verdict: Verdict, when: datetime | None, model: str | None, host: str | None,
            key: str | None, identity: str | None, retry_attempt: int | None,
            example: str, request_id: str | None) -> None:  # fmt: skip
        self.failures += 1
        if when is None:
            self.undated += 1
            hour = None
        else:
            hour = _hour(when)
            if self.first is None or when < self.first:
                self.first = when
            if self.last is None or when > self.last:
                self.last = when
        self._pending[(verdict, model, host, key, hour)] += 1
        if len(self._pending) > MAX_PENDING:
            self._flush()
        cause = verdict.cause_id
        if cause not in self.examples:
            self.examples[cause] = {
                "text": example[:EXAMPLE_CHARS],
                "request_id": request_id,
                "when": when.isoformat() if when else None,
            }
        if retry_attempt:
            self.retry_attempts += 1
        if identity:
            seen = self.identities.get(identity)
            if seen is None:
                if len(self.identities) >= MAX_IDENTITIES:
                    self._forget_singletons()
                self.identities[identity] = [1, when, when, cause]
            else:
                seen[0] += 1
                if when is not None:
                    seen[1] = when if seen[1] is None or when < seen[1] else seen[1]
                    seen[2] = when if seen[2] is None or when > seen[2] else seen[2]

    def _forget_singletons(self) -> None:
        self.identities = {k: v for k, v in self.identities.items() if v[0] > 1}
        if len(self.identities) >= MAX_IDENTITIES:  # all repeated: keep the worst half
            worst = sorted(self.identities.items(), key=lambda kv: -kv[1][0])
            self.identities = dict(worst[: MAX_IDENTITIES // 2])

    def merge(self, other: Aggregate) -> None:
        self.files += other.files
        self.failures += other.failures
        self.undated += other.undated
        for k, counter in other.by.items():
            self.by[k].update(counter)
        for k, pairs in other.cause_by.items():
            self.cause_by[k].update(pairs)
        self.hours.update(other.hours)
        for when in (other.first, other.last):
            if when is not None:
                self.first = when if self.first is None or when < self.first else self.first
                self.last = when if self.last is None or when > self.last else self.last
        for cause, example in other.examples.items():
            self.examples.setdefault(cause, example)
        self.retry_attempts += other.retry_attempts
        for ident, (count, first, last, cause) in other.identities.items():
            mine = self.identities.get(ident)
            if mine is None:
                self.identities[ident] = [count, first, last, cause]
            else:
                mine[0] += count
                mine[1] = min((t for t in (mine[1], first) if t), default=None)
                mine[2] = max((t for t in (mine[2], last) if t), default=None)

    def storms(self) -> list[dict[str, Any]]:
        """Requests seen failing STORM_MIN times or more: each is a retry storm."""
        out = []
        for ident, (count, first, last, cause) in self.identities.items():
            if count >= STORM_MIN:
                out.append(
                    {
                        "request": ident,
                        "attempts": count,
                        "cause": cause,
                        "first": first.isoformat() if first else None,
                        "last": last.isoformat() if last else None,
                    }
                )
        out.sort(key=lambda s: -int(s["attempts"]))
        return out
