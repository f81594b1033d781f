"""``whichlayer rules``: list the rules, or explain one."""

from __future__ import annotations

import argparse
import json
from typing import Any

#: Shown at the end of --help.
EXAMPLES = """\
  whichlayer rules
  whichlayer rules quota.plan_limit
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "rules",
        help="list the diagnosis rules, or explain one",
        description="List every rule the engine uses (id, conclusion, statement), or explain "
        "one: what it concludes, the facts it reads, its phrase rows with the keywords the "
        "prefilter looks for, the samples it must win and the near misses it must not fire on.",
    )
    p.add_argument("rule_id", nargs="?", metavar="ID", help="a rule id, e.g. quota.plan_limit")
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.set_defaults(func=run)


def describe(rule: Any) -> dict[str, Any]:
    """A rule (cause or origin rule) as plain data."""
    from whichlayer.rules import Rule

    data: dict[str, Any] = {"id": rule.id, "statement": rule.statement}
    if isinstance(rule, Rule):
        data |= {
            "layer": str(rule.layer),
            "cause": str(rule.cause),
            "origin": str(rule.origin) if rule.origin else None,
            "retry": str(rule.retry) if rule.retry else None,
            "priority": rule.priority,
            "confidence": rule.confidence,
        }
    else:
        data["origin"] = str(rule.origin)
    data["reads"] = list(getattr(rule, "reads", ()))
    data["phrases"] = [
        {"phrase": p.pattern, "keywords": list(p.keywords), "plain": p.plain}
        for p in getattr(rule, "phrases", ())
    ]
    data["samples"] = [str(sample) for sample in rule.samples]
    data["near_misses"] = list(rule.near_misses)
    return data


def _conclusion(d: dict[str, Any]) -> str:
    if "layer" in d:
        return f"{d['layer']}/{d['cause']}"
    return f"origin={d['origin']}"


def run(args: argparse.Namespace) -> int:
    from whichlayer.cli import UsageError
    from whichlayer.cli._io import write_text
    from whichlayer.redact import redact_data
    from whichlayer.rules import ALL_RULES, BY_ID, ORIGIN_RULES

    if args.rule_id:
        rule = BY_ID.get(args.rule_id)
        if rule is None and args.rule_id.startswith("catalogue."):
            from whichlayer.rules.catalogue import all_rules

            rule = next((r for r in all_rules() if r.id == args.rule_id), None)
        if rule is None:
            close = [r for r in BY_ID if args.rule_id in r]
            hint = f" (did you mean {', '.join(close[:3])}?)" if close else ""
            raise UsageError(f"no rule {args.rule_id!r}{hint}; `whichlayer rules` lists them")
        data = redact_data(describe(rule))
        if args.json:
            write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
            return 0
        lines = [f"{data['id']}  ->  {_conclusion(data)}", "", data["statement"], ""]
        for key in ("origin", "retry", "priority", "confidence"):
            if data.get(key) is not None:
                lines.append(f"  {key:<11} {data[key]}")
        if data["reads"]:
            lines.append(f"  {'reads':<11} {', '.join(data['reads'])}")
        if data["phrases"]:
            lines += ["", "Phrases (a plain phrase is its own keyword; a pattern lists its own):"]
            for row in data["phrases"]:
                if row["plain"]:
                    lines.append(f"  - {row['phrase']}")
                else:
                    keys = ", ".join(repr(k) for k in row["keywords"])
                    lines.append(f"  - /{row['phrase']}/  keywords: {keys}")
        for title, key in (
            (
                "Fires on, for example:"
                if data["id"].startswith("catalogue.")
                else "Wins (decides the diagnosis), for example:",
                "samples",
            ),
            ("Does not fire on:", "near_misses"),
        ):
            if data[key]:
                lines += ["", title] + [f"  - {s}" for s in data[key]]
        from whichlayer.render.wrap import fit, screen_width

        write_text(fit("\n".join(lines) + "\n", screen_width()))
        return 0
    rows = [redact_data(describe(r)) for r in (*ALL_RULES, *ORIGIN_RULES)]
    if args.json:
        write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return 0
    write_text(_table(rows))
    return 0


def _table(rows: list[dict[str, Any]]) -> str:
    """One rule per line when piped; on a terminal, the statement wraps under its own
    column, or (too narrow for that) goes on indented lines under the id."""
    from whichlayer.render.wrap import screen_width

    width = max(len(r["id"]) for r in rows)
    column = width + 2 + 34 + 2
    screen = screen_width()
    out = []
    for r in rows:
        head = f"{r['id']:<{width}}  {_conclusion(r):<34}  "
        if screen is None:
            out.append(head + r["statement"])
        elif screen >= column + 30:
            wrapped = _wrap(r["statement"], screen - column)
            out.append(head + wrapped[0])
            out += [" " * column + line for line in wrapped[1:]]
        else:
            head = f"{r['id']}  ->  {_conclusion(r)}"
            out += [head] if len(head) <= screen else [r["id"], f"    -> {_conclusion(r)}"]
            out += ["    " + line for line in _wrap(r["statement"], screen - 4)]
    return "\n".join(out) + "\n"


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns, broken between words (a
    wide East Asian character takes two columns; a word wider than ``width`` stays whole)."""
    from whichlayer.render.wrap import cells

    lines: list[str] = []
    current, used = "", 0
    for word in text.split():
        size = cells(word)
        if current and used + 1 + size > width:
            lines.append(current)
            current, used = word, size
        elif current:
            current, used = f"{current} {word}", used + 1 + size
        else:
            current, used = word, size
    return [*lines, current] if current else lines or [""]
