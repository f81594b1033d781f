"""Hand a failed stage's evidence to the diagnosis engine and read its answer."""

from __future__ import annotations

from typing import Any

from whichlayer.check.model import Finding, Verdict

#: What a stage's failure is when the engine cannot say (engine not importable).
STAGE_FALLBACK = {
    "dns": ("network", "dns", "Check the host name in the base URL and your DNS resolver."),
    "tcp": ("network", "connect_refused", "Check the host and port, and any firewall."),
    "proxy": ("network", "proxy", "Check the proxy URL and its credentials."),
    "tls": ("network", "tls_verify", "Check the certificate chain and the CA store in use."),
}


def diagnose(evidence: object, stage: str) -> dict[str, Any]:
    """``whichlayer.explain(evidence)`` as a dict; never raises."""
    try:
        from whichlayer import explain

        return dict(explain(evidence).to_dict())
    except Exception as exc:  # the engine is optional at runtime: report, don't crash
        layer, cause, action = STAGE_FALLBACK.get(
            stage, ("upstream", "unknown", "Read the stage detail.")
        )
        if isinstance(evidence, TimeoutError):
            cause = "connect_timeout" if stage == "tcp" else "read_timeout"
        return {
            "layer": layer,
            "cause": cause,
            "origin": "unknown",
            "actions": [action],
            "summary": f"diagnosis engine unavailable ({type(exc).__name__})",
        }


def verdict_from_diagnosis(d: dict[str, Any], stage: str) -> Verdict:
    actions = d.get("actions") or []
    action = str(actions[0]) if actions else str(d.get("summary") or "")
    return Verdict(str(d.get("layer")), str(d.get("cause")), str(d.get("origin")), stage, action)


def verdict_from_finding(f: Finding) -> Verdict:
    return Verdict(f.layer, f.cause, "client", "config", f.fix)
