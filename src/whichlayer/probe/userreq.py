"""``--request FILE``: the user's real failing request, as a JSON body or a pasted ``curl``
command line, and the smaller variants the ladder's last rungs send."""

from __future__ import annotations

import copy
import json
import shlex
from typing import Any

from whichlayer.probe.model import MAX_OUTPUT_TOKENS

#: Largest request file read.
MAX_BYTES = 4 * 1024 * 1024
_DATA_FLAGS = ("-d", "--data", "--data-raw", "--data-binary", "--json")
#: Characters of the last user message kept by the "context cut" rung.
SHORT_CONTEXT_CHARS = 200


class RequestFileError(ValueError):
    """The file is neither a JSON object nor a curl command with a JSON body."""


def parse(text: str) -> dict[str, Any]:
    """The JSON body of a request: the file itself, or the ``-d`` of a curl command line."""
    stripped = text.strip()
    if not stripped:
        raise RequestFileError("the request file is empty")
    if stripped.startswith("curl"):
        stripped = _curl_body(stripped)
    try:
        body = json.loads(stripped)
    except json.JSONDecodeError as exc:
        raise RequestFileError(
            f"the request body is not JSON ({exc.msg}, line {exc.lineno})"
        ) from None
    if not isinstance(body, dict):
        raise RequestFileError("the request body must be a JSON object")
    return body


def _curl_body(command: str) -> str:
    try:
        words = shlex.split(command.replace("\\\n", " "))
    except ValueError as exc:
        raise RequestFileError(f"cannot read the curl command line ({exc})") from None
    for i, word in enumerate(words):
        value = None
        if word in _DATA_FLAGS and i + 1 < len(words):
            value = words[i + 1]
        elif word.startswith("--data") and "=" in word:
            value = word.partition("=")[2]
        if value is not None:
            if value.startswith("@"):
                raise RequestFileError("curl -d @file: put the JSON body itself in the file")
            return value
    raise RequestFileError("the curl command line has no -d/--data body")


def capped(body: dict[str, Any]) -> dict[str, Any]:
    """The body with its output limit at the probe's cap (whatever parameter it uses)."""
    out = copy.deepcopy(body)
    for name in ("max_tokens", "max_completion_tokens", "max_output_tokens"):
        if name in out:
            out[name] = MAX_OUTPUT_TOKENS
    if "generationConfig" in out and isinstance(out["generationConfig"], dict):
        out["generationConfig"]["maxOutputTokens"] = MAX_OUTPUT_TOKENS
    elif not any(n in out for n in ("max_tokens", "max_completion_tokens", "max_output_tokens")):
        key = "max_output_tokens" if "input" in out and "messages" not in out else "max_tokens"
        out[key] = MAX_OUTPUT_TOKENS
    return out


def has_tools(body: dict[str, Any]) -> bool:
    return bool(body.get("tools") or body.get("functions"))


def without_tools(body: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(body)
    for name in ("tools", "tool_choice", "parallel_tool_calls", "functions", "function_call"):
        out.pop(name, None)
    return out


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(
            str(p.get("text", "")) for p in content if isinstance(p, dict) and "text" in p
        )
    return ""


def is_long(body: dict[str, Any]) -> bool:
    """More than a system message and one short user turn: worth a "context cut" rung."""
    messages = body.get("messages") or body.get("contents") or body.get("input")
    if isinstance(messages, str):
        return len(messages) > SHORT_CONTEXT_CHARS
    if not isinstance(messages, list):
        return False
    turns = [m for m in messages if isinstance(m, dict) and m.get("role") != "system"]
    return len(turns) > 1 or any(len(_text(m.get("content"))) > SHORT_CONTEXT_CHARS for m in turns)


def short_context(body: dict[str, Any]) -> dict[str, Any]:
    """Only the last user turn, cut to a few hundred characters (system prompt dropped)."""
    out = copy.deepcopy(body)
    out.pop("system", None)
    if isinstance(out.get("input"), str):
        out["input"] = out["input"][-SHORT_CONTEXT_CHARS:]
        return out
    name = "messages" if "messages" in out else "contents" if "contents" in out else "input"
    messages = out.get(name)
    if not isinstance(messages, list):
        return out
    users = [m for m in messages if isinstance(m, dict) and m.get("role") == "user"]
    if not users:
        return out
    last = users[-1]
    text = _text(last.get("content") or last.get("parts"))[-SHORT_CONTEXT_CHARS:]
    if name == "contents":
        out[name] = [{"role": "user", "parts": [{"text": text}]}]
    else:
        out[name] = [{"role": "user", "content": text}]
    return out


def stream_toggled(body: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(body)
    if out.get("stream"):
        out.pop("stream", None)
        out.pop("stream_options", None)
    else:
        out["stream"] = True
    return out
