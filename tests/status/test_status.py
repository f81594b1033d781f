"""`whichlayer status` and `explain --status` against real-format pages on a loopback server."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from whichlayer.cli import main
from whichlayer.status import read
from whichlayer.status.readers import PageFormatError, statuspage

FIXTURES = Path(__file__).parent / "fixtures"


class Pages:
    """What the loopback server answers, by path, and how often it was asked."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, bytes, float]] = {}
        self.hits: dict[str, int] = {}

    def serve(self, path: str, body: bytes | str, status: int = 200, delay: float = 0.0) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = (status, data, delay)


@pytest.fixture
def pages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[tuple[Pages, str]]:
    state = Pages()
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.hits[self.path] = state.hits.get(self.path, 0) + 1
            status, body, delay = state.routes.get(self.path, (404, b"not found", 0.0))
            if delay:
                stop.wait(delay)
            try:
                self.send_response(status)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("WHICHLAYER_NO_STATUS", raising=False)
    for provider in ("anthropic", "openai", "vertex", "bedrock", "azure", "cloudflare", "mistral"):
        monkeypatch.setenv(f"WHICHLAYER_STATUS_URL_{provider.upper()}", f"{base}/{provider}")
    try:
        yield state, base
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def test_operational_page_exits_zero(pages: tuple[Pages, str], capsys: pytest.CaptureFixture[str]):
    state, _ = pages
    state.serve("/anthropic", fixture("anthropic_operational.json"))
    code, out = run(capsys, "status", "anthropic")
    assert code == 0
    assert "Anthropic: API operational" in out
    assert "Claude API (api.anthropic.com)" in out
    assert "claude.ai" not in out  # not a component of the API


def test_major_outage_names_the_incident_and_its_start(
    pages: tuple[Pages, str], capsys: pytest.CaptureFixture[str]
):
    state, _ = pages
    state.serve("/anthropic", fixture("anthropic_major.json"))
    code, out = run(capsys, "status", "anthropic", "--json")
    assert code == 1
    report = json.loads(out)["providers"][0]
    assert report["api_affected"] is True
    assert report["indicator"] == "partial_outage"
    assert report["api_components"] == {"Claude API (api.anthropic.com)": "major_outage"}
    (incident,) = report["incidents"]
    assert incident["name"] == "Elevated errors on Claude Opus"
    assert incident["started_at"] == "2026-12-05T14:02:00.000Z"
    assert "529 overloaded" in incident["latest_update"]  # the newest update, not the first
    assert "since 2026-12-05 14:02 UTC" in report["summary"]


def test_incident_on_another_product_does_not_touch_the_api(
    pages: tuple[Pages, str], capsys: pytest.CaptureFixture[str]
):
    state, _ = pages
    state.serve("/anthropic", fixture("anthropic_other_product.json"))
    code, out = run(capsys, "status", "anthropic", "--json")
    report = json.loads(out)["providers"][0]
    assert code == 0
    assert report["incidents"] == []
    assert [i["name"] for i in report["other_incidents"]] == ["Slow file uploads on claude.ai"]
    assert report["maintenances"] == []  # only scheduled, not in progress


def test_maintenance_in_progress_is_shown(
    pages: tuple[Pages, str], capsys: pytest.CaptureFixture[str]
):
    state, _ = pages
    state.serve("/anthropic", fixture("anthropic_maintenance.json"))
    code, out = run(capsys, "status", "anthropic")
    assert code == 0
    assert "maintenance in progress: Scheduled maintenance of the Console" in out


def test_incidentio_widget(pages: tuple[Pages, str], capsys: pytest.CaptureFixture[str]):
    state, _ = pages
    state.serve("/openai", fixture("openai_degraded.json"))
    code, out = run(capsys, "status", "openai", "--json")
    report = json.loads(out)["providers"][0]
    assert code == 1
    assert report["api_components"]["Chat Completions"] == "degraded"
    assert report["api_components"]["Responses"] == "operational"
    assert "Login" not in report["api_components"]
    assert report["incidents"][0]["components"] == ["Chat Completions"]


def test_whole_cloud_feeds_keep_only_the_ai_products(
    pages: tuple[Pages, str], capsys: pytest.CaptureFixture[str]
):
    state, _ = pages
    state.serve("/vertex", fixture("google_incidents.json"))
    state.serve("/bedrock", fixture("aws_events.json"))
    state.serve("/azure", fixture("azure_feed.xml"))
    code, out = run(capsys, "status", "gemini", "bedrock", "azure", "--json")
    reports = {r["provider"]: r for r in json.loads(out)["providers"]}
    assert code == 1
    google = reports["vertex"]
    assert [i["components"] for i in google["incidents"]] == [["Vertex Gemini API"]]
    assert [i["name"] for i in google["other_incidents"]] == [
        "Cloud SQL: connection errors in europe-west1"
    ]  # and the ended Vertex incident is gone
    bedrock = reports["bedrock"]
    assert len(bedrock["incidents"]) == 1
    assert bedrock["incidents"][0]["started_at"] == "2025-12-05T13:00:00+00:00"
    assert len(bedrock["other_incidents"]) == 1
    assert "Sweden Central" in reports["azure"]["incidents"][0]["name"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("{not json", "text that is not JSON"),
        ("<!DOCTYPE html><html><body>Status</body></html>", "an HTML page instead of JSON"),
        ('["a list"]', "expected a JSON object"),
    ],
)
def test_a_page_that_is_not_its_format_is_one_line(
    pages: tuple[Pages, str], capsys: pytest.CaptureFixture[str], body: str, words: str
):
    state, _ = pages
    state.serve("/anthropic", body)
    code, out = run(capsys, "status", "anthropic")
    assert code == 3
    assert words in out
    assert "Traceback" not in out


def test_http_error_and_missing_page(pages: tuple[Pages, str], capsys: pytest.CaptureFixture[str]):
    state, _ = pages
    state.serve("/anthropic", "busy", status=503)
    code, out = run(capsys, "status", "anthropic", "openai")
    assert code == 3
    assert "HTTP 503" in out
    assert "HTTP 404" in out


def test_a_stalled_page_stops_at_the_deadline(
    pages: tuple[Pages, str], capsys: pytest.CaptureFixture[str]
):
    state, _ = pages
    state.serve("/anthropic", fixture("anthropic_major.json"), delay=10)
    started = time.monotonic()
    code, out = run(capsys, "status", "anthropic", "--timeout", "0.5")
    elapsed = time.monotonic() - started
    assert code == 3
    assert "no answer within 0.5 s" in out
    assert elapsed < 1.5


def test_answers_are_cached_for_a_minute(pages: tuple[Pages, str]):
    state, _ = pages
    state.serve("/anthropic", fixture("anthropic_major.json"))
    first = read("anthropic")
    second = read("anthropic")
    assert not first.cached and second.cached
    assert state.hits["/anthropic"] == 1
    assert second.incidents[0].name == first.incidents[0].name
    read("anthropic", use_cache=False)
    assert state.hits["/anthropic"] == 2


def test_a_failed_read_is_not_cached(pages: tuple[Pages, str]):
    state, _ = pages
    state.serve("/anthropic", "busy", status=503)
    assert read("anthropic").error
    state.serve("/anthropic", fixture("anthropic_operational.json"))
    assert read("anthropic").error is None


def test_control_characters_from_a_page_never_reach_the_terminal(
    pages: tuple[Pages, str], capsys: pytest.CaptureFixture[str]
):
    state, _ = pages
    page = json.loads(fixture("anthropic_major.json"))
    page["incidents"][0]["name"] = "Outage \x1b]0;pwned\x07\x1b[2J now"
    state.serve("/anthropic", json.dumps(page))
    code, out = run(capsys, "status", "anthropic")
    assert code == 1
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b" in out


def test_unknown_provider_and_bad_timeout_are_usage_errors(capsys: pytest.CaptureFixture[str]):
    assert run(capsys, "status", "nosuchprovider")[0] == 2
    code, out = run(capsys, "status", "anthropic", "--timeout", "0")
    assert code == 2
    assert "more than 0 up to 60" in out


OVERLOADED = (
    "anthropic.InternalServerError: Error code: 529 - {'type': 'error', "
    "'error': {'type': 'overloaded_error', 'message': 'Overloaded'}}"
)


def test_explain_status_says_the_provider_declared_it(
    pages: tuple[Pages, str], capsys: pytest.CaptureFixture[str]
):
    state, _ = pages
    state.serve("/anthropic", fixture("anthropic_major.json"))
    code, out = run(capsys, "explain", "--status", "--json", OVERLOADED)
    d = json.loads(out)
    assert code == 0
    assert d["layer"] == "upstream"
    assert d["status_page"]["api_affected"] is True
    assert "Anthropic reports a partial outage: Elevated errors on Claude Opus" in d["summary"]
    assert "since 2026-12-05 14:02 UTC" in d["summary"]


def test_explain_status_with_nothing_declared(
    pages: tuple[Pages, str], capsys: pytest.CaptureFixture[str]
):
    state, _ = pages
    state.serve("/anthropic", fixture("anthropic_operational.json"))
    code, out = run(capsys, "explain", "--status", OVERLOADED)
    assert code == 0
    assert "declares no incident for its API" in out
    assert "suspect load on this model" in out


def test_explain_status_when_the_page_cannot_be_read(
    pages: tuple[Pages, str], capsys: pytest.CaptureFixture[str]
):
    state, _ = pages
    state.serve("/anthropic", "<html>blocked</html>")
    code, out = run(capsys, "explain", "--status", OVERLOADED)
    assert code == 0
    assert "upstream" in out
    assert "Could not read Anthropic's status page" in out


def test_explain_without_status_or_for_other_layers_reads_nothing(
    pages: tuple[Pages, str], capsys: pytest.CaptureFixture[str]
):
    state, _ = pages
    state.serve("/anthropic", fixture("anthropic_major.json"))
    run(capsys, "explain", OVERLOADED)
    run(capsys, "explain", "--status", "Error code: 401 - invalid x-api-key authentication_error")
    assert state.hits == {}


def test_reader_rejects_wrong_shape():
    with pytest.raises(PageFormatError):
        statuspage({"page": {}})


def test_instatus_summary(pages: tuple[Pages, str], capsys: pytest.CaptureFixture[str]):
    state, _ = pages
    state.serve("/mistral", fixture("mistral_instatus.json"))
    code, out = run(capsys, "status", "mistral", "--json")
    report = json.loads(out)["providers"][0]
    assert code == 1
    assert report["incidents"][0]["name"] == "Elevated error rates on La Plateforme API"
    assert report["incidents"][0]["level"] == "partial_outage"


def test_every_readable_page_in_the_registry_has_a_reader():
    from whichlayer.providers import all_providers
    from whichlayer.status.pages import FORMATS, pages
    from whichlayer.status.readers import READERS

    assert set(FORMATS.values()) <= set(READERS)
    readable = {p.id for p in all_providers() if p.status_page and p.status_page.api
                and p.status_page.format in FORMATS}  # fmt: skip
    assert readable == set(pages())
    assert {"anthropic", "openai", "vertex", "bedrock", "azure"} <= readable


def test_a_page_without_a_machine_readable_form_is_named(capsys: pytest.CaptureFixture[str]):
    code, out = run(capsys, "status", "openrouter")
    assert code == 2
    assert "no machine-readable form: see https://status.openrouter.ai" in out


def test_check_consults_the_page_on_an_upstream_verdict(
    pages: tuple[Pages, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    from whichlayer.simulate import SimServer

    state, _ = pages
    state.serve("/anthropic", fixture("anthropic_major.json"))
    with SimServer(dialect="anthropic", scenario="overloaded") as sim:
        monkeypatch.setenv("SIM_KEY", sim.keys["valid"])
        argv = ["check", "--base-url", sim.url, "--api-key-env", "SIM_KEY",
                "--protocol", "messages", "--model", "claude-sonnet-4-5", "--json",
                "--timeout", "10"]  # fmt: skip
        code = main(argv)
    d = json.loads(capsys.readouterr().out)
    (target,) = d["targets"]
    assert code == 1
    assert target["verdict"]["layer"] == "upstream"
    assert target["status_page"]["api_affected"] is True
    assert target["verdict"]["action"].startswith("Anthropic reports a partial outage")
    assert state.hits["/anthropic"] == 1


def test_check_offline_reads_no_page(pages: tuple[Pages, str], capsys: pytest.CaptureFixture[str]):
    state, _ = pages
    state.serve("/anthropic", fixture("anthropic_major.json"))
    main(["check", "--offline", "--json"])
    capsys.readouterr()
    assert state.hits == {}


def test_no_status_env_turns_verdict_reads_off(
    pages: tuple[Pages, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    state, _ = pages
    state.serve("/anthropic", fixture("anthropic_major.json"))
    monkeypatch.setenv("WHICHLAYER_NO_STATUS", "1")
    run(capsys, "explain", "--status", OVERLOADED)
    assert state.hits == {}
    assert run(capsys, "status", "anthropic")[0] == 1  # the command itself still reads
