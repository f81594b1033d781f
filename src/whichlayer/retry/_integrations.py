"""Hooks for tenacity and stamina users: the same decisions, in their retry loops.

tenacity::

    @tenacity.retry(retry=whichlayer.retry.tenacity_retry(), wait=whichlayer.retry.tenacity_wait(),
                    reraise=True)
    def call(): ...

stamina::

    @stamina.retry(on=whichlayer.retry.should_retry, attempts=3)
    def call(): ...
"""

from __future__ import annotations

import logging
import weakref
from typing import Any

from whichlayer.retry._budget import Budget, default_budget
from whichlayer.retry._clock import get_clock
from whichlayer.retry._policy import Decision, Policy, decide

log = logging.getLogger("whichlayer.retry")

_decisions: weakref.WeakKeyDictionary[Any, Decision] = weakref.WeakKeyDictionary()


def _failure(outcome: Any) -> object | None:
    """The exception of a failed attempt, or an error response it returned; None on success."""
    if outcome is None:
        return None
    if outcome.failed:
        exc: BaseException | None = outcome.exception()
        return exc
    result: object = outcome.result()
    status = getattr(result, "status_code", None)
    if isinstance(status, int) and status >= 400:
        return result
    return None


class _TenacityRetry:
    """A tenacity ``retry=`` strategy: retry exactly when ``decide`` says so."""

    def __init__(
        self,
        *,
        idempotent: bool,
        deadline_s: float | None,
        policy: Policy | None,
        budget: Budget | None,
        use_budget: bool,
    ) -> None:
        self.idempotent = idempotent
        self.deadline_s = deadline_s
        self.policy = policy
        self._budget = budget
        self.use_budget = use_budget

    def __call__(self, retry_state: Any) -> bool:
        failure = _failure(retry_state.outcome)
        if failure is None:
            return False
        budget = (self._budget or default_budget()) if self.use_budget else None
        attempt = int(retry_state.attempt_number) - 1
        if budget is not None and attempt == 0:
            budget.record_request()
        left = None
        if self.deadline_s is not None:
            left = self.deadline_s - float(retry_state.seconds_since_start or 0.0)
        decision = decide(
            failure,
            attempt=attempt,
            idempotent=self.idempotent,
            deadline_s=left,
            budget=budget,
            policy=self.policy,
        )
        _decisions[retry_state] = decision
        log.log(logging.INFO if decision.retry else logging.DEBUG, "%s", decision.line())
        return decision.retry


def tenacity_retry(
    *,
    idempotent: bool = False,
    deadline_s: float | None = None,
    policy: Policy | None = None,
    budget: Budget | None = None,
    use_budget: bool = True,
) -> Any:
    """A tenacity ``retry=`` predicate that follows the diagnosis (use with ``tenacity_wait()``).

    It stops by itself (``never``, spent retries, the deadline, the budget), so no
    ``stop=`` is needed. A returned response with a status of 400 or more counts as a failure.
    """
    return _TenacityRetry(
        idempotent=idempotent,
        deadline_s=deadline_s,
        policy=policy,
        budget=budget,
        use_budget=use_budget,
    )


def tenacity_wait() -> Any:
    """A tenacity ``wait=``: the delay ``tenacity_retry()`` decided (0 if it decided nothing)."""

    def wait(retry_state: Any) -> float:
        decision = _decisions.get(retry_state)
        return decision.delay_s if decision is not None else 0.0

    return wait


def should_retry(exc: Exception) -> bool | float:
    """A stamina ``on=`` hook: False, or the seconds to wait before retrying ``exc``.

    stamina does not say which attempt this is, so cap the attempts with its
    ``attempts=`` (3 = at most 2 retries). Retries draw on the process-wide budget.
    """
    decision = decide(exc, budget=default_budget())
    log.log(logging.INFO if decision.retry else logging.DEBUG, "%s", decision.line())
    if not decision.retry:
        return False
    return max(decision.delay_s, 1e-6)  # 0.0 would read as False


def sleep(seconds: float) -> None:
    """Sleep on the current clock (at once inside ``fake_clock()``): tenacity's ``sleep=``."""
    get_clock().sleep(seconds)


async def asleep(seconds: float) -> None:
    """The async ``sleep``."""
    await get_clock().asleep(seconds)
