"""Named relay setups: a ten-model, three-vendor relay and the faults ``whichlayer probe`` is
tested and benchmarked on. ``SimServer(dialect="relay", relay_setup=relay_setups.get(name))``.
"""

from __future__ import annotations

from whichlayer.simulate.relay import Channel, Setup

#: Ten chat models over three vendors, each vendor one channel with a working key.
OPENAI = Channel("openai-main", "valid", ("gpt-4o-mini", "gpt-4o", "gpt-4.1", "o3-mini"))
ANTHROPIC = Channel(
    "anthropic-main",
    "valid",
    ("claude-haiku-4-5", "claude-sonnet-4-6", "claude-opus-4-6"),
    "anthropic",
)
GEMINI = Channel(
    "gemini-main", "valid", ("gemini-2.0-flash", "gemini-2.5-flash", "gemini-2.5-pro"), "gemini"
)
TEN = (OPENAI, ANTHROPIC, GEMINI)
#: The same Anthropic channel, but the relay's key for it was revoked at Anthropic.
ANTHROPIC_REVOKED = Channel("anthropic-revoked", "revoked", ANTHROPIC.models, "anthropic")
#: The relay's Anthropic account has no credit left.
ANTHROPIC_NO_CREDIT = Channel("anthropic-no-credit", "no_balance", ANTHROPIC.models, "anthropic")
#: Every openai model, for a relay whose openai channel fails however it is asked.
_ALL_OPENAI = tuple((m, "relay_upstream_error") for m in OPENAI.models)

#: A model's pace between stream frames (a healthy stream arrives frame by frame).
_GAP = 0.02
#: The model behind the capability breaks: gpt-4o-mini, a 128k window.
_QUARTER = 128_000 // 4

SETUPS: dict[str, Setup] = {
    "healthy": Setup(TEN, stream_gap_s=_GAP),
    "revoked_channel": Setup((OPENAI, ANTHROPIC_REVOKED, GEMINI)),
    "model_500": Setup(TEN, model_faults=(("gpt-4o", "server_error"),)),
    "tools_500": Setup(TEN, tools_fault="server_error"),
    "large_529": Setup(TEN, model_faults=(("claude-opus-4-6", "overloaded"),)),
    # one-api / new-api replace the message of every 429 with "saturated" (wording.relay)
    "saturated": Setup(TEN, model_faults=tuple((m, "rpm") for m in OPENAI.models)),
    "relay_broken": Setup(TEN, model_faults=_ALL_OPENAI),
    "channel_no_credit": Setup((OPENAI, ANTHROPIC_NO_CREDIT, GEMINI)),
    # capability breaks (whichlayer probe --capabilities); the model itself can do each
    "drops_tools": Setup(TEN, strip_tools=True, stream_gap_s=_GAP),
    "buffers_stream": Setup(TEN, buffer_stream=True, stream_gap_s=_GAP),
    "caps_context": Setup(TEN, context_cap=_QUARTER, stream_gap_s=_GAP),
    "ignores_json": Setup(TEN, ignore_response_format=True, stream_gap_s=_GAP),
    "parallel_2": Setup(TEN, channel_parallel=2, latency_s=0.05, stream_gap_s=_GAP),
    # a model that writes 500 tokens unless max_tokens stops it; a channel that drops the
    # caller's max_tokens, one that forces 16
    "long_answers": Setup(TEN, answer_tokens=500, stream_gap_s=_GAP),
    "drops_max_tokens": Setup(TEN, answer_tokens=500, max_tokens_override=0, stream_gap_s=_GAP),
    "caps_output": Setup(TEN, answer_tokens=500, max_tokens_override=16, stream_gap_s=_GAP),
    "drops_tools_caps_context": Setup(
        TEN, strip_tools=True, context_cap=_QUARTER, stream_gap_s=_GAP
    ),
}


def get(name: str) -> Setup:
    """The named setup, or ValueError naming the known ones."""
    try:
        return SETUPS[name]
    except KeyError:
        raise ValueError(f"unknown relay setup {name!r}; one of {', '.join(SETUPS)}") from None
