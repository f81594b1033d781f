"""Claude Code, Codex and Gemini CLI (pinned npm releases) and the Python SDKs (openai,
anthropic, google-genai, litellm) against check, simulate and explain.

Each client runs for real (``claude -p``, ``codex exec``, ``gemini -p``) with a temporary
HOME and a loopback base URL; each SDK as a user's script calls it, in its own interpreter.
bench/clients.py runs the same over every fault and prints the client x fault table.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from . import harness
from .setups import SETUPS, helper_output

# The first test installs the clients (once, cached): allow for that.
pytestmark = pytest.mark.timeout(harness.INSTALL_TIMEOUT_S + 60)

#: A subset of the catalogue per client for CI, one fault of each layer or more (the bench
#: runs them all). explain must name layer and cause from what the client printed.
FAULTS = {
    "claude-code": (
        "key_missing",
        "key_invalid",
        "insufficient_balance",
        "rpm",
        "model_not_found",
        "overloaded",
        "connection_reset",
    ),
    "codex": (
        "key_missing",
        "key_invalid",
        "quota_exhausted",
        "context_length",
        "unavailable",
        "connection_reset:mid_stream",
    ),
    "gemini-cli": (
        "key_invalid",
        "quota_exhausted",
        "rpm",
        "invalid_parameter",
        "server_error",
        "bad_gateway:nginx",
    ),
}
#: Faults whose cause the client's own line hides (its output is the same for other causes,
#: or its source prints one constant line for them): explain must still name the layer, name
#: the fault's cause among its candidates, and say how to see the real answer.
HIDDEN = {
    "claude-code": ("endpoint_mismatch", "key_wrong_platform"),
    "codex": ("rpm", "server_error", "connection_reset"),
    "gemini-cli": ("tls_verify",),
}
#: The Python SDKs, each as a user's script calls it (sdk_worker.py); a subset of the
#: catalogue with every layer and the SDKs' own wrappers (bench/clients.py runs them all).
SDK_FAULTS = (
    "key_missing",
    "key_invalid",
    "rpm",
    "tpm",
    "model_not_found",
    "context_length",
    "server_error",
    "unavailable:nginx_503",
    "bad_gateway:cloudflare",
    "connection_reset",
    "tls_verify",
)
SDK_QUOTA = {
    "openai": "quota_exhausted",
    "anthropic": "insufficient_balance",
    "google-genai": "quota_exhausted",
    "litellm": "quota_exhausted",
}


def assert_floor(results: list[harness.FaultResult], hidden: tuple[str, ...]) -> None:
    """The table's floor: every run's layer is right; every cause is right except where the
    client hides it, and there explain names it among the candidates and sends the user to
    whichlayer proxy / probe."""
    failing = [r for r in results if r.outcome != "answered"]
    assert len(failing) == len(results), [r.scenario for r in results if r.outcome == "answered"]
    layer_ok = sum(r.got_layer == r.layer for r in failing)
    cause_ok = sum(r.outcome == "ok" for r in failing)
    wrong = {
        r.scenario: f"{r.got_layer}/{r.got_cause} from: {r.run.output[-300:]!r}"
        for r in failing
        if r.outcome != "ok" and not (r.scenario in hidden and r.outcome == "layer")
    }
    assert not wrong, wrong
    assert layer_ok == len(failing)
    assert cause_ok >= len(failing) - len(hidden)
    for r in failing:
        if r.scenario in hidden and r.outcome != "ok":
            d = r.diagnosis
            assert r.cause in [str(c) for c in d.candidates], (r.scenario, d.candidates)
            assert "whichlayer proxy" in d.actions[0] and "whichlayer probe" in d.actions[0]


@pytest.fixture(scope="module")
def bin_dir() -> Path:
    try:
        return harness.install()
    except harness.Unavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def setup_results(bin_dir: Path) -> list[harness.SetupResult]:
    with ThreadPoolExecutor(3) as pool:
        return list(pool.map(lambda s: harness.run_setup(bin_dir, s, helper_output(s)), SETUPS))


def test_check_claims_equal_the_headers_really_sent(
    setup_results: list[harness.SetupResult],
) -> None:
    wrong = {r.setup.name: r.problems for r in setup_results if r.problems}
    assert not wrong, wrong
    # the suite covers what the issue names: both headers at once, a key Codex does not read
    both = [r for r in setup_results if {"authorization", "x-api-key"} <= set(r.sent)]
    assert any(r.sent["authorization"] != r.sent["x-api-key"] for r in both)
    assert any(r.setup.client == "codex" and not r.sent for r in setup_results)


def test_a_healthy_key_gets_a_normal_answer_from_every_client(
    setup_results: list[harness.SetupResult],
) -> None:
    """Set-ups whose effective key is valid answer normally: the simulator refuses nothing
    the pinned clients send (a refused field shows up here as a 400 in the output)."""
    healthy = [r for r in setup_results if r.sent and set(r.sent.values()) == {"sim-valid"}]
    assert {r.setup.client for r in healthy} == set(harness.CLIENTS)
    failed = {r.setup.name: r.run.output[-400:] for r in healthy if not r.run.answered}
    assert not failed, failed


def test_with_both_headers_the_x_api_key_one_authenticates(
    setup_results: list[harness.SetupResult],
) -> None:
    """What check says the server honours: with both sent, the answer follows x-api-key."""
    both = [r for r in setup_results if {"authorization", "x-api-key"} <= set(r.sent)]
    differing = [r for r in both if r.sent["authorization"] != r.sent["x-api-key"]]
    assert len(differing) >= 2
    for r in differing:
        assert r.run.answered == (r.sent["x-api-key"] == "sim-valid"), r.setup.name


def test_codex_without_a_credential_is_never_reported_healthy(
    setup_results: list[harness.SetupResult],
) -> None:
    run = next(r for r in setup_results if r.setup.name.endswith("OPENAI_API_KEY only"))
    assert not run.sent and not run.run.answered
    with harness.workspace(run.setup, "http://127.0.0.1:9") as (home, cwd, env):
        target = harness.check_target(home, cwd, env, "codex")
    assert target.key is None and any(
        f.severity == "error" and f.cause == "key_missing" for f in target.findings
    )


@pytest.mark.parametrize("client", harness.CLIENTS)
def test_explain_names_the_fault_from_what_the_client_printed(bin_dir: Path, client: str) -> None:
    catalogue = {sid: (layer, cause) for sid, layer, cause in harness.faults(client)}
    jobs = [(client, sid, *catalogue[sid]) for sid in FAULTS[client] + HIDDEN[client]]
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda j: harness.run_fault(bin_dir, *j), jobs))
    assert_floor(results, HIDDEN[client])


@pytest.fixture(scope="module")
def sdk_workers() -> Iterator[None]:
    yield
    harness.stop_workers()


@pytest.mark.parametrize("sdk", harness.SDKS)
def test_explain_names_the_fault_from_what_the_sdk_raised(sdk_workers: None, sdk: str) -> None:
    """The real SDK, called as a script calls it, dies of an exception; explain on what
    Python prints for it (the traceback) names the fault."""
    catalogue = {sid: (layer, cause) for sid, layer, cause in harness.faults(sdk)}
    jobs = [(sdk, sid, *catalogue[sid]) for sid in (*SDK_FAULTS, SDK_QUOTA[sdk])]
    with ThreadPoolExecutor(1) as pool:  # one worker: the SDK's import is most of the time
        results = list(pool.map(lambda j: harness.run_fault(Path("/nonexistent"), *j), jobs))
    assert_floor(results, ())
    assert all("Traceback (most recent call last)" in r.run.output for r in results)


def test_a_healthy_key_gets_a_normal_answer_from_every_sdk(sdk_workers: None) -> None:
    from whichlayer.simulate import SimServer

    for sdk in harness.SDKS:
        dialect = harness.DIALECT[sdk]
        with SimServer(dialect) as sim:
            run = harness.run_sdk(sdk, sim.base_url(dialect), sim.keys["valid"], None)
        assert run.answered, (sdk, run.output[-300:])


def test_claude_code_gets_the_mid_stream_overloaded_event_and_retries_without_streaming(
    bin_dir: Path,
) -> None:
    """The simulator's mid-stream overload is the API's ``event: error`` frame; Claude Code
    reads it as a failed stream and repeats the call without streaming (so it answers)."""
    from whichlayer.simulate import SimServer

    setup = harness.Setup("claude mid-stream", "claude-code", {"ANTHROPIC_API_KEY": "sim-valid"})
    with (
        SimServer("anthropic", scenario="overloaded:mid_stream") as sim,
        harness.RecordingProxy(sim.port) as proxy,
    ):
        with harness.workspace(setup, proxy.url) as (_home, cwd, env):
            run = harness.run_client(bin_dir, "claude-code", env, cwd)
        calls = proxy.calls()
    streamed = [bool((c.body or {}).get("stream")) for c in calls]
    assert streamed[:2] == [True, False], streamed
    assert run.answered
