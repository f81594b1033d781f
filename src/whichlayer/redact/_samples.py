"""Fake secrets of every shape, for the detectors' own samples and the leak tests.

Built at import time from a seed, so no key-shaped literal sits in the source
(scanners stay quiet) and every run plants the same canaries.
"""

from __future__ import annotations

import hashlib

ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
URLSAFE = ALNUM + "_-"
HEX = "0123456789abcdef"
UPPER32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
BASE64 = ALNUM + "+/"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def fake(alphabet: str, n: int, seed: str) -> str:
    """``n`` characters of ``alphabet``, pseudo-random but fixed by ``seed``."""
    out: list[str] = []
    counter = 0
    while len(out) < n:
        block = hashlib.sha256(f"{seed}/{counter}".encode()).digest()
        out += [alphabet[b % len(alphabet)] for b in block]
        counter += 1
    return "".join(out[:n])


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
    }
