"""What a healthy service does with tools and output schemas (non-streamed answers).

- A request with tools, whose last turn is not a tool result and whose
  ``tool_choice`` is not ``none``, gets a tool call back: the chosen (or first)
  tool, with arguments built from its JSON schema so that they validate.
- A request whose last turn is the tool result gets a text answer.
- ``response_format`` json_schema / json_object (Chat), ``text.format`` (Responses),
  ``responseSchema`` / ``responseJsonSchema`` with ``responseMimeType:
  application/json`` (Gemini) get JSON text that validates against the schema.

Each function takes the plain answer the handler built and the request body,
and returns the answer to send (changed in place).
"""

from __future__ import annotations

import json
import re
import secrets
from typing import Any


def instance(schema: Any, depth: int = 0, hints: dict[str, str] | None = None) -> Any:
    """A small value that validates against a JSON schema (the subset the APIs accept).

    ``hints`` are values the prompt gives for named string properties
    (``challenge="abc"``): a model asked to pass them does, so a client's round-trip
    check that looks for them passes."""
    if not isinstance(schema, dict) or depth > 16:
        return {}
    if "const" in schema:
        return schema["const"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        if isinstance(schema.get(key), list) and schema[key]:
            return instance(schema[key][0], depth + 1)
    if isinstance(schema.get("allOf"), list) and schema["allOf"]:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            if isinstance(part, dict):
                merged.update(part)
        return instance(merged, depth + 1)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    kind = str(kind).lower() if kind is not None else ("object" if "properties" in schema else "")
    if kind == "object":
        props = schema.get("properties")
        props = props if isinstance(props, dict) else {}
        out = {name: instance(sub, depth + 1) for name, sub in props.items()}
        for name, sub in props.items():
            given = (hints or {}).get(name)
            if given is not None and isinstance(sub, dict) and sub.get("type") == "string":
                out[name] = given
        return out
    if kind == "array":
        count = max(1, int(schema.get("minItems", 1) or 1))
        return [instance(schema.get("items"), depth + 1) for _ in range(count)]
    if kind == "string":
        text = "example"
        low = int(schema.get("minLength", 0) or 0)
        return text + "x" * max(0, low - len(text))
    if kind == "integer":
        return int(schema.get("minimum", 1))
    if kind == "number":
        return float(schema.get("minimum", 1.0))
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    return {}


def _hints(text: str, names: Any) -> dict[str, str]:
    """``name="value"`` / ``name: value`` pairs the prompt states for these property names."""
    out: dict[str, str] = {}
    for name in names if isinstance(names, dict) else ():
        m = re.search(rf"\b{re.escape(str(name))}\s*[=:]\s*[\"']?([^\"'\s,;]+)", text)
        if m:
            out[str(name)] = m.group(1).rstrip(".")
    return out


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return ""


def _wants_call(tools: Any, choice: Any, last_is_result: bool) -> bool:
    if not isinstance(tools, list) or not tools or last_is_result:
        return False
    return choice not in ("none", {"type": "none"})


def _chosen(names: list[str], choice: Any) -> str:
    if isinstance(choice, dict):
        named = choice.get("name") or (choice.get("function") or {}).get("name")
        if named in names:
            return str(named)
    return names[0]


def chat(payload: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    messages = body.get("messages") if isinstance(body.get("messages"), list) else []
    last = messages[-1] if messages else {}
    last_is_result = isinstance(last, dict) and last.get("role") in ("tool", "function")
    tools = [
        t
        for t in body.get("tools") or []
        if isinstance(t, dict) and isinstance(t.get("function"), dict)
    ]
    message = payload["choices"][0]["message"]
    if _wants_call(tools, body.get("tool_choice"), last_is_result):
        fns = {str(t["function"].get("name")): t["function"] for t in tools}
        name = _chosen(list(fns), body.get("tool_choice"))
        params = fns[name].get("parameters") or {"type": "object"}
        users = [m for m in messages or [] if isinstance(m, dict) and m.get("role") == "user"]
        prompt = " ".join(_text(m.get("content")) for m in users)
        args = instance(params, hints=_hints(prompt, params.get("properties")))
        message["content"] = None
        message["tool_calls"] = [
            {
                "id": "call_" + secrets.token_hex(12),
                "type": "function",
                "function": {"name": name, "arguments": json.dumps(args)},
            }
        ]
        payload["choices"][0]["finish_reason"] = "tool_calls"
        return payload
    if last_is_result:  # a model answers from the tool's result
        message["content"] = f"The tool returned: {_text(last.get('content'))}"
    fmt = body.get("response_format")
    if isinstance(fmt, dict) and fmt.get("type") == "json_schema":
        schema = (fmt.get("json_schema") or {}).get("schema")
        message["content"] = json.dumps(instance(schema or {"type": "object"}))
    elif isinstance(fmt, dict) and fmt.get("type") == "json_object":
        message["content"] = json.dumps({"answer": message.get("content") or ""})
    return payload


def responses(obj: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    items = body.get("input") if isinstance(body.get("input"), list) else []
    last = items[-1] if items else {}
    last_is_result = isinstance(last, dict) and last.get("type") == "function_call_output"
    tools = [
        t for t in body.get("tools") or [] if isinstance(t, dict) and t.get("type") == "function"
    ]
    if _wants_call(tools, body.get("tool_choice"), last_is_result):
        fns = {str(t.get("name")): t for t in tools}
        name = _chosen(list(fns), body.get("tool_choice"))
        call_id = "call_" + secrets.token_hex(12)
        obj["output"] = [
            {
                "type": "function_call",
                "id": "fc_" + secrets.token_hex(12),
                "call_id": call_id,
                "name": name,
                "arguments": json.dumps(
                    instance(fns[name].get("parameters") or {"type": "object"})
                ),
                "status": "completed",
            }
        ]
        return obj
    fmt = (body.get("text") or {}).get("format") if isinstance(body.get("text"), dict) else None
    if isinstance(fmt, dict) and fmt.get("type") in ("json_schema", "json_object"):
        value = instance(fmt.get("schema") or {"type": "object"})
        for item in obj.get("output") or []:
            for part in item.get("content") or []:
                if part.get("type") == "output_text":
                    part["text"] = json.dumps(value)
    return obj


def anthropic(message: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    messages = body.get("messages") if isinstance(body.get("messages"), list) else []
    last = messages[-1] if messages else {}
    content = last.get("content") if isinstance(last, dict) else None
    last_is_result = isinstance(content, list) and any(
        isinstance(b, dict) and b.get("type") == "tool_result" for b in content
    )
    tools = [t for t in body.get("tools") or [] if isinstance(t, dict) and "input_schema" in t]
    if _wants_call(tools, body.get("tool_choice"), last_is_result):
        by_name = {str(t.get("name")): t for t in tools}
        name = _chosen(list(by_name), body.get("tool_choice"))
        message["content"] = [
            {
                "type": "tool_use",
                "id": "toolu_01" + secrets.token_hex(11),
                "name": name,
                "input": instance(by_name[name].get("input_schema")),
            }
        ]
        message["stop_reason"] = "tool_use"
    return message


def gemini(payload: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    contents = body.get("contents") if isinstance(body.get("contents"), list) else []
    last = contents[-1] if contents else {}
    parts = last.get("parts") if isinstance(last, dict) else None
    last_is_result = isinstance(parts, list) and any(
        isinstance(p, dict) and ("functionResponse" in p or "function_response" in p) for p in parts
    )
    decls: dict[str, Any] = {}
    for tool in body.get("tools") or []:
        if isinstance(tool, dict):
            for d in tool.get("functionDeclarations", tool.get("function_declarations")) or []:
                if isinstance(d, dict):
                    decls[str(d.get("name"))] = d
    config = body.get("toolConfig", body.get("tool_config")) or {}
    mode = str(
        (config.get("functionCallingConfig") or config.get("function_calling_config") or {}).get(
            "mode", ""
        )
    )
    candidate = payload["candidates"][0]
    if decls and not last_is_result and mode.upper() != "NONE":
        name = next(iter(decls))
        args = instance(decls[name].get("parameters") or decls[name].get("parametersJsonSchema"))
        candidate["content"]["parts"] = [{"functionCall": {"name": name, "args": args}}]
        return payload
    gen = body.get("generationConfig", body.get("generation_config")) or {}
    mime = gen.get("responseMimeType", gen.get("response_mime_type"))
    schema = gen.get("responseSchema", gen.get("responseJsonSchema", gen.get("response_schema")))
    if mime == "application/json":
        candidate["content"]["parts"] = [
            {"text": json.dumps(instance(schema or {"type": "object"}))}
        ]
    return payload
