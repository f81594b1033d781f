"""Simulators shared by the tests of a module: one per dialect, on 127.0.0.1, port 0."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from whichlayer.simulate import SimServer

#: Client read timeout used against stall scenarios: the stall outlasts it.
CLIENT_TIMEOUT_S = 0.3


def _serve(dialect: str) -> Iterator[SimServer]:
    with SimServer(dialect, stall_s=3.0, slow_s=0.6) as sim:
        yield sim


@pytest.fixture(scope="module")
def openai_sim() -> Iterator[SimServer]:
    yield from _serve("openai")


@pytest.fixture(scope="module")
def anthropic_sim() -> Iterator[SimServer]:
    yield from _serve("anthropic")


@pytest.fixture(scope="module")
def gemini_sim() -> Iterator[SimServer]:
    yield from _serve("gemini")


@pytest.fixture(scope="module")
def azure_sim() -> Iterator[SimServer]:
    yield from _serve("azure")
