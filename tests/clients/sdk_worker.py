"""A Python SDK call as a user's script makes it; prints what the uncaught exception prints.

Run by tests/clients/harness.py as ``python sdk_worker.py SDK``: one interpreter per worker (the
SDK is imported once), one JSON job per stdin line, one JSON result per stdout line::

    {"sdk": "openai", "base_url": "...", "key": "sim-..." | null, "ca": "/path.pem" | null,
     "timeout_s": 8}
    -> {"answered": "the text", "printed": ""}  or  {"answered": null, "printed": "Traceback..."}

``printed`` is exactly what Python writes to stderr for the uncaught exception
(``traceback.format_exception``), after whatever the SDK itself printed to stdout during the
call (litellm prints its own hint lines there). The SDKs' own retries are off (max_retries=0)
so a run takes one request; what they print after retries is the same exception.
"""

from __future__ import annotations

import contextlib
import io
import json
import ssl
import sys
import traceback
import warnings
from typing import Any

MODEL = {
    "openai": "gpt-4o-mini",
    "anthropic": "claude-haiku-4-5",
    "google-genai": "gemini-2.5-flash",
    "litellm": "openai/gpt-4o-mini",
}
HI = [{"role": "user", "content": "say hi"}]


def _client(sdk: Any, ca: str | None, timeout: float) -> dict[str, Any]:
    """Trust the simulator's CA where a test names one (the SDK's own HTTP client class)."""
    if not ca:
        return {}
    return {"http_client": sdk.DefaultHttpxClient(verify=ssl.create_default_context(cafile=ca))}


def call(job: dict[str, Any]) -> str:
    """One request with the SDK, configured the usual way; the answer's text."""
    sdk, key, base, timeout = job["sdk"], job["key"], job["base_url"], float(job["timeout_s"])
    if sdk == "openai":
        import openai

        with openai.OpenAI(
            base_url=base,
            api_key=key,
            max_retries=0,
            timeout=timeout,
            **_client(openai, job["ca"], timeout),
        ) as client:
            answer = client.chat.completions.create(model=MODEL[sdk], messages=HI)  # type: ignore[arg-type]
            return str(answer.choices[0].message.content)
    if sdk == "anthropic":
        import anthropic

        with anthropic.Anthropic(
            base_url=base,
            api_key=key,
            max_retries=0,
            timeout=timeout,
            **_client(anthropic, job["ca"], timeout),
        ) as ant:
            msg = ant.messages.create(model=MODEL[sdk], max_tokens=256, messages=HI)  # type: ignore[arg-type]
            return "".join(getattr(block, "text", "") for block in msg.content)
    if sdk == "google-genai":
        from google import genai
        from google.genai import types

        args: dict[str, Any] = {"verify": job["ca"]} if job["ca"] else {}
        options = types.HttpOptions(
            base_url=base, timeout=int(timeout * 1000), client_args=args, retry_options=None
        )
        with genai.Client(api_key=key, http_options=options) as client:
            answer = client.models.generate_content(model=MODEL[sdk], contents="say hi")
            return str(answer.text)
    if sdk == "litellm":
        import litellm

        extra: dict[str, Any] = {"ssl_verify": job["ca"]} if job["ca"] else {}
        reply = litellm.completion(
            model=MODEL[sdk],
            messages=HI,
            api_base=base,
            api_key=key,
            timeout=timeout,
            max_retries=0,
            num_retries=0,
            **extra,
        )
        return str(reply.choices[0].message.content)  # type: ignore[union-attr]
    raise ValueError(f"unknown sdk {sdk!r}")


def main(sdk: str) -> int:
    warnings.simplefilter("ignore")  # an SDK's deprecation notes are not what a failure prints
    real_stdout = sys.stdout
    with contextlib.redirect_stdout(io.StringIO()):  # import once, before the first job
        __import__({"google-genai": "google.genai"}.get(sdk, sdk))
    real_stdout.write(json.dumps({"ready": sdk}) + "\n")
    real_stdout.flush()
    for line in sys.stdin:
        job = json.loads(line)
        said = io.StringIO()
        answered: str | None = None
        printed = ""
        try:
            with contextlib.redirect_stdout(said):
                answered = call(job)
        except Exception as exc:  # the failure a user's script would die of
            printed = "".join(traceback.format_exception(exc))
        out = {"answered": answered, "printed": (said.getvalue() + printed).strip()}
        real_stdout.write(json.dumps(out) + "\n")
        real_stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
