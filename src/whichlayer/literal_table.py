"""Rewrite the prefilter's generated table (``rules/_literal_table.json``):
``python -m whichlayer.literal_table``.

Run it after changing a rule's or a parser's patterns (tests/engine/test_literal.py says when
it is due). The table only saves start-up time: see ``rules.literal.split``. It lives outside
both ``rules`` and ``parse`` because it reads the patterns of both, and neither package may
import the other back.
"""

from __future__ import annotations

import json
from pathlib import Path

from whichlayer.rules import literal


def all_patterns() -> list[str]:
    """Every pattern the rules and the parsers gate: what the table should hold."""
    import whichlayer.parse.signals  # registers nothing; imported for its patterns
    import whichlayer.rules  # its modules register their patterns

    return sorted(set(literal._PATTERNS) | set(whichlayer.parse.signals.GATED_PATTERNS))


def render_table() -> str:
    """The contents of ``_literal_table.json`` for the current patterns."""
    table = {
        pattern: [[alt, literal.required_literal(alt)] for alt in literal.alternatives(pattern)]
        for pattern in all_patterns()
    }
    return json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def main() -> None:
    target = Path(literal.TABLE_FILE)
    target.write_text(render_table(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
