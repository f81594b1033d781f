"""The simulator survives descriptor exhaustion, hostile JSON, and says where it listens."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from whichlayer.simulate import SimServer

ATTACK = 1100
LIMIT = 1024


def _lower_fd_limit() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_NOFILE, (LIMIT, LIMIT))


def _answers(url: str, timeout: float = 1.0) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/v1/models", timeout=timeout) as reply:
            return bool(reply.status)
    except urllib.error.HTTPError:
        return True  # an HTTP answer (401 without a key) is an answer
    except OSError:
        return False


@pytest.mark.parametrize("attack_closes", [True, False], ids=["attackers-close", "attackers-stay"])
def test_recovers_within_5_s_after_a_descriptor_exhaustion_attack(attack_closes: bool) -> None:
    """1,100 half-sent request heads against a 1,024 descriptor limit. When the attackers
    close, it answers within 5 s; when they keep their sockets open and silent, it drops
    them at the request-head timeout (2 s here) and answers within 5 s after that."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < ATTACK + 200:
        pytest.skip(f"this process may open only {hard} files")
    if soft != resource.RLIM_INFINITY and soft < ATTACK + 200:
        resource.setrlimit(resource.RLIMIT_NOFILE, (ATTACK + 200, hard))
    proc = subprocess.Popen(
        [sys.executable, "-m", "whichlayer", "simulate", "--port", "0", "--host", "127.0.0.1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, preexec_fn=_lower_fd_limit,
        env=dict(
            os.environ, WHICHLAYER_REDACT_KEY="tests-hardening", WHICHLAYER_SIM_HEADER_TIMEOUT="2"
        ),
    )  # fmt: skip
    attackers: list[socket.socket] = []
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline().decode()
        url = first.split(" on ", 1)[1].strip()
        host, port = url.split("//", 1)[1].rsplit(":", 1)
        assert _answers(url, 5.0)
        for _ in range(ATTACK):
            s = socket.socket()
            s.settimeout(2)
            try:
                s.connect((host, int(port)))
                s.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Le")
            except OSError:
                s.close()
                continue
            attackers.append(s)
        time.sleep(0.5)
        ended = time.monotonic()
        allowed = 5.0
        if attack_closes:
            for s in attackers:
                s.close()
            attackers.clear()
        else:
            allowed += 2.0  # the request-head timeout must pass first
        while not _answers(url):
            assert time.monotonic() - ended < allowed, "the simulator did not recover in time"
            time.sleep(0.1)
        print(f"\nrecovered {time.monotonic() - ended:.2f} s after the attack ended")
        assert proc.poll() is None
    finally:
        for s in attackers:
            s.close()
        proc.terminate()
        proc.wait(10)
        if proc.stdout is not None:
            proc.stdout.close()


def test_half_sent_requests_are_dropped_after_the_header_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from whichlayer.simulate import _server

    monkeypatch.setattr(_server, "HEADER_TIMEOUT_S", 0.5)
    with SimServer("openai") as sim:
        s = socket.create_connection(("127.0.0.1", sim.port), timeout=5)
        s.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n")
        started = time.monotonic()
        try:
            data = s.recv(100)  # the server closes it: EOF or a reset
        except ConnectionResetError:
            data = b""
        assert data == b"" and time.monotonic() - started < 4.0
        s.close()
        assert _answers(sim.url)


def _post(url: str, body: bytes, key: str) -> tuple[int, str]:
    request = urllib.request.Request(
        f"{url}/v1/chat/completions", data=body, method="POST",
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@pytest.mark.parametrize(
    "body",
    [
        b'{"a": ' * 2000 + b"1" + b"}" * 2000,
        b"[" * 2000 + b"]" * 2000,
        b'{"model": "gpt-4o-mini", "max_tokens": 1' + b"0" * 5000 + b', "messages": []}',
    ],
    ids=["nested-2000-objects", "nested-2000-lists", "int-5001-digits"],
)
@pytest.mark.parametrize("dialect", ["openai", "relay"])
def test_hostile_json_gets_the_providers_400(body: bytes, dialect: str) -> None:
    """The provider answers 400; the relay answers as it does to any body it cannot parse."""
    with SimServer(dialect) as sim:
        key = sim.keys["valid"]
        status, text = _post(sim.url, body, key)
        malformed_status, _ = _post(sim.url, b'{"model": ', key)
    assert status != 500 and "Traceback" not in text and "RecursionError" not in text
    assert status == (400 if dialect == "openai" else malformed_status), (status, text[:300])
    json.loads(text)


def test_wildcard_host_warns_and_prints_a_usable_url() -> None:
    from whichlayer.cli.simulate import banner
    from whichlayer.simulate._server import exposure_warning

    warning = exposure_warning("0.0.0.0")
    assert warning is not None and "0.0.0.0" in warning
    assert exposure_warning("127.0.0.1") is None
    sim = SimServer("openai", host="0.0.0.0")
    sim.port = 8765
    assert sim.url == "http://127.0.0.1:8765"
    assert "0.0.0.0" not in banner(sim)
