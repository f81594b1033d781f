"""Origin: which party produced the error, judged apart from the cause.

Tried in order; the first that matches decides. A cause rule may also name
the origin itself (a relay-only message, say), which wins over these.
"""

from __future__ import annotations

import re

from whichlayer.prefilter import OCCURRENCES_MAX, first_at
from whichlayer.providers._index import SELF_NAME
from whichlayer.providers._index import load as _registry_index
from whichlayer.rules.base import (
    Facts,
    OriginRule,
    all_of,
    any_of,
    dialect,
    exception,
    field_is,
    html,
    none_of,
    says,
    status,
)
from whichlayer.rules.view import View
from whichlayer.taxonomy import Layer, Origin

_DNS_HOST = re.compile(r"(?:\benotfound|\beai_again|could not resolve host:?|lookup) ([\w.\-]+)")
#: What every match of _DNS_HOST starts with (it is tried only where one occurs).
_DNS_STARTS = ("enotfound", "eai_again", "could not resolve host", "lookup")


def _dns_failed_for_other_host(view: View) -> Facts | None:
    """The name that failed to resolve is not the API's host: it is the proxy's."""
    hay = view.hay
    if len(hay) <= OCCURRENCES_MAX:
        found = first_at(_DNS_HOST, hay, hay, _DNS_STARTS)
    else:
        found = _DNS_HOST.search(hay)
    host = (view.ev.host or "").lower()
    if found and host and found.group(1) != host and not host.startswith(found.group(1)):
        return {"unresolved host": found.group(1), "request host": host}
    return None


def _provider_body(view: View) -> Facts | None:
    for body in view.ev.bodies:
        if body.dialect in (
            "openai",
            "anthropic",
            "google",
            "azure",
            "bedrock",
            "mistral",
            "ollama",
        ):
            return {"body format": body.dialect}
    return None


def _any_status(view: View) -> Facts | None:
    return {"status": str(view.ev.status)} if view.ev.status is not None else None


_INTERCEPTION = says(
    (r"self[- ]signed certificate in certificate chain", "signed certificate in certificate chain"),
    "self_signed_cert_in_chain",
    "unable to get local issuer",
    "unknown authority",
    "unknownissuer",
    "unable to verify the first",
)

# Ports of local inference servers, which are the provider themselves: Ollama,
# LM Studio, vLLM, llama.cpp's server, text-generation-webui/KoboldCpp, GPT4All.
#: Texts by which a gateway names itself (its own host): the registry's ``self_names``, read
#: from its index (no provider module is imported; a stale index only drops a phrase).
_GATEWAY_SELF_NAMES: tuple[str, ...] = tuple(sorted(_registry_index().get(SELF_NAME, {})))
_INFERENCE_PORTS = frozenset({"11434", "1234", "8000", "8080", "5000", "5001", "4891"})
_LOOPBACK_API = re.compile(
    r"(?:url: ?\[?|from )https?://(?:127\.0\.0\.1|localhost):(\d{2,5})/\S*?"
    r"(?:/responses|/messages|/chat/completions)\b"
)


def _local_bridge(view: View) -> Facts | None:
    """An HTTP answer from an API path on a loopback port that no inference server uses.

    Coding agents print the URL they called: Codex as "url: http://127.0.0.1:15721/v1/
    responses", Continue as "... from http://...". On loopback, behind an OpenAI or
    Anthropic path, a server that answered with a status is a local bridge holding the
    real keys (CC Switch, CLIProxyAPI, 9router, ...).
    """
    if view.ev.status is None or ("127.0.0.1" not in view.hay and "localhost" not in view.hay):
        return None
    found = _LOOPBACK_API.search(view.hay)
    if found and found.group(1) not in _INFERENCE_PORTS:
        return {"local server": found.group(0)}
    return None


#: A LiteLLM proxy reporting its deployment's failure: "LiteLLM: model group 'x' failed with
#: the error above" (1.7x and later), "Received Model Group=x" (earlier releases).
LITELLM_MODEL_GROUP: tuple[tuple[str, str], ...] = (
    (r"litellm: model group '[^'\n]{0,200}' failed with the error above", "litellm: model group"),
    (r"received model group=\S", "received model group="),
)

RULES: tuple[OriginRule, ...] = (
    OriginRule(
        "origin.upstream.litellm_model_group",
        "A LiteLLM proxy passes on its deployment's own error ('model group ... failed with the "
        "error above'): the words inside are the provider's. (The proxy's own failures, a "
        "deployment key refused or no connection, are judged by their rules.)",
        Origin.UPSTREAM,
        all_of(
            says(*LITELLM_MODEL_GROUP),
            # LiteLLM's own routing and configuration errors raised inside a model group
            # (litellm/main.py, its provider handlers) are the proxy's, not the provider's.
            none_of(
                says(
                    "llm provider not provided",
                    "unknown provider=",
                    "try calling via",
                    "invalid model name passed in",
                )
            ),
        ),
        samples=(
            "Error code: 502 - litellm.BadGatewayError: BadGatewayError: OpenAIException - "
            "Error code: 502\n\nLiteLLM: model group 'gpt' failed with the error above. No "
            "fallback was attempted.",
        ),
        near_misses=(
            "litellm.BadGatewayError: BadGatewayError: OpenAIException - Error code: 502",
        ),
    ),
    OriginRule(
        "origin.proxy",
        "A forward proxy answered (407, ProxyError) or could not be reached.",
        Origin.PROXY,
        any_of(
            status(407),
            exception("ProxyError"),
            says(
                "proxyerror",
                "proxy authentication",
                "tunnel connection failed",
                "could not resolve proxy",
                "proxyconnect",
            ),
        ),
        samples=("fetch failed: could not resolve proxy",),
    ),
    OriginRule(
        "origin.proxy.dns",
        "The name that failed to resolve is not the API host, so it is the proxy's.",
        Origin.PROXY,
        _dns_failed_for_other_host,
        samples=(
            "FetchError: request to https://api.openai.com/v1/chat/completions failed,"
            " reason: getaddrinfo ENOTFOUND proxy-server",
        ),
    ),
    OriginRule(
        "origin.proxy.interception",
        "A certificate chain with a self-signed or unknown issuer in front of a public API is "
        "the mark of an intercepting proxy.",
        Origin.PROXY,
        _INTERCEPTION,
        samples=("SELF_SIGNED_CERT_IN_CHAIN",),
    ),
    OriginRule(
        "origin.gateway.html",
        "An HTML page came back: a CDN, WAF or reverse proxy answered instead of the API.",
        Origin.GATEWAY,
        html(),
        samples=(
            "<html><body><h1>504 Gateway Time-out</h1>\nThe server didn't respond in"
            " time.\n</body></html>",
        ),
    ),
    OriginRule(
        "origin.gateway.proxy_text",
        "Reverse-proxy wording (envoy, nginx) with no provider body.",
        Origin.GATEWAY,
        all_of(
            says(
                "upstream request timeout",
                "no healthy upstream",
                "upstream connect error",
                "upstream timed out",
                "upstream prematurely closed",
                (r"gateway time-?out", "gateway time"),
                "gateway timed out",
                "bad gateway",
            ),
            lambda v: None if _provider_body(v) else {},
        ),
        samples=("POST https://xyz.in/ollama/api/chat 504/524 Gateway timed out error",),
    ),
    OriginRule(
        "origin.gateway.named",
        "An API gateway or edge platform in front of the API names itself (Helicone, "
        "Cloudflare AI Gateway, Kong, Vercel): it answered, not the provider.",
        Origin.GATEWAY,
        says(
            (r"\bhelicone\b", "helicone"),
            *_GATEWAY_SELF_NAMES,
            (r"\bkong/\d", "kong/"),
            "x-kong-",
            (r"server: kong\b", "server: kong"),
            "an error occurred with your deployment",
            "x-vercel-error",
            "x-vercel-id",
            "did not return an initial response within",
            # AI Gateway's own 2005
            # Vercel's function timeouts; Azure API Management without its key; Cloudflare
            "function_invocation_timeout",
            "(cloudfront)",
        ),
        samples=("401 Invalid Helicone API key",),
    ),
    OriginRule(
        "origin.gateway.aws_api_gateway",
        "AWS API Gateway answered: it found no authentication token for the route.",
        Origin.GATEWAY,
        says(
            # AWS API Gateway and CloudFront in front of an API
            "missing authentication token",
            "missingauthenticationtokenexception",
        ),
        samples=('HTTP 403 {"message":"Missing Authentication Token"}',),
    ),
    OriginRule(
        "origin.gateway.cloudflare_codes",
        "Cloudflare's error codes name it as the party that answered.",
        Origin.GATEWAY,
        says(
            # Cloudflare's JSON error bodies; Vercel's function limit
            "cf_bad_gateway",
            "cf_details",
            "cf_service_unavailable",
            "cf_gateway_timeout",
        ),
        samples=(
            'HTTP 503 - {"error":{"code":503,"message":"Service'
            ' Unavailable.","param":null,"type":"cf_service_unavailable"}}]',
        ),
    ),
    OriginRule(
        "origin.gateway.azure_apim",
        "Azure API Management answered: no subscription key, or no response from the provider"
        " behind it.",
        Origin.GATEWAY,
        says(
            "due to missing subscription key",
            "failed to get response from provider",
        ),
        samples=(
            "Authentication Error: 401 - {'statusCode': 401, 'message': 'Access denied due to"
            " missing subscription key. Make sure to include subscription key when making"
            " requests to an API.'}",
        ),
    ),
    OriginRule(
        "origin.gateway.cloudflare_status",
        "Statuses 520-527 are Cloudflare's own: the CDN in front of the server answered.",
        Origin.GATEWAY,
        status(520, 521, 522, 523, 524, 525, 526, 527),
        samples=("A timeout occurred Error code 524",),
    ),
    OriginRule(
        "origin.upstream.passed_through",
        "A relay's request id around a provider's own error code (region, context length, "
        "key): the provider said it and the relay passed it on.",
        Origin.UPSTREAM,
        all_of(
            says(
                (r"\(request id: ?\d{4}[a-z0-9]*\)", "(request id:"),
            ),
            field_is(
                "code",
                "unsupported_country_region_territory",
                "context_length_exceeded",
                "invalid_api_key",
                "content_filter",
                "string_above_max_length",
                "unsupported_parameter",
                "invalid_value",
            ),
        ),
        samples=(
            '{\n  "error": {\n    "message": "Country, region, or territory not supported'
            ' (request id: 2024072510422562564674066306279)",\n    "type":'
            ' "request_forbidden",\n    "param": "",\n    "code":'
            ' "unsupported_country_region_territory"\n  }\n}',
        ),
    ),
    OriginRule(
        "origin.relay.body",
        "The body's type names the relay itself (one-api/new-api relay errors, LiteLLM proxy).",
        Origin.RELAY,
        any_of(
            all_of(dialect("new-api"), none_of(field_is("type", "upstream_error"))),
            dialect("litellm"),
            says(
                "invalid proxy server token",
                "litellm rate limit",
                "litellm_verificationtoken",
            ),
        ),
        samples=(
            '{"error":{"message":"Budget has been exceeded! Current cost: 0.0010747, Max'
            ' budget: 0.0","type":"auth_error","param":null,"code":400}}',
        ),
    ),
    OriginRule(
        "origin.relay.text",
        "Relay wording: a one-api/new-api request id, its Chinese messages, gin's 404, or a "
        "local bridge's log.",
        Origin.RELAY,
        says(
            (r"\(request id: ?\d{4}[a-z0-9]*\)", "(request id:"),
            "令牌",
            "渠道",
            "分组",
            "用户额度",
            "密钥",
            "404 page not found",
            "[gin]",
            "one-api",
            "new-api",
            (r"\"(?:post|get) /v1/\S+ http/1\.[01]\" \d{3}", " http/1."),
            # one-api/new-api user quota; the LiteLLM proxy's model routing
            "insufficient_user_quota",
            "user quota",
            "pre-consume",
        ),
        samples=("429: API 密钥配额已用尽或其他原因",),
    ),
    OriginRule(
        "origin.relay.litellm_wording",
        "LiteLLM proxy's own wording: a model name or key it does not route, or a budget it"
        " enforces.",
        Origin.RELAY,
        says(
            "invalid model name passed in",
            "available models for your key",
            "litellm proxy",
            # budgets a LiteLLM proxy sets on its keys and deployments
            "budget has been exceeded",
            "exceeded budget for",
        ),
        samples=("litellm.BadRequestError: OpenAIException - Budget has been exceeded!",),
    ),
    OriginRule(
        "origin.relay.account_pool",
        "A relay that shares a pool of subscription accounts or keys (sub2api, CLIProxy,"
        " claude-relay, OmniRoute) names itself or its pool.",
        Origin.RELAY,
        says(
            # CLIProxyAPI): a provider has no pool to run out of
            # a relay's pool of upstream accounts (sub2api, claude-relay-service,
            (r"no available (?:\w+ )?accounts?", "no available "),
            "failed to select account",
            "no auth available",
            "no active api keys available",
            # a hosted gateway naming the provider it forwarded to (opencode Zen/Go),
            # and relays that say their own name (in a URL or a log line)
            "error from provider (",
            (r"\bsub2api\b", "sub2api"),
            (r"\bcliproxy", "cliproxy"),
            "claude-relay",
            (r"\bomniroute\b", "omniroute"),
            "cc switch",
        ),
        samples=("No active API keys available for this group",),
    ),
    OriginRule(
        "origin.relay.tool_backend",
        "A coding tool's own model backend answered (Continue's model proxy, Warp, Zed, a"
        " Cloud Run bridge).",
        Origin.RELAY,
        says(
            # Continue's hosted model proxy and free-trial proxy hold the keys; so do Warp's
            # and Zed's hosted model services
            "continue.dev/model-proxy",
            ".run.app/stream_chat",
            "app.warp.dev/ai",
            "i'm sorry, i couldn't complete that request",
            "cloud language model completion failed",
        ),
        samples=(
            "HTTP 401 Unauthorized from"
            " https://proxy-server-blue-l6vsfbzhba-uw.a.run.app/stream_chat"
            ' {"error":"Unauthorized. Invalid GitHub token."}',
        ),
    ),
    OriginRule(
        "origin.relay.local_bridge",
        "An API path on a loopback port that no inference server uses answered with a "
        "status: a local bridge or relay holds the real keys.",
        Origin.RELAY,
        _local_bridge,
        samples=(
            "unexpected status 401 Unauthorized: Invalid API key, url: http://127.0.0.1:20128/v1/responses",
        ),
    ),
    OriginRule(
        "origin.gateway.openrouter",
        "OpenRouter's own error (credits, model id), not one it passed on from a provider.",
        Origin.GATEWAY,
        all_of(
            # "free-models-per-day" is OpenRouter's own allowance for ":free" models
            any_of(
                dialect("openrouter"),
                says(
                    "openrouter",
                    "free-models-per-day",
                ),
            ),
            lambda v: None if "provider returned error" in v.hay else {"gateway": "openrouter"},
        ),
        samples=("404 No endpoints found for openrouter/hunter-alpha:free.",),
    ),
    OriginRule(
        "origin.client.local",
        "The error was raised inside the client before any request was answered.",
        Origin.CLIENT,
        says(
            "llm provider not provided",
            "api_key client option must be set",
            "could not resolve authentication method",
        ),
        samples=(
            "litellm.BadRequestError: LLM Provider NOT provided. Pass in the LLM provider you"
            " are trying to call. You passed model=dashscope/qwen-turbo",
        ),
    ),
    OriginRule(
        "origin.upstream",
        "A provider's own error body, or an HTTP status with nothing in between.",
        Origin.UPSTREAM,
        any_of(_provider_body, _any_status, dialect("google", "openrouter")),
        samples=("404 (no body)",),
    ),
)

#: Who speaks when no origin rule matched: with no answer the client does; otherwise a
#: server's own wording was recognised, and the provider is the usual server.
LAYER_ORIGIN = {
    Layer.NETWORK: Origin.CLIENT,
    Layer.IDENTITY: Origin.UPSTREAM,
    Layer.QUOTA: Origin.UPSTREAM,
    Layer.RATE_LIMIT: Origin.UPSTREAM,
    Layer.REQUEST: Origin.UPSTREAM,
    Layer.UPSTREAM: Origin.UPSTREAM,
}
