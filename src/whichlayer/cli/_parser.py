"""The command line's argparse classes (imported when a parser is built: ``whichlayer
explain`` in its usual forms is read without argparse, see ``cli.explain.plain_args``)."""

from __future__ import annotations

import argparse

from whichlayer.cli import _columns

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


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
