"""SiliconFlow: ``{"code": <int>, "message": ..., "data": null}`` bodies."""

from whichlayer.providers._base import Documented, Provider, by_status
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://docs.siliconflow.cn/en/faqs/error-code"
_URL = "POST https://api.siliconflow.cn/v1/chat/completions\n"

PROVIDER = Provider(
    id="siliconflow",
    name="SiliconFlow",
    kind="provider",
    hosts=("api.siliconflow.cn", "api.siliconflow.com"),
    protocols=("openai", "anthropic"),
    openai_base="https://api.siliconflow.cn/v1",
    words=("siliconflow", "硅基流动"),
    docs=DOCS,
    errors=(
        Documented(
            "20012",
            Cause.MODEL_NOT_FOUND,
            DOCS,
            "POST https://api.siliconflow.cn/v1/chat/completions\n"
            'Error code: 400 - {"code": 20012, "message": "Model does not exist. Please check '
            'it carefully.", "data": null}',
            "No such model.",
            status=400,
            context=True,
        ),
        Documented(
            "30001",
            Cause.INSUFFICIENT_BALANCE,
            DOCS,
            "POST https://api.siliconflow.cn/v1/chat/completions\n"
            'Error code: 403 - {"code": 30001, "message": "Sorry, your account balance is '
            'insufficient", "data": null}',
            "The account balance is insufficient.",
            status=403,
            context=True,
        ),
        Documented(
            "30011",
            Cause.INSUFFICIENT_BALANCE,
            DOCS,
            "POST https://api.siliconflow.cn/v1/chat/completions\n"
            'Error code: 403 - {"code": 30011, "message": "The model requires a paid '
            'balance. Your paid balance is insufficient. Please top up and try again.", '
            '"data": null}',
            "The model needs paid balance, and the paid part is empty (gift credit does not "
            "count).",
            status=403,
            context=True,
        ),
        Documented(
            "50505",
            Cause.OVERLOADED,
            DOCS,
            "POST https://api.siliconflow.cn/v1/chat/completions\n"
            'Error code: 503 - {"code": 50505, "message": "Model service overloaded. Please '
            'try again later.", "data": null}',
            "The model service is overloaded; retry later or stream.",
            status=503,
            context=True,
        ),
        Documented(
            "20015",
            Cause.UNKNOWN,
            DOCS,
            _URL + 'Error code: 400 - {"code": 20015, "message": "The parameter is invalid. '
            'Please check again.", "data": null}',
            "A parameter is invalid (also answered for an input over the model's limit).",
            status=400,
            context=True,
            layer=Layer.REQUEST,
            decides=False,
            why_not="The message names neither the parameter nor the fault; the request rules "
            "read what the text gives.",
        ),
        by_status(
            401,
            Cause.KEY_INVALID,
            DOCS,
            _URL + 'Error code: 401 - "Invalid token"',
            "The API key is not set correctly.",
        ),
        by_status(
            429,
            Cause.UNKNOWN,
            DOCS,
            _URL + 'Error code: 429 - {"message": "Request was rejected due to rate limiting. '
            'If you want more, please contact contact@siliconflow.cn.", "data": null}',
            "A rate limit (RPM, TPM, IPM) was hit; the message's details say which.",
            layer=Layer.RATE_LIMIT,
        ),
        by_status(
            504,
            Cause.GATEWAY_TIMEOUT,
            DOCS,
            _URL + "Error code: 504 - Gateway Timeout",
            "The model did not answer in time; retry, or stream.",
        ),
        by_status(
            500,
            Cause.SERVER_ERROR,
            DOCS,
            _URL + "Error code: 500 - Internal Server Error",
            "An unknown server error; retry.",
        ),
        by_status(
            403,
            Cause.UNKNOWN,
            DOCS,
            _URL + "Error: 403 status code (no body)",
            "Not permitted: the key's account may not use this model; most often the model "
            "needs real-name verification (the message, when there is one, says which).",
            layer=Layer.IDENTITY,
        ),
    ),
)
