"""Envoy (and gateways built on it: Istio, Envoy AI Gateway, many cloud load balancers)."""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause, Origin

DOCS = "https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage"


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
    ),
)
