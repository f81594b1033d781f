"""Volcengine Ark (Doubao): OpenAI-shaped bodies with Volcengine's error codes."""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://www.volcengine.com/docs/82379/1299023"
_URL = "POST https://ark.cn-beijing.volces.com/api/v3/chat/completions\n"


def _row(
    code: str,
    cause: Cause,
    status: int,
    message: str,
    meaning: str,
    decides: bool = True,
    why_not: str = "",
    layer: Layer | None = None,
    context: bool = False,
) -> Documented:
    if layer is None and cause is Cause.UNKNOWN:
        layer = Layer.IDENTITY
    body = (
        '{"error": {"code": "' + code + '", "message": "' + message + " Request id: "
        '0217xxxx", "param": "", "type": "' + _TYPE[status] + '"}}'
    )
    return Documented(
        code,
        cause,
        DOCS,
        (_URL if context else "") + f"Error code: {status} - {body}",
        meaning,
        status=status,
        decides=decides,
        why_not=why_not,
        layer=layer,
        context=context,
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
        _row(
            "InvalidParameter",
            Cause.UNKNOWN,
            400,
            "One or more parameters specified in the request are not valid.",
            "A parameter is invalid; the message names it.",
            layer=Layer.REQUEST,
            decides=False,
            why_not="The message names the parameter and what is wrong (a value, a length); "
            "the request rules read which.",
        ),
        _row(
            "InvalidParameter.UnsupportedModel",
            Cause.INVALID_PARAMETER,
            400,
            "The request failed because the selected model does not support the stream mode.",
            "The model does not support streaming; call it without stream.",
        ),
        _row(
            "InvalidParameter.OversizedImage",
            Cause.REQUEST_TOO_LARGE,
            400,
            "The request failed because the size of the input image exceeds the limit.",
            "An input image is over the size limit.",
        ),
        _row(
            "InvalidParameter.UnsupportedImageFormat",
            Cause.INVALID_PARAMETER,
            400,
            "The request failed because the image format is not supported by the API.",
            "An input image's format is not supported.",
        ),
        _row(
            "InvalidArgumentError",
            Cause.INVALID_PARAMETER,
            400,
            "The parameter value is invalid. Check the value and try again.",
            "A parameter value is invalid.",
        ),
        _row(
            "InvalidImageURL.EmptyURL",
            Cause.INVALID_PARAMETER,
            400,
            "The image URL is empty.",
            "An image URL in the request is empty.",
        ),
        _row(
            "InvalidImageURL.InvalidFormat",
            Cause.INVALID_PARAMETER,
            400,
            "Unable to parse or process the image. The base64 data may be malformed, corrupted or "
            "unsupported.",
            "An image could not be decoded (bad base64, corrupt or unsupported).",
        ),
        _row(
            "OutofContextError",
            Cause.CONTEXT_LENGTH,
            400,
            "The total tokens of text and images exceed the model context length.",
            "Text plus encoded images are over the model's context window.",
        ),
        _row(
            "SensitiveContentDetected",
            Cause.CONTENT_FILTER,
            400,
            "The request failed because the input text may contain sensitive information.",
            "The input text was judged sensitive.",
        ),
        _row(
            "SensitiveContentDetected.SevereViolation",
            Cause.CONTENT_FILTER,
            400,
            "The request failed because the input text may contain severe violation information.",
            "The input text was judged a severe violation.",
        ),
        _row(
            "SensitiveContentDetected.Violence",
            Cause.CONTENT_FILTER,
            400,
            "The request failed because the input text may contain violence-related information.",
            "The input text was judged violent.",
        ),
        _row(
            "InputTextSensitiveContentDetected",
            Cause.CONTENT_FILTER,
            400,
            "The request failed because the input text may contain sensitive information.",
            "The input text was judged sensitive.",
        ),
        _row(
            "InputImageSensitiveContentDetected",
            Cause.CONTENT_FILTER,
            400,
            "The request failed because the input image may contain sensitive information.",
            "An input image was judged sensitive.",
        ),
        _row(
            "InputVideoSensitiveContentDetected",
            Cause.CONTENT_FILTER,
            400,
            "The request failed because the input video may contain sensitive information.",
            "An input video was judged sensitive.",
        ),
        _row(
            "OutputTextSensitiveContentDetected",
            Cause.CONTENT_FILTER,
            400,
            "The request failed because the output text may contain sensitive information.",
            "The generated text was judged sensitive; change the input.",
        ),
        _row(
            "OutputImageSensitiveContentDetected",
            Cause.CONTENT_FILTER,
            400,
            "The request failed because the output image may contain sensitive information.",
            "The generated image was judged sensitive; change the input.",
        ),
        _row(
            "InputTextSensitiveContentDetected.PolicyViolation",
            Cause.CONTENT_FILTER,
            400,
            "The request failed because the input text may violate platform policy.",
            "The input text may break the platform's rules (copyright).",
        ),
        _row(
            "InputImageRiskDetection",
            Cause.CONTENT_FILTER,
            400,
            "The request could not be processed because the input image includes sensitive "
            "content.",
            "Volcengine's risk service judged an input image sensitive.",
        ),
        _row(
            "OutputTextRiskDetection",
            Cause.CONTENT_FILTER,
            400,
            "The request could not be processed because the output text includes sensitive "
            "content.",
            "Volcengine's risk service judged the output text sensitive.",
        ),
        _row(
            "OutputImageRiskDetection",
            Cause.CONTENT_FILTER,
            400,
            "The request could not be processed because the output image includes sensitive "
            "content.",
            "Volcengine's risk service judged an output image sensitive.",
        ),
        _row(
            "ContentSecurityDetectionError",
            Cause.SERVER_ERROR,
            500,
            "The request to the content security service failed.",
            "The call to Volcengine's risk-detection service failed; retry.",
        ),
        _row(
            "InvalidAccountStatus",
            Cause.POLICY_BLOCK,
            403,
            "The account is in an abnormal state.",
            "The account is abnormal (restricted by the platform).",
        ),
        _row(
            "OperationDenied.ServiceNotOpen",
            Cause.PERMISSION_MODEL,
            403,
            "The model service is not open. Please activate the model service in the Ark console.",
            "The model service is not activated for the account.",
        ),
        _row(
            "OperationDenied.ServiceOverdue",
            Cause.INSUFFICIENT_BALANCE,
            403,
            "Your bill is overdue. Please top up in the Volcengine billing center.",
            "The account's bill is overdue.",
        ),
        _row(
            "InvalidEndpointOrModel.ModelIDAccessDisabled",
            Cause.PERMISSION_MODEL,
            404,
            "The model ID doubao-x cannot be used. Your account may not call models by model ID; "
            "use an endpoint ID you have access to.",
            "The account may not call models by model id; use an inference endpoint id.",
        ),
        _row(
            "UnsupportedModel",
            Cause.PERMISSION_MODEL,
            404,
            "The current model is not supported by the Coding Plan.",
            "The Coding Plan does not include this model.",
            context=True,
        ),
        _row(
            "ModelAccountRpmRateLimitExceeded",
            Cause.RPM,
            429,
            "The request has exceeded the account model RPM (Requests Per Minute) limit.",
            "The account's RPM for the model was exceeded.",
        ),
        _row(
            "ModelAccountTpmRateLimitExceeded",
            Cause.TPM,
            429,
            "The request has exceeded the account model TPM (Tokens Per Minute) limit.",
            "The account's TPM for the model was exceeded.",
        ),
        _row(
            "APIAccountRpmRateLimitExceeded",
            Cause.RPM,
            429,
            "The account has exceeded the RPM (Requests Per Minute) limit of this API.",
            "The account's RPM for this API was exceeded.",
        ),
        _row(
            "ModelAccountIpmRateLimitExceeded",
            Cause.RPM,
            429,
            "The request has exceeded the account model IPM (Images Per Minute) limit.",
            "The account's images-per-minute limit for the model was exceeded.",
        ),
        _row(
            "AccountRateLimitExceeded",
            Cause.UNKNOWN,
            429,
            "The request exceeded the RPM / TPM limit.",
            "An RPM or TPM limit of the account was exceeded; the doc does not say which.",
            layer=Layer.RATE_LIMIT,
        ),
        _row(
            "RequestBurstTooFast",
            Cause.RPM,
            429,
            "The request volume surged and triggered system protection. Please ramp up traffic "
            "gradually.",
            "Traffic rose too fast (burst protection); ramp up gradually.",
        ),
        _row(
            "InflightBatchsizeExceeded",
            Cause.CONCURRENCY,
            429,
            "You have reached the maximum concurrency for your current top-up amount.",
            "Too many requests in flight for the account's tier; top up or cut concurrency.",
        ),
    ),
)
