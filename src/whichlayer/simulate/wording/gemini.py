"""Google's words (Gemini API): ``{"error": {"code", "message", "status", "details"}}``.

The body is the google.rpc.Status JSON form; ``details`` carry ErrorInfo,
QuotaFailure, RetryInfo and Help (gemini-cli ``googleQuotaErrors.ts`` reads
them). Each message is quoted from a real response; the source is named.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from whichlayer.simulate import html
from whichlayer.simulate.call import Call
from whichlayer.simulate.faults import Fault, Reply
from whichlayer.simulate.wording import dumps

_SERVICE = "generativelanguage.googleapis.com"
_QUOTA_MSG = (
    "You exceeded your current quota, please check your plan and billing details. For more "
    "information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. "
    "To monitor your current usage, head to: https://ai.dev/rate-limit. "
)
Body = tuple[int, str, str, list[dict[str, Any]]]  # code, status, message, details


def _error_info(reason: str) -> dict[str, Any]:
    return {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        "reason": reason,
        "domain": "googleapis.com",
        "metadata": {"service": _SERVICE},
    }


def _localized(message: str) -> dict[str, Any]:
    return {
        "@type": "type.googleapis.com/google.rpc.LocalizedMessage",
        "locale": "en-US",
        "message": message,
    }


def _key_missing(f: Fault, c: Call) -> Body:
    # 403 PERMISSION_DENIED "Method doesn't allow unregistered callers (callers without
    # established identity). Please use API Key or other form of API consumer identity to
    # call this API." (Google API front end; quoted in Gemini client tests.)
    msg = (
        "Method doesn't allow unregistered callers (callers without established identity). "
        "Please use API Key or other form of API consumer identity to call this API."
    )
    return 403, "PERMISSION_DENIED", msg, []


def _key_invalid(f: Fault, c: Call) -> Body:
    # https://github.com/continuedev/continue/issues/9330 (400, API_KEY_INVALID + LocalizedMessage)
    msg = "API key not valid. Please pass a valid API key."
    return 400, "INVALID_ARGUMENT", msg, [_error_info("API_KEY_INVALID"), _localized(msg)]


def _key_expired(f: Fault, c: Call) -> Body:
    # "API key expired. Please renew the API key." 400 INVALID_ARGUMENT, reason
    # API_KEY_INVALID (quoted with its status and reason in public troubleshooting notes).
    msg = "API key expired. Please renew the API key."
    return 400, "INVALID_ARGUMENT", msg, [_error_info("API_KEY_INVALID"), _localized(msg)]


def _permission_region(f: Fault, c: Call) -> Body:
    # 400 FAILED_PRECONDITION "User location is not supported for the API use." (Google's
    # Dart SDK test fixture for unsupported user location; gemini-cli reports).
    return 400, "FAILED_PRECONDITION", "User location is not supported for the API use.", []


def _quota_failure(quota_id: str, metric: str, value: str, model: str) -> dict[str, Any]:
    return {
        "@type": "type.googleapis.com/google.rpc.QuotaFailure",
        "violations": [
            {
                "quotaMetric": f"{_SERVICE}/{metric}",
                "quotaId": quota_id,
                "quotaDimensions": {"location": "global", "model": model},
                "quotaValue": value,
            }
        ],
    }


def _help() -> dict[str, Any]:
    return {
        "@type": "type.googleapis.com/google.rpc.Help",
        "links": [
            {
                "description": "Learn more about Gemini API quotas",
                "url": "https://ai.google.dev/gemini-api/docs/rate-limits",
            }
        ],
    }


def _retry(seconds: int) -> dict[str, Any]:
    return {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": f"{seconds}s"}


def _quota(f: Fault, quota_id: str, metric: str, limit: int, retry_s: int) -> Body:
    # Shape from https://github.com/diegosouzapw/OmniRoute/issues/9504 (PerDay and PerMinute
    # free-tier quota ids) and https://github.com/RooCodeInc/Roo-Code/issues/3883 (input tokens).
    model = f.model or "gemini-2.5-flash"
    msg = (
        f"{_QUOTA_MSG}\n* Quota exceeded for metric: {_SERVICE}/{metric}, limit: {limit}, "
        f"model: {model}\nPlease retry in {retry_s}.0s."
    )
    details = [_quota_failure(quota_id, metric, str(limit), model), _help(), _retry(retry_s)]
    return 429, "RESOURCE_EXHAUSTED", msg, details


def _quota_exhausted(f: Fault, c: Call) -> Body:
    return _quota(
        f,
        "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
        "generate_content_free_tier_requests",
        250,
        36,
    )


def _rpm(f: Fault, c: Call) -> Body:
    return _quota(
        f,
        "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
        "generate_content_free_tier_requests",
        10,
        26,
    )


def _tpm(f: Fault, c: Call) -> Body:
    return _quota(
        f,
        "GenerateContentInputTokensPerModelPerMinute-FreeTier",
        "generate_content_free_tier_input_token_count",
        250_000,
        26,
    )


def _model_not_found(f: Fault, c: Call) -> Body:
    # 404 NOT_FOUND "models/gemini-1.5-flash is not found for API version v1beta, or is not
    # supported for generateContent. Call ListModels to see the list of available models and
    # their supported methods." (widely quoted after the 1.5 retirement)
    msg = (
        f"models/{f.model} is not found for API version {_version(c)}, or is not supported for "
        "generateContent. Call ListModels to see the list of available models and their "
        "supported methods."
    )
    return 404, "NOT_FOUND", msg, []


def _version(c: Call) -> str:
    return "v1" if c.path.startswith("/v1/") else "v1beta"


def _invalid_parameter(f: Fault, c: Call) -> Body:
    # 'Invalid JSON payload received. Unknown name "response_format": Cannot find field.'
    # 400 INVALID_ARGUMENT with a BadRequest fieldViolation (quoted in public client tests).
    name = f.detail.get("param", "foo")
    msg = f'Invalid JSON payload received. Unknown name "{name}": Cannot find field.'
    details = [
        {
            "@type": "type.googleapis.com/google.rpc.BadRequest",
            "fieldViolations": [{"description": msg}],
        }
    ]
    return 400, "INVALID_ARGUMENT", msg, details


def _context_length(f: Fault, c: Call) -> Body:
    # "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)."
    ctx, prompt = f.detail.get("context", 1_048_576), f.detail.get("prompt", 1_200_000)
    msg = f"The input token count ({prompt}) exceeds the maximum number of tokens allowed ({ctx})."
    return 400, "INVALID_ARGUMENT", msg, []


def _malformed_body(f: Fault, c: Call) -> Body:
    # "Invalid JSON payload received. Unexpected token." — the google.rpc text for a body
    # that is not JSON (same family as the Unknown name message above).
    return 400, "INVALID_ARGUMENT", "Invalid JSON payload received. Unexpected token.\n{oops\n^", []


def _server_error(f: Fault, c: Call) -> Body:
    # 500 INTERNAL "An internal error has occurred. Please retry or report in
    # https://developers.generativeai.google/guide/troubleshooting"
    msg = (
        "An internal error has occurred. Please retry or report in "
        "https://developers.generativeai.google/guide/troubleshooting"
    )
    return 500, "INTERNAL", msg, []


def _overloaded(f: Fault, c: Call) -> Body:
    # 503 UNAVAILABLE "The model is overloaded. Please try again later." (laravel/ai test
    # fixture of the real response; many public reports)
    return 503, "UNAVAILABLE", "The model is overloaded. Please try again later.", []


BODIES: dict[str, Callable[[Fault, Call], Body]] = {
    "key_missing": _key_missing,
    "key_invalid": _key_invalid,
    "key_wrong_platform": _key_invalid,
    "key_expired": _key_expired,
    "permission_region": _permission_region,
    "quota_exhausted": _quota_exhausted,
    "rpm": _rpm,
    "tpm": _tpm,
    "model_not_found": _model_not_found,
    "invalid_parameter": _invalid_parameter,
    "context_length": _context_length,
    "malformed_body": _malformed_body,
    "server_error": _server_error,
    "overloaded": _overloaded,
}

#: Google's own front end answers these as HTML-free JSON; gateways in front of a
#: self-hosted Gemini-compatible service send nginx pages.
PAGES = {"bad_gateway": "nginx_502", "unavailable": "nginx_503", "gateway_timeout": "nginx_504"}
#: Causes answered with a page of Google's own front end.
GOOGLE_PAGES = ("endpoint_mismatch",)


def not_found_page(c: Call) -> Reply:
    """Google's front-end 404 page for a path no API serves ("That’s an error.")."""
    body = (
        "<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n"
        '  <meta name=viewport content="initial-scale=1, minimum-scale=1, width=device-width">\n'
        "  <title>Error 404 (Not Found)!!1</title>\n"
        "  <a href=//www.google.com/><span id=logo aria-label=Google></span></a>\n"
        "  <p><b>404.</b> <ins>That’s an error.</ins>\n"
        f"  <p>The requested URL <code>{c.path}</code> was not found on this server.  "
        "<ins>That’s all we know.</ins>\n"
    )
    return Reply(404, body.encode(), "text/html; charset=UTF-8", {"server": "ESF"})


def render(f: Fault, c: Call) -> Reply:
    if f.cause == "endpoint_mismatch":
        return not_found_page(c)
    if f.cause in PAGES or f.variant in html.PAGES:
        return html.page(f.variant if f.variant in html.PAGES else PAGES[f.cause])
    code, status, message, details = BODIES[f.cause](f, c)
    error: dict[str, Any] = {"code": code, "message": message, "status": status}
    if details:
        error["details"] = details
    headers = {"server": "scaffolding on HTTPServer2", "x-content-type-options": "nosniff"}
    return Reply(code, dumps({"error": error}), "application/json; charset=UTF-8", headers)
