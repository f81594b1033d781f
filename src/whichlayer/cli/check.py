"""``whichlayer check``: which key, base URL and protocol each tool uses, and does it work."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from whichlayer.cli import UsageError

if TYPE_CHECKING:
    from whichlayer.check.progress import Progress

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

    started = time.monotonic()  # --timeout bounds the whole command, discovery included

    from whichlayer.check import Context, Plan, Request, client_names, discover
    from whichlayer.check import run as run_checks

    if args.client is not None and args.client not in client_names():
        raise UsageError(f"unknown client {args.client!r}; known: {', '.join(client_names())}")
    if not 0 < args.timeout <= 600:
        raise UsageError("--timeout takes seconds from more than 0 up to 600")
    ctx = Context(dict(os.environ), Path.home(), Path.cwd())
    request = Request(
        args.base_url, args.api_key, args.api_key_env, args.protocol, args.model, args.client
    )
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
    _print([r.to_dict() for r in reports], args.json)
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


def _print(reports: list[dict[str, object]], as_json: bool) -> None:
    from whichlayer.cli._io import use_color, write_text
    from whichlayer.redact import redact_data

    safe = redact_data(reports)
    if as_json:
        write_text(json.dumps({"targets": safe}, indent=2, ensure_ascii=False) + "\n")
    elif use_color():
        from whichlayer.check import render

        render.terminal(safe)
    else:
        from whichlayer.check import render

        write_text(render.text(safe))
