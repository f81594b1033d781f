"""StepFun: OpenAI-compatible; its error guide documents what each HTTP status means."""

from whichlayer.providers._base import Provider, by_status
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://platform.stepfun.com/docs/zh/guide/exception"
_URL = "POST https://api.stepfun.com/v1/chat/completions\n"


PROVIDER = Provider(
    id="stepfun",
    name="StepFun",
    kind="provider",
    hosts=("api.stepfun.com", "api.stepfun.ai"),
    protocols=("openai",),
    openai_base="https://api.stepfun.com/v1",
    words=("stepfun", "阶跃星辰"),
    docs=DOCS,
    errors=(
        by_status(
            400,
            Cause.INVALID_PARAMETER,
            DOCS,
            _URL + "Error code: 400 - Bad Request",
            "The request holds something outside the parameters' documented ranges.",
        ),
        by_status(
            401,
            Cause.KEY_INVALID,
            DOCS,
            _URL + "Error code: 401 - {'error': {'message': 'Incorrect API key provided', "
            "'type': 'invalid_api_key'}}",
            "The API key is wrong (a China-site key sent to the international host, or the "
            "reverse, fails the same way).",
        ),
        by_status(
            402,
            Cause.INSUFFICIENT_BALANCE,
            DOCS,
            _URL + "Error code: 402 - Payment Required",
            "The account balance cannot pay for the call; top up.",
        ),
        by_status(
            404,
            Cause.ENDPOINT_MISMATCH,
            DOCS,
            _URL + "Error code: 404 - 404 page not found",
            "The request path is wrong; check it against the docs.",
        ),
        by_status(
            429,
            Cause.UNKNOWN,
            DOCS,
            _URL + "Error code: 429 - Too Many Requests",
            "The request frequency is over the account's limit; wait, or top up for a higher tier.",
            layer=Layer.RATE_LIMIT,
        ),
        by_status(
            451,
            Cause.CONTENT_FILTER,
            DOCS,
            _URL + "Error code: 451 - Unavailable For Legal Reasons",
            "The request or the model's answer failed the safety review.",
        ),
        by_status(
            500,
            Cause.SERVER_ERROR,
            DOCS,
            _URL + "Error code: 500 - Internal Server Error",
            "A problem at StepFun's servers; retry after a while.",
        ),
        by_status(
            503,
            Cause.UNAVAILABLE,
            DOCS,
            _URL + "Error code: 503 - Service Unavailable",
            "StepFun's service is unavailable; retry after a while.",
        ),
        by_status(
            504,
            Cause.GATEWAY_TIMEOUT,
            DOCS,
            _URL + "Error code: 504 - Gateway Timeout",
            "StepFun's gateway timed out; retry after a while.",
        ),
    ),
)
