"""Redacting JSON-like data: dicts, lists, tuples and strings.

Besides masking secrets inside every string, the names of dict keys count:
the value of ``Authorization``, ``api_key``, ``password``... is masked
whatever it looks like, and request bodies lose their prompt and message
text (the structure, roles and types stay, since they are evidence).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from whichlayer.redact._scan import find_secrets, fingerprint_secret, redact
from whichlayer.redact.detectors import is_placeholder

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_SECRET_NAMES = re.compile(
    r"(?i)^(?:proxy-)?authorization$|^cookie$|^set-cookie$|(?:^|[_.-])(?:api[_-]?key|apikey"
    r"|access[_-]?token|refresh[_-]?token|id[_-]?token|auth[_-]?token|session[_-]?token"
    r"|secret(?:[_-]?access)?[_-]?key|client[_-]?secret|password|passwd|secret|private[_-]?key"
    r"|security[_-]?token|bearer)$|^x-goog-api-key$|^ocp-apim-subscription-key$"
)
_SCHEMES = ("bearer", "basic", "token", "digest", "aws4-hmac-sha256")
#: Keys whose value is prompt or message content in a request or response body.
PROMPT_KEYS = frozenset(
    {
        "messages",
        "prompt",
        "prompts",
        "input",
        "inputs",
        "instructions",
        "system",
        "contents",
        "content",
        "system_instruction",
        "systemInstruction",
        "query",
        "documents",
        "choices",
        "candidates",
        "completion",
        "output_text",
        "delta",
    }
)
#: Inside prompt content, these keys describe its shape and are kept.
_SHAPE_KEYS = frozenset(
    {
        "role",
        "type",
        "name",
        "model",
        "id",
        "tool_call_id",
        "tool_use_id",
        "media_type",
        "mime_type",
        "mimeType",
        "detail",
        "cache_control",
        "index",
        "finish_reason",
        "stop_reason",
        "format",
        "object",
        "status",
        "logprobs",
    }
)


def _mask_value(value: str) -> str:
    if is_placeholder(value):
        return value
    scheme, sep, rest = value.partition(" ")
    if sep and scheme.lower() in _SCHEMES:
        return f"{scheme} {_mask_value(rest.strip())}" if rest.strip() else value
    return str(fingerprint_secret(value, "secret"))


#: Strings already redacted within one ``redact_data`` call, by (text, keep_prompt): a
#: report or a scan's JSON repeats the same keys and values hundreds of times, and with
#: the call's ``known`` fixed each one masks alike wherever it stands.
_Memo = dict[tuple[str, bool], str]


def _prompt_tree(value: Any, known: dict[str, str], memo: _Memo) -> Any:
    if isinstance(value, str):
        return f"[prompt: {len(value)} chars]" if value else value
    if isinstance(value, dict):
        return {
            k: (
                _redact_data(v, False, known, memo)
                if k in _SHAPE_KEYS
                else _prompt_tree(v, known, memo)
            )
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return type(value)(_prompt_tree(v, known, memo) for v in value)
    return value


def _item(key: Any, value: Any, keep_prompt: bool, known: dict[str, str], memo: _Memo) -> Any:
    name = key if isinstance(key, str) else ""
    if isinstance(value, str) and _SECRET_NAMES.search(name):
        return _mask_value(value)
    if not keep_prompt and name in PROMPT_KEYS and not isinstance(value, int | float | bool):
        return _prompt_tree(value, known, memo)
    return _redact_data(value, keep_prompt, known, memo)


def _collect(value: Any, out: dict[str, str], seen: set[str], name: str = "") -> None:
    """Every value recognised as secret anywhere in ``value`` (by shape, context or key name);
    ``seen``: the strings already searched by shape in this call (each is searched once)."""
    if isinstance(value, str):
        if name and _SECRET_NAMES.search(name) and not is_placeholder(value):
            scheme, sep, rest = value.partition(" ")
            core = rest.strip() if sep and scheme.lower() in _SCHEMES else value
            if len(core) >= 8 and not is_placeholder(core):
                out.setdefault(core, str(fingerprint_secret(core, "secret")))
        if value not in seen:
            seen.add(value)
            for k, v in find_secrets(value).items():
                out.setdefault(k, v)
    elif isinstance(value, dict):
        for k, v in value.items():
            _collect(k, out, seen)
            _collect(v, out, seen, k if isinstance(k, str) else "")
    elif isinstance(value, list | tuple | set | frozenset):
        for v in value:
            _collect(v, out, seen)
    elif isinstance(value, bytes):
        _collect(value.decode("utf-8", "surrogateescape"), out, seen)


def redact_data(
    value: Any, *, keep_prompt: bool = False, known: Mapping[str, str] | None = None
) -> Any:
    """Mask every secret inside a JSON-like structure (strings, lists, tuples, dicts).

    Dicts, lists, tuples and sets come back as new objects of the same kind,
    bytes as bytes; other values (numbers, ``None``, objects) as they are. Prompt and message
    content is masked unless ``keep_prompt``. A value recognised as secret in one
    place (or given in ``known``: value -> mask) is masked wherever else it occurs.
    """
    values: dict[str, str] = dict(known or {})
    if not isinstance(value, int | float | bool) and value is not None:
        _collect(value, values, set())
    return _redact_data(value, keep_prompt, values, {})


def _text(value: str, keep_prompt: bool, known: dict[str, str], memo: _Memo) -> str:
    done = memo.get((value, keep_prompt))
    if done is None:
        done = memo[(value, keep_prompt)] = redact(value, keep_prompt=keep_prompt, known=known)
    return done


def _redact_data(value: Any, keep_prompt: bool, known: dict[str, str], memo: _Memo) -> Any:
    if isinstance(value, str):
        return _text(value, keep_prompt, known, memo)
    if isinstance(value, dict):
        return {
            (_text(k, True, known, memo) if isinstance(k, str) else k): _item(
                k, v, keep_prompt, known, memo
            )
            for k, v in value.items()
        }
    if isinstance(value, list | tuple | set | frozenset):
        return type(value)(_redact_data(v, keep_prompt, known, memo) for v in value)
    if isinstance(value, bytes):
        text = value.decode("utf-8", "surrogateescape")
        text = _text(text, keep_prompt, known, memo)
        return text.encode("utf-8", "surrogateescape")
    return value
