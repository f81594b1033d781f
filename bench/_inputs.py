"""Input files of the bench scripts: a clear message, never a traceback, when one is missing."""

from __future__ import annotations

import sys
from pathlib import Path


def require(*paths: Path) -> None:
    """Exit 2 with one line per missing file (and how to get it) when any is missing."""
    missing = [p for p in paths if not p.is_file()]
    if not missing:
        return
    script = Path(sys.argv[0]).name
    for path in missing:
        print(f"{script}: input file not found: {path}", file=sys.stderr)
    print(
        f"{script}: the labelled corpus ships in the repository (corpus/dev.jsonl, "
        "corpus/*.jsonl); give existing JSONL files as arguments.",
        file=sys.stderr,
    )
    sys.exit(2)
