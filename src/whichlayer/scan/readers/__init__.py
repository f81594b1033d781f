"""Log readers: one small module per format, each with real-format samples in tests.

A reader module defines:

- ``NAME``: the format's name, as shown to the user;
- ``NEEDLES``: byte strings of which every failure line holds at least one, so the
  scanner finds candidate lines with one Aho-Corasick pass over each block and
  never parses a success line (``()`` means every line is a candidate);
- optionally ``SEARCH``: shorter byte strings, one of which every needle holds, that the
  block is searched for instead when the needles would make a slow search (see
  ``engine.Needles``: each match is checked, so the lines taken are the same);
- ``sniff(lines) -> bool``: do the file's first lines look like this format?
  Formats are detected from content, not from file names;
- ``parse(line) -> Failure | None``: the failure on one candidate line, or None;
- or, for formats that are one JSON document per file, ``WHOLE_FILE = True`` and
  ``parse_file(text) -> Iterator[Failure]``.

Readers never raise on odd input: a line they cannot read is counted, not fatal.
"""

from __future__ import annotations

from types import ModuleType

from whichlayer.scan.readers import (
    claude_code,
    codex,
    codex_log,
    envoy,
    gemini_cli,
    generic,
    litellm,
    newapi,
    nginx,
    proxy_records,
)

#: Most specific first; ``generic`` last, as the fallback for JSON lines.
READERS: tuple[ModuleType, ...] = (
    claude_code,
    codex,
    codex_log,
    gemini_cli,
    litellm,
    newapi,
    envoy,
    nginx,
    generic,
)

BY_NAME = {r.NAME: r for r in READERS}
#: whichlayer proxy's SQLite store is found by its magic bytes, not by its lines.
BY_NAME[proxy_records.NAME] = proxy_records


def detect(lines: list[str]) -> ModuleType | None:
    """The reader whose format the first lines of a file are in."""
    for reader in READERS:
        try:
            if reader.sniff(lines):
                return reader
        except Exception:  # a sniff that trips on odd input is a 'no'
            continue
    return None
