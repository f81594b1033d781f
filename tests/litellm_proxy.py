"""A real LiteLLM proxy (``litellm[proxy]``, from the ``test`` extra) on 127.0.0.1, for tests.

    from litellm_proxy import Deployment, start_litellm_proxy

    with SimServer("openai") as sim, start_litellm_proxy([
        Deployment("gpt", sim.base_url(), sim.keys["valid"]),
        Deployment("gpt-429", sim.base_url(), sim.keys["valid"], scenario="rpm"),
    ]) as proxy:
        client = openai.OpenAI(base_url=proxy.url, api_key=proxy.master_key, max_retries=0)

Each deployment is an OpenAI-compatible upstream (usually the project's simulator); a
``scenario`` is sent to the simulator as its ``x-sim-scenario`` header on every call the
proxy makes. The proxy never reaches the network: the model cost map is the local copy
(``LITELLM_LOCAL_MODEL_COST_MAP``), telemetry is off, proxy variables are cleared, and it has
no database (only the master key is accepted). Start-up is bounded (``start_timeout_s``);
when the proxy cannot start, :func:`start_litellm_proxy` raises :class:`ProxyUnavailable`
with the reason and the proxy's last output, and :func:`litellm_proxy_or_skip` turns that
into a pytest skip with the same message.
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
START_TIMEOUT_S = 80.0
_PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


class ProxyUnavailable(RuntimeError):
    """The LiteLLM proxy could not be started (not installed, or did not come up in time)."""


@dataclass(frozen=True)
class Deployment:
    """One model group of the proxy, served by one OpenAI-compatible deployment."""

    name: str
    api_base: str
    api_key: str
    model: str = "gpt-4o-mini"
    scenario: str | None = None

    def config(self) -> dict[str, object]:
        params: dict[str, object] = {
            "model": f"openai/{self.model}",
            "api_base": self.api_base,
            "api_key": self.api_key,
        }
        if self.scenario:
            params["extra_headers"] = {"x-sim-scenario": self.scenario}
        return {"model_name": self.name, "litellm_params": params}


@dataclass
class LiteLLMProxy:
    url: str
    master_key: str
    process: subprocess.Popen[bytes]
    log: Path

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


def _executable() -> str:
    beside = Path(sys.executable).parent / "litellm"
    found = str(beside) if beside.exists() else shutil.which("litellm")
    if not found:
        raise ProxyUnavailable("litellm is not installed (pip install -e '.[test]')")
    return found


@contextlib.contextmanager
def start_litellm_proxy(
    deployments: list[Deployment], *, start_timeout_s: float = START_TIMEOUT_S
) -> Iterator[LiteLLMProxy]:
    """Run a LiteLLM proxy in front of ``deployments`` until the block ends."""
    executable = _executable()
    with tempfile.TemporaryDirectory(prefix="whichlayer-litellm-") as tmp:
        config = {
            "model_list": [d.config() for d in deployments],
            # no retries or fallbacks: each call reaches the deployment once
            "litellm_settings": {"num_retries": 0, "request_timeout": 20, "telemetry": False},
            # and no cool-down: a deployment that failed is tried again on the next call
            "router_settings": {"num_retries": 0, "disable_cooldowns": True},
            "general_settings": {"master_key": MASTER_KEY},
        }
        config_path = Path(tmp) / "config.yaml"
        config_path.write_text(yaml.safe_dump(config), encoding="utf-8")
        port = free_port()
        env = {k: v for k, v in os.environ.items() if k not in _PROXY_VARS}
        env.update(
            LITELLM_LOCAL_MODEL_COST_MAP="True",
            LITELLM_TELEMETRY="False",
            DISABLE_ADMIN_UI="True",
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
