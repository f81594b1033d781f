"""Identity: who you are and what you may do (key, project, organization, permission)."""

from __future__ import annotations

import re
from functools import cache

from whichlayer.rules.base import (
    Facts,
    Rule,
    Sample,
    all_of,
    any_of,
    exception,
    field_is,
    html,
    none_of,
    relayed_status_rows,
    says,
    status,
)
from whichlayer.rules.origin import LITELLM_MODEL_GROUP
from whichlayer.rules.upstream import RELAY_CHANNEL_DISABLED
from whichlayer.rules.view import View
from whichlayer.taxonomy import Cause, Layer, Origin

TYPE_CHECKING = False
if TYPE_CHECKING:
    from whichlayer.providers import Provider

L = Layer.IDENTITY

#: Words that state a rate limit: where a limit a sign-in would lift is a rate, it is the
#: rate rules' (identity.key_missing.anonymous_tier, identity.key_missing.sign_in).
_RATE_STATED = ("rate limit", "too many requests")

# OpenAI and OpenAI-compatible servers echo the start of the key they rejected
# ("Incorrect API key provided: sk-ant-a***"). A prefix issued by another
# platform means the key was sent to the wrong place. (shared/reference B1)
_ECHOED_KEY = re.compile(r"(?:incorrect api key provided|your api key)[:\s]+([a-z0-9_\-]{3,12})")
# xAI, Groq and others answer in OpenAI's words too; when the message sends you to the key's
# own platform ("... obtain an API key from https://console.x.ai"), that platform answered,
# and the key was not sent to the wrong place. Prefixes, platforms and sites come from the
# provider registry and the redactor's detectors, through the registry's generated index.


@cache
def _foreign_prefixes() -> tuple[tuple[str, str, str], ...]:
    """(lower-case key prefix, platform, its site) for keys whose prefix names the platform
    that issued them, longest first. The registry's generated index holds them (reading it
    imports no provider module); a detector's prefix is the redactor's. The bare ``sk-`` is
    left out: it is every imitator's."""
    from whichlayer.providers._index import FOREIGN_KEY, load
    from whichlayer.redact.detectors import DETECTORS

    prefix_of = {f"detector:{d.id}": d.prefix for d in DETECTORS}
    rows: list[tuple[str, str, str]] = []
    for name, found in load().get(FOREIGN_KEY, {}).items():
        prefix = prefix_of.get(name, "") if name.startswith("detector:") else name
        if prefix and prefix != "sk-" and len(found) == 2:
            rows.append((prefix.lower(), found[0], found[1]))
    return tuple(sorted(set(rows), key=lambda row: (-len(row[0]), *row)))


def _echoed_foreign_key(view: View) -> Facts | None:
    if "api key" not in view.hay:
        return None
    found = _ECHOED_KEY.search(view.hay)
    if not found:
        return None
    echoed = found.group(1)
    for prefix, platform, host in _foreign_prefixes():
        if echoed.startswith(prefix):
            if re.search(r"https?://[\w.\-]*" + re.escape(host), view.hay):
                return None
            return {"echoed key prefix": prefix, "key platform": platform}
    return None


# OpenAI echoes the start of a key it refuses ("Incorrect API key provided: 1b732869****bff7.
# You can find your API key at https://platform.openai.com/account/api-keys."), and every key it
# issues starts with "sk-" (sk-, sk-proj-, sk-svcacct-, sk-admin-). An echo made of hex digits
# only (an Azure OpenAI resource's 32-digit key, a relay's hex token; older echoes show 3 digits
# and fewer stars) is a key another platform issued, sent to api.openai.com because the base URL
# was left at its default. A placeholder, a URL or a sentence pasted as the key is not: those
# are invalid keys.
_OPENAI_ECHO = re.compile(r"incorrect api key provided: ([0-9a-f*]+)")
_HEX_KEY_ECHO = re.compile(r"[0-9a-f]{3,8}\*{8,}[0-9a-f]{4}")


@cache
def _openai_key_page() -> str:
    """OpenAI's key page, which its own refusal links to ("platform." + its site)."""
    from whichlayer.providers import all_providers

    return next(("platform." + p.site for p in all_providers() if p.id == "openai" and p.site), "")


def _echoed_non_openai_key(view: View) -> Facts | None:
    page = _openai_key_page()
    if not page or "incorrect api key provided: " not in view.hay or page not in view.hay:
        return None
    found = _OPENAI_ECHO.search(view.hay)
    if not found:
        return None
    echoed = found.group(1)
    if len(echoed) < 28 or not _HEX_KEY_ECHO.fullmatch(echoed):
        return None
    return {"echoed key": f"{len(echoed)} hex characters", "OpenAI keys start": "sk-"}


# Body formats so widely imitated that they do not name the server that answered.
_IMITATED = frozenset({"openai"})


@cache
def _key_platforms() -> frozenset[str]:
    """Key platforms the registry knows a provider, relay or server for (clouds' opaque keys
    and credentials are left out: they do not name a platform)."""
    from whichlayer.providers import all_providers

    return frozenset(
        p.key_platform for p in all_providers() if p.key_platform and p.kind != "cloud"
    )


def _server(view: View) -> Provider | None:
    """The provider whose server answered: by host, else by the error body's format."""
    from whichlayer.providers import all_providers, by_host

    provider = by_host(view.ev.host)
    if provider is not None and provider.platform is not None:
        return provider
    for body in view.ev.bodies:
        if body.dialect in _IMITATED:
            continue
        for candidate in all_providers():
            if candidate.dialect == body.dialect and candidate.platform is not None:
                return candidate
    return None


def _sent_foreign_key(view: View) -> Facts | None:
    """The request carried a key of another platform than the server that refused it."""
    key_platform = view.ev.key_platform
    if key_platform is None or key_platform not in _key_platforms():
        return None
    provider = _server(view)
    if provider is None:
        # An OpenAI-compatible server of unknown owner: only keys no such server takes.
        if key_platform in ("anthropic", "google") and any(
            b.dialect == "openai" for b in view.ev.bodies
        ):
            return {"key platform": key_platform, "server": "OpenAI-compatible"}
        return None
    server = provider.platform or provider.id
    if key_platform == server or key_platform in provider.accepts:
        return None
    return {"key platform": key_platform, "server platform": server}


#: Guard of the account-level policy rows: the request's content was refused, not the
#: account (one matcher for every row it guards).
_NOT_A_CONTENT_REFUSAL = none_of(
    says(
        (r"\bflagged\b", "flagged"),
        "your prompt",
        "invalid_prompt",
        "request, which appears to violate",
    )
)


#: A relay's notice that one of its own channels (渠道/通道) has expired: like its notice
#: that it disabled one (upstream.RELAY_CHANNEL_DISABLED), the relay's upstream, never the
#: caller's token.
_CHANNEL_EXPIRED = (r"(?:通道|渠道)[^\n]{0,40}?已(?:过期|過期)", "已过期", "已過期")

#: An HTTP client's own words for a request that never got an answer (Node's "fetch failed",
#: aiohttp's "Cannot connect to host", an unreachable network, a refused or timed-out
#: connection). A login or a token refresh that failed *because of* one of them failed on the
#: network, whatever the credential: the phrases that only say an auth step failed yield.
_TRANSPORT_FAILED = says(
    "fetch failed",
    (r"cannot connect to host\b", "cannot connect to host"),
    "network error",
    "network is unreachable",
    "connection refused",
    "econnrefused",
    "econnreset",
    "etimedout",
    "enotfound",
    "getaddrinfo",
    (r"\btimed out\b", "timed out"),
)


RULES: tuple[Rule, ...] = (
    Rule(
        "identity.key_missing.local",
        "The SDK refused to send a request because no key was configured.",
        L,
        Cause.KEY_MISSING,
        says(
            "api_key client option must be set",
            (
                r"api key (?:is |was )?(?:not set|missing|not provided|not supplied)",
                "api key ",
            ),
            (r"missing (?:required )?api[_ ]key", "missing "),
            (r"no api key (?:was )?(?:provided|found|set)", "no api key "),
            (r"missing \w+ api key", "missing "),
            (r"\w+_api_key environment variable", "_api_key environment variable"),
            "api key file not found",
            (r"secrets \[[^\]\n]{0,40}api_key[^\]\n]{0,40}\] value invalid", "] value invalid"),
            # FastAPI's bearer check when no Authorization header came
            '"not authenticated"',
            "'not authenticated'",
            (r"api key must be (?:set|provided) when", "api key must be "),
            # LiteLLM naming the variables a provider needs; Azure's credential chain
            "requires the following environment variables",
            # LangChain's check; "API key not found" alone is Google's word for an unknown key
            (r"did not find \w*api_key", "did not find "),
        ),
        priority=92,
        origin=Origin.CLIENT,
        confidence=0.9,
        samples=(
            '{"detail":"model bedrock/eu.anthropic.claude-sonnet-4 requires the following'
            " environment variables: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']\"}",
            "ValueError: API key must be provided when using hosted LangSmith API",
            "API key not provided. Add one in the extension's settings.",
            "litellm.AuthenticationError: Missing Anthropic API Key - A call is being made to"
            " anthropic but no key is set",
            "openai.OpenAIError: The api_key client option must be set either by passing"
            " api_key to the client or by setting the OPENAI_API_KEY environment variable",
        ),
        near_misses=("Incorrect API key provided: sk-abc",),
    ),
    Rule(
        "identity.key_missing.cloud_credentials",
        "The client found no cloud credentials to sign with (Google's default credentials,"
        " AWS's credential chain, Azure's DefaultAzureCredential).",
        L,
        Cause.KEY_MISSING,
        says(
            "could not resolve authentication method",
            # AWS's instance-role credentials could not be fetched; promptflow's empty secret
            "error when retrieving credentials from",
            "credential refresh failed",
            "default credentials were not found",
            "could not load the default credentials",
            "defaultcredentialserror",
            "nocredentialserror",
            "unable to locate credentials",
            "defaultazurecredential failed to retrieve a token",
            # botocore's ProfileNotFound: the named profile is not in ~/.aws/config
            (r"the config profile \([^)\n]{0,80}\) could not be found", "config profile ("),
            # the AWS SDK for JavaScript's credential chain found nothing (lib/config.js,
            # lib/event_listeners.js: "Could not load credentials from any providers",
            # "Missing credentials in config, if using AWS_CONFIG_FILE, ...")
            "could not load credentials from any providers",
            "missing credentials in config",
        ),
        priority=92,
        origin=Origin.CLIENT,
        confidence=0.9,
        samples=(
            "[bedrock] Error: Error when retrieving credentials from iam-role: Credential"
            " refresh failed, response did not contain: access_key, secret_key, token, expiry_time",
            "google.auth.exceptions.DefaultCredentialsError: Your default credentials were"
            " not found. To set up Application Default Credentials, see https://cloud.google.com/docs",
            "NoCredentialsError: Unable to locate credentials",
            'TypeError: "Could not resolve authentication method. Expected either api_key or'
            ' auth_token to be set."',
            "CredentialsError: Missing credentials in config, if using AWS_CONFIG_FILE, set"
            " AWS_SDK_LOAD_CONFIG=1",
            "CredentialsProviderError: Could not load credentials from any providers\n    at"
            " providers (node_modules/@aws-sdk/credential-provider-node/dist-cjs/index.js:1:1)",
        ),
    ),
    Rule(
        "identity.key_missing.server",
        "The server says no credential was sent.",
        L,
        Cause.KEY_MISSING,
        says(
            (r"no api key (?:was )?passed", "no api key "),
            "you didn't provide an api key",
            "no auth credentials found",
            "x-api-key header is required",
            "missing subscription key",
            "unregistered callers",
            "without established identity",
            "missing authentication header",
            (r"authorization header (?:is )?(?:missing|required)", "authorization header "),
            (r"missing (?:bearer|authorization)", "missing "),
            (r"api key (?:is )?required", "api key "),
            "未提供令牌",
            "no api key provided",
            (r"must provide (?:an|your) api key", "must provide "),
            "missing authentication token",
            "header of type authorization was missing",
            (r"authorization (?:header )?(?:was|is) missing", "authorization "),
            # a token or credentials the server did not get: "Bearer token not provided",
            # Django REST framework's "Authentication credentials were not provided.", "No
            # token provided" (one-api's 未提供令牌 in English builds)
            (
                r"(?<![\w-])(?:token|credentials) (?:was |were |is |are )?not"
                r" (?:provided|supplied)",
                "not provided",
                "not supplied",
            ),
            # ... and with no noun after it: the Vercel AI SDK's gateway error when neither
            # an API key nor an OIDC token came ("AI Gateway authentication failed: No
            # authentication provided.")
            (
                r"\bno (?:(?:bearer |auth(?:entication)? |access |api )?(?:token|credentials)"
                r"|auth(?:entication|orization)?) (?:was |were |is )?(?:provided|supplied)",
                "provided",
                "supplied",
            ),
        ),
        priority=90,
        confidence=0.9,
        samples=(
            '{"error":{"message":"No auth credentials found","code":401}}',
            '401 {"detail":"Authentication credentials were not provided."}',
            '{"error":"Unauthorized","message":"No token provided"}',
            '{"type":"error","error":{"type":"authentication_error",'
            '"message":"x-api-key header is required"}}',
            "GatewayAuthenticationError: AI Gateway authentication failed: No authentication"
            " provided.\n\nOption 1 - API key:\nCreate an API key: https://vercel.com/d",
        ),
        near_misses=(
            '{"error":{"message":"Incorrect API key provided: sk-abc"}}',
            "max_tokens not provided, using the model's default",
            "Invalid token provided",
        ),
    ),
    Rule(
        "identity.key_missing.secret_store",
        "The key was to come from a secret store that has no such secret.",
        L,
        Cause.KEY_MISSING,
        says(
            (r"(?:couldn't|could not|can't|cannot) find a secret", " find a secret"),
            (r"no secret (?:named|with the name)", "no secret "),
        ),
        priority=90,
        confidence=0.9,
        samples=(
            '"We couldn\'t find a secret with the name \\"XAI_API_KEY\\". You can add this'
            " secret at https://continue.dev/settings/secrets%3FsecretName=XAI_API_KEY. If"
            " you already have this secret configured, you may need to switch to the correct"
            ' organization."',
        ),
    ),
    Rule(
        "identity.key_missing.empty_bearer",
        "The Authorization header was sent with nothing after 'Bearer': the key is empty.",
        L,
        Cause.KEY_MISSING,
        # the quote after "Bearer " must close the one before it: b'Bearer "sk-..."' is a
        # quoted key, not an empty one
        says(
            ("header value b?(['\\\"])bearer ?\\1", "header value "),
            (r"authorization: bearer\s*$", "authorization: bearer"),
        ),
        priority=95,
        origin=Origin.CLIENT,
        confidence=0.85,
        samples=("httpx.LocalProtocolError: Illegal header value b'Bearer '",),
        near_misses=(
            "httpx.LocalProtocolError: Illegal header value b'Bearer sk-abc\\n'",
            "ValueError: Invalid header value b'Bearer \"sk-abc\"'",
        ),
    ),
    Rule(
        "identity.key_missing.sent_empty",
        "The request went out with no key in it: an unset variable printed into the header "
        "('Bearer undefined'), or the server echoing back an empty key.",
        L,
        Cause.KEY_MISSING,
        says(
            ("authorization['\\\"]?: ['\\\"]?bearer (?:undefined|null|none)\\b", "authorization"),
            ("incorrect api key provided: ?(?:''|\\\"\\\")", "incorrect api key provided:"),
            # the variable that should hold the key was never loaded: OpenAI echoes "undefined"
            (
                r"incorrect api key provided: (?:undefined|null|none)\b",
                "incorrect api key provided:",
            ),
            # Chatbox's hosted service: "License Key Missed"
            (r"license[_ ]key[_ ]missed", "license"),
        ),
        priority=95,
        confidence=0.85,
        samples=(
            "headers: { Accept: 'application/json', Authorization: 'Bearer undefined' }",
            "OpenAI\\Exceptions\\ErrorException: Incorrect API key provided: ''. You can find "
            "your API key at https://platform.openai.com/account/api-keys.",
            'API Error: Status Code 401, {"error":{"code":"license_key_missed","detail":"License '
            'Key Missed","status":401}}',
        ),
        near_misses=("Incorrect API key provided: sk-abc***xyz.",),
    ),
    # A request validator naming the key's own field as empty or absent: protobuf-validate's
    # "metadata.api_key: value length must be at least 1 characters", pydantic's "api_key
    # field required", "apiKey must not be empty". The request was well formed but for the
    # key, which the client never filled in (not signed in, no key stored).
    Rule(
        "identity.key_missing.empty_field",
        "The server's request validation says the field that carries the key is empty or"
        " missing: the client sent no key (not signed in, or no key saved in its settings).",
        L,
        Cause.KEY_MISSING,
        says(
            (
                r"\b(?:api[_-]?key|access[_-]?token|auth[_-]?token)\b['\"`]?:?\s*(?:value length"
                r" must be at least 1\b|(?:must not|cannot|can't|should not|may not) be"
                r" (?:empty|blank|null)|(?:field |is )required\b|is (?:empty|blank)\b)",
                "api_key",
                "api-key",
                "apikey",
                "access_token",
                "access-token",
                "accesstoken",
                "auth_token",
                "auth-token",
                "authtoken",
            ),
        ),
        priority=90,
        confidence=0.8,
        samples=(
            "[ERROR]: [invalid_argument] validation error:\n - metadata.api_key: value length"
            " must be at least 1 characters [string.min_len]",
            "ValidationError: 1 validation error for Settings\napi_key\n  field required"
            " (type=value_error.missing)",
            '400 {"message":"apiKey must not be empty"}',
        ),
        near_misses=("api_key_id: value length must be at most 64 characters",),
    ),
    # A client's own words when it has no credential at all (it never asks the server).
    Rule(
        "identity.key_missing.not_logged_in",
        "A coding agent says it is not logged in and names no invalid key: no credential was "
        "found, so none was sent.",
        L,
        Cause.KEY_MISSING,
        all_of(
            says(
                (r"\bnot logged in\b", "not logged in"),
            ),
            none_of(
                says(
                    "invalid",
                    "expired",
                    "revoked",
                )
            ),
        ),
        priority=82,
        origin=Origin.CLIENT,
        confidence=0.75,
        samples=("Not logged in · Please run /login",),
        near_misses=("Invalid API key · Please run /login",),
    ),
    Rule(
        "identity.key_missing.unauthenticated_access",
        "The server says the resource needs an authenticated caller and no token came with"
        " the request: Hugging Face's gated repositories ('you must be authenticated to access"
        " it'), Replicate's 'You did not pass an authentication token'.",
        L,
        Cause.KEY_MISSING,
        says(
            # "You must have access to it and be authenticated to access it. Please log in.",
            # "Repo model meta-llama/Llama-2-7b-hf is gated. You must be authenticated to
            # access it."
            "be authenticated to access it",
            (
                r"(?:did not|didn't) (?:pass|send|provide) an? (?:authentication|auth|access)"
                r" token",
                " token",
            ),
        ),
        priority=90,
        confidence=0.8,
        samples=(
            "Cannot access gated repo for url https://huggingface.co/api/models/meta-llama/"
            "Llama-2-7b-hf.\nRepo model meta-llama/Llama-2-7b-hf is gated. You must be"
            " authenticated to access it.",
            "ApiError: Request to https://api.replicate.com/v1/predictions failed with status"
            ' 401 Unauthorized: {"title":"Unauthenticated","detail":"You did not pass an'
            ' authentication token","status":401}',
        ),
        near_misses=("You did not pass a valid authentication token",),
    ),
    # A service applying its anonymous tier's limits because the request carried no key:
    # ElevenLabs' "exceeds the character limit of 2500 characters for non signed in
    # accounts". The limit is only the symptom; sending the key lifts it. (A rate limit
    # stated for anonymous callers stays with the rate rules.)
    Rule(
        "identity.key_missing.anonymous_tier",
        "The service treated the request as anonymous (not signed in) and applied that tier's"
        " limits: no key was sent. Send the key; the limit is the signed-in account's then.",
        L,
        Cause.KEY_MISSING,
        all_of(
            says(
                (r"\b(?:non|not)[ -]signed[ -]in (?:accounts?|users?)\b", "signed"),
                (
                    r"\bfor (?:anonymous|unauthenticated|signed[ -]out|logged[ -]out)"
                    r" (?:users?|accounts?)\b",
                    "anonymous",
                    "unauthenticated",
                    "signed",
                    "logged",
                ),
            ),
            none_of(says(*_RATE_STATED, "per minute", "per hour")),
        ),
        priority=88,
        confidence=0.7,
        samples=(
            "elevenlabs.api.error.APIError: This request's text has 900 characters and exceeds"
            " the character limit of 500 characters for non signed in accounts.",
        ),
        near_misses=("Rate limit exceeded for anonymous users. Please log in.",),
    ),
    Rule(
        "identity.permission_model.gated_repo",
        "A gated Hugging Face repository: the token is recognised but its account has not been"
        " granted access (not in the authorized list, or the request awaits the authors'"
        " review).",
        L,
        Cause.PERMISSION_MODEL,
        says(
            "not in the authorized list",
            "awaiting a review from the repo authors",
            (r"visit https?://\S+ to ask for access", "to ask for access"),
        ),
        priority=90,
        confidence=0.8,
        samples=(
            "403 Client Error.\nCannot access gated repo for url https://huggingface.co/google/"
            "gemma-2b/resolve/main/config.json.\nAccess to model google/gemma-2b is restricted"
            " and you are not in the authorized list. Visit https://huggingface.co/google/"
            "gemma-2b to ask for access.",
            "Cannot access gated repo for url https://huggingface.co/meta-llama/Llama-3.2-1B/"
            "resolve/main/config.json.\nYour request to access model meta-llama/Llama-3.2-1B is"
            " awaiting a review from the repo authors.",
        ),
        near_misses=("Repo model meta-llama/Llama-2-7b-hf is gated. You must be authenticated",),
    ),
    Rule(
        "identity.key_missing.env_var",
        "A client says the environment variable that should hold its key is missing.",
        L,
        Cause.KEY_MISSING,
        says(
            (
                "missing environment variable:? [`'\\\"]?\\w*(?:key|token)\\b",
                "missing environment variable",
            ),
        ),
        priority=82,
        origin=Origin.CLIENT,
        confidence=0.8,
        samples=("ERROR: Missing environment variable: `OPENROUTER_API_KEY`.",),
        near_misses=("ERROR: Missing environment variable: `HOME`.",),
    ),
    Rule(
        "identity.unknown.minimax_1004",
        "MiniMax's 1004 ('Please carry the API secret key in the ... field') comes back for a "
        "missing key, a key in another header, and a key of the other region's platform alike.",
        L,
        Cause.UNKNOWN,
        says(
            (
                r"please carry the api secret key in the '(?:authorization|x-api-key)' field",
                "please carry the api secret key in the '",
            ),
        ),
        priority=94,
        confidence=0.6,
        samples=(
            "login fail: Please carry the API secret key in the 'Authorization' field of the "
            "request header (1004)",
        ),
        near_misses=("login fail",),
    ),
    Rule(
        "identity.status_403",
        "403 means identified but not allowed; the body does not say which permission.",
        L,
        Cause.UNKNOWN,
        all_of(
            any_of(status(403), exception("PermissionDeniedError")),
            none_of(
                says(
                    "quota",
                    "balance",
                    "credit",
                    "billing",
                    "额度",
                    "余额",
                )
            ),
        ),
        priority=11,
        confidence=0.4,
        samples=("403 Forbidden",),
        near_misses=("404 Not Found",),
    ),
    Rule(
        "identity.key_malformed",
        "The key reached the HTTP layer in a shape no server accepts (whitespace, newline,"
        " quotes).",
        L,
        Cause.KEY_MALFORMED,
        says(
            "illegal header value",
            "invalid header value",
            "invalid character in header content",
            "header value must be",
            (r"malformed (?:api )?key", "malformed "),
            "api key format is invalid",
            "header format should be",
            (r"invalid (?:api )?key format", "key format"),
            (r"non-ascii characters? in (?:the )?(?:header|key)", "non-ascii character"),
            # http.client encodes header values as latin-1: a pasted key with a curly quote
            # or a full-width character cannot be sent
            "'latin-1' codec can't encode",
        ),
        priority=91,
        origin=Origin.CLIENT,
        confidence=0.85,
        samples=(
            "UnicodeEncodeError: 'latin-1' codec can't encode characters in position 7-8: "
            "ordinal not in range(256)",
            "httpx.LocalProtocolError: Illegal header value b'Bearer sk-abc\\n'",
            'TypeError: Invalid character in header content ["Authorization"]',
        ),
        near_misses=("Invalid value for header x-foo",),
    ),
    Rule(
        "identity.key_malformed.google_bearer",
        "Google's native API expected an OAuth token and got another credential: an API"
        " key sent as 'Authorization: Bearer' (or beside ?key=) where it takes x-goog-api-key"
        " or ?key= (its reason, when shown, is ACCESS_TOKEN_TYPE_UNSUPPORTED; Vertex's"
        " ACCESS_TOKEN_EXPIRED with the same message is an expired token).",
        L,
        Cause.KEY_MALFORMED,
        all_of(
            says("expected oauth 2 access token"),
            none_of(
                field_is("reason", "access_token_expired", "access_token_scope_insufficient"),
                says("aiplatform", "vertex"),
            ),
        ),
        priority=89,
        confidence=0.7,
        samples=(
            '401 {"error":{"code":401,"message":"Request had invalid authentication credentials.'
            " Expected OAuth 2 access token, login cookie or other valid authentication"
            ' credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",'
            '"status":"UNAUTHENTICATED"}}',
        ),
        near_misses=(
            '{"error":{"code":401,"message":"Request had invalid authentication credentials.'
            " Expected OAuth 2 access token, login cookie or other valid authentication"
            ' credential.","status":"UNAUTHENTICATED","details":[{"@type":'
            '"type.googleapis.com/google.rpc.ErrorInfo","reason":"ACCESS_TOKEN_EXPIRED",'
            '"domain":"googleapis.com","metadata":{"service":"aiplatform.googleapis.com"}}]}}',
        ),
    ),
    # Azure's twin of google_bearer: Azure OpenAI / AI Foundry take a key in the api-key
    # header and an Entra ID token as "Authorization: Bearer"; a key sent as a Bearer token
    # (an OpenAI client not switched to Azure, OPENAI_API_TYPE unset, a plugin or agent
    # using OpenAI's header) is read as an Entra token and refused with Azure's fixed "Access
    # token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com),
    # or have expired." (threads of Flowise, llama_index, azure-search-openai-demo; a real
    # token issued for another audience gets the same words). The key may be right: it went
    # out in the wrong header shape.
    Rule(
        "identity.key_malformed.azure_bearer",
        "Azure says the access token is missing, invalid, for the wrong audience or expired:"
        " its answer to a Bearer credential that is not an Entra ID token for Cognitive"
        " Services, almost always an API key sent OpenAI-style; send it in the api-key header"
        " (Azure client, api type 'azure') or use an Entra token.",
        L,
        Cause.KEY_MALFORMED,
        says(
            (
                r"access token is missing, invalid,? (?:and )?(?:the )?audience is incorrect",
                "audience is incorrect",
            ),
        ),
        priority=89,
        confidence=0.65,
        samples=(
            'Request failed with status code 401 and body {"statusCode":401, "message":'
            ' "Unauthorized. Access token is missing, invalid, and the audience is incorrect'
            ' (https://cognitiveservices.azure.com/), or have expired."}',
            "ERROR: (None) Unauthorized. Access token is missing, invalid, audience is incorrect"
            " (https://cognitiveservices.azure.com), or have expired.",
        ),
        near_misses=(
            "Access denied due to invalid subscription key or wrong API endpoint. Make sure to"
            " provide a valid key for an active subscription.",
        ),
    ),
    Rule(
        "identity.key_malformed.header_chars",
        "A header value, almost always the pasted key, holds characters HTTP cannot carry:"
        " fetch's ByteString conversion, Go's 'invalid header field value', requests'"
        " InvalidHeader, OkHttp's 'Unexpected char ... in Authorization value'.",
        L,
        Cause.KEY_MALFORMED,
        says(
            "cannot convert argument to a bytestring",
            "invalid header field value",
            # a client's own check before it builds the header (Roo Code's
            # "API key contains invalid characters.", errors.api.invalidKeyInvalidChars)
            (r"api[ _-]?key contains invalid characters", " contains invalid characters"),
            (r"return character\(s\) in header value", "in header value"),
            (r"unexpected char 0x[0-9a-f]{2} at \d+ in authorization", " in authorization"),
        ),
        priority=90,
        origin=Origin.CLIENT,
        confidence=0.75,
        samples=(
            "Error: API key contains invalid characters.",
            "✕ [API Error: Cannot convert argument to a ByteString because the character at"
            " index 39 has a value of 8721 which is greater than 255.]",
            'Post "https://api.openai.com/v1/chat/completions": net/http: invalid header field'
            ' value for "Authorization"',
            "requests.exceptions.InvalidHeader: Invalid leading whitespace, reserved"
            " character(s), or return character(s) in header value: 'Bearer sk-abc\\n'",
            "java.lang.IllegalArgumentException: Unexpected char 0x0a at 58 in Authorization"
            " value: Bearer sk-abc",
        ),
        near_misses=("Invalid value for header x-foo",),
    ),
    Rule(
        "identity.key_wrong_platform.echoed",
        "The server echoed the start of the rejected key, and it was issued by another platform.",
        L,
        Cause.KEY_WRONG_PLATFORM,
        _echoed_foreign_key,
        priority=96,
        confidence=0.9,
        samples=(
            "Incorrect API key provided: sk-ant-a***************AAAA. You can find your "
            "API key at https://platform.openai.com/account/api-keys.",
        ),
        near_misses=(
            "Incorrect API key provided: sk-proj-***abcd.",
            # xAI itself rejecting an xAI key, in OpenAI's words
            "Incorrect API key provided: xai-abc***. You can obtain an API key from "
            "https://console.x.ai.",
        ),
    ),
    Rule(
        "identity.key_wrong_platform.restricted",
        "The credential belongs to one product (a subscription's agent login, say) and the "
        "server refuses it for other API use.",
        L,
        Cause.KEY_WRONG_PLATFORM,
        says(
            # Anthropic's API refusing a subscription's OAuth token where a key is needed;
            # Google APIs that take OAuth only
            "oauth authentication is currently not supported",
            "api keys are not supported by this api",
            "api key authentication is not sufficient",
            (
                r"(?:credential|token|key) is only (?:authorized|allowed|valid) for (?:use"
                r" )?(?:with|in)",
                " is only ",
            ),
            "only authorized for use with",
        ),
        priority=95,
        confidence=0.8,
        samples=(
            "API Error: 401 "
            '{"type":"error","error":{"type":"authentication_error","message":"OAuth '
            'authentication is currently not supported."}}',
            'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":'
            '"This credential is only authorized for use with Claude Code and cannot be used for '
            'other API requests."}}',
        ),
        near_misses=("Invalid bearer token",),
    ),
    Rule(
        "identity.key_wrong_platform.sent",
        "The request carried a key issued by another platform than the server that refused it.",
        L,
        Cause.KEY_WRONG_PLATFORM,
        all_of(any_of(status(400, 401, 403), exception("AuthenticationError")), _sent_foreign_key),
        priority=97,
        confidence=0.9,
        samples=(
            Sample(
                'Error code: 401 - {"error":{"message":"Incorrect API key provided:'
                ' sk-ant-a***xx. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","code":"invalid_api_key"}}',
                (("key_platform", "anthropic"),),
            ),
        ),
    ),
    Rule(
        "identity.upstream_key_invalid.none_for_provider",
        "The relay holds no (active) credential for the provider it routed the request to.",
        L,
        Cause.UPSTREAM_KEY_INVALID,
        says(
            (
                r"no (?:active |valid |usable )?(?:credentials?|api keys?|keys?|accounts?)"
                r" (?:configured |found |available )?for (?:the )?provider",
                "provider",
            ),
        ),
        priority=94,
        origin=Origin.RELAY,
        confidence=0.75,
        samples=(
            'API Error: 400 {"error":{"message":"No credentials for provider: github",'
            '"type":"invalid_request_error","code":"bad_request"}}',
            "unexpected status 404 Not Found: No active credentials for provider: openai, url: "
            "http://127.0.0.1:20128/v1/responses",
        ),
        near_misses=("Incorrect API key provided",),
    ),
    Rule(
        "identity.upstream_key_invalid",
        "A relay says the credential it holds for its upstream channel was rejected.",
        L,
        Cause.UPSTREAM_KEY_INVALID,
        any_of(
            field_is("code", "channel:invalid_key"),
            says(
                (
                    r"upstream[^\n]{0,60}(?:\b401\b|unauthorized|invalid (?:api"
                    r" )?key|authentication)",
                    "upstream",
                ),
                (
                    r"channel #?\d+[^\n]{0,40}(?:\b401\b|unauthorized|invalid (?:api )?key)",
                    "channel ",
                ),
                (r"channel error[^\n]{0,60}(?:\b401\b|unauthorized)", "channel error"),
                (r"上游[^\n]{0,20}(?:令牌|密钥|key)[^\n]{0,10}(?:无效|错误)", "上游"),
                (r"渠道[^\n]{0,20}(?:无效|\b401\b)", "渠道"),
                (r"上游[^\n]{0,20}\(?http 401\b", "http 401"),
                # the upstream's 401 told in Chinese without "http": 上游返回 401, 上游报401
                (r"上游[^\n]{0,10}(?:返回|响应|报错?|报了)[^\n]{0,8}(?<!\d)401(?!\d)", "上游"),
                "no available key",
                (r"all keys (?:are )?in cooldown", "in cooldown"),
            ),
        ),
        priority=94,
        origin=Origin.RELAY,
        confidence=0.75,
        samples=(
            "channel #12 error (status code: 401): upstream returned 401 Unauthorized",
            "转发失败：上游返回 401，请检查转发配置",
        ),
        near_misses=("upstream error: do request failed",),
    ),
    # A relay or gateway naming the upstream's 403 ("Upstream error with status code 403",
    # "upstream returned 403", 上游返回 403): the provider behind it refused the relay's
    # credential or the request (a region, a policy, a model the account may not use). The
    # 403's layer, as rate_limit.relayed_429 reads a 429; which refusal is not said.
    Rule(
        "identity.relayed_403",
        "A relay reports that its upstream answered 403 Forbidden: an identity refusal at the"
        " provider (policy, region or permission of the account behind the relay), cause not"
        " said.",
        L,
        Cause.UNKNOWN,
        says(*relayed_status_rows(403)),
        # above upstream.relay_upstream_error (65) and the bare status rules
        priority=77,
        origin=Origin.UPSTREAM,
        confidence=0.55,
        samples=(
            "proxy: Upstream error with status code 403",
            "请求失败：上游返回 403，请联系管理员",
        ),
        near_misses=("upstream error with status code 502", "synced 4031 records from upstream"),
    ),
    Rule(
        "identity.upstream_key_invalid.litellm",
        "A LiteLLM proxy reports that its deployment's key was refused (a provider's key "
        "rejection inside 'model group ... failed'): the key the proxy holds for its upstream, "
        "not the virtual key you sent, which the proxy refuses in its own words.",
        L,
        Cause.UPSTREAM_KEY_INVALID,
        all_of(
            says(
                "incorrect api key provided",
                "invalid x-api-key",
                "api key not valid",
                "invalid_api_key",
                "invalid api key",
                (r"authenticationerror: \w*exception", "authenticationerror: "),
            ),
            says(*LITELLM_MODEL_GROUP),
        ),
        priority=97,
        origin=Origin.RELAY,
        confidence=0.85,
        samples=(
            "Error code: 401 - litellm.AuthenticationError: AuthenticationError: OpenAIException "
            "- Incorrect API key provided: sk-proj-****0000. You can find your API key at "
            "https://platform.openai.com/account/api-keys.\n\nLiteLLM: model group 'gpt' failed "
            "with the error above. No fallback was attempted.",
        ),
        near_misses=(
            "Authentication Error, Invalid proxy server token passed. Received API Key = "
            "sk-...abcd, Key Hash (Token) =5f3a. Unable to find token in cache or "
            "`LiteLLM_VerificationTokenTable`",
        ),
    ),
    Rule(
        "identity.upstream_key_invalid.passed_through",
        "A provider's own key rejection came back through a relay (its request id, 'Provider "
        "returned error' or model groups around it): the relay's key for its upstream was "
        "refused, not your relay token, which the relay rejects in its own words.",
        L,
        Cause.UPSTREAM_KEY_INVALID,
        all_of(
            says(
                "incorrect api key provided",
                "invalid x-api-key",
                "api key not valid",
                "invalid_api_key",
                "authentication_error",
            ),
            # Marks of a relay in between: one-api/new-api request ids, an aggregator's
            # "Provider returned error", a LiteLLM proxy's model groups.
            says(
                (r"\(request id: ?\d{4}[a-z0-9]*\)", "(request id:"),
                "provider returned error",
                "received model group",
            ),
        ),
        priority=96,
        origin=Origin.UPSTREAM,
        confidence=0.75,
        samples=(
            '{"error":{"message":"Incorrect API key provided: sk-abc***xyz. (request id: '
            '20250101120000123456789AbCdEfGh)","type":"invalid_request_error","code":'
            '"invalid_api_key"}}',
        ),
        near_misses=(
            '{"error":{"message":"无效的令牌 (request id: 2025010112000012345)",'
            '"type":"new_api_error"}}',
        ),
    ),
    Rule(
        "identity.key_expired",
        "The credential was recognised but is expired, revoked or disabled.",
        L,
        Cause.KEY_EXPIRED,
        any_of(
            says(
                (
                    r"(?:token|key|credential|session)s?(?: you provided| you are using)?"
                    r" (?:has |have |is |are )?(?:been )?"
                    r"(?:expired|revoked|disabled|deactivated|invalidated)",
                    "expired",
                    "revoked",
                    "disabled",
                    "deactivated",
                    "invalidated",
                ),
                (r"expired (?:api )?(?:key|token)", "expired "),
                (r"(?:key|token) expired", " expired"),
                "api_key_expired",
                "security token included in the request is expired",
                "expiredtoken",
                (r"expired (?:\w+ )?token", "expired "),
                "invalid or expired",
                # Google disables a key found in public code; Azure's expired access token
                "reported as leaked",
                "expiredauthenticationtoken",
            ),
            field_is("reason", "api_key_expired"),
        ),
        priority=93,
        confidence=0.9,
        samples=(
            "403 PERMISSION_DENIED. {'error': {'code': 403, 'message': 'Your API key was "
            "reported as leaked. Please use another API key.'}}",
            '{"type":"error","error":{"type":"authentication_error","message":"OAuth token has '
            'expired. Please obtain a new token or refresh your existing token."}}',
            "Provided authentication token is expired. Please try signing in again.",
            "API key expired. Please renew the API key.",
            "The API key you provided has been deactivated.",
            "Your authentication token has been invalidated. Please try signing in again.",
        ),
        near_misses=("Your subscription has expired", "The model has been deprecated"),
    ),
    Rule(
        "identity.key_expired.oauth_refresh",
        "An OAuth session expired and its refresh failed (a used or revoked refresh token,"
        " invalid_grant, Google's reauth).",
        L,
        Cause.KEY_EXPIRED,
        all_of(
            says(
                (
                    r"refresh[_ ]token[^\n]{0,60}(?:already (?:been )?used|reused|revoked|expired)",
                    "refresh",
                ),
                "could not be refreshed",
                (r"failed to refresh (?:the )?(?:access )?token", "failed to refresh "),
                # the refresh itself refused (a relay's own failed refresh is its upstream's)
                (r"token refresh failed: 40[13]\b", "token refresh failed: 40"),
                "invalid_grant",
                "invalid_rapt",
                "reauth related error",
            ),
            none_of(_TRANSPORT_FAILED),
        ),
        priority=93,
        confidence=0.9,
        samples=("Error: Token refresh failed: 401",),
        near_misses=(
            "WARN Failed to refresh token for user@example.com: network error: fetch failed",
        ),
    ),
    Rule(
        "identity.key_expired.chinese",
        "A Chinese relay says the token has expired or was disabled.",
        L,
        Cause.KEY_EXPIRED,
        any_of(
            says("令牌已过期", "令牌已被禁用", "令牌状态不可用"),
            all_of(
                says(
                    "已过期",
                    "已被禁用",
                    # Traditional Chinese
                    "已過期",
                ),
                # one-api's and new-api's notices about one of their own channels (通道「name」
                # （#id）已被禁用，原因：..., 渠道亲和性命中的渠道已被禁用): the relay's upstream
                # channel, not the caller's token (upstream.relay_upstream_error)
                none_of(says("通道「", "渠道「", RELAY_CHANNEL_DISABLED, _CHANNEL_EXPIRED)),
            ),
        ),
        priority=93,
        confidence=0.9,
        samples=("令牌已过期", "该令牌已过期"),
        near_misses=(
            "通道「test」（#12）已被禁用，原因：invalid character 'A' looking for beginning"
            " of value",
        ),
    ),
    # Speech, translation and OCR services (iFlytek, Baidu, Tencent, Youdao, Aliyun NLS)
    # identify the caller by an application id beside its key or secret: "no appId info",
    # "invalid appid", 非法应用信息 (illegal application info). The service does not know the
    # application the request names, so the credential pair is wrong, whatever the code.
    Rule(
        "identity.key_invalid.app_id",
        "The service does not recognise the application id (AppID) the request names: the"
        " AppID and its key or secret must come from the same application in the provider's"
        " console.",
        L,
        Cause.KEY_INVALID,
        all_of(
            says(
                "no appid info",
                "非法应用信息",
                (
                    r"\b(?:invalid|illegal|unknown|wrong) app[ _]?id\b",
                    "invalid app",
                    "illegal app",
                    "unknown app",
                    "wrong app",
                ),
                (
                    r"\bapp[ _]?id (?:is )?(?:not exists?|does not exist|not found)\b",
                    "appid ",
                    "app id ",
                    "app_id ",
                ),
                "appid不存在",
                "应用不存在",
            ),
            # iFlytek's 10105 "illegal access|no appid info" is its access check (an IP
            # whitelist, the AppID's rights): the identity rules about policy read it
            none_of(says("illegal access")),
        ),
        priority=85,
        confidence=0.8,
        samples=(
            "错误码 11200, 错误描述: 非法应用信息|no appId info",
            "error_code 10005: invalid appid",
            "AppId is not exist",
        ),
        near_misses=(
            "appid: 12345 request ok, model returned 500",
            '{"code":"10105","desc":"illegal access|no appid info"}',
        ),
    ),
    Rule(
        "identity.key_invalid.phrase",
        "The server does not recognise the credential.",
        L,
        Cause.KEY_INVALID,
        any_of(
            says(
                "incorrect api key",
                (r"invalid[ _\-](?:api[ _\-]?|x-api-|proxy server )?(?:key|token)", "invalid"),
                (r"invalid (?:[\w.\-]+ )?api[ _\-]?key", "invalid "),
                "api key not valid",
                (r"api[ _]key[ _]invalid", "key invalid", "key_invalid"),
                (r"invalid[_ ]authentication", "authentication"),
                "authentication fails",
                "invalid credentials",
                "invalid bearer",
                (r"authentication[ _]error", "authentication"),
                "unauthenticated",
                "invalid or unrecognized token",
                "invalid authorization",
                "api key is invalid",
                "key is invalid",
                "bad api key",
                "access token invalid",
                (
                    r"(?:invalid|incorrect|wrong) (?:username|user name|email|login) or password",
                    " or password",
                ),
            ),
            field_is("code", "invalid_api_key", "invalid_key", "unauthorized", "invalidapikey"),
            field_is("reason", "api_key_invalid"),
            field_is("type", "authentication_error", "invalid_authentication"),
            field_is("status_text", "unauthenticated"),
        ),
        priority=85,
        confidence=0.85,
        samples=(
            "401 Incorrect API key provided: Toxic. You can find your API key at https://platform.openai.com/account/api-keys.",
            "✕ [API Error: API key not valid. Please pass a valid API key. (Status:"
            " INVALID_ARGUMENT)]",
            "Invalid API key · Please run /login",
        ),
        near_misses=("Error code: 400 - {'error': {'message': 'Invalid value for temperature'}}",),
    ),
    Rule(
        "identity.key_invalid.auth_failed",
        "The server says authorization or authentication failed for the call (NVIDIA's 403"
        " 'Authorization failed', clients' 'Authentication failed'): the key is not accepted."
        " A TLS or proxy authentication failure is the network's.",
        L,
        Cause.KEY_INVALID,
        all_of(
            says("authorization failed", "authentication failed"),
            none_of(
                says(
                    "remote party",
                    "transport stream",
                    "ssl",
                    "tls",
                    "proxy authentication",
                    "certificate",
                )
            ),
        ),
        priority=84,
        confidence=0.7,
        samples=(
            "API error: Error code: 403 - {'status': 403, 'title': 'Forbidden', 'detail':"
            " 'Authorization failed'}",
            'Upstream provider NIM returned HTTP 403.\nUpstream error:\n{"status":403,'
            '"title":"Forbidden","detail":"Authorization failed"}',
        ),
        near_misses=(
            "System.Security.Authentication.AuthenticationException: Authentication failed"
            " because the remote party has closed the transport stream.",
        ),
    ),
    # "Authentication failed" in the words of Japanese, Korean, Spanish, Portuguese, French,
    # German, Italian, Russian, Turkish, Vietnamese and Indonesian apps and API docs (Korean
    # routers' "401 — 인증 실패: 유효하지 않거나 비활성화된 API 키", Japanese APIs' "認証に失敗した
    # 場合には401"): as identity.key_invalid.auth_failed, the key is not accepted. A TLS,
    # certificate or proxy authentication failure is the network's.
    Rule(
        "identity.key_invalid.auth_failed_i18n",
        "A message in Japanese, Korean or a European or Asian language says authentication"
        " failed ('認証に失敗しました', '인증에 실패했습니다', 'Error de autenticación', 'Falha na"
        " autenticação', 'Authentifizierung fehlgeschlagen', 'Ошибка аутентификации'): the key"
        " is not accepted.",
        L,
        Cause.KEY_INVALID,
        all_of(
            says(
                (r"認証(?:に失敗|エラー|失敗)", "認証"),
                (r"인증(?:에)? ?(?:실패|오류)", "인증"),
                (
                    r"(?:error|fallo|falla) (?:de|en la) autenticaci[oó]n",
                    "autenticaci",
                ),
                (r"autenticaci[oó]n (?:fallida|fall[oó])", "autenticaci"),
                (
                    r"(?:falha|erro) (?:na|de) autentica[cç][aã]o",
                    "autentica",
                ),
                (r"autentica[cç][aã]o falhou", "autentica"),
                (
                    r"(?:[ée]chec|erreur) (?:de l'|d')authentification",
                    "authentification",
                ),
                (r"authentification (?:a )?[ée]chou[ée]e", "authentification"),
                (r"authentifizierung (?:ist )?fehlgeschlagen", "authentifizierung"),
                "authentifizierungsfehler",
                (
                    r"(?:errore di autenticazione|autenticazione (?:fallita|non riuscita))",
                    "autenticazione",
                ),
                (r"ошибка (?:аутентификации|авторизации)", "ошибка "),
                (r"не удалось (?:пройти )?аутентифи", "аутентифи"),
                "kimlik doğrulama başarısız",
                (r"(?:xác thực thất bại|lỗi xác thực)", "xác thực"),
                (r"autentikasi gagal", "autentikasi gagal"),
            ),
            none_of(
                says(
                    "ssl",
                    "tls",
                    "proxy",
                    "certificate",
                    "証明書",
                    "인증서",
                    "certificado",
                    "certificat",
                    "zertifikat",
                    "сертификат",
                    "プロキシ",
                    "프록시",
                    "прокси",
                )
            ),
        ),
        priority=84,
        confidence=0.7,
        samples=(
            "401 認証に失敗しました。APIキーを確認してください。",
            '{"statusCode":401,"message":"API 키 인증 실패"}',
            "Error 401: Error de autenticación. Revisa tu clave de API.",
            "Falha na autenticação: verifique sua chave de API",
            "Fehler 401: Authentifizierung fehlgeschlagen",
            "Ошибка аутентификации: проверьте API-ключ",
        ),
        near_misses=(
            "SSL: 証明書の検証に失敗しました",
            "Erreur d'authentification du proxy (407)",
        ),
    ),
    Rule(
        "identity.key_invalid.not_found",
        "The key or token is not on record where it was sent (a relay's token table, a user"
        " store).",
        L,
        Cause.KEY_INVALID,
        says(
            "token_not_found_in_db",
            "unable to find token",
            "not found in db",
            "user not found",
            # Tencent Cloud's SecretId; AWS's signature check on the secret key
            "secretid is not found",
        ),
        priority=85,
        confidence=0.85,
        samples=("Chat request failed with status 401: User not found.",),
    ),
    Rule(
        "identity.key_invalid.login_failed",
        "A login to the service failed, and nothing beside it says the network stopped it:"
        " the credentials were refused.",
        L,
        Cause.KEY_INVALID,
        all_of(says("login fail"), none_of(_TRANSPORT_FAILED)),
        priority=85,
        confidence=0.7,
        samples=("Login failed. Please try again.",),
        near_misses=(
            "Login failed: Cannot connect to host auth.example.com:443 ssl:default [Network is"
            " unreachable]",
        ),
    ),
    # Unofficial web clients (Bard/Gemini web, Claude web, Suno, ChatGPT web wrappers) sign in
    # with a browser session cookie instead of an API key; when the service stops taking it,
    # they say so about the cookie.
    Rule(
        "identity.key_expired.cookie",
        "The browser session cookie a web client signs in with has expired or is out of date:"
        " take a fresh one from a signed-in browser.",
        L,
        Cause.KEY_EXPIRED,
        says(
            (
                r"cookies?\b[^\n]{0,60}?\b(?:(?:has |have |had |is |are )?expired|"
                r"(?:could|may|might) (?:get|have|be) expired|out of date|outdated)",
                "cookie",
            ),
            (r"cookie values? (?:are|is) up to date", "cookie value"),
            (r"(?:update|refresh|renew) (?:the |your )?[\w-]*cookies?\b", "cookie"),
        ),
        priority=88,
        confidence=0.8,
        samples=(
            "Error: session cookie has expired, copy a new one from your browser",
            "401 Unauthorized: please refresh your cookies and sign in again",
        ),
        near_misses=(
            "Please enable cookies.",
            "Request had invalid authentication credentials. Expected OAuth 2 access token,"
            " login cookie or other valid authentication credential.",
        ),
    ),
    Rule(
        "identity.key_invalid.cookie",
        "The browser session cookie a web client signs in with was refused as invalid (a"
        " wrong or incomplete copy, a value from another account): copy it again from a"
        " signed-in browser.",
        L,
        Cause.KEY_INVALID,
        says(
            (r"invalid (?:[\w-]+ )?[\w-]*(?:cookie|psid)", "cookie", "psid"),
            (
                r"(?:cookie|psid)s?\b[^\n]{0,30}?\b(?:is |are )?(?:invalid|not valid|incorrect)",
                "cookie",
                "psid",
            ),
            (r"check (?:the |your )?[\w-]*(?:cookie|psid)", "cookie", "psid"),
        ),
        priority=88,
        confidence=0.75,
        samples=(
            "Error: invalid session cookie. Please sign in again and copy the cookie.",
            "Exception: could not get the page token. Please check your __Secure-1PSID cookie.",
        ),
        near_misses=("Please enable cookies.",),
    ),
    Rule(
        "identity.key_invalid.cloud_signature",
        "A cloud's signed credentials were refused: the security token, client or signature"
        " does not match (AWS, Azure, Tencent).",
        L,
        Cause.KEY_INVALID,
        says(
            "invalid subscription key",
            "security token included in the request is invalid",
            "unrecognizedclient",
            "request signature we calculated does not match",
            "signaturedoesnotmatch",
            # Tencent Cloud (Hunyuan) API 3.0: AuthFailure.SignatureFailure, worded three ways
            "authfailure.signaturefailure",
            "credentials could not be validated",
            "request signature verification failed",
            "请求签名验证失败",
        ),
        priority=85,
        confidence=0.85,
        samples=(
            "⨯ UnrecognizedClientException: The security token included in the request is"
            " invalid.\n    at async POST (apps/app/app/api/chat/route.ts:19:19)",
            # the Node SDK's toLocaleString, with no code (a printed code is read as a body
            # code, where Hunyuan's catalogue row decides)
            "[TencentCloudSDKException]message:The provided credentials could not be"
            " validated. Please check your signature is correct  requestId:ed93f3cb",
            "Service error: AuthFailure.SignatureFailure:请求签名验证失败，"
            "请检查您的签名计算是否正确。",
        ),
    ),
    Rule(
        "identity.key_invalid.provider_sdk",
        "A tool's or SDK's own error class says the provider key it holds is invalid.",
        L,
        Cause.KEY_INVALID,
        says(
            "invalidproviderapikey",
            "invalidtokenerror",
        ),
        priority=85,
        confidence=0.85,
        samples=(
            "erniebot.errors.InvalidTokenError: 暂无权限使用，请在 AI Studio"
            " 正确获取访问令牌(access"
            " token)使用",
        ),
    ),
    Rule(
        "identity.key_invalid.non_english",
        "A Chinese, Russian or Japanese server says the key or token is invalid, or"
        " authentication failed.",
        L,
        Cause.KEY_INVALID,
        says(
            "无效的令牌",
            "令牌无效",
            "无效令牌",
            "认证失败",
            (r"api key ?错误", "api key"),
            "未授权",
            "身份验证失败",
            "鉴权失败",
            "密钥无效",
            (r"无效的api ?密钥", "无效的api"),
            (r"неверный api[- ]ключ", "неверный api"),
            "無効なapiキー",
            # Traditional Chinese
            (r"無效的?令牌|令牌無效", "令牌"),
            (r"(?:認證|身份驗證|鑑權)失敗", "失敗"),
            "未授權",
        ),
        priority=85,
        confidence=0.85,
        samples=(
            "API密钥无效",
            '{"error":{"code":"1000","message":"身份验证失败。"}}',
            "HTTP 401 認證失敗，請確認金鑰",
            "Error code: 401 - {'error': {'message': '无效的令牌 (request id: 2024)', 'type':"
            " 'new_api_error'}}",
        ),
    ),
    Rule(
        "identity.key_invalid.cli",
        "A coding agent says its key is invalid and asks you to log in again.",
        L,
        Cause.KEY_INVALID,
        says(
            "invalid api key",
            "please run /login",
            "not logged in",
            "login required",
            (r"re-?authenticate", "authenticate"),
        ),
        priority=80,
        confidence=0.7,
        samples=("Login required. Please run /login",),
        near_misses=("Please run /model to choose a model",),
    ),
    Rule(
        "identity.status_401",
        "401 means the request was not authenticated; with no other detail the key is suspect.",
        L,
        Cause.KEY_INVALID,
        any_of(
            status(401),
            # openai/anthropic SDKs; langchain4j's AuthenticationException
            exception("AuthenticationError", "AuthenticationException"),
            says(
                (r"\b401 unauthorized", "401 unauthorized"),
                (r"\bunauthorized\b", "unauthorized"),
            ),
        ),
        priority=12,
        confidence=0.55,
        samples=(
            "401 status code (no body)",
            # nginx/openresty's own page in front of an API that wants a key
            "<html><head><title>401 Authorization Required</title></head><body><center><h1>401 "
            "Authorization Required</h1></center><hr><center>openresty</center></body></html>",
        ),
        near_misses=("402 Payment Required",),
    ),
    Rule(
        "identity.org_mismatch",
        "The key is valid but belongs to another organization, project or workspace.",
        L,
        Cause.ORG_MISMATCH,
        any_of(
            says(
                "mismatched_organization",
                "organization header should match",
                "no such organization",
                "member of an organization",
                (r"does not belong to (?:the )?(?:organization|project)", "does not belong to "),
                "invalid organization",
                (r"not (?:a )?member of (?:the )?(?:organization|project)", "member of "),
                "no longer a member of",
                # OpenAI: "You do not have access to the organization tied to the API key."
                (
                    r"(?:do not|don't|no) (?:have )?access to (?:the |this )?organization",
                    "access to the organization",
                    "access to this organization",
                    "access to organization",
                ),
            ),
            field_is("code", "mismatched_organization", "no_organization", "invalid_organization"),
            # Google: the consumer (project) named in the request is not a valid one.
            field_is("reason", "consumer_invalid"),
        ),
        priority=91,
        confidence=0.85,
        samples=(
            "OpenAI-Organization header should match organization for API key",
            "You must be a member of an organization to use the API.",
            "AI_APICallError: You do not have access to the organization tied to the API key.",
        ),
        near_misses=("This request would exceed the rate limit for your organization",),
    ),
    Rule(
        "identity.org_mismatch.cloud_project",
        "The cloud project, workspace or tenant the request names does not exist or does not"
        " match the credentials.",
        L,
        Cause.ORG_MISMATCH,
        says(
            (r"project[^\n]{0,40}(?:does not exist|not found|archived)", "project"),
            (r"workspace[^\n]{0,40}(?:not found|does not exist|archived)", "workspace"),
            "consumer_invalid",
            "permission denied on resource project",
            # Gemini CLI: a Workspace account must name its Google Cloud project; Azure: a
            # token issued by another tenant
            "requires setting the google_cloud_project",
            "invalidauthenticationtokentenant",
            "access token is from the wrong issuer",
            # Azure AI services: "Token tenant <id> does not match resource tenant", "Tenant
            # provided in token does not match resource token"
            (r"(?:does not|doesn't) match (?:the )?resource(?:'s)? (?:tenant|token)", " match "),
        ),
        priority=91,
        confidence=0.85,
        samples=(
            "InvalidAuthenticationTokenTenant: The access token is from the wrong issuer 'https://sts.windows.net/abc/'.",
            "This account requires setting the GOOGLE_CLOUD_PROJECT or"
            " GOOGLE_CLOUD_PROJECT_ID env var.",
            "Error: 400 Token tenant 0000 does not match resource tenant.",
        ),
    ),
    Rule(
        "identity.permission_region",
        "The provider does not serve the country or region the request came from.",
        L,
        Cause.PERMISSION_REGION,
        any_of(
            field_is("code", "unsupported_country_region_territory"),
            says(
                "country, region, or territory not supported",
                "location is not supported",
                (r"not access(?:ible)? from data center", " from data center"),
                (
                    r"(?:doesn't|does not|don't|do not) serve your (?:region|country)",
                    " serve your ",
                ),
                # "not currently available in your location" (Gemini Code Assist's free tier),
                # "not yet offered in your area"
                (
                    r"not (?:currently |yet |presently )?(?:available|supported|offered) in your"
                    r" (?:region|country|location|area|territory)",
                    " in your ",
                ),
                (r"is not available in your (?:country|region|location)", "available in your "),
                (r"unsupported[_ ](?:countr|region|location)", "unsupported"),
                (r"(?:country|region) (?:is )?not supported", "not supported"),
                (r"不支持[^\n]{0,10}(?:地区|国家)", "不支持"),
                # clients retelling the provider's country block: "OpenAI has blocked access to
                # the API for some countries"
                (
                    r"blocked access [^\n]{0,30}(?:for|from|in) (?:some|certain|your)"
                    r" (?:countries|regions|country|region)",
                    "blocked access ",
                ),
            ),
        ),
        priority=95,
        confidence=0.9,
        samples=(
            "✕ [API Error: User location is not supported for the API use. (Status:"
            " FAILED_PRECONDITION)]",
            "Sign-in failed: this assistant tier is not currently offered in your area.",
            "Request failed: the provider has blocked access to its API from certain countries.",
        ),
        near_misses=("x-ms-region: East US", "in East US 2 have exceeded the token rate limit"),
    ),
    # Google Antigravity (the IDE, its CLI and the managers and proxies built on its accounts)
    # refusing an account after sign-in: "Your current account is not eligible for
    # Antigravity", "this account is ineligible to use Antigravity", "Account ineligible".
    # Its FAQ and maintainers trace this check to the country the Google account is associated
    # with (or the exit IP's), and changing the account's associated region lifts it.
    Rule(
        "identity.permission_region.antigravity_eligibility",
        "Google Antigravity says the signed-in account is not eligible or is ineligible ('not"
        " eligible for Antigravity', 'ineligible to use Antigravity'): its eligibility check"
        " reads the account's associated country, which Antigravity does not serve.",
        L,
        Cause.PERMISSION_REGION,
        says(
            (
                r"(?:not eligible for|ineligible (?:to use|for)) (?:google )?antigravity",
                "eligible for",
                "ineligible ",
            ),
            (r"account ineligible[^\n]{0,20}antigravity", "account ineligible"),
        ),
        priority=93,
        confidence=0.75,
        samples=(
            "Login failed: your account is not eligible for Antigravity.",
            "Error: this Google account is ineligible to use Antigravity",
        ),
        near_misses=(
            "Your account is not eligible for the free trial",
            "Antigravity: account verified",
        ),
    ),
    Rule(
        "identity.permission_region.client_note",
        "A client's hedged note that it might not be available in your country (Claude Code"
        " prints it under every failed start; LobeChat shows 'your current location does not"
        " support this model service' for any 403): it decides only when no line names the"
        " failure.",
        L,
        Cause.PERMISSION_REGION,
        says(
            (r"might not be available in your (?:country|region)", "available in your "),
            # a reverse proxy's "your country may not be supported yet"
            (r"(?:country|region) (?:may|might) not be supported", "not be supported"),
            "supported-countries",
            (r"(?:current |your )location (?:does not|doesn't) support", "location "),
        ),
        priority=70,
        confidence=0.5,
        samples=(
            "Unable to connect to Anthropic services\n\nFailed to connect to api.anthropic.com:"
            " ERR_BAD_REQUEST\n\nPlease check your internet connection and network settings."
            "\n\nNote: Claude Code might not be available in your country. Check supported"
            " countries at https://anthropic.com/supported-countries",
        ),
        near_misses=("Claude Code is not available in your plan.",),
    ),
    Rule(
        "identity.permission_region.anthropic",
        "Anthropic answers 403 'Request not allowed' to requests from unsupported regions.",
        L,
        Cause.PERMISSION_REGION,
        all_of(
            # the type also comes printed by clients as "Error type: forbidden, Message: ..."
            any_of(
                status(403),
                field_is("type", "forbidden"),
                says(
                    "error type: forbidden",
                ),
            ),
            says(
                "request not allowed",
            ),
        ),
        priority=86,
        confidence=0.6,
        samples=(
            "Error type: forbidden, Message: request not allowed.",
            '403 {"type":"error","error":{"type":"forbidden","message":"Request not allowed"}}',
        ),
        near_misses=("405 Method Not Allowed",),
    ),
    Rule(
        "identity.policy_block.secure_web_gateway",
        "A company's secure web gateway (Zscaler and the like) blocked the call by policy and "
        "answered with its own page.",
        L,
        Cause.POLICY_BLOCK,
        all_of(
            says(
                "zscloud.net",
                (r"\bzscaler\b", "zscaler"),
                "reputation block outbound request",
                "netskope",
            ),
            # the gateway's TLS inspection re-signs the API's certificate with the company's
            # root, which the client's own bundle (certifi, Node's, Go's) does not trust: a
            # certificate the client refuses is the trust store (network/tls_verify), not a block
            # (ueli #619, britive/python-cli #213, librespeed/speedtest-cli #80, safe-chain #209)
            none_of(
                says(
                    "certificate verify failed",
                    "certificate_verify_failed",
                    "certverificationerror",
                    "self signed certificate",
                    "self-signed certificate",
                    "unable to get local issuer",
                    "unable_to_verify_leaf_signature",
                    "unable to verify the first certificate",
                    "certificate signed by unknown authority",
                    "self_signed_cert_in_chain",
                    "sslcertverificationerror",
                    "unable_to_get_issuer_cert_locally",
                    "pkix path building failed",
                )
            ),
        ),
        priority=95,
        origin=Origin.PROXY,
        confidence=0.8,
        samples=("Reputation block outbound request: malicious URL https://help.zscaler.com/zia",),
        near_misses=(
            "Sorry, you have been blocked | Cloudflare",
            "Behind Zscaler: requests.exceptions.SSLError: HTTPSConnectionPool(host='api.openai"
            ".com', port=443): Max retries exceeded (Caused by SSLError(SSLCertVerificationError("
            "1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local"
            " issuer certificate (_ssl.c:1006)')))",
            "Error: self-signed certificate in certificate chain (we are behind Zscaler)",
            "requests.exceptions.SSLError: (Caused by SSLError(SSLCertVerificationError(1, '[SSL:"
            " CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer"
            " certificate'))) -- Zscaler root CA not in certifi",
        ),
    ),
    Rule(
        "identity.policy_block.ollama_origin",
        "Ollama answers 403 only to a browser origin it does not allow (OLLAMA_ORIGINS).",
        L,
        Cause.POLICY_BLOCK,
        all_of(
            status(403),
            says(
                (r"11434/api/(?:tags|chat|generate|embed)\b", "11434/api/"),
                ":11434/",
            ),
            # with no body: a 403 that says why (a cloud model's subscription) is not this
            lambda v: None if any(b.message for b in v.ev.bodies) else {"body": "none"},
        ),
        priority=88,
        confidence=0.65,
        samples=("GET http://example.com:6080/x/11434/api/tags net::ERR_ABORTED 403 (Forbidden)",),
        near_misses=(
            "GET http://localhost:11434/api/tags net::ERR_CONNECTION_REFUSED",
            "Error: 403 error code: 1003 at (src/app/api/chat/route.ts:17:21)",
        ),
    ),
    Rule(
        "identity.policy_block.waf",
        "A CDN or WAF blocked the request before it reached the API.",
        L,
        Cause.POLICY_BLOCK,
        any_of(
            says(
                "sorry, you have been blocked",
                "attention required! | cloudflare",
                "using a security service to protect itself",
                "triggered the security solution",
                "used cloudflare to restrict access",
                "error 1020",
                "request blocked by",
                (r"access denied \| [^\n]{0,60}cloudflare", "access denied | "),
                "the request was blocked",
                "cloudflare detected",
                "cloudflareerror",
                # (not /cdn-cgi/challenge-platform/: Cloudflare injects that script into
                # Cloudflare's bot challenge page: a script client can never pass it
                # every page it serves, a plain 401 page included)
                "<title>just a moment...</title>",
                "enable javascript and cookies to continue",
                # the challenge page's own script state and its retry token (window._cf_chl_opt,
                # ?__cf_chl_rt_tk=, __cf_chl_tk): only a challenge page carries them
                "_cf_chl_opt",
                "__cf_chl_",
                # the first line of Cloudflare's block page ("Attention Required!")
                "please enable cookies.",
                # a web client (a browser extension, an unofficial wrapper) retelling the
                # same challenge: it cannot pass it for the user
                (r"pass (?:the )?cloudflare(?:'s)? (?:check|challenge)", "cloudflare"),
                (r"cloudflare (?:challenge|captcha|turnstile) (?:failed|required)", "cloudflare"),
            ),
            all_of(status(403), html()),
        ),
        priority=94,
        origin=Origin.GATEWAY,
        confidence=0.85,
        samples=(
            'API Error: 403 <!DOCTYPE html><html lang="en-US"><head><title>Just a '
            "moment...</title></head><body>Enable JavaScript and cookies to "
            "continue</body></html>",
            "Error: HTTP code 403 from API (<!DOCTYPE html><html><head><title>Attention Required!"
            " | Cloudflare</title></head><body><h1>Sorry, you have been blocked</h1></body>",
            "bootstrap failed: status=403, body=<html><script>window._cf_chl_opt={cRay:'8f2a',"
            "cType:'managed'}</script></html>",
            "Request blocked: open the site in your browser to pass the Cloudflare challenge",
        ),
        near_misses=(
            "<title>502: Bad gateway</title> cloudflare",
            '<script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script>',
        ),
    ),
    Rule(
        "identity.policy_block.relay_token",
        "A relay bars the caller itself: the token's IP allowlist does not include the"
        " caller, or the user is banned (new-api's 403 access_denied and user_disabled).",
        L,
        Cause.POLICY_BLOCK,
        says(
            "不在令牌允许访问的列表",
            "not in the token's allowed",
            "client ip is not allowed by token",
            # one-api's token subnet check (middleware/auth.go): "该令牌只能在指定网段使用：
            # 10.0.0.0/8，当前 ip：1.2.3.4"
            "该令牌只能在指定网段使用",
            "用户已被封禁",
        ),
        priority=93,
        origin=Origin.RELAY,
        confidence=0.85,
        samples=(
            '{"error":{"message":"您的 IP 不在令牌允许访问的列表中 (request id: 2025)","type":'
            '"new_api_error","code":"access_denied"}}',
            '{"error":{"message":"用户已被封禁","type":"new_api_error","code":"user_disabled"}}',
            '{"error":{"message":"该令牌只能在指定网段使用：192.168.0.0/24，当前 ip：203.0.113.7",'
            '"type":"one_api_error"}}',
        ),
        near_misses=("该令牌已过期",),
    ),
    Rule(
        "identity.policy_block.client_restricted",
        "A coding plan's key is served only to the coding agents it was sold for (Kimi For"
        " Coding answers other clients 403, typed access_terminated_error).",
        L,
        Cause.POLICY_BLOCK,
        says(
            (
                r"only (?:available|allowed|supported) (?:for|in|with|to) coding"
                r" (?:agents|tools|scenarios)",
                "coding ",
            ),
            # Claude Relay Service and its forks: a relay key limited to listed clients
            # (allowedClients: ['claude_code']) refuses any other client or User-Agent, 403
            # "Client not allowed" (its auth middleware; forks' notes of the same body)
            "client is not authorized to use this api key",
            "allowedclients",
            # its Claude-Code-only switch ("This endpoint only accepts requests from Claude Code
            # CLI")
            (r"only accepts requests from claude code", "only accepts requests from"),
            # a relay that serves only one client's traffic: "you appear to be making a
            # request using a non-Claude code cli client, which is prohibited"
            (r"request using a non-[\w .-]{1,40}?client", "using a non-"),
        ),
        priority=95,
        confidence=0.75,
        samples=(
            "Server: Error code: 403 - {'error': {'message': 'Kimi For Coding is currently"
            " only available for Coding Agents such as Kimi CLI, Claude Code, Roo Code, Kilo"
            " Code, etc.', 'type': 'access_terminated_error'}}",
            "Error: [provider.api_error] 403 Kimi For Coding is currently only available for"
            " Coding Agents such as Kimi CLI",
            '{"error": "Client not allowed", "message": "Your client is not authorized to use'
            ' this API key", "allowedClients": ["claude_code"]}',
            '{"error":{"message":"you appear to be making a request using a non-Claude Code'
            ' client, which is prohibited","type":"invalid_request_error"}}',
        ),
        near_misses=("This model is available for coding and chat.",),
    ),
    # An aggregator's account privacy setting (no training on prompts, zero data retention)
    # leaves no endpoint for the model: OpenRouter's "No endpoints found matching your data
    # policy", "...matching your guardrail restrictions and data policy", "Paid model training
    # violation (account settings): 1 endpoint excluded" (its ZDR and privacy guides;
    # anon-kode #13, Flow.Launcher AI-Assistant #2, sai #115). The account's policy refuses the
    # route, whatever status carries it (404, 502): the privacy settings lift it.
    Rule(
        "identity.policy_block.data_policy",
        "The account's data policy (no training on prompts, zero data retention, a guardrail)"
        " excludes every endpoint that serves the model: change the privacy settings or the"
        " model.",
        L,
        Cause.POLICY_BLOCK,
        says(
            (
                r"matching your (?:guardrail restrictions and )?data policy",
                "data policy",
            ),
            (r"model training violation", "training violation"),
        ),
        priority=90,
        confidence=0.8,
        samples=(
            "Error: 404 No endpoints found matching your data policy (Free model training)."
            " Configure: https://openrouter.ai/settings/privacy",
            "404 No endpoints available matching your guardrail restrictions and data policy.",
            "502 Free model training violation (account settings): 2 endpoints excluded",
        ),
        near_misses=(
            "404 No endpoints found for qwen/qwen-9b.",
            "Our data policy forbids storing prompts for longer than 30 days.",
        ),
    ),
    Rule(
        "identity.policy_block.account",
        "The account or organization is refused by policy (verification, suspension, terms).",
        L,
        Cause.POLICY_BLOCK,
        all_of(
            says(
                (
                    r"account (?:has been"
                    r" )?(?:suspended|banned|deactivated|disabled|terminated|blocked from)",
                    "account ",
                ),
                # Google's Gemini API refusing a whole project ("Your project has been denied
                # access. Please contact support."), whatever key of it is used
                (r"project (?:has been |was )?denied access", "denied access"),
                "account_deactivated",
                (
                    r"violat\w* (?:of )?(?:our |the |(?:the )?provider(?:'s)?"
                    r" )?(?:terms|usage polic|tos)",
                    "violat",
                ),
                (r"consumer[^\n]{0,40}has been suspended", "has been suspended"),
                "disabled in this account",
                (r"not allowed for (?:this |your )?organization", "not allowed for "),
                # AIProxy: "settings specify that requests to /v1/threads be denied"
                (r"specify that requests to [^\n]{0,60} be denied", "specify that requests to "),
                "organization has been disabled",
                (
                    r"(?:organi[sz]ation|account|team) (?:has been |is |was )?"
                    r"(?:restricted|banned)",
                    "restricted",
                    "banned",
                ),
                # Moonshot's Kimi Code: the subscription was terminated for abuse
                "access terminated. review our",
                "access_terminated_error",
                # OpenAI's access_terminated ("Your access was terminated due to violation of
                # our policies"), which the old Python SDK raised as a RateLimitError
                (r"access (?:was|has been) terminated due to", "terminated due to"),
                (
                    r"access (?:to this|has been) (?:restricted|revoked)",
                    "access to this",
                    "access has been",
                ),
            ),
            _NOT_A_CONTENT_REFUSAL,
        ),
        priority=92,
        confidence=0.85,
        samples=(
            '{"error":{"message":"Access terminated. Review our Community Guidelines or'
            ' contact support for assistance.","type":"access_terminated_error"}}',
            "Your account has been deactivated, please check your email.",
            "openai.error.RateLimitError: Your access was terminated due to violation of our"
            " policies, please check your email for more information.",
            'ErrorStatus(403, "{\\"error\\":\\"Your account has been blocked from using AI'
            ' features. If you think this is in error, please contact appeals.\\"}")',
            "xray: Gemini returned 403: Your project has been denied access. Please contact"
            " support.",
        ),
        near_misses=(
            "The model `o3` does not exist",
            "Your request has been blocked by our content filter",
        ),
    ),
    # Google's Cloud Code endpoint (Antigravity, Gemini CLI, Gemini Code Assist and the relays
    # built on their accounts) refusing an account until its owner completes Google's account
    # verification: 403 PERMISSION_DENIED with reason VALIDATION_REQUIRED and "Verify your
    # account to continue" or "To continue, verify your account at <link>". The account is
    # held by policy until verified, not missing a role; an eligibility refusal ("is not
    # eligible for ...") names the account's kind or country instead and is left to others.
    Rule(
        "identity.policy_block.verify_account",
        "The service holds the account until its owner verifies it (Google's VALIDATION_REQUIRED:"
        " 'Verify your account to continue', 'To continue, verify your account at ...').",
        L,
        Cause.POLICY_BLOCK,
        all_of(
            any_of(
                says(
                    "verify your account to continue",
                    "to continue, verify your account",
                    "validation_required",
                ),
                field_is("reason", "validation_required"),
            ),
            none_of(says("eligible")),
        ),
        priority=92,
        confidence=0.75,
        samples=(
            "Antigravity [403]: Verify your account to continue.",
            'HTTP 403: {"error": {"code": 403, "message": "To continue, verify your account at'
            ' https://accounts.google.com/signin/continue?sarp=1", "status":'
            ' "PERMISSION_DENIED"}}',
        ),
        near_misses=(
            "Please verify your API key and try again",
            "Verify your email address to continue",
        ),
    ),
    Rule(
        "identity.policy_block.verification",
        "The organization must be verified before it may use this model or feature.",
        L,
        Cause.POLICY_BLOCK,
        all_of(
            says(
                "organization must be verified",
                # "organizations must be verified to stream this model", "your org must be
                # verified to use"
                (r"(?:organizations|\borg) must be verified", " must be verified"),
                (r"verify (?:your )?organization", "organization"),
                "complete organization verification",
            ),
            _NOT_A_CONTENT_REFUSAL,
        ),
        priority=92,
        confidence=0.85,
        samples=(
            "Error code: 403 - {'error': {'message': 'To access gpt-image-1, please complete"
            " organization verification', 'type': 'image_generation_user_error'}}",
            "Your organization must be verified to use the model `o3`. Please go to: https://platform.openai.com/settings/organization/general",
        ),
    ),
    Rule(
        "identity.policy_block.abuse",
        "The provider blocked the account or client as suspected abuse (too many devices or"
        " trial accounts, detected behaviour).",
        L,
        Cause.POLICY_BLOCK,
        all_of(
            says(
                (r"too many (?:computers|devices|machines)", "computers", "devices", "machines"),
                "to prevent abuse",
                "too many free trial accounts",
                # Azure OpenAI suspending a resource for abuse
                "temporarily blocked because we detected behavior",
                # an abuse check that names the use ("We have detected that you are using the
                # slow pool excessively"), an account's suspension typed as trial abuse
                (
                    r"(?:detected|noticed) that you(?: are|'re) using [^.\n]{0,40}excessively",
                    "excessively",
                ),
                (r"\btrial[_ ]abuse\b", "trial"),
                # a company gateway allowing only some operations: "invoke is blocked please
                # use converse"
                (r"is blocked,? please use", " please use"),
            ),
            _NOT_A_CONTENT_REFUSAL,
        ),
        priority=92,
        confidence=0.85,
        samples=("invoke is blocked please use converse /converse-stream",),
    ),
    # A 403 to listing models: the credential is recognised but this account may not list
    # (or use) the models: a seat or organisation policy with the feature turned off, a
    # client not enabled for the account, or an egress proxy that refuses the host. Not a
    # missing model (the list never came) and not the server's failure. Placed before the
    # policy rules: most of these accounts lack the entitlement; a policy is the rarer case.
    Rule(
        "identity.permission_model.model_list",
        "Listing the models was refused with 403: the account is not entitled to this client"
        " or feature (a seat, a trial, an organisation's policy turning it off), or a proxy in"
        " between refuses the host. Check the account's feature settings and any egress"
        " allowlist.",
        L,
        Cause.PERMISSION_MODEL,
        says(
            (
                r"(?:(?:failed|unable) to (?:list|fetch|load|get|retrieve) (?:the )?(?:available )?"
                r"models|error (?:loading|fetching|listing) (?:the )?models?(?: list)?)[^\n]{0,40}"
                r"\b403\b",
                "model",
            ),
        ),
        priority=90,
        confidence=0.7,
        samples=(
            "[copilot]: Error loading model list: Error: Failed to list models: 403 Forbidden",
            "Unable to fetch models: HTTP 403 Forbidden",
        ),
        near_misses=("Failed to list models: 500 Internal Server Error",),
    ),
    Rule(
        "identity.policy_block.key_restriction",
        "The key's own restrictions refuse this caller (a referrer, an IP address, an app, a"
        " browser, an organization's OAuth policy).",
        L,
        Cause.POLICY_BLOCK,
        all_of(
            says(
                "requests from referer",
                "referrer_blocked",
                "api_key_ip_address_blocked",
                (r"api_key_(?:android|ios)_app_blocked", "_app_blocked"),
                "oauth_org_not_allowed",
                (r"has disabled [^\n]{0,40}access", "has disabled "),
                # Anthropic refuses browser (CORS) calls without an explicit opt-in header
                "cors requests must",
                "dangerous-direct-browser-access",
            ),
            _NOT_A_CONTENT_REFUSAL,
        ),
        priority=92,
        confidence=0.85,
        samples=(
            '{"error":{"code":403,"message":"Requests from referer <empty> are'
            ' blocked.","status":"PERMISSION_DENIED",'
            '"details":[{"reason":"API_KEY_HTTP_REFERRER_BLOCKED"}]}}',
        ),
    ),
    # An allowlist of client addresses refusing the caller's IP: gateways' model or key IP
    # restrictions (AISIX's 403 "Access denied: your client IP is not allowed to access this
    # model", code ip_restricted; api_key_ip_forbidden in a key-allowlist error catalogue),
    # "IP not whitelisted", "IP address is not in the allowlist", Chinese APIs' "IP 不在白名单".
    # The key is recognised; the network it came from is not allowed. A country or region
    # refused is identity.permission_region.
    Rule(
        "identity.policy_block.ip_allowlist",
        "The caller's IP address is not on the key's, model's or account's allowlist ('client"
        " IP is not allowed', 'IP not whitelisted', 'not in the allowlist', ip_restricted,"
        " 'IP 不在白名单'): call from an allowed address or add this one.",
        L,
        Cause.POLICY_BLOCK,
        all_of(
            says(
                (
                    r"\bip (?:address )?(?:is |was )?not (?:in (?:the |your |an? )?(?:allow ?-?list"
                    r"|white ?-?list|allowed list|allowed ips|ip allowlist)|whitelisted"
                    r"|allow-?listed|allowed|authori[sz]ed|permitted)",
                    "ip ",
                ),
                "ip_restricted",
                "api_key_ip_forbidden",
                "ip_not_allowed",
                "ip_not_whitelisted",
                (r"(?:不在|未在|未加入)(?:ip ?)?白名单", "白名单"),
            ),
            none_of(says("country", "region", "territory", "location", "国家", "地区")),
        ),
        priority=92,
        confidence=0.8,
        samples=(
            '403 {"error":{"message":"Access denied: your client IP is not allowed to access'
            ' this model","type":"permission_denied","code":"ip_restricted"}}',
            "403 Forbidden: IP not whitelisted for this API key",
            '{"code":403,"msg":"请求 IP 不在白名单中"}',
        ),
        near_misses=(
            "403 Your IP address is not allowed: country, region, or territory not supported",
            "Requests per IP are limited to 60 per minute",
        ),
    ),
    Rule(
        "identity.policy_block.network_policy",
        "A cloud's network or access policy denies the request (public access disabled, a"
        " firewall, an explicit deny).",
        L,
        Cause.POLICY_BLOCK,
        all_of(
            says(
                (r"public (?:network )?access is disabled", "access is disabled"),
                (r"configure (?:a )?private endpoint", "private endpoint"),
                # cloud policies: AWS SCP denies, Azure network rules on the resource
                "explicit deny",
                "service control policy",
                "virtual network/firewall",
                "virtual network is configured",
                "outbound network access is restricted",
                "allowed fqdn list",
                "trafficdenied",
            ),
            _NOT_A_CONTENT_REFUSAL,
        ),
        priority=92,
        confidence=0.85,
        samples=("Public access is disabled. Please configure private endpoint",),
    ),
    Rule(
        "identity.policy_block.suspended",
        "The account is suspended or locked, and not for want of money.",
        L,
        Cause.POLICY_BLOCK,
        all_of(
            says(
                (
                    r"account (?:may be |is |was |has been )?(?:temporarily |permanently )?"
                    r"suspended",
                    "suspended",
                ),
                (r"is (?:temporarily )?suspended", "suspended"),
                # "Your account <name> has been suspended because ..." (the name between)
                (
                    r"account\b[^\n]{0,60} has been (?:temporarily |permanently )?suspended",
                    "suspended",
                ),
                "locked your account",
                (r"account (?:has been |is )?locked", "account "),
                # fal: "User is locked. Reason: Admin lock" (its "Reason: Exhausted balance"
                # names the money and is left to the quota rules)
                (r"\buser (?:has been |is )locked", "user "),
            ),
            none_of(
                says(
                    "balance",
                    "credit",
                    "quota",
                    "overdue",
                    "payment",
                    "billing",
                    "欠费",
                    "余额",
                )
            ),
        ),
        priority=92,
        confidence=0.75,
        samples=(
            "Access forbidden (403): account may be suspended or lack permissions",
            "Your User ID (abc) temporarily is suspended. We've locked your account as a security "
            "precaution.",
            '403 {"detail": "User is locked. Reason: Admin lock. Please contact support."}',
            "Your account jane@example.com has been suspended. Contact support to learn more.",
        ),
        near_misses=(
            "Your account is suspended due to insufficient balance",
            "Your account jane@example.com has been suspended: the payment failed.",
        ),
    ),
    # A provider's or client's risk control refusing an account, device or IP it judges
    # suspicious: Cursor's "detected suspicious activity from your account", ChatGPT's "Our
    # systems have detected unusual activity from your system", Trae's "This account is at
    # risk", a service's "Abnormal access behavior detected by risk control", Chinese
    # relays' and web-to-API bridges' "触发风控" / "账号被风控". Policy, not the key: the key
    # is recognised and refused. A throttle imposed for the same reason ("temporary limits
    # on how frequently your account can make requests") is a rate and stays with the rate
    # rules.
    Rule(
        "identity.policy_block.risk_control",
        "The provider's risk control refuses the account, device or address as suspicious"
        " ('detected suspicious/unusual activity', 'account is at risk', 'risk control',"
        " '风控'): a policy block, cleared by support or by another device or network.",
        L,
        Cause.POLICY_BLOCK,
        all_of(
            says(
                (
                    r"(?:detected|detects|noticed) (?:some )?(?:suspicious|unusual|abnormal)"
                    r" (?:user |account |network |access )?(?:activity|behaviou?r|traffic)",
                    "suspicious",
                    "unusual",
                    "abnormal",
                ),
                (
                    r"(?:suspicious|unusual|abnormal) (?:user |access )?(?:activity|behaviou?r)"
                    r" (?:was |has been )?detected",
                    "suspicious",
                    "unusual",
                    "abnormal",
                ),
                (r"account (?:is|was|has been) (?:at risk|flagged as risky)", "account "),
                "by risk control",
                "risk control triggered",
                "风控",
                (r"(?:账号|账户|帐号|帐户)存在(?:安全)?风险", "风险"),
            ),
            none_of(
                says(
                    "how frequently",
                    "rate limit",
                    "too many requests",
                    "balance",
                    "quota",
                    "余额",
                    "额度",
                )
            ),
        ),
        priority=92,
        confidence=0.75,
        samples=(
            '{"detail":"Our systems have detected unusual activity from your system. Please'
            ' try again later."}',
            "Login failed: This account is at risk. Please contact our feedback address.",
            '{"jsonrpc":"2.0","error":{"code":-32603,"message":"Abnormal access behavior'
            ' detected by risk control"}}',
            "ERROR | get_token - 触发风控，请更换账号或稍后再试",
            "403 当前账号存在风险，已限制使用",
        ),
        near_misses=(
            "Due to suspicious activity, we are imposing temporary limits on how frequently"
            " your account can make requests.",
            "Risk assessment: the model output may contain unusual formatting",
        ),
    ),
    Rule(
        "identity.permission_model",
        "The key is recognised but not allowed this model, endpoint or operation.",
        L,
        Cause.PERMISSION_MODEL,
        any_of(
            says(
                (
                    r"(?:do not|don't|does not) have access to (?:the |this )?model",
                    " have access to ",
                ),
                (r"model requires a (?:subscription|paid plan)", "model requires a "),
                (r"(?:does not|doesn't) work with your (?:current )?plan", " work with your "),
                (r"no access to (?:the |this )?model", "no access to "),
                (r"model[^\n]{0,40}not (?:enabled|allowed)", "model"),
                (r"access to model[^\n]{0,30}denied", "access to model"),
                "model access",
                # one-api/new-api and their forks: the token's model list lacks the model
                "无权使用模型",
                "无权访问模型",
                "无权使用该模型",
                # Claude Code when the organization's plan does not include it
                (
                    r"(?:organization|account) does not have access to claude",
                    " does not have access to claude",
                ),
                # Volcengine Ark: ModelNotOpen, "has not activated the model"
                "not activated the model",
                "modelnotopen",
                (r"(?:allowed|available) (?:only )?for (?:build |usage )?tiers? \d", "for "),
                (r"\bmodel disabled\b", "model disabled"),
            ),
            field_is("status_text", "permission_denied"),
            field_is("type", "permission_error", "permission_denied"),
            exception("AccessDeniedException", "PermissionDeniedError"),
        ),
        priority=84,
        confidence=0.75,
        samples=(
            "Error: Your organization does not have access to Claude. Please login again or"
            " contact your administrator.",
            '{"error":{"message":"该令牌无权使用模型：gpt-4o (request id:'
            ' 20250312120000123456)","type":"new_api_error"}}',
            "An error occurred (AccessDeniedException) when calling the Converse operation:"
            " You don't have access to the model with the specified model ID.",
        ),
        near_misses=("The model `gtp-4` does not exist",),
    ),
    Rule(
        "identity.permission_model.plan_gated",
        "The model is kept for a paid plan or subscription the account does not have (Hugging"
        " Face's 'requires a Pro subscription', Ollama cloud's 'requires a subscription',"
        " Cursor's 'only available to paid users').",
        L,
        Cause.PERMISSION_MODEL,
        says(
            (
                r"models? requires? an? [\w. ]{0,30}?subscription",
                "requires a",
                "require a",
                "requires an",
                "require an",
            ),
            (
                r"only available (?:to|for) (?:paid|pro|paying|premium) (?:users|customers|"
                r"subscribers|plans?)",
                "only available to ",
                "only available for ",
            ),
            "free users can only use",
            # LobeChat's FreePlanLimit: "You are currently a free user and cannot use this
            # feature. Please upgrade to a paid plan"
            (r"(?:you are|you're) (?:currently )?a free user", "free user"),
            (r"(?:当前为|您是|你是)免费用户", "免费用户"),
            (r"not available on your current (?:plan|tier|subscription)", "on your current "),
        ),
        priority=90,
        confidence=0.75,
        samples=(
            '{"error":"Model requires a Pro subscription; check out hf.co/pricing to learn more."}',
            'API Error: 403 {"type":"error","error":{"type":"permission_error","message":"this'
            ' model requires a subscription, upgrade for access"}}',
            "Anthropic's latest models are currently only available to paid users. Please"
            " upgrade to a paid plan to use these models.",
        ),
        near_misses=("You've hit your usage limit. Upgrade to Pro or try again in 2 days.",),
    ),
    Rule(
        "identity.permission_model.cloud_permission",
        "The caller's cloud identity lacks a permission, role or scope for the call.",
        L,
        Cause.PERMISSION_MODEL,
        says(
            (
                r"not (?:allowed|authorized|permitted) to"
                r" (?:use|access|call|perform|sample|invoke|generate|create|run|query)",
                "not allowed to",
                "not authorized to",
                "not permitted to",
            ),
            "principal does not have access",
            "role assignment",
            "appidnoauth",
            (r"permission[^\n]{0,60}denied", "permission"),
            "insufficient permissions",
            "missing scopes",
            "insufficient_scope",
            "key_model_access_denied",
            "accessdeniedexception",
            "not have permission",
            # Hugging Face's fine-grained tokens
            "does not have sufficient permissions",
            # new-api's management API: "no permission for this operation"
            "无权进行此操作",
            # Azure RBAC: a data-plane call ("The principal `x` lacks the required data action
            # `Microsoft.CognitiveServices/...`") or a management one ("The client 'x' with
            # object id 'y' does not have authorization to perform action ...")
            "lacks the required data action",
            "does not have authorization to perform action",
        ),
        priority=84,
        confidence=0.75,
        samples=(
            "You have insufficient permissions for this operation. Missing scopes: model.request.",
            '{"error":{"message":"You are not allowed to sample from this'
            ' model","type":"invalid_request_error","param":null,"code":null}}',
            "azure.core.exceptions.ClientAuthenticationError: (PermissionDenied) The principal"
            " `abc` lacks the required data action"
            " `Microsoft.CognitiveServices/accounts/AIServices/agents/read` to perform `GET"
            " /api/projects/{projectName}/assistants` operation.",
            "(AuthorizationFailed) The client 'dev@contoso.com' with object id '1234' does not"
            " have authorization to perform action"
            " 'Microsoft.CognitiveServices/accounts/listKeys/action' over scope"
            " '/subscriptions/0000' or the scope is invalid.",
        ),
    ),
    Rule(
        "identity.permission_model.api_not_enabled",
        "The API or service is not enabled for the project, or its use is blocked for the key.",
        L,
        Cause.PERMISSION_MODEL,
        says(
            "has not been used in project",
            "accessnotconfigured",
            "service_disabled",
            (r"api (?:is )?(?:not enabled|disabled)", "not enabled", "disabled"),
            (r"requests to this api [^\n]{0,200}are blocked", "requests to this api "),
            "api_key_service_blocked",
            # Bedrock's Anthropic models need the use-case form first; SiliconFlow
            "use case details have not been submitted",
        ),
        priority=84,
        confidence=0.75,
        samples=(
            "ResourceNotFoundException: Model use case details have not been submitted for"
            " this account. Fill out the Anthropic use case details form before using the model.",
        ),
    ),
    Rule(
        "identity.permission_model.project",
        "The project, organization or key may not use this model (the model exists).",
        L,
        Cause.PERMISSION_MODEL,
        says(
            (
                r"(?:project|organization|key|account|user)[^\n]{0,80}(?:does not|do"
                r" not|don't) have access to (?:the |this )?model",
                " have access to ",
            ),
            (r"(?:does not|doesn't) work with your (?:current )?plan", " work with your "),
            # LiteLLM proxy: a key or team limited to some models
            "key not allowed to access model",
            "invalid model for team",
        ),
        priority=90,
        confidence=0.85,
        samples=(
            '{"error": {"message": "Project `proj_abc` does not have access to model '
            '`gpt-4o-mini`", "type": "invalid_request_error", "param": null, '
            '"code": "model_not_found"}}',
        ),
        near_misses=("The model `gtp-4` does not exist or you do not have access to it.",),
    ),
    # Claude Code's own line for a key the server rejected (its source prints this constant
    # for a 401 on a key from the environment or a helper): the server's reason is not shown,
    # so a key of another platform or a revoked key print the same (actions.HIDDEN_BY_CLIENT).
    Rule(
        "identity.key_invalid.client_line",
        "A coding agent's own line for a key the server rejected; it does not show the "
        "server's reason.",
        L,
        Cause.KEY_INVALID,
        says((r"invalid api key \S+ fix external api key", "fix external api key")),
        priority=86,
        origin=Origin.CLIENT,
        confidence=0.6,
        samples=("Invalid API key \u00b7 Fix external API key",),
        near_misses=("Not logged in \u00b7 Please run /login",),
    ),
    # An SDK refuses to send a request because it found no key (the OpenAI SDK's own words, also
    # when LiteLLM re-raises it as another class): nothing was sent.
    Rule(
        "identity.key_missing.sdk_no_credentials",
        "The SDK found no API key (argument or environment variable) and sent nothing.",
        L,
        Cause.KEY_MISSING,
        says(
            # openai-python and openai-node name what they would take: an `api_key`/`apiKey`,
            # Azure's AD token (provider), Bedrock's token provider ("Please pass one of
            # `apiKey` and `azureADTokenProvider`", "Please pass an `apiKey` or
            # `bedrockTokenProvider`")
            (
                r"missing credentials\. please pass (?:an|one of) `?(?:api_?key|azure|bedrock)",
                "missing credentials. please pass ",
            ),
            "api_key client option must be set",
        ),
        priority=83,
        origin=Origin.CLIENT,
        confidence=0.85,
        samples=(
            "openai.OpenAIError: Missing credentials. Please pass an `api_key`, "
            "`workload_identity`, `admin_api_key`, or set the `OPENAI_API_KEY` or "
            "`OPENAI_ADMIN_KEY` environment variable.",
            "OpenAIError: Missing credentials. Please pass one of `apiKey` and"
            " `azureADTokenProvider`, or set the `AZURE_OPENAI_API_KEY` environment variable.",
            "Missing credentials. Please pass an `apiKey` or `bedrockTokenProvider`, or set the"
            " `AWS_BEARER_TOKEN_BEDROCK` environment variable.",
        ),
        near_misses=(
            "Error code: 401 - Incorrect API key provided",
            "Missing credentials for the proxy. Please pass a username",
        ),
    ),
    # Google names the consumer it suspended: an API key ("Consumer 'api_key:AIza...' has
    # been suspended": that key is disabled, a new key works) or a project ('projects/123',
    # identity.policy_block.account). The key can be long, so the row allows 100 characters.
    Rule(
        "identity.key_expired.consumer_suspended",
        "Google suspended the API key itself (the consumer it names is an api_key, often one"
        " found leaked or abused): that key is disabled, not the project.",
        L,
        Cause.KEY_EXPIRED,
        says(
            (r"consumer '?api_key:[^\s']{0,100}'? (?:has been |is )?suspended", "api_key:"),
        ),
        priority=94,
        confidence=0.8,
        samples=(
            '{"error":{"code":403,"message":"Permission denied: Consumer \'api_key:AIzaSyD-'
            '0000000000000000000000000000000\' has been suspended.","status":'
            '"PERMISSION_DENIED"}}',
            "Error fetching from https://generativelanguage.googleapis.com: [403 Forbidden]"
            " Permission denied: Consumer 'api_key:AIza*************' has been suspended.",
        ),
        near_misses=("Permission denied: Consumer 'projects/123456' has been suspended.",),
    ),
    Rule(
        "identity.org_mismatch.project_membership",
        "The project, space or workspace the request names cannot be found for this"
        " credential, or the caller is not one of its members (watsonx's project_id and"
        " space_id, a team's workspace; watsonx's container_not_found code is its"
        " catalogue's): the key is valid, the container it names is not its own.",
        L,
        Cause.ORG_MISMATCH,
        says(
            # the container is named by an id ("project_id 1ae4...", "workspace 'ws-42'"),
            # not a local folder ("could not find project root")
            (
                r"(?:failed to|could not|couldn't|unable to|cannot) (?:find|locate|retrieve)"
                r" (?:the )?(?:project|workspace|organi[sz]ation|space(?=[_ ]id))(?:[_ ]id\b|:?"
                r" ['\"]?[\w\-]*\d)",
                "project",
                "space_id",
                "space id",
                "workspace",
                "organisation",
                "organization",
            ),
            (r"member in (?:the )?(?:project|space|workspace)", "member in "),
            (
                r"not (?:a )?(?:valid )?members? of (?:this|that|your|the|any|the specified)"
                r" (?:project|space|workspace|team|organi[sz]ation|tenant)",
                "member of ",
                "members of ",
            ),
            # Alibaba Cloud's UserNotInCurrentOrganization: "The current user is not in the
            # organization"
            (
                r"(?:user|caller|account|member) (?:is )?not in (?:the|this|that|your|current)"
                r" (?:current )?(?:project|workspace|organi[sz]ation|tenant)",
                "project",
                "workspace",
                "organisation",
                "organization",
                "tenant",
            ),
            "usernotincurrentorganization",
            (r"(?:project|workspace|organi[sz]ation)_not_found", "_not_found"),
        ),
        priority=91,
        confidence=0.8,
        samples=(
            "NotFoundError: Failed to find project_id 5f3c0000-0000 for this credential",
            '{"error":{"message":"You are not a member of this project.","code":403}}',
            "403: user IBMid-000000 is not a member of the space 0a1b2c3d",
            "Forbidden.InvalidUser.UserNotInCurrentOrganization: The current user is not in"
            " the organization and lacks the required permission.",
            '{"error":{"code":"organization_not_found","message":"No organization with id 42"}}',
        ),
        near_misses=(
            "Failed to find the model gpt-5 in this deployment",
            "You are a member of this project",
            "Error: could not find project root (no pyproject.toml)",
        ),
    ),
    Rule(
        "identity.key_invalid.provided_not_found",
        "The server looked up the key or token it was given and has no such one (IBM Cloud"
        " IAM's 'Provided API key could not be found', an API's 'the key you provided was not"
        " found'): a wrong, deleted or other account's key.",
        L,
        Cause.KEY_INVALID,
        says(
            (
                r"(?:provided|supplied|given|specified) (?:api[ _]?key|token|access key|"
                r"credentials?) (?:could not|cannot|can't|was not|wasn't|is not) (?:be )?found",
                "provided",
                "supplied",
                "given",
                "specified",
            ),
            (
                r"(?:api[ _]?key|token|access key) (?:you )?(?:provided|supplied|sent)"
                r" (?:could not|cannot|can't|was not|wasn't|is not) (?:be )?found",
                "provided",
                "supplied",
                " sent ",
            ),
            (
                r"(?:api[ _]?key|access token|auth(?:entication)? token|api token|bearer token)"
                r" (?:does not|doesn't) exist",
                "key does",
                "key doesn",
                "token does",
                "token doesn",
            ),
        ),
        priority=86,
        confidence=0.8,
        samples=(
            '{"error":"unauthorized","message":"The supplied API key could not be found."}',
            "401 Unauthorized: the API key you provided was not found.",
            '{"error":"unauthorized","message":"API token does not exist"}',
        ),
        near_misses=(
            "ValueError: OPENAI_API_KEY could not be found in the environment",
            "The model you provided was not found",
            "ValueError: pad token does not exist in the vocabulary",
        ),
    ),
    Rule(
        "identity.key_malformed.oauth_scope",
        "The OAuth token request was refused for its scope (RFC 6749's invalid_scope: a"
        " service account or default credentials used with no scope or a wrong one): the"
        " credential is not set up in the form the API takes; pass the API's scope"
        " (cloud-platform for Google Cloud).",
        L,
        Cause.KEY_MALFORMED,
        says(
            "invalid_scope",
            "invalid oauth scope",
            (r"(?:empty or )?missing scope(?:s)? (?:is )?not allowed", "scope"),
            (r"is not a valid audience string", "audience string"),
            (r"some requested scopes were invalid", "scopes were invalid"),
        ),
        priority=90,
        confidence=0.6,
        samples=(
            "google.auth.exceptions.RefreshError: ('invalid_scope: Invalid OAuth scope or ID"
            " token audience provided.', {'error': 'invalid_scope'})",
            "TokenResponseException: 400 Bad Request\nPOST https://oauth2.googleapis.com/token"
            '\n{"error":"invalid_scope","error_description":"Empty or missing scope not'
            ' allowed."}',
        ),
        near_misses=("Request had insufficient authentication scopes.",),
    ),
    Rule(
        "identity.key_malformed.auth_scheme",
        "The server received an Authorization header it cannot parse: no or another scheme"
        " than 'Bearer', or a value in the wrong form. A key was sent, in the wrong shape"
        " (a relay or SDK putting it in another header form, a pasted 'Bearer Bearer ...').",
        L,
        Cause.KEY_MALFORMED,
        all_of(
            says(
                (
                    r"(?:invalid|malformed|bad|unsupported|wrong) authori[sz]ation (?:header )?"
                    r"(?:format|scheme|type)",
                    "authorization",
                    "authorisation",
                ),
                (r"malformed (?:authori[sz]ation|bearer)", "malformed "),
                (
                    r"authori[sz]ation header (?:is |was )?(?:malformed|badly form(?:ed|atted)"
                    r"|not in the (?:correct|expected|right) format)",
                    "authorization header",
                    "authorisation header",
                ),
                # a format hint with a placeholder: "Expected: Bearer <token>"
                (
                    r"(?:expected|expecting|must be|should be|must start with|must begin with"
                    r"|format(?: is| should be)?):? ['\"`]?(?:authori[sz]ation: )?bearer [<{\[]",
                    "bearer <",
                    "bearer {",
                    "bearer [",
                ),
                (r"missing ['\"`]bearer['\"`] (?:type|prefix|scheme)", "bearer"),
                (
                    r"authori[sz]ation'?(?: header)? (?:has|had|with) (?:an )?invalid value",
                    "invalid value",
                ),
                "credentials were incorrectly formatted",
            ),
            # a hint that comes with a missing header is key_missing's
            none_of(
                says(
                    "missing authorization",
                    "authorization header is missing",
                    "authorization header missing",
                    "no authorization header",
                    "missing bearer token",
                    "authorization header is required",
                    "authorization header required",
                )
            ),
        ),
        priority=91,
        confidence=0.75,
        samples=(
            "401 Unauthorized: Invalid authorization header format. Expected: Bearer <token>",
            "{\"msg\":\"Missing 'Bearer' type in 'Authorization' header. Expected"
            " 'Authorization: Bearer <JWT>'\"}",
            '{"error":{"detail":"Authentication credentials were incorrectly formatted",'
            '"status":401,"title":"Unauthorized"}}',
            "HTTP 401: Authorization header is malformed",
        ),
        near_misses=(
            "Missing bearer token",
            "Authorization header is missing",
            "Incorrect API key provided: sk-abc",
            "401: Missing Authorization header. Expected: Bearer <token>",
        ),
    ),
    Rule(
        "identity.permission_model.token_permission",
        "The token is recognised but was issued without a permission the call needs (a"
        " fine-grained personal access token without 'Copilot Requests', a token without"
        " a scope): issue it with that permission.",
        L,
        Cause.PERMISSION_MODEL,
        says(
            (
                r"(?:access token|token|api key|key) (?:does not|doesn't|did not) have"
                r" (?:the )?[\w\-:. ]{1,40}? (?:permission|scope)s?\b",
                "token does not have",
                "token doesn't have",
                "token did not have",
                "key does not have",
                "key doesn't have",
                "key did not have",
            ),
            (
                r"(?:token|key) (?:is )?missing (?:the )?(?:required )?[\w\-:. ]{1,40}?"
                r" (?:permission|scope)s?\b",
                "token is missing",
                "token missing",
                "key is missing",
                "key missing",
            ),
        ),
        priority=86,
        confidence=0.75,
        samples=(
            'Model call failed: "401 401 unauthorized: Personal Access Token does not have'
            ' Copilot Requests permission\\n"',
            '{"message":"The access token is missing the required read:org scope"}',
        ),
        near_misses=("Incorrect API key provided: ghp_abc", "You do not have permission"),
    ),
    Rule(
        "identity.key_malformed.token_shape",
        "The token does not parse as the kind the server expects (a JWT with the wrong number"
        " of segments, a truncated or mangled token): something else than the issued token"
        " was sent, or it was cut.",
        L,
        Cause.KEY_MALFORMED,
        says(
            "jwt malformed",
            (r"(?:token|jwt) is malformed", " is malformed"),
            (r"malformed (?:jwt|access token|token)\b", "malformed "),
            (r"invalid number of segments", "number of segments"),
            (r"token (?:is )?(?:truncated|incomplete)", "truncated", "incomplete"),
        ),
        priority=90,
        confidence=0.7,
        samples=(
            "JsonWebTokenError: jwt malformed",
            '{"code":401,"msg":"token is malformed: token contains an invalid number of segments"}',
        ),
        near_misses=("TokenExpiredError: jwt expired",),
    ),
    Rule(
        "identity.key_expired.key_suspended",
        "The key or token itself is suspended or paused (not the account): it no longer"
        " authenticates; a new key, or the console, restores access.",
        L,
        Cause.KEY_EXPIRED,
        says(
            (
                r"(?:api[ _]?key|access key|token|credential)s? (?:has been |have been |is |are"
                r" |was )?(?:temporarily )?(?:suspended|paused)",
                "suspended",
                "paused",
            ),
        ),
        priority=93,
        confidence=0.75,
        samples=(
            '{"error":{"message":"Your API key has been suspended.","code":403}}',
            "401: this access key is paused; resume it in the console",
        ),
        near_misses=(
            "Your account has been suspended.",
            "Your account is suspended due to insufficient balance",
        ),
    ),
    Rule(
        "identity.key_missing.sign_in",
        "The server or client wants a signed-in caller and none is: no session, login or key"
        " came with the request ('You must be logged in', 'You are not signed in').",
        L,
        Cause.KEY_MISSING,
        all_of(
            says(
                (
                    r"(?:must|need to|have to|should) (?:be )?(?:logged|signed) in\b",
                    "logged in",
                    "signed in",
                ),
                (r"\bnot (?:currently )?signed in\b", "signed in"),
                (
                    r"please (?:sign|log) in (?:first|to continue|again)?",
                    "please sign in",
                    "please log in",
                ),
            ),
            # (a rate limit reached, with signing in offered as the way to a higher one, is
            # the limit: "Rate limit reached. Please log in or use a HF access token.")
            none_of(says("invalid", "expired", "revoked", *_RATE_STATED)),
        ),
        priority=82,
        confidence=0.7,
        samples=(
            '{"detail":"You must be logged in to use this endpoint."}',
            "Error: You are not signed in. Please sign in to continue.",
        ),
        near_misses=(
            "Your session has expired. Please sign in again.",
            "You are signed in as alice",
            "Rate limit reached. Please log in to get a higher limit.",
        ),
    ),
    # Clients and servers in other languages print the same families in their own words
    # (clients' own hint tables map a 401/403 to these lines).
    Rule(
        "identity.key_invalid.other_languages",
        "A Spanish, Portuguese, Japanese, Korean, Russian or Chinese message says the API key"
        " is invalid, or that the key, token or user does not exist.",
        L,
        Cause.KEY_INVALID,
        says(
            (r"clave (?:de )?api (?:no (?:es )?v[aá]lida|inv[aá]lida|incorrecta)", "clave "),
            (r"chave (?:de )?api (?:inv[aá]lida|incorreta)", "chave "),
            (r"api ?キーが無効", "キーが無効"),
            (r"api ?키가 (?:유효하지 않|잘못)", "키가 "),
            (r"(?:유효하지 않은|잘못된) api ?키", "api 키", "api키"),
            (r"ключ api (?:недействителен|неверен|недействительный)", "ключ api"),
            (r"api[ _]?key ?(?:无效|無效)", "无效", "無效"),
            (r"(?:令牌|用户|api[ _]?key|密钥)不存在", "不存在"),
        ),
        priority=85,
        confidence=0.8,
        samples=(
            "Error de configuración: Clave de API no válida.",
            "Chave de API inválida",
            "Claude APIキーが無効です。ANTHROPIC_API_KEYを新しいキーへ更新してください。",
            '{"error":{"message":"令牌不存在 (request id: 20251206)","type":"new_api_error"}}',
            "API Key 无效，请检查配置",
        ),
        near_misses=("模型不存在", "Clave de API válida"),
    ),
    Rule(
        "identity.permission_model.other_languages",
        "A Chinese, Japanese or Spanish message says the key or account has no permission for"
        " the model or the operation (clients print these for a 403).",
        L,
        Cause.PERMISSION_MODEL,
        says(
            "无权访问",
            "没有权限访问",
            "权限不足",
            # Traditional Chinese
            "無權存取",
            "無權訪問",
            "無權使用",
            "權限不足",
            "権限がありません",
            (r"no tiene permiso", "no tiene permiso"),
            # LobeChat's PermissionDenied and 403 lines in its locales
            "não tem permissão",
            "n'avez pas la permission",
            (r"keine berechtigung,? (?:auf|für|zu)", "keine berechtigung"),
            "액세스 권한이 없습니다",
        ),
        priority=84,
        confidence=0.7,
        samples=(
            "HTTP 403 无权访问该模型，请确认账号已开通对应权限",
            "HTTP 403 無權存取此模型",
            "Claude APIを利用する権限がありません。",
            "Tu clave no tiene permiso para usar este modelo.",
        ),
        near_misses=("认证失败",),
    ),
    Rule(
        "identity.policy_block.banned_non_english",
        "A Chinese server says the account is banned or frozen (封禁, 冻结): refused by policy.",
        L,
        Cause.POLICY_BLOCK,
        says(
            "已被封禁",
            "已被封号",
            (r"(?:账号|账户|帐号|帐户)(?:已)?被?冻结", "冻结"),
        ),
        priority=92,
        confidence=0.8,
        samples=("403 账号已被封禁，如有疑问请联系管理员", "您的账户已被冻结"),
        near_misses=("账号或密码错误",),
    ),
    # An account suspended, blocked or banned, said in Spanish, Portuguese, French, German,
    # Italian, Russian, Japanese, Korean or Turkish ("Tu cuenta ha sido suspendida", "Sua
    # conta foi suspensa", "Votre compte a été suspendu", "Ihr Zugriff wurde ... gesperrt"
    # in translations of OpenAI's access_terminated, "Аккаунт заблокирован",
    # "アカウントが停止されました", "계정이 정지되었습니다"), or in Chinese with 停用 / 封 /
    # 限制使用 ("您的账户已被停用", "工作区已停用"): as identity.policy_block.account, refused by
    # policy. A suspension for non-payment is the balance's (quota rules).
    Rule(
        "identity.policy_block.suspended_i18n",
        "A message in a European or Asian language says the account is suspended, blocked,"
        " banned or deactivated ('cuenta suspendida', 'conta suspensa', 'compte suspendu',"
        " 'Konto gesperrt', 'аккаунт заблокирован', 'アカウントが停止', '계정이 정지',"
        " '账户已被停用'): refused by policy, not for want of money.",
        L,
        Cause.POLICY_BLOCK,
        all_of(
            says(
                (
                    r"cuenta (?:\w+ )?(?:ha sido |fue |está |esta )?(?:suspendida|bloqueada"
                    r"|baneada|deshabilitada|inhabilitada)",
                    "cuenta",
                ),
                (
                    r"conta (?:\w+ )?(?:foi |está |esta )?(?:suspensa|bloqueada|banida"
                    r"|desativada)",
                    "conta",
                ),
                (
                    r"compte (?:\w+ )?(?:a été |est )?(?:suspendu|bloqué|banni|désactivé)",
                    "compte",
                ),
                (r"konto (?:\w+ )?(?:wurde |ist )?(?:gesperrt|suspendiert|deaktiviert)", "konto"),
                (r"zugriff wurde [^\n]{0,60}gesperrt", "zugriff wurde"),
                (
                    r"account (?:\w+ )?(?:è stato |e stato )?(?:sospeso|bloccato|disattivato)",
                    "account ",
                ),
                (
                    r"(?:аккаунт|учетная запись|учётная запись) (?:\w+ )?(?:был |была )?"
                    r"(?:заблокирован|приостановлен|деактивирован)",
                    "заблокирован",
                    "приостановлен",
                    "деактивирован",
                ),
                (r"アカウント(?:が|は)?(?:停止|凍結|無効化|BAN|ban)", "アカウント"),
                (r"계정(?:이|은)? ?(?:정지|차단|비활성화|일시 ?중지)", "계정"),
                (r"hesab\w* (?:askıya alındı|engellendi|kapatıldı)", "hesab"),
                (
                    r"(?:账号|账户|帐号|帐户|帳號|帳戶|工作区|工作區)(?:已被?|被)(?:停用|封|限制使用)",
                    "停用",
                    "封",
                    "限制使用",
                ),
            ),
            none_of(
                says(
                    "pago",
                    "pagamento",
                    "paiement",
                    "zahlung",
                    "оплат",
                    "支払",
                    "결제",
                    "saldo",
                    "solde",
                    "guthaben",
                    "баланс",
                    "残高",
                    "잔액",
                    "欠费",
                    "余额",
                    "crédit",
                    "crédito",
                    "balance",
                    "billing",
                    "factur",
                )
            ),
        ),
        priority=92,
        confidence=0.75,
        samples=(
            "Error 403: Tu cuenta ha sido suspendida por incumplir los términos de uso.",
            "Erro: sua conta foi suspensa. Entre em contato com o suporte.",
            "Erreur : votre compte a été suspendu.",
            "Ihr Zugriff wurde aufgrund eines Verstoßes gegen unsere Richtlinien gesperrt.",
            "Ошибка 403: ваш аккаунт заблокирован",
            "アカウントが停止されました。サポートにお問い合わせください。",
            "계정이 정지되었습니다. 고객센터에 문의하세요.",
            "您的账户已被停用，请联系管理员",
        ),
        near_misses=(
            "Tu cuenta ha sido suspendida por falta de pago",
            "Ваш аккаунт заблокирован: недостаточно средств на балансе",
            "Konto erstellt",
        ),
    ),
    Rule(
        "identity.key_missing.configure_variable",
        "The request went unauthenticated and the message asks to set the key's variable"
        " (the AI SDK's 'Unauthenticated. Configure AI_GATEWAY_API_KEY'): no key was"
        " configured, so none was sent.",
        L,
        Cause.KEY_MISSING,
        all_of(
            says("unauthenticated"),
            says(
                (
                    r"(?:set|configure|provide|export) (?:the |your )?[a-z0-9_]*_(?:api_key|token)"
                    r"\b",
                    "_api_key",
                    "_token",
                ),
            ),
            none_of(says("invalid", "expired", "incorrect")),
        ),
        priority=88,
        confidence=0.75,
        samples=(
            "GatewayError: Unauthenticated. Configure AI_GATEWAY_API_KEY or configure and use"
            " a provider module.",
            "401 Unauthenticated: provide your MISTRAL_API_KEY to call this endpoint",
        ),
        near_misses=("Unauthenticated: invalid key. Set OPENAI_API_KEY to a valid key.",),
    ),
    # A signed request (AWS SigV4, Tencent Cloud API 3.0, Kong/APISIX hmac-auth in front of
    # iFlytek Spark, a Google service account's JWT) carries the time it was signed at; a server
    # refuses a time too far from its own. The key is right: the credential was put together
    # wrong, almost always by a machine clock that is off (AWS and Google threads; Kong's and
    # the sparkapi/one-api threads fixed by syncing the clock).
    Rule(
        "identity.key_malformed.clock_skew",
        "A signed request was refused for its time: the signature or token is dated too far"
        " from the server's clock (AWS 'Signature expired ... is now earlier than',"
        " RequestTimeTooSkewed, Tencent Cloud's SignatureExpire, hmac-auth's 'a valid date or"
        " x-date header is required', Google's 'short-lived token ... reasonable timeframe'):"
        " the key is right, the machine's clock is not.",
        L,
        Cause.KEY_MALFORMED,
        says(
            # AWS's "Signature expired: 20250130T203827Z is now earlier than ...", Tencent's
            # "Signature expired. Timestamp and server time ..."; PyJWT's bare "Signature has
            # expired" is a token past its exp (key_expired), not a clock
            (r"signature expired(?:: \d{8}t| ?\. ?timestamp)", "signature expired"),
            "is now earlier than",
            "signature not yet current",
            "requesttimetooskewed",
            "too skewed",
            "difference between the request time and the",
            (r"timestamp and server time cannot differ", "timestamp and server time"),
            "a valid date or x-date header is required",
            "must be a short-lived token",
            (r"\bclock (?:skew|drift)\b", "clock skew", "clock drift"),
            "签名过期",
            # a client comparing its clock with the server's (LobeChat's SystemTimeNotMatchError
            # in its locales; the Spark and one-api threads' 系统时间不一致)
            (r"system time (?:does not|doesn't) match", "system time"),
            (r"系统时间[^\n，。]{0,10}(?:不一致|不匹配|不对|错误|不同步)", "系统时间"),
            (r"horário do (?:seu )?sistema não coincide", "horário do"),
            (r"l'heure de votre système ne correspond pas", "l'heure de votre système"),
            (r"systemzeit stimmt nicht", "systemzeit"),
        ),
        priority=94,
        confidence=0.8,
        samples=(
            '403 Forbidden {"message":"Signature expired: 20250130T203827Z is now earlier than'
            ' 20250130T204131Z (20250130T204631Z - 5 min.)"}',
            "websocket: bad handshake: HMAC signature cannot be verified, a valid date or x-date"
            " header is required for HMAC Authentication",
            '{"error":"invalid_grant","error_description":"Invalid JWT: Token must be a'
            " short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and"
            " exp values and use a clock with skew to account for clock differences between"
            ' systems."}',
            "An error occurred (RequestTimeTooSkewed) when calling the PutObject operation: The"
            " difference between the request time and the current time is too large.",
        ),
        near_misses=(
            "jwt.exceptions.ExpiredSignatureError: Signature has expired",
            "TokenExpiredError: jwt expired",
            "Your session has expired. Please sign in again.",
            "The request signature we calculated does not match the signature you provided.",
        ),
    ),
    # A credential file or object that was found but is incomplete or cannot be parsed: the
    # client stops before sending. google-auth's service-account and authorized-user loaders
    # name the missing fields; botocore names the half of a key pair it found.
    Rule(
        "identity.key_malformed.credential_file",
        "A credential file or object was found but is not in the form the client needs"
        " (google-auth's 'Service account info was not in the expected format, missing fields"
        " ...', botocore's 'Partial credentials found in ..., missing: ...', a private key no"
        " parser reads): fix or re-download the credential, nothing was sent.",
        L,
        Cause.KEY_MALFORMED,
        says(
            (
                r"(?:service account|authorized user|external account) info was not in the"
                r" expected format",
                " info was not in the expected format",
            ),
            "partial credentials found in",
            "no key could be detected",
            "could not deserialize key data",
        ),
        priority=95,
        origin=Origin.CLIENT,
        confidence=0.8,
        samples=(
            "google.auth.exceptions.MalformedError: Service account info was not in the expected"
            " format, missing fields token_uri, client_email.",
            "botocore.exceptions.PartialCredentialsError: Partial credentials found in env,"
            " missing: AWS_SECRET_ACCESS_KEY",
        ),
        near_misses=(
            "google.auth.exceptions.DefaultCredentialsError: Could not automatically determine"
            " credentials.",
            "Unable to locate credentials",
        ),
    ),
    # Agents and apps that keep a key per provider in their own store (openclaw's
    # auth-profiles.json, LobsterAI, a settings page) say so in one phrase when the store has
    # none for the provider the model needs: nothing was sent. A relay with no credential for
    # its upstream words it 'No credentials for provider' (identity.upstream_key_invalid.*).
    Rule(
        "identity.key_missing.no_key_for_provider",
        "A client found no API key for the provider in its own store or config ('No API key"
        " found for provider \"anthropic\". Auth store: ...', '... Please add an API key in"
        " Settings'): nothing was sent; add the key to that profile or environment.",
        L,
        Cause.KEY_MISSING,
        says(
            (
                r"no api[ _]?key (?:was )?(?:found|configured|set) for (?:the )?provider",
                "no api key ",
                "no api_key ",
                "no apikey ",
            ),
        ),
        priority=96,
        origin=Origin.CLIENT,
        confidence=0.85,
        samples=(
            '⚠️ Agent failed before reply: No API key found for provider "zai". Auth store:'
            " /root/.openclaw/agents/main/agent/auth-profiles.json",
            '{"success":false,"message":"No API key found for provider: groq. Please add an API'
            ' key in Settings."}',
        ),
        near_misses=('{"error":{"message":"No credentials for provider: github"}}',),
    ),
    # Chinese platforms sell each model as a service the account must switch on first
    # (Volcengine Ark's ModelNotOpen, Bailian/DashScope, StepFun), and clients' hint tables
    # print it in a handful of words: the key is fine, the model is not opened for the account.
    # A paid tier or billing that is not switched on is the quota layer's, so the money words
    # keep this row out.
    Rule(
        "identity.permission_model.not_activated",
        "The model (or its model service) has not been activated, opened or purchased for the"
        " account ('Your account has not activated the model ...', '模型未开通',"
        " '账号未开通该模型'): the key is recognised; switch the model on in the console.",
        L,
        Cause.PERMISSION_MODEL,
        all_of(
            says(
                (
                    r"(?:has|have)(?:n't| not) (?:yet )?(?:activated|purchased|subscribed to)"
                    r" (?:the |this )?model",
                    "activated",
                    "purchased",
                    "subscribed",
                ),
                (
                    r"model (?:service |or endpoint |or service )?(?:is |has )?not (?:been |yet )?"
                    r"(?:activated|purchased|opened)",
                    "not activated",
                    "not purchased",
                    "not opened",
                    "not been",
                    "not yet",
                ),
                (r"模型(?:服务)?(?:尚|还)?未开通", "未开通"),
                (r"未开通(?:该|此|这个|对应)?模型", "未开通"),
            ),
            none_of(says("付费", "计费", "余额", "欠费", "额度", "billing", "balance")),
        ),
        priority=90,
        confidence=0.8,
        samples=(
            "文本生成失败: Your account 2100000000 has not activated the model deepseek-v4-flash",
            '{"error":"模型未开通，请前往控制台开通后重试"}',
            "访问被拒绝（403）：密钥权限不足，或当前账号未开通该模型。",
        ),
        near_misses=(
            "模型不存在",
            "免费额度已用完，未开通付费服务",
            "The model `doubao-x` does not exist or you do not have access to it.",
        ),
    ),
    # A model kept for a higher plan or tier than the account's: the model exists, the account's
    # plan does not include it (Claude Code's 'not available on account tier', Pollinations'
    # 'tier not high enough ... required tier', Chinese SaaS's '当前套餐不支持该模型').
    Rule(
        "identity.permission_model.plan_tier",
        "The account, or its plan or tier, is not given this model ('not available for your"
        " account', 'not available on account tier', 'tier not high enough', '当前套餐不支持该"
        "模型'): the model exists; upgrade the plan or pick a model the account has.",
        L,
        Cause.PERMISSION_MODEL,
        all_of(
            says(
                (
                    r"not available (?:on|for|with|in|to) (?:your |this |the )?(?:current )?"
                    r"(?:free |account )?(?:plan|tier|subscription|account)\b",
                    "not available on ",
                    "not available for ",
                    "not available with ",
                    "not available in ",
                    "not available to ",
                ),
                (r"\btier (?:is )?not high enough", "not high enough"),
                (r"套餐(?:不支持|不包含|未包含)(?:该|此|当前)?模型", "套餐"),
            ),
            none_of(says("limit", "quota", "额度", "用完", "rate")),
        ),
        priority=90,
        confidence=0.75,
        samples=(
            "API Error: 403 Model claude-opus-4 not available on account tier",
            '{"error":"Model not found or tier not high enough. Your tier: anonymous, required'
            ' tier: seed.","status":402}',
            '{"detail":"当前套餐不支持该模型"}',
        ),
        near_misses=(
            "This feature is not available in your country",
            "Rate limit tier not high enough for burst; retry later",
        ),
    ),
    # An organization or a resource can turn API-key authentication off altogether (Claude
    # Code's 'Your organization has disabled API key authentication', Azure's
    # AuthenticationTypeDisabled 'Key based authentication is disabled for this resource'): the
    # key is valid, the policy refuses keys; sign in another way (a subscription login, Entra
    # ID) or have the admin allow keys.
    Rule(
        "identity.policy_block.key_auth_disabled",
        "An organization's or resource's policy has turned API-key authentication off ('Your"
        " organization has disabled API key authentication', Azure's 'Key based authentication"
        " is disabled for this resource'): the key is valid, keys are not allowed; use the"
        " sign-in the policy allows.",
        L,
        Cause.POLICY_BLOCK,
        says(
            (
                r"disabled (?:the )?(?:api[ _-]?key|key[ -]based|local) auth",
                "disabled api",
                "disabled key",
                "disabled the ",
                "disabled local auth",
            ),
            (
                r"(?:api[ _-]?key|key[ -]based) auth(?:entication)? (?:is |has been |was )?"
                r"(?:disabled|not permitted|not allowed)",
                " auth",
            ),
        ),
        priority=93,
        confidence=0.85,
        samples=(
            "API Error: 403 Your organization has disabled API key authentication. Unset"
            " ANTHROPIC_API_KEY to sign in with your subscription.",
            "openai.PermissionDeniedError: Key based authentication is disabled for this resource.",
        ),
        near_misses=("Your API key has been disabled.", "Invalid API key authentication"),
    ),
    # LLM gateways that issue their own keys (Bifrost, LiteLLM, Portkey, Archestra and home-made
    # proxies) look the caller's virtual key up in their table and answer in one phrase when it
    # is not there: the relay does not know your key (its key towards the provider is another
    # matter, identity.upstream_key_invalid.*).
    Rule(
        "identity.key_invalid.virtual_key",
        "A gateway or relay does not know the virtual key it was sent ('invalid virtual key',"
        " 'virtual key not found', 'virtual key does not exist'): your gateway key is wrong or"
        " deleted; the provider was not asked.",
        L,
        Cause.KEY_INVALID,
        says(
            (
                r"(?:invalid|unknown) virtual[ _-]?key\b(?! ?board)",
                "virtual key",
                "virtual_key",
                "virtual-key",
                "virtualkey",
            ),
            (
                r"virtual[ _-]?key (?:was )?(?:not found|does not exist|is invalid|not"
                r" recogni[sz]ed)",
                "virtual key ",
                "virtual_key ",
                "virtual-key ",
                "virtualkey ",
            ),
        ),
        priority=90,
        origin=Origin.RELAY,
        confidence=0.8,
        samples=(
            '401 {"error":"Invalid virtual key"}',
            '{"error":{"message":"virtual key not found","type":"auth_error"}}',
        ),
        near_misses=(
            "Max parallel request limit reached Hit limit for LiteLLM Virtual Key",
            "Invalid virtual keyboard element: 1, 2",
        ),
    ),
    # The location note in the words of clients and servers that do not write English
    # (LobeChat's LocationNotSupportError in its locales, which it shows for any 403; Chinese
    # servers' 所在地区不支持): weak, like the English client note above.
    Rule(
        "identity.permission_region.client_note_i18n",
        "A Chinese, Portuguese, French, German or Russian note says the caller's location or"
        " region is not supported ('你的所在地区不支持此模型服务', 'sua localização atual não"
        " suporta'): LobeChat prints it for any 403 in its locales, so it decides only when no"
        " line names the failure.",
        L,
        Cause.PERMISSION_REGION,
        says(
            (
                r"(?:所在|当前|當前|您的|你的)(?:地区|地區|区域|區域|国家|國家|位置)(?:暂|暫)?"
                r"不支[持援]",
                "不支持",
                "不支援",
            ),
            (r"localização atual não suporta", "localização atual"),
            (r"emplacement actuel ne prend pas en charge", "emplacement actuel"),
            (r"ihr standort unterstützt", "ihr standort"),
            (r"местоположение не поддерживает", "местоположение"),
        ),
        priority=70,
        confidence=0.5,
        samples=(
            "很抱歉，你的所在地区不支持此模型服务，可能是由于区域限制或服务未开通。",
            "Desculpe, sua localização atual não suporta este serviço de modelo.",
        ),
        near_misses=("当前模型不支持图片输入",),
    ),
    # A model withheld from the caller by a policy or an allowlist its organization, plan or
    # relay keeps (GitHub Copilot's 'It may be disabled by your organization's policy', 'no
    # endpoints available for this model under your current plan and policies', 'access denied
    # by Copilot policy'; relays' 'model not in the allowlist' and model_not_entitled): the model
    # exists and the key is valid, this caller may not use it.
    Rule(
        "identity.permission_model.withheld_by_policy",
        "The model is withheld from this caller by its organization's, plan's or relay's"
        " policy or allowlist ('may be disabled by your organization's policy', 'no endpoints"
        " available for this model under your current plan and policies', '模型 ..."
        " 不在允許清單中', model_not_entitled): enable the model in that policy or use one it"
        " allows.",
        L,
        Cause.PERMISSION_MODEL,
        says(
            (
                r"(?:disabled|blocked|restricted) by (?:your |the )?(?:organization|organisation"
                r"|enterprise|team|admin(?:istrator)?)(?:'s)? polic(?:y|ies)",
                "disabled by",
                "blocked by",
                "restricted by",
            ),
            (r"under your current plan and polic", "under your current plan"),
            "check policy enablement",
            (r"access denied by [\w-]+ policy", "access denied by "),
            "model_not_entitled",
            (r"模型[^\n]{0,60}不在(?:允许|允許)(?:清单|清單|列表)", "不在"),
        ),
        priority=92,
        confidence=0.8,
        samples=(
            '✗ Model "gpt-5" is not available. It may be disabled by your organization\'s policy.',
            'Request Failed: 400 {"error":{"message":"no endpoints available for this model under'
            ' your current plan and policies","code":"no_available_model_endpoints"}}',
            '{"type":"error","error":{"type":"model_blocked","message":"模型 claude-opus-4.6'
            ' 不在允許清單中"}}',
        ),
        near_misses=(
            "[permission_denied] user is disabled by team",
            "IP 不在白名单中",
        ),
    ),
    Rule(
        "identity.key_wrong_platform.not_an_openai_key",
        "OpenAI refused a key and echoed its start, and it is a hex key of 32 or more digits,"
        " a shape OpenAI never issues (its keys all start with 'sk-'): an Azure OpenAI resource"
        " key or a relay's hex token was sent to OpenAI's API, usually because the base URL"
        " was left at its default.",
        L,
        Cause.KEY_WRONG_PLATFORM,
        all_of(says("incorrect api key provided: "), _echoed_non_openai_key),
        priority=95,
        confidence=0.75,
        samples=(
            "openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API"
            " key provided: 9c41d0aa********************e07b. You can find your API key at"
            " https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error',"
            " 'param': None, 'code': 'invalid_api_key'}}",
        ),
        near_misses=(
            "Incorrect API key provided: sk-proj-****abcd. You can find your API key at"
            " https://platform.openai.com/account/api-keys.",
            "Incorrect API key provided: xxx. You can find your API key at"
            " https://platform.openai.com/account/api-keys.",
            "Incorrect API key provided: https://*****************.com. You can find your API"
            " key at https://platform.openai.com/account/api-keys.",
            "Incorrect API key provided: xai-abc***. You can obtain an API key from"
            " https://console.x.ai.",
        ),
    ),
    # Chinese apps and SDK wrappers check for a key before they send anything and say so in a
    # few fixed words ('请先配置 API Key', 'API Key 未配置，请在设置中填写', 'DeepSeek API Key
    # 未配置'): nothing was sent. A line that also calls the key wrong or invalid is not this.
    Rule(
        "identity.key_missing.chinese",
        "A Chinese message says the API key is not configured, not set or empty ('API Key"
        " 未配置', '请先配置 API Key', '密钥不能为空'): the client sent nothing; set the key.",
        L,
        Cause.KEY_MISSING,
        all_of(
            says(
                (
                    r"(?:api[ _-]?key|apikey|密钥|秘钥|金鑰)\s*"
                    r"(?:未配置|未设置|未設定|未填写|未填寫|为空|為空|不能为空|不能為空|缺失)",
                    "未配置",
                    "未设置",
                    "未設定",
                    "未填写",
                    "未填寫",
                    "为空",
                    "為空",
                    "不能为空",
                    "不能為空",
                    "缺失",
                ),
                # Traditional Chinese: "未提供 API 金鑰", "缺少 API 金鑰"
                (r"(?:未提供|缺少)\s*(?:api\s*)?金鑰", "金鑰"),
                (
                    r"请先?(?:配置|设置|填写|输入)(?:您的|你的)?\s*"
                    r"(?:api[ _-]?key|apikey|密钥|秘钥)",
                    "配置",
                    "设置",
                    "填写",
                    "输入",
                ),
            ),
            none_of(
                says(
                    "无效",
                    "無效",
                    "错误",
                    "錯誤",
                    "不正确",
                    "不正確",
                    "过期",
                    "過期",
                    "invalid",
                    "incorrect",
                )
            ),
        ),
        priority=90,
        origin=Origin.CLIENT,
        confidence=0.8,
        samples=(
            "Error: API Key 未配置，请在设置中填写",
            "ValueError: 请先配置 API Key",
            "Error: 未提供 API 金鑰，請在設定中填寫",
        ),
        near_misses=("OpenAI API Key 不正确或为空，请添加自定义 OpenAI API Key", "API Key 无效"),
    ),
    # Apps, server routes and SDK wrappers in English check for their key before calling out
    # and say it is not configured ("OpenAI API key not configured", "No API key configured",
    # a 500 from the app's own route): nothing reached the provider. A line that also calls the
    # key invalid or a placeholder is not this.
    Rule(
        "identity.key_missing.not_configured",
        "A client or an app's own server says the API key is not configured ('OpenAI API key"
        " not configured', 'No API key configured'): the key was never set where it reads it,"
        " so nothing was sent; set it (env var, settings, .env).",
        L,
        Cause.KEY_MISSING,
        all_of(
            says(
                (r"api[ _]?key (?:is |was )?not configured", "not configured"),
                (r"no api[ _]?key (?:is |was )?configured", " configured"),
            ),
            none_of(says("invalid", "incorrect", "placeholder", "expired")),
        ),
        priority=90,
        origin=Origin.CLIENT,
        confidence=0.8,
        samples=(
            '500 {"error":"OpenAI API key not configured"}',
            "Error: No API key configured for this provider",
        ),
        near_misses=("Gemini API key not configured or invalid.",),
    ),
    # Servers that find no key where they read it say where to put it: "Please provide the
    # API key in the 'x-api-key' header", "Pass your key in the Authorization header",
    # "include your API key via the api-key header", "API key must be sent in the X-API-Key
    # header". A key that arrived and was refused is called invalid instead. (MiniMax's
    # "Please carry the API secret key in the ... field" also answers a key of the other
    # region's platform; identity.unknown.minimax_1004 keeps it.)
    Rule(
        "identity.key_missing.header_instruction",
        "The server says which header or field the key must be sent in, and names no invalid"
        " key: it found none there ('Please provide the API key in the x-api-key header',"
        " 'no credentials were supplied'). Set the key, or the header the server reads.",
        L,
        Cause.KEY_MISSING,
        all_of(
            says(
                (
                    r"(?:provide|include|pass|send|supply|specify) (?:the |your |an? )?"
                    r"(?:api[ _-]?|secret |access |auth(?:entication)? )?(?:key|token)s? "
                    r"(?:in|via|using|through|with) (?:the |an? |your )?['\"`]?[\w-]+['\"`]?"
                    r" (?:request )?(?:header|field|query param)",
                    "provide ",
                    "include ",
                    "pass ",
                    "send ",
                    "supply ",
                    "specify ",
                ),
                (
                    r"(?:api[ _-]?)?key (?:must|should|needs to) be (?:sent|provided|passed|"
                    r"included|set) (?:in|via|as) (?:the |an? )?['\"`]?[\w-]+['\"`]? header",
                    "key must be ",
                    "key should be ",
                    "key needs to be ",
                ),
                (
                    r"no (?:auth(?:entication)? |api )?(?:credentials?|keys?|tokens?)"
                    r" (?:were |was )?"
                    r"(?:supplied|sent|given|attached|included)",
                    "supplied",
                    "sent",
                    "given",
                    "attached",
                    "included",
                ),
            ),
            none_of(says("invalid", "incorrect", "expired", "carry the api secret key")),
        ),
        priority=91,
        confidence=0.75,
        samples=(
            '{"error":{"message":"Please provide the API key in the \'x-api-key\' header",'
            '"type":"authentication_error"}}',
            'HTTP 401: {"error":{"message":"Authentication required: no credentials were'
            ' supplied","type":"unauthorized"}}',
            "401 Unauthorized: API key must be sent in the X-API-Key header",
        ),
        near_misses=(
            "Invalid API key. Please provide a valid key in the Authorization header",
            "Please carry the API secret key in the 'Authorization' field of the request header",
        ),
    ),
    # A login or session that has lapsed, in the words of clients and servers in English and
    # other languages: "Authentication expired, please log in again", "credentials in
    # auth.json are stale", "セッションの有効期限が切れました", "토큰이 만료되었습니다", "El token
    # ha expirado", "Срок действия токена истёк", "Sitzung abgelaufen", "Le jeton a expiré",
    # "Chave de API expirada", "Token scaduto". A subscription or plan that lapsed is
    # quota's (billing_cap), not this.
    Rule(
        "identity.key_expired.session_lapsed",
        "The login, session or token has lapsed ('Authentication expired, please log in"
        " again', stale credentials, 'セッションの有効期限が切れました', '토큰이 만료되었습니다',"
        " 'El token ha expirado', 'Срок действия токена истёк'): sign in again or issue a new"
        " token.",
        L,
        Cause.KEY_EXPIRED,
        all_of(
            says(
                (
                    r"(?:authentication|auth|login|sign-in|signin|credentials?) (?:has |have |is"
                    r" |are )?(?:expired|lapsed|stale)",
                    "expired",
                    "lapsed",
                    "stale",
                ),
                (r"stale (?:oauth |access |auth )?(?:token|credentials?|session|login)", "stale "),
                (
                    r"(?:credentials?|token|session|login|auth\.json)[^\n]{0,40}"
                    r" (?:are|is|has gone|have gone|went) stale",
                    "stale",
                ),
                (
                    # トークンが切れ alone can mean tokens (units) ran out: a token needs its
                    # 有効期限 (validity) named; a session or login lapses on its own
                    r"(?:(?:トークン|セッション|認証|ログイン|apiキー)(?:の有効期限|の期限)"
                    r"|セッション|ログイン)(?:が|は)?(?:切れ|失効)",
                    "切れ",
                    "失効",
                ),
                (r"(?:토큰|세션|인증|로그인|api ?키)(?:이|가|은|는)? ?만료", "만료"),
                (
                    r"(?:token|sesi[oó]n|clave(?: de api)?|credencial(?:es)?) (?:ha |han )?"
                    r"(?:expirado|caducado)",
                    "expirado",
                    "caducado",
                ),
                (r"(?:token|sess[aã]o|chave(?: de api)?) (?:\w+ )?expirou", "expirou"),
                (
                    r"(?:token|sesi[oó]n|sess[aã]o|chave(?: de api)?) (?:expirad[oa]|caducad[oa])",
                    "expirad",
                    "caducad",
                ),
                # Italian: "Token scaduto", "Chiave API scaduta", "Sessione scaduta"
                (r"(?:token|sessione|chiave(?: api)?) (?:è )?scadut[oa]", "scadut"),
                (
                    r"(?:срок действия )?(?:токена?|сесси[ия]|ключа?)(?: api)?"
                    r" (?:истёк|истек|истекла)",
                    "истёк",
                    "истек",
                ),
                (r"срок действия (?:токена|сессии|ключа)[^\n]{0,20}ист", "срок действия"),
                (r"(?:token|sitzung|api-schlüssel|anmeldung) (?:ist )?abgelaufen", "abgelaufen"),
                (
                    r"(?:jeton|session|cl[ée](?: api)?) (?:a |est )?expir[ée]",
                    "expir",
                ),
            ),
            none_of(
                says(
                    "subscription",
                    "suscripci",
                    "assinatura",
                    "подписк",
                    "abonnement",
                    "구독",
                    "サブスク",
                    "plan ",
                    "certificate",
                    "certificat",
                )
            ),
        ),
        priority=92,
        confidence=0.8,
        samples=(
            "Authentication expired, please log in again",
            "Your credentials in ~/.codex/auth.json are stale; sign in again",
            "Errore 401: token scaduto, effettua di nuovo l'accesso",
            "Erro 401: chave de API expirada. Gere uma nova chave.",
            "セッションの有効期限が切れました。再度ログインしてください。",
            "401: 토큰이 만료되었습니다. 다시 로그인하세요.",
            '{"error":{"message":"El token ha expirado, inicia sesión de nuevo"}}',
            "Ошибка 401: срок действия токена истёк, войдите снова",
            "Fehler 401: Sitzung abgelaufen. Bitte erneut anmelden.",
            "Erreur 401 : le jeton a expiré",
        ),
        near_misses=(
            "Tu suscripción ha expirado",
            "certificate has expired",
            "Срок действия подписки истёк",
            "トークンが切れました。",
        ),
    ),
    # A relay that pools provider accounts passes on its own account's fate: the upstream's
    # "Your OpenAI account has been deactivated" or "This organization has been disabled"
    # inside a one-api/new-api answer (its "(request id: ...)"), an aggregator's "Provider
    # returned error", a LiteLLM model group; or says it in its own words ("upstream account
    # suspended", "渠道账号已被封禁", "all accounts are banned"). The caller's relay key is fine:
    # the relay's credential for the provider is not.
    Rule(
        "identity.upstream_key_invalid.upstream_account",
        "A relay reports that the provider account or organization behind its channel is"
        " deactivated, suspended, banned or expired (its own pooled account, not your relay"
        " key): the relay's operator must replace that account.",
        L,
        Cause.UPSTREAM_KEY_INVALID,
        any_of(
            all_of(
                says(
                    (
                        r"(?:account|organi[sz]ation) (?:has been |was |is )?"
                        r"(?:deactivated|suspended|banned|disabled|terminated)",
                        "deactivated",
                        "suspended",
                        "banned",
                        "disabled",
                        "terminated",
                    ),
                    "account_deactivated",
                ),
                says(
                    (r"\(request id: ?\d{4}[a-z0-9]*\)", "(request id:"),
                    "provider returned error",
                    "received model group",
                    (r"\bupstream\b", "upstream"),
                    (r"\bchannel (?:#?\d|error|id)", "channel "),
                    "上游",
                    "渠道",
                ),
            ),
            says(
                (
                    r"(?:upstream|channel|pooled|relay)(?: \w+)? accounts? (?:has been |have been"
                    r" |is |are |was |were )?(?:deactivated|suspended|banned|disabled|expired"
                    r"|terminated|revoked)",
                    "account",
                ),
                (
                    r"all (?:upstream |pooled |available )?accounts (?:are |have been |were )"
                    r"(?:deactivated|suspended|banned|disabled|expired|invalid|revoked)",
                    "accounts ",
                ),
                (
                    r"(?:上游|渠道)[^\n]{0,10}(?:账号|账户|帐号)[^\n]{0,10}"
                    r"(?:封禁|停用|禁用|过期|失效)",
                    "账号",
                    "账户",
                    "帐号",
                ),
            ),
        ),
        priority=96,
        origin=Origin.RELAY,
        confidence=0.75,
        samples=(
            '{"error":{"message":"Your OpenAI account has been deactivated, please check your'
            ' email for more information. (request id: 20260301120000123456789abcdef)",'
            '"type":"new_api_error"}}',
            "502 upstream error: upstream account suspended, try another channel",
            '{"error":{"message":"上游渠道账号已被封禁，请联系管理员","type":"one_api_error"}}',
            "503: all pooled accounts are expired, ask the admin to re-authorize them",
        ),
        near_misses=(
            "Your OpenAI account has been deactivated, please check your email for more"
            " information.",
            "This organization has been disabled.",
        ),
    ),
    # French, German and Italian servers and apps call a key invalid in their own words ("Clé
    # API invalide", "Ungültiger API-Schlüssel", "API-Schlüssel ist ungültig", "Chiave API non
    # valida"): the key arrived and is not recognised.
    Rule(
        "identity.key_invalid.european",
        "A French, German or Italian message says the API key is invalid ('Clé API invalide',"
        " 'Ungültiger API-Schlüssel', 'Chiave API non valida').",
        L,
        Cause.KEY_INVALID,
        says(
            (
                r"cl[ée] (?:d'|de )?api (?:invalide|non valide|incorrecte)",
                "api invalide",
                "api non valide",
                "api incorrecte",
            ),
            (r"(?:ungültige[rn]?|falsche[rn]?) api[- ]?schlüssel", "schlüssel"),
            (r"api[- ]?schlüssel (?:ist )?(?:ungültig|falsch)", "schlüssel"),
            (r"chiave (?:api )?non (?:è )?valida", "non valida", "non è valida"),
            (r"chiave api (?:errata|invalida)", "chiave api"),
        ),
        priority=85,
        confidence=0.8,
        samples=(
            '{"error":{"message":"Clé API invalide. Vérifiez votre clé."}}',
            "Fehler 401: Ungültiger API-Schlüssel",
            "Errore 401: chiave API non valida",
        ),
        near_misses=("Clé API valide", "API-Schlüssel gespeichert"),
    ),
    # "Invalid API key" in the words of apps and servers in Turkish, Vietnamese, Indonesian,
    # Polish, Dutch, Czech, Ukrainian, Arabic, Thai and Traditional Chinese (apps map a
    # provider's 401 or API_KEY_INVALID to "Geçersiz API anahtarı", "Khóa API không hợp lệ",
    # "API 金鑰無效"): as identity.key_invalid.other_languages and .european, the key is not
    # recognised. A line that adds "or quota used up" (hạn ngạch, kota, 配額) can be either;
    # one that adds "or expired" (過期, hết hạn) is left to the expiry rows.
    Rule(
        "identity.key_invalid.more_languages",
        "A Turkish, Vietnamese, Indonesian, Polish, Dutch, Czech, Ukrainian, Arabic, Thai or"
        " Traditional Chinese message says the API key is invalid ('Geçersiz API anahtarı',"
        " 'Khóa API không hợp lệ', 'Kunci API tidak valid', 'Nieprawidłowy klucz API',"
        " 'Ongeldige API-sleutel', 'API 金鑰無效').",
        L,
        Cause.KEY_INVALID,
        all_of(
            says(
                (r"geçersiz api anahtar", "geçersiz api"),
                (r"api anahtar\w* geçersiz", "geçersiz"),
                (r"(?:khóa api|api key) không hợp lệ", "không hợp lệ"),
                (r"(?:kunci api|api key) (?:tidak valid|tidak sah)", "tidak "),
                (r"nieprawidłowy klucz api|klucz api (?:jest )?nieprawidłowy", "nieprawidłowy"),
                (r"ongeldige api-?sleutel|api-?sleutel (?:is )?ongeldig", "ongeldig"),
                (r"neplatný api klíč|api klíč (?:je )?neplatný", "neplatný"),
                (r"(?:недійсний|невірний|неправильний) (?:ключ api|api-ключ)", "ключ"),
                (r"مفتاح api غير صالح", "غير صالح"),
                (r"คีย์ api ไม่ถูกต้อง", "ไม่ถูกต้อง"),
                (r"(?:api ?)?金鑰無效|無效的 ?api ?金鑰", "金鑰"),
            ),
            none_of(
                says(
                    "hạn ngạch",
                    "kota",
                    "配額",
                    "配额",
                    "quota",
                    "giới hạn",
                    "sınır",
                    "limit",
                    # "or expired" is the expiry rows' (identity.key_expired)
                    "過期",
                    "hết hạn",
                    "süresi",
                    "kedaluwarsa",
                )
            ),
        ),
        priority=85,
        confidence=0.8,
        samples=(
            '{"detail":"Geçersiz API anahtarı"}',
            "Lỗi 401: Khóa API không hợp lệ. Vui lòng kiểm tra lại.",
            "Error 401: Kunci API tidak valid",
            "Błąd 401: Nieprawidłowy klucz API",
            "Fout 401: Ongeldige API-sleutel",
            "Gemini API 金鑰無效，請檢查設定",
        ),
        near_misses=(
            "Khóa API không hợp lệ hoặc đã hết hạn ngạch.",
            "API 金鑰有效",
        ),
    ),
    # A key that was never set, in the words of apps and servers in other languages: "No se
    # proporcionó ninguna clave de API", "Nenhuma chave de API fornecida", "Aucune clé API
    # fournie", "Kein API-Schlüssel angegeben", "API-ключ не указан", "APIキーが設定されていません",
    # "API 키가 설정되지 않았습니다". (Chinese: identity.key_missing.chinese.)
    Rule(
        "identity.key_missing.other_languages",
        "A Spanish, Portuguese, French, German, Italian, Russian, Japanese or Korean message"
        " says no API key was given or set ('No se proporcionó ninguna clave de API', 'Aucune"
        " clé API fournie', 'Kein API-Schlüssel angegeben', 'APIキーが設定されていません'):"
        " nothing was sent; set the key.",
        L,
        Cause.KEY_MISSING,
        all_of(
            says(
                (
                    r"(?:no se (?:ha )?proporcion\w+|falta|sin|ninguna) (?:ninguna |la |una )?"
                    r"clave (?:de )?api",
                    "clave",
                ),
                (
                    r"clave (?:de )?api (?:no (?:est[aá] )?(?:configurada|proporcionada|"
                    r"definida)|vac[ií]a|requerida|es obligatoria)",
                    "clave",
                ),
                (r"(?:nenhuma|sem|falta a?) chave (?:de )?api", "chave"),
                (
                    r"chave (?:de )?api (?:n[aã]o (?:foi )?(?:configurada|fornecida|informada|"
                    r"definida)|ausente|vazia|[ée] obrigat[oó]ria)",
                    "chave",
                ),
                (r"(?:aucune|pas de) cl[ée] (?:d'|de )?api", "aucune cl", "pas de cl"),
                (
                    r"cl[ée] (?:d'|de )?api (?:manquante|non (?:configur|fourni|d[ée]fini)\w*|"
                    r"requise|absente|vide)",
                    "cl",
                ),
                (r"kein(?:en)? api[- ]?schlüssel", "schlüssel"),
                (
                    r"api[- ]?schlüssel (?:fehlt|nicht (?:gesetzt|konfiguriert|angegeben|"
                    r"hinterlegt)|erforderlich)",
                    "schlüssel",
                ),
                (
                    r"(?:nessuna chiave api|chiave api (?:mancante|non (?:configurata|fornita|"
                    r"impostata)|obbligatoria))",
                    "chiave api",
                ),
                (
                    r"api[- ]?ключ (?:не (?:указан|задан|настроен|передан)|отсутствует)",
                    "ключ",
                ),
                (r"(?:отсутствует|не указан|не задан) api[- ]?ключ", "ключ"),
                (
                    r"api ?キー(?:が|を)?(?:設定されていません|未設定|指定されていません|"
                    r"入力されていません)",
                    "キー",
                ),
                (r"api ?키(?:가|를)? ?(?:설정되지 않|입력되지 않|누락)", "키"),
            ),
            none_of(
                says(
                    "inválid",
                    "invalid",
                    "no es válid",
                    "no válid",
                    "ungültig",
                    "неверн",
                    "無効",
                    "유효하지",
                    "incorrect",
                    # docs saying no key is needed: "kein API-Schlüssel erforderlich"
                    "kein api-schlüssel erforderlich",
                    "kein api-schlüssel nötig",
                )
            ),
        ),
        priority=90,
        confidence=0.8,
        samples=(
            '{"error":"No se proporcionó ninguna clave de API"}',
            "Erro: nenhuma chave de API fornecida",
            "Erreur : aucune clé API fournie",
            "Fehler: Kein API-Schlüssel angegeben",
            "Ошибка: API-ключ не указан",
            "APIキーが設定されていません",
            "API 키가 설정되지 않았습니다",
        ),
        near_misses=(
            "La clave de API no es válida",
            "Неверный API-ключ",
            "Open-Meteo: kein API-Schlüssel erforderlich",
        ),
    ),
    # "You have no access to this model" in the languages clients and servers answer a 403
    # in: "No tienes acceso a este modelo", "Você não tem acesso a este modelo", "Vous n'avez
    # pas accès à ce modèle", "Sie haben keinen Zugriff auf dieses Modell", "Non hai accesso a
    # questo modello", "У вас нет доступа к этой модели", "このモデルへのアクセス権がありません",
    # "您没有该模型的使用权限". The key is known; this model is not granted to it.
    Rule(
        "identity.permission_model.no_access_i18n",
        "A message in Spanish, Portuguese, French, German, Italian, Russian, Japanese or"
        " Chinese says the caller has no access to or no permission for this model: the key is"
        " recognised, the model is not granted to it.",
        L,
        Cause.PERMISSION_MODEL,
        says(
            (r"no tien(?:es|e) acceso (?:a|al) (?:este |ese |el )?modelo", "acceso a"),
            (r"n[aã]o tem acesso (?:a|ao) (?:este |esse |o )?modelo", "acesso a"),
            (
                r"n'avez pas (?:acc[eè]s|l'acc[eè]s) (?:[àa]|au) (?:ce |cet |le )?mod[eè]le",
                "pas acc",
                "pas l'acc",
            ),
            (r"keinen zugriff auf (?:dieses|das|den) modell", "keinen zugriff"),
            (r"non hai accesso (?:a|al) (?:questo |il )?modello", "accesso a"),
            (r"нет доступа к (?:этой |данной |выбранной )?модели", "нет доступа"),
            (r"モデル(?:へ|に)の?アクセス権(?:が|は)?(?:ありません|ない)", "アクセス権"),
            (r"没有(?:该|此|这个|当前)?模型的?(?:使用|访问|调用)?权限", "没有"),
            (r"无(?:该|此)模型(?:的)?(?:使用|访问|调用)?权限", "模型"),
        ),
        priority=90,
        confidence=0.75,
        samples=(
            "403: No tienes acceso a este modelo",
            "Vous n'avez pas accès à ce modèle",
            "Fehler 403: Sie haben keinen Zugriff auf dieses Modell",
            "Ошибка 403: у вас нет доступа к этой модели",
            "このモデルへのアクセス権がありません",
            "您没有该模型的使用权限",
        ),
        near_misses=("Modelo no encontrado", "模型不存在"),
    ),
    # The provider's refusal of the caller's country or region, in other languages: "no está
    # disponible en tu país", "não está disponível na sua região", "n'est pas disponible dans
    # votre pays", "in Ihrem Land nicht verfügbar", "Ваш регион не поддерживается", "お住まいの
    # 地域ではご利用いただけません", "해당 지역에서는 사용할 수 없습니다", "在您所在的地区不可用".
    # (LobeChat's hedged "你的所在地区不支持此模型服务" note stays with client_note_i18n.)
    Rule(
        "identity.permission_region.other_languages",
        "A message in Spanish, Portuguese, French, German, Italian, Russian, Japanese, Korean"
        " or Chinese says the service or model is not available in, or does not support, the"
        " caller's country or region.",
        L,
        Cause.PERMISSION_REGION,
        says(
            (
                r"no (?:est[aá] )?disponible en (?:tu|su) (?:pa[ií]s|regi[oó]n|ubicaci[oó]n)",
                "disponible en",
            ),
            (
                r"n[aã]o (?:est[aá] )?dispon[ií]vel (?:no|na|em) (?:seu|sua) "
                r"(?:pa[ií]s|regi[aã]o|localiza[cç][aã]o)",
                "dispon",
            ),
            (r"n'est pas disponible dans votre (?:pays|r[ée]gion)", "disponible dans votre"),
            (r"(?:pays|r[ée]gion) n'est pas (?:pris en charge|support[ée])", "n'est pas "),
            (r"in ihrem (?:land|region|gebiet) nicht verf[üu]gbar", "in ihrem "),
            (r"(?:land|region) wird nicht unterst[üu]tzt", "nicht unterst"),
            (r"non [èe] disponibile nel (?:tuo|suo) paese", "disponibile nel"),
            (r"(?:регион|стран[аы])\w* не поддерживается", "не поддерживается"),
            (r"недоступ\w* в (?:вашем|вашей) (?:регионе|стране)", "в вашем", "в вашей"),
            (r"(?:地域|国)(?:で|では)(?:ご?利用|使用)(?:でき|いただけ)ません", "ません"),
            (r"(?:지역|국가)에서(?:는)? (?:사용|이용)할 수 없", "에서"),
            (
                r"(?:所在的?|当前)(?:地区|区域|国家)(?:暂)?(?:不可用|无法使用|不提供服务)",
                "所在",
                "当前",
            ),
        ),
        priority=93,
        confidence=0.8,
        samples=(
            "Este servicio no está disponible en tu país",
            "Erreur 403 : ce service n'est pas disponible dans votre pays",
            "Dieser Dienst ist in Ihrem Land nicht verfügbar",
            "Ошибка 403: ваш регион не поддерживается",
            "お住まいの地域ではご利用いただけません",
            "해당 지역에서는 사용할 수 없습니다",
            "该模型在您所在的地区不可用",
        ),
        near_misses=("Este modelo no está disponible", "当前模型不可用"),
    ),
    # OpenAI's "Country, region, or territory not supported" (unsupported_country_region_
    # territory) as localized docs and clients render it ("国、地域、または領土がサポートされて
    # いません" in a Japanese rendering of OpenAI's error table, "Страна, регион или
    # территория не поддерживается", "País, región o territorio no admitido", "Land, Region
    # oder Gebiet wird nicht unterstützt", "지원되지 않는 국가 또는 지역", Traditional Chinese
    # "所在地區無法使用"): the caller's location is refused.
    Rule(
        "identity.permission_region.unsupported_i18n",
        "A translated 'country, region or territory not supported' (Spanish, Portuguese,"
        " French, German, Russian, Japanese, Korean, Traditional Chinese): the provider"
        " refuses the caller's location.",
        L,
        Cause.PERMISSION_REGION,
        says(
            (
                r"(?:pa[ií]s|regi[oó]n|regi[aã]o|territorio|territ[oó]rio) n[aãoõ]o? "
                r"(?:es )?(?:admitid[oa]|compatible|soportad[oa]|suportad[oa]|compat[ií]vel)",
                "admitid",
                "compatible",
                "soportad",
                "suportad",
                "compat",
            ),
            (
                r"(?:pays|r[ée]gion|territoire)s? non (?:pris en charge|support[ée])",
                "non pris en charge",
                "non support",
            ),
            (r"gebiet (?:wird|werden) nicht unterst[üu]tzt", "nicht unterst"),
            (r"территори\w* не поддерживается", "не поддерживается"),
            (r"(?:国|地域|領土)(?:は|が)サポートされていません", "サポートされていません"),
            (r"지원되지 않는 (?:국가|지역)", "지원되지 않는"),
            (r"(?:국가|지역)(?:은|는|이|가)? 지원되지 않", "지원되지 않"),
            # Traditional Chinese "unavailable in your region" (Simplified is other_languages';
            # the hedged "所在地區不支援" note is client_note_i18n's)
            (r"(?:所在的?|當前)(?:地區|區域|國家)(?:暫)?(?:不可用|無法使用)", "所在", "當前"),
        ),
        priority=93,
        confidence=0.8,
        samples=(
            "403 - País, región o territorio no admitido",
            "403 – 国、地域、または領土がサポートされていません",
            "Ошибка 403: страна, регион или территория не поддерживается",
            "Fehler 403: Land, Region oder Gebiet wird nicht unterstützt",
            "403 지원되지 않는 국가 또는 지역입니다",
            "錯誤 403：此服務在您所在的地區無法使用",
        ),
        near_misses=(
            "Formato de archivo no admitido",
            "该模型不支持图片输入",
            "このモデルは画像入力がサポートされていません",
        ),
    ),
    # An organization's (or company's, or admin's) policy refuses the request, and no model
    # is named: "Your request was blocked due to organization policy", "denied by your
    # organization's policy", "blocked by your administrator's policy". A model withheld by
    # the same policy is identity.permission_model.withheld_by_policy.
    Rule(
        "identity.policy_block.org_policy",
        "The caller's organization, company or administrator policy blocked or denied the"
        " request ('blocked due to organization policy'): ask the administrator; no key or"
        " money changes it.",
        L,
        Cause.POLICY_BLOCK,
        all_of(
            says(
                (
                    r"(?:blocked|denied|prohibited|disallowed|not (?:allowed|permitted)|refused)"
                    r" (?:due to|by|under) (?:your |the |an? |this )?(?:organi[sz]ation(?:'s|al)?"
                    r"|company(?:'s)?|enterprise|admin(?:istrator)?(?:'s)?|workspace(?:'s)?|"
                    r"tenant(?:'s)?|it) (?:security )?polic",
                    "polic",
                ),
            ),
            none_of(says("model", "content policy", "usage policy", "usage polic")),
        ),
        priority=92,
        confidence=0.8,
        samples=(
            '{"error":{"message":"Your request was blocked due to organization policy.",'
            '"type":"policy_violation"}}',
            "403 Forbidden: request denied by your administrator's policy",
        ),
        near_misses=(
            "This model may be disabled by your organization's policy",
            "Your request was flagged as violating our usage policy",
        ),
    ),
    # Models a provider serves only after the account asks: "This model requires approval.
    # Apply for access.", "Access to this model requires an enterprise agreement", "Request
    # access to this model in the Model catalog", "model access has not been granted" (Bedrock's
    # and Azure's model catalogues, gated previews). The key is recognised; the model is not
    # yet granted to it.
    Rule(
        "identity.permission_model.access_request",
        "The model is served only after access is requested and granted (an approval, an"
        " agreement, a gated preview), and this account's has not been: request access to the"
        " model, or use one that is granted.",
        L,
        Cause.PERMISSION_MODEL,
        all_of(
            says(
                (
                    r"(?:this model|the model|access to (?:this|the) model) requires? (?:an? )?"
                    r"(?:approval|enterprise agreement|special access|allowlisting|whitelisting)",
                    "require",
                ),
                (r"(?:request|apply for) access to (?:this|the) model", "access to "),
                (
                    r"model access (?:has not been|has not|is not|not) (?:yet )?(?:been )?"
                    r"(?:granted|approved)",
                    "model access ",
                ),
                (
                    r"access (?:request )?(?:to|for) (?:this|the) model (?:is )?(?:pending|not"
                    r" (?:yet )?approved)",
                    "access ",
                ),
            ),
            none_of(says("has been granted", "was granted", "is approved")),
        ),
        priority=90,
        confidence=0.8,
        samples=(
            "403: This model requires approval. Apply for access.",
            '{"error":{"message":"Access to this model requires an enterprise agreement"}}',
            '{"error":{"message":"Model access not granted. Request access to the model in the'
            ' Model catalog."}}',
        ),
        near_misses=("Model access has been granted", "The model does not exist"),
    ),
    # The variable meant to hold the key, named and said to be unset: "OPENAI_API_KEY is not
    # set", "GEMINI_API_KEY not found in environment", "env var DEEPSEEK_API_KEY is empty",
    # "KeyError: 'OPENAI_API_KEY'" (Python's os.environ[...] on an unset variable), "Please set
    # GROQ_API_KEY in your .env file". Nothing was loaded, so nothing was sent.
    Rule(
        "identity.key_missing.named_variable",
        "A variable named for the key (..._API_KEY, ..._TOKEN) is said to be unset, empty or"
        " not found, or Python raised KeyError for it: the key was never loaded; export it or"
        " put it in the .env file the program reads.",
        L,
        Cause.KEY_MISSING,
        all_of(
            says(
                (
                    r"[a-z0-9]_(?:api_key|token|key|secret)\b['\"`]?"
                    r"(?: environment variable| env var| variable)? (?:is |was |has not been )?"
                    r"(?:not set|unset|not found|not defined|missing|empty|undefined|not"
                    r" configured|not provided)",
                    "_key",
                    "_token",
                    "_secret",
                ),
                (
                    r"keyerror: ['\"][a-z0-9_]*_(?:api_key|token|key|secret)['\"]",
                    "keyerror",
                ),
                (
                    r"(?:env(?:ironment)? var(?:iable)?) ['\"`]?[a-z0-9_]+_(?:api_key|key|token)"
                    r"['\"`]? (?:is )?(?:empty|not set|unset|missing)",
                    "env var",
                    "environment var",
                ),
                (
                    r"please (?:set|export|define|add) (?:the )?['\"`]?[a-z0-9_]+_(?:api_key|token)"
                    r"['\"`]? (?:in|to) (?:your |the )?(?:\.env|environment|env)",
                    "please ",
                ),
            ),
            none_of(says("invalid", "incorrect", "expired", "revoked", "not valid")),
        ),
        priority=88,
        origin=Origin.CLIENT,
        confidence=0.8,
        samples=(
            "Error: OPENAI_API_KEY is not set",
            "GEMINI_API_KEY not found in environment",
            "KeyError: 'OPENAI_API_KEY'",
            "Error: Please set GROQ_API_KEY in your .env file",
            "Error: env var DEEPSEEK_API_KEY is unset",
        ),
        near_misses=(
            "OPENAI_API_KEY is set but invalid",
            "KeyError: 'choices'",
            "HOME is not set",
        ),
    ),
    # A key that arrived empty, in the server's or client's words: "Bearer token is empty",
    # "Unauthorized: empty api key", "API key is empty", "empty Authorization header".
    Rule(
        "identity.key_missing.empty_key",
        "The key or bearer token was empty ('Bearer token is empty', 'empty api key'): the"
        " variable or setting that should hold it is blank.",
        L,
        Cause.KEY_MISSING,
        says(
            (
                r"(?:api[ _-]?key|bearer token|access token|auth(?:orization)? token|"
                r"authorization header|credentials?) (?:is |was |are |were )?(?:empty|blank)\b",
                "empty",
                "blank",
            ),
            (
                r"(?:empty|blank) (?:api[ _-]?key|bearer token|token|authorization header|"
                r"credentials?)",
                "empty ",
                "blank ",
            ),
        ),
        priority=92,
        confidence=0.8,
        samples=(
            '401 {"error":{"message":"Bearer token is empty"}}',
            '{"message":"Unauthorized: empty api key"}',
        ),
        near_misses=("API key is valid", "empty response body"),
    ),
    # A relay or gateway that says, in its own words, that the credential on ITS side failed:
    # the key configured for a provider ("the API key configured for provider 'anthropic' was
    # rejected", "Invalid API key for provider openai", a gateway's stored BYOK key), its
    # channel's or upstream's key ("该渠道的密钥已失效", "上游认证失败", "the upstream provider
    # rejected our credentials"), or its pool of them ("all credentials for provider gemini
    # are invalid or expired", "no valid upstream credentials"). The caller's own relay key is
    # fine; the key the relay holds (or stores for you) toward the provider is not.
    Rule(
        "identity.upstream_key_invalid.relay_words",
        "A relay or gateway says the credential it holds toward the provider (a provider key in"
        " its settings, a channel's key, its upstream account) was rejected, is invalid or"
        " expired: fix that key in the relay, not the one you send.",
        L,
        Cause.UPSTREAM_KEY_INVALID,
        says(
            (
                r"(?:api key|key|credentials?|token)s? (?:configured |set |stored )?for (?:the )?"
                r"provider\b[^\n\"]{0,40}(?:rejected|invalid|expired|refused|revoked)\b",
                "for provider",
                "for the provider",
            ),
            (
                r"(?:invalid|expired|revoked|rejected) (?:api )?(?:keys?|credentials?|tokens?) for"
                r" (?:the )?provider",
                "for provider",
                "for the provider",
            ),
            (r"provider (?:authentication|auth) failed", "provider auth"),
            (
                r"upstream (?:provider |service |api )?(?:rejected|refused) (?:our|its|the"
                r" relay's|the gateway's) (?:credentials?|api keys?|keys?|token)",
                "upstream",
            ),
            (r"no valid upstream (?:credentials?|keys?|api keys?|accounts?)", "no valid upstream"),
            (
                r"(?:upstream|channel)(?:'s)? (?:api )?(?:credentials?|keys?|tokens?) (?:are |is"
                r" |has |have )?(?:been )?(?:invalid|expired|revoked|rejected)",
                "upstream",
                "channel",
            ),
            (r"(?:上游|渠道)[^\n]{0,8}(?:认证|鉴权|授权)失败", "上游", "渠道"),
            (
                r"(?:上游|渠道)的?(?:api ?)?(?:密钥|key|令牌|账号|凭证)[^\n]{0,6}"
                r"(?:失效|无效|过期|错误)",
                "上游",
                "渠道",
            ),
            (
                r"(?:re-?authori[sz]e|re-?login|re-?authenticate) (?:the |this )?account in the"
                r" (?:admin|management)",
                "account in the",
            ),
        ),
        priority=96,
        origin=Origin.RELAY,
        confidence=0.75,
        samples=(
            '{"error":{"message":"Provider authentication failed: the API key configured for'
            ' provider \'anthropic\' was rejected","type":"provider_error"}}',
            '{"error":{"message":"上游认证失败，请联系管理员","type":"new_api_error"}}',
            '{"error":{"message":"该渠道的密钥已失效，请联系管理员更换","type":"one_api_error"}}',
            "503 Service Unavailable: no valid upstream credentials (all keys invalid)",
            "channel auth failed: OAuth token for account acc-3 has expired; re-authorize the"
            " account in the admin panel",
        ),
        near_misses=(
            "Incorrect API key provided: sk-abc***xyz",
            "无效的令牌",
            "upstream connect error or disconnect/reset before headers",
        ),
    ),
    # one-api and its forks (new-api, one-hub) write "bad response status code 401" (type
    # upstream_error, code bad_response_status_code) when the channel's upstream answered 401
    # with a body they could not read: the upstream refused the channel's key. The caller's
    # relay token is checked before any channel is asked, in the relay's own words ("无效的令牌").
    Rule(
        "identity.upstream_key_invalid.channel_401",
        "A one-api/new-api relay reports 'bad response status code 401' (upstream_error): the"
        " provider refused the key of the relay's channel, not your relay token.",
        L,
        Cause.UPSTREAM_KEY_INVALID,
        all_of(
            says((r"bad response status code 401\b", "bad response status code 401")),
            any_of(
                field_is("code", "bad_response_status_code"),
                field_is("type", "upstream_error"),
                says((r"\(request id: ?\d{4}[a-z0-9]*\)", "(request id:")),
            ),
        ),
        priority=96,
        origin=Origin.RELAY,
        confidence=0.75,
        samples=(
            '{"error":{"message":"bad response status code 401 (request id:'
            ' 2025010112000012345)","type":"upstream_error","code":"bad_response_status_code"}}',
        ),
        near_misses=("token fetch: bad response status code 401",),
    ),
    # A key or token that used to work and no longer does, said without "expired": "The API
    # key provided is no longer valid", "Token is no longer valid. Please login again", "This
    # API key is inactive" (inactive_api_key). Recognised, then switched off or lapsed: a new
    # key or a new login restores it.
    Rule(
        "identity.key_expired.no_longer_valid",
        "The key, token or session is said to be no longer valid or inactive ('The API key"
        " provided is no longer valid', 'This API key is inactive'): it was switched off or"
        " lapsed; issue a new key or sign in again.",
        L,
        Cause.KEY_EXPIRED,
        all_of(
            says(
                (
                    r"(?:api[ _-]?key|key|token|credentials?|session)s?(?: provided| you provided|"
                    r" you are using)? (?:is |are |was |were )?no longer (?:valid|active|usable|"
                    r"accepted)",
                    "no longer",
                ),
                (
                    r"(?:api[ _-]?key|access token|token) (?:is |was )?(?:inactive|not active)\b",
                    "inactive",
                    "not active",
                ),
                "inactive_api_key",
            ),
            none_of(says("subscription", "plan ", "billing", "model")),
        ),
        priority=92,
        confidence=0.8,
        samples=(
            '{"error":{"message":"The API key provided is no longer valid"}}',
            '{"detail":"Token is no longer valid. Please login again."}',
            '{"error":{"message":"This API key is inactive.","code":"inactive_api_key"}}',
        ),
        near_misses=("Your subscription is not active", "This model is no longer available"),
    ),
    # A login's token that was switched off server-side, said with the adjective or an error
    # code rather than "has been revoked": Codex prints "Encountered invalidated oauth token"
    # with "auth error code: token_revoked", its refresh failures carry refresh_token_reused /
    # refresh_token_expired / refresh_token_invalidated (codex-rs login, CodexBar's refresher),
    # OAuth servers answer "revoked access token". A fresh login restores it.
    Rule(
        "identity.key_expired.revoked_token",
        "A token is named revoked or invalidated ('invalidated oauth token', 'revoked access"
        " token', token_revoked, token_invalidated): the login was switched off server-side;"
        " sign in again.",
        L,
        Cause.KEY_EXPIRED,
        says(
            (
                r"(?:invalidated|revoked) (?:oauth |access |bearer |auth |api |refresh |session"
                r" |id )?(?:token|key|credential|session)s?\b",
                "invalidated",
                "revoked",
            ),
            "token_revoked",
            "token_invalidated",
            # refresh_token_reused / _expired / _revoked are oauth_refresh's
            "refresh_token_invalidated",
            "token_expired",
        ),
        priority=93,
        confidence=0.85,
        samples=(
            "HTTP 401: the request carried a revoked access token; please sign in again",
            '{"error":{"code":"token_invalidated","message":"Please log out and sign in again."}}',
            "stream error: unexpected status 401 Unauthorized, auth error code: token_expired",
        ),
        near_misses=(
            "SSL: CERTIFICATE_VERIFY_FAILED certificate revoked",
            "Your subscription was revoked by the administrator",
        ),
    ),
    # The bearer token of AWS's CodeWhisperer-backed agents (Amazon Q Developer, Kiro, kiro-cli)
    # is an SSO / Builder ID access token; when it is stale the service answers
    # AccessDeniedException "The bearer token included in the request is invalid" (403), and
    # the fix is a refresh or a new login (kiro-cli logout/login; relays such as sub2api and
    # pi-provider-kiro force a token refresh on exactly this text). An IAM key's "security
    # token included in the request is invalid" is a different failure (an unknown key).
    Rule(
        "identity.key_expired.aws_bearer_token",
        "AWS's agents (Amazon Q Developer, Kiro) say 'The bearer token included in the request"
        " is invalid': the stored SSO / Builder ID login token is stale; log out and log in"
        " again (a relay must refresh it).",
        L,
        Cause.KEY_EXPIRED,
        says(
            (
                r"bearer token included in the request (?:is|has|was) (?:invalid|expired|been"
                r" revoked)",
                "bearer token included in the request",
            ),
        ),
        priority=93,
        confidence=0.8,
        samples=(
            'Error { code: "AccessDeniedException", message: "The bearer token included in'
            ' the request is invalid." }',
            '403 {"message":"The bearer token included in the request has expired.","reason":null}',
        ),
        near_misses=(
            "UnrecognizedClientException: The security token included in the request is invalid.",
        ),
    ),
    # A per-user licence of an organisation's subscription (an entitlement, a seat) that this
    # user was not given: Gemini Code Assist Standard/Enterprise answers 403 "You must be a
    # named user on your organization's ... subscription ... request an entitlement", Copilot
    # and other seat-licensed tools say the user has no seat or licence assigned. The key or
    # login is fine; an administrator grants the entitlement.
    Rule(
        "identity.permission_model.entitlement",
        "The user has no entitlement, licence or seat under the organization's subscription"
        " ('You must be a named user on your organization's ... subscription', 'request an"
        " entitlement', 'no licence assigned'): an administrator must grant it.",
        L,
        Cause.PERMISSION_MODEL,
        says(
            (r"named user (?:on|of|in) (?:your|the|an?) organi[sz]ation", "named user"),
            (
                r"request (?:an? )?(?:entitlement|licen[cs]e|seat)s? (?:to|for)\b",
                "entitlement",
                "licen",
                "seat",
            ),
            (
                r"(?:not|isn't|aren't|is not|are not|no longer) entitled to (?:use|access)",
                "entitled to",
            ),
            (
                r"(?:no|not have an?|without an?|lacks? an?) (?:valid |active |assigned )?"
                r"(?:entitlement|licen[cs]e|seat) (?:for|to use|to access)\b",
                "entitlement",
                "licen",
                "seat",
            ),
            (
                r"(?:not been|not|never been) assigned (?:an? )?(?:[\w\-]+ )?(?:licen[cs]e|seat)",
                "assigned",
            ),
        ),
        priority=90,
        confidence=0.8,
        samples=(
            '403 {"error":{"code":403,"message":"Only named users on the organization\'s'
            " Enterprise plan may use this service. Ask your administrator to request an"
            ' entitlement for you.","status":"PERMISSION_DENIED"}}',
            "You have not been assigned a Copilot seat. Contact your organization owner.",
            "Error: your account is not entitled to use this product.",
        ),
        near_misses=(
            'API Error: Status Code 401, {"error":{"code":"license_key_missed"}}',
            "Seat count updated for your team",
        ),
    ),
    # An administrator's restriction on a product for the organization's users: "You're
    # restricted from using Gemini Code Assist for individuals in your organization. For more
    # information, contact your administrator." Neither a key nor money changes it.
    Rule(
        "identity.policy_block.admin_restricted",
        "The organization or its administrator restricts the user from the product ('You're"
        " restricted from using ... in your organization'): ask the administrator.",
        L,
        Cause.POLICY_BLOCK,
        all_of(
            says(
                (r"restricted from using\b", "restricted from using"),
                (
                    r"(?:access|use) (?:has been |is )?restricted by your (?:organi[sz]ation"
                    r"|administrator|admin|company|workspace)",
                    "restricted by your ",
                ),
            ),
            says("organization", "organisation", "administrator", "admin", "company", "workspace"),
            none_of(says("model")),
        ),
        priority=92,
        confidence=0.8,
        samples=(
            "403 PERMISSION_DENIED: You are restricted from using this assistant in your"
            " organization. Contact your administrator.",
        ),
        near_misses=("You are restricted from using this model in your organization.",),
    ),
    # The model or feature is outside what the account's plan or tier includes, said with
    # "included": "This model is not included in your subscription", "Your plan does not
    # include access to <model>", "restricted for your account tier", and the same in French,
    # Spanish, Portuguese and German ("n'est pas inclus dans votre abonnement", "no está
    # incluido en tu plan", "não está incluído no seu plano", "nicht in Ihrem Abo
    # enthalten"). The key works; the plan does not cover the model (plan_tier reads "not
    # available for your plan"; a used-up allowance is quota's).
    Rule(
        "identity.permission_model.not_in_plan",
        "The model or feature is not included in the account's plan, subscription or tier"
        " ('not included in your subscription', 'your plan does not include access to',"
        " 'n'est pas inclus dans votre abonnement', 'no está incluido en tu plan'): pick a"
        " model the plan covers or change the plan.",
        L,
        Cause.PERMISSION_MODEL,
        all_of(
            says(
                (
                    r"not included in (?:your|the current|this|the) (?:[\w\-]+ )?(?:plan|"
                    r"subscription|tier)",
                    "not included in ",
                ),
                (
                    r"(?:plan|subscription|tier) (?:does not|doesn't) include (?:access to )?"
                    r"(?:this |the )?(?:model|[\w.\-/:]+)",
                    "does not include",
                    "doesn't include",
                ),
                (
                    r"restricted (?:for|on|to) (?:your|this) (?:account |plan |subscription )?tier",
                    "restricted ",
                ),
                (
                    r"n'est pas (?:inclus|compris) dans (?:votre|ton|l') ?(?:abonnement|forfait"
                    r"|offre|plan)",
                    "n'est pas ",
                ),
                (
                    r"no (?:est[aá] )?incluid[oa] en (?:tu|su) (?:plan|suscripci[oó]n)",
                    "incluid",
                ),
                (
                    r"n[aã]o (?:est[aá] )?inclu[ií]d[oa] n[oa] (?:seu|sua) (?:plano|assinatura)",
                    "inclu",
                ),
                (
                    r"nicht in (?:ihrem|deinem) (?:abo|abonnement|tarif|plan) enthalten",
                    "enthalten",
                ),
            ),
            none_of(says("usage limit", "used up", "exhausted", "reached")),
        ),
        priority=90,
        confidence=0.75,
        samples=(
            '403 {"error":{"message":"gpt-image-1 is not included in your current plan"}}',
            "Error: your subscription does not include access to opus models",
            "Ce modèle n'est pas inclus dans votre forfait actuel.",
            "Este modelo no está incluido en su suscripción",
        ),
        near_misses=(
            "Tax is not included in the price",
            "You've reached the usage limit included in your plan",
        ),
    ),
    # Chinese relays and providers saying the key or account has no permission for THIS model:
    # "无权限访问该模型", "没有权限调用此模型", "模型未授权" (the model is not authorised for this
    # key; 未授权 alone is a bare 401), "该模型需要单独申请权限" (apply for the model first).
    Rule(
        "identity.permission_model.chinese_model",
        "A Chinese message says the key or account has no permission for this model"
        " ('无权限访问该模型', '没有权限调用此模型', '模型未授权', '该模型需要申请权限'): the key"
        " works, the model is not granted to it.",
        L,
        Cause.PERMISSION_MODEL,
        says(
            (
                # (无权使用模型 is identity.permission_model's relay row)
                r"(?:无|没有|無|沒有)(?:权限|權限)(?:访问|调用|使用|訪問|調用)"
                r"(?:该|此|这个|該|這個)?模型",
                "权限",
                "權限",
            ),
            (r"模型(?:未授权|未授權|无权限|無權限|未被授权)", "模型"),
            (
                r"模型[^\n，。,]{0,10}(?:需要|需)(?:单独|單獨)?(?:申请|申請)(?:权限|權限|开通|開通)",
                "申请",
                "申請",
            ),
        ),
        priority=90,
        confidence=0.75,
        samples=(
            '{"error":{"message":"当前令牌无权限调用此模型","code":403}}',
            "请求失败：模型未授权",
            "该模型需要单独申请开通",
        ),
        near_misses=("未授权，请检查 API Key", "模型不存在"),
    ),
    # Providers that run separate regional sites issue keys per site, and a key from one is
    # refused by the other as plainly invalid (Alibaba Model Studio: "API Keys are
    # region-specific", Beijing vs Singapore vs US; Huawei MaaS: "API keys work only in their
    # specific region"; Moonshot .cn vs .ai, MiniMax minimaxi.com vs minimax.io, Zhipu
    # bigmodel.cn vs z.ai). The server cannot say so; the user's report does, by naming the
    # site the key came from beside the refusal.
    Rule(
        "identity.key_wrong_platform.region_site",
        "A key refused as invalid where the message names the regional site or edition the"
        " key came from (international vs mainland China, another region's console: '国际版"
        " … key，报错 invalid key', 'intl key … 401 Invalid API-key'): regional sites issue"
        " their own keys and refuse each other's.",
        L,
        Cause.KEY_WRONG_PLATFORM,
        all_of(
            says(
                (r"invalid[ _-]?(?:api[ _-]?)?key", "invalid"),
                (r"incorrect (?:api[ _-]?)?key", "incorrect "),
                "invalidapikey",
                "invalid_api_key",
                (r"(?:key|密钥|秘钥)[^\n]{0,6}(?:无效|不正确|错误)", "无效", "不正确", "错误"),
            ),
            says(
                (r"国际(?:版|站|区)", "国际"),
                (r"(?:国内|中国|大陆)(?:版|站|区)", "版", "站", "区"),
                (r"海外(?:版|站|区)", "海外"),
                (r"\bintl\b", "intl"),
                (
                    r"\binternational (?:version|site|edition|console|account|key|region)",
                    "international ",
                ),
                (r"(?:mainland|china|beijing|singapore|virginia|hong kong) region", " region"),
                (r"key (?:from|of|for) (?:another|a different|the wrong) region", " region"),
            ),
        ),
        priority=96,
        confidence=0.7,
        samples=(
            "我用的是阿里云国际站的 DashScope API Key，调用 qwen-plus 返回 InvalidApiKey:"
            " Invalid API-key provided.",
            "Using my intl Model Studio key with Claude Code: API Error 401 Incorrect API key"
            " provided.",
            "401 invalid api key (the key is from the Singapore region console)",
        ),
        near_misses=(
            "Incorrect API key provided: sk-proj-****abcd.",
            "Invalid API-key provided.",
            "国际版 qwen-plus 调用超时",
        ),
    ),
    # Relays that pool Claude subscriptions (claude-relay-service, sub2api and their forks)
    # let an admin restrict a key's group to the official Claude Code client; any other
    # client is refused ("This group only allows Claude Code clients. Please use the official
    # Claude Code CLI." as 403, or "No available accounts: this group only allows Claude Code
    # clients" as 503 when the pool is filtered by client). Nothing is down: policy refuses.
    Rule(
        "identity.policy_block.client_only",
        "A relay's group or key accepts only one official client (Claude Code, Codex CLI,"
        " Gemini CLI) and refuses every other ('this group only allows Claude Code clients',"
        " '仅允许 Claude Code 客户端'), whatever status it chose: a policy, not an outage.",
        L,
        Cause.POLICY_BLOCK,
        says(
            (
                r"only (?:allows?|accepts?|supports?|permits?) (?:requests from )?(?:the )?"
                r"(?:official )?(?:claude[ -]code|codex|gemini[ -]cli)(?: cli)? client",
                "only allow",
                "only accept",
                "only support",
                "only permit",
            ),
            (
                r"only (?:official )?(?:claude[ -]code|codex) clients? (?:are|is) allowed",
                " allowed",
            ),
            (r"仅(?:允许|支持|限)[^\n]{0,6}(?:claude ?code|codex)", "仅"),
            "errclaudecodeonly",
        ),
        # above upstream.unavailable.relay_pool (70), which reads "No available accounts"
        priority=92,
        origin=Origin.RELAY,
        confidence=0.8,
        samples=(
            'HTTP 403 {"error":{"type":"access_denied","message":"This group only allows'
            ' Claude Code clients. Please use the official Claude Code CLI."}}',
            "status 503: No available accounts: this group only allows Codex CLI clients",
            "错误：该分组仅允许 Claude Code 客户端访问",
        ),
        near_misses=(
            "No available accounts: all accounts are rate limited",
            "Claude Code only supports Anthropic-compatible endpoints",
        ),
    ),
    # Google flags projects for its usage policies (abuse, splitting one workload across many
    # projects to multiply free quota) and then refuses their keys, often as a bare 429 or 403;
    # the console, and users quoting it in Chinese, say why.
    Rule(
        "identity.policy_block.project_flagged",
        "The provider flagged the project or account for breaking its usage policy or for"
        " circumventing quota across projects ('系统检测到您拥有的某个项目可能违反了我们的使用"
        "限制政策', 'circumventing our quota restrictions via multiple projects'): access is"
        " suspended until an appeal, whatever status the calls return.",
        L,
        Cause.POLICY_BLOCK,
        says(
            (r"违反了?(?:我们的)?(?:使用限制政策|服务条款|使用条款|可接受使用政策)", "违反"),
            (r"(?:项目|账号|帐号|账户)[^\n]{0,20}违反", "违反"),
            (r"规避[^\n]{0,12}配额", "规避"),
            (r"circumvent(?:ing)? (?:our |use or )?quota", "circumvent"),
            (r"projects? (?:has been |was )?flagged", "flagged"),
        ),
        priority=93,
        confidence=0.75,
        samples=(
            "调用 Gemini 一直 429，控制台提示：系统检测到您拥有的某个项目可能违反了我们的"
            "使用限制政策",
            "We have recently detected that your Google Cloud Project has been circumventing"
            " our quota restrictions via multiple projects that act as one.",
            "此项目似乎通过将一个项目分为多个项目的方式来规避我们的配额限制",
        ),
        near_misses=(
            "输入内容违反相关法律法规，请修改后重试",
            "Quota exceeded for quota metric 'Generate Content API requests per minute'",
        ),
    ),
    # Chinese servers and relays say "the request header lacks Authorization" in a few set
    # phrasings (Spring/gin back ends' "请求头缺少必要的Authorization参数", "未携带 token",
    # "Authorization 参数缺失"): no credential arrived at all.
    Rule(
        "identity.key_missing.header_zh",
        "A Chinese server says the request carried no Authorization header, token or API key"
        " ('请求头缺少必要的Authorization参数', '未携带token', 'Authorization 缺失'): nothing was"
        " sent, not a wrong key.",
        L,
        Cause.KEY_MISSING,
        says(
            (
                r"缺少[^\n]{0,10}(?:authorization|api[ _-]?key|x-api-key|access[ _-]?token"
                r"|(?<![a-z_])token(?![a-z_])|令牌|密钥|鉴权)",
                "缺少",
            ),
            (
                r"未(?:携带|提供|传入?|包含|设置)[^\n]{0,6}(?:authorization|api[ _-]?key"
                r"|(?<![a-z_])token(?![a-z_])|令牌|密钥)",
                "未",
            ),
            (
                r"(?:authorization|api[ _-]?key|(?<![a-z_])token(?![a-z_])|令牌|密钥)[^\n]{0,8}"
                r"(?:缺失|不存在于请求头)",
                "缺失",
                "不存在于请求头",
            ),
        ),
        priority=92,
        confidence=0.8,
        samples=(
            '{"requestId":null,"code":401,"msg":"非法请求：请求头缺少 Authorization","data":null}',
            '{"code":401,"message":"未携带token，请先登录"}',
            "HTTP 401: 鉴权失败，Authorization 参数缺失",
        ),
        near_misses=(
            "API Key 无效，请检查后重试",
            "请求头缺少 Content-Type",
        ),
    ),
    # Local model servers and the dev servers and tunnels in front of them check the Host
    # (and Origin) a request names against an allow list, against DNS rebinding: webpack-dev-
    # server and Jan answer "Invalid Host header", Vite "Blocked request. This host (...) is
    # not allowed. To allow this host, add ... to server.allowedHosts", Django "Invalid
    # HTTP_HOST header ... add ... to ALLOWED_HOSTS"; Ollama answers a bare 403 to an Origin
    # outside OLLAMA_ORIGINS. The key is not the matter: the server's host policy is.
    Rule(
        "identity.policy_block.host_not_allowed",
        "A server refused the Host or Origin the request named, by its allow list against DNS"
        " rebinding ('Invalid Host header', 'This host (...) is not allowed ... allowedHosts',"
        " 'Invalid HTTP_HOST header', Ollama's 403 outside OLLAMA_ORIGINS), or a self-hosted"
        " app's server refused to call a local host ('Host violates local access rules'):"
        " typical behind a tunnel or a reverse proxy; allow the host, or rewrite the Host.",
        L,
        Cause.POLICY_BLOCK,
        any_of(
            says(
                "invalid host header",
                "invalid http_host header",
                "disallowedhost",
                (r"this host \(?[^\n]{0,120}?\)? is not allowed", " is not allowed"),
                (r"(?:server|preview)\.allowedhosts", "allowedhosts"),
                (r"host (?:header )?not allowed", "not allowed"),
                # the other way round: a self-hosted app's server refuses to call a local host
                # (Nextcloud's LocalServerException, an SSRF guard)
                "host violates local access rules",
            ),
            all_of(status(403), says("ollama_origins")),
        ),
        priority=93,
        confidence=0.8,
        samples=(
            "failed with status 403 Forbidden: Invalid host header",
            'HTTP 403: Blocked request. This host ("llm.example.ngrok-free.app") is not allowed.'
            ' To allow this host, add "llm.example.ngrok-free.app" to `server.allowedHosts` in'
            " vite.config.js.",
            "Invalid HTTP_HOST header: 'api.example.test'. You may need to add"
            " 'api.example.test' to ALLOWED_HOSTS.",
        ),
        near_misses=(
            "Missing Host header in request line",
            "Could not resolve host: api.openai.com",
        ),
    ),
    # A WAF or edge (CloudFront's "Request blocked. We can't connect to the server for this
    # app", Azure Front Door's "The request is blocked.", Cloudflare's "Your request was
    # blocked", a relay's "The request was blocked by security policy") names the block but
    # not the reason. A safety filter says "blocked" too, but names the content: those are
    # left to the request layer's content rules.
    Rule(
        "identity.policy_block.request_blocked",
        "An edge, WAF or gateway says the request was blocked without naming its content"
        " ('Your request was blocked', 'Request blocked.', 'The request is blocked.', '请求被"
        "拦截'): a security policy refused the caller, not the key or a safety filter.",
        L,
        Cause.POLICY_BLOCK,
        all_of(
            says(
                (
                    r"(?:your|this|the) request (?:was |is |has been )?blocked",
                    "request was blocked",
                    "request is blocked",
                    "request has been blocked",
                    "request blocked",
                ),
                (r"(?<![a-z])request blocked\.", "request blocked."),
                (r"请求(?:已)?被[^\n]{0,8}(?:拦截|阻止|阻断|屏蔽)", "请求"),
                # Cloudflare's 1020 page: "The site owner may have set restrictions that
                # prevent you from accessing the site."
                "site owner may have set restrictions",
            ),
            # (not "content" alone: an edge's HTML page has its Content-Type meta tag)
            none_of(
                says(
                    (
                        r"content (?:filter|policy|management|moderation|safety|rules)",
                        "content ",
                    ),
                    "content_filter",
                    "prohibited",
                    "safety",
                    "moderation",
                    "blockedreason",
                    "harm_category",
                    "sensitive",
                    "敏感",
                    "内容",
                    "违规",
                )
            ),
        ),
        # below the named blocks (identity.policy_block.waf 94, the organisation's policy)
        priority=80,
        origin=Origin.GATEWAY,
        confidence=0.7,
        samples=(
            "托管到 cloudflare 上的域名调用 API 时报错：Your request was blocked.",
            "403 ERROR The request could not be satisfied. Request blocked. We can't connect to"
            " the server for this app or website at this time.",
            "HTTP 403: The request is blocked.",
            '<HTML><HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1">'
            "<TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY><H1>403 ERROR"
            "</H1><H2>The request could not be satisfied.</H2>Request blocked.</BODY></HTML>",
        ),
        near_misses=(
            "Request was blocked by Gemini: BlockedReason.PROHIBITED_CONTENT",
            "Your request was blocked by our content filter.",
        ),
    ),
    # Gateways and app servers in front of a model (Spring Cloud Gateway and Zuul filters,
    # nginx-lua auth, Go middlewares) check for a token before anything else and answer 401
    # "token is empty" / "Bearer token not found in request" when none came: nothing was
    # sent, whatever status the server chose.
    Rule(
        "identity.key_missing.token_empty",
        "A server says the token or bearer credential it looked for is empty or absent from"
        " the request ('token is empty', 'Bearer token not found in request', 'empty bearer"
        " token'): no credential was sent.",
        L,
        Cause.KEY_MISSING,
        says(
            (
                r"(?<![a-z_])token (?:is |was )?(?:empty|blank)\b",
                "token is empty",
                "token was empty",
                "token empty",
                "token is blank",
                "token was blank",
                "token blank",
            ),
            (
                r"token not found in (?:the )?(?:request|headers?|authorization)",
                "token not found in",
            ),
            "empty bearer token",
        ),
        priority=91,
        confidence=0.8,
        samples=(
            "HTTP 401 Unauthorized: token is empty",
            '{"code":401,"message":"Bearer token not found in request headers"}',
        ),
        near_misses=(
            "The max_token is empty or invalid",
            "token not found",
            "Invalid bearer token",
        ),
    ),
    # A local Copilot proxy or client mints a short-lived Copilot token from the GitHub token
    # it keeps in its state; before login (or after the GitHub token was lost) it has none and
    # refuses the call itself (copilot-api's "Copilot token not found"; forks' "GitHub token
    # not set in state"). Nothing was sent to GitHub. A server's "token not found" (a token it
    # looked up and did not know) is not this family.
    Rule(
        "identity.key_missing.copilot_token_state",
        "A Copilot client or local proxy says it holds no GitHub or Copilot token ('Copilot"
        " token not found', 'GitHub token not set'): it was never logged in, so nothing was"
        " sent.",
        L,
        Cause.KEY_MISSING,
        says(
            (
                r"\b(?:github|copilot) token (?:is |was )?not (?:set|found|available)\b",
                "token is not ",
                "token was not ",
                "token not ",
            ),
        ),
        priority=90,
        origin=Origin.CLIENT,
        confidence=0.8,
        samples=(
            "Error: Copilot token not found\n    at createChatCompletions"
            " (src/services/copilot/create-chat-completions.ts:11:35)",
            '{"error":{"message":"GitHub token not set","type":"error"}}',
        ),
        near_misses=(
            "Your GitHub token is invalid. Please sign out from your GitHub account.",
            "token not found",
        ),
    ),
    # Roo Code (and the forks that keep its strings) prints its own line for a provider's 401
    # and 403 instead of the server's words, in its 18 languages (webview-ui/src/i18n/locales/
    # */chat.json): "Couldn't authenticate with provider. Please check your API key
    # configuration." (401) and "Unauthorized. Your API key is valid, but the provider refused
    # to complete this request." (403). The reason is not shown (actions.HIDDEN_BY_CLIENT);
    # where the paste also holds the server's words, their rows (priority 80 and more) decide.
    Rule(
        "identity.key_invalid.roo_401_line",
        "A coding agent's own line for a provider's 401 ('Couldn't authenticate with provider."
        " Please check your API key configuration.', Roo Code in its 18 languages): the key was"
        " refused; the server's reason is not shown.",
        L,
        Cause.KEY_INVALID,
        says(
            "couldn't authenticate with provider",
            "无法向提供商进行身份验证",
            "無法向供應商進行身份驗證",
            "authentifizierung beim anbieter fehlgeschlagen",
            "impossible de s'authentifier auprès du fournisseur",
            "プロバイダーで認証できませんでした",
            "공급자로 인증할 수 없습니다",
            "no se pudo autenticar con el proveedor",
            "не удалось аутентифицироваться у провайдера",
            "não foi possível autenticar com o provedor",
            "impossibile autenticare con il provider",
            "sağlayıcı ile kimlik doğrulaması yapılamadı",
            "không thể xác thực với nhà cung cấp",
            "kon niet authenticeren met provider",
            "nie można uwierzytelnić u dostawcy",
            "प्रदाता के साथ प्रमाणित नहीं किए जा सके",
            "tidak dapat mengautentikasi dengan penyedia",
            "no s'ha pogut autenticar amb el proveïdor",
        ),
        priority=55,
        confidence=0.6,
        samples=(
            "Couldn't authenticate with provider. Please check your API key configuration.",
            "无法向提供商进行身份验证。请检查您的 API 密钥配置。",
            "Impossible de s'authentifier auprès du fournisseur. Veuillez vérifier la"
            " configuration de votre clé API.",
            "プロバイダーで認証できませんでした。API キーの設定を確認してください。",
        ),
        near_misses=("Couldn't connect to provider. Please check your network.",),
    ),
    Rule(
        "identity.unknown.roo_403_line",
        "A coding agent's own line for a provider's 403 ('Unauthorized. Your API key is valid,"
        " but the provider refused to complete this request.', Roo Code in its 18 languages):"
        " the key was recognised and refused something; the line does not say what.",
        L,
        Cause.UNKNOWN,
        says(
            "api key is valid, but the provider refused",
            "api 密钥有效，但提供商拒绝",
            "api 金鑰有效，但供應商拒絕",
            "api-schlüssel ist gültig, aber der anbieter",
            "clé api est valide, mais le fournisseur a refusé",
            "api キーは有効ですが、プロバイダー",
            "api 키는 유효하지만 공급자가",
            "clave api es válida, pero el proveedor se negó",
            "ключ api действителен, но провайдер отказался",
            "chave api é válida, mas o provedor se recusou",
            "chiave api è valida, ma il provider ha rifiutato",
            "api anahtarınız geçerli ama sağlayıcı",
            "khóa api của bạn hợp lệ, nhưng nhà cung cấp",
            "api-sleutel is geldig, maar de provider weigerde",
            "klucz api jest ważny, ale dostawca odmówił",
            "api कुंजी वैध है, लेकिन प्रदाता",
            "kunci api anda valid, tetapi penyedia menolak",
            "clau api és vàlida, però el proveïdor ha rebutjat",
        ),
        priority=55,
        confidence=0.6,
        samples=(
            "Unauthorized. Your API key is valid, but the provider refused to complete this"
            " request.",
            "无权限。您的 API 密钥有效，但提供商拒绝完成此请求。",
            "Nicht autorisiert. Dein API-Schlüssel ist gültig, aber der Anbieter hat sich"
            " geweigert, diese Anfrage abzuschließen.",
            "No autorizado. Tu clave API es válida, pero el proveedor se negó a completar esta"
            " solicitud.",
        ),
        near_misses=("Your API key is valid.",),
    ),
    # Baidu's qianfan SDK trades an AK/SK pair for an access token (resources/auth/oauth.py);
    # when the OAuth server answers invalid_client it raises "AK(abcdef***) is not correct,
    # please check! AK(`abcdef***`) 错误, 请检查！ AK/SK should be obtained from ...", showing
    # the AK's first six characters ("SK(...) is not correct" for a wrong secret).
    Rule(
        "identity.key_invalid.qianfan_aksk",
        "Baidu's qianfan SDK says the AK or SK it exchanged for a token is not correct"
        " ('AK(abcdef***) is not correct, please check!'): the pair is not recognised.",
        L,
        Cause.KEY_INVALID,
        says(
            (r"\b(?:ak|sk|ak/sk)(?:\([^)\n]{0,40}\))? is not correct", " is not correct"),
            (r"\b(?:ak|sk)\(`[^`\n]{0,40}`\) ?错误", "错误"),
        ),
        priority=88,
        confidence=0.8,
        samples=(
            "qianfan.errors.AuthError: SK(f3a9c1***) is not correct, please check! SK(`f3a9c1***`)"
            " 错误, 请检查！ AK/SK should be obtained from"
            " https://console.bce.baidu.com/qianfan/ais/console/applicationConsole/application",
        ),
        near_misses=("The answer is not correct, please check the math.",),
    ),
    # ... and where the six characters shown are "bce-v3", the AK given is a Qianfan v2 API
    # key (bce-v3/ALTAK-.../...), a bearer key of the other API generation, not an AK.
    Rule(
        "identity.key_wrong_platform.qianfan_v2_key_as_ak",
        "Baidu's qianfan SDK refused an AK that starts 'bce-v3': a Qianfan v2 API key (a bearer"
        " key) was given where the v1 AK/SK pair is read.",
        L,
        Cause.KEY_WRONG_PLATFORM,
        says((r"\bak\(`?bce-v3", "bce-v3")),
        priority=92,
        confidence=0.8,
        samples=(
            "AuthError: AK(bce-v3***) is not correct, please check! AK(`bce-v3***`)错误, 请检查！"
            " AK/SK should be obtained from"
            " https://console.bce.baidu.com/qianfan/ais/console/applicationConsole/application",
        ),
        near_misses=("AK(ALTAKx***) is not correct, please check!",),
    ),
)
