"""Each dialect claims its own samples and none of its near misses."""

from __future__ import annotations

import pytest

import whichlayer
from whichlayer.dialects import DIALECTS, error_object, read_body

CASES = [(d, s, True) for d in DIALECTS for s in d.SAMPLES] + [
    (d, s, False) for d in DIALECTS for s in d.NEAR_MISSES
]


@pytest.mark.parametrize(
    ("dialect", "body", "claimed"), CASES, ids=lambda x: getattr(x, "NAME", "")
)
def test_claims(dialect, body, claimed):
    assert dialect.claims(body, error_object(body)) is claimed


def test_samples_read_as_their_own_dialect():
    for dialect in DIALECTS:
        for sample in dialect.SAMPLES:
            body = read_body(sample)
            assert body is not None
            assert body.dialect == dialect.NAME, (dialect.NAME, sample)


def test_google_details_are_read():
    body = read_body(
        {
            "error": {
                "code": 429,
                "message": "Quota exceeded",
                "status": "RESOURCE_EXHAUSTED",
                "details": [
                    {
                        "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                        "violations": [
                            {"quotaId": "GenerateRequestsPerDayPerProjectPerModel-FreeTier"}
                        ],
                    },
                    {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "36s"},
                ],
            }
        }
    )
    assert body is not None and body.dialect == "google"
    assert body.status == 429 and body.status_text == "RESOURCE_EXHAUSTED"
    assert "quotaId=GenerateRequestsPerDayPerProjectPerModel-FreeTier" in body.reasons
    assert "retryDelay=36s" in body.reasons


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"error": {"code": "BadRequest", "message": "Unsupported data type"}}, 400),
        ({"error": {"status": "NOT_FOUND", "message": "models/x is not found"}}, 404),
        ({"error": {"code": "ModelNotFound", "message": "no such model"}}, None),
    ],
)
def test_a_code_that_names_its_status_gives_the_status(body, status):
    assert whichlayer.to_evidence(body).status == status


def test_a_schema_librarys_issue_is_not_an_error_body():
    """The Vercel AI SDK prints the provider's body after "Value:" and zod's issues about it
    after "Error message:"; an issue's code (invalid_type) is the client's complaint, not
    the provider's, and must not be read as a request error."""
    issue = {"expected": "array", "code": "invalid_type", "path": ["choices"], "message": "x"}
    assert read_body(issue) is None
    assert read_body({"code": "invalid_type", "message": "no path: a server's own code"})
    text = (
        'Type validation failed: Value: {"type":"error","error":{"type":"overloaded_error",'
        '"message":"Overloaded"}}.\nError message: [{"expected":"array","code":"invalid_type",'
        '"path":["choices"],"message":"Invalid input: expected array, received undefined"}]'
    )
    assert [b.code for b in whichlayer.to_evidence(text).bodies if b.code] == []
    assert whichlayer.explain(text).layer == "upstream"
    # issues alone, after a server's own words: not read again as a cut body's fields
    alone = 'Invalid request: [{"code":"invalid_type","expected":"array","path":["messages"]}]'
    assert [b.code for b in whichlayer.to_evidence(alone).bodies if b.code] == []


def test_a_camel_case_error_code_is_the_bodys_code():
    """``errorCode`` (Youdao, IBM watsonx, Naver, Node's serialised errors) is read where a
    body gives no ``code``; Youdao's "0" is its success, so it is no code at all."""
    assert read_body({"errorCode": "411", "l": "en2zh-CHS"}).code == "411"
    assert read_body({"errorCode": "BXNIM0415E", "errorMessage": "key not found"}).code == (
        "BXNIM0415E"
    )
    assert read_body({"errorCode": "0", "l": "en2zh-CHS"}) is None
    assert read_body({"code": 7, "errorCode": "x", "message": "m"}).code == "7"
