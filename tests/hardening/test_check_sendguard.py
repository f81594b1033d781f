"""Where ``check`` sends the user's key: never to a base URL the user may not have chosen.

A real HTTP server on 127.0.0.1 records every request; each test plants a
fresh random key and looks for it in what the server received.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from tests.hardening import canaries as cn
from tests.hardening.test_canaries import run_cli


class Recorder(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.seen: list[str] = []


class _Handler(BaseHTTPRequestHandler):
    server: Recorder

    def _answer(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.seen.append(f"{self.command} {self.path}\n{self.headers}\n{body.decode()}")
        payload = json.dumps({"error": {"message": "bad key", "code": "invalid_api_key"}}).encode()
        self.send_response(401)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    server = Recorder()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    """(home, a shared folder outside it, a project inside the shared folder); cwd = project."""
    home = tmp_path / "home"
    shared = tmp_path / "srv" / "shared"
    project = shared / "app"
    for folder in (home, project):
        folder.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(project)
    for name in list(os.environ):
        if name.endswith(("_API_KEY", "_BASE_URL")) or name in ("HTTP_PROXY", "HTTPS_PROXY"):
            monkeypatch.delenv(name)
    return home, shared, project


def _key() -> str:
    return "sk-" + cn.r(cn.ALNUM, 48)


def test_a_strangers_env_in_a_parent_folder_gets_no_key(
    recorder: Recorder, places: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, shared, _ = places
    key = _key()
    monkeypatch.setenv("OPENAI_API_KEY", key)
    dotenv = shared / ".env"
    dotenv.write_text(f"OPENAI_BASE_URL=http://127.0.0.1:{recorder.server_port}/v1\n")
    out = run_cli(["check", "--client", "openai-python", "--timeout", "5", "--model", "m"])
    assert "T-BASE-URL-UNTRUSTED" in out and str(dotenv) in out and "owner" in out, out
    assert not any(key in seen for seen in recorder.seen), recorder.seen
    assert not any(key[5:20] in seen for seen in recorder.seen)
    # Confirmed by the user: now the key goes there.
    out = run_cli(
        ["check", "--client", "openai-python", "--timeout", "5", "--model", "m", "--trust-base-url"]
    )
    assert "T-BASE-URL-TRUSTED" in out
    assert any(key in seen for seen in recorder.seen)


def test_the_projects_own_env_is_used(
    recorder: Recorder, places: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, project = places
    key = _key()
    monkeypatch.setenv("OPENAI_API_KEY", key)
    (project / ".env").write_text(f"OPENAI_BASE_URL=http://127.0.0.1:{recorder.server_port}/v1\n")
    out = run_cli(["check", "--client", "openai-python", "--timeout", "5", "--model", "m"])
    assert "T-BASE-URL-UNTRUSTED" not in out
    assert any(key in seen for seen in recorder.seen)


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to chown")
def test_an_env_owned_by_another_user_gets_no_key(
    recorder: Recorder, places: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, project = places
    key = _key()
    monkeypatch.setenv("OPENAI_API_KEY", key)
    dotenv = project / ".env"
    dotenv.write_text(f"OPENAI_BASE_URL=http://127.0.0.1:{recorder.server_port}/v1\n")
    os.chown(dotenv, 65534, 65534)
    out = run_cli(["check", "--client", "openai-python", "--timeout", "5", "--model", "m"])
    assert "T-BASE-URL-UNTRUSTED" in out and "uid 65534" in out, out
    assert not any(key in seen for seen in recorder.seen)


def test_plain_http_to_another_machine_is_refused_without_the_flag(
    places: tuple[Path, Path, Path],
) -> None:
    key = _key()
    args = ["check", "--offline", "--json", "--base-url", "http://10.20.30.40/v1", "--api-key", key]
    report = json.loads(run_cli(args))["targets"][0]
    ids = [f["id"] for f in report["findings"]]
    assert "T-BASE-URL-UNTRUSTED" in ids
    assert "T-BASE-URL-UNTRUSTED" not in [
        f["id"] for f in json.loads(run_cli([*args, "--trust-base-url"]))["targets"][0]["findings"]
    ]
    local = [
        "check",
        "--offline",
        "--json",
        "--base-url",
        "http://127.0.0.1:9/v1",
        "--api-key",
        key,
    ]
    assert "T-BASE-URL-UNTRUSTED" not in run_cli(local)


def test_a_query_string_stays_after_the_path_and_its_key_only_goes_with_auth(
    recorder: Recorder, places: tuple[Path, Path, Path]
) -> None:
    key = _key()
    url_key = cn.r(cn.ALNUM, 39)
    base = f"http://127.0.0.1:{recorder.server_port}/v1?api-version=2024-06-01&key={url_key}"
    out = run_cli(["check", "--base-url", base, "--api-key", key, "--model", "m", "--timeout", "5"])
    assert "U-QUERY" in out and "after each request" in out, out
    assert url_key not in out
    lines = [seen.splitlines()[0] for seen in recorder.seen]
    assert lines, recorder.seen
    for line in lines:
        path = line.split(" ", 1)[1]
        assert path.startswith("/v1/") and "?" in path and "api-version=2024-06-01" in path, line
        assert "?" not in path.split("?", 1)[0]
    route = [s for s in recorder.seen if key not in s]
    assert route and not any(url_key in s for s in route)  # the keyless call carries no key
