"""Render check reports (already redacted dicts) as plain text or a rich table."""

from __future__ import annotations

from typing import Any

_MARK = {True: "ok", False: "FAIL", None: "-"}
_SEVERITY = {"error": "x", "warning": "!", "info": "i"}


def _ms(value: Any) -> str:
    return "" if value is None else f"{value:.0f} ms"


def header_lines(t: dict[str, Any]) -> list[str]:
    base = t["base_url"] or {}
    key = t["key"]
    lines = [
        f"{t['client']}  ·  {t['protocol']}  ·  {base.get('value') or '(no base URL)'}"
        f"  [{base.get('source') or '-'}]"
    ]
    if key["source"]:
        lines.append(f"  key    {key['fingerprint']}  from {key['source']}  ({key['header']})")
    else:
        lines.append("  key    none found")
    for also in key.get("also_sent", []):
        fp = also["fingerprint"] or "(value not read by check)"
        lines.append(f"  also   {fp}  from {also['source']}  ({also['header']}, sent too)")
    if key.get("honoured"):
        lines.append(f"  uses   {key['honoured']}")
    for source in key["shadowed"]:
        lines.append(f"         shadows {source}")
    if key.get("precedence"):
        lines.append(f"  why    {key['precedence']}")
    if t["model"]:
        lines.append(f"  model  {t['model']}  [{t['model_source']}]")
    return lines


def finding_lines(t: dict[str, Any]) -> list[str]:
    return [
        f"  {_SEVERITY.get(f['severity'], '-')} {f['id']} {f['layer']}/{f['cause']}: "
        f"{f['message']}\n      fix: {f['fix']}"
        for f in t["findings"]
    ]


def verdict_line(t: dict[str, Any]) -> str:
    v = t["verdict"]
    if v is None:
        return "  verdict: healthy"
    return (
        f"  verdict: {v['layer']}/{v['cause']} (origin {v['origin']}, stage {v['stage']})"
        f"\n  first:   {v['action']}"
    )


def text(reports: list[dict[str, Any]]) -> str:
    """The plain-text report (no colour): one block per target."""
    if not reports:
        return "No client configuration found. Try --base-url and --api-key-env.\n"
    blocks = []
    for t in reports:
        lines = header_lines(t)
        lines.append(f"  {'stage':<9} {'result':<6} {'time':>8}  detail")
        for s in t["stages"]:
            lines.append(f"  {s['name']:<9} {_MARK[s['ok']]:<6} {_ms(s['ms']):>8}  {s['detail']}")
        lines += finding_lines(t)
        lines.append(verdict_line(t))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def terminal(reports: list[dict[str, Any]], console: Any = None) -> None:
    """The same report with a rich table per target (``console``: a rich Console)."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console(highlight=False)
    if not reports:
        console.print(text(reports), markup=False)
        return
    style = {True: "green", False: "bold red", None: "dim"}
    for t in reports:
        for line in _fitted(header_lines(t), console.width):
            console.print(line, markup=False, soft_wrap=True)
        table = Table(box=None, pad_edge=False, show_edge=False)
        for column in ("stage", "result", "time", "detail"):
            table.add_column(column, justify="right" if column == "time" else "left")
        for s in t["stages"]:
            table.add_row(
                s["name"],
                f"[{style[s['ok']]}]{_MARK[s['ok']]}[/]",
                _ms(s["ms"]),
                s["detail"].replace("[", "\\["),
            )
        console.print(table)
        for line in _fitted(finding_lines(t), console.width):
            console.print(line, markup=False, soft_wrap=True)
        for line in _fitted([verdict_line(t)], console.width):
            tone = "bold red" if t["verdict"] else "bold green"
            console.print(line, markup=False, style=tone, soft_wrap=True)
        console.print()


def _fitted(lines: list[str], width: int) -> list[str]:
    """Lines (each may hold several) wrapped with hanging indents to ``width``."""
    from whichlayer.render.wrap import fit_line

    return [part for line in lines for sub in line.split("\n") for part in fit_line(sub, width)]
