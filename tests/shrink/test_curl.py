"""The curl reader, on commands as tools and browsers print them."""

from __future__ import annotations

from pathlib import Path

import pytest

from whichlayer.shrink.curl import CurlError, parse


def test_a_multiline_curl_with_headers_and_data() -> None:
    req = parse(
        "curl https://api.openai.com/v1/chat/completions \\\n"
        '  -H "Content-Type: application/json" \\\n'
        '  -H "Authorization: Bearer $OPENAI_API_KEY" \\\n'
        '  -d \'{"model": "gpt-4o", "messages": []}\''
    )
    assert req.url == "https://api.openai.com/v1/chat/completions"
    assert req.method == "POST" and req.body == '{"model": "gpt-4o", "messages": []}'
    assert req.headers["Authorization"] == "Bearer $OPENAI_API_KEY"


def test_browser_copy_as_curl_with_ansi_c_quoting_and_flags() -> None:
    req = parse(
        "curl 'https://x.test/v1/messages' -X POST --compressed -s "
        "-H 'x-api-key: k' --data-raw $'{\"a\": \"it\\'s\\\\n\"}'"
    )
    assert req.url == "https://x.test/v1/messages" and req.headers == {"x-api-key": "k"}
    assert req.body == '{"a": "it\'s\\n"}'  # bash keeps the escaped backslash


def test_data_from_a_file_and_long_options_with_equals(tmp_path: Path) -> None:
    (tmp_path / "b.json").write_text('{"x": 1}')
    req = parse("curl --url=http://h/v1/responses --json @b.json", base_dir=tmp_path)
    assert req.url == "http://h/v1/responses" and req.body == '{"x": 1}'
    assert req.headers["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("wget http://x", "must start with 'curl'"),
        ("curl -H", "needs a value"),
        ("curl -d '{}'", "no URL"),
        ("curl http://x -u a:b", "basic auth"),
        ("curl 'http://x", "cannot read"),
        ("curl http://x -d @-", "stdin"),
    ],
)
def test_what_cannot_be_read_says_why(text: str, words: str) -> None:
    with pytest.raises(CurlError, match=words):
        parse(text)
