"""Fake secrets of every shape, for the detectors' own samples and the leak tests.

Built at import time from a seed, so no key-shaped literal sits in the source
(scanners stay quiet) and every run plants the same canaries.
"""

from __future__ import annotations

import json
import zlib

from whichlayer.prefilter import LazyPattern

ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
URLSAFE = ALNUM + "_-"
HEX = "0123456789abcdef"
UPPER32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
BASE64 = ALNUM + "+/"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def fake(alphabet: str, n: int, seed: str) -> str:
    """``n`` characters of ``alphabet``, pseudo-random but fixed by ``seed``.

    A xorshift generator seeded by CRC-32: the detectors build their samples at
    import, and hashlib (OpenSSL) would be most of the redactor's start-up.
    """
    state = zlib.crc32(seed.encode("utf-8", "surrogatepass")) or 1
    out: list[str] = []
    for _ in range(n):
        state ^= (state << 13) & 0xFFFFFFFF
        state ^= state >> 17
        state ^= (state << 5) & 0xFFFFFFFF
        out.append(alphabet[state % len(alphabet)])
    return "".join(out)


def canaries(seed: str = "canary") -> dict[str, str]:
    """One fake secret per key shape of clients-and-keys.md B1, by shape id."""

    def f(alphabet: str, n: int, tag: str) -> str:
        return fake(alphabet, n, f"{seed}/{tag}")

    marker = "T3BlbkFJ"
    return {
        "openai-legacy": "sk-" + f(ALNUM, 20, "ol1") + marker + f(ALNUM, 20, "ol2"),
        "openai-project": "sk-proj-" + f(URLSAFE, 74, "op1") + marker + f(URLSAFE, 74, "op2"),
        "openai-project-58": "sk-proj-" + f(URLSAFE, 58, "o581") + marker + f(URLSAFE, 58, "o582"),
        "openai-svcacct": "sk-svcacct-" + f(URLSAFE, 74, "os1") + marker + f(URLSAFE, 74, "os2"),
        "openai-admin": "sk-admin-" + f(URLSAFE, 58, "oa1") + marker + f(URLSAFE, 58, "oa2"),
        "anthropic-api": "sk-ant-api03-" + f(URLSAFE, 93, "aa") + "AA",
        "anthropic-admin": "sk-ant-admin01-" + f(URLSAFE, 93, "ad") + "AA",
        "anthropic-oauth": "sk-ant-oat01-" + f(URLSAFE, 95, "ao"),
        "google": "AIza" + f(URLSAFE, 35, "g"),
        "openrouter": "sk-or-v1-" + f(HEX, 64, "or"),
        "groq": "gsk_" + f(ALNUM, 52, "gq"),
        "xai": "xai-" + f(ALNUM + "_", 80, "x"),
        "deepseek": "sk-" + f(HEX, 32, "ds"),
        "perplexity": "pplx-" + f(ALNUM, 48, "px"),
        "huggingface": "hf_" + f(LETTERS, 34, "hf"),
        "huggingface-org": "api_org_" + f(LETTERS, 34, "hfo"),
        "replicate": "r8_" + f(URLSAFE, 37, "r8"),
        "azure-classic": f(HEX, 32, "az"),
        "azure-new": f(ALNUM, 52, "azn1") + "JQQJ99" + f(ALNUM, 26, "azn2"),
        "aws-access-key-id": "AKIA" + f(UPPER32, 16, "ak"),
        "aws-secret": f(BASE64, 38, "as") + "Zz",
        "bedrock-long": "ABSK" + f(BASE64, 128, "bl") + "==",
        "bedrock-short": "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t" + f(BASE64, 120, "bs"),
        "relay": "sk-" + f(ALNUM, 48, "rl"),
        "jwt": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI"
        + f(URLSAFE, 40, "jw")
        + "."
        + f(URLSAFE, 43, "js"),
        "password": "Pw" + f(ALNUM, 10, "pw") + "!",
        "cookie-value": f(URLSAFE, 40, "ck"),
        "opaque-token": f(ALNUM, 36, "ot"),
        "email": "jane.doe" + f(HEX, 4, "em") + "@example-corp.com",
        "github": "ghp_" + f(ALNUM, 36, "gh"),
        "github-pat": "github_pat_" + f(ALNUM, 22, "gp1") + "_" + f(ALNUM, 59, "gp2"),
        "slack": "xoxb-" + f("0123456789", 12, "sl1") + "-" + f(ALNUM, 24, "sl2"),
        "stripe": "sk_live_" + f(ALNUM, 40, "st"),
        "gitlab": "glpat-" + f(URLSAFE, 20, "gl"),
        "npm": "npm_" + f(ALNUM, 36, "npm"),
        "pypi": "pypi-AgEIcHlwaS5vcmc" + f(URLSAFE, 60, "py"),
        "cerebras": "csk-" + f("abcdefghijklmnopqrstuvwxyz0123456789", 48, "cs"),
        "fireworks": "fw_" + f(ALNUM, 23, "fw") + "7",
        "sendgrid": "SG." + f(URLSAFE, 22, "sg1") + "." + f(URLSAFE, 43, "sg2"),
        "digitalocean": "dop_v1_" + f(HEX, 64, "do"),
        "shopify": "shpat_" + f(HEX, 32, "sh"),
        "pem-body": "\n".join(f(BASE64, 64, f"pem{i}") for i in range(4)),
    }


_REQUEST_ID_NEAR_NAME = LazyPattern(
    r"(?ix)(?:x-request-id|request[-_ ]?id|apim-request-id|x-amzn-request-?id|cf-ray"
    r"|x-ms-client-request-id|trace[-_ ]?id)[\\\"'\s:=]{1,6}(?:ID\s+)?"
    r"(?P<id>[A-Za-z0-9][A-Za-z0-9_.:-]{5,}[A-Za-z0-9])"
)
_REQUEST_ID_SHAPES = LazyPattern(
    r"\b(?P<id>req_[A-Za-z0-9]{8,}|msg_[A-Za-z0-9]{8,}|chatcmpl-[A-Za-z0-9]{8,}"
    r"|gen-\d+-[A-Za-z0-9]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"
)


def request_id_candidates(text: str) -> set[str]:
    """Request ids in a pasted error, by name (``request id: …``) or by well-known shape.

    Used to measure the redactor's precision: these must survive redaction.
    """
    found = {m.group("id") for m in _REQUEST_ID_NEAR_NAME.finditer(text)}
    found |= {m.group("id") for m in _REQUEST_ID_SHAPES.finditer(text)}
    return {f for f in found if f.lower() not in ("undefined", "null", "none")}


#: Carriers in which a secret is recognisable only by its own shape (no name says "key").
SHAPE_ONLY_CARRIERS = frozenset({"sse", "prose", "bytes-repr", "unicode-escaped", "traceback"})


def carriers(secret: str) -> dict[str, str]:
    """The secret planted in every kind of text an error report is made of."""
    import html
    from urllib.parse import quote

    bearer = f"Bearer {secret}"
    return {
        "header-dump": (
            f"HTTP/1.1 401 Unauthorized\nauthorization: {bearer}\nx-request-id: req_7Hx2kLq9Zp\n"
        ),
        "x-api-key": f"x-api-key: {secret}\nanthropic-version: 2023-06-01",
        "curl": f"curl https://relay.test/v1/chat -H 'Authorization: {bearer}' -d '{{}}'",
        "json-body": json.dumps(
            {"error": {"message": "denied"}, "headers": {"Authorization": bearer}}
        ),
        "nested-json": json.dumps({"body": json.dumps({"api_key": secret, "model": "gpt-4o"})}),
        "double-escaped": json.dumps(json.dumps(json.dumps({"api_key": secret}))),
        "url": f"GET https://generativelanguage.googleapis.com/v1beta/models?key={secret}&alt=sse",
        "url-encoded": "https://relay.test/log?q="
        + quote(json.dumps({"authorization": bearer}), safe=""),
        "python-repr": repr({"headers": {"Authorization": bearer}, "timeout": 600}),
        "bytes-repr": repr(f"\x00{secret}\n".encode()),
        "traceback": (
            "Traceback (most recent call last):\n"
            '  File "/app/main.py", line 7, in <module>\n'
            f'    client = OpenAI(api_key="{secret}")\n'
            f"openai.AuthenticationError: Error code: 401 - invalid key {secret}\n"
        ),
        "sse": "event: error\ndata: "
        + json.dumps({"error": {"message": f"invalid key {secret}"}})
        + "\n\n",
        "multi-line": f"step 1 ok\n  OPENAI_API_KEY={secret}\nstep 3 failed: 401",
        "html": html.escape(json.dumps({"api_key": secret})),
        "unicode-escaped": '{"msg": "' + "".join(f"\\u{ord(c):04x}" for c in secret) + '"}',
        "env-export": f'export MY_SERVICE_KEY="{secret}"',
        "prose": f"my key is {secret}, please help",
    }


def split_carriers(secret: str) -> dict[str, str]:
    """The secret broken in two across lines, as wrapped terminals and code show it."""
    half = len(secret) // 2
    a, b = secret[:half], secret[half:]
    return {
        "wrapped": f"OPENAI_API_KEY={a}\n{b}\nnext line",
        "wrapped-indented": f"  key: {a}\n        {b}\n",
        "box": f"│ key {a}\n│ {b} │",
        "json-newline": json.dumps({"note": f"key {a}\n{b}"}),
        "continued-string": f'KEY = ("{a}"\n       "{b}")',
    }
