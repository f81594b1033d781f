"""Find JSON-like values inside pasted text.

People paste bodies as JSON, as Python reprs (single quotes, ``None``), as
Node's ``util.inspect`` output (bare keys), escaped inside other strings, or
cut off half way. This module finds what it can, with hard bounds on work so
that a 1 MB paste stays fast.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from whichlayer.prefilter import LazyPattern

TYPE_CHECKING = False
if TYPE_CHECKING:
    import ast
    from typing import Any

#: At most this many opening brackets are tried per text (bounds the work).
MAX_ATTEMPTS = 200
#: A bracketed span longer than this is not tried as a Python/JS literal.
MAX_LITERAL_CHARS = 100_000
#: Characters the bracket matcher may step over in one text, all attempts together; past
#: it only real JSON (decoded in C) is still tried. Bounds adversarial bracket storms.
SCAN_BUDGET = 150_000
#: Nested values deeper than this are not walked (a paste is never that deep).
MAX_DEPTH = 64

_DECODER = json.JSONDecoder(strict=False)


def _open_at(text: str, pos: int) -> int:
    """Where the first ``{`` or ``[`` at or after ``pos`` is (-1: none): two substring
    searches, cheaper than a character-class search by the regex engine."""
    brace = text.find("{", pos)
    bracket = text.find("[", pos, brace if brace >= 0 else len(text))
    return bracket if bracket >= 0 else brace


_BARE_KEY = LazyPattern(r"([{,]\s*)([A-Za-z_$][\w$]*)(\s*:)")


def _quoted_key(match: re.Match[str]) -> str:
    """A bare key quoted: the template ``\\1"\\2"\\3`` (every group always takes part),
    without the template expansion Python 3.11's ``re.sub`` does in Python per match."""
    return match.group(1) + '"' + match.group(2) + '"' + match.group(3)


_JS_NAMES = {
    "None": None,
    "null": None,
    "undefined": None,
    "True": True,
    "true": True,
    "False": False,
    "false": False,
}


def find_values(text: str) -> Iterator[tuple[int, int, Any]]:
    """Yield ``(start, end, value)`` for each dict (or list of dicts) found in ``text``."""
    pos = 0
    attempts = 0
    budget = [SCAN_BUDGET]
    while attempts < MAX_ATTEMPTS:
        start = _open_at(text, pos)
        if start < 0:
            return
        if text[start] == "[" and not text[start + 1 : start + 40].lstrip().startswith("{"):
            pos = start + 1
            continue
        attempts += 1
        found = _decode_at(text, start, budget)
        if found is None:
            pos = start + 1
            continue
        end, value = found
        yield start, end, value
        pos = end


#: What JSON needs after an object's opening brace: its white space, then a key's quote or
#: the closing brace (the decoder refuses anything else: not tried, no exception raised).
_OBJECT_OPENING = re.compile(r'\{[ \t\n\r]*["}]')


def _decode_at(text: str, start: int, budget: list[int]) -> tuple[int, Any] | None:
    if text[start] == "[" or _OBJECT_OPENING.match(text, start):
        try:
            value, end = _DECODER.raw_decode(text, start)
        except (ValueError, RecursionError):
            pass
        else:
            return (end, value) if _is_container(value) else None
    if budget[0] <= 0:
        return None
    end = _matching_bracket(text, start, budget)
    if end < 0:
        return None
    value = literal(text[start:end])
    return (end, value) if _is_container(value) else None


def _is_container(value: Any) -> bool:
    if isinstance(value, dict):
        return bool(value)
    return isinstance(value, list) and any(isinstance(v, dict) for v in value)


def _matching_bracket(text: str, start: int, budget: list[int]) -> int:
    """Index after the bracket closing the one at ``start``, or -1 (quotes respected).
    Spends ``budget[0]`` characters of scanning."""
    pairs = {"{": "}", "[": "]"}
    stack = [pairs[text[start]]]
    i = start + 1
    limit = min(len(text), start + MAX_LITERAL_CHARS, start + budget[0])
    end, stopped = _scan(text, i, limit, stack, pairs)
    budget[0] -= stopped - start
    return end


#: What the bracket matcher acts on outside a string: a quote or a bracket.
_STRUCTURAL = re.compile(r"[\"'`{}\[\]]")


def _scan(
    text: str, i: int, limit: int, stack: list[str], pairs: dict[str, str]
) -> tuple[int, int]:
    """``(end, stopped_at)``: end is -1 when no matching bracket was found.

    Inside a quoted string only the closing quote and backslashes matter: the scan jumps
    from one to the next (``str.find``, each position found once and kept until passed),
    instead of stepping through the string a character at a time; outside one, from one
    quote or bracket to the next (:data:`_STRUCTURAL`)."""
    quote = ""
    ahead: dict[str, int] = {}  # char -> its next position at or after i (-1: none)
    while i < limit:
        if quote:
            slash = ahead.get("\\", -2)
            if slash != -1 and slash < i:
                slash = ahead["\\"] = text.find("\\", i, limit)
            close = ahead.get(quote, -2)
            if close != -1 and close < i:
                close = ahead[quote] = text.find(quote, i, limit)
            if slash != -1 and (close == -1 or slash < close):
                i = slash + 2  # the escaped character is skipped
            elif close == -1:
                return -1, limit
            else:
                quote = ""
                i = close + 1
            continue
        ch = text[i]
        if ch not in "\"'`{}[]":
            # outside a string only quotes and brackets matter: the scan jumps to the next
            # one (where they come one after another, as in a bracket storm, it steps)
            found = _STRUCTURAL.search(text, i, limit)
            if found is None:
                return -1, limit
            i = found.start()
            ch = text[i]
        if ch in "\"'`":
            quote = ch
        elif ch in pairs:
            stack.append(pairs[ch])
        elif ch in "}]":
            if ch != stack.pop():
                return -1, i
            if not stack:
                return i + 1, i
        i += 1
    return -1, i


#: An object whose first key is bare (``{ error: ...``, as Node's ``inspect`` prints it): the
#: Python parser reads such a key as a name (or a keyword), so the chunk as it is gives no
#: literal (:func:`_eval_node` takes no name but those of _JS_NAMES; a keyword makes no literal or
#: no valid expression); only its rewrite with quoted keys is parsed. The key is a whole
#: ASCII identifier (a colon follows it), so no other character joins its token.
_BARE_FIRST_KEY = LazyPattern(
    r"\{[ \t\n\r\f]*(?!(?:"
    + "|".join(sorted(_JS_NAMES))
    + r")[ \t]*:)[A-Za-z_][A-Za-z0-9_]*[ \t]*:"
)


def literal(chunk: str) -> Any:
    """Read a Python repr or a Node ``inspect`` object literal; ``None`` if it is neither."""
    for attempt in range(2):
        # the bare-key rewrite only when the chunk does not read as it is
        candidate = chunk if attempt == 0 else _BARE_KEY.sub(_quoted_key, chunk)
        # most reprs use only forms JSON reads alike: read as JSON (in C), not parsed
        value = _as_json(candidate.strip())
        if value is not _NOT_PLAIN:
            return value
        if attempt == 0 and _BARE_FIRST_KEY.match(candidate.strip()):
            continue  # the Python parser would read its first key as a name: no literal
        import ast  # here, not at import: most reprs read as JSON (start-up time)

        try:
            tree = ast.parse(candidate.strip(), mode="eval")
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        try:
            return _eval_node(tree.body, 0)
        except (ValueError, RecursionError):
            continue
    return None


#: The strings and the names JSON spells otherwise, in a chunk with no backslash (so a
#: string ends at the next quote of its kind, for Python and for JSON alike).
_JSON_SPELLING = LazyPattern(r""""[^"]*"|'([^']*)'|(None|True|False|undefined)""")
_JSON_NAMES = {"None": "null", "True": "true", "False": "false", "undefined": "null"}
#: JSON reads strings strictly here: a control character in a string (which the Python
#: parser refuses, or reads otherwise) sends the chunk to the Python parser.
_STRICT = json.JSONDecoder()
#: Containers nested deeper than this are left to the Python parser (which refuses, past
#: MAX_DEPTH, what JSON would read).
_PLAIN_DEPTH = 48
_NOT_PLAIN = object()


def _json_spelling(match: re.Match[str]) -> str:
    single = match.group(1)
    if single is not None:
        return '"' + single.replace('"', '\\"') + '"'
    name = match.group(2)
    return _JSON_NAMES[name] if name is not None else match.group(0)


def _as_json(candidate: str) -> Any:
    """``candidate`` read as JSON once its single-quoted strings and Python's (or Node's)
    constants are spelled JSON's way: the value the Python parser and :func:`_eval_node`
    give it, or ``_NOT_PLAIN`` (the Python parser then decides).

    JSON reads a subset of what the Python parser reads, alike, once no escape (a
    backslash), no lone surrogate (the Python parser refuses them, JSON takes them), no
    JSON-only constant (NaN, Infinity) and no deep nesting is present: anything else JSON
    refuses (a set, a tuple, a key that is not a string, a trailing comma, two strings side
    by side, a comment, Python-only numbers and names, odd white space)."""
    if "\\" in candidate or "NaN" in candidate or "Infinity" in candidate:
        return _NOT_PLAIN
    if candidate.count("{") + candidate.count("[") > _PLAIN_DEPTH:
        return _NOT_PLAIN
    if not candidate.isascii():
        try:
            candidate.encode("utf-8")
        except UnicodeEncodeError:
            return _NOT_PLAIN
    try:
        return _STRICT.decode(_JSON_SPELLING.sub(_json_spelling, candidate))
    except (ValueError, RecursionError):
        return _NOT_PLAIN


def _eval_node(node: ast.AST, depth: int) -> Any:
    import ast  # (imported by ``literal`` already)

    if depth > MAX_DEPTH:
        raise ValueError("too deep")
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Dict):
        return {
            _eval_node(k, depth + 1) if k is not None else None: _eval_node(v, depth + 1)
            for k, v in zip(node.keys, node.values, strict=True)
        }
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return [_eval_node(e, depth + 1) for e in node.elts]
    if isinstance(node, ast.Name) and node.id in _JS_NAMES:
        return _JS_NAMES[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        operand = _eval_node(node.operand, depth + 1)
        if isinstance(operand, int | float):
            return -operand
    raise ValueError("not a literal")


def unescape(text: str) -> str:
    """Undo one level of string escaping (``\\"`` -> ``"``, ``\\n`` -> newline)."""
    return (
        text.replace("\\\\", "\x00")
        .replace('\\"', '"')
        .replace("\\'", "'")
        .replace("\\n", "\n")
        .replace("\\t", "\t")
        .replace("\x00", "\\")
    )


def walk_strings(value: Any, depth: int = 0) -> Iterator[str]:
    """Every string inside a JSON-like value (bounded depth)."""
    if depth > MAX_DEPTH:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from walk_strings(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            yield from walk_strings(v, depth + 1)


def strings(value: Any) -> list[str]:
    """``list(walk_strings(value))``, without a generator per container: each container's
    string members are read in its own loop, and only containers are recursed into."""
    out: list[str] = []
    _strings_into(value, 0, out)
    return out


def _strings_into(value: Any, depth: int, out: list[str]) -> None:
    if depth > MAX_DEPTH:
        return
    if isinstance(value, str):
        out.append(value)
        return
    if isinstance(value, dict):
        members: Any = value.values()
    elif isinstance(value, list):
        members = value
    else:
        return
    inner = depth + 1
    for member in members:
        if isinstance(member, str):
            if inner <= MAX_DEPTH:
                out.append(member)
        elif isinstance(member, dict | list):
            _strings_into(member, inner, out)
