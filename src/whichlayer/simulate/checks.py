"""The checks a request goes through, in the order the real services apply them.

auth -> body parse -> model -> parameters/tools -> account state -> context ->
rate limits. Each failing check raises a Fault naming a TAXONOMY cause.
"""

from __future__ import annotations

import json
import re
from typing import Any

from aiohttp import web

from whichlayer.simulate import catalog
from whichlayer.simulate.call import Call
from whichlayer.simulate.faults import Fault
from whichlayer.simulate.keys import ORG_ID, KeyStore
from whichlayer.simulate.limits import Limiter
from whichlayer.simulate.scenarios import split
from whichlayer.simulate.script import Step

PLATFORM = {"openai": "openai", "anthropic": "anthropic", "gemini": "gemini", "azure": "azure"}

#: Key state -> the cause each platform reports at authentication time.
AUTH_STATE_CAUSE: dict[str, dict[str, str]] = {
    "openai": {
        "revoked": "key_expired",
        "wrong_org": "org_mismatch",
        "region_blocked": "permission_region",
    },
    "anthropic": {
        "revoked": "key_invalid",
        "wrong_org": "key_invalid",
        "region_blocked": "permission_region",
    },
    "gemini": {
        "revoked": "key_expired",
        "wrong_org": "key_invalid",
        "region_blocked": "permission_region",
    },
    "azure": {"revoked": "key_invalid", "wrong_org": "key_invalid"},
}
#: Key state -> the cause reported once the request is otherwise valid (billing).
BILLING_STATE_CAUSE: dict[str, dict[str, str]] = {
    "openai": {"no_balance": "quota_exhausted", "spend_limit": "quota_exhausted"},
    "anthropic": {"no_balance": "insufficient_balance", "spend_limit": "billing_cap"},
    "gemini": {"no_balance": "quota_exhausted", "spend_limit": "quota_exhausted"},
    "azure": {},
}

_TOOL_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")


def read_key(request: web.Request, protocol: str) -> str | None:
    """The credential as each platform's SDK sends it."""
    h = request.headers
    bearer = h.get("Authorization", "")
    token = bearer[7:].strip() if bearer[:7].lower() == "bearer " else None
    if protocol == "anthropic":
        return h.get("x-api-key") or token
    if protocol == "gemini":
        return h.get("x-goog-api-key") or request.query.get("key") or token
    if protocol == "azure":
        return h.get("api-key") or token
    return token


def authenticate(request: web.Request, call: Call, keys: KeyStore) -> str:
    """The key's state on this platform, or a Fault (missing / invalid / state-driven)."""
    key = read_key(request, call.protocol)
    call.key = key
    if not key:
        raise Fault("key_missing", model=call.model)
    state = keys.state_for(PLATFORM[call.protocol], key)
    if state is None:
        cause = "key_wrong_platform" if keys.lookup(key) else "key_invalid"
        raise Fault(cause, model=call.model)
    by_state = AUTH_STATE_CAUSE[call.protocol].get(state)
    if by_state:
        raise Fault(by_state, model=call.model)
    org = request.headers.get("OpenAI-Organization")
    if call.protocol == "openai" and org and org != ORG_ID["openai"]:
        raise Fault("org_mismatch", model=call.model)
    return state


def parse_body(raw: bytes) -> tuple[dict[str, Any] | None, str | None]:
    """The JSON object, or None and where parsing failed."""
    try:
        data = json.loads(raw or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = (
            f"line {exc.lineno} column {exc.colno} (char {exc.pos})"
            if isinstance(exc, json.JSONDecodeError)
            else "invalid utf-8"
        )
        return None, where
    except RecursionError:
        return None, "nesting too deep"  # a provider's parser refuses it too: a 400
    except ValueError:
        return None, "a number too long to parse"  # integers above 4,300 digits
    if not isinstance(data, dict):
        return None, "line 1 column 1 (char 0)"
    return data, None


def find_model(platform: str, model_id: str | None) -> catalog.Model:
    model = catalog.find(platform, model_id or "")
    if model is None:
        raise Fault("model_not_found", model=model_id or "")
    return model


def model_access(state: str, model: catalog.Model) -> None:
    if state == "no_model_access" and model.id not in catalog.LIMITED_MODELS:
        raise Fault("permission_model", model=model.id)


def billing(protocol: str, state: str, model: str) -> None:
    cause = BILLING_STATE_CAUSE[protocol].get(state)
    if cause:
        raise Fault(cause, model=model)


def unknown_params(body: dict[str, Any], known: frozenset[str], model: str) -> None:
    for name in body:
        if name not in known:
            raise Fault("invalid_parameter", model=model, param=name)


def max_output(asked: Any, model: catalog.Model) -> None:
    if isinstance(asked, int) and not isinstance(asked, bool) and asked > model.max_output:
        raise Fault(
            "invalid_parameter", "max_tokens", model=model.id, asked=asked, most=model.max_output
        )


def openai_tools(body: dict[str, Any], model: str) -> None:
    """OpenAI's tool checks: a function name pattern and an object parameters schema."""
    tools = body.get("tools")
    if tools is None:
        return
    for index, tool in enumerate(tools if isinstance(tools, list) else [tools]):
        fn = tool.get("function") if isinstance(tool, dict) else None
        if not isinstance(fn, dict):
            raise Fault(
                "tool_schema", model=model, index=index, name="?", why="'function' is required."
            )
        name = str(fn.get("name", ""))
        params = fn.get("parameters", {"type": "object"})
        kind = params.get("type") if isinstance(params, dict) else None
        if not _TOOL_NAME.match(name) or kind != "object":
            why = f"schema must be a JSON Schema of 'type: \"object\"', got 'type: \"{kind}\"'."
            raise Fault("tool_schema", model=model, index=index, name=name, why=why)


def anthropic_tools(body: dict[str, Any], model: str) -> None:
    """Anthropic's check: every custom tool's input_schema is an object schema."""
    for index, tool in enumerate(body.get("tools") or []):
        if not isinstance(tool, dict) or tool.get("type", "custom") != "custom":
            continue
        schema = tool.get("input_schema")
        if not isinstance(schema, dict) or schema.get("type") != "object":
            raise Fault("tool_schema", model=model, index=index)


def forced(step: Step, call: Call, limiter: Limiter) -> Fault:
    """The Fault for an HTTP scenario chosen by name, with realistic details."""
    assert step.scenario is not None
    cause, variant = split(step.scenario)
    platform = "openai" if call.protocol == "azure" else PLATFORM.get(call.protocol, "openai")
    model = catalog.find(platform, call.model or "") or catalog.default_model(platform)
    name = call.model or model.id
    detail: dict[str, Any] = {}
    if cause in ("rpm", "tpm", "concurrency", "gateway_limit"):
        detail["snapshot"] = limiter.exhausted(cause, max(call.prompt_tokens, 1_500))
    if cause == "context_length":
        detail.update(context=model.context, prompt=model.context + 1_234)
    if cause == "invalid_parameter":
        detail.update(asked=model.max_output * 2, most=model.max_output, param="foo")
    return Fault(
        cause, variant, model=name, retry_after_s=step.retry_after_s, status=step.status, **detail
    )
