"""Request validation the real services apply beyond field names, each rule after a source.

Called by the protocol handlers after the parameter checks. A rule that refuses
raises :class:`Refusal`, a Fault that carries the provider's own status, type,
code, param and message (``app`` renders it as it is). Each rule names where
the behaviour is documented or where the exact answer was quoted.

Also here: the ``x-sim-fail-when`` header, an adapter bug on demand: the server
answers its generic 500 only when every named part (a tool name, or any text in
the body) is present; without them the same request succeeds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from aiohttp import web

from whichlayer.simulate import catalog
from whichlayer.simulate.call import Call
from whichlayer.simulate.faults import Fault, Reply
from whichlayer.simulate.state import STATE

FAIL_WHEN_HEADER = "x-sim-fail-when"

#: OpenAI: "A max of 128 functions are supported" (API reference, chat.create ``tools``).
OPENAI_MAX_TOOLS = 128
#: OpenAI Structured Outputs, "Supported schemas": objects nest at most 10 levels
#: (platform.openai.com/docs/guides/structured-outputs, "Objects have limitations on nesting
#: depth and size").
OPENAI_MAX_DEPTH = 10
#: Keywords strict mode refuses ("Some type-specific keywords are not yet supported" /
#: composition keywords other than anyOf, same page); the answer is
#: "In context=('properties', 'data'), 'oneOf' is not permitted." (quoted in
#: ai-dynamo/dynamo#15153 and can1357/oh-my-pi#920).
OPENAI_STRICT_REFUSED = frozenset(
    {
        "oneOf",
        "allOf",
        "not",
        "if",
        "then",
        "else",
        "dependentRequired",
        "dependentSchemas",
        "patternProperties",
        "unevaluatedProperties",
        "propertyNames",
    }
)
#: Gemini function declarations take an OpenAPI 3.0 subset (ai.google.dev/api/caching#Schema);
#: other fields are refused with 'Invalid JSON payload received. Unknown name
#: "additionalProperties" at ...: Cannot find field.'
GEMINI_SCHEMA_FIELDS = frozenset(
    {
        "type", "format", "title", "description", "nullable", "enum", "maxItems", "minItems",
        "properties", "required", "minProperties", "maxProperties", "minLength", "maxLength",
        "pattern", "example", "anyOf", "propertyOrdering", "default", "items", "minimum",
        "maximum",
    }
)  # fmt: skip
#: Anthropic vision: "Maximum image size: 5MB per image via API"; types jpeg, png, gif, webp
#: (docs.claude.com/en/docs/build-with-claude/vision).
ANTHROPIC_IMAGE_MAX = 5 * 1024 * 1024
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
#: OpenAI vision: PNG, JPEG, WEBP, non-animated GIF, up to 20 MB per image
#: (platform.openai.com/docs/guides/images-vision, "Image input requirements").
OPENAI_IMAGE_MAX = 20 * 1024 * 1024
#: Gemini: inline data up to a 20 MB request; image types PNG, JPEG, WEBP, HEIC, HEIF
#: (ai.google.dev/gemini-api/docs/image-understanding).
GEMINI_IMAGE_TYPES = ("image/png", "image/jpeg", "image/webp", "image/heic", "image/heif")
GEMINI_INLINE_MAX = 20 * 1024 * 1024
#: OpenAI reasoning models refuse sampling parameters (docs "Reasoning models": not supported
#: with o-series: temperature, top_p, presence/frequency penalty, logprobs ...).
REASONING_MODELS = ("o1", "o3", "o4")
REASONING_REFUSED = ("temperature", "top_p", "presence_penalty", "frequency_penalty", "logprobs")


class Refusal(Fault):
    """A 400 (or a fail-when 500) in the provider's exact shape."""

    def __init__(
        self,
        protocol: str,
        message: str,
        *,
        cause: str = "invalid_parameter",
        status: int = 400,
        code: str | None = None,
        param: str | None = None,
        model: str | None = None,
    ) -> None:
        super().__init__(cause, "validation", model=model, status=status)
        self.protocol = protocol
        self.message = message
        self.code = code
        self.param = param

    def render(self, call: Call) -> Reply:
        status = self.status or 400
        if call.protocol == "anthropic":
            kind = "api_error" if status >= 500 else "invalid_request_error"
            body: dict[str, Any] = {
                "type": "error",
                "error": {"type": kind, "message": self.message},
                "request_id": call.request_id,
            }
        elif call.protocol == "gemini":
            state = "INTERNAL" if status >= 500 else "INVALID_ARGUMENT"
            body = {"error": {"code": status, "message": self.message, "status": state}}
        else:
            kind = "server_error" if status >= 500 else "invalid_request_error"
            body = {
                "error": {
                    "message": self.message,
                    "type": kind,
                    "param": self.param,
                    "code": self.code,
                }
            }
        return Reply(status, json.dumps(body).encode())


# -- entry points, one per handler ----------------------------------------------------------------


def chat(request: web.Request, body: dict[str, Any], model: catalog.Model) -> None:
    """OpenAI Chat Completions (and Azure's deployments)."""
    _fail_when(request, body, "openai")
    _surrogates(body, "openai")
    _reasoning_params(body, model)
    tools = body.get("tools")
    if isinstance(tools, list):
        _too_many_tools(tools, "openai")
        for i, tool in enumerate(tools):
            fn = tool.get("function") if isinstance(tool, dict) else None
            if isinstance(fn, dict) and fn.get("strict") is True:
                _openai_strict(fn.get("parameters"), "function", str(fn.get("name")), i)
    fmt = body.get("response_format")
    if isinstance(fmt, dict) and fmt.get("type") == "json_schema":
        spec = fmt.get("json_schema") or {}
        if isinstance(spec, dict) and spec.get("strict") is True:
            _openai_strict(spec.get("schema"), "response_format", str(spec.get("name")), None)
    messages = body.get("messages")
    if isinstance(messages, list):
        _openai_tool_results(messages)
        _openai_images(messages)


def responses(request: web.Request, body: dict[str, Any], model: catalog.Model) -> None:
    """OpenAI Responses: function tools are strict unless ``strict: false`` (API reference)."""
    _fail_when(request, body, "openai")
    _surrogates(body, "openai")
    _reasoning_params(body, model)
    tools = body.get("tools")
    if isinstance(tools, list):
        _too_many_tools(tools, "openai")
        for i, tool in enumerate(tools):
            strict = isinstance(tool, dict) and tool.get("strict", True) is not False
            if strict and tool.get("type") == "function":
                _openai_strict(tool.get("parameters"), "function", str(tool.get("name")), i)
    items = body.get("input")
    if isinstance(items, list):
        calls = {
            str(x.get("call_id"))
            for x in items
            if isinstance(x, dict) and x.get("type") == "function_call"
        }
        for x in items:
            is_output = isinstance(x, dict) and x.get("type") == "function_call_output"
            if is_output and str(x.get("call_id")) not in calls:
                # "No tool call found for function call output with call_id call_abc."
                # (openai-agents-python and codex issues quote it)
                raise Refusal(
                    "openai",
                    f"No tool call found for function call output with call_id {x.get('call_id')}.",
                    param="input",
                )


def anthropic(request: web.Request, body: dict[str, Any], model: catalog.Model) -> None:
    """Anthropic Messages."""
    _fail_when(request, body, "anthropic")
    _surrogates(body, "anthropic")
    thinking = body.get("thinking")
    temp = body.get("temperature")
    if isinstance(thinking, dict) and thinking.get("type") == "enabled" and temp not in (None, 1):
        # docs.claude.com extended thinking, "Feature compatibility": thinking is not
        # compatible with temperature modifications.
        raise Refusal(
            "anthropic",
            "`temperature` may only be set to 1 when thinking is enabled. Please consult our "
            "documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking",
        )
    for i, tool in enumerate(body.get("tools") or []):
        schema = tool.get("input_schema") if isinstance(tool, dict) else None
        if isinstance(schema, dict) and _bad_json_schema(schema):
            raise Refusal(
                "anthropic",
                f"tools.{i}.custom.input_schema: JSON schema is invalid. It must match JSON Schema "
                "draft 2020-12 (https://json-schema.org/draft/2020-12). Learn more about tool use "
                "at https://docs.claude.com/en/docs/tool-use.",
                cause="tool_schema",
            )
    messages = body.get("messages")
    if not isinstance(messages, list):
        return
    for i, msg in enumerate(messages):
        content = msg.get("content") if isinstance(msg, dict) else None
        if not isinstance(content, list):
            continue
        for j, block in enumerate(content):
            if not isinstance(block, dict):
                continue
            if block.get("type") == "text" and block.get("text") == "":
                # "messages: text content blocks must be non-empty" (400, quoted in many
                # claude-code / SDK issues)
                raise Refusal("anthropic", "messages: text content blocks must be non-empty")
            if block.get("type") == "image":
                _anthropic_image(block, f"messages.{i}.content.{j}")
            if block.get("type") == "tool_result":
                prev = messages[i - 1] if i > 0 else {}
                called = {
                    str(b.get("id"))
                    for b in (prev.get("content") if isinstance(prev, dict) else None) or []
                    if isinstance(b, dict) and b.get("type") == "tool_use"
                }
                if str(block.get("tool_use_id")) not in called:
                    # quoted in anthropics/claude-code#13460 and #18947
                    raise Refusal(
                        "anthropic",
                        f"messages.{i}.content.{j}: unexpected `tool_use_id` found in "
                        f"`tool_result` blocks: {block.get('tool_use_id')}. Each `tool_result` "
                        "block must have a corresponding `tool_use` block in the previous message.",
                    )


def gemini(request: web.Request, body: dict[str, Any], model: catalog.Model) -> None:
    """Gemini generateContent."""
    _fail_when(request, body, "gemini")
    for i, tool in enumerate(body.get("tools") or []):
        if not isinstance(tool, dict):
            continue
        decls = tool.get("functionDeclarations", tool.get("function_declarations")) or []
        for j, decl in enumerate(decls):
            params = decl.get("parameters") if isinstance(decl, dict) else None
            if isinstance(params, dict):
                where = f"tools[{i}].function_declarations[{j}].parameters"
                _gemini_schema(params, where)
    contents = body.get("contents")
    if not isinstance(contents, list):
        return
    for i, content in enumerate(contents):
        parts = content.get("parts") if isinstance(content, dict) else None
        if isinstance(parts, list) and not parts:
            # "* GenerateContentRequest.contents[0].parts: contents.parts must not be empty."
            raise Refusal(
                "gemini",
                f"* GenerateContentRequest.contents[{i}].parts: contents.parts must not be "
                "empty.\n",
            )
        for part in parts or []:
            if not isinstance(part, dict):
                continue
            blob = part.get("inlineData", part.get("inline_data"))
            if isinstance(blob, dict):
                mime = str(blob.get("mimeType", blob.get("mime_type", "")))
                if mime.startswith("image/") and mime not in GEMINI_IMAGE_TYPES:
                    raise Refusal("gemini", f"Unsupported MIME type: {mime}")
                if _b64_size(blob.get("data")) > GEMINI_INLINE_MAX:
                    raise Refusal(
                        "gemini",
                        f"Request payload size exceeds the limit: {GEMINI_INLINE_MAX} bytes.",
                        cause="request_too_large",
                    )
            if "functionResponse" in part or "function_response" in part:
                prev = contents[i - 1] if i > 0 else {}
                prev_parts = prev.get("parts") if isinstance(prev, dict) else None
                if not any(
                    isinstance(p, dict) and ("functionCall" in p or "function_call" in p)
                    for p in prev_parts or []
                ):
                    # 400 "Please ensure that function response turn comes immediately after a
                    # function call turn." (quoted in google-gemini/gemini-cli issues)
                    raise Refusal(
                        "gemini",
                        "Please ensure that function response turn comes immediately after a "
                        "function call turn.",
                    )


# -- rules ----------------------------------------------------------------------------------------


def _fail_when(request: web.Request, body: dict[str, Any], protocol: str) -> None:
    wanted = request.headers.get(FAIL_WHEN_HEADER)
    if wanted is None:
        needles = list(request.app[STATE].fail_when)  # whichlayer simulate --fail-when
    else:
        needles = [n.strip() for n in wanted.split(",") if n.strip()]
    if not needles:
        return
    text = json.dumps(body, ensure_ascii=False)
    if all(n in text for n in needles):
        message = {
            "openai": "The server had an error while processing your request. Sorry about that!",
            "anthropic": "Internal server error",
            "gemini": "An internal error has occurred. Please retry or report in "
            "https://developers.generativeai.google/guide/troubleshooting",
        }[protocol]
        raise Refusal(protocol, message, cause="server_error", status=500)


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield k
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)


def _surrogates(body: dict[str, Any], protocol: str) -> None:
    """A ``\\ud83d`` escape without its pair: valid for Python's json, not for the services."""
    for text in _strings(body):
        if any("\ud800" <= ch <= "\udfff" for ch in text):
            if protocol == "anthropic":
                # "The request body is not valid JSON: no low surrogate in string: line 1
                # column 195621 (char 195620)" (anthropics/claude-code#60394, #3277)
                raise Refusal(
                    "anthropic",
                    "The request body is not valid JSON: no low surrogate in string: line 1 "
                    "column 1 (char 0)",
                    cause="malformed_body",
                )
            # OpenAI answers such a body with its JSON parse error (the malformed_body wording)
            raise Refusal(
                "openai",
                "We could not parse the JSON body of your request. (HINT: This likely means you "
                "aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, "
                "but what was sent was not valid JSON.)",
                cause="malformed_body",
            )


def _reasoning_params(body: dict[str, Any], model: catalog.Model) -> None:
    if not model.id.startswith(REASONING_MODELS):
        return
    for name in REASONING_REFUSED:
        if name in body:
            # 400 "Unsupported parameter: 'temperature' is not supported with this model."
            # code unsupported_parameter (openai-python and LangChain issues on o1/o3)
            raise Refusal(
                "openai",
                f"Unsupported parameter: '{name}' is not supported with this model.",
                code="unsupported_parameter",
                param=name,
                model=model.id,
            )


def _too_many_tools(tools: list[Any], protocol: str) -> None:
    if len(tools) > OPENAI_MAX_TOOLS:
        # "Invalid 'tools': array too long. Expected an array with maximum length 128, but got
        # an array with length 200 instead." code array_above_max_length
        raise Refusal(
            protocol,
            f"Invalid 'tools': array too long. Expected an array with maximum length "
            f"{OPENAI_MAX_TOOLS}, but got an array with length {len(tools)} instead.",
            code="array_above_max_length",
            param="tools",
        )


def _openai_strict(schema: Any, what: str, name: str, index: int | None) -> None:
    if not isinstance(schema, dict):
        return
    found = _strict_problem(schema, (), 0)
    if found is None:
        return
    context, problem = found
    where = ", ".join(repr(c) for c in context)
    where = f"({where},)" if len(context) == 1 else f"({where})"
    param = f"tools[{index}].function.parameters" if index is not None else "response_format"
    raise Refusal(
        "openai",
        f"Invalid schema for {what} '{name}': In context={where}, {problem}",
        cause="tool_schema" if index is not None else "invalid_parameter",
        code="invalid_function_parameters" if index is not None else None,
        param=param,
    )


def _strict_problem(
    node: dict[str, Any], context: tuple[str, ...], depth: int
) -> tuple[tuple[str, ...], str] | None:
    if depth > OPENAI_MAX_DEPTH:
        return context, f"schema nesting exceeds the maximum depth of {OPENAI_MAX_DEPTH}."
    for key in node:
        if key in OPENAI_STRICT_REFUSED:
            return context, f"'{key}' is not permitted."
    props = node.get("properties")
    if node.get("type") == "object":
        # Structured Outputs: "additionalProperties: false must always be set in objects" and
        # "all fields must be required"; answers quoted in letta-ai/letta#3137 ("In
        # context=('properties', 'fields'), 'additionalProperties' is required to be supplied
        # and to be false.") and the SDKs' strict-schema helpers.
        if node.get("additionalProperties") is not False:
            return context, "'additionalProperties' is required to be supplied and to be false."
        missing = [n for n in props or {} if n not in (node.get("required") or [])]
        if missing:
            return context, (
                "'required' is required to be supplied and to be an array including every key "
                f"in properties. Missing '{missing[0]}'."
            )
    if isinstance(props, dict):
        for name, sub in props.items():
            if isinstance(sub, dict):
                found = _strict_problem(sub, (*context, "properties", name), depth + 1)
                if found:
                    return found
    items = node.get("items")
    if isinstance(items, dict):
        found = _strict_problem(items, (*context, "items"), depth + 1)
        if found:
            return found
    for i, sub in enumerate(node.get("anyOf") or []):
        if isinstance(sub, dict):
            found = _strict_problem(sub, (*context, "anyOf", str(i)), depth)
            if found:
                return found
    return None


_JSON_TYPES = frozenset({"object", "array", "string", "number", "integer", "boolean", "null"})


def _bad_json_schema(node: Any, depth: int = 0) -> bool:
    """Not a draft 2020-12 schema: an unknown ``type``, a ``required`` that is not a list."""
    if depth > 64 or not isinstance(node, dict):
        return False
    kind = node.get("type")
    kinds = kind if isinstance(kind, list) else [kind] if kind is not None else []
    if any(k not in _JSON_TYPES for k in kinds):
        return True
    if "required" in node and not isinstance(node["required"], list):
        return True
    subs: list[Any] = (
        list((node.get("properties") or {}).values())
        if isinstance(node.get("properties"), dict)
        else []
    )
    subs.append(node.get("items"))
    return any(_bad_json_schema(s, depth + 1) for s in subs)


def _gemini_schema(node: dict[str, Any], where: str, depth: int = 0) -> None:
    if depth > 64:
        return
    for key in node:
        if key not in GEMINI_SCHEMA_FIELDS:
            raise Refusal(
                "gemini",
                f"Invalid JSON payload received. Unknown name \"{key}\" at '{where}': Cannot find "
                "field.",
                cause="tool_schema",
            )
    for name, sub in (node.get("properties") or {}).items():
        if isinstance(sub, dict):
            _gemini_schema(sub, f"{where}.properties[{name}].value", depth + 1)
    if isinstance(node.get("items"), dict):
        _gemini_schema(node["items"], f"{where}.items", depth + 1)


def _openai_tool_results(messages: list[Any]) -> None:
    called: set[str] = set()
    for i, msg in enumerate(messages):
        if not isinstance(msg, dict):
            continue
        for call in msg.get("tool_calls") or []:
            if isinstance(call, dict):
                called.add(str(call.get("id")))
        if msg.get("role") == "tool" and str(msg.get("tool_call_id")) not in called:
            # "Invalid parameter: messages with role 'tool' must be a response to a preceeding
            # message with 'tool_calls'." (sic; openai-python and LangChain issues)
            raise Refusal(
                "openai",
                "Invalid parameter: messages with role 'tool' must be a response to a preceeding "
                "message with 'tool_calls'.",
                param=f"messages.[{i}].role",
            )


def _openai_images(messages: list[Any]) -> None:
    for msg in messages:
        content = msg.get("content") if isinstance(msg, dict) else None
        for part in content if isinstance(content, list) else []:
            if not isinstance(part, dict) or part.get("type") != "image_url":
                continue
            url = str((part.get("image_url") or {}).get("url", ""))
            if not url.startswith("data:"):
                continue
            mime, _, data = url[5:].partition(";base64,")
            if mime not in IMAGE_TYPES:
                # "You uploaded an unsupported image. Please make sure your image has of one
                # the following formats: ['png', 'jpeg', 'gif', 'webp']." code invalid_image_format
                raise Refusal(
                    "openai",
                    "You uploaded an unsupported image. Please make sure your image has of one "
                    "the following formats: ['png', 'jpeg', 'gif', 'webp'].",
                    code="invalid_image_format",
                )
            if _b64_size(data) > OPENAI_IMAGE_MAX:
                raise Refusal(
                    "openai",
                    f"Invalid image: the image is larger than {OPENAI_IMAGE_MAX // 2**20} MB.",
                    code="image_too_large",
                    cause="request_too_large",
                )


def _anthropic_image(block: dict[str, Any], where: str) -> None:
    source = block.get("source")
    if not isinstance(source, dict) or source.get("type") != "base64":
        return
    mime = source.get("media_type")
    if mime not in IMAGE_TYPES:
        # "messages.0.content.0.image.source.base64.media_type: Input should be 'image/jpeg',
        # 'image/png', 'image/gif' or 'image/webp'"
        raise Refusal(
            "anthropic",
            f"{where}.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', "
            "'image/gif' or 'image/webp'",
        )
    size = _b64_size(source.get("data"))
    if size > ANTHROPIC_IMAGE_MAX:
        # "messages.0.content.1.image.source.base64: image exceeds 5 MB maximum: 7549336 bytes >
        # 5242880 bytes"
        raise Refusal(
            "anthropic",
            f"{where}.image.source.base64: image exceeds 5 MB maximum: {size} bytes > "
            f"{ANTHROPIC_IMAGE_MAX} bytes",
            cause="request_too_large",
        )


def _b64_size(data: Any) -> int:
    """Decoded size of base64 text, without decoding it."""
    if not isinstance(data, str):
        return 0
    stripped = data.rstrip("=")
    return len(stripped) * 3 // 4


__all__ = ["FAIL_WHEN_HEADER", "Refusal", "anthropic", "chat", "gemini", "responses"]
