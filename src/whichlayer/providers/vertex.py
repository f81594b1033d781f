"""Google Vertex AI (Gemini and partner models on Google Cloud)."""

from whichlayer.providers._base import Documented, FirstSteps, Provider, StatusPage, google_body
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429"
CODES = "https://cloud.google.com/apis/design/errors"


_URL = (
    "POST https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/"
    "us-central1/publishers/google/models/gemini-2.5-pro:generateContent\n"
)


def _body(code: int, status: str, message: str) -> str:
    return _URL + google_body(code, status, message)


PROVIDER = Provider(
    id="vertex",
    name="Google Vertex AI",
    kind="cloud",
    hosts=("aiplatform.googleapis.com", "-aiplatform.googleapis.com"),
    key_platform_served="google",
    native_base="https://aiplatform.googleapis.com",  # the global endpoint
    regional_base="https://{region}-aiplatform.googleapis.com",
    protocols=("gemini", "anthropic", "openai"),
    dialect=None,
    words=("vertex", "aiplatform"),
    aliases=("google", "gemini", "vertex_ai"),
    default_for=("gemini", "generate_content"),
    first_steps=(
        FirstSteps(
            ("rate_limit", "quota"),
            (
                "Open the Vertex AI quotas page (Google Cloud console, IAM & Admin > Quotas, "
                "filter aiplatform.googleapis.com) for this project and region; request an "
                "increase there.",
                "Back off with jitter, or use another region or provisioned throughput.",
            ),
        ),
    ),
    docs=CODES,
    status_page=StatusPage(
        "https://status.cloud.google.com",
        "google cloud",
        "https://status.cloud.google.com/incidents.json",
        api_words=("vertex", "gemini", "generative"),
    ),
    errors=(
        Documented(
            "RESOURCE_EXHAUSTED",
            Cause.UNKNOWN,
            DOCS,
            _body(429, "RESOURCE_EXHAUSTED", "Resource exhausted. Please try again later."),
            "Either the project's quota or shared capacity (dynamic shared quota) ran out.",
            status=429,
            field="status_text",
            decides=False,
            layer=Layer.RATE_LIMIT,
            why_not="Vertex uses one status for a project quota and for shared capacity; "
            "the quota and rate-limit rules read the message.",
        ),
        Documented(
            "UNAVAILABLE",
            Cause.UNAVAILABLE,
            CODES,
            _body(503, "UNAVAILABLE", "The service is currently unavailable."),
            "The service could not serve the request now; retry with backoff.",
            status=503,
            field="status_text",
            context=True,
        ),
        Documented(
            "DEADLINE_EXCEEDED",
            Cause.GATEWAY_TIMEOUT,
            CODES,
            _body(504, "DEADLINE_EXCEEDED", "Deadline exceeded."),
            "The request did not finish within the server's deadline.",
            status=504,
            field="status_text",
            context=True,
        ),
        Documented(
            "INTERNAL",
            Cause.SERVER_ERROR,
            CODES,
            _body(500, "INTERNAL", "Internal error encountered."),
            "An internal error on Google's side.",
            status=500,
            field="status_text",
            context=True,
        ),
        Documented(
            "PERMISSION_DENIED",
            Cause.UNKNOWN,
            CODES,
            _body(
                403,
                "PERMISSION_DENIED",
                "Permission 'aiplatform.endpoints.predict' denied on resource",
            ),
            "The caller lacks an IAM permission on the project or model.",
            status=403,
            field="status_text",
            decides=False,
            layer=Layer.IDENTITY,
            why_not="Google's canonical status covers keys, IAM, disabled APIs and regions; "
            "the identity rules read which.",
        ),
    ),
)
