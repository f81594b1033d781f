"""Request ids in each provider's own format.

Formats, as seen in real responses:
- OpenAI ``x-request-id``: ``req_`` + 32 hex (openai-python README, "Request IDs").
- Anthropic ``request-id``: ``req_`` + 24 base58-ish characters, e.g.
  ``req_018EeWyXxfu5pfWkrYcMdjWG`` (docs.claude.com/en/api/errors, "Request id").
- Azure: ``apim-request-id`` and ``x-request-id`` are UUIDs
  (BerriAI/litellm#1721 header dump).
- one-api/new-api: ``X-Oneapi-Request-Id`` = a time string + 8 random digits
  (one-api ``common/helper`` ``GenRequestID``; shared/reference/peers.md §3.2).
- LiteLLM proxy: ``x-litellm-call-id`` is a UUID (peers.md §1.4).
- OpenRouter: ``gen-`` + 10 digits + ``-`` + 20 characters (generation id).
"""

from __future__ import annotations

import secrets
import string
import time
import uuid

_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def openai() -> str:
    return "req_" + secrets.token_hex(16)


def anthropic() -> str:
    return "req_011C" + "".join(secrets.choice(_BASE58) for _ in range(20))


def azure() -> str:
    return str(uuid.uuid4())


def one_api() -> str:
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime())
    return stamp + f"{time.time_ns() // 1_000_000 % 1000:03d}" + _digits(8)


def litellm() -> str:
    return str(uuid.uuid4())


def openrouter() -> str:
    alnum = string.ascii_letters + string.digits
    return f"gen-{int(time.time())}-" + "".join(secrets.choice(alnum) for _ in range(20))


def gemini() -> str:
    # Google front ends do not return a request id header to API-key callers;
    # this is only used for the simulator's own log line.
    return secrets.token_hex(8)


def _digits(n: int) -> str:
    return "".join(secrets.choice(string.digits) for _ in range(n))
