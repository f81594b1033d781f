"""Suite-wide fixtures."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="module")
def _collect_leaks_where_they_happen() -> Iterator[None]:
    """Collect garbage at the end of each test module, so an unclosed socket or file
    (a ResourceWarning, an error here) fails in the module that leaked it rather than
    in whichever test the garbage collector happens to run under later."""
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def _no_status_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """A verdict never reads a real provider's status page from a test: tests reach
    127.0.0.1 only. tests/status points the pages at its own loopback server."""
    monkeypatch.setenv("WHICHLAYER_NO_STATUS", "1")
