"""Codex's session rollouts: ``~/.codex/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl``.

One JSON object per line, ``{"timestamp", "type", "payload"}``, with ``type`` one
of ``session_meta``, ``turn_context`` (carries the ``model``), ``response_item``
and ``event_msg``. Failures are ``event_msg`` payloads of type ``error``
(``message`` and a ``codex_error_info`` category such as ``usage_limit_exceeded``)
or ``stream_error`` (a stream cut, which Codex retries).
"""

from __future__ import annotations

from typing import Any

from whichlayer.scan.model import Failure, parse_time
from whichlayer.scan.readers._json import as_text, first_lines_json, loads

NAME = "codex"
NEEDLES = (
    b'"type":"error"',
    b'"type": "error"',
    b'"type":"stream_error"',
    b'"type": "stream_error"',
    b'"type":"turn_context"',
    b'"type": "turn_context"',
)
_TYPES = {"session_meta", "turn_context", "response_item", "event_msg", "compacted"}


def sniff(lines: list[str]) -> bool:
    return any(
        obj.get("type") in _TYPES and isinstance(obj.get("payload"), dict)
        for obj in first_lines_json(lines)
    )


def parse(line: str, state: dict[str, Any]) -> Failure | None:
    obj = loads(line)
    if obj is None:
        return None
    payload = obj.get("payload")
    if not isinstance(payload, dict):
        return None
    kind = obj.get("type")
    if kind == "turn_context":
        if isinstance(payload.get("model"), str):
            state["model"] = payload["model"]
        state["turn"] = payload.get("turn_id")
        return None
    if kind not in ("event_msg", "response_item") or payload.get("type") not in (
        "error",
        "stream_error",
    ):
        return None
    text = payload.get("message") or payload.get("text") or as_text(payload.get("error"))
    info = payload.get("codex_error_info")
    if isinstance(info, str) and info not in ("other", "") and info not in str(text):
        text = f"{text} ({info})"
    turn = state.get("turn")
    return Failure(
        text=str(text),
        when=parse_time(obj.get("timestamp")),
        model=state.get("model"),
        identity=f"codex:{turn}" if turn else None,
        retry_attempt=1 if payload.get("type") == "stream_error" else None,
    )
