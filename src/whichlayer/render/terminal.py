"""The rich terminal view (only loaded when writing to a terminal)."""

from __future__ import annotations

from typing import Any

from whichlayer.render import view

_LAYER_STYLE = {
    "identity": "bold magenta",
    "quota": "bold yellow",
    "rate_limit": "bold yellow",
    "request": "bold cyan",
    "network": "bold blue",
    "upstream": "bold red",
}


def print_diagnosis(d: dict[str, Any], *, all_actions: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False, emoji=False, markup=False)
    title = Text("whichlayer: ")
    title.append(view.headline(d), style=_LAYER_STYLE.get(str(d["layer"]), "bold"))
    console.print(title)
    console.print(d["summary"], markup=False)
    if d.get("truncated"):
        console.print(Text(f"note: {d['truncated']}", style="bold yellow"))
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="dim")
    table.add_column()
    for label, value in view.rows(d):
        table.add_row(label, value)
    console.print(table)
    actions = d["actions"] if all_actions else d["actions"][: view.FIRST_ACTIONS]
    if actions:
        console.print(Text("First steps", style="bold"))
        for i, action in enumerate(actions, 1):
            console.print(f"  {i}. {action}", markup=False)
    facts = view.fact_lines(d)
    if facts:
        console.print(Text("Why", style="bold"))
        for line in facts:
            console.print(Text(f"  - {line}", style="dim"))
