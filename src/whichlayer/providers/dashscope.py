"""Alibaba Cloud Model Studio (Bailian, DashScope, Qwen)."""

from whichlayer.providers._base import Documented, Provider, StatusPage
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://help.aliyun.com/en/model-studio/error-code"


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
            "The allocated tokens-per-minute quota was exceeded.",
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
    ),
)
