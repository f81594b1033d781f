"""What a person reads about a diagnosis, independent of the medium."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


#: How many actions the short views show.
FIRST_ACTIONS = 3


def headline(d: dict[str, Any]) -> str:
    return f"{d['layer'] or 'unknown'} / {d['cause']}"


def rows(d: dict[str, Any]) -> list[tuple[str, str]]:
    """Label/value pairs for the overview table, empty values left out."""
    pairs: list[tuple[str, str]] = [
        ("layer", str(d["layer"] or "unknown")),
        ("cause", str(d["cause"])),
        ("origin", str(d["origin"])),
        ("retry", retry_text(d)),
        ("confidence", f"{d['confidence']:.2f}"),
    ]
    optional = [
        ("status", d.get("status")),
        ("provider", d.get("provider")),
        ("model", d.get("model")),
        ("host", d.get("host")),
        ("path", d.get("path")),
    ]
    pairs += [(k, str(v)) for k, v in optional if v not in (None, "")]
    ids = d.get("request_ids") or []
    if ids:
        pairs.append(("request ids", ", ".join(f"{r['value']} ({r['party']})" for r in ids)))
    return pairs


def retry_text(d: dict[str, Any]) -> str:
    retry = str(d["retry"])
    after = d.get("retry_after_s")
    if after is not None and retry in ("backoff", "limited", "careful"):
        return f"{retry} (after {after:g} s)"
    return retry


def fact_lines(d: dict[str, Any]) -> list[str]:
    """One line per rule that fired: its statement and the facts it used."""
    lines = []
    for fact in d.get("facts") or []:
        used = " · ".join(f"{k}: {v}" for k, v in fact.get("used", {}).items())
        line = f"{fact['rule']}: {fact['statement']}"
        lines.append(f"{line} [{used}]" if used else line)
    return lines
