"""Run the real coding-agent CLIs against the simulator, and record what they send.

Shared by tests/clients/ and bench/clients.py. Everything stays on 127.0.0.1:

- the three npm clients are installed once, pinned, into ``<checkout>/.cache/npm-clients``
  (git-ignored), within ``INSTALL_TIMEOUT_S``;
- each run gets a temporary HOME holding the client's real config files, an environment
  built from scratch (no proxy variables, telemetry, update checks and usage statistics
  off, retries at 0 where the client allows it) and a base URL on loopback;
- :class:`RecordingProxy` is a reverse proxy on loopback that records the method, path and
  headers of every request before passing it to the simulator.
"""

from __future__ import annotations

import contextlib
import fcntl
import http.client
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("WHICHLAYER_NPM_CLIENTS", ROOT / ".cache" / "npm-clients"))
#: The pinned versions the suite proves check, simulate and explain against.
PINS = {
    "@anthropic-ai/claude-code": "2.1.197",
    "@openai/codex": "0.171.0",
    "@google/gemini-cli": "0.61.0",
}
INSTALL_TIMEOUT_S = 540.0
RUN_TIMEOUT_S = 60.0
#: Byte cap on a proxied body (either way).
MAX_BODY = 32 * 1024 * 1024
#: The answer the simulator gives to every healthy request.
ANSWER = "Hello from the whichlayer simulator."
PROMPT = "say hi"

CLIENTS = ("claude-code", "codex", "gemini-cli")
#: client -> the simulator dialect (protocol) it speaks
DIALECT = {"claude-code": "anthropic", "codex": "openai", "gemini-cli": "gemini"}
CREDENTIAL_HEADERS = ("authorization", "x-api-key", "x-goog-api-key", "api-key")


class Unavailable(Exception):
    """npm is missing or the install failed: the reason, in one line."""


def install() -> Path:
    """The ``node_modules/.bin`` folder holding claude, codex and gemini (installed once)."""
    marker = CACHE / "installed.json"
    want = json.dumps(PINS, sort_keys=True)
    bin_dir = CACHE / "node_modules" / ".bin"
    if marker.is_file() and marker.read_text() == want and _have_bins(bin_dir):
        return bin_dir
    npm = shutil.which("npm")
    if npm is None:
        raise Unavailable("npm is not installed: the real-client suite needs node and npm")
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another test process may be installing
        if marker.is_file() and marker.read_text() == want and _have_bins(bin_dir):
            return bin_dir
        (CACHE / "package.json").write_text('{"private": true}\n')
        specs = [f"{name}@{version}" for name, version in PINS.items()]
        try:
            done = subprocess.run(
                [npm, "install", "--no-audit", "--no-fund", "--no-save", *specs],
                cwd=CACHE,
                capture_output=True,
                text=True,
                timeout=INSTALL_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise Unavailable(f"npm install took over {INSTALL_TIMEOUT_S:.0f} s") from exc
        if done.returncode != 0 or not _have_bins(bin_dir):
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise Unavailable("npm install of the pinned clients failed: " + " | ".join(tail))
        marker.write_text(want)
    return bin_dir


def _have_bins(bin_dir: Path) -> bool:
    return all((bin_dir / name).exists() for name in ("claude", "codex", "gemini"))


# -- the recording reverse proxy ------------------------------------------------------------


@dataclass(slots=True)
class Seen:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: dict[str, Any] | None


class RecordingProxy:
    """A reverse proxy on 127.0.0.1 that records each request, then forwards it upstream.

    The upstream answer is read whole (with a deadline and a byte cap) and passed back;
    a streamed answer arrives at the client in one piece, which every client accepts.
    """

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _forward(self) -> None:
                length = min(int(self.headers.get("Content-Length") or 0), MAX_BODY)
                raw = self.rfile.read(length) if length else b""
                proxy._record(self.command, self.path, dict(self.headers.items()), raw)
                headers = {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() not in ("host", "connection", "transfer-encoding", "upgrade")
                }
                conn = http.client.HTTPConnection("127.0.0.1", proxy.upstream_port, timeout=30)
                try:
                    conn.request(self.command, self.path, body=raw, headers=headers)
                    answer = conn.getresponse()
                    data = answer.read(MAX_BODY)
                except OSError:
                    self.close_connection = True
                    return
                finally:
                    conn.close()
                self.send_response(answer.status)
                for k, v in answer.getheaders():
                    if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = _forward

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def _record(self, method: str, path: str, headers: dict[str, str], raw: bytes) -> None:
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        seen = Seen(method, path, {k.lower(): v for k, v in headers.items()}, body)
        with self._lock:
            self.seen.append(seen)

    def calls(self) -> list[Seen]:
        """The model calls (POSTs), in order."""
        with self._lock:
            return [s for s in self.seen if s.method == "POST"]

    def __enter__(self) -> RecordingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


# -- one run of a client -----------------------------------------------------------------------


@dataclass(slots=True)
class Setup:
    """A client configured one usual way: files under HOME (and the project), shell vars."""

    name: str
    client: str
    shell: dict[str, str] = field(default_factory=dict)
    #: path relative to HOME ("~/") or to the project folder ("./") -> content
    files: dict[str, str] = field(default_factory=dict)
    #: the codex provider kind: "custom" (retries 0, no WebSocket) or "builtin"
    codex_provider: str = "custom"
    #: a model chosen in the client's settings (None: the client's default)
    model: str | None = None


@dataclass(slots=True)
class Run:
    rc: int
    stdout: str
    stderr: str
    timed_out: bool = False

    @property
    def output(self) -> str:
        return (self.stdout + "\n" + self.stderr).strip()

    @property
    def answered(self) -> bool:
        return self.rc == 0 and ANSWER in self.stdout


@contextlib.contextmanager
def workspace(setup: Setup, base_url: str) -> Iterator[tuple[Path, Path, dict[str, str]]]:
    """A temporary HOME and project folder with the setup's files; yields (home, cwd, env)."""
    with tempfile.TemporaryDirectory(prefix=f"wl-{setup.client}-") as tmp:
        home, cwd = Path(tmp) / "home", Path(tmp) / "project"
        home.mkdir()
        cwd.mkdir()
        files = dict(_client_files(setup, base_url))
        files.update(setup.files)
        for rel, content in files.items():
            root = home if rel.startswith("~/") else cwd
            path = root / rel[2:]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content.replace("{HOME}", str(home)))
            if rel.endswith(".sh"):
                path.chmod(0o755)
        env = base_env(home, setup.client, base_url)
        env.update({k: v.replace("{HOME}", str(home)) for k, v in setup.shell.items()})
        yield home, cwd, env


def base_env(home: Path, client: str, base_url: str) -> dict[str, str]:
    """A fresh environment: loopback only, telemetry and updates off, no client retries."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "TERM": "dumb",
        "NO_COLOR": "1",
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
        "TMPDIR": str(home),
    }
    if client == "claude-code":
        env.update(
            ANTHROPIC_BASE_URL=base_url,
            DISABLE_TELEMETRY="1",
            DISABLE_AUTOUPDATER="1",
            DISABLE_ERROR_REPORTING="1",
            CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC="1",
            CLAUDE_CODE_MAX_RETRIES="0",
            API_TIMEOUT_MS="8000",
        )
    elif client == "gemini-cli":
        env.update(
            GOOGLE_GEMINI_BASE_URL=base_url,
            GEMINI_CLI_TRUST_WORKSPACE="true",
            GEMINI_TELEMETRY_ENABLED="false",
        )
    return env


def _client_files(setup: Setup, base_url: str) -> dict[str, str]:
    if setup.client == "codex":
        common = (
            'model = "gpt-4o-mini"\n'
            "check_for_update_on_startup = false\n"
            "[analytics]\nenabled = false\n"
        )
        if setup.codex_provider == "builtin":
            config = f'openai_base_url = "{base_url}/v1"\n' + common
        else:
            config = (
                'model_provider = "sim"\n'
                + common
                + (
                    "[model_providers.sim]\n"
                    'name = "sim"\n'
                    f'base_url = "{base_url}/v1"\n'
                    'env_key = "SIM_OPENAI_KEY"\n'
                    'wire_api = "responses"\n'
                    "request_max_retries = 0\n"
                    "stream_max_retries = 0\n"
                    "stream_idle_timeout_ms = 8000\n"
                    "supports_websockets = false\n"
                )
            )
        return {"~/.codex/config.toml": config}
    if setup.client == "gemini-cli":
        settings = {
            "privacy": {"usageStatisticsEnabled": False},
            "general": {"disableAutoUpdate": True, "disableUpdateNag": True, "maxAttempts": 1},
            "telemetry": {"enabled": False},
            "tools": {"useRipgrep": False},
            "security": {"auth": {"selectedType": "gemini-api-key"}},
        }
        if setup.model:  # one model: no router call, no fallback chain of other models
            settings["model"] = {"name": setup.model}
        return {"~/.gemini/settings.json": json.dumps(settings)}
    return {"~/.claude/settings.json": "{}"}


def argv(bin_dir: Path, client: str) -> list[str]:
    if client == "claude-code":
        return [str(bin_dir / "claude"), "-p", PROMPT]
    if client == "codex":
        return [str(bin_dir / "codex"), "exec", "--skip-git-repo-check", PROMPT]
    return [str(bin_dir / "gemini"), "-p", PROMPT]


def run_client(
    bin_dir: Path, client: str, env: dict[str, str], cwd: Path, timeout_s: float = RUN_TIMEOUT_S
) -> Run:
    """One non-interactive run; its exit code and what it printed."""
    try:
        done = subprocess.run(
            argv(bin_dir, client),
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else ""
        err = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else ""
        return Run(-1, out, err, timed_out=True)
    return Run(done.returncode, done.stdout, done.stderr)


# -- what check claims, what was sent ------------------------------------------------------------

_HEADERS_OF = {
    "bearer": ("authorization",),
    "oauth": ("authorization",),
    "x-api-key": ("x-api-key",),
    "both": ("authorization", "x-api-key"),
    "x-goog-api-key": ("x-goog-api-key",),
    "api-key": ("api-key",),
}


def check_target(home: Path, cwd: Path, env: dict[str, str], client: str) -> Any:
    """The target ``whichlayer check --client <client>`` reports for this machine."""
    from whichlayer.check import Request, discover
    from whichlayer.check.model import Context

    ctx = Context(env=dict(env), home=home, cwd=cwd, etc=home / "etc")
    targets = discover(ctx, Request(client=client))
    if len(targets) != 1:
        raise AssertionError(f"check found {len(targets)} {client} targets")
    return targets[0]


def claimed_headers(target: Any) -> dict[str, str | None]:
    """Credential header -> the value check says is sent (None: from a helper it does not run)."""
    out: dict[str, str | None] = {}
    if target.key is not None:
        for name in _HEADERS_OF.get(target.auth, ()):
            out[name] = target.key.value or None
    for how, setting in target.also_sent:
        for name in _HEADERS_OF.get(how, ()):
            out[name] = setting.value or None
    return out


def sent_headers(seen: Seen) -> dict[str, str]:
    out = {}
    for name in CREDENTIAL_HEADERS:
        value = seen.headers.get(name)
        if value is not None:
            out[name] = value[7:] if value[:7].lower() == "bearer " else value
    return out


def protocol_of_path(path: str) -> str:
    if "/v1/messages" in path:
        return "messages"
    if path.split("?")[0].endswith("/responses"):
        return "responses"
    if ":generateContent" in path or ":streamGenerateContent" in path:
        return "generate_content"
    if "/chat/completions" in path:
        return "chat_completions"
    return "?"


def compare(target: Any, seen: Seen, proxy_url: str, helper_output: str | None) -> list[str]:
    """Where check's claim (key, header, base URL, protocol) differs from the request seen."""
    from urllib.parse import urlsplit

    problems = []
    claim = claimed_headers(target)
    sent = sent_headers(seen)
    if set(claim) != set(sent):
        problems.append(f"headers: check says {sorted(claim)}, sent {sorted(sent)}")
    for name, value in claim.items():
        expected = value if value is not None else helper_output
        if name in sent and sent[name] != expected:
            problems.append(f"{name}: check's key is not the one sent")
    base = target.base_url.value if target.base_url else ""
    parts, proxy = urlsplit(base), urlsplit(proxy_url)
    if (parts.hostname, parts.port) != (proxy.hostname, proxy.port):
        problems.append(f"base URL: check says {base}, the client called {proxy_url}")
    elif not seen.path.startswith(parts.path.rstrip("/") + "/"):
        problems.append(f"base URL path: check says {base}, the client called {seen.path}")
    if protocol_of_path(seen.path) != target.protocol:
        problems.append(f"protocol: check says {target.protocol}, sent {seen.path}")
    return problems


# -- faults ----------------------------------------------------------------------------------------

#: The variable each client reads its key from in the fault runs.
KEY_VAR = {
    "claude-code": "ANTHROPIC_API_KEY",
    "codex": "SIM_OPENAI_KEY",
    "gemini-cli": "GEMINI_API_KEY",
}
#: Faults whose client-side wait is long (a stall): the bench runs them, the test does not.
SLOW = ("read_timeout",)


@dataclass(slots=True)
class FaultResult:
    client: str
    scenario: str
    layer: str
    cause: str
    run: Run
    got_layer: str = ""
    got_cause: str = ""
    diagnosis: Any = None

    @property
    def outcome(self) -> str:
        if self.run.answered:
            return "answered"
        if self.got_layer == self.layer and self.got_cause == self.cause:
            return "ok"
        return "layer" if self.got_layer == self.layer else "wrong"


#: Scenarios whose provider wording means another cause than the scenario's name: OpenAI words
#: every quota as insufficient_quota ("You exceeded your current quota"), which its error-code
#: guide explains as credits run out, so the engine reads it as insufficient_balance.
READ_AS = {("openai", "quota_exhausted"): "insufficient_balance"}


def faults(client: str) -> list[tuple[str, str, str]]:
    """(scenario id, layer, cause) of every fault the simulator has for the client's protocol."""
    from whichlayer.simulate import list_scenarios

    dialect = DIALECT[client]
    return [(s.id, s.layer, READ_AS.get((dialect, s.id), s.cause)) for s in list_scenarios(dialect)]


def run_fault(bin_dir: Path, client: str, scenario: str, layer: str, cause: str) -> FaultResult:
    """The client against a simulator that fails with ``scenario``; explain on what it printed."""
    from whichlayer.simulate import SimServer

    dialect = DIALECT[client]
    with SimServer(dialect, scenario=scenario, stall_s=15.0, slow_s=1.0) as sim:
        key = sim.keys["valid"]
        if scenario == "key_wrong_platform":
            other = "openai" if dialect != "openai" else "anthropic"
            key = sim.keys_for(other)["valid"]
        if client in SDKS:
            run = run_sdk(
                client,
                sim.base_url(dialect),
                None if scenario == "key_missing" else key,
                sim.ca_pem,
            )
            return _explained(FaultResult(client, scenario, layer, cause, run))
        shell = {} if scenario == "key_missing" else {KEY_VAR[client]: key}
        if sim.ca_pem is not None:  # tls_verify:wrong_host: the CA is trusted, the name is not
            shell.update(NODE_EXTRA_CA_CERTS=sim.ca_pem, SSL_CERT_FILE=sim.ca_pem)
        model = "gemini-2.5-flash" if client == "gemini-cli" else None
        setup = Setup(f"{client}:{scenario}", client, shell=shell, model=model)
        with workspace(setup, sim.url) as (_home, cwd, env):
            run = run_client(bin_dir, client, env, cwd, timeout_s=45.0)
    return _explained(FaultResult(client, scenario, layer, cause, run))


def _explained(result: FaultResult) -> FaultResult:
    """explain on what the client printed (nothing to explain when it answered)."""
    import whichlayer

    run = result.run
    if not run.answered:
        d = whichlayer.explain(run.output or f"exit code {run.rc}")
        result.got_layer, result.got_cause = d.layer, d.cause
        result.diagnosis = d
    return result


@dataclass(slots=True)
class SetupResult:
    setup: Setup
    run: Run
    problems: list[str]
    claim: dict[str, str | None]
    sent: dict[str, str]
    calls: int


def run_setup(bin_dir: Path, setup: Setup, helper_output: str | None) -> SetupResult:
    """The client in this set-up, behind the recording proxy; check's claim against the wire."""
    from whichlayer.simulate import SimServer

    with SimServer(DIALECT[setup.client]) as sim, RecordingProxy(sim.port) as proxy:
        with workspace(setup, proxy.url) as (home, cwd, env):
            target = check_target(home, cwd, env, setup.client)
            run = run_client(bin_dir, setup.client, env, cwd)
        calls = proxy.calls()
    claim = claimed_headers(target)
    if not calls:
        return SetupResult(setup, run, ["the client sent no request"], claim, {}, 0)
    first = calls[0]
    problems = compare(target, first, proxy.url, helper_output)
    return SetupResult(setup, run, problems, claim, sent_headers(first), len(calls))


# -- the Python SDKs ---------------------------------------------------------------------------

#: The Python SDKs, each a user's script making one call (tests/clients/sdk_worker.py).
SDKS = ("openai", "anthropic", "google-genai", "litellm")
SDK_DIALECT = {
    "openai": "openai",
    "anthropic": "anthropic",
    "google-genai": "gemini",
    "litellm": "openai",
}
DIALECT.update(SDK_DIALECT)
#: The SDK's read timeout: a stalled answer fails within it.
SDK_TIMEOUT_S = 8.0
_WORKER = Path(__file__).with_name("sdk_worker.py")
_idle: dict[str, list[subprocess.Popen[str]]] = {}
_idle_lock = threading.Lock()


def _sdk_env() -> dict[str, str]:
    """The worker's environment: no credentials or proxies of this machine, litellm offline."""
    drop = ("KEY", "TOKEN", "PROXY", "SSL_CERT", "REQUESTS_CA", "CURL_CA", "GOOGLE_", "GEMINI_")
    env = {k: v for k, v in os.environ.items() if not any(d in k.upper() for d in drop)}
    env.update(
        NO_PROXY="127.0.0.1,localhost",
        no_proxy="127.0.0.1,localhost",
        LITELLM_LOCAL_MODEL_COST_MAP="True",  # never fetch the price list at import
        PYTHONWARNINGS="ignore",
    )
    return env


def _worker(sdk: str) -> subprocess.Popen[str]:
    with _idle_lock:
        if _idle.get(sdk):
            return _idle[sdk].pop()
    import sys

    proc = subprocess.Popen(
        [sys.executable, str(_WORKER), sdk],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=_sdk_env(),
    )
    ready = _read_line(proc, 60.0)
    if ready is None or json.loads(ready).get("ready") != sdk:
        _stop(proc)
        raise Unavailable(f"the {sdk} SDK worker did not start")
    return proc


def _read_line(proc: subprocess.Popen[str], timeout_s: float) -> str | None:
    import select

    assert proc.stdout is not None
    readable, _, _ = select.select([proc.stdout], [], [], timeout_s)
    if not readable:
        return None
    line = proc.stdout.readline(MAX_BODY)
    return line or None


def _stop(proc: subprocess.Popen[str]) -> None:
    """End one worker (ours, by its handle): it holds no state worth an orderly exit, and
    the SDKs' interpreter teardown takes seconds."""
    for pipe in (proc.stdin, proc.stdout):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()
    with contextlib.suppress(OSError):
        proc.kill()
    proc.wait(timeout=10)


def stop_workers() -> None:
    """End the SDK workers this process started."""
    with _idle_lock:
        procs = [p for ps in _idle.values() for p in ps]
        _idle.clear()
    for proc in procs:
        _stop(proc)


def run_sdk(sdk: str, base_url: str, key: str | None, ca: str | None) -> Run:
    """One call with the SDK: rc 0 and the answer, or rc 1 and what the script died printing."""
    proc = _worker(sdk)
    assert proc.stdin is not None
    job = {"sdk": sdk, "base_url": base_url, "key": key, "ca": ca, "timeout_s": SDK_TIMEOUT_S}
    proc.stdin.write(json.dumps(job) + "\n")
    proc.stdin.flush()
    line = _read_line(proc, SDK_TIMEOUT_S * 4)
    if line is None:
        _stop(proc)
        return Run(-1, "", "", timed_out=True)
    with _idle_lock:
        _idle.setdefault(sdk, []).append(proc)
    out = json.loads(line)
    if out["answered"] is not None:
        return Run(0, out["answered"], "")
    return Run(1, "", out["printed"])
