"""Replicate: problem-details bodies (``title``, ``detail``, ``status``)."""

from whichlayer.providers._base import Documented, Provider, StatusPage, by_status
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://replicate.com/docs/topics/predictions/errors"
HTTP = "https://replicate.com/docs/reference/http"
#: The E#### codes a failed prediction carries ("codes start at 1000 and are always 4 digits").
CODES = "https://replicate.com/docs/reference/error-codes"


def _code(
    code: str, title: str, cause: Cause, meaning: str, layer: Layer | None = None
) -> Documented:
    """A documented E#### code, read in the text (a bare code: only where Replicate is
    recognised, by its host or its name)."""
    sample = (
        "replicate.exceptions.ModelError: Prediction failed.\n"
        "GET https://api.replicate.com/v1/predictions/ufawqhfynnddngldkgtslldrkq\n"
        f'{{"status": "failed", "error": "{code} - {title}"}}'
    )
    return Documented(
        code, cause, CODES, sample, meaning, field="phrase", context=True, layer=layer
    )


PROVIDER = Provider(
    id="replicate",
    name="Replicate",
    kind="provider",
    site="replicate.com",
    hosts=("api.replicate.com",),
    keys=("replicate",),
    key_platform="replicate",
    protocols=("replicate",),
    words=("replicate",),
    docs=DOCS,
    status_page=StatusPage("https://www.replicatestatus.com", "html"),
    errors=(
        by_status(
            402,
            Cause.INSUFFICIENT_BALANCE,
            HTTP,
            "ReplicateError Details:\ntitle: Insufficient credit\nstatus: 402\ndetail: You "
            "have insufficient credit to run this model. Go to "
            "https://replicate.com/account/billing#billing to purchase credit.",
            "The account has no credit left.",
        ),
        by_status(
            401,
            Cause.KEY_INVALID,
            HTTP,
            "ReplicateError Details:\ntitle: Unauthenticated\nstatus: 401\ndetail: You did "
            "not pass a valid authentication token",
            "The API token is missing or invalid.",
        ),
        by_status(
            429,
            Cause.RPM,
            HTTP,
            "ReplicateError Details:\ntitle: Request was throttled.\nstatus: 429\ndetail: "
            "Request was throttled. Your rate limit for creating predictions is reduced to 6 "
            "requests per minute with a burst of 1 requests until you add a payment method.",
            "Prediction creation is throttled (6 per minute without a payment method).",
            decides=False,
            why_not="The rate-limit rules read requests per minute from the message.",
            context=False,
        ),
        Documented(
            "free time limit reached",
            Cause.QUOTA_EXHAUSTED,
            HTTP,
            "replicate.exceptions.ReplicateError: ReplicateError Details:\ntitle: Free time "
            "limit reached\nstatus: 402\ndetail: You have reached the free time limit. To "
            "continue using Replicate, set up billing at "
            "https://replicate.com/account/billing#billing.",
            "402: the free allowance is used up; set up billing to continue.",
            status=402,
            field="phrase",
        ),
        Documented(
            "invalid version or not permitted",
            Cause.MODEL_NOT_FOUND,
            HTTP,
            "replicate.exceptions.ReplicateError: ReplicateError Details:\ntitle: Invalid "
            "version or not permitted\nstatus: 422\ndetail: The specified version does not "
            "exist (or perhaps you don't have permission to use it?)",
            "422: the model version does not exist, or the token may not use it.",
            status=422,
            field="phrase",
        ),
        _code(
            "E1000",
            "Unknown Error",
            Cause.UNKNOWN,
            "An error Replicate has not categorised (a temporary system issue, a network "
            "problem, an edge case); retry, then contact support.",
            layer=Layer.UPSTREAM,
        ),
        _code(
            "E1001",
            "Model Out of Memory (OOM Killed)",
            Cause.SERVER_ERROR,
            "The model ran out of memory and was killed: mostly an input too large for it (a "
            "big image, a very long text); send a smaller input or use a lighter variant.",
        ),
        _code(
            "E4875",
            "Internal Webhook URL Empty",
            Cause.INVALID_PARAMETER,
            "A webhook URL was expected but the request's is missing or empty.",
        ),
        _code(
            "E6716",
            "Timeout Starting Prediction",
            Cause.GATEWAY_TIMEOUT,
            "The prediction did not start in time (high load, a slow model start, resources "
            "not allocated in time); retry.",
        ),
    ),
)
