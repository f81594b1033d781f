"""Rewrite ``_literal_table.json``: ``python -m whichlayer.rules.write_table``.

Run it after changing a rule's or a parser's patterns (tests/engine/test_literal.py
says when it is due). The table only saves start-up time: see ``literal.split``.
"""

from __future__ import annotations

from pathlib import Path

from whichlayer.rules import literal


def main() -> None:
    target = Path(literal.TABLE_FILE)
    target.write_text(literal.render_table(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
