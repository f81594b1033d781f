"""A real LiteLLM proxy on 127.0.0.1 in front of simulators, for the probe tests.

The proxy (``litellm[proxy]``, in the ``test`` extra) runs as a subprocess with
``LITELLM_LOCAL_MODEL_COST_MAP=True`` and telemetry off, so it never goes online. Its
deployments point at two simulators: one healthy (OpenAI and Anthropic protocols), one
answering every request with a 500. Virtual keys without a database: LiteLLM's
``custom_auth`` hook (``general_settings.custom_auth``) accepts the keys listed here and
refuses any other, and LiteLLM wraps the refusal in its own 401 ``auth_error``.

Kept in one module so it can be merged with other LiteLLM fixtures later.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from whichlayer.simulate import SimServer
from whichlayer.simulate.keys import KeyStore

#: Startup of the proxy (imports, config) is bounded; 2 busy cores take ~20 s.
STARTUP_TIMEOUT_S = 90.0
VIRTUAL_KEY = "sk-virtual-team-a-0001"
MASTER_KEY = "sk-master-whichlayer-0001"

_CUSTOM_AUTH = f"""
import hashlib

from fastapi import Request
from litellm.proxy._types import ProxyException, UserAPIKeyAuth

try:  # what LiteLLM itself raises for a key missing from its key table
    from litellm.proxy.auth.resolvers.exceptions import KeyNotFoundError
except ImportError:  # older LiteLLM
    KeyNotFoundError = None

KEYS = {{{VIRTUAL_KEY!r}, {MASTER_KEY!r}}}


async def user_api_key_auth(request: Request, api_key: str) -> UserAPIKeyAuth:
    if api_key in KEYS:
        return UserAPIKeyAuth(api_key=api_key)
    hashed = hashlib.sha256(api_key.encode()).hexdigest()
    if KeyNotFoundError is not None:
        raise KeyNotFoundError(hashed)
    raise ProxyException(
        message="Authentication Error, Invalid proxy server token passed.",
        type="auth_error",
        param="key",
        code=401,
    )
"""


@dataclass
class LiteLLM:
    url: str  # base URL for OpenAI clients (…/v1)
    log: Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _config(ok: SimServer, bad: SimServer) -> str:
    keys = KeyStore()
    openai_key = keys.keys("openai")["valid"]
    revoked_anthropic = keys.keys("anthropic")["revoked"]
    deployments = [
        ("gpt-4o-mini", "openai/gpt-4o-mini", f"{ok.url}/v1", openai_key),
        ("o3-mini", "openai/o3-mini", f"{ok.url}/v1", openai_key),
        ("gpt-4o", "openai/gpt-4o", f"{bad.url}/v1", openai_key),  # a failing deployment
        ("claude-haiku-4-5", "anthropic/claude-haiku-4-5", ok.url, revoked_anthropic),
        ("claude-sonnet-4-6", "anthropic/claude-sonnet-4-6", ok.url, revoked_anthropic),
    ]
    lines = ["model_list:"]
    for name, model, base, key in deployments:
        lines += [
            f"  - model_name: {name}",
            "    litellm_params:",
            f"      model: {model}",
            f'      api_base: "{base}"',
            f'      api_key: "{key}"',
        ]
    lines += [
        "litellm_settings:",
        "  num_retries: 0",
        "  telemetry: false",
        "  request_timeout: 20",
        "router_settings:",
        "  num_retries: 0",
        "  disable_cooldowns: true",
        "general_settings:",
        f"  master_key: {MASTER_KEY}",
        "  custom_auth: custom_auth.user_api_key_auth",
    ]
    return "\n".join(lines) + "\n"


def litellm_binary() -> str | None:
    here = Path(sys.executable).parent / "litellm"
    return str(here) if here.exists() else shutil.which("litellm")


@contextlib.contextmanager
def litellm_proxy() -> Iterator[LiteLLM]:
    binary = litellm_binary()
    if binary is None:
        raise RuntimeError("litellm[proxy] is not installed (it is in the `test` extra)")
    with (
        SimServer() as ok,
        SimServer(scenario="server_error") as bad,
        tempfile.TemporaryDirectory(prefix="whichlayer-litellm-") as tmp,
    ):
        folder = Path(tmp)
        (folder / "config.yaml").write_text(_config(ok, bad))
        (folder / "custom_auth.py").write_text(_CUSTOM_AUTH)
        port = _free_port()
        env = {k: v for k, v in os.environ.items() if not k.endswith(("_PROXY", "_proxy"))} | {
            "LITELLM_LOCAL_MODEL_COST_MAP": "True",
            "LITELLM_TELEMETRY": "False",
            "DISABLE_SCHEMA_UPDATE": "true",
            "NO_PROXY": "127.0.0.1,localhost",
        }
        log = folder / "litellm.log"
        with open(log, "wb") as out:
            proc = subprocess.Popen(
                [binary, "--config", "config.yaml", "--host", "127.0.0.1", "--port", str(port)],
                cwd=folder,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            try:
                _wait_ready(port, proc, log)
                yield LiteLLM(f"http://127.0.0.1:{port}/v1", log)
            finally:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)


def _wait_ready(port: int, proc: subprocess.Popen[bytes], log: Path) -> None:
    end = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError("litellm exited at startup:\n" + log.read_text()[-2000:])
        try:
            r = httpx.get(f"http://127.0.0.1:{port}/health/liveliness", timeout=1.0)
            if r.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"litellm did not start within {STARTUP_TIMEOUT_S:.0f} s")
