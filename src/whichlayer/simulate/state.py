"""SimState: everything one simulated server remembers between requests."""

from __future__ import annotations

from dataclasses import dataclass, field

from aiohttp import web

from whichlayer.simulate.keys import KeyStore
from whichlayer.simulate.limits import Limiter
from whichlayer.simulate.script import OK, Script, Step

#: Request header that picks a scenario for one request.
SCENARIO_HEADER = "x-sim-scenario"


@dataclass(slots=True)
class SimState:
    dialect: str  # the default protocol for paths that do not name one
    keys: KeyStore
    limiter: Limiter
    default: Step = OK  # the server's scenario (--scenario)
    script: Script | None = None
    stall_s: float = 30.0  # how long a read_timeout stall lasts
    slow_s: float = 2.0  # the delay of read_timeout:slow_first_byte
    log: list[dict[str, object]] = field(default_factory=list)
    fail_when: tuple[str, ...] = ()  # a 500 when all these parts are in a body (validate.py)

    def choose(self, request: web.Request) -> Step:
        """Header first, then the scenario file's next step, then the server default."""
        named = request.headers.get(SCENARIO_HEADER)
        if named:
            return OK if named == "ok" else Step(scenario=named)
        if self.script is not None:
            return self.script.next_step()
        return self.default


STATE: web.AppKey[SimState] = web.AppKey("whichlayer_sim_state", SimState)
