"""docs/proxy.md stays true: its schema table names exactly the store's columns."""

from __future__ import annotations

import re
from pathlib import Path

from whichlayer.proxy.store import NAMES, SCHEMA_VERSION

DOC = Path(__file__).resolve().parents[2] / "docs" / "proxy.md"


def test_schema_table_lists_every_column() -> None:
    text = DOC.read_text()
    section = text.split("Table `exchanges`", 1)[1].split("Indexes:", 1)[0]
    documented: list[str] = []
    for line in section.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            documented += re.findall(r"`([a-z_]+)`", first_cell)
    assert sorted(documented) == sorted(NAMES)
    assert f"`schema_version` = `{SCHEMA_VERSION}`" in text
