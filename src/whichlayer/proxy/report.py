"""A stored record as input to ``whichlayer report --from-proxy ID``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from whichlayer.proxy.store import default_path, read_records

#: The record fields a report carries beside the engine's reading of the exchange.
REPORT_FIELDS = (
    "id",
    "ts",
    "method",
    "path",
    "upstream",
    "model",
    "stream",
    "status",
    "stream_end",
    "connect_ms",
    "ttfb_ms",
    "first_frame_ms",
    "total_ms",
    "max_gap_ms",
    "frames",
    "req_bytes",
    "resp_bytes",
    "reused",
    "proxy_error",
    "flags",
    "key_fp",
    "body_hash",
    "user_agent",
)


class RecordNotFound(LookupError):
    """No record with that id in the store."""


def load_record(record_id: int, store: str | Path | None = None) -> dict[str, Any]:
    path = Path(store) if store is not None else default_path()
    if not path.exists():
        raise RecordNotFound(f"no proxy store at {path}")
    rows = read_records(path, limit=1, record_id=record_id)
    if not rows:
        raise RecordNotFound(f"no record #{record_id} in {path}")
    return rows[0]


def as_paste(row: dict[str, Any]) -> str:
    """The exchange as the text a user would paste: request line, status, headers, body."""
    lines = [f"{row['method']} {row.get('upstream') or ''}{row['path']}"]
    if row.get("model"):
        lines.append(f'request body: {{"model": "{row["model"]}"}}')
    if row.get("status") is not None:
        lines.append(f"HTTP {row['status']}")
    lines += [f"{name}: {value}" for name, value in (row.get("headers") or {}).items()]
    if row.get("stream_end") not in (None, "complete", "no_answer"):
        lines.append(
            f"the stream ended {row['stream_end'].replace('_', ' ')} after "
            f"{row.get('resp_bytes') or 0} bytes ({row.get('frames') or 0} SSE frames)"
        )
    if row.get("error_body"):
        lines += ["", str(row["error_body"])]
    return "\n".join(lines)


def record_section(row: dict[str, Any]) -> dict[str, Any]:
    """What the proxy measured, as it goes into the report (already redacted in the store)."""
    out = {k: row.get(k) for k in REPORT_FIELDS}
    out["diagnosis_at_record_time"] = {k: row.get(k) for k in ("layer", "cause", "origin", "retry")}
    return out


def markdown_section(section: dict[str, Any]) -> str:
    lines = ["", "## Recorded by `whichlayer proxy`", "", "| field | value |", "|---|---|"]
    for key, value in section.items():
        if value is None or value == [] or key == "diagnosis_at_record_time":
            continue
        text = str(value).replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {key} | `{text}` |")
    return "\n".join(lines) + "\n"
