"""``whichlayer check``: which key, base URL and protocol each tool uses, and does it work."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from whichlayer.cli import UsageError

if TYPE_CHECKING:
    from whichlayer.check.progress import Progress

#: A process younger than this when ``check`` starts was started to run it.
FRESH_PROCESS_S = 3.0
PROTOCOLS = ("chat_completions", "responses", "messages", "generate_content", "converse")
#: Kept here so that building the parser does not import the check package (a test pins it).
CLIENTS = (
    "openai-python",
    "anthropic-python",
    "azure-openai",
    "google-genai",
    "litellm",
    "bedrock",
    "claude-code",
    "codex",
    "gemini-cli",
    "aider",
)


#: Shown at the end of --help.
EXAMPLES = """\
  whichlayer check --offline
  whichlayer check --client claude-code --no-generate
  whichlayer check --base-url https://relay.example/v1 --api-key-env RELAY_KEY --model gpt-4o-mini
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help="show which key/base URL each client uses, then test DNS, TLS, proxy, auth",
        description="Find every AI client configuration (SDK env vars, Claude Code, Codex, "
        "Gemini CLI, Aider, LiteLLM, Azure, Bedrock), say which key and base URL each really "
        "uses, and test DNS, TCP, proxy, TLS, route, auth and one minimal request.",
    )
    p.add_argument("--base-url", metavar="URL", help="check this base URL")
    keys = p.add_mutually_exclusive_group()
    keys.add_argument("--api-key", metavar="KEY", help="use this key (prefer --api-key-env)")
    keys.add_argument("--api-key-env", metavar="NAME", help="use the key in this variable")
    p.add_argument("--protocol", choices=PROTOCOLS, help="the API protocol to speak")
    p.add_argument("--model", metavar="ID", help="model for the minimal request")
    p.add_argument("--client", metavar="NAME", help="check only this client: " + ", ".join(CLIENTS))
    p.add_argument("--offline", action="store_true", help="no network at all")
    p.add_argument(
        "--trust-base-url", action="store_true",
        help="send the key even to a base URL from a file outside your home and project, "
        "owned by another user, or plain http:// to another machine",
    )  # fmt: skip
    p.add_argument("--no-generate", action="store_true", help="skip the one paid request")
    p.add_argument(
        "--timeout",
        type=float,
        default=15.0,
        metavar="S",
        help="deadline for the whole command, seconds (default 15)",
    )
    p.add_argument("--json", action="store_true", help='print {"targets": [...]} as JSON')
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import os
    import time
    from pathlib import Path

    from whichlayer.check.deadline import process_age

    # --timeout bounds the whole command as the user waits for it: start-up included when
    # this process was started for it (a young process), not when a long-lived one calls us.
    age = process_age()
    started = time.monotonic() - (age if age < FRESH_PROCESS_S else 0.0)

    from whichlayer.check import Context, Plan, Request, client_names, discover
    from whichlayer.check import run as run_checks

    if args.client is not None and args.client not in client_names():
        raise UsageError(f"unknown client {args.client!r}; known: {', '.join(client_names())}")
    if not 0 < args.timeout <= 600:
        raise UsageError("--timeout takes seconds from more than 0 up to 600")
    ctx = Context(dict(os.environ), Path.home(), Path.cwd())
    request = Request(
        args.base_url, args.api_key, args.api_key_env, args.protocol, args.model, args.client,
        trust_base_url=args.trust_base_url,
    )  # fmt: skip
    targets = discover(ctx, request)
    from whichlayer.check.divergent import flag_divergent_keys

    flag_divergent_keys(targets)
    left = max(0.0, args.timeout - (time.monotonic() - started))
    plan = Plan(offline=args.offline, generate=not args.no_generate, timeout_s=left)
    shown = _progress(args.json or args.offline)
    try:
        reports = run_checks(targets, plan, shown)
    finally:
        shown.close()
    dicts = [r.to_dict() for r in reports]
    if not args.offline:
        _consult_status(dicts, args.timeout - (time.monotonic() - started))
    _print(dicts, args.json)
    return 0 if all(r.healthy for r in reports) else 1


def _progress(quiet: bool) -> Progress:
    """Live progress on stderr: a rich live table on a terminal, plain lines when piped,
    nothing with --json (or --offline, where nothing waits)."""
    import sys

    from whichlayer.check.progress import LineProgress, LiveProgress, NullProgress

    if quiet or sys.stderr is None:
        return NullProgress()
    isatty = getattr(sys.stderr, "isatty", None)
    if isatty is not None and isatty():
        from rich.console import Console

        return LiveProgress(Console(stderr=True, highlight=False))
    return LineProgress(sys.stderr)


def _consult_status(reports: list[dict[str, Any]], left: float) -> None:
    """An upstream verdict asks the provider's own status page, within what is left of
    the deadline: a declared incident means wait; none points at load, a channel or the
    request itself."""
    import time
    from urllib.parse import urlsplit

    from whichlayer.status import for_verdict

    started = time.monotonic()
    for report in reports:
        verdict = report.get("verdict")
        if not isinstance(verdict, dict):
            continue
        base = report.get("base_url")
        host = urlsplit(base["value"]).hostname if isinstance(base, dict) else None
        status = for_verdict(
            verdict.get("layer"),
            verdict.get("origin"),
            host,
            protocol=str(report.get("protocol")),
            left=left - (time.monotonic() - started),
        )
        if status is not None:
            report["status_page"] = status.to_dict()
            verdict["action"] = status.ahead_of(verdict.get("action"))


def _print(reports: list[dict[str, object]], as_json: bool) -> None:
    from whichlayer.cli._io import json_text, use_color, write_text
    from whichlayer.redact import neutralize_data, redact_data

    safe = redact_data(reports)
    if as_json:
        write_text(json_text({"targets": safe}))
        return
    safe = neutralize_data(safe)  # no terminal control character reaches the screen
    if use_color():
        from whichlayer.check import render

        render.terminal(safe)
    else:
        from whichlayer.check import render

        write_text(render.text(safe))
