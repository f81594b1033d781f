"""What the parsers read out of the shapes people paste."""

from __future__ import annotations

import json

import whichlayer
from whichlayer.parse import jsonish
from whichlayer.taxonomy import Origin


def ev(text):
    return whichlayer.to_evidence(text)


def test_python_repr_body():
    e = ev("Error code: 401 - {'error': {'message': 'bad', 'type': 'x_error', 'param': None}}")
    assert e.status == 401
    assert e.bodies[0].message == "bad" and e.bodies[0].param is None


def test_repr_inside_a_string_literal():
    e = ev(
        "BadRequestError('Error code: 400 - {\\'error\\': {\\'message\\': \"This model\\'s "
        "maximum context length is 128000 tokens.\", \\'code\\': \\'context_length_exceeded\\'}}')"
    )
    assert any(b.code == "context_length_exceeded" for b in e.bodies)


def test_node_inspect_object():
    e = ev("ERROR HTTP error: { error:\n { message: \"Unsupported parameter\",\n code: 'x_y' } }")
    assert e.bodies and e.bodies[0].code == "x_y"


def test_json_inside_a_string_inside_json():
    inner = '{"error":{"code":404,"message":"models/x is not found","status":"NOT_FOUND"}}'
    import json

    outer = json.dumps({"error": {"message": inner, "code": 404, "status": "Not Found"}})
    e = ev(outer)
    dialects = [b.dialect for b in e.bodies]
    assert "google" in dialects
    assert max(b.depth for b in e.bodies) == 1


def test_truncated_json_still_gives_fields():
    e = ev('{"error": {"code": 500, "message": "Internal error encountered.", "status": "INTER')
    assert e.bodies and e.bodies[0].message == "Internal error encountered."


def test_html_page_title_and_vendor():
    e = ev(
        "<html><head><title>api.openai.com | 502: Bad gateway</title></head>"
        "<body>cloudflare Ray ID: 8a1b2c3d4e5f6a7b</body></html>"
    )
    assert e.html_vendor == "cloudflare"
    assert e.html_title == "api.openai.com | 502: Bad gateway"
    assert e.status == 502
    assert any(r.party is Origin.GATEWAY for r in e.request_ids)


def test_statuses_from_words_and_phrases():
    assert ev("unexpected status 429 Too Many Requests: slow down").status == 429
    assert (
        ev("requests.exceptions.HTTPError: 503 Server Error: x for url: https://h/v1").status == 503
    )
    assert ev("Too Many Requests").status == 429
    assert ev("no status here at all").status is None


def test_explicit_status_beats_a_wrapper_status():
    e = ev("400 An error occurred when calling Azure OpenAI: Server responded with status 429.")
    assert e.status == 429


def test_request_ids_with_their_party():
    e = ev(
        '{"type":"error","error":{"type":"api_error","message":"x"},'
        '"request_id":"req_011CYn6NGKAUEBEW5LYfdv5M"} '
        "无效的令牌 (request id: 20240903132633756782166AeCxdlyd)"
    )
    parties = {r.value: r.party for r in e.request_ids}
    assert parties["req_011CYn6NGKAUEBEW5LYfdv5M"] is Origin.UPSTREAM
    assert parties["20240903132633756782166AeCxdlyd"] is Origin.RELAY


def test_retry_hints():
    assert ev("Please try again in 174ms.").retry_after_s == 0.174
    assert ev("Please try again in 9.816s.").retry_after_s == 9.816
    assert ev("Please retry after 60 seconds.").retry_after_s == 60
    assert ev("Please retry in 25.465784708s.").retry_after_s == 25.466
    assert ev("retry-after: 3\n429 Too Many Requests").retry_after_s == 3
    assert (
        ev(
            '{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"q","details":'
            '[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"36s"}]}}'
        ).retry_after_s
        == 36
    )
    # A client's own retry schedule is not the server's hint.
    assert ev("API Error (Request timed out.) · Retrying in 5 seconds…").retry_after_s is None


def test_limits_model_host_path():
    e = ev(
        "Rate limit reached for gpt-4 in organization org-x on tokens per min (TPM): "
        "Limit 10000, Used 8554, Requested 3082. Visit https://platform.openai.com/account/"
        "rate-limits for url: https://api.openai.com/v1/chat/completions"
    )
    assert e.limits == {"limit": 10000, "used": 8554, "requested": 3082}
    assert e.model == "gpt-4"
    assert (e.host, e.path) == ("api.openai.com", "/v1/chat/completions")


def test_documentation_links_are_not_the_host():
    e = ev(
        "Incorrect API key provided. You can find your API key at "
        "https://platform.openai.com/account/api-keys."
    )
    assert e.host is None


def test_a_documentation_link_does_not_hide_the_host_of_a_transport_error():
    # Issue 8 item 6: the URL loop used to overwrite the lower-cased text, so the host
    # patterns after it no longer saw "failed to connect to" once any link was present.
    bare = "curl: (7) Failed to connect to api.example.com port 443 after 2 ms: Connection refused"
    linked = bare + " (see https://docs.example.com/help)"
    assert ev(bare).host == "api.example.com"
    assert ev(linked).host == "api.example.com"
    assert whichlayer.explain(linked).host == "api.example.com"


def test_find_values_is_bounded_on_bracket_storms():
    text = "{" * 50_000 + "[" * 50_000
    assert list(jsonish.find_values(text)) == []


def test_pasted_header_lines():
    e = ev(
        "HTTP/1.1 429 Too Many Requests\ndate: Tue, 24 Nov 2026 02:00:00 GMT\nretry-after: 3\n"
        'x-request-id: req_0123456789abcdef0123\n{"error":{"message":"Rate limit reached"}}'
    )
    assert e.headers["date"] == "Tue, 24 Nov 2026 02:00:00 GMT"
    assert e.headers["retry-after"] == "3"
    assert e.retry_after_s == 3


def test_numbers_inside_request_ids_are_not_statuses():
    # one-api/new-api ids are timestamps: at 04:40 one holds the digits 401.
    d = whichlayer.explain(
        '{"error": {"message": "upstream error: do request failed (request id: '
        '2026112404401835763505007)", "type": "new_api_error", "param": "", '
        '"code": "do_request_failed"}}'
    )
    assert (d.layer, d.cause) == ("upstream", "relay_upstream_error")


def test_a_status_leading_a_wrapped_message_counts():
    wrapped = json.dumps({"error": {"message": "429 Provider returned error", "type": "x"}})
    assert whichlayer.to_evidence(wrapped).status == 429
    # a number later in the message is not a status
    plain = json.dumps({"error": {"message": "model gpt-4o has 429 tokens left"}})
    assert whichlayer.to_evidence(plain).status is None


def test_readme_and_mdn_links_are_not_the_failed_call():
    text = (
        "Streaming is required for operations that may take longer than 10 minutes. See "
        "https://github.com/anthropics/anthropic-sdk-typescript#long-requests for more details"
    )
    assert whichlayer.to_evidence(text).host is None
    text = (
        "Client error '429 Too Many Requests' for url 'https://api.openai.com/v1/chat/completions'"
        "\nFor more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/429"
    )
    assert whichlayer.to_evidence(text).host == "api.openai.com"


def test_rules_do_not_read_across_the_paste_into_its_fields():
    # "model" ends the paste and the body's message is appended after it; a pattern such as
    # "model ... not supported" must not join the two.
    text = (
        'Reason: Request Failed: 400 {"error":{"message":"Unsupported parameter: \'top_p\' is '
        'not supported with this model.","code":"invalid_request_body"}}'
    )
    d = whichlayer.explain(text)
    assert (d.layer, d.cause) == ("request", "invalid_parameter")


def test_a_status_on_its_own_line_counts_in_a_repr_paste():
    text = repr("Failed to load response from api.openai.com:\n(429)\nRetrying in 2 s")
    assert "\n" not in text
    assert whichlayer.to_evidence(text).status == 429


def test_warnings_stay_when_the_error_line_only_says_the_client_gave_up():
    # A retry loop's warnings say why it retried; "failed after N attempts" and uvicorn's
    # "Exception in ASGI application" header say only that it stopped.
    from whichlayer.parse.text import focus

    gave_up = (
        "WARNING:root:Rate limit reached, backing off...\n"
        "WARNING:root:Rate limit reached, backing off...\n"
        "ERROR:root:Failed to get response after 5 attempts\n"
        "ERROR:    Exception in ASGI application"
    )
    assert focus(gave_up) == gave_up
    assert whichlayer.explain(gave_up).layer == "rate_limit"
    # an error line that says what failed still outranks the warnings
    stated = "WARNING: Rate limit reached\nERROR: Failed after 3 attempts: 401 Unauthorized"
    assert focus(stated) == "ERROR: Failed after 3 attempts: 401 Unauthorized"
    assert whichlayer.explain(stated).layer == "identity"
