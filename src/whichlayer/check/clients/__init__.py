"""One module per client: each returns the targets that client would really use.

Every function takes a :class:`~whichlayer.check.model.Context` (environment,
home, cwd injectable) and returns ``list[Target]``, empty when the client is
not configured. Comments cite the row ids of shared/reference/clients-and-keys.md.
"""

from __future__ import annotations

from collections.abc import Callable

from whichlayer.check.model import Context, Target

Discoverer = Callable[[Context], list[Target]]


def all_discoverers() -> dict[str, Discoverer]:
    """Client name -> discovery function, in the order reports list them."""
    from whichlayer.check.clients import aider, claude_code, codex, gemini_cli, sdk

    return {
        "openai-python": sdk.openai_python,
        "anthropic-python": sdk.anthropic_python,
        "azure-openai": sdk.azure_openai,
        "google-genai": sdk.google_genai,
        "litellm": sdk.litellm,
        "bedrock": sdk.bedrock,
        "claude-code": claude_code.discover,
        "codex": codex.discover,
        "gemini-cli": gemini_cli.discover,
        "aider": aider.discover,
    }
