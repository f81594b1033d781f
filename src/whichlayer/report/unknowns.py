"""The checklist of what the evidence does not say yet, each with how to find it out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def unknowns(
    evidence: Mapping[str, Any] | None,
    diagnosis: Mapping[str, Any] | None,
    checks: list[dict[str, Any]] | None,
    *,
    has_time: bool = False,
) -> list[str]:
    """What a support engineer would still ask, as questions with a way to answer them."""
    ev = evidence or {}
    d = diagnosis or {}
    todo: list[str] = []
    if evidence is None:
        todo.append(
            "The error itself (none given, or it could not be read): paste it to "
            "`whichlayer report` (TEXT, `-` or `--file`)."
        )
    else:
        if ev.get("status") is None and not ev.get("transport"):
            todo.append(
                "The HTTP status: not in the paste. Re-run with the SDK's debug log "
                "(`OPENAI_LOG=debug`, `ANTHROPIC_LOG=debug`) or paste the full error."
            )
        answered = ev.get("status") is not None or not ev.get("transport")
        if not ev.get("request_ids") and answered:  # no response, no request id to ask for
            todo.append(
                "A request id: none seen. Log the response header (`x-request-id` for OpenAI, "
                "`request-id` for Anthropic, `apim-request-id` for Azure) and quote it."
            )
        if not ev.get("host"):
            todo.append("The base URL the client really called: run `whichlayer check`.")
        if not ev.get("path"):
            todo.append("The endpoint path (`/v1/chat/completions`, `/v1/messages`, ...).")
        if not (ev.get("model") or d.get("model")):
            todo.append("The model id that was sent.")
        if not ev.get("client"):
            todo.append("Which tool or SDK printed the error, and its version.")
        if not has_time and "date" not in (ev.get("headers") or {}):
            todo.append("When it failed (UTC), and whether it still fails now.")
    if d.get("origin") in (None, "unknown"):
        todo.append(
            "Which party produced the error: the client, a proxy, a gateway, a relay "
            "or the provider."
        )
    if d.get("cause") in (None, "unknown"):
        todo.append("The cause within the layer: the error body's type/code usually tells it.")
    parties = {r.get("party") for r in ev.get("request_ids") or []}
    if d.get("origin") == "relay" or "relay" in parties:
        todo.append(
            "The upstream provider's request id: ask the relay operator for their log line."
        )
    if not checks:
        todo.append(
            "Whether the key and base URL the client reads fit each other: "
            "`whichlayer check --json > check.json`, then `whichlayer report --from check.json`."
        )
    return todo
