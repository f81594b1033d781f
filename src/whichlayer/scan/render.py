"""What a person reads about a scan: tables, an hourly timeline per layer, storms, examples."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from whichlayer.scan import summary
from whichlayer.scan.aggregate import STORM_MIN, Aggregate

TOP = 8
_BARS = " ▁▂▃▄▅▆▇█"
#: Most buckets a timeline row shows; longer spans use days instead of hours.
MAX_BUCKETS = 72
DIMENSIONS = ("layer", "cause", "origin", "model", "host", "key", "retry")


def _bar(n: int, top: int, width: int = 24) -> str:
    return "█" * max(1, round(width * n / top)) if top else ""


def timeline(agg: Aggregate) -> tuple[str, list[tuple[str, str]]]:
    """The unit ('hour' or 'day') and, per layer, one character per bucket."""
    if not agg.hours:
        return "hour", []
    per: Counter[tuple[str, str]] = Counter()
    hours = sorted({h for h, _ in agg.hours})
    start = datetime.strptime(hours[0], "%Y-%m-%dT%H").replace(tzinfo=UTC)
    end = datetime.strptime(hours[-1], "%Y-%m-%dT%H").replace(tzinfo=UTC)
    span_h = int((end - start).total_seconds() // 3600) + 1
    unit, step = ("hour", timedelta(hours=1)) if span_h <= MAX_BUCKETS else ("day", timedelta(1))
    key_fmt = "%Y-%m-%dT%H" if unit == "hour" else "%Y-%m-%d"
    for (hour, layer), k in agg.hours.items():
        when = datetime.strptime(hour, "%Y-%m-%dT%H")
        per[(when.strftime(key_fmt), layer)] += k
    buckets: list[str] = []
    t = start if unit == "hour" else start.replace(hour=0)
    while t <= end and len(buckets) < 400:
        buckets.append(t.strftime(key_fmt))
        t += step
    top = max(per.values())
    rows = []
    for layer, _ in agg.by["layer"].most_common():
        cells = []
        for b in buckets:
            k = per.get((b, layer), 0)
            cells.append(" " if k == 0 else _BARS[max(1, round(8 * k / top))])
        rows.append((layer, "".join(cells)))
    return unit, rows


def text(agg: Aggregate, by: tuple[str, ...] = ("layer", "cause", "model", "key")) -> str:
    n = agg.failures
    lines_read = sum(f.lines for f in agg.files)
    out = [
        f"whichlayer scan: {n:,} failures in {len(agg.files)} file(s), {lines_read:,} lines read",
        summary(agg),
        "",
    ]
    if agg.first and agg.last:
        out.insert(1, f"  from {agg.first:%Y-%m-%d %H:%M} to {agg.last:%Y-%m-%d %H:%M} UTC")
    for dim in by:
        counter = agg.by.get(dim)
        if not counter:
            continue
        out.append(f"By {dim}:")
        top = counter.most_common(1)[0][1]
        width = max(len(str(v)) for v, _ in counter.most_common(TOP))
        for value, k in counter.most_common(TOP):
            share = f"{100 * k / n:.0f}%"
            out.append(f"  {value!s:<{width}}  {k:>7,}  {share:>4}  {_bar(k, top)}")
        if len(counter) > TOP:
            out.append(f"  ... and {len(counter) - TOP} more")
        out.append("")
    unit, rows = timeline(agg)
    if rows:
        out.append(f"Timeline (one column per {unit}, per layer):")
        width = max(len(layer) for layer, _ in rows)
        out += [f"  {layer:<{width}}  |{cells}|" for layer, cells in rows]
        out.append("")
    storms = agg.storms()
    if storms:
        wasted = sum(int(s["attempts"]) - 1 for s in storms)
        out.append(
            f"Retry storms: {len(storms)} request(s) failed {STORM_MIN} times or more "
            f"({wasted:,} extra attempts):"
        )
        for s in storms[:TOP]:
            span = f" {s['first']} .. {s['last']}" if s["first"] else ""
            out.append(f"  {s['attempts']:>4} attempts  {s['cause']}  {s['request']}{span}")
        out.append("")
    if agg.examples:
        out.append("An example of each cause (redacted):")
        for cause, _ in agg.by["cause"].most_common(TOP):
            ex = agg.examples.get(cause)
            if not ex:
                continue
            rid = f" (request id {ex['request_id']})" if ex.get("request_id") else ""
            flat = " ".join(str(ex["text"]).split())[:200]
            out.append(f"  {cause}{rid}: {flat}")
        out.append("")
    out.append("Files:")
    for f in agg.files:
        note = f"  ({f.note})" if f.note else ""
        out.append(f"  {f.path}  [{f.format}]  {f.lines:,} lines, {f.failures:,} failures{note}")
    return "\n".join(out) + "\n"


def markdown(agg: Aggregate, by: tuple[str, ...] = ("layer", "cause", "model", "key")) -> str:
    n = agg.failures
    out = ["## whichlayer scan", "", f"**{summary(agg)}**", ""]
    if agg.first and agg.last:
        out += [f"From {agg.first:%Y-%m-%d %H:%M} to {agg.last:%Y-%m-%d %H:%M} UTC.", ""]
    for dim in by:
        counter = agg.by.get(dim)
        if not counter:
            continue
        out += [f"| {dim} | failures | share |", "|---|---:|---:|"]
        out += [
            f"| `{str(v).replace('|', '/')}` | {k:,} | {100 * k / n:.0f}% |"
            for v, k in counter.most_common(TOP)
        ]
        out.append("")
    storms = agg.storms()
    if storms:
        out += ["| retried request | attempts | cause |", "|---|---:|---|"]
        out += [f"| `{s['request']}` | {s['attempts']} | {s['cause']} |" for s in storms[:TOP]]
        out.append("")
    out += ["| file | format | lines | failures |", "|---|---|---:|---:|"]
    out += [f"| `{f.path}` | {f.format} | {f.lines:,} | {f.failures:,} |" for f in agg.files]
    return "\n".join(out) + "\n"


def as_json(d: dict[str, Any]) -> str:
    import json

    return json.dumps(d, indent=2, ensure_ascii=True, default=str) + "\n"
