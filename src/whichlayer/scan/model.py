"""What a reader hands the scanner: one failure, as facts, before any judgement."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import partial
from itertools import repeat
from typing import Any, NamedTuple


class Failure(NamedTuple):
    """One failed call found in a log.

    ``text`` is what the engine diagnoses (the error as the log holds it);
    ``identity`` names the request (a body hash, a turn id) so that the same
    request sent again is seen as a retry; ``key`` is a key's fingerprint or a
    key's name, never a key. A tuple: the hot path makes and unpacks one per
    failure line, in C.
    """

    text: str
    when: datetime | None = None
    status: int | None = None
    model: str | None = None
    host: str | None = None
    key: str | None = None
    request_id: str | None = None
    identity: str | None = None
    #: the client's own retry of an earlier attempt (e.g. Claude Code's retryAttempt)
    retry_attempt: int | None = None


#: A Failure from all nine fields at once, without the generated Python ``__new__``.
make_failure: Callable[[tuple[Any, ...]], Failure] = partial(tuple.__new__, Failure)


class Columns(NamedTuple):
    """A block's failures as columns, when every one is plainly a failure dated in whole
    epoch seconds (the usual gateway log); a column the log does not have is None."""

    texts: list[str]
    seconds: Sequence[int]
    statuses: Sequence[int]
    models: Sequence[str] | None
    hosts: Sequence[str] | None
    keys: Sequence[str] | None
    request_ids: Sequence[str] | None
    identities: Sequence[str] | None

    def rows(self) -> list[Failure]:
        """The same failures, one tuple each."""
        blank = repeat(None)
        return list(
            map(
                make_failure,
                zip(
                    self.texts,
                    map(partial(datetime.fromtimestamp, tz=UTC), self.seconds),
                    self.statuses,
                    self.models or blank,
                    self.hosts or blank,
                    self.keys or blank,
                    self.request_ids or blank,
                    self.identities or blank,
                    blank,
                    strict=False,
                ),
            )
        )


def parse_time(value: object) -> datetime | None:
    """ISO 8601 text, or epoch seconds/milliseconds, as an aware UTC time."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        try:
            return parse_time(float(text))
        except ValueError:
            return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def status_of(value: object) -> int | None:
    """An HTTP status from a log field (int or digit string), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 100 <= value <= 599 else None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) == 3:
        return status_of(int(value))
    return None
