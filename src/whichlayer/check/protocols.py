"""The three calls check makes per protocol: route (no key), models (key), generate.

Paths and headers follow section C1 of clients-and-keys.md. ``generate`` is
the smallest real request: "say hello", a few output tokens, no tools.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from whichlayer.check.model import Target

#: Output tokens asked for by the one paid request (Responses needs at least 16).
GENERATE_TOKENS = 16
PROMPT = "say hello"
ANTHROPIC_VERSION = "2023-06-01"


@dataclass(slots=True)
class Call:
    """One HTTP request, not yet sent."""

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] | None = None
    params: dict[str, str] = field(default_factory=dict)


def parse_header_lines(value: str) -> dict[str, str]:
    """``Name: value`` lines, as OPENAI_CUSTOM_HEADERS / ANTHROPIC_CUSTOM_HEADERS hold (A1, A4)."""
    headers: dict[str, str] = {}
    for line in value.splitlines():
        name, sep, rest = line.partition(":")
        if sep and name.strip():
            headers[name.strip()] = rest.strip()
    return headers


def _join(base: str, path: str) -> str:
    return base.rstrip("/") + path


def _azure_classic(target: Target) -> bool:
    base = target.base_url.value if target.base_url else ""
    return base.rstrip("/").endswith("/openai") and "api-version" in target.query


def auth_headers(target: Target) -> dict[str, str]:
    """The credential headers the client sends (A1, A2, A4, A5.3, A7, C1)."""
    key = (target.key.value if target.key else "") or ""
    headers = dict(target.headers)
    if target.protocol == "messages":
        headers["anthropic-version"] = ANTHROPIC_VERSION
    if not key:
        return headers
    if target.auth in ("bearer", "both"):
        headers["authorization"] = f"Bearer {key}"
    if target.auth in ("x-api-key", "both"):
        headers["x-api-key"] = key
    if target.auth == "api-key":
        headers["api-key"] = key
    if target.auth == "x-goog-api-key":
        headers["x-goog-api-key"] = key
    for how, also in target.also_sent:  # e.g. Claude Code's Bearer beside its x-api-key
        if how == "bearer" and also.value:
            headers["authorization"] = f"Bearer {also.value}"
    return headers


def _paths(target: Target, model: str) -> tuple[str, str]:
    """(generate path, models path) for the target's protocol."""
    m = quote(model, safe="")
    if target.protocol == "messages":
        return "/v1/messages", "/v1/models"
    if target.protocol == "generate_content":
        return f"/v1beta/models/{m}:generateContent", "/v1beta/models"
    if target.protocol == "converse":
        return f"/model/{m}/converse", ""
    if target.protocol == "responses":
        return "/responses", "/models"
    if _azure_classic(target):
        return f"/deployments/{m}/chat/completions", "/models"
    return "/chat/completions", "/models"


def route_call(target: Target, model: str | None) -> Call:
    """An unauthenticated request to the generate path: 401/403 = the path exists."""
    assert target.base_url is not None
    path, _ = _paths(target, model or "probe")
    headers = dict(target.headers)
    if target.protocol == "messages":
        headers["anthropic-version"] = ANTHROPIC_VERSION
    from whichlayer.check.sendguard import is_credential_param

    # The keyless call carries no credential from the base URL's query either.
    query = {k: v for k, v in target.query.items() if not is_credential_param(k)}
    return Call("POST", _join(target.base_url.value, path), headers, {}, query)


def models_call(target: Target) -> Call | None:
    """The cheapest authenticated call: list models (None where there is none)."""
    assert target.base_url is not None
    _, path = _paths(target, "x")
    if not path:
        return None
    return Call(
        "GET", _join(target.base_url.value, path), auth_headers(target), None, dict(target.query)
    )


def generate_call(target: Target, model: str, token_param: str = "max_tokens") -> Call:
    """One minimal request in the target's protocol."""
    assert target.base_url is not None
    path, _ = _paths(target, model)
    return Call(
        "POST",
        _join(target.base_url.value, path),
        auth_headers(target),
        _body(target.protocol, model, token_param),
        dict(target.query),
    )


def _body(protocol: str, model: str, token_param: str) -> dict[str, Any]:
    if protocol == "messages":
        return {
            "model": model,
            "max_tokens": GENERATE_TOKENS,
            "messages": [{"role": "user", "content": PROMPT}],
        }
    if protocol == "generate_content":
        return {
            "contents": [{"role": "user", "parts": [{"text": PROMPT}]}],
            "generationConfig": {"maxOutputTokens": GENERATE_TOKENS},
        }
    if protocol == "converse":
        return {
            "messages": [{"role": "user", "content": [{"text": PROMPT}]}],
            "inferenceConfig": {"maxTokens": GENERATE_TOKENS},
        }
    if protocol == "responses":
        return {"model": model, "input": PROMPT, "max_output_tokens": GENERATE_TOKENS}
    return {
        "model": model,
        "messages": [{"role": "user", "content": PROMPT}],
        token_param: GENERATE_TOKENS,
    }


def refuses_max_tokens(status: int, body_text: str) -> bool:
    """A reasoning model's 400 asking for ``max_completion_tokens`` instead."""
    return (
        status == 400
        and "max_tokens" in body_text
        and ("max_completion_tokens" in body_text or "not supported" in body_text)
    )


def model_ids(protocol: str, data: Any) -> list[str]:
    """Model ids from a models-list body (OpenAI/Anthropic ``data``, Google ``models``)."""
    if not isinstance(data, dict):
        return []
    items = data.get("models") if protocol == "generate_content" else data.get("data")
    out = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            name = item.get("id") or item.get("name")
            if isinstance(name, str):
                out.append(name.removeprefix("models/"))
    return out


_CHEAP = re.compile(r"mini|nano|haiku|flash|small|lite|turbo", re.IGNORECASE)


def pick_model(ids: list[str]) -> str | None:
    """A cheap-looking model from a list, for when none is configured."""
    chat = [i for i in ids if not re.search(r"embed|whisper|tts|dall-e|image|audio|moderation", i)]
    cheap = [i for i in chat if _CHEAP.search(i)]
    return next(iter(cheap or chat), None)


def reply_text(protocol: str, data: Any) -> str:
    """The model's words from a successful reply (for the report), or ''."""
    try:
        if protocol == "messages":
            return str(data["content"][0]["text"])
        if protocol == "generate_content":
            return str(data["candidates"][0]["content"]["parts"][0]["text"])
        if protocol == "responses":
            for item in data.get("output", []):
                for part in item.get("content", []) or []:
                    if part.get("type") == "output_text":
                        return str(part["text"])
            return str(data.get("output_text", ""))
        if protocol == "converse":
            return str(data["output"]["message"]["content"][0]["text"])
        return str(data["choices"][0]["message"]["content"])
    except (KeyError, IndexError, TypeError, AttributeError):
        return ""
