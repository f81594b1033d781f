"""The demo: real failing calls through the real SDKs against the simulator, each diagnosed.

Two simulators on loopback (a provider speaking OpenAI and Anthropic, and a
new-api relay in front of a simulated OpenAI) and eight calls, each failing
for a different real reason. No network, no real keys.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from whichlayer.simulate._server import SimServer
from whichlayer.simulate.limits import Limits

#: Client timeout for every demo call; the read-timeout case stalls longer than this.
CLIENT_TIMEOUT_S = 2.0
READ_TIMEOUT_S = 0.5
MESSAGE: Any = [{"role": "user", "content": "Say hello."}]


@dataclass(slots=True)
class Case:
    title: str
    call: str  # what was called, for the reader
    expected: tuple[str, str]  # the layer and cause this failure really is
    run: Callable[[], object]


@dataclass(slots=True)
class Outcome:
    case: Case
    error: BaseException | None
    diagnosis: dict[str, Any] | None
    seconds: float


def cases(provider: SimServer, relay: SimServer) -> list[Case]:
    import anthropic
    import openai

    def oa(base: str, key: str, timeout: float = CLIENT_TIMEOUT_S) -> openai.OpenAI:
        return openai.OpenAI(base_url=base, api_key=key, max_retries=0, timeout=timeout)

    def chat(client: openai.OpenAI, model: str = "gpt-4o-mini", text: str = "Say hello.") -> object:
        return client.chat.completions.create(
            model=model, messages=[{"role": "user", "content": text}]
        )

    ant_key = provider.keys_for("anthropic")["valid"]
    ant = anthropic.Anthropic(
        base_url=provider.base_url("anthropic"),
        api_key=ant_key,
        max_retries=0,
        timeout=CLIENT_TIMEOUT_S,
    )
    prov, rel = provider.base_url("openai"), relay.base_url("relay")
    page = "lorem ipsum " * 1_000  # ~3,000 tokens; the TPM limit below is 5,000

    def tpm() -> object:
        client = oa(prov, provider.keys["valid"])
        chat(client, "gpt-4o", page)
        return chat(client, "gpt-4o", page)

    return [
        Case(
            "A relay token the relay does not know",
            f"POST {rel}/chat/completions (openai SDK, unknown relay token)",
            ("identity", "key_invalid"),
            lambda: chat(oa(rel, relay.keys["unknown"])),
        ),
        Case(
            "A good relay token, but the relay's own key upstream is wrong",
            f"POST {rel}/chat/completions model=gpt-4.1 (openai SDK)",
            ("identity", "upstream_key_invalid"),
            lambda: chat(oa(rel, relay.keys["valid"]), "gpt-4.1"),
        ),
        Case(
            "No credit left, answered as a 429",
            f"POST {prov}/chat/completions (openai SDK, account without credit)",
            ("quota", "insufficient_balance"),
            lambda: chat(oa(prov, provider.keys["no_balance"])),
        ),
        Case(
            "Tokens per minute used up by the previous request",
            f"POST {prov}/chat/completions model=gpt-4o, twice (openai SDK)",
            ("rate_limit", "tpm"),
            tpm,
        ),
        Case(
            "A prompt longer than the context window",
            f"POST {provider.url}/v1/messages ~212k tokens (anthropic SDK)",
            ("request", "context_length"),
            lambda: ant.messages.create(
                model="claude-sonnet-4-6",
                max_tokens=256,
                messages=[{"role": "user", "content": "x" * 850_000}],
            ),
        ),
        Case(
            "A base URL without /v1",
            f"POST {provider.url}/chat/completions (openai SDK, base_url={provider.url})",
            ("request", "endpoint_mismatch"),
            lambda: chat(oa(provider.url, provider.keys["valid"])),
        ),
        Case(
            "The provider is overloaded (529)",
            f"POST {provider.url}/v1/messages (anthropic SDK)",
            ("upstream", "overloaded"),
            lambda: ant.messages.create(
                model="claude-sonnet-4-6",
                max_tokens=256,
                messages=MESSAGE,
                extra_headers={"x-sim-scenario": "overloaded"},
            ),
        ),
        Case(
            "The server never answers (client timeout 0.5 s)",
            f"POST {prov}/chat/completions (openai SDK, timeout=0.5)",
            ("network", "read_timeout"),
            lambda: oa(prov, provider.keys["valid"], READ_TIMEOUT_S).chat.completions.create(
                model="gpt-4o-mini",
                messages=MESSAGE,
                extra_headers={"x-sim-scenario": "read_timeout"},
            ),
        ),
    ]


def run() -> list[Outcome]:
    """Start both simulators, make every call, diagnose each failure, stop."""
    from whichlayer._explain import explain

    provider = SimServer("openai", limits=Limits(tpm=5_000), stall_s=5.0)
    relay = SimServer("relay:new-api", stall_s=5.0)
    outcomes: list[Outcome] = []
    with provider, relay:
        for case in cases(provider, relay):
            started = time.monotonic()
            error: BaseException | None = None
            try:
                case.run()
            except Exception as exc:  # the point of the demo: every call fails
                error = exc
            diagnosis = explain(error).to_dict() if error is not None else None
            outcomes.append(Outcome(case, error, diagnosis, time.monotonic() - started))
    return outcomes
