"""Amazon Bedrock: AWS error types (``__type`` in bodies, exception names in botocore)."""

from whichlayer.providers._base import Documented, FirstSteps, Provider, StatusPage
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html"
COMMON = "https://docs.aws.amazon.com/bedrock/latest/APIReference/CommonErrors.html"
STREAM = (
    "https://docs.aws.amazon.com/bedrock/latest/APIReference/"
    "API_runtime_InvokeModelWithResponseStream.html"
)


def _body(type_: str, message: str) -> str:
    return '{"__type": "' + type_ + '", "message": "' + message + '"}'


PROVIDER = Provider(
    id="bedrock",
    name="Amazon Bedrock",
    kind="cloud",
    site="aws.amazon.com",
    hosts=(".amazonaws.com", ".api.aws"),
    keys=("bedrock-long-term", "bedrock-short-term"),
    key_platform="bedrock",
    regional_base="https://bedrock-runtime.{region}.amazonaws.com",
    accepts=("aws",),  # SigV4 with AWS credentials (the redactor names those keys aws)
    protocols=("bedrock", "anthropic", "openai"),
    dialect="bedrock",
    words=("bedrock", "botocore"),
    aliases=("aws",),
    default_for=("converse",),
    first_steps=(
        FirstSteps(
            ("rate_limit", "quota"),
            (
                "Check your Bedrock quotas in the AWS Service Quotas console (Amazon Bedrock: "
                "requests and tokens per minute, per model and region); request an increase "
                "there.",
                "Back off with jitter, or use cross-region inference / another region to spread "
                "the load.",
            ),
        ),
        FirstSteps(
            ("permission_model",),
            (
                "Enable access to this model in the Bedrock console (Model access) for this "
                "region, and check the IAM policy allows bedrock:InvokeModel.",
            ),
        ),
    ),
    docs=DOCS,
    status_page=StatusPage(
        "https://health.aws.amazon.com/health/status",
        "aws health",
        "https://health.aws.amazon.com/public/currentevents",
        api_words=("bedrock",),
    ),
    errors=(
        Documented(
            "AccessDeniedException",
            Cause.PERMISSION_MODEL,
            DOCS,
            _body(
                "AccessDeniedException",
                "You don't have access to the model with the specified model ID.",
            ),
            "The caller may not invoke this model (access not granted in this region).",
            status=403,
            field="type",
            decides=False,
            why_not="The same type answers an IAM policy that denies the action; the "
            "identity rules read the wording.",
        ),
        Documented(
            "ValidationException",
            Cause.UNKNOWN,
            DOCS,
            _body(
                "ValidationException",
                "Malformed input request: #: extraneous key "
                "[foo] is not permitted, please reformat your input and try again.",
            ),
            "The input does not match the model's request schema.",
            status=400,
            field="type",
            decides=False,
            layer=Layer.REQUEST,
            why_not="Bedrock uses it for bad parameters, context overflow and unknown model "
            "ids alike; the request rules read which.",
        ),
        Documented(
            "ResourceNotFoundException",
            Cause.MODEL_NOT_FOUND,
            DOCS,
            _body(
                "ResourceNotFoundException",
                "Could not resolve the foundation model from the provided model identifier.",
            ),
            "The model id does not resolve in this region.",
            status=404,
            field="type",
        ),
        Documented(
            "ThrottlingException",
            Cause.RPM,
            DOCS,
            _body("ThrottlingException", "Too many requests, please wait before trying again."),
            "The account's request rate for this model was exceeded.",
            status=429,
            field="type",
            decides=False,
            why_not="Bedrock says the same for token limits; the rate-limit rules read the "
            "message.",
        ),
        Documented(
            "ServiceQuotaExceededException",
            Cause.QUOTA_EXHAUSTED,
            DOCS,
            _body(
                "ServiceQuotaExceededException",
                "Your request exceeds the service quota for your account.",
            ),
            "An account service quota is exceeded; raise it in Service Quotas.",
            status=400,
            field="type",
        ),
        Documented(
            "ModelTimeoutException",
            Cause.GATEWAY_TIMEOUT,
            DOCS,
            _body("ModelTimeoutException", "Model has timed out in processing the request."),
            "The model took too long to answer.",
            status=408,
            field="type",
        ),
        Documented(
            "ModelNotReadyException",
            Cause.UNAVAILABLE,
            DOCS,
            _body("ModelNotReadyException", "Model is not ready to serve inference requests."),
            "The model is not ready yet; the SDK retries it.",
            status=429,
            field="type",
        ),
        Documented(
            "ModelErrorException",
            Cause.SERVER_ERROR,
            DOCS,
            _body(
                "ModelErrorException",
                "The model encountered an error while processing the request.",
            ),
            "The model itself failed while processing.",
            status=424,
            field="type",
        ),
        Documented(
            "ServiceUnavailableException",
            Cause.UNAVAILABLE,
            DOCS,
            _body("ServiceUnavailableException", "Bedrock is unable to process your request."),
            "The service is temporarily unavailable.",
            status=503,
            field="type",
        ),
        Documented(
            "InternalServerException",
            Cause.SERVER_ERROR,
            DOCS,
            _body(
                "InternalServerException",
                "The request processing has failed because of an unknown error.",
            ),
            "An internal error in Bedrock.",
            status=500,
            field="type",
        ),
        Documented(
            "UnrecognizedClientException",
            Cause.KEY_INVALID,
            COMMON,
            _body(
                "UnrecognizedClientException",
                "The security token included in the request is invalid.",
            ),
            "The access key or token is not valid for AWS.",
            status=403,
            field="type",
        ),
        Documented(
            "ExpiredTokenException",
            Cause.KEY_EXPIRED,
            COMMON,
            _body("ExpiredTokenException", "The security token included in the request is expired"),
            "The temporary credentials have expired.",
            status=403,
            field="type",
        ),
        Documented(
            "IncompleteSignature",
            Cause.KEY_MALFORMED,
            COMMON,
            "botocore.exceptions.ClientError: An error occurred (IncompleteSignature) when "
            "calling the InvokeModel operation: Authorization header requires 'Signature' "
            "parameter.",
            "400: the request signature does not conform to AWS standards (a hand-built or "
            "truncated Authorization header).",
            status=400,
            field="phrase",
        ),
        Documented(
            "InvalidClientTokenId",
            Cause.KEY_INVALID,
            COMMON,
            "botocore.exceptions.ClientError: An error occurred (InvalidClientTokenId) when "
            "calling the Converse operation: The security token included in the request is "
            "invalid.",
            "403: the access key ID or certificate does not exist in AWS's records.",
            status=403,
            field="phrase",
        ),
        Documented(
            "RequestExpired",
            Cause.KEY_MALFORMED,
            COMMON,
            "botocore.exceptions.ClientError: An error occurred (RequestExpired) when calling "
            "the InvokeModel operation: Request has expired.",
            "400: the request reached AWS more than 15 minutes after its signature's time "
            "stamp: the machine's clock is off, or a signed request was replayed late.",
            status=400,
            field="phrase",
        ),
        Documented(
            "ModelStreamErrorException",
            Cause.SERVER_ERROR,
            STREAM,
            "botocore.errorfactory.ModelStreamErrorException: An error occurred "
            "(ModelStreamErrorException) when calling the InvokeModelWithResponseStream "
            "operation: The model stream failed.",
            "424: an error occurred while the model streamed its response; retry.",
            status=424,
            field="phrase",
        ),
        Documented(
            "InternalFailure",
            Cause.SERVER_ERROR,
            COMMON,
            "botocore.exceptions.ClientError: An error occurred (InternalFailure) when calling "
            "the InvokeModel operation (reached max retries: 4): None",
            "500: the request failed inside AWS for an unknown reason; retry.",
            status=500,
            field="phrase",
        ),
    ),
)
