"""NVIDIA NIM (build.nvidia.com API catalogue, integrate.api.nvidia.com) and self-hosted NIM."""

from whichlayer.providers._base import Provider, StatusPage, by_status
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://docs.api.nvidia.com/nim/reference/llm-apis"

PROVIDER = Provider(
    id="nvidia",
    name="NVIDIA NIM",
    kind="provider",
    site="nvidia.com",
    hosts=("integrate.api.nvidia.com", "ai.api.nvidia.com", "api.nvcf.nvidia.com"),
    key_platform="nvidia",
    key_prefixes=("nvapi-",),
    protocols=("openai",),
    openai_base="https://integrate.api.nvidia.com/v1",
    words=("nvidia", "nvcf", " nim "),
    docs=DOCS,
    status_page=StatusPage(
        "https://status.ngc.nvidia.com",
        "statuspage.io v2",
        "https://status.ngc.nvidia.com/api/v2/summary.json",
    ),
    errors=(
        by_status(
            402,
            Cause.INSUFFICIENT_BALANCE,
            DOCS,
            "POST https://integrate.api.nvidia.com/v1/chat/completions\nError code: 402 - "
            "{'type': 'urn:kaizen:problem-details:payment-required', 'title': 'Payment "
            "Required', 'status': 402, 'detail': 'Account credits exhausted'}",
            "The trial credits of the API catalogue are used up.",
        ),
        by_status(
            404,
            Cause.UNKNOWN,
            DOCS,
            "POST https://integrate.api.nvidia.com/v1/chat/completions\nError code: 404 - "
            "{'status': 404, 'title': 'Not Found', 'detail': \"Function "
            "'0e349b44-440a-44e1-93e9-abe8dcb27158': Not found for account 'abc'\"}",
            "The model's function is not available to this account.",
            decides=False,
            layer=Layer.REQUEST,
            why_not="A 404 can be a wrong path too; the request rules read the wording.",
            context=False,
        ),
        by_status(
            401,
            Cause.KEY_INVALID,
            DOCS,
            "POST https://integrate.api.nvidia.com/v1/chat/completions\nError code: 401 - "
            "{'status': 401, 'title': 'Unauthorized', 'detail': 'Authentication failed'}",
            "The nvapi- key is missing or not valid.",
        ),
    ),
)
