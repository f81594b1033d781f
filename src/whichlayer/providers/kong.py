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
        Documented(
            "invalid authentication credentials",
            Cause.KEY_INVALID,
            KEY,
            'HTTP/1.1 401 Unauthorized\nServer: kong/3.6.1\n\n{"message":"Invalid '
            'authentication credentials"}',
            "Kong's key-auth plugin does not know the key sent.",
            status=401,
            field="phrase",
            context=True,
            origin=Origin.GATEWAY,
        ),
        Documented(
            "you cannot consume this service",
            Cause.POLICY_BLOCK,
            "https://docs.konghq.com/hub/kong-inc/acl/",
            'HTTP/1.1 403 Forbidden\nServer: kong/3.6.1\n\n{"message":"You cannot consume '
            'this service"}',
            "Kong's ACL plugin refuses the consumer's group.",
            status=403,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
        Documented(
            "request size limit exceeded",
            Cause.REQUEST_TOO_LARGE,
            "https://docs.konghq.com/hub/kong-inc/request-size-limiting/",
            'HTTP/1.1 413 Request Entity Too Large\nServer: kong/3.6.1\n\n{"message":"Request '
            'size limit exceeded"}',
            "Kong's request-size-limiting plugin refused the body.",
            status=413,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
        Documented(
            "name resolution failed",
            Cause.UNAVAILABLE,
            DOCS,
            'HTTP/1.1 503 Service Unavailable\nServer: kong/3.6.1\n\n{"message":"name '
            'resolution failed"}',
            "Kong could not resolve the host of the upstream service it routes to.",
            status=503,
            field="phrase",
            context=True,
            origin=Origin.GATEWAY,
        ),
        Documented(
            "failure to get a peer from the ring-balancer",
            Cause.UNAVAILABLE,
            DOCS,
            'HTTP/1.1 503 Service Unavailable\nServer: kong/3.6.1\n\n{"message":"failure to '
            'get a peer from the ring-balancer"}',
            "Kong's upstream has no healthy target to send the call to.",
            status=503,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
        Documented(
            "ai token rate limit exceeded",
            Cause.TPM,
            "https://docs.konghq.com/hub/kong-inc/ai-rate-limiting-advanced/",
            'HTTP/1.1 429 Too Many Requests\nServer: kong/3.6.1\n\n{"message":"AI token rate '
            'limit exceeded for provider(s): openai"}',
            "Kong AI Gateway's token rate limit refused the call; the provider was not asked.",
            status=429,
            field="phrase",
            decides=False,
            why_not="The rate-limit rules read it as a tokens limit, and the origin rules "
            "name Kong as the party that throttled.",
        ),
    ),
)
