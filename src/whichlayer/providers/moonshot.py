"""Moonshot AI (Kimi): OpenAI-compatible bodies whose ``type`` names the failure."""

from whichlayer.providers._base import Documented, Provider, StatusPage
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://platform.moonshot.cn/docs/api/errors"
#: Kimi Code (the coding plan's API at api.kimi.com/coding): its own messages.
DOCS_CODE = "https://www.kimi.com/code/docs/en/kimi-code/error-reference.html"
_CODE_URL = "POST https://api.kimi.com/coding/v1/messages\n"


def _body(type_: str, message: str) -> str:
    return '{"error": {"message": "' + message + '", "type": "' + type_ + '"}}'


PROVIDER = Provider(
    id="moonshot",
    name="Moonshot AI (Kimi)",
    kind="provider",
    hosts=("api.moonshot.cn", "api.moonshot.ai", "api.kimi.com"),
    protocols=("openai", "anthropic"),
    openai_base="https://api.moonshot.ai/v1",
    words=("moonshot", "kimi"),
    model_families=(r"kimi|moonshot",),
    family_rank=10,
    docs=DOCS,
    status_page=StatusPage("https://status.moonshot.cn", "html"),
    errors=(
        Documented(
            "invalid_authentication_error",
            Cause.KEY_INVALID,
            DOCS,
            "Error code: 401 - " + _body("invalid_authentication_error", "Invalid Authentication"),
            "The key is invalid or was deleted.",
            status=401,
            field="type",
        ),
        Documented(
            "incorrect_api_key_error",
            Cause.KEY_INVALID,
            DOCS,
            "Error code: 401 - " + _body("incorrect_api_key_error", "Incorrect API key provided"),
            "The key is wrong.",
            status=401,
            field="type",
        ),
        Documented(
            "exceeded_current_quota_error",
            Cause.INSUFFICIENT_BALANCE,
            DOCS,
            "Error code: 429 - "
            + _body(
                "exceeded_current_quota_error",
                "Your account org-x is suspended, please check your plan and billing details",
            ),
            "The account balance is used up or the account is suspended; top up.",
            status=429,
            field="type",
        ),
        Documented(
            "permission_denied_error",
            Cause.PERMISSION_MODEL,
            DOCS,
            "Error code: 403 - "
            + _body("permission_denied_error", "The API you are accessing is not open"),
            "The key may not call this API or model.",
            status=403,
            field="type",
            decides=False,
            why_not="Kimi Code answers the same type for a plan's used-up billing cycle; the "
            "message says which, and the engine's rules read it.",
        ),
        Documented(
            "resource_not_found_error",
            Cause.MODEL_NOT_FOUND,
            DOCS,
            "Error code: 404 - "
            + _body("resource_not_found_error", "Not found the model kimi-k9 or Permission denied"),
            "The model does not exist or the key may not use it.",
            status=404,
            field="type",
        ),
        Documented(
            "engine_overloaded_error",
            Cause.OVERLOADED,
            DOCS,
            "Error code: 429 - "
            + _body(
                "engine_overloaded_error",
                "The engine is currently overloaded, please try again later",
            ),
            "Too many concurrent requests on the engine; retry later.",
            status=429,
            field="type",
        ),
        Documented(
            "rate_limit_reached_error",
            Cause.RPM,
            DOCS,
            "Error code: 429 - "
            + _body(
                "rate_limit_reached_error",
                "Your account org-x request reached organization "
                "max RPM: 3, please try again after 1 seconds",
            ),
            "An RPM, TPM or concurrency limit of the organisation was hit.",
            status=429,
            field="type",
            decides=False,
            why_not="The message names the limit (RPM, TPM, "
            "concurrency); the rate-limit rules read it.",
        ),
        Documented(
            "content_filter",
            Cause.CONTENT_FILTER,
            DOCS,
            "Error code: 400 - "
            + _body(
                "content_filter", "The request was rejected because it was considered high risk"
            ),
            "The input or output was judged high risk.",
            status=400,
            field="type",
        ),
        Documented(
            "server_error",
            Cause.SERVER_ERROR,
            DOCS,
            "POST https://api.moonshot.cn/v1/chat/completions\nError code: 500 - "
            + _body("server_error", "Failed to extract file"),
            "An internal error at Moonshot.",
            status=500,
            field="type",
            context=True,
        ),
        Documented(
            "unexpected_output",
            Cause.SERVER_ERROR,
            DOCS,
            "POST https://api.moonshot.cn/v1/chat/completions\nError code: 500 - "
            + _body("unexpected_output", "invalid state transition"),
            "The engine produced an unexpected output; retry.",
            status=500,
            field="type",
            context=True,
        ),
        Documented(
            "unable to verify your membership benefits",
            Cause.PLAN_LIMIT,
            DOCS_CODE,
            _CODE_URL
            + "Error code: 402 - "
            + _body(
                "invalid_request_error",
                "We were unable to verify your membership benefits. Please check your "
                "subscription.",
            ),
            "The Kimi membership behind the coding key is not active (expired or unpaid).",
            status=402,
            field="phrase",
            context=True,
        ),
        Documented(
            "only available for coding agents",
            Cause.POLICY_BLOCK,
            DOCS_CODE,
            _CODE_URL
            + "Error code: 403 - "
            + _body(
                "access_terminated_error",
                "Kimi For Coding is currently only available for Coding Agents such as Kimi CLI, "
                "Claude Code, Roo Code, Kilo Code, etc.",
            ),
            "The coding plan's API refuses clients that are not coding agents.",
            status=403,
            field="phrase",
            context=True,
        ),
        Documented(
            "reached your usage limit for this",
            Cause.PLAN_LIMIT,
            DOCS_CODE,
            _CODE_URL
            + "Error code: 403 - "
            + _body(
                "permission_denied_error", "You've reached your usage limit for this billing cycle."
            ),
            "The plan's usage for the billing cycle (or the current window) is used up; wait for "
            "the reset or upgrade.",
            status=403,
            field="phrase",
            context=True,
        ),
        Documented(
            "access terminated",
            Cause.POLICY_BLOCK,
            DOCS_CODE,
            _CODE_URL
            + "Error code: 403 - "
            + _body("access_terminated_error", "Access terminated"),
            "Access was terminated for the account (a policy violation).",
            status=403,
            field="phrase",
            context=True,
        ),
        Documented(
            "receiving too many requests",
            Cause.UNKNOWN,
            DOCS_CODE,
            _CODE_URL
            + "Error code: 429 - "
            + _body(
                "rate_limit_error",
                "We're receiving too many requests at the moment. Please wait and try again.",
            ),
            "Too many requests; the doc does not say whose limit.",
            status=429,
            field="phrase",
            context=True,
            layer=Layer.RATE_LIMIT,
        ),
        Documented(
            "input token length too long",
            Cause.CONTEXT_LENGTH,
            DOCS,
            "POST https://api.moonshot.cn/v1/chat/completions\nError code: 400 - "
            + _body("invalid_request_error", "Input token length too long"),
            "The request's tokens are over the model's limit.",
            status=400,
            field="phrase",
            context=True,
        ),
    ),
)
