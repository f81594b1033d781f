"""``whichlayer probe``: the article's experiments in a few tiny requests; who owns the fix."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from whichlayer.cli import UsageError

PROTOCOLS = ("chat_completions", "responses", "messages", "generate_content")
EXAMPLES = """examples:
  whichlayer probe --base-url https://relay.example/v1 --api-key-env RELAY_KEY
  whichlayer probe --base-url http://127.0.0.1:3000/v1 --api-key-env RELAY_KEY --model gpt-4o \\
      --direct-base-url https://api.openai.com/v1 --direct-key-env OPENAI_API_KEY
  whichlayer probe --client claude-code --request failing.json --json > probe.json
  whichlayer probe --base-url http://127.0.0.1:3000/v1 --api-key-env RELAY_KEY --model gpt-4o-mini \
      --capabilities tools,context,stream --max-tokens-total 150000
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "probe",
        help="run the relay-or-upstream experiments in a few tiny requests; say who owns the fix",
        description="Send a handful of tiny requests chosen from the first outcome (an "
        "identity/ownership matrix across vendors, the 5xx ladder, the 429 split) and say "
        "which layer failed and who owns the fix: you, your relay account, the relay's "
        "upstream channel, the provider, or the network path. The plan is printed before "
        "anything is sent. Exit 0 healthy, 1 fault located, 2 usage error, 3 inconclusive.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--base-url", metavar="URL", help="probe this base URL (a relay or a provider)")
    keys = p.add_mutually_exclusive_group()
    keys.add_argument("--api-key", metavar="KEY", help="use this key (prefer --api-key-env)")
    keys.add_argument("--api-key-env", metavar="NAME", help="use the key in this variable")
    p.add_argument("--protocol", choices=PROTOCOLS, help="the API protocol to speak")
    p.add_argument(
        "--model",
        metavar="ID",
        help="the model that fails (default: from --request, or the cheapest of the listing)",
    )
    p.add_argument("--client", metavar="NAME", help="probe the setup of this client (as check)")
    p.add_argument(
        "--models",
        metavar="A,B,...",
        help="models to compare (default: from the listing, one per vendor, cheapest)",
    )
    p.add_argument(
        "--direct-base-url",
        metavar="URL",
        help="the same call without the relay or gateway (the 'direct' arm)",
    )
    p.add_argument("--direct-key-env", metavar="NAME", help="the variable holding the direct key")
    p.add_argument(
        "--request", metavar="FILE", help="your failing request: a JSON body or a curl command line"
    )
    p.add_argument(
        "--max-requests",
        type=int,
        default=None,
        metavar="N",
        help="never send more than N requests (default 12; 40 with --capabilities)",
    )
    p.add_argument(
        "--capabilities",
        nargs="?",
        const="all",
        metavar="LIST",
        help="also test what the real task needs: stream,tools,json,vision,context,"
        "concurrency,long_output (default: all that apply to the protocol)",
    )
    p.add_argument(
        "--max-tokens-total",
        type=int,
        default=None,
        metavar="N",
        help="with --capabilities: never send more than about N tokens in all, prompts and "
        "asked output (default 150000; the context search takes what the others leave)",
    )
    p.add_argument(
        "--context-window",
        type=int,
        default=None,
        metavar="N",
        help="with --capabilities: the model's documented context window, when not known",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="S",
        help="deadline for the whole command, seconds (default 30)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help='print {"target", "plan", "results", "verdict", "requests_sent"}',
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import os
    from pathlib import Path

    from whichlayer.check import Context, Request, client_names, discover

    if args.max_requests is None:
        args.max_requests = 12 if args.capabilities is None else 40
    if args.max_tokens_total is not None and args.capabilities is None:
        raise UsageError("--max-tokens-total goes with --capabilities")
    if args.max_tokens_total is not None and not 1000 <= args.max_tokens_total <= 10_000_000:
        raise UsageError("--max-tokens-total must be between 1000 and 10000000")
    if args.context_window is not None and not 1000 <= args.context_window <= 100_000_000:
        raise UsageError("--context-window must be between 1000 and 100000000")
    if not 1 <= args.max_requests <= 100:
        raise UsageError("--max-requests must be between 1 and 100")
    if not 0 < args.timeout <= 600:
        raise UsageError("--timeout must be between 0 and 600 seconds")
    if args.client is not None and args.client not in client_names():
        raise UsageError(f"unknown client {args.client!r}; known: {', '.join(client_names())}")
    if (args.direct_base_url is None) != (args.direct_key_env is None):
        raise UsageError("--direct-base-url and --direct-key-env go together")
    body = _request_body(args.request)
    models = [m.strip() for m in (args.models or "").split(",") if m.strip()]
    ctx = Context(dict(os.environ), Path.home(), Path.cwd())
    req = Request(
        args.base_url, args.api_key, args.api_key_env, args.protocol, args.model, args.client
    )
    target = _pick(discover(ctx, req), "no client configuration found: give --base-url and a key")
    direct = None
    if args.direct_base_url:
        if args.direct_key_env not in os.environ:
            raise UsageError(f"--direct-key-env names {args.direct_key_env}, which is not set")
        dreq = Request(args.direct_base_url, None, args.direct_key_env, args.protocol, args.model)
        direct = _pick(discover(ctx, dreq), "the direct arm has no usable base URL")
    if target.key is None or not target.key.value:
        raise UsageError("no key for the target: give --api-key-env NAME (or --api-key)")
    return _probe(target, direct, body, models, args)


def _pick(targets: list[Any], error: str) -> Any:
    for t in targets:
        if t.base_url is not None and t.protocol in PROTOCOLS:
            return t
    raise UsageError(error)


def _request_body(path: str | None) -> dict[str, Any] | None:
    if path is None:
        return None
    from whichlayer.probe.userreq import MAX_BYTES, RequestFileError, parse

    try:
        with open(path, "rb") as handle:
            text = handle.read(MAX_BYTES).decode("utf-8", "replace")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return parse(text)
    except RequestFileError as exc:
        raise UsageError(f"{path}: {exc}") from None


def _probe(
    target: Any,
    direct: Any,
    body: dict[str, Any] | None,
    models: list[str],
    args: argparse.Namespace,
) -> int:
    import time

    from whichlayer import _interrupt as interrupt
    from whichlayer.probe import Options, Probe, Result
    from whichlayer.probe.result import render_text
    from whichlayer.redact import redact_text

    if target.protocol not in PROTOCOLS:
        raise UsageError(f"probe speaks {', '.join(PROTOCOLS)}, not {target.protocol}")
    if target.model is None and body is None and not models and target.protocol == "converse":
        raise UsageError("give --model")
    started = time.monotonic()
    out = sys.stderr if args.json else sys.stdout
    opts = Options(
        model=args.model or (target.model.value if target.model else None),
        models=models,
        request_body=body,
        max_requests=args.max_requests,
        timeout_s=args.timeout,
    )

    def say(line: str) -> None:
        print(redact_text(line), file=out, flush=True)

    base = target.base_url.value if target.base_url else "?"
    say(
        f"whichlayer probe: {base} ({target.protocol}); plan: at most {args.max_requests} "
        f"requests, each asking for at most 16 output tokens (≤{args.max_requests * 16} in all), "
        f"deadline {args.timeout:g} s; no retries of 401/403; stops at a quota answer"
        + (
            "; your --request is sent as is, output capped"
            if body is not None
            else "; no content of yours is sent"
        )
    )

    if args.capabilities is not None:
        total = args.max_tokens_total or 150_000
        say(
            f"  then --capabilities {args.capabilities}: within the same {args.max_requests} "
            f"requests and ≤{total} tokens in all (prompts + asked output); each capability's "
            "plan is printed before it is sent"
        )

    def on_plan(step: Any, budget: Any) -> None:
        say(
            f"  next: {step.step}: {step.requests} request(s) — {step.note} "
            f"[{budget.sent + step.requests}/{budget.limit}]"
        )

    def on_row(row: Any) -> None:
        status = f"HTTP {row.status}" if row.status is not None else "no answer"
        what = f"{row.cause or row.layer}" if not row.ok and (row.cause or row.layer) else ""
        detail = " ".join(str(row.detail or "").split())[:100]
        tail = "; ".join(x for x in (what, detail) if x)
        what_sent = " ".join(str(x) for x in (row.endpoint, row.model, f"[{row.variant}]") if x)
        done = f"    #{row.n} {what_sent} → {status} in {row.ms:.0f} ms"
        say(done + (f" ({tail})" if tail else ""))

    names: list[str] = []
    if args.capabilities is not None:
        from whichlayer.probe.capabilities import parse_list

        try:
            names = parse_list(args.capabilities, target.protocol)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    probe = Probe(target, direct, opts, on_plan=on_plan, on_row=on_row)
    try:
        verdict = interrupt.run(probe.run())
    except KeyboardInterrupt:
        verdict = probe.interrupted("interrupted (Ctrl-C)")
    result = Result(probe, verdict)
    data = result.to_dict()
    _consult_status(data, target, args.timeout - (time.monotonic() - started))
    code = result.exit_code
    caps_text = ""
    if names:
        from whichlayer.probe import capabilities as capmod

        caps = _capabilities(probe, verdict, names, args, started, say)
        data["capabilities"] = caps
        caps_text = capmod.render_text(caps)
        failed = any(o["status"] in ("fail", "degraded") for o in caps.get("table") or [])
        if code == 0 and failed:
            code = 1
    if args.json:
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        from whichlayer.cli._io import write_text

        write_text(render_text(data, verdict.outcome) + caps_text)
    return code


#: Tokens counted for each request of the probe's own steps (a short prompt, 16 out).
_PROBE_REQUEST_TOKENS = 40


def _capabilities(
    probe: Any, verdict: Any, names: list[str], args: argparse.Namespace, started: float, say: Any
) -> dict[str, Any]:
    """The capability run after the probe's first round, within what it left of the budget."""
    import time

    from whichlayer import _interrupt as interrupt
    from whichlayer.check.deadline import Deadline
    from whichlayer.probe.capabilities import DEFAULT_MAX_TOKENS_TOTAL, Capabilities
    from whichlayer.redact import redact_data

    total = args.max_tokens_total or DEFAULT_MAX_TOKENS_TOTAL
    requests_left = max(0, args.max_requests - probe.budget.sent)
    tokens_left = max(0, total - probe.budget.sent * _PROBE_REQUEST_TOKENS)
    model = probe.model or ""
    caps = Capabilities(
        probe.target,
        probe.direct,
        model,
        names,
        max_requests=requests_left,
        max_tokens_total=tokens_left,
        deadline=Deadline(max(0.01, args.timeout - (time.monotonic() - started))),
        via_relay=probe.via_relay,
        window=args.context_window,
        direct_model=probe._direct_model(),
    )
    plan = caps.make_plan()
    if verdict.outcome != "healthy":
        say("capabilities: not tested — the minimal request does not work (see the verdict)")
        data = caps.to_dict()
        data["skipped"] = "the minimal request does not work"
        return dict(redact_data(data))
    routes = " (each capability that fails is tried again direct)" if probe.direct else ""
    say(
        f"capabilities of {model}: at most {requests_left} requests, ≈{tokens_left} tokens" + routes
    )
    for p in plan:
        say(f"  plan: {p.capability}: {p.requests} request(s), ≤{p.tokens} tokens — {p.note}")
    try:
        interrupt.run(caps.run())
    except KeyboardInterrupt:
        say("capabilities: interrupted (Ctrl-C); the rows so far follow")
    return dict(redact_data(caps.to_dict()))


def _consult_status(data: dict[str, Any], target: Any, left: float) -> None:
    """An upstream verdict asks the provider's own status page, within the deadline."""
    from urllib.parse import urlsplit

    from whichlayer.status import for_verdict

    verdict = data.get("verdict")
    if not isinstance(verdict, dict):
        return
    host = urlsplit(target.base_url.value).hostname if target.base_url else None
    status = for_verdict(
        verdict.get("layer"), verdict.get("origin"), host, protocol=target.protocol, left=left
    )
    if status is not None:
        data["status_page"] = status.to_dict()
        verdict["action"] = status.ahead_of(verdict.get("action"))
