"""Secrets that only read whole once the text is unwrapped or normalised.

Three ways a paste breaks a secret that the row patterns cannot see through:

- a shell line continuation: ``Bearer sk-proj-abc\\`` at the end of a line, the
  rest on the next (the shell joins them);
- a box drawn around terminal output (``│ … │``, as rich and coding agents print
  errors): a long token is folded inside the box, its pieces between borders;
- characters that look like ASCII but are not: fullwidth forms
  (``ｊａｎｅ＠…``) and invisible zero-width characters inside an address or a key.

For each, a *view* of the affected lines is built (continuations joined, box
borders dropped and folded pieces joined, look-alikes folded to ASCII) with a
map back to the original. The detectors run on the view; each secret found
there is masked in the original: its first piece carries the mask, any other
piece becomes ``…``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable

from whichlayer._record import Record
from whichlayer.prefilter import LazyPattern

TYPE_CHECKING = False
if TYPE_CHECKING:
    from whichlayer.redact._scan import Span

_CONTINUATION = LazyPattern(r"\\\r?\n[ \t]*")
_BOX = "│┃║┆┊╎"
_BOX_LINE = LazyPattern(rf"^[ \t]*[{_BOX}] ?(?P<inner>.*?)(?: ?[{_BOX}][ \t]*)?$")
_BOX_CHARS = frozenset(_BOX)
# Invisible characters that may sit inside a token or an address.
_INVISIBLE = frozenset("\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff")
_LOOKALIKE = LazyPattern("[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff\uff01-\uff5e]")


class _View(Record):
    """Text assembled from pieces of the original, with a map back. (A plain class: a
    dataclass costs start-up time, see ``whichlayer._record``.)"""

    _fields = ("parts", "vstarts", "ostarts", "real", "size")
    __slots__ = _fields

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.vstarts: list[int] = []
        self.ostarts: list[int] = []
        self.real: list[bool] = []
        self.size = 0

    def add(self, text: str, ostart: int, real: bool = True) -> None:
        if not text:
            return
        self.parts.append(text)
        self.vstarts.append(self.size)
        self.ostarts.append(ostart)
        self.real.append(real)
        self.size += len(text)

    def text(self) -> str:
        return "".join(self.parts)

    def pieces(self, vs: int, ve: int) -> list[tuple[int, int]]:
        """The original ranges the view range ``[vs, ve)`` came from, in order."""
        out: list[tuple[int, int]] = []
        i = max(0, bisect_right(self.vstarts, vs) - 1)
        while i < len(self.parts) and self.vstarts[i] < ve:
            a = max(vs, self.vstarts[i]) - self.vstarts[i]
            b = min(ve, self.vstarts[i] + len(self.parts[i])) - self.vstarts[i]
            if self.real[i] and b > a:
                start, end = self.ostarts[i] + a, self.ostarts[i] + b
                if out and out[-1][1] == start:
                    out[-1] = (out[-1][0], end)
                else:
                    out.append((start, end))
            i += 1
        return out


def _line_span(text: str, a: int, b: int) -> tuple[int, int]:
    """The whole lines that ``text[a:b]`` touches."""
    start = text.rfind("\n", 0, a) + 1
    end = text.find("\n", b)
    return start, len(text) if end == -1 else end


def _merge(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(regions):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _continuation_view(text: str, marks: list[int] | None = None) -> _View | None:
    """``marks``: where a backslash and a line break meet (found by the keyword pass)."""
    if marks is None:
        marks = [m.start() for m in _CONTINUATION.finditer(text)]
    found = [m for p in sorted(marks) if (m := _CONTINUATION.match(text, p)) is not None]
    if not found:
        return None
    view = _View()
    i = 0
    for start, end in _merge([_line_span(text, m.start(), m.end()) for m in found]):
        pos = start
        while i < len(found) and found[i].start() < end:
            m = found[i]
            view.add(text[pos : m.start()], pos)
            pos = max(pos, m.end())
            i += 1
        view.add(text[pos:end], pos)
        view.add("\n\n", end, real=False)
    return view


_BOX_START = LazyPattern(rf"^[ \t]*[{_BOX}]", re.MULTILINE)


def _box_view(text: str) -> _View | None:
    if text.isascii() or not any(c in text for c in _BOX_CHARS):
        return None
    starts = [m.start() for m in _BOX_START.finditer(text)]
    view = _View()
    for region_start, region_end in _merge([_line_span(text, p, p) for p in starts]):
        _box_region(text, region_start, region_end, view)
        view.add("\n\n", region_end, real=False)
    return view


def _box_region(text: str, region_start: int, region_end: int, view: _View) -> None:
    pos = region_start  # original text not yet added
    folded = False  # the last box line's content ran up to its right border
    start = region_start
    while start <= region_end:
        nl = text.find("\n", start, region_end)
        end = region_end if nl == -1 else nl
        line = text[start:end].rstrip("\r")
        m = _BOX_LINE.match(line)
        if m is None:
            folded = False
            start = end + 1
            continue
        inner_start = start + m.start("inner")
        inner = m.group("inner")
        body = inner.rstrip(" \t")
        if folded:
            pos = inner_start  # join the previous fold with this piece: drop the borders
        view.add(text[pos : inner_start + len(body)], pos)
        pos = inner_start + len(body)
        # A piece that fills the box to its border was folded, not ended.
        folded = bool(body) and len(body) == len(inner) and not body.endswith(" ")
        if not folded:
            view.add("\n", pos, real=False)
            pos = min(end + 1, region_end)
        start = end + 1
    view.add(text[pos:region_end], pos)


def _fold(c: str) -> str:
    if c in _INVISIBLE:
        return ""
    return unicodedata.normalize("NFKC", c)


def _lookalike_view(text: str) -> _View | None:
    if text.isascii() or _LOOKALIKE.search(text) is None:
        return None
    found = list(_LOOKALIKE.finditer(text))
    view = _View()
    i = 0
    for start, end in _merge([_line_span(text, m.start(), m.end()) for m in found]):
        pos = start
        while i < len(found) and found[i].start() < end:
            m = found[i]
            view.add(text[pos : m.start()], pos)
            view.add(_fold(m.group()), m.start())
            pos = m.end()
            i += 1
        view.add(text[pos:end], pos)
        view.add("\n\n", end, real=False)
    return view


def unwrapped_spans(
    text: str, keep_prompt: bool, continuation_marks: list[int] | None = None
) -> list[Span]:
    """Secrets found in the continuation, box and look-alike views, mapped back to ``text``."""
    from whichlayer.redact._scan import Span, find_spans, replacement

    spans: list[Span] = []
    views: tuple[Callable[[], _View | None], ...] = (
        lambda: _continuation_view(text, continuation_marks),
        lambda: _box_view(text),
        lambda: _lookalike_view(text),
    )
    for build in views:
        view = build()
        if view is None:
            continue
        vtext = view.text()
        for s in find_spans(vtext, keep_prompt=keep_prompt):
            if s.detector is None or s.detector.kind == "prompt":
                continue
            pieces = view.pieces(s.start, s.end)
            if not pieces:
                continue
            single = len(pieces) == 1 and text[pieces[0][0] : pieces[0][1]] == s.secret
            if single:
                continue  # the plain scan sees it as it is
            mask = replacement(s)
            first, *rest = pieces
            spans.append(Span(first[0], first[1], s.detector, s.secret, mask, rank=8))
            spans += [Span(a, b, s.detector, "", "…", rank=8) for a, b in rest]
    return spans
