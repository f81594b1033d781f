"""Finding a minimal set of units that still fails: bisection first, ddmin-style splits after.

``minimize(n, fails)`` returns the indices (out of ``range(n)``) to keep. It
assumes, as delta debugging does, that keeping everything fails. It starts
optimistic: one culprit, found by halving without testing the half it does
not keep (⌈log₂ n⌉ tests). When a guess turns out wrong (the half it went into
does not fail alone), it tests that half; when neither half fails alone the
culprits interact, and it reduces each half with the other kept (the
QuickXplain recursion), which costs about k·log₂(n/k) tests for k culprits.

Results are remembered: a set already tested is not sent again, and a set is
taken to pass when a superset of it passed (removing parts of a passing
request does not make it fail: the units keep every candidate valid).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

Keep = frozenset[int]


class Oracle:
    """Wraps the real test with memory and the monotone inference."""

    def __init__(self, fails: Callable[[Keep], bool]) -> None:
        self._fails = fails
        self.known: dict[Keep, bool] = {}
        self._passed: list[Keep] = []

    def __call__(self, keep: Keep) -> bool:
        if keep in self.known:
            return self.known[keep]
        result = self._fails(keep)
        self.known[keep] = result
        if not result:
            self._passed.append(keep)
        return result

    def surely_passes(self, keep: Keep) -> bool:
        return self.known.get(keep) is False or any(keep <= p for p in self._passed)


def minimize(n: int, fails: Callable[[Keep], bool]) -> list[int]:
    """Indices to keep so that the failure remains and removing any one of them loses it."""
    oracle = Oracle(fails)
    everything = list(range(n))
    oracle.known[frozenset(everything)] = True
    found = _solve([], everything, True, oracle)
    assert found is not None
    return sorted(found)


def _solve(
    background: Sequence[int], items: Sequence[int], verified: bool, test: Oracle
) -> list[int] | None:
    """A minimal subset S of items with test(background + S) failing.

    ``verified``: test(background + items) is known to fail; when it is only
    assumed, None means the assumption was wrong.
    """
    base = frozenset(background)
    if not items:
        return []
    if len(items) == 1:
        whole = base | {items[0]}
        if not verified and not test(whole):
            return None
        if test.surely_passes(base) or not test(base):
            return list(items)
        return []
    half = len(items) // 2
    first, second = items[:half], items[half:]
    if test(base | frozenset(first)):
        return _solve(background, first, True, test)
    found = _solve(background, second, False, test)
    if found is not None:
        return found
    if not verified:
        return None
    if test(base | frozenset(second)):
        return _solve(background, second, True, test)
    # neither half fails alone: parts of both are needed
    in_second = _solve([*background, *first], second, True, test)
    assert in_second is not None
    in_first = _solve([*background, *in_second], first, True, test)
    assert in_first is not None
    return in_first + in_second
