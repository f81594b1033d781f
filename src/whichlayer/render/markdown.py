"""Markdown, for an issue or a ticket."""

from __future__ import annotations

from typing import Any

from whichlayer.render import view


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def diagnosis(d: dict[str, Any]) -> str:
    out = [f"### whichlayer: `{view.headline(d)}`", "", _cell(d["summary"]), ""]
    if d.get("truncated"):
        out += [f"> **Input truncated**: {_cell(d['truncated'])}.", ""]
    out += ["| | |", "|---|---|"]
    out += [f"| {label} | `{_cell(value)}` |" for label, value in view.rows(d)]
    if d["actions"]:
        out += ["", "**First steps**", ""]
        out += [f"{i}. {_cell(a)}" for i, a in enumerate(d["actions"], 1)]
    facts = view.fact_lines(d)
    if facts:
        out += ["", "**Why**", ""]
        out += [f"- {_cell(line)}" for line in facts]
    return "\n".join(out) + "\n"
