"""The command line: thin commands over the library.

Built on argparse so that ``whichlayer explain`` starts fast; each command
module registers its parser and imports what it needs only when it runs.
Exit codes: 0 done, 1 a check found a failure, 2 a usage error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

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

    parser = _Parser(
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


def _columns() -> int:
    """``shutil.get_terminal_size().columns``, read the same way without importing shutil
    (argparse's formatter would import it for this alone, which costs start-up time)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return columns


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, given the width argparse would read for itself."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = _columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser (and its subcommands' parsers) formatting with _HelpFormatter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


class _ExamplesFormatter(_HelpFormatter):
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
