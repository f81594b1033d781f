"""Fresh random secrets of 40+ shapes and 25+ carriers, and ordinary ids that must survive.

Written independently of ``whichlayer.redact._samples``: every run draws new
values from the operating system's random source, so no test can pass by
knowing a fixed value.
"""

from __future__ import annotations

import base64
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

RNG = random.SystemRandom()
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
URLSAFE = ALNUM + "_-"
HEX = "0123456789abcdef"
B64 = ALNUM + "+/"
LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"


def r(alphabet: str, n: int) -> str:
    """``n`` random characters of ``alphabet``, with a digit and, where the alphabet has
    both cases, an upper- and a lower-case letter (all letters could read as a word)."""
    need_digit = any(c.isdigit() for c in alphabet) and n >= 8
    need_case = any(c.isupper() for c in alphabet) and any(c.islower() for c in alphabet) and n >= 8
    while True:
        s = "".join(RNG.choice(alphabet) for _ in range(n))
        if need_digit and not any(c.isdigit() for c in s):
            continue
        if need_case and (s.lower() == s or s.upper() == s):
            continue
        return s


@dataclass(frozen=True)
class Shape:
    name: str
    make: Callable[[], str]
    shaped: bool  # recognisable by its own shape, with no name around it
    prefix: str = ""  # public part (not checked for leaks)


SHAPES: list[Shape] = [
    Shape("openai-legacy", lambda: "sk-" + r(ALNUM, 20) + "T3BlbkFJ" + r(ALNUM, 20), True, "sk-"),
    Shape(
        "openai-project",
        lambda: "sk-proj-" + r(URLSAFE, 74) + "T3BlbkFJ" + r(URLSAFE, 74),
        True,
        "sk-proj-",
    ),
    Shape(
        "openai-project-58",
        lambda: "sk-proj-" + r(URLSAFE, 58) + "T3BlbkFJ" + r(URLSAFE, 58),
        True,
        "sk-proj-",
    ),
    Shape(
        "openai-svcacct",
        lambda: "sk-svcacct-" + r(URLSAFE, 74) + "T3BlbkFJ" + r(URLSAFE, 74),
        True,
        "sk-svcacct-",
    ),
    Shape(
        "openai-admin",
        lambda: "sk-admin-" + r(URLSAFE, 58) + "T3BlbkFJ" + r(URLSAFE, 58),
        True,
        "sk-admin-",
    ),
    Shape("anthropic-api", lambda: "sk-ant-api03-" + r(URLSAFE, 93) + "AA", True, "sk-ant-api03-"),
    Shape(
        "anthropic-admin",
        lambda: "sk-ant-admin01-" + r(URLSAFE, 93) + "AA",
        True,
        "sk-ant-admin01-",
    ),
    Shape("anthropic-oauth", lambda: "sk-ant-oat01-" + r(URLSAFE, 95), True, "sk-ant-oat01-"),
    Shape("google", lambda: "AIza" + r(URLSAFE, 35), True, "AIza"),
    Shape("openrouter", lambda: "sk-or-v1-" + r(HEX, 64), True, "sk-or-v1-"),
    Shape("groq", lambda: "gsk_" + r(ALNUM, 52), True, "gsk_"),
    Shape("xai", lambda: "xai-" + r(ALNUM, 80), True, "xai-"),
    Shape("perplexity", lambda: "pplx-" + r(ALNUM, 48), True, "pplx-"),
    Shape("huggingface", lambda: "hf_" + r(ALNUM, 34), True, "hf_"),
    Shape("huggingface-org", lambda: "api_org_" + r(ALNUM, 34), True, "api_org_"),
    Shape("replicate", lambda: "r8_" + r(ALNUM, 37), True, "r8_"),
    Shape(
        "aws-access-key-id",
        lambda: "AKIA" + r("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
        True,
        "AKIA",
    ),
    Shape("bedrock-long", lambda: "ABSK" + r(B64, 128) + "==", True, "ABSK"),
    Shape("bedrock-short", lambda: "bedrock-api-key-" + r(B64, 150), True, "bedrock-api-key-"),
    Shape("relay", lambda: "sk-" + r(ALNUM, 48), True, "sk-"),
    Shape("deepseek", lambda: "sk-" + r(HEX, 32), True, "sk-"),
    Shape(
        "jwt",
        lambda: "eyJhbGciOiJIUzI1NiJ9.eyJ" + r(URLSAFE, 40) + "." + r(URLSAFE, 43),
        True,
        "eyJhbGciOiJIUzI1NiJ9.eyJ",
    ),
    Shape("github", lambda: "ghp_" + r(ALNUM, 36), True, "ghp_"),
    Shape(
        "github-pat", lambda: "github_pat_" + r(ALNUM, 22) + "_" + r(ALNUM, 59), True, "github_pat_"
    ),
    Shape("slack", lambda: "xoxb-" + r("0123456789", 12) + "-" + r(ALNUM, 24), True, "xoxb-"),
    Shape("stripe", lambda: "sk_live_" + r(ALNUM, 40), True, "sk_live_"),
    Shape("gitlab", lambda: "glpat-" + r(ALNUM, 20), True, "glpat-"),
    Shape("npm", lambda: "npm_" + r(ALNUM, 36), True, "npm_"),
    Shape("pypi", lambda: "pypi-AgEIcHlwaS5vcmc" + r(URLSAFE, 60), True, "pypi-AgEIcHlwaS5vcmc"),
    Shape("cerebras", lambda: "csk-" + r(LOWER_ALNUM, 48), True, "csk-"),
    Shape("sendgrid", lambda: "SG." + r(ALNUM, 22) + "." + r(ALNUM, 43), True, "SG."),
    Shape("digitalocean", lambda: "dop_v1_" + r(HEX, 64), True, "dop_v1_"),
    Shape("shopify", lambda: "shpat_" + r(HEX, 32), True, "shpat_"),
    # No telling shape: found only by the name or header around them.
    Shape("azure-classic", lambda: r(HEX, 32), False),
    Shape("azure-new", lambda: r(ALNUM, 84), False),
    Shape("aws-secret", lambda: r(B64, 38) + "Zz", False),
    Shape("opaque-token", lambda: r(ALNUM, 36), False),
    Shape("mistral", lambda: r(ALNUM, 32), False),
    Shape("cohere", lambda: r(ALNUM, 40), False),
    Shape("together", lambda: r(HEX, 64), False),
    Shape("password", lambda: "P" + r(ALNUM, 11) + "!7", False),
    Shape("session-id", lambda: r(URLSAFE, 43), False),
]

WRAP = 36  # width of the narrow box's content


def _box(lines: list[str], width: int) -> str:
    """A rich-style box around ``lines``, long tokens folded at ``width``."""
    out = ["╭" + "─" * (width + 2) + "╮"]
    for line in lines:
        while len(line) > width:
            out.append(f"│ {line[:width]} │")
            line = line[width:]
        out.append(f"│ {line.ljust(width)} │")
    out.append("╰" + "─" * (width + 2) + "╯")
    return "\n".join(out)


def _continued(prefix: str, s: str, suffix: str) -> str:
    cut = RNG.randint(len(s) // 4, 3 * len(s) // 4)
    return f"{prefix}{s[:cut]}\\\n  {s[cut:]}{suffix}"


def _basic(s: str) -> str:
    return base64.b64encode(f"deploy-bot:{s}".encode()).decode()


#: Carrier name -> (builder, works for secrets with no shape of their own).
CARRIERS: dict[str, tuple[Callable[[str], str], bool]] = {
    "header-dump": (lambda s: f"HTTP/1.1 401 Unauthorized\nauthorization: Bearer {s}", True),
    "x-api-key": (lambda s: f"x-api-key: {s}\nanthropic-version: 2023-06-01", True),
    "curl": (
        lambda s: f"curl https://relay.test/v1/chat -H 'Authorization: Bearer {s}' -d '{{}}'",
        True,
    ),
    "curl-continued": (
        lambda s: _continued(
            'curl -sS https://relay.test/v1/chat \\\n  -H "Authorization: Bearer ',
            s,
            '" \\\n  -d @body.json',
        ),
        True,
    ),
    "json-headers": (lambda s: json.dumps({"headers": {"Authorization": f"Bearer {s}"}}), True),
    "nested-json": (
        lambda s: json.dumps({"body": json.dumps({"api_key": s, "model": "gpt-4o"})}),
        True,
    ),
    "json-escaped-newlines": (
        lambda s: json.dumps(
            {
                "log": f"POST /v1/chat/completions\nAuthorization: Bearer {s}\n"
                "Content-Type: application/json"
            }
        ),
        True,
    ),
    "python-repr": (
        lambda s: repr({"headers": {"Authorization": f"Bearer {s}"}, "timeout": 600}),
        True,
    ),
    "url-query": (
        lambda s: f"GET https://generativelanguage.googleapis.com/v1beta/models?key={s}&alt=sse",
        True,
    ),
    "url-encoded-json": (
        lambda s: (
            "https://relay.test/log?q="
            + quote(json.dumps({"authorization": f"Bearer {s}"}), safe="")
        ),
        True,
    ),
    "traceback": (
        lambda s: (
            'Traceback (most recent call last):\n  File "/app/main.py", line 7, in <module>\n'
            f'    client = OpenAI(api_key="{s}")\nopenai.AuthenticationError: Error code: 401'
        ),
        True,
    ),
    "env-export": (lambda s: f'export MY_SERVICE_API_KEY="{s}"', True),
    "dotenv-quoted": (lambda s: f"ACME_API_KEY='{s}'", True),
    "yaml": (lambda s: f"providers:\n  acme:\n    api_key: {s}\n    model: gpt-4o-mini", True),
    "toml-inline": (lambda s: f'[provider]\nheaders = {{ "Authorization" = "token {s}" }}', True),
    "xml": (
        lambda s: f"<Config><Endpoint>https://relay.test</Endpoint><ApiKey>{s}</ApiKey></Config>",
        True,
    ),
    "cookie": (lambda s: f"Cookie: theme=dark; session={s}; lang=en", True),
    "cookie-urlencoded": (
        lambda s: "headers=Cookie%3A%20session%3D" + s + "%3B%20theme%3Ddark",
        True,
    ),
    "basic-auth": (lambda s: f"Authorization: Basic {_basic(s)}", True),
    "box-narrow": (
        lambda s: _box(
            [
                "openai.AuthenticationError: Error code: 401",
                f"Authorization: Bearer {s}",
                "x-request-id: see below",
            ],
            WRAP,
        ),
        True,
    ),
    "box-narrow-20": (lambda s: _box([f"API key: {s}"], 20), True),
    "box-wide": (lambda s: _box(["Request failed", f"OPENAI_API_KEY={s}"], 200), True),
    "name-cookie": (lambda s: f"PROXY_SESSION_COOKIE={s}", True),
    "name-basic": (lambda s: f"UPSTREAM_BASIC='{s}'", True),
    "name-secret": (lambda s: f"APP_SECRET_VALUE={s}", True),
    "name-password": (lambda s: f"DB_PASSWORD_PROD: {s}", True),
    "name-token": (lambda s: f"GH_TOKEN_RW={s}", True),
    "provider-echo": (
        lambda s: (
            f"api_key={s}\nError code: 401 - "
            + json.dumps(
                {
                    "error": {
                        "message": f"Incorrect API key provided: {s}. You can find your API key at https://platform.openai.com/account/api-keys.",
                        "type": "invalid_request_error",
                        "code": "invalid_api_key",
                    }
                }
            )
        ),
        True,
    ),
    "same-line-session": (lambda s: f"retrying with api_key={s} session={s} attempt=2", True),
    # Only a key's own shape can tell it here.
    "sse": (
        lambda s: "event: error\ndata: " + json.dumps({"error": {"message": f"invalid key {s}"}}),
        False,
    ),
    "prose": (lambda s: f"my key is {s}, please help", False),
    "bytes-repr": (lambda s: repr(f"\x00{s}\n".encode()), False),
    "unicode-escaped": (
        lambda s: '{"msg": "' + "".join(f"\\u{ord(c):04x}" for c in s) + '"}',
        False,
    ),
}


def cases() -> list[tuple[Shape, str, str]]:
    """(shape, carrier, the secret planted): a fresh secret for every pair."""
    out = []
    for carrier, (_, contextual) in CARRIERS.items():
        for shape in SHAPES:
            if shape.shaped or contextual:
                out.append((shape, carrier, shape.make()))
    return out


def planted(shape: Shape, carrier: str, secret: str) -> str:
    return CARRIERS[carrier][0](secret)


def private_parts(shape: Shape, carrier: str, secret: str) -> list[str]:
    """What must not appear in any output: the secret's private part, and its encodings."""
    parts = [secret[len(shape.prefix) :]]
    if carrier in ("basic-auth",):
        parts.append(_basic(secret))
    return parts


def leaks(out: str, shape: Shape, carrier: str, secret: str, window: int = 10) -> list[str]:
    """Every stretch of ``window`` characters of a private part found in ``out``."""
    found = []
    for part in private_parts(shape, carrier, secret):
        if secret in out:
            return [secret]
        for i in range(max(1, len(part) - window + 1)):
            if part[i : i + window] in out:
                found.append(part[i : i + window])
                break
    return found


# Ordinary ids: evidence that must stay readable.
MODELS = (
    "gpt-4o-2024-08-06", "gpt-4o-mini", "o3-mini-2025-01-31", "claude-3-5-sonnet-20241022",
    "claude-sonnet-4-20250514", "claude-3-5-sonnet@20240620", "gemini-1.5-pro-002",
    "gemini-2.0-flash-exp", "deepseek-chat", "mistral-large-2411", "llama-3.1-70b-versatile",
)  # fmt: skip
DOCS = (
    "https://platform.openai.com/docs/guides/error-codes/api-errors",
    "https://docs.anthropic.com/en/api/errors",
    "https://ai.google.dev/gemini-api/docs/troubleshooting",
    "https://platform.openai.com/account/api-keys",
    "https://learn.microsoft.com/en-us/azure/ai-services/openai/reference",
)


def ordinary_ids(n: int) -> list[tuple[str, str]]:
    """``n`` (line, id) pairs: request ids, UUIDs, hashes, cf-ray, traceparent, models, URLs."""
    import uuid

    makers: list[Callable[[], tuple[str, str]]] = [
        lambda: (lambda v: (f"x-request-id: {v}", v))("req_" + r(ALNUM, 24)),
        lambda: (lambda v: (f"request-id: {v}", v))(str(uuid.uuid4())),
        lambda: (lambda v: (f'"id": "{v}"', v))("chatcmpl-" + r(ALNUM, 29)),
        lambda: (lambda v: (f"anthropic request id {v}", v))("msg_01" + r(ALNUM, 22)),
        lambda: (lambda v: (f"sha256: {v}", v))(r(HEX, 64)),
        lambda: (lambda v: (f"commit {v}", v))(r(HEX, 40)),
        lambda: (lambda v: (f"cf-ray: {v}", v))(r(HEX, 16) + "-SJC"),
        lambda: (lambda v: (f"traceparent: {v}", v))(f"00-{r(HEX, 32)}-{r(HEX, 16)}-01"),
        lambda: (lambda v: (f"x-amzn-requestid: {v}", v))(str(uuid.uuid4())),
        lambda: (lambda v: (f"apim-request-id: {v}", v))(str(uuid.uuid4())),
        lambda: (lambda v: (f'"model": "{v}"', v))(RNG.choice(MODELS)),
        lambda: (lambda v: (f"see {v}", v))(RNG.choice(DOCS)),
        lambda: (lambda v: (f"x-ms-client-request-id: {v}", v))(str(uuid.uuid4())),
        lambda: (lambda v: (f"openai-organization: {v}", v))("org-" + r(ALNUM, 24)),
    ]
    return [makers[i % len(makers)]() for i in range(n)]


def pastes(
    max_lines: int = 50, max_chars: int = 5000
) -> list[tuple[str, list[tuple[Shape, str, str]], list[str]]]:
    """Multi-secret pastes that fit a report's excerpt whole: (text, cases in it, ids in it).

    Each paste holds secrets of one carrier (every value distinct, so masking one
    can hide no failure of another) with an ordinary id on a line between them.
    """
    out: list[tuple[str, list[tuple[Shape, str, str]], list[str]]] = []
    all_cases = cases()
    ids = iter(ordinary_ids(len(all_cases) + 50))
    head = (
        'Error code: 401 - {"error": {"message": "Incorrect API key provided", '
        '"type": "invalid_request_error", "code": "invalid_api_key"}}'
    )
    parts: list[str] = [head]
    in_paste: list[tuple[Shape, str, str]] = []
    id_values: list[str] = []
    for case in all_cases:
        text = planted(*case)
        line, value = next(ids)
        chunk = f"{text}\n{line}"
        size = sum(len(p) + 1 for p in parts)
        lines = sum(p.count("\n") + 1 for p in parts)
        if in_paste and (
            size + len(chunk) > max_chars
            or lines + chunk.count("\n") + 1 > max_lines
            or case[1] != in_paste[-1][1]
        ):
            out.append(("\n".join(parts) + "\n", in_paste, id_values))
            parts, in_paste, id_values = [head], [], []
        parts.append(chunk)
        in_paste.append(case)
        id_values.append(value)
    out.append(("\n".join(parts) + "\n", in_paste, id_values))
    return out
