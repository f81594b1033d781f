"""``whichlayer proxy``: a local recording proxy that diagnoses every failure as it happens."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

_EXAMPLES = """examples:
  whichlayer proxy --to openai                 # then export the variables it prints
  whichlayer proxy -- claude -p "hi"           # run Claude Code through it (--to anthropic)
  whichlayer proxy --to https://relay.example/v1 -- python my_script.py
  whichlayer proxy log --failures              # the recorded failures, newest first
"""
#: Commands whose provider is known, so ``--to`` may be left out.
_COMMAND_TARGETS = {"claude": "anthropic", "codex": "openai", "gemini": "gemini"}
#: What each family of variables serves, for the banner.
_CLIENTS = {
    "OPENAI_BASE_URL": "OpenAI SDKs, Codex, most OpenAI-compatible tools",
    "ANTHROPIC_BASE_URL": "Anthropic SDKs, Claude Code",
    "GOOGLE_GEMINI_BASE_URL": "google-genai, Gemini CLI",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "proxy",
        help="a local recording proxy that diagnoses every failure as it happens",
        description="Forward every request on 127.0.0.1 to the upstream unchanged (the client's "
        "own credentials, never stored), record each exchange in a local SQLite store and print "
        "one line per failure with its layer, cause, origin, retry advice and request id. "
        "`whichlayer proxy -- COMMAND ...` runs COMMAND with its base URL pointed at the proxy "
        "and summarises the failures at exit. `whichlayer proxy log` lists the records.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--to", metavar="URL", help="upstream: an http(s) URL, or anthropic, openai, gemini"
    )
    p.add_argument(
        "--port", "-p", type=int, default=0, help="port on 127.0.0.1 (default: any free)"
    )
    p.add_argument(
        "--store", metavar="PATH", help="SQLite store (default under the user's data dir)"
    )
    p.add_argument(
        "--max-store-mb",
        type=int,
        default=256,
        metavar="MB",
        help="rotate the store past this size (default 256)",
    )
    p.add_argument(
        "--record-bodies",
        action="store_true",
        help="also store request and answer bodies (redacted)",
    )
    p.add_argument(
        "--read-timeout",
        type=float,
        default=600.0,
        metavar="S",
        help="wait this long for the upstream's first byte and between reads",
    )
    p.add_argument(
        "--storm",
        type=int,
        default=3,
        metavar="N",
        help="flag a retry storm when one body is sent N times (default 3)",
    )
    p.add_argument(
        "--storm-window",
        type=float,
        default=60.0,
        metavar="S",
        help="... within S seconds (default 60)",
    )
    p.add_argument(
        "--slow-first-byte",
        type=float,
        default=10.0,
        metavar="S",
        help="flag a first byte (or first SSE frame) later than S (default 10)",
    )
    p.add_argument(
        "--metrics-port",
        type=int,
        metavar="PORT",
        help="serve Prometheus /metrics on 127.0.0.1:PORT (needs prometheus-client)",
    )
    p.add_argument(
        "--otlp",
        metavar="URL",
        help="export spans and metrics over OTLP/HTTP to URL (needs the proxy extra)",
    )
    p.add_argument(
        "words",
        nargs=argparse.REMAINDER,
        metavar="-- COMMAND | log",
        help="a command to run through the proxy, or `log` to list records",
    )
    p.set_defaults(func=run)


def _log_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="whichlayer proxy log", description="List recorded exchanges.")
    p.add_argument("id", nargs="?", type=int, help="one record, in full")
    p.add_argument(
        "--store", metavar="PATH", help="SQLite store (default under the user's data dir)"
    )
    p.add_argument("--json", action="store_true", help="print the records as JSON")
    p.add_argument("--failures", action="store_true", help="only failures")
    p.add_argument(
        "--limit", "-n", type=int, default=50, help="how many, newest first (default 50)"
    )
    return p


def run(args: argparse.Namespace) -> int:
    from whichlayer.cli import UsageError

    words = list(args.words or [])
    if words and words[0] == "log":
        return _log(words[1:], args.store)
    if words and words[0] == "--":
        words = words[1:]
    elif words:
        raise UsageError(f"unexpected {words[0]!r}: put `--` before a command to run")
    if words and args.to is None:
        args.to = _COMMAND_TARGETS.get(Path(words[0]).name)
    if args.to is None:
        raise UsageError("--to is required (an http(s) URL, or anthropic, openai, gemini)")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be 0..65535, not {args.port}")
    server = _server(args, command=bool(words))
    if words:
        return _run_command(server, args, words)
    return _serve(server, args)


def _server(args: argparse.Namespace, *, command: bool) -> Any:
    from whichlayer.cli import UsageError
    from whichlayer.proxy import ProxyServer, TargetError

    _check_exporters(args)
    try:
        return ProxyServer(
            args.to,
            port=args.port,
            store=args.store,
            max_store_bytes=max(1, args.max_store_mb) * 2**20,
            record_bodies=args.record_bodies,
            read_timeout_s=args.read_timeout,
            live=sys.stderr,
            status_line=not command and sys.stderr.isatty(),
            storm_count=max(2, args.storm),
            storm_window_s=args.storm_window,
            slow_first_byte_s=args.slow_first_byte,
            recorder_process=True,
            metrics_port=args.metrics_port,
            otlp=args.otlp,
        )
    except TargetError as exc:
        raise UsageError(str(exc)) from None


def _check_exporters(args: argparse.Namespace) -> None:
    """The optional packages the exporters need, checked before anything starts."""
    import importlib.util

    from whichlayer.cli import UsageError

    needed = []
    if args.metrics_port is not None:
        if not 0 < args.metrics_port <= 65535:
            raise UsageError(f"--metrics-port must be 1..65535, not {args.metrics_port}")
        needed.append("prometheus_client")
    if args.otlp:
        if not args.otlp.startswith(("http://", "https://")):
            raise UsageError(f"--otlp must be an http(s) URL, not {args.otlp!r}")
        needed += ["opentelemetry.sdk", "opentelemetry.exporter.otlp.proto.http"]
    for name in needed:
        try:
            found = importlib.util.find_spec(name) is not None
        except ModuleNotFoundError:
            found = False
        if not found:
            raise UsageError(f"{name} is not installed: pip install 'whichlayer[proxy]'")


def banner(server: Any, named: str | None) -> str:
    from whichlayer.proxy import client_env

    lines = [
        f"whichlayer proxy: {server.url} -> {server.target.url}",
        f"records: {server.store_path} (credentials are forwarded, never stored)",
        "Point your client at it:",
    ]
    for name, value in client_env(server.url, server.target, named).items():
        lines.append(f"  export {name}={value}    # {_CLIENTS[name]}")
    return "\n".join(lines)


def _named(to: str) -> str | None:
    from whichlayer.proxy import OFFICIAL

    return to.strip().lower() if to.strip().lower() in OFFICIAL else None


def _serve(server: Any, args: argparse.Namespace) -> int:
    def ready() -> None:
        print(banner(server, _named(args.to)), file=sys.stderr, flush=True)
        print("Ctrl-C stops it.", file=sys.stderr, flush=True)

    try:
        server.serve_forever(on_ready=ready, handle_signals=True)
    except OSError as exc:
        from whichlayer.cli import UsageError

        raise UsageError(f"cannot listen on 127.0.0.1:{args.port}: {exc.strerror or exc}") from None
    return 0


def _run_command(server: Any, args: argparse.Namespace, words: list[str]) -> int:
    import subprocess

    from whichlayer.cli import UsageError
    from whichlayer.proxy import client_env
    from whichlayer.proxy.recorder import summary

    try:
        server.start()
    except OSError as exc:
        raise UsageError(f"cannot listen on 127.0.0.1:{args.port}: {exc.strerror or exc}") from None
    env = dict(os.environ)
    env.update(client_env(server.url, server.target, _named(args.to)))
    for name in ("NO_PROXY", "no_proxy"):  # the client's own proxy must not catch loopback
        env[name] = ",".join(x for x in (env.get(name), "127.0.0.1", "localhost") if x)
    print(banner(server, _named(args.to)).split("\nPoint")[0], file=sys.stderr, flush=True)
    code = 0
    try:
        code = subprocess.call(words, env=env)
    except FileNotFoundError:
        server.stop()
        raise UsageError(f"command not found: {words[0]}") from None
    except KeyboardInterrupt:
        code = 130
    finally:
        server.stop()
    rows = server.session_rows()
    print(summary([r for r in rows if not r["ok"]], len(rows)), file=sys.stderr)
    return code


def _log(words: list[str], store: str | None) -> int:
    import json

    from whichlayer.cli import UsageError
    from whichlayer.proxy import default_path, read_records
    from whichlayer.proxy.recorder import failure_line
    from whichlayer.redact import redact_text

    opts = _log_parser().parse_args(words)
    path = Path(opts.store or store or default_path())
    if not path.exists():
        raise UsageError(f"no store at {path} (run `whichlayer proxy` first, or give --store)")
    rows = read_records(
        path, limit=max(1, opts.limit), failures_only=opts.failures, record_id=opts.id
    )
    if opts.id is not None and not rows:
        raise UsageError(f"no record #{opts.id} in {path}")
    if opts.json or opts.id is not None:
        out = rows[0] if opts.id is not None else rows
        print(redact_text(json.dumps(out, ensure_ascii=False, indent=2), keep_prompt=True))
        return 0
    for row in reversed(rows):
        print(redact_text(_log_line(row, failure_line), keep_prompt=True))
    return 0


def _log_line(row: dict[str, Any], failure_line: Any) -> str:
    from datetime import UTC, datetime

    stamp = datetime.fromtimestamp(row["ts"], UTC).strftime("%Y-%m-%d %H:%M:%S")
    if not row.get("ok"):
        return f"{stamp} {failure_line(row)}"
    ttfb = f"{row['ttfb_ms']:.0f} ms" if row.get("ttfb_ms") is not None else "-"
    frames = f", {row['frames']} frames" if row.get("frames") else ""
    model = f" {row['model']}" if row.get("model") else ""
    end = "" if row.get("stream_end") == "complete" else f", {row.get('stream_end')}"
    return (
        f"{stamp} ✓ #{row['id']} {row['method']} {row['path'].split('?')[0]}{model} -> "
        f"{row['status']} TTFB {ttfb}{frames}{end}"
    )
