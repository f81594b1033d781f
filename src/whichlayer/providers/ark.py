"""Volcengine Ark (Doubao): OpenAI-shaped bodies with Volcengine's error codes."""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://www.volcengine.com/docs/82379/1299023"


def _row(
    code: str,
    cause: Cause,
    status: int,
    message: str,
    meaning: str,
    decides: bool = True,
    why_not: str = "",
) -> Documented:
    layer = Layer.IDENTITY if cause is Cause.UNKNOWN else None
    body = (
        '{"error": {"code": "' + code + '", "message": "' + message + " Request id: "
        '0217xxxx", "param": "", "type": "' + _TYPE[status] + '"}}'
    )
    return Documented(
        code,
        cause,
        DOCS,
        f"Error code: {status} - {body}",
        meaning,
        status=status,
        decides=decides,
        why_not=why_not,
        layer=layer,
    )


_TYPE = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    429: "TooManyRequests",
    500: "InternalServiceError",
}

PROVIDER = Provider(
    id="ark",
    name="Volcengine Ark (Doubao)",
    kind="cloud",
    hosts=("ark.cn-beijing.volces.com", ".volces.com", ".volcengineapi.com"),
    protocols=("openai",),
    openai_base="https://ark.cn-beijing.volces.com/api/v3",
    words=("volces", "volcengine", "doubao", "火山"),
    docs=DOCS,
    errors=(
        _row(
            "AuthenticationError",
            Cause.KEY_INVALID,
            401,
            "The API key or AK/SK in the request is missing or invalid.",
            "The key is missing or invalid.",
        ),
        _row(
            "AccountOverdueError",
            Cause.INSUFFICIENT_BALANCE,
            403,
            "The request failed because your account has an overdue balance.",
            "The account is in arrears.",
        ),
        _row(
            "AccessDenied",
            Cause.UNKNOWN,
            403,
            "The request failed because you do not have access to the requested resource.",
            "No access to the resource.",
            decides=False,
            why_not="Also an IP allow-list refusal; the identity rules read the wording.",
        ),
        _row(
            "InvalidEndpointOrModel.NotFound",
            Cause.MODEL_NOT_FOUND,
            404,
            "The model or endpoint doubao-x does not exist or you do not have access to it.",
            "The model or endpoint id does not exist for this account.",
        ),
        _row(
            "ModelNotOpen",
            Cause.PERMISSION_MODEL,
            404,
            "Your account 2100 has not "
            "activated the model doubao-seed. Please activate the model service in the Ark "
            "Console.",
            "The model service is not activated for the account.",
        ),
        _row(
            "MissingParameter",
            Cause.INVALID_PARAMETER,
            400,
            "The request failed because it is missing one or multiple required parameters.",
            "A required parameter is missing.",
        ),
        _row(
            "InvalidEndpoint.ClosedEndpoint",
            Cause.UNAVAILABLE,
            400,
            "The request targeted an endpoint that is currently closed or temporarily unavailable.",
            "The endpoint is closed or temporarily unavailable.",
        ),
        _row(
            "InputTextRiskDetection",
            Cause.CONTENT_FILTER,
            400,
            "The request could not be processed because the input text includes sensitive content.",
            "The input was judged sensitive.",
        ),
        _row(
            "RateLimitExceeded.EndpointRPMExceeded",
            Cause.RPM,
            429,
            "The request has exceeded the rate limit for the endpoint RPM.",
            "The endpoint's RPM was exceeded.",
        ),
        _row(
            "RateLimitExceeded.EndpointTPMExceeded",
            Cause.TPM,
            429,
            "The request has exceeded the rate limit for the endpoint TPM.",
            "The endpoint's TPM was exceeded.",
        ),
        _row(
            "ServerOverloaded",
            Cause.OVERLOADED,
            429,
            "The service is currently unable to handle additional requests due to server overload.",
            "Shared capacity is overloaded; retry later.",
        ),
        _row(
            "QuotaExceeded",
            Cause.QUOTA_EXHAUSTED,
            429,
            "The free trial quota of model doubao-x is exhausted.",
            "The free quota is used up.",
        ),
        _row(
            "SetLimitExceeded",
            Cause.BILLING_CAP,
            429,
            "Your account has reached the set "
            "inference limit for the doubao-x model, and the model service has been "
            "paused.",
            "The safe-experience limit set on the account was reached.",
        ),
        _row(
            "InternalServiceError",
            Cause.SERVER_ERROR,
            500,
            "The service encountered an unexpected internal error.",
            "An internal error at Ark.",
        ),
    ),
)
