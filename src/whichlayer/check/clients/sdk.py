"""The Python SDKs and env-only clients: openai, anthropic, Azure, google-genai, LiteLLM, Bedrock.

These read the process environment only; an app that calls python-dotenv's
``load_dotenv()`` adds the nearest ``.env`` below the shell (A14).
"""

from __future__ import annotations

import functools

from whichlayer.check.clients._common import base_or_default, new_target, sdk_layers
from whichlayer.check.layers import Layers
from whichlayer.check.model import Context, Finding, Setting, Target
from whichlayer.check.protocols import parse_header_lines
from whichlayer.providers import api_base

OPENAI_DEFAULT = api_base("openai")
ANTHROPIC_DEFAULT = api_base("anthropic")
GEMINI_DEFAULT = api_base("gemini") + "/"


def _any(layers: Layers, *names: str) -> bool:
    return any(layers.get(n) is not None for n in names)


def openai_python(ctx: Context) -> list[Target]:
    """openai-python (A1): ``OPENAI_API_KEY``; ``OPENAI_BASE_URL`` or the default."""
    layers = sdk_layers(ctx)  # A1: only None falls through; "" is kept
    if not _any(layers, "OPENAI_API_KEY", "OPENAI_BASE_URL"):
        return []
    base = base_or_default(layers.get("OPENAI_BASE_URL"), OPENAI_DEFAULT)
    target = new_target("openai-python", "chat_completions", layers, ["OPENAI_API_KEY"], base)
    target.headers = parse_header_lines(layers.value("OPENAI_CUSTOM_HEADERS") or "")  # A1
    target.precedence = (
        "OPENAI_API_KEY from the shell; a .env only if the app loads it, and the shell wins "
        "(A1, A14)"
    )
    target.findings.extend(openai_env_findings(layers))
    return [target]


def openai_env_findings(layers: Layers) -> list[Finding]:
    """P1, P3 and P14: variable names the openai SDKs do not read, and an empty base URL."""
    found: list[Finding] = []
    old = layers.get("OPENAI_API_BASE")
    if old is not None and layers.get("OPENAI_BASE_URL") is None:
        found.append(
            Finding(
                "E-OPENAI-API-BASE",
                "request",
                "endpoint_mismatch",
                f"{old.source} is set, but the openai SDKs (v1+) read OPENAI_BASE_URL only (P1); "
                f"requests go to {OPENAI_DEFAULT}.",
                "Rename the variable to OPENAI_BASE_URL.",
                "warning",
            )
        )
    if layers.value("OPENAI_BASE_URL") == "":
        found.append(
            Finding(
                "E-EMPTY-BASE-URL",
                "request",
                "endpoint_mismatch",
                "OPENAI_BASE_URL is set to an empty string; openai-python keeps it instead of "
                "using the default (P3).",
                "Unset OPENAI_BASE_URL or give it a URL.",
            )
        )
    org = layers.get("OPENAI_ORGANIZATION")
    if org is not None and layers.get("OPENAI_ORG_ID") is None:
        found.append(
            Finding(
                "E-ORG-NAME",
                "identity",
                "org_mismatch",
                f"{org.source} is set, but the openai SDKs read OPENAI_ORG_ID (P14).",
                "Also set OPENAI_ORG_ID if the SDK should send the organization.",
                "info",
            )
        )
    return found


@functools.cache
def anthropic_key_header() -> str:
    """How the installed anthropic SDK sends ``api_key``: "x-api-key" or "bearer".

    A4 (0.121.0) sends ``X-Api-Key``, and both headers when a token is also set;
    anthropic 2.x sends the key as ``Authorization: Bearer`` and, when both
    variables are set, uses ANTHROPIC_API_KEY only. The SDK itself is asked,
    with explicit arguments so that no environment or profile is read.
    """
    try:
        import anthropic

        headers = anthropic.Anthropic(api_key="probe", base_url="http://127.0.0.1").auth_headers
    except Exception:  # not installed, or an SDK that cannot be built offline
        return "x-api-key"
    names = {k.lower() for k in headers}
    return "x-api-key" if "x-api-key" in names else "bearer"


def anthropic_python(ctx: Context) -> list[Target]:
    """anthropic-python (A4): ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN (Bearer), base URL."""
    layers = sdk_layers(ctx)
    if not _any(layers, "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL"):
        return []
    base = base_or_default(layers.get("ANTHROPIC_BASE_URL"), ANTHROPIC_DEFAULT)
    api_key, token = layers.get("ANTHROPIC_API_KEY"), layers.get("ANTHROPIC_AUTH_TOKEN")
    names = ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"]
    style = anthropic_key_header()
    old_sdk = style == "x-api-key"
    auth = "both" if api_key and token and old_sdk else (style if api_key else "bearer")
    target = new_target("anthropic-python", "messages", layers, names, base, auth=auth)
    target.headers = parse_header_lines(layers.value("ANTHROPIC_CUSTOM_HEADERS") or "")  # A4
    target.precedence = (
        "ANTHROPIC_API_KEY, then ANTHROPIC_AUTH_TOKEN, from the shell; a .env only if the "
        "app loads it (A4, A14)"
    )
    if api_key and token:
        if old_sdk:  # A4/P9: both headers are sent; what the server reads decides.
            target.shadowed = [s for s in target.shadowed if s != token]
        differ = "different values" if api_key.value != token.value else "the same value"
        what = (
            "anthropic-python sends both an X-Api-Key header and a Bearer token (P9)"
            if old_sdk
            else "this anthropic SDK uses ANTHROPIC_API_KEY and ignores the token"
        )
        target.findings.append(
            Finding(
                "E-ANTHROPIC-BOTH",
                "identity",
                "key_malformed",
                f"ANTHROPIC_API_KEY and ANTHROPIC_AUTH_TOKEN are both set ({differ}); {what}; "
                "Claude Code sends only the Bearer token.",
                "Keep one: ANTHROPIC_API_KEY for sk-ant-api keys, ANTHROPIC_AUTH_TOKEN for "
                "gateway or OAuth tokens.",
                "error" if old_sdk and api_key.value != token.value else "warning",
            )
        )
    return [target]


def azure_openai(ctx: Context) -> list[Target]:
    """openai-python ``AzureOpenAI`` (A2): AD token beats key; api-version is required."""
    layers = sdk_layers(ctx)
    if not _any(layers, "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_AD_TOKEN"):
        return []
    endpoint = layers.get("AZURE_OPENAI_ENDPOINT")
    base = None
    if endpoint is not None:
        root = endpoint.value.rstrip("/")
        base = Setting(root if root.endswith("/openai/v1") else root + "/openai", endpoint.source)
    has_token = layers.get("AZURE_OPENAI_AD_TOKEN") is not None
    names = ["AZURE_OPENAI_AD_TOKEN", "AZURE_OPENAI_API_KEY"]
    target = new_target(
        "azure-openai",
        "chat_completions",
        layers,
        names,
        base or Setting("", "unset"),
        auth="bearer" if has_token else "api-key",
    )
    target.base_url = base
    if base is None:
        target.findings.append(
            Finding(
                "E-AZURE-ENDPOINT",
                "request",
                "endpoint_mismatch",
                "AZURE_OPENAI_API_KEY is set but AZURE_OPENAI_ENDPOINT is not (A2).",
                "Set AZURE_OPENAI_ENDPOINT=https://<resource>.openai.azure.com",
            )
        )
    version = layers.get("OPENAI_API_VERSION")
    if version is not None:
        target.query["api-version"] = version.value
    elif base is not None and not base.value.endswith("/openai/v1"):
        target.findings.append(
            Finding(
                "E-AZURE-VERSION",
                "request",
                "invalid_parameter",
                "OPENAI_API_VERSION is not set; AzureOpenAI refuses to start without an "
                "api-version (A2).",
                "Set OPENAI_API_VERSION (e.g. 2024-10-21).",
            )
        )
    return [target]


def google_genai(ctx: Context) -> list[Target]:
    """google-genai (A8): ``GOOGLE_API_KEY`` beats ``GEMINI_API_KEY``; empty = unset; stripped."""
    layers = sdk_layers(ctx, empty_is_unset=True)
    if not _any(layers, "GOOGLE_API_KEY", "GEMINI_API_KEY"):
        return []
    base = base_or_default(layers.get("GOOGLE_GEMINI_BASE_URL"), GEMINI_DEFAULT)
    target = new_target(
        "google-genai",
        "generate_content",
        layers,
        ["GOOGLE_API_KEY", "GEMINI_API_KEY"],
        base,
        auth="x-goog-api-key",
        runtime="httpx",
    )
    if target.key is not None:  # A8: the SDK strips the key
        target.key = Setting(target.key.value.strip(), target.key.source)
    vertex = layers.value("GOOGLE_GENAI_USE_ENTERPRISE") or layers.value(
        "GOOGLE_GENAI_USE_VERTEXAI"
    )
    if vertex is not None and vertex.lower() in ("true", "1"):
        target.no_auth_reason = "GOOGLE_GENAI_USE_VERTEXAI selects Vertex AI (Google ADC)"
        target.protocol = "vertex"
        location = layers.value("GOOGLE_CLOUD_LOCATION") or "global"
        default = api_base("vertex", location) + "/"
        target.base_url = base_or_default(layers.get("GOOGLE_VERTEX_BASE_URL"), default)
        target.findings.append(
            Finding(
                "E-GENAI-VERTEX",
                "identity",
                "key_wrong_platform",
                "GOOGLE_GENAI_USE_VERTEXAI is on: google-genai talks to Vertex AI, where an AIza "
                "key only works in express mode (P12).",
                "Unset GOOGLE_GENAI_USE_VERTEXAI to use the Gemini API with this key.",
                "warning",
            )
        )
    google, gemini = layers.get("GOOGLE_API_KEY"), layers.get("GEMINI_API_KEY")
    if google and gemini and google.value.strip() != gemini.value.strip():
        target.findings.append(
            Finding(
                "E-GOOGLE-GEMINI-KEYS",
                "identity",
                "key_invalid",
                "GOOGLE_API_KEY and GEMINI_API_KEY hold different keys: google-genai uses "
                "GOOGLE_API_KEY, Gemini CLI uses GEMINI_API_KEY (P11).",
                "Keep one key in both, or unset GOOGLE_API_KEY.",
                "warning",
            )
        )
    return [target]


# LiteLLM providers read from the environment (A10): name, key vars, base vars, default base.
_LITELLM: list[tuple[str, list[str], list[str], str]] = [
    ("openrouter", ["OPENROUTER_API_KEY"], ["OPENROUTER_API_BASE"], api_base("openrouter")),
    # LiteLLM calls DeepSeek's beta path
    ("deepseek", ["DEEPSEEK_API_KEY"], ["DEEPSEEK_API_BASE"], api_base("deepseek") + "/beta"),
    ("groq", ["GROQ_API_KEY"], ["GROQ_API_BASE"], api_base("groq")),
    ("xai", ["XAI_API_KEY"], ["XAI_API_BASE"], api_base("xai")),
    ("litellm_proxy", ["LITELLM_PROXY_API_KEY"], ["LITELLM_PROXY_API_BASE"], ""),
    ("azure", ["AZURE_API_KEY"], ["AZURE_API_BASE"], ""),
]


def litellm(ctx: Context) -> list[Target]:
    """LiteLLM SDK (A10): one target per provider whose key is in the environment."""
    layers = sdk_layers(ctx)
    targets: list[Target] = []
    if layers.get("OPENAI_API_BASE") is not None:
        # P1/P2: LiteLLM reads OPENAI_BASE_URL first, then OPENAI_API_BASE.
        base, _ = layers.first(["OPENAI_BASE_URL", "OPENAI_API_BASE"])
        t = new_target(
            "litellm:openai",
            "chat_completions",
            layers,
            ["OPENAI_API_KEY"],
            base_or_default(base, OPENAI_DEFAULT),
            runtime="httpx",
        )
        targets.append(t)
    for name, key_vars, base_vars, default in _LITELLM:
        if not _any(layers, *key_vars, *base_vars):
            continue
        base, _ = layers.first(base_vars)
        t = new_target(
            f"litellm:{name}",
            "chat_completions",
            layers,
            key_vars,
            base_or_default(base, default),
            runtime="httpx",
        )
        if name == "azure":
            t.auth = "api-key"
            version = layers.value("AZURE_API_VERSION")
            if version:
                t.query["api-version"] = version
        if not t.base_url or not t.base_url.value:
            t.base_url = None
            t.findings.append(
                Finding(
                    "E-LITELLM-BASE",
                    "request",
                    "endpoint_mismatch",
                    f"{key_vars[0]} is set but {base_vars[0]} is not; LiteLLM has no default "
                    f"base URL for {name}.",
                    f"Set {base_vars[0]}.",
                )
            )
        targets.append(t)
    return targets


def bedrock(ctx: Context) -> list[Target]:
    """Bedrock Runtime (A4, A13): Bedrock API key as Bearer, else AWS SigV4 credentials."""
    layers = sdk_layers(ctx)
    if not _any(layers, "AWS_BEARER_TOKEN_BEDROCK", "ANTHROPIC_BEDROCK_BASE_URL"):
        return []
    region = layers.value("AWS_REGION") or layers.value("AWS_DEFAULT_REGION") or "us-east-1"
    default = api_base("bedrock", region)
    base = base_or_default(layers.get("ANTHROPIC_BEDROCK_BASE_URL"), default)
    target = new_target("bedrock", "converse", layers, ["AWS_BEARER_TOKEN_BEDROCK"], base)
    if target.key is None:
        target.auth = "sigv4"
        target.no_auth_reason = "AWS SigV4 signing is not done by whichlayer check"
    if layers.get("AWS_PROFILE") and layers.get("AWS_ACCESS_KEY_ID"):
        target.findings.append(
            Finding(
                "E-AWS-PROFILE-SHADOWED",
                "identity",
                "key_invalid",
                "AWS_PROFILE and AWS_ACCESS_KEY_ID are both set: the access key wins, the "
                "profile is not used (P13).",
                "Unset AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY to use the profile.",
                "warning",
            )
        )
    return [target]
