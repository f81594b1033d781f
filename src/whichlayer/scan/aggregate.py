"""Counting failures by layer, cause, origin, model, host, key and hour.

An ``Aggregate`` merges with another, so a file split across processes counts once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from itertools import repeat
from operator import attrgetter
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from whichlayer.scan.model import Columns, Failure

_CAUSE_ID = attrgetter("cause_id")
_FROM_SECONDS = partial(datetime.fromtimestamp, tz=UTC)

#: A request seen failing this many times is a retry storm.
STORM_MIN = 5
#: Most request identities tracked for storms at once; beyond it, one-off ones are dropped.
MAX_IDENTITIES = 200_000
#: Distinct combinations held before they are spread into the tables (bounds memory).
MAX_PENDING = 100_000
#: Characters of an example error kept (redacted) per cause.
EXAMPLE_CHARS = 300


_HOURS: dict[int, str] = {}


def _label(n: int) -> str:
    """``YYYY-MM-DDTHH`` of hour ``n`` since the epoch, made once per hour seen."""
    label = _HOURS.get(n)
    if label is None:
        if len(_HOURS) > 100_000:
            _HOURS.clear()
        label = _HOURS[n] = datetime.fromtimestamp(n * 3600, tz=UTC).strftime("%Y-%m-%dT%H")
    return label


def _hour(when: datetime) -> int:
    """The hour a time falls in, counted from the epoch (labelled when the tables are read)."""
    return int(when.timestamp()) // 3600


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


class Verdict:
    """The engine's judgement of one error text.

    Hashed and compared by identity: the hot path keys its counters by it, and a pointer
    hashes in C at no cost where a tuple of five strings is hashed anew each time.
    ``Diagnoser`` hands out one object per distinct judgement, and the tables are read
    through its fields, so two equal verdicts that are not the same object (from two
    processes, say) still add up to the same counts."""

    __slots__ = ("cause", "cause_id", "layer", "origin", "retry")

    def __init__(self, layer: str | None, cause: str, origin: str, retry: str) -> None:
        self.layer = layer
        self.cause = cause
        self.origin = origin
        self.retry = retry
        #: ``layer/cause``, made once per distinct error rather than once per failure
        self.cause_id = f"{layer or 'unknown'}/{cause}"

    def __repr__(self) -> str:
        return f"Verdict{(self.layer, self.cause, self.origin, self.retry)!r}"


#: A time as the identity table holds it: an aware datetime, or whole epoch seconds
#: (the column way stores those and makes the datetime only when it is read).
Stamp = datetime | int | None
#: A request identity's record: failures seen, first and last time, the first verdict.
Record = tuple[int, Stamp, Stamp, Verdict]


def _at(when: Stamp) -> datetime | None:
    """A stored time as a datetime."""
    return _FROM_SECONDS(when) if type(when) is int else when  # type: ignore[return-value]


def _span(first: Stamp, last: Stamp, when: datetime | None) -> tuple[Stamp, Stamp]:
    """First and last time widened to include ``when``."""
    if when is None:
        return first, last
    lo, hi = _at(first), _at(last)
    return (when if lo is None or when < lo else lo), (when if hi is None or when > hi else hi)


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
    identities: dict[str, Record] = field(default_factory=dict)
    retry_attempts: int = 0
    #: Failures counted by everything the tables need at once (one dict increment per
    #: failure on the hot path); spread into the tables when they are read.
    _pending: Counter[tuple[Verdict, str | None, str | None, str | None]] = field(
        default_factory=Counter
    )
    #: Failures counted by verdict and hour (kept apart from the above, so that neither
    #: table multiplies the other's distinct values and the spreading stays short).
    _pending_hours: Counter[tuple[Verdict, int]] = field(default_factory=Counter)

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
        if not self._pending and not self._pending_hours:
            return
        by, cause_by = self._by, self._cause_by
        for (verdict, model, host, key), n in self._pending.items():
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
        for (verdict, hour), n in self._pending_hours.items():
            self._hours[(_label(hour), verdict.layer or "unknown")] += n
        self._pending.clear()
        self._pending_hours.clear()

    def add(self, verdict: Verdict, when: datetime | None, model: str | None, host: str | None,
            key: str | None, identity: str | None, retry_attempt: int | None,
            example: str, request_id: str | None) -> None:  # fmt: skip
        self.failures += 1
        if when is None:
            self.undated += 1
        else:
            self._pending_hours[(verdict, _hour(when))] += 1
            if self.first is None or when < self.first:
                self.first = when
            if self.last is None or when > self.last:
                self.last = when
        self._pending[(verdict, model, host, key)] += 1
        if len(self._pending) > MAX_PENDING or len(self._pending_hours) > MAX_PENDING:
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
            self._identity(identity, when, verdict)

    def _identity(self, identity: str, when: datetime | None, verdict: Verdict) -> None:
        """One failure of a request identity, for retry storms."""
        seen = self.identities.get(identity)
        if seen is None:
            if len(self.identities) >= MAX_IDENTITIES:
                self._forget_singletons()
            self.identities[identity] = (1, when, when, verdict)
        else:
            count, first, last, cause = seen
            self.identities[identity] = (count + 1, *_span(first, last, when), cause)

    def add_all(
        self,
        failures: Iterable[Failure],
        diagnose: Callable[[str], Verdict],
        memo: dict[str, Verdict],
        window: tuple[datetime | None, datetime | None] = (None, None),
    ) -> int:
        """``add`` for each failure inside the window, diagnosed (``memo`` first): the
        same counts, in one frame with its names bound once (the scanner's hot path).
        Returns how many were counted."""
        since, until = window
        windowed = since is not None or until is not None
        pending, pending_hours, examples = self._pending, self._pending_hours, self.examples
        first, last = self.first, self.last
        counted = undated = retries = 0
        for text, when, _status, model, host, key, rid, identity, retry in failures:
            if windowed and (
                when is None
                or (since is not None and when < since)
                or (until is not None and when >= until)
            ):
                continue
            counted += 1
            verdict = memo.get(text) or diagnose(text)
            if when is None:
                undated += 1
            else:
                pending_hours[(verdict, int(when.timestamp()) // 3600)] += 1
                if first is None or when < first:
                    first = when
                if last is None or when > last:
                    last = when
            pending[(verdict, model, host, key)] += 1
            if len(pending) > MAX_PENDING or len(pending_hours) > MAX_PENDING:
                self._flush()
            cause = verdict.cause_id
            if cause not in examples:
                examples[cause] = {
                    "text": text[:EXAMPLE_CHARS],
                    "request_id": rid,
                    "when": when.isoformat() if when else None,
                }
            if retry:
                retries += 1
            if identity:
                self._identity(identity, when, verdict)
        self.first, self.last = first, last
        self.failures += counted
        self.undated += undated
        self.retry_attempts += retries
        return counted

    def add_columns(
        self,
        cols: Columns,
        diagnose: Callable[[str], Verdict],
        memo: dict[str, Verdict],
        window: tuple[datetime | None, datetime | None] = (None, None),
    ) -> int:
        """``add_all`` for a block of failures given as columns (every one a failure,
        dated by whole epoch seconds): the same counts, made with C-level maps,
        ``zip`` and ``Counter.update`` instead of a Python step per failure.
        Returns how many were counted."""
        if window != (None, None):  # rare enough: the row way filters it
            return self.add_all(cols.rows(), diagnose, memo, window)
        texts = cols.texts
        n = len(texts)
        if not n:
            return 0
        found = list(map(memo.get, texts))
        if None in found:
            verdicts = [v or diagnose(t) for v, t in zip(found, texts, strict=True)]
        else:
            verdicts = cast("list[Verdict]", found)
        seconds = cols.seconds
        blank = repeat(None)
        self._pending.update(
            zip(verdicts, cols.models or blank, cols.hosts or blank, cols.keys or blank,
                strict=False)
        )  # fmt: skip
        self._pending_hours.update(zip(verdicts, [t // 3600 for t in seconds], strict=True))
        if len(self._pending) > MAX_PENDING or len(self._pending_hours) > MAX_PENDING:
            self._flush()
        lo = datetime.fromtimestamp(min(seconds), UTC)
        hi = datetime.fromtimestamp(max(seconds), UTC)
        if self.first is None or lo < self.first:
            self.first = lo
        if self.last is None or hi > self.last:
            self.last = hi
        examples = self.examples
        if any(v.cause_id not in examples for v in set(verdicts)):
            for i, verdict in enumerate(verdicts):
                cause = verdict.cause_id
                if cause not in examples:
                    examples[cause] = {
                        "text": texts[i][:EXAMPLE_CHARS],
                        "request_id": cols.request_ids[i] if cols.request_ids else None,
                        "when": datetime.fromtimestamp(seconds[i], UTC).isoformat(),
                    }
        if cols.identities:
            self._identities_at(cols.identities, seconds, verdicts)
        self.failures += n
        return n

    def _identities_at(self, identities: Sequence[str], seconds: Sequence[int],
                       verdicts: list[Verdict]) -> None:  # fmt: skip
        """Each failure's request identity, for retry storms: all new ones at once when
        they are (the usual case: stored with their epoch seconds, made into times only
        when read), else one by one exactly as ``add`` does."""
        known = self.identities
        before = len(known)
        if before + len(identities) < MAX_IDENTITIES and known.keys().isdisjoint(identities):
            fresh = zip(repeat(1), seconds, seconds, verdicts, strict=False)
            known.update(zip(identities, fresh, strict=True))
            if len(known) == before + len(identities):
                return
            # a request failed twice within the block: its first record was overwritten;
            # all of the block's identities were new, so dropping them undoes the update
            for identity in identities:
                known.pop(identity, None)
        for identity, second, verdict in zip(identities, seconds, verdicts, strict=False):
            self._identity(identity, _FROM_SECONDS(second), verdict)

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
        for ident, (count, first, last, verdict) in other.identities.items():
            mine = self.identities.get(ident)
            if mine is None:
                self.identities[ident] = (count, first, last, verdict)
            else:
                lo = min((t for t in (_at(mine[1]), _at(first)) if t), default=None)
                hi = max((t for t in (_at(mine[2]), _at(last)) if t), default=None)
                self.identities[ident] = (mine[0] + count, lo, hi, mine[3])

    def storms(self) -> list[dict[str, Any]]:
        """Requests seen failing STORM_MIN times or more: each is a retry storm."""
        out: list[dict[str, Any]] = []
        for ident, (count, first, last, verdict) in self.identities.items():
            if count >= STORM_MIN:
                when, until = _at(first), _at(last)
                out.append(
                    {
                        "request": ident,
                        "attempts": count,
                        "cause": verdict.cause_id,
                        "first": when.isoformat() if when else None,
                        "last": until.isoformat() if until else None,
                    }
                )
        out.sort(key=lambda s: -int(s["attempts"]))
        return out
