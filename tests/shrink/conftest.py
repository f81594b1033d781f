"""One simulator for the module, on 127.0.0.1, port 0."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from whichlayer.simulate import SimServer


@pytest.fixture(scope="module")
def sim() -> Iterator[SimServer]:
    with SimServer("openai") as server:
        yield server
