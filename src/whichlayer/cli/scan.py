"""``whichlayer scan``: many failures at once, from agents' logs, relay and gateway logs."""

from __future__ import annotations

import argparse
from typing import Any

#: Shown at the end of --help.
EXAMPLES = """\
  whichlayer scan                                   # the agents' own logs on this machine
  whichlayer scan /var/log/litellm/ --since 2026-12-01 --by layer,model,key
  zcat gateway.log.gz | whichlayer scan - --json
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "scan",
        help="count many failures at once from logs, by layer, cause, model, key and time",
        description="Read logs (Claude Code and Codex sessions, Gemini CLI chats, LiteLLM, "
        "one-api/new-api, nginx, Envoy, any JSON lines with a status), diagnose every "
        "failure with the same engine as `explain`, and count them by layer, cause, origin, "
        "model, host, key and hour; find retry storms. With no PATH, the coding agents' "
        "own logs on this machine are read.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files, folders, globs; - is stdin")
    p.add_argument("--since", metavar="TIME", help="only failures at or after (ISO date/time)")
    p.add_argument("--until", metavar="TIME", help="only failures before (ISO date/time)")
    p.add_argument(
        "--by",
        default="layer,cause,model,key",
        metavar="DIMS",
        help="tables to show: layer,cause,origin,model,host,key,retry",
    )
    p.add_argument("--format", dest="forced", metavar="NAME", help="skip detection: read as NAME")
    p.add_argument(
        "--no-mmap",
        action="store_true",
        help="read files with read() only, never memory maps (a log truncated mid-scan)",
    )
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="processes (default 1)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the counts as JSON")
    fmt.add_argument("--markdown", action="store_true", help="print Markdown")
    p.set_defaults(func=run)


def _when(value: str | None, flag: str) -> object:
    if value is None:
        return None
    from whichlayer.cli import UsageError
    from whichlayer.scan.model import parse_time

    when = parse_time(value)
    if when is None:
        raise UsageError(f"{flag} takes an ISO date or time, e.g. 2026-12-01 or 2026-12-01T14:00")
    return when


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from whichlayer.check.layers import short_path
    from whichlayer.cli import UsageError
    from whichlayer.cli._io import write_text
    from whichlayer.redact import neutralize_controls, redact_data, redact_text
    from whichlayer.scan import SourceError, agent_logs, expand, scan, to_dict
    from whichlayer.scan import render as view
    from whichlayer.scan.readers import BY_NAME
    from whichlayer.scan.sources import agent_log_places

    if not 1 <= args.jobs <= 64:
        raise UsageError("--jobs takes a whole number from 1 to 64")
    by = tuple(d.strip() for d in args.by.split(",") if d.strip())
    bad = [d for d in by if d not in view.DIMENSIONS]
    if bad:
        raise UsageError(f"--by knows {', '.join(view.DIMENSIONS)}, not {', '.join(bad)}")
    if args.forced and args.forced not in BY_NAME:
        raise UsageError(f"--format knows {', '.join(BY_NAME)}, not {args.forced}")
    since, until = _when(args.since, "--since"), _when(args.until, "--until")
    try:
        sources = expand(args.paths) if args.paths else agent_logs()
    except SourceError as exc:
        raise UsageError(str(exc)) from None
    if not args.paths:
        labels = sorted({s.label for s in sources})
        if labels:
            what = ", ".join(labels)
        else:
            home = Path.home()
            places = [short_path(root / pattern, home) for _, root, pattern in agent_log_places()]
            what = "none found (looked for " + ", ".join(places) + "; or give PATHs)"
        print(
            f"whichlayer scan: reading the agents' own logs: {neutralize_controls(what)}",
            file=sys.stderr,
        )
    if args.paths == ["-"] and sys.stdin.isatty():
        raise UsageError("pipe a log on stdin, or give PATHs")
    on_file = _progress(len(sources)) if not args.json else None
    window = (since, until)
    if args.no_mmap:
        import os

        from whichlayer.scan.engine import MAP_SWITCH

        os.environ[MAP_SWITCH] = "0"
    agg = scan(sources, window, jobs=args.jobs, forced=args.forced, on_file=on_file)  # type: ignore[arg-type]
    if args.json:
        write_text(view.as_json(redact_data(to_dict(agg))))
    elif args.markdown:
        write_text(neutralize_controls(redact_text(view.markdown(agg, by))))
    else:
        write_text(neutralize_controls(redact_text(view.text(agg, by))))
    return 0


def _progress(count: int) -> Any:
    """A progress line per file on stderr, on a terminal only (pipes stay clean)."""
    import sys

    from whichlayer.redact import neutralize_controls, redact_text

    if sys.stderr is None or not sys.stderr.isatty():
        return None
    done = 0

    def on_file(stat: Any, seconds: float) -> None:
        nonlocal done
        done += 1
        line = (
            f"whichlayer scan: [{done}/{count}] {stat.path}: {stat.lines} lines, "
            f"{stat.failures} failures ({seconds:.1f} s)"
        )
        print(neutralize_controls(redact_text(line)), file=sys.stderr, flush=True)

    return on_file
