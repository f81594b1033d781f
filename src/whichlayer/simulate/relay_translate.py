"""How the simulated relay speaks to a non-OpenAI channel: chat completions in, the vendor's
protocol out (as one-api's Anthropic and Gemini adaptors do), and the answer back as a
``chat.completion``. Only what a plain chat needs: text messages, ``max_tokens``."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import quote

ANTHROPIC_VERSION = "2023-06-01"


def _messages(body: dict[str, Any]) -> tuple[str, list[dict[str, str]]]:
    system, out = [], []
    for m in body.get("messages") or []:
        if not isinstance(m, dict):
            continue
        content = m.get("content")
        text = content if isinstance(content, str) else json.dumps(content)
        if m.get("role") == "system":
            system.append(text)
        else:
            out.append(
                {"role": "assistant" if m.get("role") == "assistant" else "user", "content": text}
            )
    return "\n".join(system), out or [{"role": "user", "content": "hi"}]


def request(base: str, vendor: str, key: str, raw: bytes) -> tuple[str, dict[str, str], bytes]:
    """(url, headers, body) of the upstream request for one chat completion."""
    try:
        body = json.loads(raw or b"{}")
    except (ValueError, UnicodeDecodeError):
        body = {}
    if not isinstance(body, dict):
        body = {}
    model = str(body.get("model", ""))
    limit = body.get("max_tokens") or body.get("max_completion_tokens") or 1024
    system, messages = _messages(body)
    if vendor == "anthropic":
        payload: dict[str, Any] = {"model": model, "max_tokens": limit, "messages": messages}
        if system:
            payload["system"] = system
        headers = {
            "x-api-key": key,
            "anthropic-version": ANTHROPIC_VERSION,
            "Content-Type": "application/json",
        }
        return f"{base}/v1/messages", headers, json.dumps(payload).encode()
    contents = [
        {"role": "model" if m["role"] == "assistant" else "user", "parts": [{"text": m["content"]}]}
        for m in messages
    ]
    payload = {"contents": contents, "generationConfig": {"maxOutputTokens": limit}}
    headers = {"x-goog-api-key": key, "Content-Type": "application/json"}
    url = f"{base}/v1beta/models/{quote(model, safe='')}:generateContent"
    return url, headers, json.dumps(payload).encode()


def reply(vendor: str, model: str, raw: bytes) -> dict[str, Any]:
    """The vendor's successful answer as a ``chat.completion``."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        data = {}
    text = ""
    try:
        if vendor == "anthropic":
            text = str(data["content"][0]["text"])
        else:
            text = str(data["candidates"][0]["content"]["parts"][0]["text"])
    except (KeyError, IndexError, TypeError):
        pass
    return {
        "id": "chatcmpl-relay" + str(int(time.time() * 1000)),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }
