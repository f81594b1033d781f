"""The parts of a request that can be dropped without breaking its protocol's structure.

A request is cut into *units*: a unit is a set of JSON nodes removed together
(a tool, a turn of the conversation with its tool results, a content block, an
optional parameter, a sub-tree of a tool's JSON schema). Removing any set of
units, then :func:`repair`, gives a request that keeps the structure its
protocol demands: the first user turn stays, Anthropic/Gemini turns still
alternate, a tool result never loses its call, no list that must be non-empty
becomes empty. :func:`problems` checks those rules; the benchmark asserts that
no candidate has a problem the original did not have.

Protocols (the ids ``check`` uses): ``chat_completions`` (OpenAI Chat),
``responses`` (OpenAI Responses), ``messages`` (Anthropic), ``generate_content``
(Gemini).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

PROTOCOLS = ("chat_completions", "responses", "messages", "generate_content")

Path = tuple[str | int, ...]

#: Top-level fields a request of each protocol cannot do without.
REQUIRED = {
    "chat_completions": frozenset({"model", "messages"}),
    "responses": frozenset({"model", "input"}),
    "messages": frozenset({"model", "messages", "max_tokens"}),
    "generate_content": frozenset({"contents", "model"}),
}
#: The conversation list of each protocol.
TURNS = {
    "chat_completions": "messages",
    "responses": "input",
    "messages": "messages",
    "generate_content": "contents",
}
#: Schema keywords that carry structure; every other keyword of a schema node is droppable.
_STRUCTURAL = frozenset({"type", "properties", "required", "items", "$ref"})
_BRANCHES = ("anyOf", "oneOf", "allOf")
#: Subtrees holding binary payloads: never shortened (a cut base64 image is another error).
_OPAQUE = frozenset(
    {"data", "url", "image_url", "file_data", "inlineData", "inline_data", "source", "file_id"}
)
#: Strings longer than this are candidates for shortening.
LONG = 200
SHORT = 24
PLACEHOLDER = "."


@dataclass(frozen=True, slots=True)
class Unit:
    """Nodes removed together, with a label in the request's own path syntax."""

    paths: tuple[Path, ...]
    label: str
    kind: str  # tool | turn | param | block | schema | field | string


def guess_protocol(body: dict[str, Any], path: str = "") -> str:
    """The protocol, from the URL path first, then from the body's fields."""
    p = path.lower()
    if "generatecontent" in p or ":streamgeneratecontent" in p:
        return "generate_content"
    if p.rstrip("/").endswith("/responses"):
        return "responses"
    if p.rstrip("/").endswith("/messages"):
        return "messages"
    if p.rstrip("/").endswith("/chat/completions"):
        return "chat_completions"
    if "contents" in body:
        return "generate_content"
    if "input" in body and "messages" not in body:
        return "responses"
    if "messages" in body and _looks_anthropic(body):
        return "messages"
    return "chat_completions"


def _looks_anthropic(body: dict[str, Any]) -> bool:
    if "system" in body or "stop_sequences" in body or "top_k" in body:
        return True
    if str(body.get("model", "")).startswith("claude"):
        return True
    for tool in body.get("tools") or []:
        if isinstance(tool, dict) and "input_schema" in tool:
            return True
    for msg in body.get("messages") or []:
        for block in _blocks(msg):
            if block.get("type") in ("tool_use", "tool_result") or "source" in block:
                return True
    return False


def show(path: Path) -> str:
    """``tools[17].function.parameters.properties.filter``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def get(body: Any, path: Path) -> Any:
    node = body
    for part in path:
        node = node[part]
    return node


# -- units ----------------------------------------------------------------------------------------


def parts(body: dict[str, Any], protocol: str) -> list[Unit]:
    """Level 1: tools, turns of the conversation, optional parameters."""
    units = list(_tools(body, protocol))
    units += _turns(body, protocol)
    skip = REQUIRED[protocol] | {"tools", TURNS[protocol]}
    for key in body:
        if key not in skip:
            units.append(Unit(((key,),), key, "param"))
    return units


def inner(body: dict[str, Any], protocol: str) -> list[Unit]:
    """Level 2: content blocks, schema sub-trees of tools and outputs, fields of parameters."""
    units: list[Unit] = []
    turns = body.get(TURNS[protocol])
    if isinstance(turns, list):
        for i, msg in enumerate(turns):
            units += _block_units(msg, (TURNS[protocol], i), protocol)
    for tpath, tool in _tool_nodes(body, protocol):
        if not isinstance(tool, dict):
            continue
        inner_tool = tool.get("function") if protocol == "chat_completions" else tool
        base = (*tpath, "function") if protocol == "chat_completions" else tpath
        if not isinstance(inner_tool, dict):
            continue
        # ("strict" stays: it decides how the schema is judged, like the model does)
        for key in ("description",):
            if key in inner_tool:
                units.append(Unit(((*base, key),), show((*base, key)), "field"))
        for key in ("parameters", "input_schema", "parametersJsonSchema"):
            schema = inner_tool.get(key)
            if isinstance(schema, dict):
                units += _schema_units(schema, (*base, key))
    for key, value in body.items():
        if key in REQUIRED[protocol] or key in ("tools", TURNS[protocol]):
            continue
        if isinstance(value, dict):
            units += _field_units(value, (key,))
        elif isinstance(value, list) and key == "system" and len(value) > 1:
            units += [Unit(((key, i),), show((key, i)), "block") for i in range(len(value))]
    return units


def strings(body: dict[str, Any], protocol: str) -> list[Unit]:
    """Level 3: long strings (prompt text, descriptions); a unit here means "keep it long"."""
    out: list[Unit] = []

    def walk(node: Any, path: Path) -> None:
        if isinstance(node, str):
            if len(node) > LONG:
                out.append(Unit((path,), show(path), "string"))
        elif isinstance(node, dict):
            for k, v in node.items():
                if k not in _OPAQUE:
                    walk(v, (*path, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, (*path, i))

    for key, value in body.items():
        if key not in ("model",):
            walk(value, (key,))
    return out


def _tool_nodes(body: dict[str, Any], protocol: str) -> Iterator[tuple[Path, Any]]:
    tools = body.get("tools")
    if not isinstance(tools, list):
        return
    for i, tool in enumerate(tools):
        if protocol == "generate_content" and isinstance(tool, dict):
            key = _decl_key(tool)
            if key is not None:
                for j, decl in enumerate(tool[key]):
                    yield ("tools", i, key, j), decl
                continue
        yield ("tools", i), tool


def _decl_key(tool: dict[str, Any]) -> str | None:
    for key in ("functionDeclarations", "function_declarations"):
        if isinstance(tool.get(key), list):
            return key
    return None


def tool_name(tool: Any) -> str:
    if not isinstance(tool, dict):
        return ""
    fn = tool.get("function")
    if isinstance(fn, dict):
        return str(fn.get("name", ""))
    return str(tool.get("name", ""))


def _tools(body: dict[str, Any], protocol: str) -> Iterator[Unit]:
    for path, tool in _tool_nodes(body, protocol):
        name = tool_name(tool)
        label = show(path) + (f" ({name})" if name else "")
        yield Unit((path,), label, "tool")


def _blocks(msg: Any) -> list[dict[str, Any]]:
    if not isinstance(msg, dict):
        return []
    content = msg.get("content", msg.get("parts"))
    if isinstance(content, list):
        return [b for b in content if isinstance(b, dict)]
    return []


def _role(msg: Any) -> str:
    if not isinstance(msg, dict):
        return ""
    if msg.get("type") in ("function_call", "function_call_output", "reasoning"):
        return str(msg["type"])
    return str(msg.get("role", "user" if msg.get("type") == "message" else ""))


def _turns(body: dict[str, Any], protocol: str) -> list[Unit]:
    """Units of the conversation: a turn with the tool results that answer it goes as one."""
    key = TURNS[protocol]
    turns = body.get(key)
    if not isinstance(turns, list):
        return []
    first_user = next((i for i, m in enumerate(turns) if _role(m) == "user"), None)
    if first_user is None:
        return []
    units: list[Unit] = []
    # anything before the first user turn (system / developer messages) goes one by one
    units += [Unit(((key, i),), show((key, i)), "turn") for i in range(first_user)]
    groups: list[list[int]] = []
    answers = _answer_map(turns, protocol)
    for i in range(first_user + 1, len(turns)):
        role = _role(turns[i])
        starts = role in ("assistant", "model", "function_call", "system", "developer")
        if protocol in ("chat_completions", "responses") and role == "user":
            starts = True
        if protocol == "responses" and role == "function_call_output" and i not in answers:
            starts = True
        if protocol == "chat_completions" and role == "tool" and i not in answers:
            starts = True
        if not groups or starts:
            if protocol in ("messages", "generate_content") and groups and role == "user":
                groups[-1].append(i)
                continue
            groups.append([i])
        else:
            groups[-1].append(i)
    if protocol in ("chat_completions", "responses"):
        groups = _merge_answers(groups, answers)
    for g in groups:
        label = show((key, g[0])) if len(g) == 1 else f"{key}[{g[0]}..{g[-1]}]"
        units.append(Unit(tuple((key, i) for i in g), label, "turn"))
    return units


def _answer_map(turns: list[Any], protocol: str) -> dict[int, int]:
    """Index of a tool result -> index of the turn holding its call (OpenAI shapes)."""
    calls: dict[str, int] = {}
    out: dict[int, int] = {}
    for i, msg in enumerate(turns):
        if not isinstance(msg, dict):
            continue
        if protocol == "chat_completions":
            for call in msg.get("tool_calls") or []:
                if isinstance(call, dict) and "id" in call:
                    calls[str(call["id"])] = i
            if msg.get("role") == "tool" and str(msg.get("tool_call_id")) in calls:
                out[i] = calls[str(msg.get("tool_call_id"))]
        elif protocol == "responses":
            if msg.get("type") == "function_call":
                calls[str(msg.get("call_id"))] = i
            if msg.get("type") == "function_call_output" and str(msg.get("call_id")) in calls:
                out[i] = calls[str(msg.get("call_id"))]
    return out


def _merge_answers(groups: list[list[int]], answers: dict[int, int]) -> list[list[int]]:
    """Put every tool result in the same unit as its call (union of groups)."""
    owner = {i: n for n, g in enumerate(groups) for i in g}
    parent = list(range(len(groups)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for result, call in answers.items():
        if result in owner and call in owner:
            a, b = find(owner[result]), find(owner[call])
            if a != b:
                parent[max(a, b)] = min(a, b)
    merged: dict[int, list[int]] = {}
    for n, g in enumerate(groups):
        merged.setdefault(find(n), []).extend(g)
    return [sorted(g) for _, g in sorted(merged.items())]


_PAIRED = frozenset({"tool_use", "tool_result", "server_tool_use", "thinking", "redacted_thinking"})


def _block_units(msg: Any, path: Path, protocol: str) -> list[Unit]:
    if not isinstance(msg, dict):
        return []
    key = "parts" if protocol == "generate_content" else "content"
    content = msg.get(key)
    if not isinstance(content, list) or len(content) < 2:
        return []
    units = []
    for j, block in enumerate(content):
        if not isinstance(block, dict):
            continue
        if block.get("type") in _PAIRED or "functionCall" in block or "functionResponse" in block:
            continue
        kind = block.get("type") or next(iter(block), "part")
        units.append(Unit(((*path, key, j),), f"{show((*path, key, j))} ({kind})", "block"))
    return units


def _schema_units(node: dict[str, Any], path: Path, depth: int = 0) -> list[Unit]:
    if depth > 64:
        return []
    units: list[Unit] = []
    props = node.get("properties")
    required = node.get("required")
    required = required if isinstance(required, list) else []
    if isinstance(props, dict):
        for name, sub in props.items():
            paths: list[Path] = [(*path, "properties", name)]
            paths += [(*path, "required", i) for i, r in enumerate(required) if r == name]
            units.append(Unit(tuple(paths), show((*path, "properties", name)), "schema"))
            if isinstance(sub, dict):
                units += _schema_units(sub, (*path, "properties", name), depth + 1)
    items = node.get("items")
    if isinstance(items, dict):
        units += _schema_units(items, (*path, "items"), depth + 1)
    for key in _BRANCHES:
        branches = node.get(key)
        if isinstance(branches, list):
            for i, sub in enumerate(branches):
                units.append(Unit(((*path, key, i),), show((*path, key, i)), "schema"))
                if isinstance(sub, dict):
                    units += _schema_units(sub, (*path, key, i), depth + 1)
    for key in ("$defs", "definitions"):
        defs = node.get(key)
        if isinstance(defs, dict):
            for name, sub in defs.items():
                units.append(Unit(((*path, key, name),), show((*path, key, name)), "schema"))
                if isinstance(sub, dict):
                    units += _schema_units(sub, (*path, key, name), depth + 1)
    for key in node:
        if key not in _STRUCTURAL and key not in _BRANCHES and key not in ("$defs", "definitions"):
            units.append(Unit(((*path, key),), show((*path, key)), "schema"))
    return units


_SCHEMA_HOLDERS = frozenset({"schema", "responseSchema", "response_schema", "responseJsonSchema"})


def _field_units(node: dict[str, Any], path: Path) -> list[Unit]:
    """Sub-fields of an optional parameter; JSON schemas inside are cut like tool schemas."""
    units: list[Unit] = []
    for key, value in node.items():
        if key in ("type", "name") and path and path[-1] in ("response_format", "format"):
            continue
        if key in _SCHEMA_HOLDERS and isinstance(value, dict):
            units += _schema_units(value, (*path, key))
            continue
        if isinstance(value, dict) and key in ("json_schema", "format"):
            units += _field_units(value, (*path, key))
            continue
        units.append(Unit(((*path, key),), show((*path, key)), "field"))
    return units


# -- applying a removal ---------------------------------------------------------------------------


def apply(
    body: dict[str, Any],
    protocol: str,
    drop: Iterable[Path] = (),
    shorten: Iterable[Path] = (),
) -> dict[str, Any]:
    """A copy of ``body`` without the ``drop`` nodes and with ``shorten`` strings cut, repaired."""
    dropped, cut = set(drop), set(shorten)
    prefixes = {p[:n] for p in dropped | cut for n in range(len(p) + 1)}

    def walk(node: Any, path: Path) -> Any:
        if path in cut and isinstance(node, str):
            return node[:SHORT] + "…"
        if path not in prefixes:
            return node
        if isinstance(node, dict):
            return {k: walk(v, (*path, k)) for k, v in node.items() if (*path, k) not in dropped}
        if isinstance(node, list):
            return [walk(v, (*path, i)) for i, v in enumerate(node) if (*path, i) not in dropped]
        return node

    out = walk(body, ())
    assert isinstance(out, dict)
    if dropped:
        repair(out, protocol)
    return out


def repair(body: dict[str, Any], protocol: str) -> None:
    """Restore what a removal may break: empty lists that must not be empty, dangling refs."""
    _repair_tools(body, protocol)
    turns = body.get(TURNS[protocol])
    if isinstance(turns, list):
        for msg in turns:
            _repair_turn(msg, protocol)
    system = body.get("system")
    if isinstance(system, list) and not system:
        del body["system"]
    for key, value in list(body.items()):
        if isinstance(value, dict) and not value and key not in REQUIRED[protocol]:
            del body[key]  # an optional object left empty (e.g. generationConfig)
    _repair_schemas(body)


def _repair_tools(body: dict[str, Any], protocol: str) -> None:
    tools = body.get("tools")
    if protocol == "generate_content" and isinstance(tools, list):
        for tool in tools:
            if isinstance(tool, dict):
                key = _decl_key(tool)
                if key is not None and not tool[key]:
                    del tool[key]
        body["tools"] = tools = [t for t in tools if t != {}]
    if isinstance(tools, list) and not tools:
        del body["tools"]
        for key in ("tool_choice", "parallel_tool_calls", "toolConfig", "tool_config"):
            body.pop(key, None)
    names = {tool_name(t) for _, t in _tool_nodes(body, protocol)}
    choice = body.get("tool_choice")
    if isinstance(choice, dict):
        named = choice.get("name") or (choice.get("function") or {}).get("name")
        if named and named not in names:
            del body["tool_choice"]


def _repair_turn(msg: Any, protocol: str) -> None:
    if not isinstance(msg, dict):
        return
    key = "parts" if protocol == "generate_content" else "content"
    if isinstance(msg.get(key), list) and not msg[key]:
        if protocol == "generate_content":
            msg[key] = [{"text": PLACEHOLDER}]
        elif protocol == "responses":
            msg[key] = [{"type": "input_text", "text": PLACEHOLDER}]
        else:
            msg[key] = [{"type": "text", "text": PLACEHOLDER}]
    if protocol == "chat_completions" and "tool_calls" in msg and not msg["tool_calls"]:
        del msg["tool_calls"]
        if msg.get("content") is None:
            msg["content"] = PLACEHOLDER


def _repair_schemas(node: Any) -> None:
    if isinstance(node, dict):
        for key in _BRANCHES:
            if isinstance(node.get(key), list) and not node[key]:
                del node[key]
        if isinstance(node.get("required"), list) and not node["required"]:
            del node["required"]
        for value in node.values():
            _repair_schemas(value)
    elif isinstance(node, list):
        for value in node:
            _repair_schemas(value)


# -- structural problems --------------------------------------------------------------------------


def problems(body: Any, protocol: str) -> set[str]:
    """Breaks of the protocol's structure (not of a provider's finer rules), as stable ids."""
    out: set[str] = set()
    if not isinstance(body, dict):
        return {"body_not_object"}
    for key in REQUIRED[protocol]:
        if key not in body and not (key == "model" and protocol == "generate_content"):
            out.add(f"missing:{key}")
    turns = body.get(TURNS[protocol])
    if protocol == "responses" and isinstance(turns, str):
        return out
    if not isinstance(turns, list) or not turns:
        out.add("no_turns")
        return out
    if isinstance(body.get("tools"), list) and not body["tools"]:
        out.add("empty_tools")
    if "tool_choice" in body and "tools" not in body:
        out.add("tool_choice_without_tools")
    roles = [_role(m) for m in turns]
    if "user" not in roles:
        out.add("no_user_turn")
    for msg in turns:
        key = "parts" if protocol == "generate_content" else "content"
        if isinstance(msg, dict) and isinstance(msg.get(key), list) and not msg[key]:
            out.add(f"empty_content:{_role(msg)}")
    if protocol == "messages":
        if roles and roles[0] != "user":
            out.add("first_turn_not_user")
        for a, b in itertools.pairwise(roles):
            if a == b:
                out.add(f"no_alternation:{a}")
        out |= _anthropic_pairs(turns)
    elif protocol == "generate_content":
        for a, b in itertools.pairwise(roles):
            if a == b == "model":
                out.add("no_alternation:model")
    elif protocol == "chat_completions":
        out |= _openai_pairs(turns)
    elif protocol == "responses":
        seen = {str(m.get("call_id")) for m in turns if _role(m) == "function_call"}
        for m in turns:
            if _role(m) == "function_call_output" and str(m.get("call_id")) not in seen:
                out.add(f"orphan_result:{m.get('call_id')}")
    return out


def _anthropic_pairs(turns: list[Any]) -> set[str]:
    out: set[str] = set()
    for i, msg in enumerate(turns):
        uses = {
            str(b.get("id"))
            for b in _blocks(msg)
            if b.get("type") == "tool_use" and _role(msg) == "assistant"
        }
        nxt = turns[i + 1] if i + 1 < len(turns) else None
        answered = {
            str(b.get("tool_use_id")) for b in _blocks(nxt) if b.get("type") == "tool_result"
        }
        if nxt is not None:
            out |= {f"unanswered_call:{u}" for u in uses - answered}
        if _role(msg) == "user":
            prev = turns[i - 1] if i > 0 else None
            called = {str(b.get("id")) for b in _blocks(prev) if b.get("type") == "tool_use"}
            for b in _blocks(msg):
                if b.get("type") == "tool_result" and str(b.get("tool_use_id")) not in called:
                    out.add(f"orphan_result:{b.get('tool_use_id')}")
    return out


def _openai_pairs(turns: list[Any]) -> set[str]:
    out: set[str] = set()
    open_calls: set[str] = set()
    for msg in turns:
        if not isinstance(msg, dict):
            continue
        role = msg.get("role")
        if role == "tool":
            cid = str(msg.get("tool_call_id"))
            if cid not in open_calls:
                out.add(f"orphan_result:{cid}")
            open_calls.discard(cid)
            continue
        if open_calls:
            out |= {f"unanswered_call:{c}" for c in open_calls}
            open_calls = set()
        for call in msg.get("tool_calls") or []:
            if isinstance(call, dict):
                open_calls.add(str(call.get("id")))
    return out
