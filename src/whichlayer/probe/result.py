"""A finished (or interrupted) probe as the ``--json`` document, and its text rendering."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from whichlayer.check.model import Target
from whichlayer.probe.model import MAX_OUTPUT_TOKENS, Verdict, owner_words
from whichlayer.probe.run import Options, Probe
from whichlayer.redact import redact_data


@dataclass(slots=True)
class Result:
    probe: Probe
    verdict: Verdict

    @property
    def exit_code(self) -> int:
        return self.verdict.exit_code

    def to_dict(self) -> dict[str, Any]:
        """Exactly ``{"target", "plan", "results", "verdict", "requests_sent"}``, redacted."""
        p = self.probe
        t = p.target
        target = {
            "client": t.client,
            "base_url": t.base_url.value if t.base_url else None,
            "protocol": t.protocol,
            "model": p.model,
            "key": t.key_dict(),
            "direct_base_url": (
                p.direct.base_url.value if p.direct and p.direct.base_url else None
            ),
            "max_requests": p.budget.limit,
            "max_output_tokens_per_request": MAX_OUTPUT_TOKENS,
        }
        data = {
            "target": target,
            "plan": [s.to_dict() for s in p.plan],
            "results": [r.to_dict() for r in sorted(p.rows, key=lambda r: r.n)],
            "verdict": self.verdict.to_dict(),
            "requests_sent": p.budget.sent,
        }
        return dict(redact_data(data))


def probe(target: Target, direct: Target | None, options: Options) -> Result:
    """Run a probe to the end (blocking)."""
    p = Probe(target, direct, options)
    verdict = asyncio.run(p.run())
    return Result(p, verdict)


def render_text(data: dict[str, Any], outcome: str) -> str:
    """The matrix, then the verdict, from a (redacted) ``to_dict``."""
    lines = [
        "",
        "  #  kind                 model                  endpoint          route   "
        "status  layer/cause                    request id                 ms",
    ]
    for r in data["results"]:
        status = "—" if r["status"] is None else str(r["status"])
        lc = "ok" if r["ok"] else f"{r['layer']}/{r['cause']}"
        lines.append(
            f"{r['n']:>3}  {r['variant'][:19]:<19}  {(r['model'] or '(listing)')[:21]:<21}  "
            f"{r['endpoint'][:16]:<16}  {r['route']:<6}  {status:>6}  {lc[:29]:<29}  "
            f"{(r['request_id'] or '-')[:25]:<25}  {r['ms']:>6.0f}"
        )
    v = data["verdict"]
    lines.append("")
    if outcome == "healthy":
        lines.append("verdict: healthy — " + v["action"])
    elif outcome == "inconclusive":
        lines.append(f"verdict: inconclusive — {v['layer']} / {v['cause']}: {v['action']}")
    else:
        lines.append(f"verdict: {v['layer']} / {v['cause']} (said by: {v['origin']})")
        lines.append(f"  owner:  {owner_words(v['owner'])} [{v['owner']}]")
        lines.append(f"  first:  {v['action']}")
    if v["evidence"]:
        lines.append("  evidence:")
        lines += [f"    row {e['row']}: {e['note']}" for e in v["evidence"]]
    lines.append(
        f"requests sent: {data['requests_sent']} of at most {data['target']['max_requests']}"
    )
    return "\n".join(lines) + "\n"
