"""Every fault the simulator can produce, seen through ``whichlayer check``.

Each scenario runs a real SimServer on loopback; check runs its stages with
httpx2 against it and the engine diagnoses the failing stage. The expected
answer is the scenario's own layer and cause (TAXONOMY ids).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from whichlayer.check import Plan, run
from whichlayer.check.findings import add_findings
from whichlayer.check.model import Setting, Target, TargetReport
from whichlayer.simulate import SimServer, list_scenarios

# aiohttp warns about how the simulator stops its site (not check's code); narrowly ignored.
pytestmark = pytest.mark.filterwarnings(
    "ignore:shutdown_timeout should be set on BaseRunner:DeprecationWarning"
)

PROTOCOL = {
    "openai": ("chat_completions", "bearer"),
    "anthropic": ("messages", "x-api-key"),
    "gemini": ("generate_content", "x-goog-api-key"),
    "azure": ("chat_completions", "api-key"),
    "relay": ("chat_completions", "bearer"),
}

#: Scenarios that only exist on a streamed answer: check's one request is not streamed.
STREAM_ONLY = {"overloaded:mid_stream"}
#: A late first byte inside the deadline is not a failure.
HEALTHY = {"read_timeout:slow_first_byte"} | STREAM_ONLY

#: Scenarios whose real provider wording is the same as another state's, so no reader of
#: the answer can tell them apart: either diagnosis is right. (dialect, scenario) -> the other.
#: OpenAI answers "You exceeded your current quota" (insufficient_quota) with or without a
#: balance; Anthropic answers "invalid x-api-key" for a revoked key as for an unknown one.
SAME_WORDING = {
    ("openai", "key:no_balance"): ("quota", "quota_exhausted"),
    ("openai", "quota_exhausted"): ("quota", "insufficient_balance"),
    ("anthropic", "key:revoked"): ("identity", "key_invalid"),
}


def assert_answer(
    report: TargetReport, dialect: str, scenario: str, layer: str, cause: str
) -> None:
    """The verdict names the first failing stage and the expected layer/cause."""
    v = report.verdict
    assert v is not None, report.to_dict()
    failed = next(s for s in report.stages if s.ok is False)
    assert v.stage == failed.name
    accepted = {(layer, cause)}
    if (dialect, scenario) in SAME_WORDING:
        accepted.add(SAME_WORDING[(dialect, scenario)])
    assert (v.layer, v.cause) in accepted


def sim_target(sim: SimServer, dialect: str, key: str, env: dict[str, str] | None = None) -> Target:
    protocol, auth = PROTOCOL[dialect]
    base = sim.base_url() + ("/openai" if dialect == "azure" else "")
    t = Target(
        "sim",
        protocol,
        Setting(base, "--base-url"),
        Setting(key, "--api-key"),
        auth=auth,
        env=env or {},
    )
    if dialect == "azure":
        t.query = {"api-version": "2024-10-21"}
        t.model = Setting("gpt-4o-mini", "--model")
    add_findings(t)
    return t


def check(t: Target, timeout: float = 2.0, generate: bool = True) -> TargetReport:
    return run([t], Plan(generate=generate, timeout_s=timeout))[0]


CASES = [(d, s.id, s.layer, s.cause) for d in PROTOCOL for s in list_scenarios(d)]


@pytest.mark.parametrize(
    ("dialect", "scenario", "layer", "cause"), CASES, ids=[f"{d}-{s}" for d, s, _, _ in CASES]
)
def test_fault_is_named(dialect: str, scenario: str, layer: str, cause: str) -> None:
    with SimServer(dialect=dialect, scenario=scenario, stall_s=5, slow_s=0.2) as sim:
        env = {"SSL_CERT_FILE": sim.ca_pem} if sim.ca_pem else {}
        key = sim.keys["valid"]
        if scenario == "key_wrong_platform":
            key = sim.keys_for("openai" if dialect == "anthropic" else "anthropic")["valid"]
        timeout = 1.0 if scenario == "read_timeout" else 2.0
        start = time.monotonic()
        report = check(sim_target(sim, dialect, key, env), timeout=timeout)
        assert time.monotonic() - start < timeout + 1.5  # the stall is 5 s
    if scenario in HEALTHY:
        assert report.verdict is None, report.to_dict()
        assert [s.name for s in report.stages if s.ok is True][-1] == "generate"
        return
    assert_answer(report, dialect, scenario, layer, cause)


@pytest.mark.parametrize(
    ("dialect", "state", "layer", "cause"),
    [
        ("openai", "revoked", "identity", "key_expired"),
        ("openai", "no_balance", "quota", "insufficient_balance"),
        ("openai", "region_blocked", "identity", "permission_region"),
        ("anthropic", "revoked", "identity", "key_expired"),
        ("anthropic", "no_balance", "quota", "insufficient_balance"),
        ("gemini", "revoked", "identity", "key_expired"),
    ],
)
def test_key_states(dialect: str, state: str, layer: str, cause: str) -> None:
    with SimServer(dialect=dialect) as sim:
        report = check(sim_target(sim, dialect, sim.keys[state]))
    assert report.verdict is not None and report.verdict.stage in ("auth", "generate")
    assert_answer(report, dialect, f"key:{state}", layer, cause)


@pytest.mark.parametrize("dialect", list(PROTOCOL))
def test_healthy_target_runs_every_stage(dialect: str) -> None:
    with SimServer(dialect=dialect) as sim:
        report = check(sim_target(sim, dialect, sim.keys["valid"]))
    assert report.verdict is None
    oks = {s.name: s.ok for s in report.stages}
    assert oks["config"] and oks["dns"] and oks["tcp"] and oks["route"] and oks["generate"]
    assert "Hello" in next(s.detail for s in report.stages if s.name == "generate")


def test_no_generate_makes_no_paid_request() -> None:
    with SimServer(dialect="openai", scenario="server_error") as sim:
        t = sim_target(sim, "openai", sim.keys["valid"])
        t.protocol = "responses"
        report = check(t, generate=False)
    gen = next(s for s in report.stages if s.name == "generate")
    assert gen.ok is None and "--no-generate" in gen.detail


def test_stall_longer_than_the_deadline_is_a_read_timeout() -> None:
    with SimServer(dialect="anthropic", scenario="read_timeout:slow_first_byte", slow_s=5) as sim:
        start = time.monotonic()
        report = check(sim_target(sim, "anthropic", sim.keys["valid"]), timeout=1.0)
        assert time.monotonic() - start < 2.5  # the slow first byte is 5 s
    v = report.verdict
    assert v is not None and (v.layer, v.cause) == ("network", "read_timeout")


def test_reasoning_model_gets_max_completion_tokens(refuses_max_tokens: str) -> None:
    """A model that refuses max_tokens is asked once more with max_completion_tokens."""
    t = Target(
        "cli",
        "chat_completions",
        Setting(refuses_max_tokens, "--base-url"),
        Setting("sk-test-0123456789abcdef", "--api-key"),
        model=Setting("o3", "--model"),
    )
    report = check(t)
    gen = next(s for s in report.stages if s.name == "generate")
    assert gen.ok is True and "with max_completion_tokens" in gen.detail, report.to_dict()


def test_through_a_real_proxy_to_a_tls_simulator(forward_proxy: str) -> None:
    with SimServer(dialect="openai", tls="trusted") as sim:
        assert sim.ca_pem is not None
        env = {"HTTPS_PROXY": forward_proxy, "SSL_CERT_FILE": sim.ca_pem}
        report = check(sim_target(sim, "openai", sim.keys["valid"], env))
    oks = {s.name: s.ok for s in report.stages}
    assert report.verdict is None, report.to_dict()
    assert oks["proxy"] and oks["tls"] and oks["auth"] and oks["generate"]


def test_claude_code_custom_headers_reach_the_server(tmp_path: Path) -> None:
    """ANTHROPIC_CUSTOM_HEADERS from a settings env block is sent, as Claude Code sends it:
    here it asks the simulator for a fault on every request."""
    from whichlayer.check import discover

    from .conftest import make_ctx

    home, cwd = tmp_path / "home", tmp_path / "home" / "p"
    cwd.mkdir(parents=True)
    with SimServer(dialect="anthropic") as sim:
        (home / ".claude").mkdir()
        (home / ".claude" / "settings.json").write_text(
            json.dumps(
                {
                    "env": {
                        "ANTHROPIC_BASE_URL": sim.base_url(),
                        "ANTHROPIC_API_KEY": sim.keys["valid"],
                        "ANTHROPIC_CUSTOM_HEADERS": "x-sim-scenario: insufficient_balance",
                    },
                    "model": "claude-haiku-4-5",
                }
            )
        )
        (t,) = discover(make_ctx({}, home, cwd))
        assert t.headers == {"x-sim-scenario": "insufficient_balance"}
        report = check(t)
    v = report.verdict
    assert v is not None and (v.layer, v.cause) == ("quota", "insufficient_balance")


def test_intercepting_proxy_is_named_and_its_ca_makes_it_work(
    intercepting_proxy: tuple[str, Path],
) -> None:
    proxy_url, proxy_ca = intercepting_proxy
    with SimServer(dialect="openai", tls="trusted") as sim:
        base = sim.base_url().replace("127.0.0.1", "localhost")
        t = Target(
            "t",
            "chat_completions",
            Setting(base, "--base-url"),
            Setting(sim.keys["valid"], "--api-key"),
            runtime="httpx",
            env={"HTTPS_PROXY": proxy_url},
        )
        blocked = check(t)
        t.env["SSL_CERT_FILE"] = str(proxy_ca)
        trusted = check(t)
    tls = next(s for s in blocked.stages if s.name == "tls")
    assert tls.ok is False and "Corp Inspection CA" in tls.detail
    assert "likely an intercepting proxy" in tls.detail
    v = blocked.verdict
    assert v is not None and (v.layer, v.cause) == ("network", "tls_verify")
    assert trusted.verdict is None, trusted.to_dict()
    tls = next(s for s in trusted.stages if s.name == "tls")
    assert "not a public CA" in tls.detail and "Corp Inspection CA" in tls.detail
