"""Relays' words: one-api / new-api, OpenRouter and the LiteLLM proxy.

one-api / new-api (shared/reference/peers.md §3.2, read in their source):
relay-side errors are ``{"error": {"message": "<text> (request id: <id>)",
"type": "one_api_error" | "new_api_error", "code": ...}}`` (``abortWithMessage`` /
``abortWithOpenAiMessage``); token errors come from ``model.ValidateUserToken``
("未提供令牌", "无效的令牌", "该令牌已过期", "该令牌额度已用尽", "该令牌状态不可用");
no channel is 503 "当前分组 %s 下对于模型 %s 无可用渠道" (``middleware/distributor.go``);
user quota is 403 ``insufficient_user_quota`` ("用户额度不足, 剩余额度: %s" in new-api
``service/quota.go``, "user quota is not enough" in one-api). An upstream error
keeps the upstream's own error object and status; every final 429's message is
replaced by "当前分组上游负载已饱和，请稍后再试" (``controller/relay.go``); a body that
is not OpenAI JSON becomes ``upstream_error`` / ``bad_response_status_code`` with
``param`` = the upstream status; a failed upstream request is ``do_request_failed``.
"""

from __future__ import annotations

import json
from typing import Any

from whichlayer.simulate.wording import dumps

SATURATED = "当前分组上游负载已饱和，请稍后再试"

#: new-api is a fork of one-api: both answer the same relay-side faults themselves.
_ONE_API_SIDE = [
    "key_missing",
    "key_invalid",
    "key_expired",
    "quota_exhausted:token",
    "insufficient_balance",
    "model_not_found",
]
#: Relay-side scenarios (answered by the relay itself) per flavor.
RELAY_SIDE = {
    "new-api": _ONE_API_SIDE,
    "one-api": _ONE_API_SIDE,
    "openrouter": ["key_missing", "key_invalid", "insufficient_balance", "model_not_found"],
    "litellm": ["key_missing", "key_invalid", "key_expired", "billing_cap", "model_not_found"],
}
#: Scenarios the relay passes on to its upstream (then relays or rewrites the answer).
FORWARDED = [
    "upstream_key_invalid",
    "relay_upstream_error",
    "rpm",
    "tpm",
    "quota_exhausted",
    "context_length",
    "invalid_parameter",
    "server_error",
    "overloaded",
    "bad_gateway",
]


def scenario_ids(flavor: str) -> list[str]:
    return RELAY_SIDE[flavor] + FORWARDED


def _with_id(message: str, request_id: str) -> str:
    # helper.MessageWithRequestId: "%s (request id: %s)"
    return f"{message} (request id: {request_id})"


# -- one-api / new-api -------------------------------------------------------------------------


def oneapi_local(flavor: str, cause: str, request_id: str, **ctx: Any) -> tuple[int, bytes]:
    """A relay-side error of one-api / new-api."""
    kind = "new_api_error" if flavor == "new-api" else "one_api_error"
    status, message, code = _ONEAPI_LOCAL[cause](flavor, ctx)
    error: dict[str, Any] = {"message": _with_id(message, request_id), "type": kind}
    if flavor == "new-api" or code:
        error["param"] = ""
        error["code"] = code
    return status, dumps({"error": error})


def _token_missing(flavor: str, ctx: dict[str, Any]) -> tuple[int, str, str]:
    return 401, "未提供令牌", ""


def _token_invalid(flavor: str, ctx: dict[str, Any]) -> tuple[int, str, str]:
    return 401, "无效的令牌", ""


def _token_expired(flavor: str, ctx: dict[str, Any]) -> tuple[int, str, str]:
    return 401, "该令牌已过期", ""


def _token_exhausted(flavor: str, ctx: dict[str, Any]) -> tuple[int, str, str]:
    return 401, "该令牌额度已用尽", ""


def _user_quota(flavor: str, ctx: dict[str, Any]) -> tuple[int, str, str]:
    if flavor == "new-api":
        return 403, "用户额度不足, 剩余额度: ＄0.000000", "insufficient_user_quota"
    return 403, "user quota is not enough", "insufficient_user_quota"


def _no_channel(flavor: str, ctx: dict[str, Any]) -> tuple[int, str, str]:
    return (
        503,
        f"当前分组 {ctx.get('group', 'default')} 下对于模型 {ctx.get('model', '')} 无可用渠道",
        "",
    )


def _do_request_failed(flavor: str, ctx: dict[str, Any]) -> tuple[int, str, str]:
    return 500, "upstream error: do request failed", "do_request_failed"


_ONEAPI_LOCAL = {
    "key_missing": _token_missing,
    "key_invalid": _token_invalid,
    "key_expired": _token_expired,
    "quota_exhausted": _token_exhausted,
    "insufficient_balance": _user_quota,
    "model_not_found": _no_channel,
    "relay_upstream_error": _do_request_failed,
}


def oneapi_upstream(status: int, body: bytes, request_id: str) -> tuple[int, bytes]:
    """An upstream error as one-api / new-api pass it on (RelayErrorHandler + relay.go)."""
    error = _openai_error(body)
    if error is None:
        error = {
            "message": f"bad response status code {status}",
            "type": "upstream_error",
            "param": str(status),
            "code": "bad_response_status_code",
        }
    if status == 429:
        error["message"] = SATURATED
    error["message"] = _with_id(str(error.get("message", "")), request_id)
    return status, dumps({"error": error})


def _openai_error(body: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(error, dict) and error.get("message"):
        return dict(error)
    return None


# -- OpenRouter --------------------------------------------------------------------------------


def openrouter_local(cause: str, **ctx: Any) -> tuple[int, bytes]:
    """OpenRouter's own errors: ``{"error": {"message", "code"}}``."""
    table = {
        # 401 "No auth credentials found" (reported by OpenRouter users without a key)
        "key_missing": (401, "No auth credentials found"),
        # 401 "User not found." for a key OpenRouter does not know (deleted / mistyped)
        "key_invalid": (401, "User not found."),
        # 402 "Insufficient credits. Add more using https://openrouter.ai/credits"
        # (OpenRouter OpenAPI PaymentRequiredResponse example)
        "insufficient_balance": (
            402,
            "Insufficient credits. Add more using https://openrouter.ai/credits",
        ),
        # 400 "<model> is not a valid model ID" (many public reports)
        "model_not_found": (400, f"{ctx.get('model', '')} is not a valid model ID"),
        "relay_upstream_error": (502, "Provider returned error"),
    }
    status, message = table[cause]
    return status, dumps(
        {
            "error": {"message": message, "code": status},
            "user_id": "user_2sImuLaTeD0000000000000000",
        }
    )


def openrouter_upstream(status: int, body: bytes, model: str) -> tuple[int, bytes]:
    """Upstream errors: "Provider returned error" with the raw body and provider name.

    429 shape from https://github.com/HacxGPT-Official/HacxGPT-CLI/issues/31.
    """
    if status == 429:
        raw = (
            f"{model} is temporarily rate-limited upstream. Please retry shortly, or add your own "
            "key to accumulate your rate limits: https://openrouter.ai/settings/integrations"
        )
    else:
        raw = body.decode("utf-8", "replace")
    error = {
        "message": "Provider returned error",
        "code": status,
        "metadata": {"raw": raw, "provider_name": "OpenAI"},
    }
    return status, dumps({"error": error, "user_id": "user_2sImuLaTeD0000000000000000"})


# -- LiteLLM proxy -----------------------------------------------------------------------------

_LITELLM_CLASS = {
    400: "BadRequestError",
    401: "AuthenticationError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    408: "Timeout",
    429: "RateLimitError",
    500: "InternalServerError",
    502: "BadGatewayError",
    503: "ServiceUnavailableError",
}


#: ``ProxyException.type`` by status, as LiteLLM 1.108 sets it for a deployment's error.
_LITELLM_TYPE = {
    400: "invalid_request_error",
    401: "authentication_error",
    404: "invalid_request_error",
    429: "throttling_error",
}
#: Since 1.7x the proxy ends a deployment's error with this line (router.py), where earlier
#: releases said "Received Model Group=...\nAvailable Model Group Fallbacks=None".
_LITELLM_TAIL = (
    "\n\nLiteLLM: model group '{model}' failed with the error above. No fallback was attempted."
)
LITELLM_VERSION = "1.108.7"


def _litellm_body(status: int, message: str, kind: str) -> bytes:
    return dumps({"error": {"message": message, "type": kind, "param": None, "code": str(status)}})


def litellm_local(cause: str, **ctx: Any) -> tuple[int, bytes]:
    """The LiteLLM proxy's own errors (``ProxyException``: message, type, param, code)."""
    key = str(ctx.get("key") or "")
    model = str(ctx.get("model", ""))
    shown = f"sk-...{key[-4:]}" if key else ""
    table: dict[str, tuple[int, str, str]] = {
        # litellm proxy/auth/user_api_key_auth.py
        "key_missing": (401, "Authentication Error, No api key passed in.", "auth_error"),
        # "Authentication Error, Invalid proxy server token passed. Received API Key = sk-...,
        # Key Hash (Token) =… Unable to find token in cache or `LiteLLM_VerificationTokenTable`"
        "key_invalid": (
            401,
            f"Authentication Error, Invalid proxy server token passed. Received API Key = {shown}, "
            "Key Hash (Token) =5f3a9c0e. Unable to find token in cache or "
            "`LiteLLM_VerificationTokenTable`",
            "auth_error",
        ),
        "key_expired": (
            400,
            "Authentication Error - Expired Key. Key Expiry time 2026-01-01 00:00:00+00:00 and "
            "current time 2026-11-24 00:00:00+00:00",
            "expired_key",
        ),
        # "Budget has been exceeded! Current cost: 5, Max budget: 5" (type budget_exceeded):
        # the key's max_budget, a spend limit the proxy admin set
        "billing_cap": (
            400,
            "Budget has been exceeded! Current cost: 5.0012, Max budget: 5.0",
            "budget_exceeded",
        ),
        # what a real 1.108 proxy answers for a model no deployment serves
        "model_not_found": (
            400,
            f"/chat/completions: Invalid model name passed in model={model}. Call `/v1/models` "
            "to view available models for your key.",
            "invalid_request_error",
        ),
        # what a real 1.108 proxy answers when it cannot connect to its deployment
        "relay_upstream_error": (
            500,
            "litellm.InternalServerError: InternalServerError: OpenAIException - Connection "
            "error." + _LITELLM_TAIL.format(model=model),
            "internal_server_error",
        ),
        # the key's max_parallel_requests (proxy/hooks/parallel_request_limiter.py)
        "concurrency": (
            429,
            "Max parallel request limit reached. Hit limit for api_key: "
            f"{ctx.get('key_hash', '')}. current max_parallel_requests: "
            f"{ctx.get('limit', '')}",
            "None",
        ),
    }
    status, message, kind = table[cause]
    return status, _litellm_body(status, message, kind)


def litellm_upstream(status: int, body: bytes, model: str) -> tuple[int, bytes]:
    """A deployment's error as a real LiteLLM 1.108 proxy re-raises it: the exception class,
    the provider's exception and message, then the model group line."""
    error = _openai_error(body)
    text = str(error.get("message")) if error else f"Error code: {status}"
    cls = _LITELLM_CLASS.get(status, "APIError")
    if status == 400 and "context length" in text:
        # the proxy maps a context overflow to its own ContextWindowExceededError
        message = (
            "litellm.ContextWindowExceededError: litellm.BadRequestError: "
            f"ContextWindowExceededError: OpenAIException - {text}\nmodel={model}. "
            "context_window_fallbacks=None. fallbacks=None.\n\nSet 'context_window_fallback' "
            "- https://docs.litellm.ai/docs/routing#fallbacks"
        )
    else:
        # BadRequestError is the one class 1.108 does not repeat before the provider's
        # exception
        head = f"litellm.{cls}: " + ("" if cls == "BadRequestError" else f"{cls}: ")
        message = f"{head}OpenAIException - {text}"
    message += _LITELLM_TAIL.format(model=model)
    kind = _LITELLM_TYPE.get(status, "internal_server_error" if status >= 500 else "None")
    return status, _litellm_body(status, message, kind)
