"""Origin families: which party produced the error, on made-up texts of each family."""

from __future__ import annotations

import pytest

import whichlayer

CASES = [
    # a relay's pool of upstream accounts
    ('API Error: 503 {"error":{"message":"No available accounts","type":"api_error"}}', "relay"),
    ("API Error (500 Failed to select account for API key: no accounts left)", "relay"),
    ("503 auth_unavailable: no auth available (providers=claude, model=x)", "relay"),
    # LiteLLM proxy budgets
    (
        '{"error":{"message":"Budget has been exceeded! Current cost: 1.2, Max budget: 1.0"}}',
        "relay",
    ),
    # a hosted gateway naming the provider behind it
    ("HTTP 429: Error from provider (Some Cloud): Provider rate limit exceeded", "relay"),
    # a local bridge answering on a loopback API path
    (
        "unexpected status 401 Unauthorized: Invalid API key, url: http://127.0.0.1:20128/v1/responses",
        "relay",
    ),
    # one-api/new-api request ids are timestamp runs ...
    ('{"error":{"message":"无效的令牌 (request id: 2025010112000012345)"}}', "relay"),
    # OpenRouter's own free-model allowance
    ("429 Rate limit exceeded: free-models-per-day. Add 10 credits", "gateway"),
]

NEAR_MISSES = [
    # ... a uuid in "(Request ID: ...)" is a tool's own id, not a relay's
    ("Too many requests, please wait. (Request ID: 0c04ac9c-8127-4b8d-931c-e36bf833cb1f)", "relay"),
    # Ollama on its own port is the provider itself
    ("HTTP 404 Not Found from http://127.0.0.1:11434/v1/chat/completions model not found", "relay"),
    # a loopback URL with no HTTP answer is a connection failure, not a relay
    ("connect ECONNREFUSED 127.0.0.1:20128, url: http://127.0.0.1:20128/v1/responses", "relay"),
]


@pytest.mark.parametrize(("text", "origin"), CASES)
def test_origin_family(text: str, origin: str) -> None:
    assert whichlayer.explain(text).origin == origin


@pytest.mark.parametrize(("text", "not_origin"), NEAR_MISSES)
def test_origin_near_miss(text: str, not_origin: str) -> None:
    assert whichlayer.explain(text).origin != not_origin
