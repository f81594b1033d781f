"""The rich terminal view (only loaded when writing to a terminal)."""

from __future__ import annotations

from typing import Any

_LAYER_STYLE = {
    "identity": "bold magenta",
    "quota": "bold yellow",
    "rate_limit": "bold yellow",
    "request": "bold cyan",
    "network": "bold blue",
    "upstream": "bold red",
}


def print_diagnosis(d: dict[str, Any], *, all_actions: bool = False) -> None:
    """The plain-text layout (the one the docs show), fitted to the terminal, with colour."""
    from rich.console import Console
    from rich.text import Text

    from whichlayer.render import text
    from whichlayer.render.wrap import fit_line

    console = Console(highlight=False, emoji=False, markup=False)
    headings = {"First steps:", "Why:"}
    section = ""
    for n, line in enumerate(text.diagnosis(d, all_actions=all_actions).splitlines()):
        if line in headings:
            section = line
        for part in fit_line(line, console.width):
            styled = Text(part)
            if n == 0:
                styled.stylize(_LAYER_STYLE.get(str(d["layer"]), "bold"), len("whichlayer: "))
            elif line in headings:
                styled.stylize("bold")
            elif section == "Why:":
                styled.stylize("dim")
            console.print(styled, soft_wrap=True)
