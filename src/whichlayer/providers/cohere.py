"""Cohere: errors are an HTTP status and a bare ``message``."""

from whichlayer.providers._base import Documented, Provider, StatusPage, by_status
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
        Documented(
            "no api key supplied",
            Cause.KEY_MISSING,
            DOCS,
            "cohere.errors.unauthorized_error.UnauthorizedError: status_code: 401, body: "
            "{'message': 'no api key supplied'}",
            "401: the request carried no API key.",
            status=401,
            field="phrase",
        ),
        Documented(
            "make sure the correct model id was used",
            Cause.MODEL_NOT_FOUND,
            DOCS,
            "cohere.errors.not_found_error.NotFoundError: status_code: 404, body: {'message': "
            "\"model 'command-x' not found, make sure the correct model ID was used and that "
            'you have access to the model."}',
            "404: the model id is wrong, or not one the key may use.",
            status=404,
            field="phrase",
        ),
        Documented(
            "total number of tokens in the prompt cannot exceed",
            Cause.CONTEXT_LENGTH,
            DOCS,
            "cohere.errors.bad_request_error.BadRequestError: status_code: 400, body: "
            "{'message': 'too many tokens: total number of tokens in the prompt cannot exceed "
            "4081 - received 4292. Try using a shorter prompt, or enabling prompt "
            "truncating.'}",
            "400 too many tokens: the prompt exceeds the model's limit.",
            status=400,
            field="phrase",
        ),
        by_status(
            500,
            Cause.SERVER_ERROR,
            DOCS,
            "cohere.errors.internal_server_error.InternalServerError: status_code: 500, body: "
            "{'message': 'internal server error, this has been reported to our developers'}",
            "500 Internal Server Error: a failure on Cohere's side.",
        ),
    ),
)
