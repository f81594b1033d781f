"""``whichlayer explain``: name the failing layer of a pasted error."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

#: Shown at the end of --help.
EXAMPLES = """\
  whichlayer explain "Error code: 429 - {'error': {'type': 'insufficient_quota'}}"
  whichlayer explain --file error.log --markdown
  xclip -o -selection clipboard | whichlayer explain --json     # Linux; pbpaste on macOS
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "explain",
        help="diagnose a pasted error (text, JSON body, traceback, log line)",
        description="Diagnose a pasted AI API error: which layer failed, who said so, "
        "what to do first, and whether a retry can help.",
    )
    p.add_argument("text", nargs="?", metavar="TEXT", help="the error text; - reads stdin")
    p.add_argument("--file", "-f", metavar="PATH", help="read the error from a file")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the diagnosis as JSON")
    fmt.add_argument("--markdown", action="store_true", help="print the diagnosis as Markdown")
    p.add_argument("--all", action="store_true", help="show every action, not only the first")
    p.add_argument(
        "--status",
        action="store_true",
        help="when the provider's side failed, read its status page (one short request)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from whichlayer._explain import explain
    from whichlayer.cli._io import json_text, read_paste, require_text, use_color, write_text
    from whichlayer.redact import find_secrets, neutralize_data, redact_data

    paste = read_paste(args.text, args.file)
    diagnosis = explain(require_text(paste.data))
    d = diagnosis.to_dict()
    if args.status:
        _consult_status(d)
    # A value recognised as secret anywhere in the paste is masked wherever the diagnosis
    # repeats it (a provider echoing the key in its message, for one).
    d = redact_data(d, known=find_secrets(paste.text))
    if paste.truncated:
        d["truncated"] = paste.note
    if args.json:
        write_text(json_text(d))
        return 0
    d = neutralize_data(d)
    if args.markdown:
        from whichlayer.render import markdown

        write_text(markdown.diagnosis(d))
    elif use_color():
        from whichlayer.render import terminal

        terminal.print_diagnosis(d, all_actions=args.all)
    else:
        from whichlayer.render import text
        from whichlayer.render.wrap import fit, screen_width

        write_text(fit(text.diagnosis(d, all_actions=args.all), screen_width()))
    return 0


def _consult_status(d: dict[str, object]) -> None:
    """An upstream verdict asks the provider's own status page: is it them?"""
    from whichlayer.status import for_verdict

    provider, host = d.get("provider"), d.get("host")
    report = for_verdict(
        d.get("layer"),
        d.get("origin"),
        host if isinstance(host, str) else None,
        provider=provider if isinstance(provider, str) else None,
    )
    if report is not None:
        d["status_page"] = report.to_dict()
        d["summary"] = f"{d.get('summary') or ''} {report.sentence()}".strip()
