"""xAI (Grok): OpenAI-compatible; gRPC-style code strings beside the message."""

from whichlayer.providers._base import Documented, Provider, StatusPage, by_status
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://docs.x.ai/docs/key-information/debugging"

PROVIDER = Provider(
    id="xai",
    name="xAI",
    kind="provider",
    site="x.ai",
    hosts=("api.x.ai",),
    keys=("xai",),
    key_platform="xai",
    protocols=("openai", "anthropic"),
    openai_base="https://api.x.ai/v1",
    words=("x.ai", "xai", "grok"),
    model_families=(r"grok",),
    family_rank=7,
    docs=DOCS,
    status_page=StatusPage("https://status.x.ai", "html"),
    errors=(
        Documented(
            "Client specified an invalid argument",
            Cause.KEY_INVALID,
            DOCS,
            '{"code": "Client specified an invalid argument", "error": "Incorrect API key '
            'provided: xa***bc. You can obtain an API key from https://console.x.ai."}',
            "xAI answers a bad key with 400 and this code.",
            status=400,
            decides=False,
            why_not="The same code covers every invalid argument; the identity rules read "
            "the key wording.",
        ),
        Documented(
            "The caller does not have permission to execute the specified operation",
            Cause.INSUFFICIENT_BALANCE,
            DOCS,
            '{"code": "The caller does not have permission to execute the specified '
            'operation", "error": "Your newly created team doesn\'t have any credits yet. You '
            'can purchase credits on https://console.x.ai/team/abc."}',
            "A team without credits or licences is refused with 403.",
            status=403,
            decides=False,
            why_not="The same code covers blocked keys and models; the "
            "quota rules read the credits wording.",
        ),
        by_status(
            404,
            Cause.MODEL_NOT_FOUND,
            DOCS,
            '{"code": "Some requested entity was not found", "error": "The model grok-9 does '
            'not exist or your team abc does not have access to it."}',
            "The model does not exist or the team may not use it.",
            decides=False,
            why_not="The request rules read the model wording.",
            context=False,
        ),
        Documented(
            "The request does not have valid authentication credentials",
            Cause.KEY_INVALID,
            DOCS,
            "POST https://api.x.ai/v1/chat/completions\nError code: 401 - {'code': 'The "
            "request does not have valid authentication credentials', 'error': 'Invalid "
            "authorization token: xai-***abc'}",
            "401 Unauthorized: no Authorization header, or a token that is not valid (gRPC "
            "UNAUTHENTICATED).",
            status=401,
            decides=False,
            why_not="The code covers a missing header and a wrong key alike; the identity "
            "rules tell them apart by the message.",
        ),
        Documented(
            "Some resource has been exhausted",
            Cause.UNKNOWN,
            DOCS,
            "POST https://api.x.ai/v1/chat/completions\nError code: 429 - {'code': 'Some "
            "resource has been exhausted', 'error': 'Too many requests: team abc exceeded the "
            "rate limit of 480 requests per minute for grok-4.'}",
            "429 (gRPC RESOURCE_EXHAUSTED): a rate limit, or the team's credits or monthly "
            "spending limit used up.",
            status=429,
            decides=False,
            why_not="One code for rate limits and spent credits; the rate-limit and quota "
            "rules read which from the message.",
            layer=Layer.RATE_LIMIT,
        ),
        Documented(
            "Deadline expired before operation could complete",
            Cause.GATEWAY_TIMEOUT,
            DOCS,
            "POST https://api.x.ai/v1/chat/completions\nError code: 504 - {'code': 'Deadline "
            "expired before operation could complete', 'error': 'Request timed out.'}",
            "gRPC DEADLINE_EXCEEDED: xAI gave up waiting for the model.",
            status=504,
            context=True,
        ),
        Documented(
            "The service is currently unavailable",
            Cause.UNAVAILABLE,
            DOCS,
            "POST https://api.x.ai/v1/chat/completions\nError code: 503 - {'code': 'The "
            "service is currently unavailable', 'error': 'Service temporarily unavailable.'}",
            "gRPC UNAVAILABLE: the service or model is down or overloaded.",
            status=503,
            decides=False,
            why_not="It covers outages and overload; the upstream rules read which.",
        ),
        Documented(
            "Internal error",
            Cause.SERVER_ERROR,
            DOCS,
            "POST https://api.x.ai/v1/chat/completions\nError code: 500 - {'code': 'Internal "
            "error', 'error': 'An internal error occurred.'}",
            "gRPC INTERNAL: a failure inside xAI.",
            status=500,
            context=True,
        ),
        by_status(
            405,
            Cause.ENDPOINT_MISMATCH,
            DOCS,
            "POST https://api.x.ai/v1/models\nError code: 405 - Method Not Allowed",
            "405 Method Not Allowed: the method is not supported on that path.",
        ),
        by_status(
            415,
            Cause.MALFORMED_BODY,
            DOCS,
            "POST https://api.x.ai/v1/chat/completions\nError code: 415 - {'code': 'Client "
            "specified an invalid argument', 'error': 'Expected request with `Content-Type: "
            "application/json`'}",
            "415 Unsupported Media Type: the body is not sent as application/json.",
        ),
    ),
)
