"""Envoy (and gateways built on it: Istio, Envoy AI Gateway, many cloud load balancers)."""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause, Layer, Origin

DOCS = "https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage"
#: ``Utility::resetReasonToString``: the words after "reset reason:" in the router's local
#: reply (``upstream connect error or disconnect/reset before headers. [retried and the
#: latest ]reset reason: <reason>[, transport failure reason: ...]``).
RESET = "https://github.com/envoyproxy/envoy/blob/main/source/common/http/utility.cc"
JWT = "https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/jwt_authn_filter"


def _reset(
    reason: str,
    cause: Cause,
    meaning: str,
    *,
    retried: bool = False,
    transport: str = "",
    connect: bool = False,
) -> Documented:
    """A router local reply naming the reset reason ``reason`` (HTTP 503).

    ``connect``: Envoy could not connect to the upstream at all. Such a row decides only
    beside Envoy's own reply (``context``), and then ranks above the other reasons (a shared
    value ranks 90, a phrase 88): in a log of retries where some attempts could not connect
    and others were cut off, the upstream is down, whichever came last."""
    latest = "retried and the latest " if retried else ""
    tail = f", transport failure reason: {transport}" if transport else ""
    sample = (
        "Error code: 503 - upstream connect error or disconnect/reset before headers. "
        f"{latest}reset reason: {reason}{tail}"
    )
    return Documented(
        f"reset reason: {reason}",
        cause,
        RESET,
        sample,
        meaning,
        status=503,
        field="phrase",
        origin=Origin.GATEWAY,
        layer=Layer.UPSTREAM if cause is Cause.UNKNOWN else None,
        context=connect,
    )


PROVIDER = Provider(
    id="envoy",
    name="Envoy",
    kind="gateway",
    protocols=("http",),
    # the router's local reply names no product, but only Envoy words it so
    words=("envoy", "disconnect/reset before headers"),
    hop_headers=(
        ("x-envoy-upstream-service-time", "", "an Envoy proxy is in the path"),
        ("server", "envoy", "an Envoy proxy answered"),
    ),
    docs=DOCS,
    owner="Envoy's own local replies describe the upstream behind it: Envoy answered, the "
    "service it routes to failed.",
    errors=(
        # The reset reasons: each names its own cause (the generic row below decides none).
        _reset(
            "connection termination",
            Cause.BAD_GATEWAY,
            "The connection to the upstream was closed (by the upstream, or an idle timeout "
            "between them) before the upstream sent its response headers (response flag UC).",
        ),
        _reset(
            "remote reset",
            Cause.BAD_GATEWAY,
            "The upstream reset the stream before it sent its response headers (response flag UR).",
            retried=True,
        ),
        _reset(
            "protocol error",
            Cause.BAD_GATEWAY,
            "The upstream's reply broke the HTTP protocol, so Envoy reset the stream (response "
            "flag UPE).",
        ),
        _reset(
            "overflow",
            Cause.OVERLOADED,
            "The upstream cluster's circuit breaker or connection pool was full, so Envoy "
            "refused the request (response flag UO): capacity, not the caller's rate.",
        ),
        _reset(
            "overload manager reset",
            Cause.OVERLOADED,
            "Envoy's overload manager reset the stream: the proxy itself is short of memory "
            "or connections (response flag OM).",
        ),
        _reset(
            "connection timeout",
            Cause.UNAVAILABLE,
            "Envoy could not open a connection to the upstream within its connect timeout "
            "(response flag UF).",
            retried=True,
            connect=True,
        ),
        _reset(
            "remote connection failure",
            Cause.UNAVAILABLE,
            "The upstream refused or dropped Envoy's connection attempt (response flag UF).",
            transport="delayed connect error: 111",
            connect=True,
        ),
        _reset(
            "local connection failure",
            Cause.UNAVAILABLE,
            "Envoy failed to open a connection to the upstream on its own side (response flag UF).",
            connect=True,
        ),
        _reset(
            "connection failure",
            Cause.UNAVAILABLE,
            "Envoy could not connect to the upstream (response flag UF; older Envoy versions' "
            "wording).",
            connect=True,
        ),
        _reset(
            "local reset",
            Cause.UNKNOWN,
            "Envoy reset the stream itself (response flag LR): a local timeout or a limit of "
            "its own; the reason does not say which.",
        ),
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
            decides=False,
            why_not="It covers both a failed connect and a reply cut off: the reset reason after "
            "it decides where there is one (the rows above), else the engine's "
            "upstream.unavailable reads the same words.",
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
