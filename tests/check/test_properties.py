"""Property tests: the offline checks never crash, and damage is always seen."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from whichlayer.check.keys import key_platform, shape_findings
from whichlayer.check.urls import url_findings

from . import keysamples as ks

PROTOCOLS = st.sampled_from(["chat_completions", "responses", "messages", "generate_content"])


@given(st.text(max_size=200))
def test_any_text_as_key_never_raises(key: str) -> None:
    for f in shape_findings(key, "x"):
        assert f.layer == "identity" and f.cause in ("key_missing", "key_malformed")
    key_platform(key)


@given(
    st.sampled_from([ks.openai(), ks.anthropic(), ks.google(), ks.relay(), ks.openrouter()]),
    st.sampled_from(["\n", "\r\n", " ", "\t"]),
    st.booleans(),
)
def test_whitespace_around_a_key_is_always_seen(key: str, ws: str, before: bool) -> None:
    damaged = ws + key if before else key + ws
    ids = {f.id for f in shape_findings(damaged, "x")}
    assert ids & {"K-NEWLINE", "K-WHITESPACE"}


@settings(max_examples=200)
@given(st.text(max_size=120), PROTOCOLS)
def test_any_text_as_base_url_never_raises(url: str, protocol: str) -> None:
    for f in url_findings(url, protocol, "x"):
        assert (f.layer, f.cause) == ("request", "endpoint_mismatch")
