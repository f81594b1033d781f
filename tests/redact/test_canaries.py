"""Canary secrets of every shape, planted in every carrier, never come out of the redactor."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whichlayer.redact import fingerprint, redact_data, redact_text
from whichlayer.redact._samples import (
    SHAPE_ONLY_CARRIERS,
    canaries,
    carriers,
    split_carriers,
)

C = canaries("leak-test")
#: Shapes that name their platform by themselves (the others need a name such as api_key nearby).
SHAPED = [
    "openai-legacy", "openai-project", "openai-project-58", "openai-svcacct", "openai-admin",
    "anthropic-api", "anthropic-admin", "anthropic-oauth", "google", "openrouter", "groq", "xai",
    "perplexity", "huggingface", "huggingface-org", "replicate", "aws-access-key-id",
    "bedrock-long", "bedrock-short", "relay", "jwt",
]  # fmt: skip
CONTEXTUAL = ["azure-classic", "azure-new", "aws-secret", "opaque-token", "deepseek"]
#: Fixed-length shapes: these are found even when a line break splits them.
FIXED_LENGTH = [
    "openai-legacy", "openai-project", "openai-project-58", "openai-svcacct", "openai-admin",
    "anthropic-api", "anthropic-admin", "google", "openrouter", "groq", "xai", "perplexity",
    "huggingface", "huggingface-org", "replicate", "relay",
]  # fmt: skip


def assert_no_leak(out: str, secret: str) -> None:
    """Neither the secret nor any 10-character stretch of its private part is in ``out``."""
    assert secret not in out
    body = secret[len(fingerprint(secret).prefix) :]
    for i in range(len(body) - 9):
        assert body[i : i + 10] not in out, (body[i : i + 10], out)


CASES = [
    (shape, carrier)
    for shape in SHAPED + CONTEXTUAL
    for carrier in carriers("x")
    if shape in SHAPED or carrier not in SHAPE_ONLY_CARRIERS
]


@pytest.mark.parametrize(("shape", "carrier"), CASES)
def test_canary_in_carrier(shape: str, carrier: str) -> None:
    text = carriers(C[shape])[carrier]
    if shape == "deepseek":
        text = "provider: deepseek\n" + text
    assert_no_leak(redact_text(text), C[shape])


@pytest.mark.parametrize(("shape", "carrier"), CASES)
def test_canary_in_data(shape: str, carrier: str) -> None:
    data = {"input_text": carriers(C[shape])[carrier], "list": [carriers(C[shape])[carrier]]}
    if shape == "deepseek":
        data["provider"] = "deepseek"
        data = {"note": f"deepseek {data['input_text']}"}
    assert_no_leak(repr(redact_data(data)), C[shape])


@pytest.mark.parametrize("shape", FIXED_LENGTH)
@pytest.mark.parametrize("carrier", list(split_carriers("x" * 20)))
def test_secret_split_across_lines(shape: str, carrier: str) -> None:
    secret = C[shape]
    out = redact_text(split_carriers(secret)[carrier])
    half = len(secret) // 2
    for piece in (secret[:half], secret[half:]):
        assert piece[-10:] not in out, (piece, out)
        assert piece[len(fingerprint(secret).prefix) :][:10] not in out, (piece, out)


def test_email_and_proxy_credentials() -> None:
    text = (
        f"user {C['email']} got 401\n"
        f"HTTPS_PROXY=http://alice:{C['password']}@proxy.corp:3128\n"
        f"curl -u bob:{C['password']} https://x.test\n"
        f"Cookie: session={C['cookie-value']}; theme=dark\n"
    )
    out = redact_text(text)
    for secret in (C["email"], C["password"], C["cookie-value"]):
        assert_no_leak(out, secret)
    assert "proxy.corp:3128" in out
    assert "; theme=" in out  # cookie names stay, every value is masked


def test_prompt_content_is_masked_unless_kept() -> None:
    body = {
        "model": "gpt-4o-mini",
        "messages": [{"role": "user", "content": "the merger closes on friday"}],
    }
    masked = redact_data(body)
    assert masked["model"] == "gpt-4o-mini"
    assert masked["messages"][0]["role"] == "user"
    assert "merger" not in repr(masked)
    assert redact_data(body, keep_prompt=True) == body
    text = 'request body: {"messages": [{"role": "user", "content": "the merger closes"}]}'
    assert "merger" not in redact_text(text)
    assert "merger" in redact_text(text, keep_prompt=True)


def test_header_names_in_data_mask_any_value() -> None:
    data = {"headers": {"Authorization": "Bearer abc", "x-api-key": "short1", "accept": "json"}}
    out = redact_data(data)
    assert "abc" not in repr(out)
    assert "short1" not in repr(out)
    assert out["headers"]["accept"] == "json"
    assert out["headers"]["Authorization"].startswith("Bearer [")


def test_placeholders_stay_visible() -> None:
    # "Bearer undefined" or an empty key is evidence (key_missing): never hide it.
    for text in ("Authorization: Bearer undefined", "x-api-key: ", "OPENAI_API_KEY=<your key>"):
        assert redact_text(text) == text


# -- generated key bodies, one strategy per shape -------------------------------------------

ALNUM = string.ascii_letters + string.digits
URLSAFE = ALNUM + "_-"
HEX = "0123456789abcdef"


def _body(alphabet: str, n: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=n, max_size=n)


SHAPES: dict[str, st.SearchStrategy[str]] = {
    "openai-project": st.tuples(_body(URLSAFE, 74), _body(URLSAFE, 74)).map(
        lambda p: f"sk-proj-{p[0]}T3BlbkFJ{p[1]}"
    ),
    "openai-legacy": st.tuples(_body(ALNUM, 20), _body(ALNUM, 20)).map(
        lambda p: f"sk-{p[0]}T3BlbkFJ{p[1]}"
    ),
    "anthropic-api": _body(URLSAFE, 93).map(lambda b: f"sk-ant-api03-{b}AA"),
    "google": _body(URLSAFE, 35).map(lambda b: f"AIza{b}"),
    "openrouter": _body(HEX, 64).map(lambda b: f"sk-or-v1-{b}"),
    "groq": _body(ALNUM, 52).map(lambda b: f"gsk_{b}"),
    "xai": _body(ALNUM + "_", 80).map(lambda b: f"xai-{b}"),
    "perplexity": _body(ALNUM, 48).map(lambda b: f"pplx-{b}"),
    "huggingface": _body(ALNUM, 34).map(lambda b: f"hf_{b}"),
    "replicate": _body(URLSAFE, 37).map(lambda b: f"r8_{b}"),
    "aws-access-key-id": _body("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16).map(lambda b: f"AKIA{b}"),
    "bedrock-long": st.text(alphabet=ALNUM + "+/", min_size=105, max_size=260).map(
        lambda b: f"ABSK{b}"
    ),
    "relay": _body(ALNUM, 48).map(lambda b: f"sk-{b}"),
    "openai-svcacct": st.tuples(_body(URLSAFE, 58), _body(URLSAFE, 58)).map(
        lambda p: f"sk-svcacct-{p[0]}T3BlbkFJ{p[1]}"
    ),
    "openai-admin": st.tuples(_body(URLSAFE, 58), _body(URLSAFE, 58)).map(
        lambda p: f"sk-admin-{p[0]}T3BlbkFJ{p[1]}"
    ),
    "anthropic-admin": _body(URLSAFE, 93).map(lambda b: f"sk-ant-admin01-{b}AA"),
    "anthropic-oauth": st.text(alphabet=URLSAFE, min_size=40, max_size=120).map(
        lambda b: f"sk-ant-oat01-{b}"
    ),
    "huggingface-org": _body(ALNUM, 34).map(lambda b: f"api_org_{b}"),
    "bedrock-short": st.text(alphabet=ALNUM + "+/=", min_size=40, max_size=200).map(
        lambda b: f"bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t{b}"
    ),
    "jwt": st.tuples(
        st.text(alphabet=URLSAFE, min_size=8, max_size=60),
        st.text(alphabet=URLSAFE, min_size=8, max_size=200),
        st.text(alphabet=URLSAFE, min_size=8, max_size=90),
    ).map(lambda p: f"eyJ{p[0]}.eyJ{p[1]}.{p[2]}"),
}


@settings(max_examples=300, deadline=None)
@given(
    shape=st.sampled_from(sorted(SHAPES)).flatmap(lambda s: SHAPES[s]),
    carrier=st.sampled_from(sorted(carriers("x"))),
)
def test_generated_keys_never_leak(shape: str, carrier: str) -> None:
    assert shape not in redact_text(carriers(shape)[carrier])


@settings(max_examples=200, deadline=None)
@given(
    key=st.sampled_from(sorted(SHAPES)).flatmap(lambda s: SHAPES[s]),
    before=st.text(max_size=40),
    after=st.text(max_size=40),
)
def test_keys_in_any_unicode_text_never_leak(key: str, before: str, after: str) -> None:
    # Any text around the key (surrogates, combining marks, other scripts) is read
    # without error; the key is masked unless glued to letters or digits around it.
    text = f"{before} {key} {after}"
    out = redact_text(text)
    assert key not in out
    assert isinstance(redact_data({"x": [text]}), dict)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.characters(codec="utf-8") | st.sampled_from(list('"\\%&@:=\n')), max_size=300
    )
)
def test_any_text_is_read_without_error(text: str) -> None:
    assert isinstance(redact_text(text), str)


def test_lone_surrogates_and_case_changing_letters() -> None:
    # Text decoded with surrogateescape, and letters whose lower case is longer (İ).
    key = C["groq"]
    for text in (f"\udcff key {key}", f"İstanbul İ {key} é 日本"):
        assert key not in redact_text(text)


HEADERS = [
    "Authorization", "authorization", "Proxy-Authorization", "x-api-key", "X-Api-Key", "api-key",
    "x-goog-api-key", "Cookie", "Set-Cookie", "Ocp-Apim-Subscription-Key",
]  # fmt: skip


def _header_forms(name: str, value: str) -> dict[str, str]:
    import json

    return {
        "dump": f"HTTP/1.1 401\n{name}: {value}\nx-request-id: req_1a2b3c4d5e",
        "json": json.dumps({"headers": {name: value}}),
        "escaped-json": json.dumps(json.dumps({"headers": {name: value}})),
        "dict-repr": repr({name: value, "accept": "application/json"}),
        "curl": f"curl -sS https://x.test/v1/models -H '{name}: {value}' -H 'accept: */*'",
        "curl-double": f'curl --header "{name}: {value}" https://x.test',
        "byte-tuples": repr([(name.lower().encode(), value.encode())]),
    }


@pytest.mark.parametrize("name", HEADERS)
@pytest.mark.parametrize("form", list(_header_forms("x", "y")))
def test_header_values_in_every_form(name: str, form: str) -> None:
    token = C["opaque-token"]
    value = f"session={token}; theme=dark" if "cookie" in name.lower() else f"Bearer {token}"
    if name.lower() in ("x-api-key", "api-key", "x-goog-api-key", "ocp-apim-subscription-key"):
        value = token
    assert_no_leak(redact_text(_header_forms(name, value)[form]), token)


VARIABLE_LENGTH = ["anthropic-oauth", "bedrock-long", "bedrock-short", "jwt", "openai-prefixed"]


@pytest.mark.parametrize("shape", VARIABLE_LENGTH)
@pytest.mark.parametrize("width", [80, 100, 120])
@pytest.mark.parametrize(
    "lead", ["Authorization: Bearer ", "  token = ", "│ AWS_BEARER_TOKEN_BEDROCK="]
)
def test_any_key_wrapped_by_a_terminal(shape: str, width: int, lead: str) -> None:
    secret = {**C, "openai-prefixed": "sk-None-" + C["opaque-token"] * 3}[shape]
    line = lead + secret
    wrapped = "\n".join(line[i : i + width] for i in range(0, len(line), width))
    out = redact_text(wrapped + "\nTraceback (most recent call last):")
    assert_no_leak(out, secret)
    assert out.endswith("\nTraceback (most recent call last):")


def test_a_key_at_the_end_of_a_long_line_keeps_the_next_line() -> None:
    text = "x" * 70 + " " + C["groq"] + "\nrequest id: req_0123456789abcdef\n"
    assert redact_text(text).endswith("\nrequest id: req_0123456789abcdef\n")
