"""The command line: thin commands over the library.

Built on argparse so that ``whichlayer explain`` starts fast; each command
module registers its parser and imports what it needs only when it runs.
Exit codes: 0 done, 1 a check found a failure, 2 a usage error.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

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
    from whichlayer.cli._parser import _ExamplesFormatter, _Parser

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


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[0] if argv and argv[0] in COMMANDS else None
    parser = build_parser(only=command)
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 2
    import gc

    # One paste makes next to no cyclic garbage, and the collector would walk every object
    # the modules ``explain`` imports create, some thirty times (4-5 ms of its cold start).
    pause = command == "explain" and gc.isenabled()
    if pause:
        gc.disable()
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"whichlayer {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    finally:
        if pause:
            gc.enable()
