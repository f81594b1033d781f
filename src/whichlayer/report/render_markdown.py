"""The report as Markdown, for an issue or a ticket. Renders the redacted dict only."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from whichlayer.redact import neutralize_controls, redact_text


def _cell(value: Any) -> str:
    if isinstance(value, bool | list | dict | tuple):  # never a Python repr in the report
        import json

        value = json.dumps(value, ensure_ascii=False, default=str)
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ").strip()


def _code(value: Any) -> str:
    text = _cell(value).replace("`", "'")
    return f"`{text}`" if text else ""


def _table(rows: list[tuple[str, Any]], code: bool = True) -> list[str]:
    kept = [(k, v) for k, v in rows if v not in (None, "", [], {})]
    if not kept:
        return []
    out = ["| | |", "|---|---|"]
    out += [f"| {k} | {_code(v) if code else _cell(v)} |" for k, v in kept]
    return [*out, ""]


def _headline(r: Mapping[str, Any]) -> str:
    d = r.get("diagnosis")
    if d:
        return f"{d['layer'] or 'unknown'} / {d['cause']}"
    verdicts = [c["verdict"] for c in r.get("checks") or [] if c.get("verdict")]
    if verdicts:
        v = verdicts[0]
        return f"{v.get('layer') or 'unknown'} / {v.get('cause') or 'unknown'} (from check)"
    return "evidence"


def _diagnosis(d: Mapping[str, Any] | None) -> list[str]:
    if not d:
        return []
    out = ["### Diagnosis", "", _cell(d.get("summary")), ""]
    out += _table(
        [
            ("layer", d.get("layer")),
            ("cause", d.get("cause")),
            ("origin", d.get("origin")),
            ("retry", d.get("retry")),
            ("confidence", d.get("confidence")),
        ]
    )
    if d.get("actions"):
        out += ["**First steps**", ""]
        out += [f"{i}. {_cell(a)}" for i, a in enumerate(d["actions"], 1)] + [""]
    return out


def _seen(r: Mapping[str, Any]) -> list[str]:
    req, resp = r.get("request") or {}, r.get("response") or {}
    err = resp.get("error") or {}
    rows = [
        ("status", resp.get("status")),
        ("error type", err.get("type")),
        ("error code", err.get("code")),
        ("error status", err.get("status_text")),
        ("message", err.get("message")),
        ("param", err.get("param")),
        ("error format", err.get("dialect")),
        ("upstream named", err.get("provider_name")),
        ("html page", resp.get("html_title")),
        ("exception", ", ".join(resp.get("exception_types") or [])),
        ("transport", ", ".join(resp.get("transport") or [])),
        ("method", req.get("method")),
        ("host", req.get("host")),
        ("base URL", req.get("base_url")),
        ("path", req.get("path")),
        ("endpoint", f"{req['endpoint']} ({req['protocol']})" if req.get("endpoint") else None),
        ("model", req.get("model")),
        ("provider", req.get("provider")),
        ("client", req.get("client")),
    ]
    table = _table(rows)
    return ["### What was seen", "", *table] if table else []


def _headers(r: Mapping[str, Any]) -> list[str]:
    headers = (r.get("response") or {}).get("headers") or {}
    if not headers:
        return []
    out = ["<details><summary>Response headers seen</summary>", ""]
    return [*out, *_table(list(headers.items())), "</details>", ""]


#: Who issued a request id, in words (``upstream`` is the provider itself).
_PARTY = {"upstream": "the provider", "client": "the client"}


def _request_ids(r: Mapping[str, Any]) -> list[str]:
    ids = r.get("request_ids") or []
    if not ids:
        return []
    out = ["### Request ids", "", "| id | issued by | read from |", "|---|---|---|"]
    out += [
        f"| {_code(i['value'])} | {_cell(_PARTY.get(i['party'], i['party']))} "
        f"| {_cell(i['source'])} |"
        for i in ids
    ]
    return [*out, ""]


def _signs(r: Mapping[str, Any]) -> list[str]:
    signs = r.get("intermediaries") or []
    out = ["### Relay, gateway or proxy", ""]
    if not signs:
        return [*out, "No sign of a relay, gateway or proxy in the evidence.", ""]
    out += [f"- {_code(s['seen'])}: {_cell(s['suggests'])}" for s in signs]
    return [*out, ""]


def _retry(r: Mapping[str, Any]) -> list[str]:
    hints = r.get("retry") or {}
    rows: list[tuple[str, Any]] = [
        ("retry", hints.get("retry")),
        ("retry after (s)", hints.get("retry_after_s")),
    ]
    rows += list((hints.get("headers") or {}).items())
    rows += [(f"limit: {k}", v) for k, v in (hints.get("limits") or {}).items()]
    table = _table(rows)
    return ["### Retry hints", "", *table] if table else []


def _environment(r: Mapping[str, Any]) -> list[str]:
    env = r.get("environment") or {}
    rows: list[tuple[str, Any]] = [("python", env.get("python")), ("os", env.get("os"))]
    rows += list((env.get("packages") or {}).items())
    rows += [(f"{k} (cli)", v) for k, v in (env.get("clis") or {}).items()]
    rows += list((env.get("proxy_settings") or {}).items())
    rows += list((env.get("base_url_settings") or {}).items())
    return ["### Environment", "", *_table(rows)]


def _checks(r: Mapping[str, Any]) -> list[str]:
    checks = r.get("checks") or []
    if not checks:
        return []
    out = ["### Checks (from `whichlayer check`)", ""]
    for c in checks:
        verdict = c.get("verdict") or {}
        out += [f"**{_cell(c.get('client')) or 'client'}**", ""]
        out += _table(
            [
                ("base URL", c.get("base_url")),
                ("base URL from", c.get("base_url_source")),
                ("protocol", c.get("protocol")),
                ("model", c.get("model")),
                ("key from", c.get("key_source")),
                ("key", c.get("key_fingerprint")),
                ("key shadowed", c.get("key_shadowed")),
                (
                    "verdict",
                    " / ".join(str(verdict.get(k)) for k in ("layer", "cause", "origin"))
                    if verdict
                    else None,
                ),
                ("owner of the fix", verdict.get("owner")),  # from `whichlayer probe`
                ("first action", verdict.get("action")),
                ("capabilities", c.get("capabilities")),  # from `probe --capabilities`
                (
                    "failed stages",
                    ", ".join(
                        f"{s.get('name')}: {s.get('detail')}"
                        for s in c.get("stages") or []
                        if s.get("ok") is False
                    ),
                ),
            ]
        )
        out += [
            f"- {_code(f.get('id'))} {_cell(f.get('message'))} Fix: {_cell(f.get('fix'))}"
            for f in c.get("findings") or []
        ]
        out += [""]
    return out


def _unknown(r: Mapping[str, Any]) -> list[str]:
    items = r.get("unknown") or []
    return ["### Still unknown", "", *[f"- [ ] {_cell(i)}" for i in items], ""] if items else []


def _fence(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _excerpt(r: Mapping[str, Any]) -> list[str]:
    text = r.get("excerpt")
    if not text:
        return []
    fence = _fence(text)
    return [
        "<details><summary>The error as pasted (redacted)</summary>",
        "",
        fence,
        text,
        fence,
        "",
        "</details>",
        "",
    ]


def _why(r: Mapping[str, Any]) -> list[str]:
    facts = (r.get("diagnosis") or {}).get("facts") or []
    if not facts:
        return []
    out = ["### Why (rules that fired)", ""]
    for f in facts:
        used = " · ".join(f"{k}: {v}" for k, v in (f.get("used") or {}).items())
        out.append(
            f"- {_code(f.get('rule'))} {_cell(f.get('statement'))}"
            + (f" [{_cell(used)}]" if used else "")
        )
    return [*out, ""]


def markdown(report: Mapping[str, Any]) -> str:
    """The Markdown form of a redacted report (redacted once more on the way out)."""
    meta = report.get("report") or {}
    out = [f"## whichlayer report: `{_headline(report)}`", ""]
    out += [
        f"Generated {meta.get('generated_at')} by whichlayer {meta.get('version')}. "
        "Secrets are masked (platform, prefix, last 4, length, keyed hash)"
        + ("." if meta.get("include_prompt") else "; prompt and message content is left out."),
        "",
    ]
    if meta.get("input_truncated"):
        out += [f"> **Input truncated**: {_cell(meta['input_truncated'])}.", ""]
    if meta.get("engine_error"):
        out += [f"> The diagnosis engine failed on this input ({_cell(meta['engine_error'])}).", ""]
    for part in (
        _diagnosis(report.get("diagnosis")),
        _seen(report),
        _request_ids(report),
        _signs(report),
        _retry(report),
        _headers(report),
        _checks(report),
        _environment(report),
        _unknown(report),
        _why(report),
        _excerpt(report),
    ):
        out += part
    # Prompt content was handled field by field; this pass only catches secrets.
    text = redact_text("\n".join(out).rstrip("\n") + "\n", keep_prompt=True)
    return neutralize_controls(text)
