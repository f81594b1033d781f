"""A real LiteLLM proxy (``litellm[proxy]``, from the ``test`` extra) on 127.0.0.1, for tests.

    from litellm_proxy import Deployment, start_litellm_proxy

    with SimServer("openai") as sim, start_litellm_proxy([
        Deployment("gpt", sim.base_url(), sim.keys["valid"]),
        Deployment("gpt-429", sim.base_url(), sim.keys["valid"], scenario="rpm"),
    ]) as proxy:
        client = openai.OpenAI(base_url=proxy.url, api_key=proxy.master_key, max_retries=0)

Each deployment is an upstream of one protocol (``openai/`` or ``anthropic/``; usually the
project's simulator); a ``scenario`` is sent to the simulator as its ``x-sim-scenario``
header on every call the proxy makes. With ``virtual_keys``, LiteLLM's ``custom_auth`` hook
accepts those keys (and the master key) and refuses any other, as a proxy with a key table
does, without a database: LiteLLM wraps the refusal in its own 401 ``auth_error``.

The simulate round-trip table and the probe tests both use this one fixture.

The proxy never reaches the network: the model cost map is the local copy
(``LITELLM_LOCAL_MODEL_COST_MAP``), telemetry is off, proxy variables are cleared, and it has
no database (only the master key and any virtual keys are accepted). Start-up is bounded
(``start_timeout_s``); when the proxy cannot start, :func:`start_litellm_proxy` raises
:class:`ProxyUnavailable` with the reason and the proxy's last output, and
:func:`litellm_proxy_or_skip` turns that into a pytest skip with the same message.
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
import yaml

MASTER_KEY = "sk-litellm-master-0000"
#: The proxy imports a great deal; on a loaded 2-core machine start-up takes 20-40 s.
START_TIMEOUT_S = 90.0
_PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


class ProxyUnavailable(RuntimeError):
    """The LiteLLM proxy could not be started (not installed, or did not come up in time)."""


@dataclass(frozen=True)
class Deployment:
    """One model group of the proxy, served by one deployment of ``protocol``."""

    name: str
    api_base: str
    api_key: str
    model: str = "gpt-4o-mini"
    scenario: str | None = None
    protocol: str = "openai"  # LiteLLM's provider prefix: openai, anthropic

    def config(self) -> dict[str, object]:
        params: dict[str, object] = {
            "model": f"{self.protocol}/{self.model}",
            "api_base": self.api_base,
            "api_key": self.api_key,
        }
        if self.scenario:
            params["extra_headers"] = {"x-sim-scenario": self.scenario}
        return {"model_name": self.name, "litellm_params": params}


@dataclass
class LiteLLMProxy:
    url: str  # without /v1
    master_key: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def base_url(self) -> str:
        """The base URL for OpenAI clients."""
        return self.url + "/v1"

    def output(self, tail: int = 2000) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-tail:]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def closed_port_url() -> str:
    """A base URL on 127.0.0.1 where nothing listens (an unreachable upstream)."""
    return f"http://127.0.0.1:{free_port()}/v1"


_CUSTOM_AUTH = """
import hashlib

from fastapi import Request
from litellm.proxy._types import ProxyException, UserAPIKeyAuth

try:  # what LiteLLM itself raises for a key missing from its key table
    from litellm.proxy.auth.resolvers.exceptions import KeyNotFoundError
except ImportError:  # older LiteLLM
    KeyNotFoundError = None

KEYS = set(KEYS_LIST)


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


def _executable() -> str:
    beside = Path(sys.executable).parent / "litellm"
    found = str(beside) if beside.exists() else shutil.which("litellm")
    if not found:
        raise ProxyUnavailable("litellm is not installed (pip install -e '.[test]')")
    return found


@contextlib.contextmanager
def start_litellm_proxy(
    deployments: list[Deployment],
    *,
    virtual_keys: tuple[str, ...] = (),
    start_timeout_s: float = START_TIMEOUT_S,
) -> Iterator[LiteLLMProxy]:
    """Run a LiteLLM proxy in front of ``deployments`` until the block ends; with
    ``virtual_keys``, only those keys and the master key are accepted."""
    executable = _executable()
    with tempfile.TemporaryDirectory(prefix="whichlayer-litellm-") as tmp:
        general: dict[str, str] = {"master_key": MASTER_KEY}
        if virtual_keys:
            keys = [*virtual_keys, MASTER_KEY]
            (Path(tmp) / "custom_auth.py").write_text(
                f"KEYS_LIST = {keys!r}\n" + _CUSTOM_AUTH, encoding="utf-8"
            )
            general["custom_auth"] = "custom_auth.user_api_key_auth"
        config = {
            "model_list": [d.config() for d in deployments],
            # no retries or fallbacks: each call reaches the deployment once
            "litellm_settings": {"num_retries": 0, "request_timeout": 20, "telemetry": False},
            # and no cool-down: a deployment that failed is tried again on the next call
            "router_settings": {"num_retries": 0, "disable_cooldowns": True},
            "general_settings": general,
        }
        config_path = Path(tmp) / "config.yaml"
        config_path.write_text(yaml.safe_dump(config), encoding="utf-8")
        port = free_port()
        env = {k: v for k, v in os.environ.items() if k not in _PROXY_VARS}
        env.update(
            LITELLM_LOCAL_MODEL_COST_MAP="True",
            LITELLM_TELEMETRY="False",
            DISABLE_ADMIN_UI="True",
            DISABLE_SCHEMA_UPDATE="true",
            NO_PROXY="*",
            no_proxy="*",
        )
        log = Path(tmp) / "proxy.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [
                    executable,
                    "--config",
                    str(config_path),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--num_workers",
                    "1",
                ],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=tmp,
            )
        proxy = LiteLLMProxy(f"http://127.0.0.1:{port}", MASTER_KEY, process, log)
        try:
            _wait_ready(proxy, start_timeout_s)
            yield proxy
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def _wait_ready(proxy: LiteLLMProxy, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    with httpx.Client(timeout=2.0, trust_env=False) as client:
        while time.monotonic() < deadline:
            if proxy.process.poll() is not None:
                raise ProxyUnavailable(
                    f"the LiteLLM proxy exited with {proxy.process.returncode}:\n" + proxy.output()
                )
            with contextlib.suppress(httpx.HTTPError):
                if client.get(proxy.url + "/health/liveliness").status_code == 200:
                    return
            time.sleep(0.5)
    raise ProxyUnavailable(
        f"the LiteLLM proxy did not answer within {timeout_s:.0f} s:\n" + proxy.output()
    )


@contextlib.contextmanager
def litellm_proxy_or_skip(deployments: list[Deployment]) -> Iterator[LiteLLMProxy]:
    """:func:`start_litellm_proxy`, skipping the test (with the reason) if it cannot start."""
    import pytest

    try:
        manager = start_litellm_proxy(deployments)
        proxy = manager.__enter__()
    except ProxyUnavailable as exc:
        pytest.skip(f"real LiteLLM proxy unavailable: {exc}")
    try:
        yield proxy
    finally:
        manager.__exit__(None, None, None)
