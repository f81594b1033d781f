"""Google Vertex AI (Gemini and partner models on Google Cloud)."""

from whichlayer.providers._base import Documented, FirstSteps, Provider, StatusPage, google_body
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429"
CODES = "https://cloud.google.com/apis/design/errors"
#: The ErrorInfo reasons Google APIs put in ``details`` (Vertex AI and the Gemini API alike).
REASONS = "https://github.com/googleapis/googleapis/blob/master/google/api/error_reason.proto"


_URL = (
    "POST https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/"
    "us-central1/publishers/google/models/gemini-2.5-pro:generateContent\n"
)


def _body(code: int, status: str, message: str) -> str:
    return _URL + google_body(code, status, message)


def _body_reason(code: int, status: str, message: str, reason: str) -> str:
    return _URL + google_body(code, status, message, reason)


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
            Cause.OVERLOADED,
            DOCS,
            _body(429, "RESOURCE_EXHAUSTED", "Resource exhausted. Please try again later."),
            "On the pay-as-you-go framework this message means the shared pool of capacity had"
            " no room for the request (the page's table: 'Resource exhausted, please try again"
            " later.'); it does not count against the SLA error rate.",
            status=429,
            field="status_text",
            decides=False,
            layer=Layer.UPSTREAM,
            why_not="Vertex uses the one status for a project quota (which names its metric) and"
            " for shared capacity; the upstream, quota and rate-limit rules read the message.",
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
        Documented(
            "ACCESS_TOKEN_EXPIRED",
            Cause.KEY_EXPIRED,
            REASONS,
            _body_reason(
                401,
                "UNAUTHENTICATED",
                "Request had invalid authentication credentials. Expected OAuth 2 access "
                "token, login cookie or other valid authentication credential.",
                "ACCESS_TOKEN_EXPIRED",
            ),
            "The OAuth access token has expired; refresh it (gcloud auth application-default "
            "login, or the service account's token).",
            status=401,
            field="reason",
        ),
        Documented(
            "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
            Cause.PERMISSION_MODEL,
            REASONS,
            _body_reason(
                403,
                "PERMISSION_DENIED",
                "Request had insufficient authentication scopes.",
                "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
            ),
            "The access token lacks the OAuth scope the method needs.",
            status=403,
            field="reason",
        ),
        Documented(
            "CREDENTIALS_MISSING",
            Cause.KEY_MISSING,
            REASONS,
            _body_reason(
                401,
                "UNAUTHENTICATED",
                "Method doesn't allow unregistered callers (callers without established "
                "identity). Please use API Key or other form of API consumer identity to call "
                "this API.",
                "CREDENTIALS_MISSING",
            ),
            "No credential (key or token) came with the request.",
            status=401,
            field="reason",
            decides=False,
            why_not="Google also answers an API key sent to an API that takes only OAuth "
            "tokens with this reason; the identity rules read which from the message.",
        ),
        Documented(
            "CONSUMER_INVALID",
            Cause.ORG_MISMATCH,
            REASONS,
            _body_reason(
                403,
                "PERMISSION_DENIED",
                "Permission denied on resource project my-sandbox-4711.",
                "CONSUMER_INVALID",
            ),
            "The consumer, the Google Cloud project the request is billed to (the key's "
            "project, or the one the client names), is invalid: a bad project id, one that "
            "cannot be found, or one that was deleted. The project, not the key, is wrong.",
            status=403,
            field="reason",
        ),
        Documented(
            "SERVICE_DISABLED",
            Cause.PERMISSION_MODEL,
            REASONS,
            _body_reason(
                403,
                "PERMISSION_DENIED",
                "Vertex AI API has not been used in project 123 before or it is disabled. "
                "Enable it by visiting "
                "https://console.developers.google.com/apis/api/aiplatform.googleapis.com/"
                "overview?project=123 "
                "then retry.",
                "SERVICE_DISABLED",
            ),
            "The API is not enabled in the consumer project; enable it there.",
            status=403,
            field="reason",
        ),
        Documented(
            "BILLING_DISABLED",
            Cause.BILLING_CAP,
            REASONS,
            _body_reason(
                403,
                "PERMISSION_DENIED",
                "This API method requires billing to be enabled. Please enable billing on "
                "project #123 by visiting "
                "https://console.developers.google.com/billing/enable?project=123 then retry.",
                "BILLING_DISABLED",
            ),
            "Billing is not enabled on the consumer project.",
            status=403,
            field="reason",
        ),
        Documented(
            "CONSUMER_SUSPENDED",
            Cause.POLICY_BLOCK,
            REASONS,
            _body_reason(
                403,
                "PERMISSION_DENIED",
                "Permission denied: Consumer 'projects/123' has been suspended.",
                "CONSUMER_SUSPENDED",
            ),
            "The consumer (project or key) was suspended by Google.",
            status=403,
            field="reason",
        ),
        Documented(
            "GCP_SUSPENDED",
            Cause.POLICY_BLOCK,
            REASONS,
            _body_reason(
                403,
                "PERMISSION_DENIED",
                "Permission denied: the project 123 has been suspended.",
                "GCP_SUSPENDED",
            ),
            "The Google Cloud project was suspended.",
            status=403,
            field="reason",
        ),
        Documented(
            "USER_PROJECT_DENIED",
            Cause.PERMISSION_MODEL,
            REASONS,
            _body_reason(
                403,
                "PERMISSION_DENIED",
                "Caller does not have required permission to use project my-proj. Grant the "
                "caller the roles/serviceusage.serviceUsageConsumer role, or a custom role "
                "with the serviceusage.services.use permission.",
                "USER_PROJECT_DENIED",
            ),
            "The caller may not use the project named for billing and quota (X-Goog-User-Project).",
            status=403,
            field="reason",
        ),
        Documented(
            "RESOURCE_PROJECT_INVALID",
            Cause.ORG_MISMATCH,
            REASONS,
            _body_reason(
                400,
                "INVALID_ARGUMENT",
                "Project 'projects/my-proj' not found or permission denied.",
                "RESOURCE_PROJECT_INVALID",
            ),
            "The project named in the request does not exist or the caller cannot see it.",
            status=400,
            field="reason",
        ),
        Documented(
            "SECURITY_POLICY_VIOLATED",
            Cause.POLICY_BLOCK,
            REASONS,
            _body_reason(
                403,
                "PERMISSION_DENIED",
                "Request is prohibited by organization's policy. "
                "vpcServiceControlsUniqueIdentifier: abc123",
                "SECURITY_POLICY_VIOLATED",
            ),
            "A security policy (VPC Service Controls) refuses the request.",
            status=403,
            field="reason",
        ),
        Documented(
            "ORG_RESTRICTION_VIOLATION",
            Cause.POLICY_BLOCK,
            REASONS,
            _body_reason(
                403,
                "PERMISSION_DENIED",
                "Access denied by the organization restriction policy.",
                "ORG_RESTRICTION_VIOLATION",
            ),
            "An organization restriction refuses the request.",
            status=403,
            field="reason",
        ),
        Documented(
            "USER_BLOCKED_BY_ADMIN",
            Cause.POLICY_BLOCK,
            REASONS,
            _body_reason(
                403,
                "PERMISSION_DENIED",
                "The user has been blocked by their administrator.",
                "USER_BLOCKED_BY_ADMIN",
            ),
            "The user's administrator blocked this service for them.",
            status=403,
            field="reason",
        ),
        Documented(
            "LOCATION_POLICY_VIOLATED",
            Cause.PERMISSION_REGION,
            REASONS,
            _body_reason(
                403,
                "PERMISSION_DENIED",
                "The location of the request is not allowed by the location policy.",
                "LOCATION_POLICY_VIOLATED",
            ),
            "A location policy refuses the request's location.",
            status=403,
            field="reason",
        ),
        Documented(
            "API_KEY_SERVICE_BLOCKED",
            Cause.PERMISSION_MODEL,
            REASONS,
            _body_reason(
                403,
                "PERMISSION_DENIED",
                "Requests to this API aiplatform.googleapis.com method "
                "google.cloud.aiplatform.v1.PredictionService.GenerateContent are blocked.",
                "API_KEY_SERVICE_BLOCKED",
            ),
            "The API key's API restrictions do not include this API.",
            status=403,
            field="reason",
        ),
        Documented(
            "API_KEY_HTTP_REFERRER_BLOCKED",
            Cause.POLICY_BLOCK,
            REASONS,
            _body_reason(
                403,
                "PERMISSION_DENIED",
                "Requests from referer <empty> are blocked.",
                "API_KEY_HTTP_REFERRER_BLOCKED",
            ),
            "The API key's referrer restriction refuses the caller.",
            status=403,
            field="reason",
            decides=False,
            why_not="The identity rule on API-key restrictions reads every kind of them.",
        ),
        Documented(
            "API_KEY_IP_ADDRESS_BLOCKED",
            Cause.POLICY_BLOCK,
            REASONS,
            _body_reason(
                403,
                "PERMISSION_DENIED",
                "The provided API key has an IP address restriction. The originating IP "
                "address of the call (203.0.113.5) violates this restriction.",
                "API_KEY_IP_ADDRESS_BLOCKED",
            ),
            "The API key's IP-address restriction refuses the caller.",
            status=403,
            field="reason",
            decides=False,
            why_not="The identity rule on API-key restrictions reads every kind of them.",
        ),
        Documented(
            "API_KEY_ANDROID_APP_BLOCKED",
            Cause.POLICY_BLOCK,
            REASONS,
            _body_reason(
                403,
                "PERMISSION_DENIED",
                "Requests from this Android client application <empty> are blocked.",
                "API_KEY_ANDROID_APP_BLOCKED",
            ),
            "The API key's Android-app restriction refuses the caller.",
            status=403,
            field="reason",
            decides=False,
            why_not="The identity rule on API-key restrictions reads every kind of them.",
        ),
        Documented(
            "API_KEY_IOS_APP_BLOCKED",
            Cause.POLICY_BLOCK,
            REASONS,
            _body_reason(
                403,
                "PERMISSION_DENIED",
                "Requests from this iOS client application <empty> are blocked.",
                "API_KEY_IOS_APP_BLOCKED",
            ),
            "The API key's iOS-app restriction refuses the caller.",
            status=403,
            field="reason",
            decides=False,
            why_not="The identity rule on API-key restrictions reads every kind of them.",
        ),
        Documented(
            "RATE_LIMIT_EXCEEDED",
            Cause.UNKNOWN,
            REASONS,
            _body_reason(
                429,
                "RESOURCE_EXHAUSTED",
                "Quota exceeded for quota metric 'Generate content requests' and limit "
                "'Generate content requests per minute per project per base model' of service "
                "'aiplatform.googleapis.com' for consumer 'project_number:123'.",
                "RATE_LIMIT_EXCEEDED",
            ),
            "A rate limit (a quota per time window) was exceeded.",
            status=429,
            field="reason",
            decides=False,
            why_not=(
                "The reason does not say which limit; the rate-limit rules read the metric "
                "named in the message."
            ),
            layer=Layer.RATE_LIMIT,
        ),
        Documented(
            "RESOURCE_QUOTA_EXCEEDED",
            Cause.UNKNOWN,
            REASONS,
            _body_reason(
                429,
                "RESOURCE_EXHAUSTED",
                "Quota exceeded for "
                "aiplatform.googleapis.com/"
                "generate_content_requests_per_minute_per_project_per_base_model "
                "with base model: gemini-1.5-pro.",
                "RESOURCE_QUOTA_EXCEEDED",
            ),
            "A resource quota was exceeded.",
            status=429,
            field="reason",
            decides=False,
            why_not=(
                "Per-minute and per-day quotas share the reason; the rate-limit and quota "
                "rules read which."
            ),
            layer=Layer.RATE_LIMIT,
        ),
    ),
)
