"""Choosing a fault: a server default, a per-request header, or a scenario file's sequence.

Scenario file (YAML or TOML)::

    dialect: openai           # optional; the CLI's --dialect wins
    limits: {rpm: 3, tpm: 10000, concurrency: 2}
    steps:                    # one per request, in order
      - unavailable           # a scenario id ...
      - {status: 503}         # ... or a status (mapped to its usual cause)
      - {scenario: rpm, retry_after: 3}
      - ok                    # a normal answer
    then: ok                  # after the steps: ok (default), a scenario id, or "repeat"
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from whichlayer.simulate.limits import Limits

#: The cause a bare status stands for in a scenario file.
STATUS_CAUSE = {
    400: "invalid_parameter",
    401: "key_invalid",
    402: "insufficient_balance",
    403: "permission_model",
    404: "model_not_found",
    413: "request_too_large",
    429: "rpm",
    500: "server_error",
    502: "bad_gateway",
    503: "unavailable",
    504: "gateway_timeout",
    529: "overloaded",
}


class ScenarioFileError(ValueError):
    """The scenario file cannot be read or does not follow the format."""


@dataclass(frozen=True, slots=True)
class Step:
    """What to do with one request: a scenario (None = answer normally) and its knobs."""

    scenario: str | None = None
    status: int | None = None
    retry_after_s: float | None = None
    delay_s: float | None = None


OK = Step()


class Script:
    """A sequence of steps consumed one per request, then a tail behaviour."""

    def __init__(self, steps: list[Step], then: Step | None, repeat: bool = False):
        self.steps = steps
        self.then = then or OK
        self.repeat = repeat
        self._next = 0

    def next_step(self) -> Step:
        if self._next < len(self.steps):
            step = self.steps[self._next]
            self._next += 1
            if self.repeat and self._next == len(self.steps):
                self._next = 0
            return step
        return self.then


@dataclass(slots=True)
class ScenarioFile:
    script: Script
    dialect: str | None = None
    limits: Limits | None = None


def load(path: str | Path) -> ScenarioFile:
    """Read a YAML or TOML scenario file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioFileError(f"cannot read {p}: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(text) if p.suffix.lower() == ".toml" else yaml.safe_load(text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        raise ScenarioFileError(
            f"{p} is not valid {p.suffix.lstrip('.') or 'YAML'}: {exc}"
        ) from None
    if not isinstance(data, Mapping):
        raise ScenarioFileError(f"{p}: expected a mapping with 'steps'")
    return parse(data)


def parse(data: Mapping[str, Any]) -> ScenarioFile:
    raw_steps = data.get("steps", data.get("sequence", []))
    if not isinstance(raw_steps, list):
        raise ScenarioFileError("'steps' must be a list")
    steps = [parse_step(s) for s in raw_steps]
    then_raw = data.get("then", "ok")
    repeat = then_raw == "repeat"
    then = None if repeat else parse_step(then_raw)
    limits = _limits(data.get("limits"))
    dialect = data.get("dialect")
    return ScenarioFile(Script(steps, then, repeat), str(dialect) if dialect else None, limits)


def parse_step(raw: Any) -> Step:
    """A step from ``"rpm"``, ``503``, ``"ok"`` or ``{scenario|status, retry_after, delay}``."""
    if isinstance(raw, bool):
        raise ScenarioFileError(f"not a step: {raw!r}")
    if isinstance(raw, int):
        return _status_step(raw, None, None)
    if isinstance(raw, str):
        return OK if raw in ("ok", "200") else Step(scenario=raw)
    if isinstance(raw, Mapping):
        retry = _num(raw.get("retry_after"))
        delay = _num(raw.get("delay"))
        scenario = raw.get("scenario")
        status = raw.get("status")
        if scenario in (None, "ok") and status in (None, 200):
            return Step(delay_s=delay)
        if scenario is None:
            return _status_step(int(status), retry, delay)  # type: ignore[arg-type]
        return Step(str(scenario), int(status) if status else None, retry, delay)
    raise ScenarioFileError(f"not a step: {raw!r}")


def _status_step(status: int, retry: float | None, delay: float | None) -> Step:
    if status == 200:
        return Step(delay_s=delay)
    cause = STATUS_CAUSE.get(status)
    if cause is None:
        raise ScenarioFileError(f"no default scenario for status {status}; name one")
    return Step(cause, status, retry, delay)


def _num(value: Any) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ScenarioFileError(f"not a number: {value!r}") from None


def _limits(raw: Any) -> Limits | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise ScenarioFileError("'limits' must be a mapping of rpm, tpm, concurrency")
    base = Limits()
    try:
        return Limits(
            rpm=int(raw.get("rpm", base.rpm)),
            tpm=int(raw.get("tpm", base.tpm)),
            concurrency=int(raw.get("concurrency", base.concurrency)),
        )
    except (TypeError, ValueError):
        raise ScenarioFileError(f"bad limits: {dict(raw)!r}") from None
