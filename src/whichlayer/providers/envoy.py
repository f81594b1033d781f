"""Envoy (and gateways built on it: Istio, Envoy AI Gateway, many cloud load balancers)."""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause, Origin

DOCS = "https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage"
JWT = "https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/jwt_authn_filter"


PROVIDER = Provider(
    id="envoy",
    name="Envoy",
    kind="gateway",
    protocols=("http",),
    words=("envoy",),
    hop_headers=(
        ("x-envoy-upstream-service-time", "", "an Envoy proxy is in the path"),
        ("server", "envoy", "an Envoy proxy answered"),
    ),
    docs=DOCS,
    owner="Envoy's own local replies describe the upstream behind it: Envoy answered, the "
    "service it routes to failed.",
    errors=(
        Documented(
            "upstream connect error or disconnect/reset before headers",
            Cause.UNAVAILABLE,
            DOCS,
            "Error code: 503 - upstream connect error or disconnect/reset before headers. "
            "reset reason: remote connection failure, transport failure reason: delayed "
            "connect error: Connection refused",
            "Envoy could not connect to (or lost) the upstream before it answered (response "
            "flags UF/UC).",
            status=503,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
        Documented(
            "no healthy upstream",
            Cause.UNAVAILABLE,
            DOCS,
            "Error code: 503 - no healthy upstream",
            "Every host of the upstream cluster is marked unhealthy (response flag UH).",
            status=503,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
        Documented(
            "upstream request timeout",
            Cause.GATEWAY_TIMEOUT,
            DOCS,
            "Error code: 504 - upstream request timeout",
            "The upstream did not answer within the route timeout (response flag UT).",
            status=504,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
        Documented(
            "local_rate_limited",
            Cause.GATEWAY_LIMIT,
            "https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/local_rate_limit_filter",
            "HTTP/1.1 429 Too Many Requests\nserver: envoy\nx-envoy-ratelimited: true\n\n"
            "local_rate_limited",
            "Envoy's local rate-limit filter refused the call (its token bucket is empty).",
            status=429,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
        Documented(
            "rbac: access denied",
            Cause.POLICY_BLOCK,
            "https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/rbac_filter",
            "HTTP/1.1 403 Forbidden\nserver: envoy\n\nRBAC: access denied",
            "Envoy's RBAC filter refused the caller by policy.",
            status=403,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
        Documented(
            "jwt is missing",
            Cause.KEY_MISSING,
            JWT,
            "HTTP/1.1 401 Unauthorized\nserver: envoy\nwww-authenticate: Bearer "
            'realm="https://api.example.com/v1/chat/completions"\n\nJwt is missing',
            "Envoy's JWT filter found no token in the request.",
            status=401,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
        Documented(
            "jwt is expired",
            Cause.KEY_EXPIRED,
            JWT,
            "HTTP/1.1 401 Unauthorized\nserver: envoy\n\nJwt is expired",
            "Envoy's JWT filter refused an expired token.",
            status=401,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
        Documented(
            "jwt verification fails",
            Cause.KEY_INVALID,
            JWT,
            "HTTP/1.1 401 Unauthorized\nserver: envoy\n\nJwt verification fails",
            "Envoy's JWT filter could not verify the token's signature.",
            status=401,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
    ),
)
