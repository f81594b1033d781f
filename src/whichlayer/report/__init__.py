"""The evidence bundle: what support, a relay operator or a maintainer asks for first.

``build_report(error, checks=...)`` reads a pasted error (anything
``whichlayer.explain`` accepts) and, optionally, saved ``whichlayer check
--json`` targets, and returns a JSON-ready dict that has already passed
through the redactor. ``markdown(report)`` renders it for an issue or a ticket.
Layout of the dict: ``docs/report.md``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from whichlayer.redact import escape_json_controls, find_secrets, redact_data, redact_text
from whichlayer.report.checks import CheckFormatError, read_checks
from whichlayer.report.environment import describe_machine
from whichlayer.report.render_markdown import markdown
from whichlayer.report.signs import endpoint, intermediaries, retry_hints
from whichlayer.report.unknowns import unknowns

__all__ = ["CheckFormatError", "build_report", "markdown", "read_checks", "to_json"]

# A timestamp in the paste: ISO 8601, or an HTTP ``date:`` header.
_TIMESTAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|^date:\s*\w{3}, \d{1,2} \w{3} \d{4}", re.I | re.M
)
#: How much of the pasted error the report quotes (after redaction): the first
#: EXCERPT_HEAD_LINES and the last lines up to EXCERPT_MAX_LINES (errors are usually at the end).
EXCERPT_MAX_LINES = 60
EXCERPT_HEAD_LINES = 20
EXCERPT_MAX_CHARS = 6000


def _excerpt(error: object) -> str | None:
    if isinstance(error, bytes | bytearray):
        text = bytes(error).decode("utf-8", "replace")
    elif isinstance(error, str):
        text = error
    elif isinstance(error, dict | list):
        text = json.dumps(error, indent=2, ensure_ascii=False)
    else:
        return None
    text = text.strip("\n")
    lines = text.splitlines()
    if len(lines) <= EXCERPT_MAX_LINES and len(text) <= EXCERPT_MAX_CHARS:
        return text
    head = "\n".join(lines[:EXCERPT_HEAD_LINES])[: EXCERPT_MAX_CHARS // 3]
    first_tail = len(lines) - (EXCERPT_MAX_LINES - EXCERPT_HEAD_LINES)
    tail_lines = lines[max(EXCERPT_HEAD_LINES, first_tail) :]
    tail = "\n".join(tail_lines)[-(EXCERPT_MAX_CHARS - len(head)) :]
    return f"{head}\n[… {len(lines) - EXCERPT_HEAD_LINES - len(tail_lines)} lines cut …]\n{tail}"


def _diagnose(error: object) -> tuple[dict[str, Any], dict[str, Any]]:
    from whichlayer._explain import explain, to_evidence

    evidence = to_evidence(error)
    return _tidy(evidence.to_dict()), explain(evidence).to_dict()


#: Bare names that only echo words of a message ("Error code: 429"), never an exception class
#: worth listing next to a real one.
_GENERIC_EXCEPTIONS = frozenset({"Error", "Exception", "BaseException"})
#: Python SDKs that name themselves in their exception classes (``openai.RateLimitError``).
_SDK_PREFIXES = ("openai", "anthropic", "google.genai", "litellm", "botocore", "mistralai", "groq")


def _tidy(ev: dict[str, Any]) -> dict[str, Any]:
    """What the report shows from the evidence: no generic exception name next to a real one,
    a request id in a provider's own header at the provider's own host issued by it, and the
    SDK named when its exception class names it."""
    from whichlayer.report.signs import is_first_party

    types = [str(t) for t in ev.get("exception_types") or []]
    specific = [t for t in types if t not in _GENERIC_EXCEPTIONS]
    if specific:
        ev["exception_types"] = specific
    if is_first_party(ev.get("host")) and not ev.get("html_vendor"):
        for rid in ev.get("request_ids") or []:
            if rid.get("party") in (None, "unknown") and rid.get("source") in _PROVIDER_ID_HEADERS:
                rid["party"] = "upstream"
    if not ev.get("client"):
        for t in specific:
            for prefix in _SDK_PREFIXES:
                if t.startswith(prefix + "."):
                    ev["client"] = f"{prefix} (Python SDK, from {t})"
                    break
            if ev.get("client"):
                break
    return ev


#: Headers a provider sets on its own answers (a relay or gateway in between would show itself).
_PROVIDER_ID_HEADERS = frozenset(
    {"x-request-id", "request-id", "apim-request-id", "x-amzn-requestid", "x-goog-request-id"}
)


def _request(ev: Mapping[str, Any], d: Mapping[str, Any]) -> dict[str, Any]:
    ep = endpoint(ev.get("path"))
    host = ev.get("host")
    return {
        "client": ev.get("client"),
        "method": ev.get("method"),
        "host": host,
        "path": ev.get("path"),
        "base_url": f"{host}{ep['base_path'] if ep else ''}".rstrip("/") if host else None,
        "endpoint": ep["name"] if ep else None,
        "protocol": ep["protocol"] if ep else None,
        "model": ev.get("model") or d.get("model"),
        "provider": d.get("provider"),
    }


def _response(ev: Mapping[str, Any]) -> dict[str, Any]:
    bodies = list(ev.get("bodies") or [])
    keys = ("status", "statuses", "status_source", "html_title", "html_vendor")
    out: dict[str, Any] = {k: ev.get(k) for k in keys}
    out["error"] = bodies[0] if bodies else None
    out["nested_errors"] = bodies[1:]
    out["headers"] = dict(ev.get("headers") or {})
    out["exception_types"] = list(ev.get("exception_types") or [])
    out["transport"] = list(ev.get("transport") or [])
    out["truncated"] = bool(ev.get("truncated"))
    return out


def build_report(
    error: object | None = None,
    *,
    checks: list[dict[str, Any]] | None = None,
    include_prompt: bool = False,
    probe_clis: bool = True,
    environ: Mapping[str, str] | None = None,
    now: datetime | None = None,
    truncated: str | None = None,
) -> dict[str, Any]:
    """The redacted evidence bundle for ``error`` and/or saved ``check`` targets.

    ``truncated``: a sentence saying the input was cut (shown in the report).
    A value recognised as secret anywhere in ``error`` is masked wherever the
    report repeats it (message row, excerpt, headers, everything).
    """
    from whichlayer import __version__

    ev: dict[str, Any] | None = None
    d: dict[str, Any] | None = None
    engine_error = None
    if error is not None:
        try:
            ev, d = _diagnose(error)
        except Exception as exc:  # a report without a diagnosis still carries the evidence
            engine_error = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
    env = describe_machine(environ, probe_clis=probe_clis)
    excerpt = _excerpt(error) if error is not None else None
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    report: dict[str, Any] = {
        "report": {
            "tool": "whichlayer",
            "version": __version__,
            "generated_at": stamp,
            "include_prompt": include_prompt,
            "engine_error": engine_error,
            "input_truncated": truncated,
        },
        "diagnosis": d,
        "request": _request(ev, d or {}) if ev is not None else None,
        "response": _response(ev) if ev is not None else None,
        "request_ids": list((ev or {}).get("request_ids") or []),
        "intermediaries": intermediaries(ev or {}, (d or {}).get("origin"), env),
        "retry": retry_hints(ev or {}, d),
        "environment": env,
        "checks": checks or [],
        "unknown": unknowns(ev, d, checks, has_time=bool(excerpt and _TIMESTAMP.search(excerpt))),
        "excerpt": excerpt,
    }
    known = find_secrets(_full_text(error)) if error is not None else {}
    return dict(redact_data(report, keep_prompt=include_prompt, known=known))


def _full_text(error: object) -> str:
    if isinstance(error, bytes | bytearray):
        return bytes(error).decode("utf-8", "replace")
    if isinstance(error, str):
        return error
    try:
        return json.dumps(error, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(error)


def to_json(report: Mapping[str, Any]) -> str:
    """The report as JSON text (redacted once more on the way out)."""
    # Prompt content was handled field by field; this pass only catches secrets.
    text = redact_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", keep_prompt=True)
    return escape_json_controls(text)
