"""Fixtures for the probe tests: a simulated relay per named setup, and a probe runner that
goes through the real command line (``whichlayer probe --json``) over real sockets."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from whichlayer.cli import main
from whichlayer.simulate import SimServer, relay_setups
from whichlayer.simulate.keys import KeyStore


@dataclass
class Probed:
    code: int
    data: dict[str, Any]
    out: str
    err: str

    @property
    def verdict(self) -> dict[str, Any]:
        return dict(self.data["verdict"])

    def statuses(self) -> list[int | None]:
        return [r["status"] for r in self.data["results"]]


Runner = Callable[..., Probed]


@pytest.fixture
def run_probe(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Runner:
    def run(*args: str, env: dict[str, str] | None = None, budget: int = 12) -> Probed:
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        capsys.readouterr()
        code = main(["probe", *args, "--max-requests", str(budget), "--timeout", "20", "--json"])
        out, err = capsys.readouterr()
        data = json.loads(out) if out.strip() else {}
        if data:
            # the budget is never exceeded, whatever the scenario
            assert data["requests_sent"] <= budget
            assert len(data["results"]) == data["requests_sent"]
        return Probed(code, data, out, err)

    return run


@pytest.fixture
def relay() -> Iterator[Callable[[str], SimServer]]:
    servers: list[SimServer] = []

    def start(setup: str, flavor: str = "new-api") -> SimServer:
        sim = SimServer(dialect=f"relay:{flavor}", relay_setup=relay_setups.get(setup)).start()
        servers.append(sim)
        return sim

    yield start
    for sim in servers:
        sim.stop()


UPSTREAM_KEYS = KeyStore()
