"""report: no spurious exception names, the provider's own request id, the SDK named."""

from __future__ import annotations

from whichlayer.report import build_report, markdown

PASTE = """Traceback (most recent call last):
  File "app.py", line 3, in <module>
    client.chat.completions.create(model="gpt-4o", messages=[])
openai.RateLimitError: Error code: 429 - {'error': {'message': 'Rate limit reached for gpt-4o \
in organization org-abc on requests per min (RPM): Limit 500, Used 500, Requested 1.', \
'type': 'requests', 'param': None, 'code': 'rate_limit_exceeded'}}
POST https://api.openai.com/v1/chat/completions
x-request-id: req_1234567890abcdef
"""


def _report(text: str) -> dict[str, object]:
    return build_report(text, probe_clis=False, environ={})


def test_no_generic_error_next_to_the_real_exception() -> None:
    r = _report(PASTE)
    assert r["response"]["exception_types"] == ["openai.RateLimitError"]  # type: ignore[index]
    assert "openai.RateLimitError, Error" not in markdown(r)


def test_request_id_from_the_providers_host_is_issued_by_the_provider() -> None:
    md = markdown(_report(PASTE))
    row = next(line for line in md.splitlines() if line.startswith("| `req_1234567890abcdef`"))
    assert "the provider" in row


def test_request_id_at_an_unknown_host_is_not_claimed_for_the_provider() -> None:
    text = PASTE.replace("api.openai.com", "relay.example.net")
    md = markdown(_report(text))
    row = next(line for line in md.splitlines() if line.startswith("| `req_1234567890abcdef`"))
    assert "the provider" not in row


def test_does_not_ask_which_sdk_when_the_exception_names_it() -> None:
    md = markdown(_report(PASTE))
    assert "Which tool or SDK printed the error" not in md
    bare = markdown(_report("HTTP 429 Too Many Requests"))
    assert "Which tool or SDK printed the error" in bare
