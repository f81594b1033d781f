"""Cohere: errors are an HTTP status and a bare ``message``."""

from whichlayer.providers._base import Provider, StatusPage, by_status
from whichlayer.taxonomy import Cause

DOCS = "https://docs.cohere.com/reference/errors"

PROVIDER = Provider(
    id="cohere",
    name="Cohere",
    kind="provider",
    hosts=("api.cohere.com", "api.cohere.ai"),
    protocols=("cohere", "openai"),
    words=("cohere",),
    model_families=(r"command|cohere",),
    family_rank=9,
    docs=DOCS,
    status_page=StatusPage(
        "https://status.cohere.com",
        "statuspage.io v2",
        "https://status.cohere.com/api/v2/summary.json",
    ),
    errors=(
        by_status(
            401,
            Cause.KEY_INVALID,
            DOCS,
            'cohere.errors.UnauthorizedError: status_code: 401, body: {"message": "invalid '
            'api token"}',
            "The API key is not valid.",
        ),
        by_status(
            402,
            Cause.INSUFFICIENT_BALANCE,
            DOCS,
            'cohere.errors.PaymentRequiredError: status_code: 402, body: {"message": "Please '
            'add or update your payment method to continue"}',
            "Billing is needed: the account has no valid payment method.",
        ),
        by_status(
            429,
            Cause.RPM,
            DOCS,
            'cohere.errors.TooManyRequestsError: status_code: 429, body: {"message": "You are '
            "using a Trial key, which is limited to 10 API calls / minute. You can continue to "
            "use the Trial key for free or upgrade to a Production key with higher rate "
            'limits"}',
            "A per-minute call limit (a trial key's is low; a production key lifts it).",
            decides=False,
            why_not="The rate-limit rules read the per-minute wording.",
            context=False,
        ),
    ),
)
