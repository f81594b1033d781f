"""What the machine says about itself: client and SDK versions, proxy and base-URL settings.

Reading package versions is cheap (``importlib.metadata``). Command-line tools
are asked for ``--version`` only if they are on ``PATH``, all at once, each
with a deadline; one that is slow or fails is left out, never waited for.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata

#: Python distributions whose version helps a diagnosis (SDKs, HTTP stacks, gateways).
PACKAGES = (
    "openai", "anthropic", "httpx2", "httpx", "httpcore", "google-genai", "google-generativeai",
    "litellm", "mistralai", "groq", "cohere", "boto3", "botocore", "aiohttp", "requests",
    "urllib3", "certifi", "langchain-openai", "langchain-anthropic", "llama-index-core",
    "openai-agents", "pydantic-ai", "instructor", "aider-chat", "whichlayer",
)  # fmt: skip
#: AI command-line tools asked for their version.
CLIS = ("claude", "codex", "gemini", "aider", "opencode", "llm")
#: Seconds a CLI may take to print its version.
CLI_TIMEOUT_S = 3.0
#: Proxy variables read by httpx, requests, curl and Node (with NODE_USE_ENV_PROXY).
PROXY_VARS = (
    "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy",
    "NO_PROXY", "no_proxy", "NODE_USE_ENV_PROXY", "SSL_CERT_FILE", "SSL_CERT_DIR",
    "REQUESTS_CA_BUNDLE", "NODE_EXTRA_CA_CERTS",
)  # fmt: skip
#: Variables that move a client to another base URL (a relay or gateway when not first-party).
BASE_URL_VARS = (
    "OPENAI_BASE_URL", "OPENAI_API_BASE", "ANTHROPIC_BASE_URL", "ANTHROPIC_BEDROCK_BASE_URL",
    "ANTHROPIC_VERTEX_BASE_URL", "AZURE_OPENAI_ENDPOINT", "GOOGLE_GEMINI_BASE_URL",
    "GEMINI_BASE_URL", "OPENROUTER_BASE_URL", "LITELLM_PROXY_API_BASE", "OLLAMA_HOST",
)  # fmt: skip


def package_versions(names: tuple[str, ...] = PACKAGES) -> dict[str, str]:
    """Installed versions of the packages in ``names`` (missing ones left out)."""
    found: dict[str, str] = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found


def _cli_version(path: str) -> str | None:
    try:
        done = subprocess.run(
            [path, "--version"],
            capture_output=True,
            text=True,
            timeout=CLI_TIMEOUT_S,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0][:120] if done.returncode == 0 and lines else None


def cli_versions(names: tuple[str, ...] = CLIS) -> dict[str, str]:
    """``--version`` of the AI CLIs on PATH, asked in parallel, each within CLI_TIMEOUT_S."""
    paths = {name: shutil.which(name) for name in names}
    present = {name: path for name, path in paths.items() if path}
    if not present:
        return {}
    with ThreadPoolExecutor(max_workers=len(present)) as pool:
        versions = dict(zip(present, pool.map(_cli_version, present.values()), strict=True))
    return {name: v for name, v in versions.items() if v}


def settings(environ: Mapping[str, str], names: tuple[str, ...]) -> dict[str, str]:
    """The variables of ``names`` that are set (values are redacted later, with the rest)."""
    return {name: environ[name] for name in names if name in environ}


def describe_machine(
    environ: Mapping[str, str] | None = None, *, probe_clis: bool = True
) -> dict[str, object]:
    """The machine part of the evidence bundle."""
    env = os.environ if environ is None else environ
    return {
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()} ({platform.machine()})",
        "executable": os.path.basename(sys.executable),
        "packages": package_versions(),
        "clis": cli_versions() if probe_clis else {},
        "proxy_settings": settings(env, PROXY_VARS),
        "base_url_settings": settings(env, BASE_URL_VARS),
    }
