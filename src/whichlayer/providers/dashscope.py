"""Alibaba Cloud Model Studio (Bailian, DashScope, Qwen)."""

from whichlayer.providers._base import Documented, Provider, StatusPage
from whichlayer.taxonomy import Cause, Layer, Retry

DOCS = "https://help.aliyun.com/en/model-studio/error-code"
#: The older DashScope status-code table (codes the newer page no longer lists).
DOCS_STATUS = (
    "https://help.aliyun.com/zh/dashscope/developer-reference/return-status-code-description"
)
_URL = "POST https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions\n"


def _body(code: str, message: str) -> str:
    return (
        '{"error": {"code": "'
        + code
        + '", "param": null, "message": "'
        + message
        + '", "type": "'
        + code
        + '"}, "request_id": "649b2bbc-c541-9e16-9845-db7fe4fe5b2d"}'
    )


def _row(
    code: str,
    cause: Cause,
    status: int,
    message: str,
    meaning: str,
    *,
    doc: str = DOCS,
    context: bool = False,
    layer: Layer | None = None,
    retry: Retry | None = None,
    decides: bool = True,
    why_not: str = "",
) -> Documented:
    """A row read by the body ``code`` (the native API's ``code``, the compatible mode's
    ``error.code``), with the sample as the OpenAI SDK prints it."""
    return Documented(
        code,
        cause,
        doc,
        (_URL if context else "") + f"Error code: {status} - " + _body(code, message),
        meaning,
        status=status,
        context=context,
        layer=layer,
        retry=retry,
        decides=decides,
        why_not=why_not,
    )


PROVIDER = Provider(
    id="dashscope",
    name="Alibaba Cloud Model Studio (DashScope / Qwen)",
    kind="cloud",
    hosts=("dashscope.aliyuncs.com", "dashscope-intl.aliyuncs.com", "dashscope-us.aliyuncs.com"),
    protocols=("openai", "dashscope", "anthropic"),
    openai_base="https://dashscope.aliyuncs.com/compatible-mode/v1",
    words=("dashscope", "aliyun", "bailian", "qwen"),
    model_families=(r"qwen|qwq",),
    vendor="qwen",
    family_rank=6,
    docs=DOCS,
    status_page=StatusPage("https://status.alibabacloud.com", "html"),
    errors=(
        Documented(
            "InvalidApiKey",
            Cause.KEY_INVALID,
            DOCS,
            "Error code: 401 - " + _body("invalid_api_key", "Incorrect API key provided. "),
            "The key is wrong, or belongs to another region's endpoint.",
            status=401,
            decides=False,
            why_not="The OpenAI-compatible mode answers with OpenAI's "
            "invalid_api_key, which the identity rules judge.",
        ),
        Documented(
            "Arrearage",
            Cause.INSUFFICIENT_BALANCE,
            DOCS,
            "Error code: 400 - "
            + _body(
                "Arrearage", "Access denied, please make sure your account is in good standing."
            ),
            "The Alibaba Cloud account has an overdue payment.",
            status=400,
        ),
        Documented(
            "AllocationQuota.FreeTierOnly",
            Cause.QUOTA_EXHAUSTED,
            DOCS,
            "Error code: 403 - "
            + _body(
                "AllocationQuota.FreeTierOnly",
                "The free tier of "
                "the model has been exhausted. If you wish to "
                "continue access the model on a paid basis, please "
                'disable the \\"use free tier only\\" mode in the '
                "management console.",
            ),
            "The model's free quota is used up and the account only allows the free tier.",
            status=403,
        ),
        Documented(
            "Throttling.AllocationQuota",
            Cause.TPM,
            DOCS,
            "Error code: 429 - "
            + _body(
                "Throttling.AllocationQuota",
                "Allocated quota exceeded, please increase your quota limit.",
            ),
            "The allocated tokens-per-minute quota was exceeded. The doc also lists 'Free "
            "allocated quota exceeded.' under this code, for a free quota used up on a model "
            "without pay-as-you-go; its OpenAI-compatible spelling insufficient_quota is "
            "OpenAI's word for an exhausted quota, so it has no row of its own.",
            status=429,
        ),
        Documented(
            "Throttling.RateQuota",
            Cause.RPM,
            DOCS,
            "Error code: 429 - "
            + _body(
                "Throttling.RateQuota", "Requests rate limit exceeded, please try again later."
            ),
            "The requests-per-second or per-minute limit was exceeded.",
            status=429,
        ),
        Documented(
            "DataInspectionFailed",
            Cause.CONTENT_FILTER,
            DOCS,
            "Error code: 400 - "
            + _body("DataInspectionFailed", "Input data may contain inappropriate content."),
            "Content moderation refused the input or output.",
            status=400,
        ),
        Documented(
            "data_inspection_failed",
            Cause.CONTENT_FILTER,
            DOCS,
            "Error code: 400 - "
            + _body("data_inspection_failed", "Output data may contain inappropriate content."),
            "The OpenAI-compatible spelling of DataInspectionFailed.",
            status=400,
        ),
        Documented(
            "ModelNotFound",
            Cause.MODEL_NOT_FOUND,
            DOCS,
            "Error code: 404 - " + _body("ModelNotFound", "Model not found (qwen-ultra)!"),
            "No such model in this region.",
            status=404,
        ),
        Documented(
            "InvalidParameter",
            Cause.UNKNOWN,
            DOCS,
            "Error code: 400 - "
            + _body("InvalidParameter", "Range of input length should be [1, 30720]"),
            "A parameter is invalid.",
            status=400,
            decides=False,
            layer=Layer.REQUEST,
            why_not="Also used for an input over the model's length; the request rules read which.",
        ),
        Documented(
            "InternalError",
            Cause.SERVER_ERROR,
            DOCS,
            "Error code: 500 - "
            + _body(
                "InternalError",
                "An internal error has occured, please try again later or contact service support.",
            ),
            "An internal error at the service.",
            status=500,
        ),
        # Identity: access to the API, the model, the workspace.
        _row(
            "AccessDenied",
            Cause.UNKNOWN,
            403,
            "Access denied.",
            "No access: the key may not call this API or model, the API takes only "
            "asynchronous (or only synchronous) calls, or a free-only model's quota is used up.",
            layer=Layer.IDENTITY,
            decides=False,
            why_not="The documented reasons span permission, call mode and free quota; the "
            "message says which, and the engine's rules read it.",
        ),
        _row(
            "AccessDenied.Unpurchased",
            Cause.PERMISSION_MODEL,
            403,
            "Access to model denied. Please make sure you are eligible for using the model.",
            "The account has not activated (purchased) the model or Model Studio itself.",
        ),
        _row(
            "Model.AccessDenied",
            Cause.PERMISSION_MODEL,
            403,
            "Model access denied.",
            "The key (a sub-workspace's) has no permission to call this model.",
        ),
        _row(
            "App.AccessDenied",
            Cause.PERMISSION_MODEL,
            403,
            "App access denied.",
            "The workspace may not call this application or model.",
        ),
        _row(
            "Workspace.AccessDenied",
            Cause.ORG_MISMATCH,
            403,
            "Workspace access denied.",
            "The key's account is not a member of the workspace it addresses.",
        ),
        _row(
            "WorkSpaceNotFound",
            Cause.ORG_MISMATCH,
            404,
            "WorkSpace can not be found.",
            "The workspace named in the request does not exist.",
        ),
        Documented(
            "not authorized to access this workspace",
            Cause.ORG_MISMATCH,
            DOCS,
            _URL
            + "Error code: 401 - "
            + _body(
                "NOT AUTHORIZED",
                "Access denied: Either you are not authorized to access this workspace, or "
                "the workspace does not exist.",
            ),
            "The workspace id is wrong, or the account is not a member of it (or the endpoint "
            "is another environment's).",
            status=401,
            field="phrase",
            context=True,
        ),
        # Quota and billing.
        _row(
            "AllocationQuota.FreeExceeded",
            Cause.QUOTA_EXHAUSTED,
            429,
            "Free allocated quota exceeded.",
            "The model's free quota is used up and paid access is not enabled.",
            doc=DOCS_STATUS,
        ),
        _row(
            "CommodityNotPurchased",
            Cause.BILLING_CAP,
            429,
            "Commodity has not purchased yet.",
            "The workspace has not subscribed to the service: billing is not set up for it.",
        ),
        _row(
            "PrepaidBillOverdue",
            Cause.INSUFFICIENT_BALANCE,
            429,
            "The prepaid bill is overdue.",
            "The workspace's prepaid subscription bill has expired.",
        ),
        _row(
            "PostpaidBillOverdue",
            Cause.INSUFFICIENT_BALANCE,
            429,
            "The postpaid bill is overdue.",
            "The pay-as-you-go bill for model inference is overdue.",
        ),
        # Rate limits.
        _row(
            "Throttling",
            Cause.UNKNOWN,
            429,
            "Requests throttling triggered.",
            "A rate limit was hit; the doc does not say which (requests or tokens).",
            layer=Layer.RATE_LIMIT,
        ),
        _row(
            "Throttling.BurstRate",
            Cause.RPM,
            429,
            "Request rate increased too quickly. To ensure system stability, please adjust "
            "your client logic to scale requests more smoothly over time.",
            "The request rate rose too sharply (stability protection), even below the RPM "
            "and TPM limits; ramp up smoothly.",
        ),
        _row(
            "limit_burst_rate",
            Cause.RPM,
            429,
            "Request rate increased too quickly.",
            "The OpenAI-compatible spelling of Throttling.BurstRate.",
        ),
        _row(
            "LimitRequests",
            Cause.RPM,
            429,
            "You have exceeded your request limit.",
            "The requests-per-second or per-minute limit was exceeded.",
        ),
        _row(
            "limit_requests",
            Cause.RPM,
            429,
            "You exceeded your current requests list.",
            "The OpenAI-compatible spelling of Throttling.RateQuota.",
        ),
        # The request.
        _row(
            "InvalidParameter.NotSupportEnableThinking",
            Cause.INVALID_PARAMETER,
            400,
            "The model qwen-plus does not support enable_thinking.",
            "enable_thinking was sent to a model without a thinking mode.",
        ),
        _row(
            "InternalError.Algo.InvalidParameter",
            Cause.INVALID_PARAMETER,
            400,
            "The provided messages input is invalid. The error info is [Unexpected item type "
            "in content]",
            "A message's content holds an item the model does not take (an image for a "
            "text-only model), or the history repeats one tool call in a loop.",
        ),
        _row(
            "InvalidParameter.DataInspection",
            Cause.INVALID_PARAMETER,
            400,
            "The media format is not supported or incorrect for the data inspection.",
            "A media input's format is not supported or cannot be read.",
        ),
        _row(
            "BadRequest.EmptyInput",
            Cause.INVALID_PARAMETER,
            400,
            "Required input parameter missing from request.",
            "The required input parameter is missing.",
        ),
        _row(
            "BadRequest.EmptyParameters",
            Cause.INVALID_PARAMETER,
            400,
            'Required parameter \\"parameters\\" missing from request.',
            "The required parameters object is missing.",
        ),
        _row(
            "BadRequest.EmptyModel",
            Cause.INVALID_PARAMETER,
            400,
            'Required parameter \\"model\\" missing from request.',
            "The model parameter is missing.",
        ),
        _row(
            "BadRequest.IllegalInput",
            Cause.MALFORMED_BODY,
            400,
            "The input parameter requires json format.",
            "The input is not valid JSON.",
        ),
        _row(
            "BadRequest.TooLarge",
            Cause.REQUEST_TOO_LARGE,
            413,
            "Payload Too Large.",
            "The body or an uploaded file is over the size limit.",
        ),
        _row(
            "BadRequest.InputDownloadFailed",
            Cause.INVALID_PARAMETER,
            400,
            "Failed to download the input file: https://example.com/a.png",
            "A file the request points to could not be downloaded (timeout, failure or size).",
        ),
        _row(
            "BadRequest.UnsupportedFileFormat",
            Cause.INVALID_PARAMETER,
            400,
            "Input file format is not supported.",
            "An input file's format is not supported.",
        ),
        _row(
            "InvalidURL.ConnectionRefused",
            Cause.INVALID_PARAMETER,
            400,
            "Connection to example.com refused, please provide available URL.",
            "A media URL in the request refused the service's download.",
        ),
        _row(
            "InvalidURL.Timeout",
            Cause.INVALID_PARAMETER,
            400,
            "Download https://example.com/a.png timeout, check network connection.",
            "Downloading a media URL in the request timed out.",
        ),
        _row(
            "UnsupportedOperation",
            Cause.INVALID_PARAMETER,
            400,
            "The operation is unsupported on the referee object.",
            "The object does not support the operation.",
        ),
        _row(
            "model_not_supported",
            Cause.ENDPOINT_MISMATCH,
            404,
            "Unsupported model qwen-vl-x for OpenAI compatibility mode.",
            "The model exists but not in the OpenAI-compatible mode: call it through the "
            "DashScope API.",
            context=True,
        ),
        _row(
            "CustomRoleBlocked",
            Cause.CONTENT_FILTER,
            400,
            "Input or output data may contain inappropriate content with custom rule.",
            "The input or output failed the workspace's custom moderation policy.",
        ),
        _row(
            "FaqRuleBlocked",
            Cause.CONTENT_FILTER,
            400,
            "Input or output data is blocked by faq rule.",
            "An FAQ intervention rule blocked the input or output.",
        ),
        _row(
            "IPInfringementSuspect",
            Cause.CONTENT_FILTER,
            400,
            "Input data is suspected of being involved in IP infringement.",
            "The input was refused as a suspected intellectual-property infringement.",
        ),
        # The service.
        _row(
            "internal_error",
            Cause.SERVER_ERROR,
            500,
            "An internal error has occured, please try again later or contact service support.",
            "The OpenAI-compatible spelling of InternalError.",
            context=True,
        ),
        _row(
            "InternalError.Algo",
            Cause.SERVER_ERROR,
            500,
            "An internal error has occured during execution, please try again later or "
            "contact service support.",
            "An error in the model's execution; retry.",
        ),
        _row(
            "SystemError",
            Cause.SERVER_ERROR,
            500,
            "An system error has occured, please try again later.",
            "A system error at the service; retry later.",
            context=True,
        ),
        _row(
            "ModelServiceFailed",
            Cause.SERVER_ERROR,
            500,
            "Failed to request model service.",
            "The call to the model service failed; retry later.",
        ),
        _row(
            "RequestTimeOut",
            Cause.GATEWAY_TIMEOUT,
            500,
            "Request timed out, please try again later.",
            "The service gave up on the request (300 s for language models); stream long "
            "generations.",
        ),
        _row(
            "ModelServingError",
            Cause.OVERLOADED,
            503,
            "Too many requests. Your requests are being throttled due to system capacity "
            "limits. Try again later.",
            "The service's shared capacity is saturated; retry later.",
        ),
        _row(
            "ModelUnavailable",
            Cause.UNAVAILABLE,
            503,
            "Model is unavailable, please try again later.",
            "The model is temporarily unavailable.",
        ),
    ),
)
