"""Realistic key shapes (B1) made up for tests: right prefixes and lengths, no real secrets."""

from __future__ import annotations

import hashlib


def _chars(seed: str, n: int, alphabet: str) -> str:
    out = ""
    counter = 0
    while len(out) < n:
        digest = hashlib.sha256(f"{seed}{counter}".encode()).digest()
        out += "".join(alphabet[b % len(alphabet)] for b in digest)
        counter += 1
    return out[:n]


ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
URLSAFE = ALNUM + "-_"


def anthropic(seed: str = "a") -> str:
    return "sk-ant-api03-" + _chars(seed, 93, URLSAFE) + "AA"


def anthropic_oauth(seed: str = "o") -> str:
    return "sk-ant-oat01-" + _chars(seed, 93, URLSAFE) + "AA"


def openai(seed: str = "p") -> str:
    return "sk-proj-" + _chars(seed, 74, URLSAFE) + "T3BlbkFJ" + _chars(seed + "2", 74, URLSAFE)


def openrouter(seed: str = "r") -> str:
    return "sk-or-v1-" + _chars(seed, 64, "0123456789abcdef")


def google(seed: str = "g") -> str:
    return "AIza" + _chars(seed, 35, URLSAFE)


def relay(seed: str = "n") -> str:
    return "sk-" + _chars(seed, 48, ALNUM)
