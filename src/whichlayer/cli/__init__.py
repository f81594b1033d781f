"""The command line: thin commands over the library.

Built on argparse so that ``whichlayer explain`` starts fast; each command
module registers its parser and imports what it needs only when it runs.
Exit codes: 0 done, 1 a check found a failure, 2 a usage error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Each module here defines ``register(subparsers)``, which adds its parser and
# sets ``func`` to a ``run(args) -> int``.
COMMANDS = (
    "explain",
    "rules",
    "report",
    "check",
    "simulate",
    "demo",
    "status",
    "completion",
    "scan",
    "probe",
    "shrink",
    "proxy",
)


class UsageError(Exception):
    """Bad input from the user: reported in one line, exit code 2."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command-line parser; with ``only``, just that command's parser is built
    (argparse validates every argument as it is added, which costs start-up time)."""
    from whichlayer import __version__

    parser = argparse.ArgumentParser(
        prog="whichlayer",
        description="Tells you which layer of an AI API call failed, who said so, "
        "what to do first, and whether a retry can help.",
    )
    parser.add_argument("--version", action="version", version=f"whichlayer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if only is None else (only,):
        try:
            module = importlib.import_module(f"whichlayer.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"whichlayer.cli.{name}":
                raise
            continue
        module.register(sub)
        examples = getattr(module, "EXAMPLES", None)
        if examples:
            command = sub.choices[name]
            command.epilog = "examples:\n" + examples.strip("\n") + "\n"
            command.formatter_class = _ExamplesFormatter
    return parser


class _ExamplesFormatter(argparse.HelpFormatter):
    """Wraps descriptions as usual but prints the examples block line for line."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("examples:"):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[0] if argv and argv[0] in COMMANDS else None
    parser = build_parser(only=command)
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return int(func(args))
    except UsageError as exc:
        print(f"whichlayer {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
