"""Any input gives a Diagnosis, never a traceback; big inputs stay fast enough to finish."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import whichlayer

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "error",
                    "message",
                    "type",
                    "code",
                    "status",
                    "detail",
                    "metadata",
                    "raw",
                    "details",
                    "x",
                ]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=30,
)


def _check(d: whichlayer.Diagnosis) -> None:
    data = d.to_dict()
    json.dumps(data)
    assert all(f["rule"] != "engine.internal_error" for f in data["facts"]), data
    assert data["layer"] in (
        None,
        "identity",
        "quota",
        "rate_limit",
        "request",
        "network",
        "upstream",
    )
    assert 0 <= data["confidence"] <= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text(text):
    _check(whichlayer.explain(text))


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_any_bytes(data):
    _check(whichlayer.explain(data))


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_any_json_value(value):
    _check(whichlayer.explain(json.dumps(value)))
    if isinstance(value, dict | list):
        _check(whichlayer.explain(value))


@settings(max_examples=100, deadline=None)
@given(json_values, st.integers(min_value=1, max_value=200))
def test_truncated_json(value, cut):
    text = json.dumps({"error": value})
    _check(whichlayer.explain(text[: max(1, len(text) - cut)]))


def test_edge_inputs():
    for x in [
        "",
        " ",
        "\x00" * 100,
        b"\xff\xfe\xfd",
        b"",
        "{" * 100_000,
        "[" * 100_000,
        '{"a":' * 5000,
        "\ud800",
        None,
        42,
        object(),
    ]:
        _check(whichlayer.explain(x))


def test_deeply_nested_json():
    deep = {"error": {}}
    node = deep["error"]
    for _ in range(3000):
        node["error"] = {}
        node = node["error"]
    _check(whichlayer.explain(deep))
    _check(whichlayer.explain('{"error": ' * 3000 + "{}" + "}" * 3000))


def test_one_megabyte_paste():
    line = '2025-01-01 INFO worker ok {"k": "v", "n": [1, 2, 3]} (x) [y] <z> req_abc\n'
    text = (
        line * (1_000_000 // len(line)) + "Error code: 429 - {'error': {'message': 'Rate "
        "limit reached for gpt-4 on tokens per min (TPM): Limit 1, Used 1, Requested 1.'}}"
    )
    d = whichlayer.explain(text)
    assert (d.layer, d.cause) == ("rate_limit", "tpm")
