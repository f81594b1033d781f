"""DeepL's translation API (Free and Pro): plain HTTP statuses with a short ``message``.

DeepL documents its failures by HTTP status, two of them its own: 456 (the character quota
or the Pro account's cost control limit is used up) and 529 (too many requests). Statuses
are what every server answers with, so each row decides only where DeepL is recognised (its
hosts, a link to its site, or its name as clients print it). 529 has no row: the engine
reads 529 as an overloaded provider (Anthropic's meaning) above any status row, and both
readings say to wait and retry with backoff.
"""

from whichlayer.providers._base import Documented, Provider, by_status
from whichlayer.taxonomy import Cause

DOCS = "https://developers.deepl.com/docs/best-practices/error-handling"
_URL = "POST https://api-free.deepl.com/v2/translate\n"


def _status(status: int, cause: Cause, message: str, meaning: str) -> Documented:
    sample = f'DeepL API error {status}: {{"message": "{message}"}}\n{_URL}'
    return by_status(status, cause, DOCS, sample, meaning)


PROVIDER = Provider(
    id="deepl",
    name="DeepL",
    kind="cloud",
    site="deepl.com",
    hosts=("api.deepl.com", "api-free.deepl.com"),
    protocols=("http",),
    # "deepl" alone is inside other names (DeepLearning, DeepLake): the name as clients
    # print it, before a separator or as a class's prefix
    words=(
        "deepl ",
        "deepl:",
        "deepl]",
        "deepl.",
        "deepl,",
        "deeplexception",
        "deeplerror",
        "deeplx",
        "deepl::",
    ),
    docs=DOCS,
    errors=(
        _status(
            456,
            Cause.QUOTA_EXHAUSTED,
            "Quota Exceeded",
            "The quota is used up: a Free account's monthly characters, or a Pro account's"
            " cost control limit (raise or remove it in the account).",
        ),
        _status(
            429,
            Cause.RPM,
            "Too many requests",
            "Too many requests in a short time; resend after a delay, backing off.",
        ),
        _status(
            403,
            Cause.KEY_INVALID,
            "Authorization failed",
            "The authentication key is missing or not valid.",
        ),
        _status(
            413,
            Cause.REQUEST_TOO_LARGE,
            "Request Entity Too Large",
            "The request (the text or the document) is larger than the limit.",
        ),
        _status(
            500,
            Cause.SERVER_ERROR,
            "Internal Server Error",
            "A temporary error in DeepL's services; retry with backoff.",
        ),
        _status(
            503,
            Cause.UNAVAILABLE,
            "Service Unavailable",
            "The resource is unavailable for now; try again later.",
        ),
        Documented(
            "wrong endpoint",
            Cause.KEY_WRONG_PLATFORM,
            "https://developers.deepl.com/docs/getting-started/auth",
            _URL + '403 {"message": "Wrong endpoint. Use https://api.deepl.com"}',
            "The key belongs to the other plan's host: Free keys (ending in :fx) are served"
            " by api-free.deepl.com, Pro keys by api.deepl.com.",
            field="phrase",
            context=True,
        ),
    ),
)
