"""Live progress of ``whichlayer check``: each stage as it starts and as it resolves.

The runner reports to whatever :class:`Progress` is current (a context variable, so every
target's task sees it without threading it through each stage). Three kinds:

- :class:`NullProgress`: nothing (``--json``, library use);
- :class:`LineProgress`: one plain line per stage start and result (piped output);
- :class:`LiveProgress`: a rich live table on a terminal, cleared when the report prints.

Everything shown passes the redactor.
"""

from __future__ import annotations

import contextvars
import threading
import time
from typing import IO, Any

from whichlayer.check.model import Stage
from whichlayer.redact import redact_text

_MARK = {True: "ok", False: "FAIL", None: "-"}


class Progress:
    """Receives stage events; the base class ignores them."""

    def start(self, target: str, stage: str) -> None:
        """``stage`` of ``target`` began."""

    def done(self, target: str, stage: Stage) -> None:
        """``stage`` of ``target`` resolved (or was skipped: ``stage.ok is None``)."""

    def close(self) -> None:
        """The run is over: remove anything transient."""


class NullProgress(Progress):
    pass


CURRENT: contextvars.ContextVar[Progress | None] = contextvars.ContextVar(
    "whichlayer_check_progress", default=None
)


def _ms(ms: float | None) -> str:
    return "" if ms is None else f"{ms:.0f} ms"


class LineProgress(Progress):
    """Plain lines, written as things happen (flushed), for a pipe or a log."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self._lock = threading.Lock()

    def _write(self, line: str) -> None:
        with self._lock:
            self.stream.write(redact_text(line) + "\n")
            self.stream.flush()

    def start(self, target: str, stage: str) -> None:
        self._write(f"{target}: {stage} …")

    def done(self, target: str, stage: Stage) -> None:
        took = _ms(stage.ms)
        took = f" {took}" if took else ""
        self._write(f"{target}: {stage.name} {_MARK[stage.ok]}{took}  {stage.detail}")


class LiveProgress(Progress):
    """A rich live table (one row per stage) on a terminal; transient."""

    def __init__(self, console: Any) -> None:
        from rich.live import Live

        self.console = console
        self.rows: dict[tuple[str, str], tuple[float, Stage | None]] = {}
        self.live = Live(
            console=console, transient=True, refresh_per_second=8, get_renderable=self._render
        )
        self.live.start()

    def _render(self) -> Any:
        from rich.spinner import Spinner
        from rich.table import Table
        from rich.text import Text

        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column("target", style="bold")
        table.add_column("stage")
        table.add_column("result")
        table.add_column("time", justify="right")
        table.add_column("detail", overflow="ellipsis", no_wrap=True)
        style = {True: "green", False: "bold red", None: "dim"}
        now = time.monotonic()
        for (target, name), (started, stage) in list(self.rows.items()):
            if stage is None:
                table.add_row(target, name, Spinner("dots"), f"{(now - started):.1f} s", Text("…"))
            else:
                table.add_row(
                    target,
                    name,
                    Text(_MARK[stage.ok], style=style[stage.ok]),
                    _ms(stage.ms),
                    Text(redact_text(stage.detail)),
                )
        return table

    def start(self, target: str, stage: str) -> None:
        self.rows[(target, stage)] = (time.monotonic(), None)

    def done(self, target: str, stage: Stage) -> None:
        started = self.rows.get((target, stage.name), (time.monotonic(), None))[0]
        self.rows[(target, stage.name)] = (started, stage)

    def close(self) -> None:
        self.live.stop()


def start(target: str, stage: str) -> None:
    shown = CURRENT.get()
    if shown is not None:
        shown.start(target, stage)


def done(target: str, stage: Stage) -> None:
    shown = CURRENT.get()
    if shown is not None:
        shown.done(target, stage)


def describe(exc: BaseException, waited_ms: float | None = None) -> str:
    """What happened, in words, even when the exception's own message is empty
    ("no answer within 5.0 s", never an empty detail after a colon)."""
    text = " ".join(str(exc).split())
    if text:
        return text
    name = type(exc).__name__
    waited = f" within {waited_ms / 1000:.1f} s" if waited_ms is not None else ""
    if "ConnectTimeout" in name:
        return f"no connection{waited} (connect timeout)"
    if "Timeout" in name or isinstance(exc, TimeoutError):
        return f"no answer{waited} ({name})"
    if "RemoteProtocol" in name:
        return "the server closed the connection without a complete answer"
    if "Connect" in name:
        return f"could not connect ({name})"
    if "Proxy" in name:
        return f"the proxy failed ({name})"
    return f"{name} with no message"
