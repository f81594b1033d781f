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


def read_checks(text: str) -> list[dict[str, Any]]:
    """The targets of a saved check, flattened for the report."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CheckFormatError(f"not JSON ({exc.msg} at line {exc.lineno})") from None
    targets = data.get("targets") if isinstance(data, dict) else data
    if not isinstance(targets, list):
        raise CheckFormatError('no "targets" list (expected `whichlayer check --json` output)')
    return [_target(t) for t in targets]
