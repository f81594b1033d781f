"""What to do first, per cause; and the one-line summary of a diagnosis.

Actions are ordered: the cheapest step that decides or fixes comes first.
They follow the method of shared/seed-article.txt.
"""

from __future__ import annotations

from whichlayer.taxonomy import Cause, Layer, Origin

#: A short phrase per cause, used in the summary.
CAUSE_PHRASE: dict[Cause, str] = {
    Cause.KEY_MISSING: "no API key was sent",
    Cause.KEY_MALFORMED: "the API key is malformed (whitespace, quotes, newline or truncation)",
    Cause.KEY_INVALID: "the API key is not recognised",
    Cause.KEY_EXPIRED: "the key or token is expired, revoked or disabled",
    Cause.KEY_WRONG_PLATFORM: "the key was issued by another platform than the one called",
    Cause.ORG_MISMATCH: "the key does not belong to the organization, project or workspace used",
    Cause.UPSTREAM_KEY_INVALID: "the relay's own key for its upstream channel was rejected",
    Cause.PERMISSION_MODEL: "the key may not use this model or endpoint",
    Cause.PERMISSION_REGION: "the provider does not serve your country or region",
    Cause.POLICY_BLOCK: "a policy (WAF, verification, suspension) refused the request",
    Cause.INSUFFICIENT_BALANCE: "the account has no balance or credits left",
    Cause.QUOTA_EXHAUSTED: "the plan, project or daily quota is used up",
    Cause.BILLING_CAP: "a spend limit or budget was reached, or billing is not active",
    Cause.PLAN_LIMIT: "the subscription's usage window is used up until it resets",
    Cause.RPM: "too many requests per minute",
    Cause.TPM: "too many tokens per minute",
    Cause.CONCURRENCY: "too many requests in flight at once",
    Cause.QUEUE: "queued or batch work is over its limit",
    Cause.GATEWAY_LIMIT: "a relay, gateway or proxy throttled the call",
    Cause.ENDPOINT_MISMATCH: "the URL path is wrong for this server or protocol",
    Cause.MODEL_NOT_FOUND: "the model id is unknown where the request went",
    Cause.INVALID_PARAMETER: "a parameter's name, type or value was refused",
    Cause.CONTEXT_LENGTH: "the prompt plus output exceed the model's context window",
    Cause.REQUEST_TOO_LARGE: "the request body or a file is over a size limit",
    Cause.TOOL_SCHEMA: "a tool definition is invalid or unsupported",
    Cause.MALFORMED_BODY: "the request body is malformed",
    Cause.CONTENT_FILTER: "a safety filter refused the input",
    Cause.DNS: "the host name did not resolve",
    Cause.CONNECT_REFUSED: "nothing accepted the connection",
    Cause.CONNECT_TIMEOUT: "the connection attempt timed out",
    Cause.TLS_VERIFY: "the server's certificate was not trusted",
    Cause.TLS_HANDSHAKE: "TLS could not be negotiated",
    Cause.PROXY: "the forward proxy refused or failed",
    Cause.READ_TIMEOUT: "the server did not answer in time",
    Cause.CONNECTION_RESET: "the connection was reset mid-exchange",
    Cause.SERVER_ERROR: "the server failed while processing the request",
    Cause.BAD_GATEWAY: "a hop got an invalid answer from the next",
    Cause.UNAVAILABLE: "the service or channel is unavailable",
    Cause.OVERLOADED: "the provider is over capacity",
    Cause.GATEWAY_TIMEOUT: "a hop gave up waiting for the next",
    Cause.RELAY_UPSTREAM_ERROR: "the relay's upstream failed",
}

LAYER_PHRASE: dict[Layer, str] = {
    Layer.IDENTITY: "an identity problem (key, project, permission)",
    Layer.QUOTA: "a quota problem (balance, plan, billing)",
    Layer.RATE_LIMIT: "a rate limit",
    Layer.REQUEST: "a problem with the request itself",
    Layer.NETWORK: "a network problem",
    Layer.UPSTREAM: "a server-side failure",
}

ORIGIN_PHRASE: dict[Origin, str] = {
    Origin.CLIENT: "The client reports",
    Origin.PROXY: "The proxy in the path reports",
    Origin.GATEWAY: "A gateway in the path (CDN, WAF, reverse proxy) reports",
    Origin.RELAY: "The relay reports",
    Origin.UPSTREAM: "The provider reports",
    Origin.UNKNOWN: "The error reports",
}

ACTIONS: dict[Cause, tuple[str, ...]] = {
    Cause.KEY_MISSING: (
        "Find which variable or config file the tool really reads its key from "
        "(`whichlayer check` shows it) and set it there.",
        "Send one minimal request with that same key to confirm it works.",
    ),
    Cause.KEY_MALFORMED: (
        "Re-copy the key: remove surrounding quotes, spaces and any trailing newline.",
        "Check that the header is `Authorization: Bearer <key>` (or `x-api-key` for Anthropic).",
    ),
    Cause.KEY_INVALID: (
        "Confirm which key the tool actually sends (`whichlayer check`): env, .env or settings "
        "file.",
        "Check that the base URL belongs to the platform that issued the key (a relay key only "
        "works at that relay).",
        "Create a new key in the provider's dashboard if this one was deleted.",
    ),
    Cause.KEY_EXPIRED: (
        "Log in again or create a new key; expired or revoked keys do not come back.",
        "Update every place the old key is stored (env, .env, tool settings).",
    ),
    Cause.KEY_WRONG_PLATFORM: (
        "Use the key issued by the platform you are calling, or point the base URL at the "
        "platform that issued this key.",
    ),
    Cause.ORG_MISMATCH: (
        "Check the organization/project header or setting against the key's project in the "
        "dashboard.",
        "Remove a stale OPENAI_ORG_ID / OPENAI_PROJECT_ID, or use a key from the right project.",
    ),
    Cause.UPSTREAM_KEY_INVALID: (
        "Your own relay key is fine: the relay's channel key towards its upstream was refused.",
        "Tell the relay operator (with the request id), or switch to another channel/group.",
    ),
    Cause.PERMISSION_MODEL: (
        "Confirm this key/project is allowed this model and endpoint (model access, key scopes, "
        "Bedrock model access, IAM permissions).",
        "Try a model the key certainly has, to separate permission from a wrong model id.",
    ),
    Cause.PERMISSION_REGION: (
        "Call from a supported country or region, or through a provider region that serves it.",
        "Do not rotate keys: every key from this location gets the same answer.",
    ),
    Cause.POLICY_BLOCK: (
        "Read the page or message: it names the policy (WAF rule, verification, suspension).",
        "For a WAF block, try from another network or ask the gateway owner; for verification, "
        "complete it in the dashboard.",
    ),
    Cause.INSUFFICIENT_BALANCE: (
        "Add balance or credits on the platform that answered (the relay, if a relay answered).",
        "Cap max_tokens: some platforms reserve the full output cost before answering.",
    ),
    Cause.QUOTA_EXHAUSTED: (
        "Check the plan and billing page of the project the key belongs to.",
        "Switch to a project with quota, or wait for the daily quota to reset.",
    ),
    Cause.BILLING_CAP: (
        "Raise the spend limit or budget (organization, project or key limit), or set up billing.",
    ),
    Cause.PLAN_LIMIT: (
        "Wait for the usage window to reset (the message says when), or switch to API-key billing.",
        "Do not retry in a loop: every retry counts against the same window.",
    ),
    Cause.RPM: (
        "Slow down: honour Retry-After and add exponential backoff with jitter.",
        "Reduce parallel calls or request a higher limit.",
    ),
    Cause.TPM: (
        "Reduce tokens per minute: shorter context, lower max_tokens, fewer parallel agents.",
        "Back off for the time the server gives before retrying.",
    ),
    Cause.CONCURRENCY: (
        "Queue calls so fewer run at once (one agent at a time, a semaphore in code).",
    ),
    Cause.QUEUE: ("Wait for queued or batch jobs to finish, or split the batch.",),
    Cause.GATEWAY_LIMIT: (
        "Check the relay or gateway dashboard and its limits, not only the provider's.",
        "Back off; if the limit is per key or per team at the relay, ask its operator.",
    ),
    Cause.ENDPOINT_MISMATCH: (
        "Check the base URL: most OpenAI-compatible servers want it to end in `/v1`, without "
        "`/chat/completions`.",
        "Check that the server speaks this protocol (chat completions, responses, messages).",
    ),
    Cause.MODEL_NOT_FOUND: (
        "List the models this key can use (GET /v1/models) and copy the exact id.",
        "At a relay, check the group/channel serves this model; retired models need a new id.",
    ),
    Cause.INVALID_PARAMETER: (
        "Remove or rename the parameter the message names (e.g. max_tokens -> "
        "max_completion_tokens for reasoning models).",
        "Retry the minimal request, then add parameters back one at a time.",
    ),
    Cause.CONTEXT_LENGTH: (
        "Shorten the prompt (fewer files, trimmed history) or lower max_tokens.",
        "Use a model with a larger context window.",
    ),
    Cause.REQUEST_TOO_LARGE: (
        "Shrink the body: smaller or fewer files and images, shorter history.",
    ),
    Cause.TOOL_SCHEMA: (
        "Validate the tool definitions against the provider's schema rules; remove tools to "
        "find the one that fails.",
    ),
    Cause.MALFORMED_BODY: (
        "Check the body is valid JSON with Content-Type: application/json and the message shape "
        "the protocol expects.",
    ),
    Cause.CONTENT_FILTER: (
        "Rephrase or remove the flagged content; retrying the same input will fail again.",
    ),
    Cause.DNS: (
        "Check the host name for typos, and whether it is a proxy's or the API's name.",
        "Try resolving it (`nslookup HOST`) from the same machine and network.",
    ),
    Cause.CONNECT_REFUSED: (
        "Check the server is running and listening on that host and port (local servers: "
        "Ollama, LM Studio, a local relay).",
        "Check the port and scheme in the base URL.",
    ),
    Cause.CONNECT_TIMEOUT: (
        "Check firewall, VPN and proxy settings; the host may be unreachable from this network.",
    ),
    Cause.TLS_VERIFY: (
        "If a corporate proxy inspects TLS, give the client its CA (SSL_CERT_FILE for httpx2/"
        "Python, NODE_EXTRA_CA_CERTS for Node).",
        "Never turn verification off for good; check the certificate's issuer instead.",
    ),
    Cause.TLS_HANDSHAKE: (
        "Check the scheme and port (https on a plain-http port fails), and any proxy in the path.",
    ),
    Cause.PROXY: ("Check HTTPS_PROXY/HTTP_PROXY/NO_PROXY and the proxy's credentials.",),
    Cause.READ_TIMEOUT: (
        "Raise the client timeout for long generations, or stream the response.",
        "Retry carefully: the first request may already have been processed and billed.",
    ),
    Cause.CONNECTION_RESET: (
        "Retry once; if it repeats, check proxies, VPNs and idle-connection timeouts in the path.",
    ),
    Cause.SERVER_ERROR: (
        "Retry a few times with backoff and keep the request id.",
        "Reproduce with a minimal request; if only the big one fails, shrink it "
        "(`whichlayer shrink`).",
    ),
    Cause.BAD_GATEWAY: (
        "Retry a few times; check the relay or gateway logs and the provider's status page.",
    ),
    Cause.UNAVAILABLE: (
        "Retry later with backoff; check the provider's status page or the relay's channel.",
    ),
    Cause.OVERLOADED: ("Retry with backoff, or switch to a less busy model or region.",),
    Cause.GATEWAY_TIMEOUT: (
        "Retry; for long generations stream the response so the gateway sees bytes early.",
        "Check the gateway's timeout (nginx proxy_read_timeout, Cloudflare's 100 s).",
    ),
    Cause.RELAY_UPSTREAM_ERROR: (
        "Retry; if it repeats, tell the relay operator with the request id.",
        "Try another model or group at the relay to see if one channel is down.",
    ),
}

#: What would decide the cause when only the layer is known.
#: The summary's phrase for rules whose cause's phrase would mislead.
RULE_PHRASE: dict[str, str] = {
    "identity.key_malformed.clock_skew": "the request's signature or token is dated too far"
    " from the server's clock (the machine's clock is off)",
    "identity.key_malformed.credential_file": "the credential file is incomplete or cannot be read",
}

#: First steps of rules whose cause's generic steps would mislead: they replace them.
RULE_STEPS: dict[str, tuple[str, ...]] = {
    "identity.key_malformed.clock_skew": (
        "Set the machine's clock right (automatic time / NTP; in a container or VM, the host's"
        " clock): the request is signed with the time it was made, and the server refuses a"
        " time minutes away from its own.",
        "Retry once the clock is right: the key itself is fine.",
    ),
    "identity.key_malformed.credential_file": (
        "Re-download or re-create the credential (a service-account JSON key with client_email,"
        " private_key and token_uri; both halves of an AWS key pair) and point the client at"
        " that file or variable.",
        "Check that it is the kind the client expects (a service-account key, not an OAuth"
        " client secret or a user credential).",
    ),
}

DECIDE: dict[Layer, str] = {
    Layer.IDENTITY: "Read the response body: it says whether the key, the project or a "
    "permission is refused.",
    Layer.QUOTA: "Check the billing page: balance, plan quota or spend limit.",
    Layer.RATE_LIMIT: "Read the x-ratelimit-* / anthropic-ratelimit-* response headers: the "
    "budget at 0 (requests or tokens) is the one you hit; a body that says 'quota' or "
    "'balance' means quota, not speed.",
    Layer.REQUEST: "Send the minimal request ('say hello') to the same URL: if it works, the "
    "parameters are at fault; if it 404s, the path or the model id is.",
    Layer.NETWORK: "Run `whichlayer check --base-url URL`: it tests DNS, TCP, TLS and the proxy "
    "one stage at a time.",
    Layer.UPSTREAM: "Keep the request id, retry a few times, and check the provider's status page.",
}

MASKED_BY_RELAY = (
    "The relay rewrites upstream 429s into one message: ask its operator, or check the relay's "
    "log for the upstream's real answer (quota, RPM or TPM)."
)

#: Rules whose evidence is a line that hides the server's answer (a client's own summary,
#: or a transport error printed without its reason), with the causes that line can stand
#: for, and those causes in words. The diagnosis names the candidates, and the move that
#: shows which one it is.
_CONNECT = (
    Cause.CONNECT_REFUSED,
    Cause.CONNECTION_RESET,
    Cause.DNS,
    Cause.CONNECT_TIMEOUT,
    Cause.TLS_VERIFY,
    Cause.PROXY,
)
_CONNECT_WORDS = "a refused or reset connection, a DNS failure, a timeout, a TLS error or a proxy"
HIDDEN_BY_CLIENT: dict[str, tuple[tuple[Cause, ...], str]] = {
    # Codex prints this line for any HTTP 500 and drops the body
    "upstream.client_high_demand": (
        (Cause.OVERLOADED, Cause.SERVER_ERROR),
        "an overloaded service or another server error (any HTTP 500)",
    ),
    # Claude Code prints this line for any 404 (its source tags them all model_not_found)
    "request.client_selected_model": (
        (Cause.MODEL_NOT_FOUND, Cause.PERMISSION_MODEL, Cause.ENDPOINT_MISMATCH),
        "an unknown model, a model the key may not use, or a wrong base URL path (any 404)",
    ),
    # Codex keeps only the status of the last 429 (its quota 429 is worded apart)
    "rate_limit.retries_exhausted_429": (
        (Cause.RPM, Cause.TPM, Cause.CONCURRENCY),
        "requests or tokens per minute, or concurrency",
    ),
    # Claude Code's line for a rejected key variable: the server's reason is not shown
    "identity.key_invalid.client_line": (
        (Cause.KEY_INVALID, Cause.KEY_WRONG_PLATFORM, Cause.KEY_EXPIRED),
        "an unknown key, a key of another platform, or a revoked or expired one",
    ),
    # Roo Code's lines for any 401 and any 403: the server's reason is not shown
    "identity.key_invalid.roo_401_line": (
        (Cause.KEY_INVALID, Cause.KEY_EXPIRED, Cause.KEY_WRONG_PLATFORM),
        "an unknown key, a revoked or expired one, or a key of another platform (any 401)",
    ),
    "identity.unknown.roo_403_line": (
        (Cause.PERMISSION_MODEL, Cause.PERMISSION_REGION, Cause.POLICY_BLOCK),
        "a model or endpoint the key may not use, an unsupported region, or an account or"
        " gateway policy (any 403)",
    ),
    "network.wrapped_connection_error": (_CONNECT, _CONNECT_WORDS),
    # "fetch failed", "error sending request", "Connection error.": the reason is dropped
    "network.generic": (_CONNECT, _CONNECT_WORDS),
    "network.generic.client_words": (_CONNECT, _CONNECT_WORDS),
    "network.client_waiting_for_network": (_CONNECT, _CONNECT_WORDS),
}
HIDDEN_STEP = (
    "The client printed its own summary, not the server's answer or the failure's reason; "
    "it can stand for {what}. "
    "Send the same call through `whichlayer proxy`, or one request with `whichlayer probe`, "
    "to see the real status and body."
)

# --- Provider-aware first steps -------------------------------------------------------------
# When the provider (or relay) that answered is known, its own console and its own names
# decide faster than generic advice. The steps and the hosts, body formats and words that
# recognise the provider live in its registry module (``Provider.first_steps``); the
# generated index says which module to import, so nothing is imported for other inputs.


def provider_family(
    provider: str | None, host: str | None, text: str, exceptions: list[str] | tuple[str, ...] = ()
) -> str | None:
    """The registry module of the provider with first steps that answered (by its host, else
    its body format, else its words in the text), or None."""
    hosts, dialects, words = _STEPS[0] if _STEPS else _steps_tables()
    if host:
        host = host.lower().rstrip(".")
        # longest first: two hosts of one length cannot both be suffixes of one host name,
        # so the first that matches is the longest (``providers._base.host_matches``)
        for known, suffix, module in hosts:
            if host.endswith(known) if suffix else host == known or host.endswith("." + known):
                return module
    if provider is not None and provider in dialects:
        return dialects[provider]
    if words:
        low = (text[:20000] + " " + " ".join(exceptions)).lower()
        for word, module in words:
            if word in low:
                return module
    return None


_StepsTables = tuple[tuple[tuple[str, bool, str], ...], dict[str, str], tuple[tuple[str, str], ...]]
#: The index's first-step sections, read once (see :func:`_steps_tables`).
_STEPS: list[_StepsTables] = []


def _steps_tables() -> _StepsTables:
    """How providers with first steps are recognised, from the generated index, made once:
    hosts (each with whether it is a suffix, ``.x.com`` or ``-x.com``, and its module) by
    length, longest first, in the index's order among equals; body formats; words, in the
    index's order."""
    from whichlayer.providers._index import STEPS_DIALECT, STEPS_HOST, STEPS_WORD, load

    index = load()
    hosts = sorted(index.get(STEPS_HOST, {}).items(), key=lambda item: -len(item[0]))
    tables: _StepsTables = (
        tuple((known, known[:1] in (".", "-"), modules[0]) for known, modules in hosts),
        {name: modules[0] for name, modules in index.get(STEPS_DIALECT, {}).items()},
        tuple((word, modules[0]) for word, modules in index.get(STEPS_WORD, {}).items()),
    )
    _STEPS.append(tables)
    return tables


def provider_steps(
    family: str | None, layer: Layer | None, cause: Cause, text: str
) -> tuple[tuple[str, ...], bool]:
    """Steps for the provider ``family`` (a registry module), and whether they replace the
    generic ones (False: they go first, and the generic steps follow)."""
    if family is None:
        return (), False
    from whichlayer.providers import load

    rows = load(family).first_steps
    low = text.lower()
    for row in rows:
        if row.phrases and any(phrase in low for phrase in row.phrases):
            return row.steps, row.replace
    for when in (cause.value, layer.value if layer is not None else None):
        for row in rows:
            if not row.phrases and when in row.when:
                return row.steps, row.replace
    return (), False
