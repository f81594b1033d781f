"""Ctrl-C for the commands that run an event loop (``check``, ``probe``).

``asyncio.run``'s own Ctrl-C handler is a plain signal handler: when the signal lands on
another thread (the resolver's), the loop sleeps on in select() until a stalled answer
comes, and the cancel it then asks for can miss the run's last await, so the command
finishes as if nothing was pressed. The loop's own handler (``add_signal_handler``)
writes to the loop's wakeup pipe and wakes it at once."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run(work: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(work)``, ended by KeyboardInterrupt at Ctrl-C however long a request
    stalls; where the loop's handler cannot be set (Windows, not the main thread),
    ``asyncio.run``'s own stays."""
    return asyncio.run(_interruptible(work))


async def _interruptible(work: Coroutine[Any, Any, T]) -> T:
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    interrupted = False

    def on_sigint() -> None:
        nonlocal interrupted
        interrupted = True
        if task is not None:
            task.cancel()

    try:
        loop.add_signal_handler(signal.SIGINT, on_sigint)
        installed = True
    except (NotImplementedError, RuntimeError, ValueError):
        installed = False
    try:
        return await work
    except asyncio.CancelledError:
        if interrupted:
            raise KeyboardInterrupt from None
        raise
    finally:
        if installed:
            loop.remove_signal_handler(signal.SIGINT)
