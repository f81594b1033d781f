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
COMMANDS = ("explain", "rules", "report", "check", "simulate", "demo")


class UsageError(Exception):
    """Bad input from the user: reported in one line, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    from whichlayer import __version__

    parser = argparse.ArgumentParser(
        prog="whichlayer",
        description="Tells you which layer of an AI API call failed, who said so, "
        "what to do first, and whether a retry can help.",
    )
    parser.add_argument("--version", action="version", version=f"whichlayer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"whichlayer.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"whichlayer.cli.{name}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
