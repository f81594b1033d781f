"""Each test starts with a fresh process-wide retry budget."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from whichlayer.retry import set_default_budget


@pytest.fixture(autouse=True)
def _fresh_budget() -> Iterator[None]:
    set_default_budget(None)
    yield
    set_default_budget(None)
