"""Plain text, for pipes, files and NO_COLOR terminals."""

from __future__ import annotations

from whichlayer.render import view

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def diagnosis(d: dict[str, Any], *, all_actions: bool = False) -> str:
    out = [f"whichlayer: {view.headline(d)}", d["summary"], ""]
    if d.get("truncated"):
        out[2:2] = [f"note: {d['truncated']}", ""]
    width = max(len(label) for label, _ in view.rows(d))
    out += [f"  {label.ljust(width)}  {value}" for label, value in view.rows(d)]
    actions = d["actions"] if all_actions else d["actions"][: view.FIRST_ACTIONS]
    if actions:
        out += ["", "First steps:"]
        out += [f"  {i}. {a}" for i, a in enumerate(actions, 1)]
    facts = view.fact_lines(d)
    if facts:
        out += ["", "Why:"]
        out += [f"  - {line}" for line in facts]
    return "\n".join(out) + "\n"
