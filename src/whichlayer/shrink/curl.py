"""Reading a ``curl`` command as people paste it: URL, method, headers, body.

Shared by the commands that replay a request (``shrink``; ``probe`` may reuse
it). Only what a request needs is understood: ``-X``, ``-H``, ``-d`` and its
spellings (``--data``, ``--data-raw``, ``--data-binary``, ``--json``),
``-u`` is refused (no basic auth for AI APIs), ``@file`` bodies are read, and
``\\``-newline continuations and ``$'...'`` quoting as shells print them.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path

_DATA = ("-d", "--data", "--data-raw", "--data-binary", "--data-ascii", "--json")
_IGNORED_WITH_VALUE = (
    "-o", "--output", "-m", "--max-time", "--connect-timeout", "-A", "--user-agent",
    "-w", "--write-out", "--retry", "-e", "--referer", "--proxy", "-x", "--cacert",
)  # fmt: skip


class CurlError(ValueError):
    """The text is not a curl command this parser can read (the message says why)."""


@dataclass(slots=True)
class CurlRequest:
    url: str
    method: str = "POST"
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None


def looks_like_curl(text: str) -> bool:
    return text.lstrip().startswith("curl ") or text.lstrip().startswith("curl\t")


def parse(text: str, base_dir: Path | None = None) -> CurlRequest:
    """The request a curl command would send."""
    joined = text.replace("\\\r\n", " ").replace("\\\n", " ")
    try:
        words = shlex.split(_ansi_c(joined), posix=True)
    except ValueError as exc:
        raise CurlError(f"cannot read the curl command: {exc}") from None
    if not words or words[0] != "curl":
        raise CurlError("not a curl command (it must start with 'curl')")
    url: str | None = None
    method: str | None = None
    headers: dict[str, str] = {}
    data: list[str] = []
    i = 1
    while i < len(words):
        word = words[i]
        value = words[i + 1] if i + 1 < len(words) else None
        name, eq, inline = word.partition("=")
        if word.startswith("--") and eq and name in (*_DATA, "--header", "--request", "--url"):
            word, value, step = name, inline, 1
        else:
            step = 2
        if word in ("-X", "--request"):
            method = _need(word, value).upper()
        elif word in ("-H", "--header"):
            key, _, val = _need(word, value).partition(":")
            headers[key.strip()] = val.strip()
        elif word in _DATA:
            data.append(_read_data(_need(word, value), base_dir))
            if word == "--json":
                headers.setdefault("Content-Type", "application/json")
        elif word == "--url":
            url = _need(word, value)
        elif word in ("-u", "--user"):
            raise CurlError("basic auth (-u) is not supported: put the key in a header")
        elif word in _IGNORED_WITH_VALUE:
            pass
        elif word.startswith("-") and word != "-":
            step = 1  # a flag without a value: -s, -S, -v, -i, -L, --compressed, ...
        elif url is None:
            url, step = word, 1
        else:
            raise CurlError(f"unexpected word in the curl command: {word!r}")
        i += step
    if url is None:
        raise CurlError("the curl command has no URL")
    body = "&".join(data) if data else None
    return CurlRequest(url, method or ("POST" if body is not None else "GET"), headers, body)


def _need(flag: str, value: str | None) -> str:
    if value is None:
        raise CurlError(f"{flag} needs a value")
    return value


def _read_data(value: str, base_dir: Path | None) -> str:
    if not value.startswith("@"):
        return value
    target = value[1:]
    if target == "-":
        raise CurlError("a body read from stdin (-d @-) cannot be replayed: save it to a file")
    path = Path(target) if base_dir is None else base_dir / target
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CurlError(f"cannot read the body file {target}: {exc.strerror or exc}") from None


def _ansi_c(text: str) -> str:
    """Turn bash's ``$'...'`` strings (with ``\\n``, ``\\'`` escapes) into plain quoted ones."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if text.startswith("$'", i):
            j = i + 2
            chunk: list[str] = []
            while j < len(text) and text[j] != "'":
                if text[j] == "\\" and j + 1 < len(text):
                    nxt = text[j + 1]
                    chunk.append({"n": "\n", "t": "\t", "r": "\r"}.get(nxt, nxt))
                    j += 2
                    continue
                chunk.append(text[j])
                j += 1
            out.append(shlex.quote("".join(chunk)))
            i = j + 1
            continue
        out.append(text[i])
        i += 1
    return "".join(out)
