"""The Gemini API (Google AI Studio keys, generativelanguage.googleapis.com)."""

from whichlayer.providers._base import Documented, Provider, StatusPage, google_body
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://ai.google.dev/gemini-api/docs/troubleshooting"


PROVIDER = Provider(
    id="gemini",
    name="Gemini API",
    kind="provider",
    site="google",
    hosts=("generativelanguage.googleapis.com",),
    keys=("google-api-key",),
    key_platform="google",
    protocols=("gemini", "openai"),
    openai_base="https://generativelanguage.googleapis.com/v1beta/openai/",
    native_base="https://generativelanguage.googleapis.com",
    dialect="google",
    words=("gemini", "generativelanguage"),
    model_families=(r"gemini|gemma|text-embedding-004|palm",),
    vendor="google",
    family_rank=2,
    client_endpoints=(r"generativelanguage\.googleapis\.com/v1(?:beta)?/models/[\w.\-]+:\w+",),
    docs=DOCS,
    status_page=StatusPage("https://aistudio.google.com/status", "html"),
    errors=(
        Documented(
            "ACCESS_TOKEN_TYPE_UNSUPPORTED",
            Cause.KEY_MALFORMED,
            "https://github.com/googleapis/googleapis/blob/master/google/api/error_reason.proto",
            google_body(
                401,
                "UNAUTHENTICATED",
                "Request had invalid authentication credentials. Expected OAuth 2 access "
                "token, login cookie or other valid authentication credential.",
                "ACCESS_TOKEN_TYPE_UNSUPPORTED",
            ),
            "The credential came in a form this endpoint does not take: an API key sent as "
            "'Authorization: Bearer' to the native API (send it as x-goog-api-key or ?key=).",
            status=401,
            field="reason",
        ),
        Documented(
            "API_KEY_INVALID",
            Cause.KEY_INVALID,
            DOCS,
            google_body(
                400,
                "INVALID_ARGUMENT",
                "API key not valid. Please pass a valid API key.",
                "API_KEY_INVALID",
            ),
            "The key is not a valid Google API key.",
            status=400,
            field="reason",
            decides=False,
            why_not="Google gives the same reason for an expired key; the "
            "identity rules read 'expired'.",
        ),
        Documented(
            "FAILED_PRECONDITION",
            Cause.PERMISSION_REGION,
            DOCS,
            google_body(
                400, "FAILED_PRECONDITION", "User location is not supported for the API use."
            ),
            "The free tier is not offered where the request comes from; enable billing or "
            "call from a supported region.",
            status=400,
            field="status_text",
            decides=False,
            why_not="Google uses FAILED_PRECONDITION for other unmet "
            "conditions too; the identity rules read the location wording.",
        ),
        Documented(
            "RESOURCE_EXHAUSTED",
            Cause.QUOTA_EXHAUSTED,
            DOCS,
            google_body(
                429,
                "RESOURCE_EXHAUSTED",
                "You exceeded your current quota, please check your plan and billing details.",
            ),
            "A per-minute or per-day quota of the key's project was exceeded.",
            status=429,
            field="status_text",
            decides=False,
            why_not="The quota id in the details says which (per minute, per day, free "
            "tier); the rate-limit and quota rules read it.",
        ),
        Documented(
            "INTERNAL",
            Cause.SERVER_ERROR,
            DOCS,
            google_body(
                500,
                "INTERNAL",
                "An internal error has occurred. Please retry or report "
                "in https://developers.generativeai.google/guide/troubleshooting",
            ),
            "An unexpected error on Google's side (a very long input can cause it).",
            status=500,
            field="status_text",
            context=True,
        ),
        Documented(
            "UNAVAILABLE",
            Cause.OVERLOADED,
            DOCS,
            google_body(503, "UNAVAILABLE", "The model is overloaded. Please try again later."),
            "The service is temporarily overloaded or down.",
            status=503,
            field="status_text",
            decides=False,
            why_not="Google says UNAVAILABLE both for "
            "an overloaded model and for a service that is down; the wording decides.",
        ),
        Documented(
            "DEADLINE_EXCEEDED",
            Cause.GATEWAY_TIMEOUT,
            DOCS,
            google_body(
                504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete."
            ),
            "The prompt or context took too long to process within the deadline.",
            status=504,
            field="status_text",
            context=True,
        ),
        Documented(
            "INVALID_ARGUMENT",
            Cause.UNKNOWN,
            DOCS,
            google_body(
                400,
                "INVALID_ARGUMENT",
                "Invalid JSON payload received. Unknown name 'temprature' at "
                "'generation_config': Cannot find field.",
            ),
            "400 INVALID_ARGUMENT: the request body is malformed (a typo, a missing field, "
            "or a parameter the API version does not take).",
            status=400,
            field="status_text",
            decides=False,
            why_not="Google also sends an invalid API key as INVALID_ARGUMENT; the request "
            "and identity rules read the message.",
            layer=Layer.REQUEST,
        ),
        Documented(
            "PERMISSION_DENIED",
            Cause.UNKNOWN,
            DOCS,
            google_body(
                403,
                "PERMISSION_DENIED",
                "You do not have permission to access tuned model tunedModels/my-model-123.",
            ),
            "403 PERMISSION_DENIED: the key lacks permission (a tuned model without proper "
            "authentication, or a key restricted elsewhere).",
            status=403,
            field="status_text",
            decides=False,
            why_not="Permission, key restrictions, suspended projects and disabled APIs share "
            "it; the ErrorInfo reason and the identity rules decide.",
            layer=Layer.IDENTITY,
        ),
        Documented(
            "NOT_FOUND",
            Cause.UNKNOWN,
            DOCS,
            google_body(
                404,
                "NOT_FOUND",
                "models/gemini-9-pro is not found for API version v1beta, or is not supported "
                "for generateContent. Call ListModels to see the list of available models and "
                "their supported methods.",
            ),
            "404 NOT_FOUND: a resource the request names (model, file, cached content) was "
            "not found.",
            status=404,
            field="status_text",
            decides=False,
            why_not="Models, files and paths share it; the request rules read which.",
            layer=Layer.REQUEST,
        ),
    ),
)
