"""MiniMax: numeric codes in ``base_resp`` (native API) or an OpenAI-shaped body."""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://platform.minimax.io/docs/api-reference/errorcode"


def _row(code: str, cause: Cause, message: str, meaning: str) -> Documented:
    body = (
        '{"id": "", "choices": null, "base_resp": {"status_code": '
        + code
        + ', "status_msg": "'
        + message
        + '"}}'
    )
    layer = Layer.IDENTITY if cause is Cause.UNKNOWN else None
    return Documented(code, cause, DOCS, body, meaning, context=True, layer=layer)


PROVIDER = Provider(
    id="minimax",
    name="MiniMax",
    kind="provider",
    hosts=("api.minimax.io", "api.minimaxi.com", "api.minimax.chat"),
    protocols=("openai", "anthropic", "minimax"),
    dialect="minimax",
    words=("minimax",),
    docs=DOCS,
    errors=(
        _row("1000", Cause.SERVER_ERROR, "unknown error", "An unknown error; retry later."),
        _row("1001", Cause.GATEWAY_TIMEOUT, "request timeout", "The request timed out."),
        _row("1002", Cause.RPM, "rate limit", "A rate limit was hit; retry later."),
        _row(
            "1004",
            Cause.UNKNOWN,
            "login fail: Please carry the API secret key in the "
            "'Authorization' field of the request header",
            "Not authorised: the key is "
            "missing, sent in another header, or belongs to the other region's platform.",
        ),
        _row(
            "1008",
            Cause.INSUFFICIENT_BALANCE,
            "insufficient balance",
            "The account balance is used up.",
        ),
        _row("1024", Cause.SERVER_ERROR, "internal error", "An internal error."),
        _row(
            "1026", Cause.CONTENT_FILTER, "input new_sensitive", "The input was judged sensitive."
        ),
        _row(
            "1027", Cause.CONTENT_FILTER, "output new_sensitive", "The output was judged sensitive."
        ),
        _row("1039", Cause.TPM, "token limit", "The token rate limit was hit."),
        _row("1041", Cause.CONCURRENCY, "conn limit", "Too many concurrent connections."),
        _row(
            "2013",
            Cause.INVALID_PARAMETER,
            "invalid params, tool call id is invalid",
            "A parameter is invalid.",
        ),
        _row("2049", Cause.KEY_INVALID, "invalid api key", "The API key is invalid."),
        _row(
            "2056",
            Cause.PLAN_LIMIT,
            "usage limit exceeded",
            "The plan's usage limit for the period is reached.",
        ),
        _row("1033", Cause.SERVER_ERROR, "system error", "A system error at MiniMax; retry later."),
        _row(
            "1042",
            Cause.INVALID_PARAMETER,
            "illegal characters exceeds limit",
            "The input holds too many invisible or illegal characters.",
        ),
        _row(
            "2045",
            Cause.RPM,
            "rate growth limit",
            "The request rate grew too fast; avoid sudden spikes and ramp up gradually.",
        ),
    ),
)
