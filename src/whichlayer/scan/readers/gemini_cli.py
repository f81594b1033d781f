"""Gemini CLI's saved chats and error reports.

Chats are one JSON document per file, ``~/.gemini/tmp/<project hash>/chats/
session-<time>-<id>.json``: ``{"sessionId", "projectHash", "startTime",
"lastUpdated", "messages": [{"id", "timestamp", "type", "content", "model"?}]}``,
where a failed call is a message of ``type`` ``error``. When a request fails
badly, the CLI also writes a report, ``gemini-client-error-<...>.json`` in the
temporary directory: ``{"error": {"message", "stack"}, "context": [...]}``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from whichlayer.scan.model import Failure, parse_time
from whichlayer.scan.readers._json import as_text, text_of

NAME = "gemini-cli"
NEEDLES: tuple[bytes, ...] = ()
WHOLE_FILE = True


def sniff(lines: list[str]) -> bool:
    head = "\n".join(lines[:40]).lstrip()
    if not head.startswith("{"):
        return False
    chat = '"sessionId"' in head and ('"messages"' in head or '"projectHash"' in head)
    report = '"error"' in head[:200] and ('"stack"' in head or '"context"' in head)
    return chat or report


def parse_file(text: str) -> Iterator[Failure]:
    try:
        doc = json.loads(text)
    except ValueError:
        return
    if not isinstance(doc, dict):
        return
    messages = doc.get("messages")
    if isinstance(messages, list):
        yield from _chat(doc, messages)
        return
    error = doc.get("error")
    if isinstance(error, dict | str):
        message = error.get("message") if isinstance(error, dict) else error
        yield Failure(text=as_text(message) or as_text(error))


def _chat(doc: dict[str, Any], messages: list[Any]) -> Iterator[Failure]:
    model: str | None = None
    session = doc.get("sessionId")
    for i, msg in enumerate(messages):
        if not isinstance(msg, dict):
            continue
        if isinstance(msg.get("model"), str):
            model = msg["model"]
        if msg.get("type") != "error":
            continue
        yield Failure(
            text=text_of(msg.get("content")) or as_text(msg.get("content")),
            when=parse_time(msg.get("timestamp")),
            model=model,
            identity=f"gemini:{session}:{_previous_user(messages, i)}",
        )


def _previous_user(messages: list[Any], i: int) -> str:
    for msg in reversed(messages[:i]):
        if isinstance(msg, dict) and msg.get("type") == "user":
            return str(msg.get("id"))
    return "start"
