"""Kong Gateway (and Kong AI Gateway): plugins answer with fixed ``message`` strings."""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause, Origin

DOCS = "https://docs.konghq.com/gateway/latest/production/logging/"
RATE = "https://docs.konghq.com/hub/kong-inc/rate-limiting/"
KEY = "https://docs.konghq.com/hub/kong-inc/key-auth/"


PROVIDER = Provider(
    id="kong",
    name="Kong Gateway",
    kind="gateway",
    protocols=("http",),
    words=("kong",),
    hop_headers=(
        ("x-kong-proxy-latency", "", "a Kong gateway is in the path"),
        ("server", "kong", "a Kong gateway answered"),
    ),
    docs=DOCS,
    owner="Plugin refusals (keys, rate limits, routes) are Kong's; 502/504 words say Kong "
    "could not get an answer from the upstream behind it.",
    errors=(
        Documented(
            "api rate limit exceeded",
            Cause.GATEWAY_LIMIT,
            RATE,
            'HTTP/1.1 429 Too Many Requests\nServer: kong/3.6.1\n\n{"message":"API rate '
            'limit exceeded"}',
            "Kong's rate-limiting plugin refused the call (a limit of the gateway, not the "
            "provider).",
            status=429,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
        Documented(
            "no api key found in request",
            Cause.KEY_MISSING,
            KEY,
            'HTTP/1.1 401 Unauthorized\nServer: kong/3.6.1\n\n{"message":"No API key found in '
            'request"}',
            "The key-auth plugin found no key in the request.",
            status=401,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
        Documented(
            "no route matched with those values",
            Cause.ENDPOINT_MISMATCH,
            DOCS,
            'HTTP/1.1 404 Not Found\nServer: kong/3.6.1\n\n{"message":"no Route matched with '
            'those values"}',
            "No Kong route serves this path or host: the base URL is wrong.",
            status=404,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
        Documented(
            "an invalid response was received from the upstream server",
            Cause.BAD_GATEWAY,
            DOCS,
            'HTTP/1.1 502 Bad Gateway\nServer: kong/3.6.1\n\n{"message":"An invalid response '
            'was received from the upstream server"}',
            "The upstream behind Kong failed or closed the connection.",
            status=502,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
        Documented(
            "the upstream server is timing out",
            Cause.GATEWAY_TIMEOUT,
            DOCS,
            'HTTP/1.1 504 Gateway Timeout\nServer: kong/3.6.1\n\n{"message":"The upstream '
            'server is timing out"}',
            "The upstream behind Kong did not answer in time.",
            status=504,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
    ),
)
