"""A regular expression compiled on first use.

Most of the parsers' patterns serve only some inputs (HTML pages, multi-line pastes, pasted
header lines); compiling them all at import would be a good part of ``whichlayer explain``'s
start-up, for a one-line paste that needs none of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator


class Lazy:
    """``re.compile(pattern, flags)``, done on the first search."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, text: str, pos: int = 0, endpos: int = 2**63 - 1) -> re.Match[str] | None:
        return (self._compiled or self.compiled()).search(text, pos, endpos)

    def match(self, text: str) -> re.Match[str] | None:
        return (self._compiled or self.compiled()).match(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return (self._compiled or self.compiled()).finditer(text)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        return (self._compiled or self.compiled()).sub(repl, text)
