"""``whichlayer shrink``: cut a failing request down to the part that breaks it."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any
from urllib.parse import urlsplit

from whichlayer.cli import UsageError

PROTOCOLS = ("chat_completions", "responses", "messages", "generate_content")
#: Where each protocol's request goes, under its base URL.
ENDPOINT = {
    "chat_completions": "/chat/completions",
    "responses": "/responses",
    "messages": "/v1/messages",
    "generate_content": "/v1beta/models/{model}:generateContent",
}
#: protocol -> (the variable naming its base URL, the provider module whose base is the default)
DEFAULT_BASE = {
    "chat_completions": ("OPENAI_BASE_URL", "openai"),
    "responses": ("OPENAI_BASE_URL", "openai"),
    "messages": ("ANTHROPIC_BASE_URL", "anthropic"),
    "generate_content": ("GOOGLE_GEMINI_BASE_URL", "gemini"),
}
KEY_ENV = {
    "chat_completions": ("OPENAI_API_KEY",),
    "responses": ("OPENAI_API_KEY",),
    "messages": ("ANTHROPIC_API_KEY",),
    "generate_content": ("GEMINI_API_KEY", "GOOGLE_API_KEY"),
}
EXAMPLES = """examples:
  whichlayer shrink --request body.json --base-url http://127.0.0.1:8765/v1 --api-key-env KEY
  pbpaste | whichlayer shrink --request -          # a curl command as copied from a tool's log
  whichlayer shrink --request body.json --protocol messages --json -o minimal.json
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "shrink",
        help="cut a failing request down to the part that makes it fail",
        description="Replay a failing request (a JSON body or a curl command), then drop tools, "
        "turns, content blocks, parameters and schema parts while it still fails the same way "
        "(same layer and cause), and say which part breaks it. Every candidate stays a valid "
        "request of its protocol.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--request", required=True, metavar="FILE", help="JSON body or curl command; - for stdin"
    )
    p.add_argument("--base-url", metavar="URL", help="send to this base URL (e.g. .../v1)")
    keys = p.add_mutually_exclusive_group()
    keys.add_argument("--api-key", metavar="KEY", help="use this key (prefer --api-key-env)")
    keys.add_argument("--api-key-env", metavar="NAME", help="use the key in this variable")
    p.add_argument(
        "--protocol", choices=PROTOCOLS, help="guessed from the path and body if not given"
    )
    p.add_argument("--model", metavar="ID", help="model for Gemini paths when the body names none")
    p.add_argument(
        "--max-requests", type=int, default=40, metavar="N", help="most requests sent (default 40)"
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        metavar="S",
        help="deadline for the run (default 300)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write the minimal request here")
    p.add_argument(
        "--include-prompt",
        action="store_true",
        help="keep prompt text in the output (secrets are masked always)",
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=run)


class _Target:
    def __init__(self, url: str, headers: dict[str, str], body: dict[str, Any], protocol: str):
        self.url, self.headers, self.body, self.protocol = url, headers, body, protocol


def run(args: argparse.Namespace) -> int:
    if not 3 <= args.max_requests <= 1000:
        raise UsageError("--max-requests must be between 3 and 1000")
    if not 0 < args.timeout <= 3600:
        raise UsageError("--timeout must be between 0 and 3600 seconds")
    target = _target(args)

    from whichlayer.redact import redact_text
    from whichlayer.shrink import ShrinkError, shrink
    from whichlayer.shrink.wire import HttpSender

    host = urlsplit(target.url).netloc
    print(
        f"whichlayer shrink: {target.protocol} request to {redact_text(host)}; will send at most "
        f"{args.max_requests} requests (2 replays, then candidates), deadline {args.timeout:g} s; "
        "Ctrl-C prints the best result so far",
        file=sys.stderr,
    )
    sender = HttpSender(target.url, target.headers)
    sender.timeout_s = min(60.0, args.timeout)
    sender.deadline = time.monotonic() + args.timeout
    progress = _progress(args.max_requests) if sys.stderr.isatty() else None
    try:
        result = shrink(
            target.body,
            sender,
            protocol=target.protocol,
            path=urlsplit(target.url).path,
            max_requests=args.max_requests,
            timeout_s=args.timeout,
            on_send=progress,
        )
    except ShrinkError as exc:
        print(f"whichlayer shrink: {redact_text(str(exc))}", file=sys.stderr)
        return 1
    finally:
        sender.close()
        if progress is not None:
            sys.stderr.write("\r\033[K")
    _write(result, args)
    if result.stopped and result.stopped.startswith("interrupted"):
        return 130
    return 0 if result.complete else 1


def _progress(most: int) -> Any:
    def show(n: int) -> None:
        sys.stderr.write(f"\r  request {n}/{most}")
        sys.stderr.flush()

    return show


def _target(args: argparse.Namespace) -> _Target:
    from whichlayer.shrink.curl import CurlError, looks_like_curl, parse
    from whichlayer.shrink.shape import guess_protocol

    raw = _read(args.request)
    headers: dict[str, str] = {}
    url: str | None = None
    if looks_like_curl(raw):
        try:
            req = parse(raw)
        except CurlError as exc:
            raise UsageError(str(exc)) from None
        if req.body is None:
            raise UsageError("the curl command sends no body (-d/--data): nothing to shrink")
        url, headers, text = req.url, req.headers, req.body
    else:
        text = raw
    try:
        body = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"the request body is not JSON: {exc.msg} at line {exc.lineno}") from None
    if not isinstance(body, dict):
        raise UsageError("the request body must be a JSON object")
    protocol = args.protocol or guess_protocol(body, urlsplit(url).path if url else "")
    if args.base_url:
        url = _join(args.base_url, protocol, body, args.model)
    if url is None:
        from whichlayer.providers import api_base

        env, provider = DEFAULT_BASE[protocol]
        url = _join(os.environ.get(env) or api_base(provider), protocol, body, args.model)
    if not url.startswith(("http://", "https://")):
        raise UsageError(f"the URL must start with http:// or https://: {url[:80]}")
    key = _key(args, protocol)
    if key is not None:
        headers = {k: v for k, v in headers.items() if k.lower() not in _KEY_HEADERS}
        headers.update(_auth(protocol, key))
    elif not any(k.lower() in _KEY_HEADERS for k in headers) and "key=" not in url:
        names = " or ".join(KEY_ENV[protocol])
        raise UsageError(f"no API key: set {names}, or use --api-key-env NAME")
    if protocol == "messages":
        headers.setdefault("anthropic-version", "2023-06-01")
    return _Target(url, headers, body, protocol)


_KEY_HEADERS = ("authorization", "x-api-key", "x-goog-api-key", "api-key")


def _key(args: argparse.Namespace, protocol: str) -> str | None:
    if args.api_key:
        return str(args.api_key)
    if args.api_key_env:
        value = os.environ.get(args.api_key_env)
        if not value:
            raise UsageError(f"the variable {args.api_key_env} is not set or empty")
        return value
    for name in KEY_ENV[protocol]:
        if os.environ.get(name):
            return os.environ[name]
    return None


def _auth(protocol: str, key: str) -> dict[str, str]:
    if protocol == "messages":
        return {"x-api-key": key}
    if protocol == "generate_content":
        return {"x-goog-api-key": key}
    return {"Authorization": f"Bearer {key}"}


def _join(base: str, protocol: str, body: dict[str, Any], model: str | None) -> str:
    base = base.rstrip("/")
    path = ENDPOINT[protocol]
    if protocol == "messages" and base.endswith("/v1"):
        path = "/messages"
    if protocol == "generate_content":
        name = model or body.get("model")
        if not name:
            raise UsageError("a Gemini request needs --model (the body names no model)")
        path = path.format(model=str(name).removeprefix("models/"))
    return base + path


def _read(source: str) -> str:
    from whichlayer.cli._io import MAX_INPUT_BYTES

    if source == "-":
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageError("--request - reads stdin: pipe the body or curl command in")
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES)
    else:
        try:
            with open(source, "rb") as handle:
                data = handle.read(MAX_INPUT_BYTES)
        except OSError as exc:
            raise UsageError(f"cannot read {source}: {exc.strerror or exc}") from None
    text = data.decode("utf-8", "replace").strip()
    if not text:
        raise UsageError("the request is empty")
    return text


def _write(result: Any, args: argparse.Namespace) -> None:
    from whichlayer.cli._io import write_text
    from whichlayer.redact import redact_data, redact_text

    keep = bool(args.include_prompt)
    if args.output:
        minimal = redact_data(result.minimal, keep_prompt=keep)
        write_text(json.dumps(minimal, indent=2, ensure_ascii=False) + "\n", args.output)
    if args.json:
        data = redact_data(result.to_dict(), keep_prompt=keep)
        write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    sig = result.signature
    lines = [
        f"Failure   {sig.layer}/{sig.cause} (HTTP {sig.status}): {sig.message}",
        f"Finding   {result.sentence}",
    ]
    for c in result.culprits:
        lines.append(f"  culprit {c.path}: {c.why}")
    if result.stopped:
        lines.append(f"Stopped   {result.stopped}")
    lines.append(
        f"Requests  {result.requests_sent} sent; request cut from {result.original_bytes:,} to "
        f"{result.minimal_bytes:,} bytes"
    )
    lines.append("")
    lines.append("Minimal failing request:")
    lines.append(json.dumps(redact_data(result.minimal, keep_prompt=keep), indent=2))
    if result.passing_neighbour is not None:
        lines.append("")
        lines.append("Closest passing neighbour (sent, answered without this failure):")
        lines.append(json.dumps(redact_data(result.passing_neighbour, keep_prompt=keep), indent=2))
    if args.output:
        lines.append("")
        lines.append(f"Wrote the minimal request to {args.output}")
    write_text(redact_text("\n".join(lines), keep_prompt=True) + "\n")
