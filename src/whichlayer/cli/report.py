"""``whichlayer report``: the evidence bundle for an issue or a ticket, safe to paste anywhere."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "report",
        help="build a redacted evidence bundle (Markdown or JSON) for an issue or a ticket",
        description="Build the evidence a support engineer, relay operator or maintainer asks "
        "for first: time, tool and SDK versions, base URL, endpoint, model, status, error, "
        "request ids, relay/gateway/proxy signs, retry hints, the diagnosis and what is still "
        "unknown. Keys, tokens, cookies, passwords, emails and prompt text are masked.",
    )
    p.add_argument("text", nargs="?", metavar="TEXT", help="the error text; - reads stdin")
    p.add_argument("--file", "-f", metavar="PATH", help="read the error from a file")
    p.add_argument(
        "--from", dest="from_file", metavar="FILE",
        help="add saved `whichlayer check --json` output",
    )  # fmt: skip
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the report as JSON")
    fmt.add_argument("--markdown", action="store_true", help="print Markdown (the default)")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    p.add_argument(
        "--include-prompt", action="store_true",
        help="keep prompt and message content (masked by default)",
    )  # fmt: skip
    p.add_argument(
        "--no-clis", action="store_true",
        help="do not ask AI command-line tools on PATH for their --version",
    )  # fmt: skip
    p.set_defaults(func=run)


def _checks(path: str | None) -> list[dict[str, object]] | None:
    if path is None:
        return None
    from pathlib import Path

    from whichlayer.cli import UsageError
    from whichlayer.report.checks import CheckFormatError, read_checks

    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return read_checks(text)
    except CheckFormatError as exc:
        raise UsageError(f"--from {path}: {exc}") from None


def run(args: argparse.Namespace) -> int:
    from whichlayer.cli._io import read_paste, write_text
    from whichlayer.report import build_report, markdown, to_json

    checks = _checks(args.from_file)
    paste_given = args.text is not None or args.file is not None
    paste = read_paste(args.text, args.file) if paste_given or checks is None else None
    report = build_report(
        paste.data if paste is not None else None,
        checks=checks,
        include_prompt=args.include_prompt,
        probe_clis=not args.no_clis,
        truncated=paste.note if paste is not None and paste.truncated else None,
    )
    write_text(to_json(report) if args.json else markdown(report), args.output)
    if args.output:
        print(f"whichlayer report: written to {args.output}", file=sys.stderr)
    return 0
