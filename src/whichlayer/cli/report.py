"""``whichlayer report``: the evidence bundle for an issue or a ticket, safe to paste anywhere."""

from __future__ import annotations

import argparse
import sys

#: Shown at the end of --help.
EXAMPLES = """\
  whichlayer report --file error.txt > report.md
  whichlayer check --json > check.json; whichlayer report --from check.json "API Error: 529 ..."
"""


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
    p.add_argument(
        "--from-proxy", dest="from_proxy", type=int, metavar="ID",
        help="build the report from `whichlayer proxy` record ID (see `whichlayer proxy log`)",
    )  # fmt: skip
    p.add_argument("--store", metavar="PATH", help="the proxy's store for --from-proxy")
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


def _proxy_record(record_id: int | None, store: str | None) -> dict[str, object] | None:
    if record_id is None:
        return None
    from whichlayer.cli import UsageError
    from whichlayer.proxy.report import RecordNotFound, load_record

    try:
        return load_record(record_id, store)
    except RecordNotFound as exc:
        raise UsageError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    from whichlayer.cli._io import read_paste, require_text, write_text
    from whichlayer.report import build_report, markdown, to_json

    checks = _checks(args.from_file)
    record = _proxy_record(args.from_proxy, args.store)
    paste_given = args.text is not None or args.file is not None
    wants_paste = paste_given or (checks is None and record is None)
    paste = read_paste(args.text, args.file) if wants_paste else None
    error: str | bytes | None = None
    if paste is not None:
        error = require_text(paste.data)
    elif record is not None:
        from whichlayer.proxy.report import as_paste

        error = as_paste(record)
    report = build_report(
        error,
        checks=checks,
        include_prompt=args.include_prompt,
        probe_clis=not args.no_clis,
        truncated=paste.note if paste is not None and paste.truncated else None,
    )
    if record is not None:
        from whichlayer.proxy.report import markdown_section, record_section

        report["proxy_record"] = record_section(record)
    text = to_json(report) if args.json else markdown(report)
    if record is not None and not args.json:
        text += markdown_section(report["proxy_record"])
    write_text(text, args.output)
    if args.output:
        print(f"whichlayer report: written to {args.output}", file=sys.stderr)
    return 0
