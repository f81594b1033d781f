"""Claude Code's session transcripts: ``~/.claude/projects/<encoded cwd>/<session>.jsonl``.

One JSON object per line with ``sessionId``, ``type``, ``uuid``, ``parentUuid`` and
``timestamp``. A call that finally failed is written as a synthetic assistant
message: ``"isApiErrorMessage": true``, ``message.model: "<synthetic>"``, the text
the user saw (``API Error: 529 {...}``) in ``message.content``, and, in current
versions, ``apiErrorStatus`` and an ``error`` category. Attempts the client
retried are ``"type": "system", "subtype": "api_error"`` lines with
``retryAttempt`` and ``retryInMs``.
"""

from __future__ import annotations

from typing import Any

from whichlayer.scan.model import Failure, parse_time, status_of
from whichlayer.scan.readers._json import as_text, first_lines_json, loads, text_of

NAME = "claude-code"
NEEDLES = (
    b'"isApiErrorMessage":true',
    b'"isApiErrorMessage": true',
    b'"subtype":"api_error"',
    b'"subtype": "api_error"',
)
_TYPES = {"user", "assistant", "system", "summary", "queue-operation", "file-history-snapshot"}


def sniff(lines: list[str]) -> bool:
    for obj in first_lines_json(lines):
        if obj.get("type") in _TYPES and ("sessionId" in obj or "leafUuid" in obj):
            return True
        if obj.get("type") in _TYPES and "parentUuid" in obj:
            return True
    return False


def parse(line: str, state: dict[str, Any]) -> Failure | None:
    obj = loads(line)
    if obj is None:
        return None
    message = obj.get("message") if isinstance(obj.get("message"), dict) else {}
    assert isinstance(message, dict)
    if obj.get("isApiErrorMessage") is True:
        text = text_of(message.get("content")) or as_text(obj.get("error"))
        model = message.get("model")
        return Failure(
            text=text,
            when=parse_time(obj.get("timestamp")),
            status=status_of(obj.get("apiErrorStatus")),
            model=model if isinstance(model, str) and model != "<synthetic>" else None,
            request_id=obj.get("requestId") if isinstance(obj.get("requestId"), str) else None,
            identity=_identity(obj),
        )
    if obj.get("type") == "system" and obj.get("subtype") == "api_error":
        error = obj.get("error")
        text = as_text(error)
        if isinstance(error, dict):
            status = status_of(error.get("status"))
            if status and str(status) not in text[:40]:
                text = f"HTTP {status} {text}"
        attempt = obj.get("retryAttempt")
        return Failure(
            text=text or as_text(obj.get("content")),
            when=parse_time(obj.get("timestamp")),
            status=status_of(error.get("status")) if isinstance(error, dict) else None,
            identity=_identity(obj),
            retry_attempt=attempt if isinstance(attempt, int) else None,
        )
    return None


def _identity(obj: dict[str, Any]) -> str | None:
    """The turn whose request failed: retries of one request share its parent."""
    parent = obj.get("parentUuid")
    session = obj.get("sessionId")
    if isinstance(parent, str):
        return f"cc:{session}:{parent}"
    return None
