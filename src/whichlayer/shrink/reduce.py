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
#: Up to this many units, the first split does not guess (see ``_solve``).
SMALL = 32


class Oracle:
    """Wraps the real test with memory and the monotone inference."""

    def __init__(self, fails: Callable[[Keep], bool], defer: bool = False) -> None:
        self._fails = fails
        self.known: dict[Keep, bool] = {}
        self._passed: list[Keep] = []
        self._failed: list[Keep] = []
        self.defer = defer
        self.unverified: list[int] = []
        self.size = 0
        self.first_half: Keep = frozenset()

    def __call__(self, keep: Keep) -> bool:
        if keep in self.known:
            return self.known[keep]
        if self.surely_passes(keep):
            return False
        if any(f <= keep for f in self._failed):
            return True
        result = self._fails(keep)
        self.known[keep] = result
        (self._failed if result else self._passed).append(keep)
        return result

    def surely_passes(self, keep: Keep) -> bool:
        return self.known.get(keep) is False or any(keep <= p for p in self._passed)


def minimize(n: int, fails: Callable[[Keep], bool]) -> list[int]:
    """Indices to keep so that the failure remains and removing any one of them loses it."""
    return minimize_deferred(n, fails, defer=False)[0]


def minimize_deferred(
    n: int, fails: Callable[[Keep], bool], defer: bool
) -> tuple[list[int], list[int]]:
    """Like :func:`minimize`; with ``defer``, a kept unit whose removal was never tested is
    returned in the second list instead of being tested (the caller settles it later, often
    for free: a unit holding a culprit found at the next level is needed anyway)."""
    oracle = Oracle(fails, defer)
    everything = list(range(n))
    oracle.size = n
    oracle.known[frozenset(everything)] = True
    oracle._failed.append(frozenset(everything))
    found = _solve([], everything, True, oracle)
    assert found is not None
    return sorted(found), sorted(set(oracle.unverified) & set(found))


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
        if not verified:
            alone = whole - test.first_half
            # without the kept first half: when that fails too, the top's last check is done
            if not (alone != whole and test(alone)) and not test(whole):
                return None
        if test.surely_passes(base):
            return list(items)
        if test.defer:
            test.unverified.append(items[0])
            return list(items)
        return list(items) if not test(base) else []
    half = len(items) // 2
    first, second = items[:half], items[half:]
    if test(base | frozenset(first)):
        return _solve(background, first, True, test)
    if verified and not background and test.size <= SMALL:
        # a small set: look in the second half with the first kept, which is right for one
        # culprit there and for culprits split between the halves (no guess to undo); on a
        # large set, guessing "one culprit" saves a request more often than it costs one
        test.first_half = frozenset(first)
        in_second = _solve(list(first), second, True, test)
        test.first_half = frozenset()
        assert in_second is not None
        if test(frozenset(in_second)):
            return in_second
        in_first = _solve(in_second, first, True, test)
        assert in_first is not None
        return in_first + in_second
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
