"""Agent-sized requests (tools, long conversations, images) for the shrink tests."""

from __future__ import annotations

import base64
from typing import Any

#: A 1x1 PNG, as clients send it.
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
).decode()


def tool(i: int, strict: bool = True) -> dict[str, Any]:
    return {
        "type": "function",
        "function": {
            "name": f"tool_{i:03d}",
            "description": f"Look things up in source number {i}. " * 3,
            "strict": strict,
            "parameters": {
                "type": "object",
                "properties": {
                    "query": {"type": "string", "description": "what to look for"},
                    "limit": {"type": "integer", "description": "how many results"},
                    "filter": {
                        "type": "object",
                        "properties": {"field": {"type": "string"}, "value": {"type": "string"}},
                        "required": ["field", "value"],
                        "additionalProperties": False,
                    },
                },
                "required": ["query", "limit", "filter"],
                "additionalProperties": False,
            },
        },
    }


def openai_agent(tools: int = 60, messages: int = 200, bad_tool: int | None = 17) -> dict[str, Any]:
    """A Chat Completions body: system prompt, tool calls and results, images, many tools.

    With ``bad_tool``, that tool's ``properties.filter`` uses ``oneOf``, which strict mode refuses.
    """
    ts = [tool(i) for i in range(tools)]
    if bad_tool is not None:
        ts[bad_tool]["function"]["parameters"]["properties"]["filter"] = {
            "oneOf": [
                {"type": "string"},
                {"type": "object", "properties": {"field": {"type": "string"}}},
            ]
        }
    msgs: list[dict[str, Any]] = [
        {"role": "system", "content": "You are a careful research agent. " * 20},
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "Find out what is in these pictures and the sources."},
                {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{PNG}"}},
            ],
        },
    ]
    n = 0
    while len(msgs) < messages:
        call_id = f"call_{n:04d}"
        msgs.append(
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": call_id,
                        "type": "function",
                        "function": {"name": f"tool_{n % tools:03d}", "arguments": '{"query":"x"}'},
                    }
                ],
            }
        )
        msgs.append({"role": "tool", "tool_call_id": call_id, "content": f"result {n} " * 10})
        msgs.append(
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": f"Now check picture {n}."},
                    {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{PNG}"}},
                ],
            }
        )
        msgs.append({"role": "assistant", "content": f"Picture {n} shows a dot. " * 5})
        n += 1
    return {
        "model": "gpt-4o-mini",
        "messages": msgs[:messages],
        "tools": ts,
        "tool_choice": "auto",
        "temperature": 0.3,
        "max_tokens": 1000,
    }
