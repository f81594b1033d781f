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


#: How much of a labelled input a first-pass benchmark judges: the cut bench/scan.py makes
#: when it draws a gateway log's errors from the corpus.
CUT = 2000


def distinct_texts(folder: Path, cut: int = CUT) -> list[str]:
    """Every labelled input in ``folder``'s JSONL files, cut to ``cut`` characters, each
    distinct text once, in file order: the distinct errors a scan of them would judge."""
    import json

    texts: list[str] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            text = json.loads(line).get("input")
            if isinstance(text, str) and text[:cut] not in seen:
                seen.add(text[:cut])
                texts.append(text[:cut])
    return texts
