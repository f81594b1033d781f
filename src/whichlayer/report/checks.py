"""Reading saved ``whichlayer check --json`` output (``report --from FILE``).

The shape: ``{"targets": [{client, base_url: {value, source}, protocol, model,
key: {source, fingerprint, shadowed}, stages: [{name, ok, ms, detail}],
findings: [{id, layer, cause, message, fix}], verdict: {layer, cause, origin} | null}]}``.
Unknown fields are ignored and missing ones read as absent, so a newer or
older ``check`` still gives a report.
"""

from __future__ import annotations

import json
from typing import Any


class CheckFormatError(ValueError):
    """The file is not ``whichlayer check --json`` output."""


def _get(d: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(d, dict):
            return None
        d = d.get(key)
    return d


def _target(t: Any) -> dict[str, Any]:
    if not isinstance(t, dict):
        raise CheckFormatError("a target is not an object")
    stages = [s for s in t.get("stages") or [] if isinstance(s, dict)]
    findings = [f for f in t.get("findings") or [] if isinstance(f, dict)]
    return {
        "client": t.get("client"),
        "base_url": _get(t, "base_url", "value"),
        "base_url_source": _get(t, "base_url", "source"),
        "protocol": t.get("protocol"),
        "model": t.get("model"),
        "key_source": _get(t, "key", "source"),
        "key_fingerprint": _get(t, "key", "fingerprint"),
        "key_shadowed": _get(t, "key", "shadowed"),
        "stages": [{k: s.get(k) for k in ("name", "ok", "ms", "detail")} for s in stages],
        "findings": [
            {k: f.get(k) for k in ("id", "layer", "cause", "message", "fix")} for f in findings
        ],
        "verdict": t.get("verdict") if isinstance(t.get("verdict"), dict) else None,
    }


def _probe(data: dict[str, Any]) -> dict[str, Any]:
    """A saved ``whichlayer probe --json`` as one target: its rows as stages, its verdict."""
    t: dict[str, Any] = data["target"] if isinstance(data.get("target"), dict) else {}
    v: dict[str, Any] = data["verdict"] if isinstance(data.get("verdict"), dict) else {}
    rows = [r for r in data.get("results") or [] if isinstance(r, dict)]
    stages = [
        {
            "name": f"probe row {r.get('n')}: {r.get('variant')} {r.get('model') or 'models'} "
            f"{r.get('endpoint')} via {r.get('route')}",
            "ok": r.get("ok"),
            "ms": r.get("ms"),
            "detail": f"{r.get('status')} {r.get('layer')}/{r.get('cause')} "
            f"request id {r.get('request_id')}",
        }
        for r in rows
    ]
    keep = ("layer", "cause", "origin", "owner", "action")
    return {
        "client": "whichlayer probe",
        "base_url": t.get("base_url"),
        "base_url_source": "--base-url",
        "protocol": t.get("protocol"),
        "model": t.get("model"),
        "key_source": _get(t, "key", "source"),
        "key_fingerprint": _get(t, "key", "fingerprint"),
        "key_shadowed": _get(t, "key", "shadowed"),
        "stages": stages,
        "findings": [],
        "verdict": {k: v.get(k) for k in keep} if v.get("layer") or v.get("owner") else None,
        "probe": {
            "verdict": v,
            "requests_sent": data.get("requests_sent"),
        },
        "capabilities": _capabilities_line(data.get("capabilities")),
    }


def _capabilities_line(caps: Any) -> str | None:
    """``probe --capabilities``: one line, each capability x route with its figure."""
    if not isinstance(caps, dict):
        return None
    from whichlayer.probe.capabilities import summary_line

    return summary_line(caps) or None


def read_checks(text: str) -> list[dict[str, Any]]:
    """The targets of a saved check, flattened for the report."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CheckFormatError(f"not JSON ({exc.msg} at line {exc.lineno})") from None
    if isinstance(data, dict) and "results" in data and "verdict" in data:
        return [_probe(data)]  # `whichlayer probe --json`
    targets = data.get("targets") if isinstance(data, dict) else data
    if not isinstance(targets, list):
        raise CheckFormatError('no "targets" list (expected `whichlayer check --json` output)')
    return [_target(t) for t in targets]
