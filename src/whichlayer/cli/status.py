"""``whichlayer status``: is it them? The providers' own status pages, read now."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from whichlayer.status import StatusReport


#: Shown at the end of --help.
EXAMPLES = """\
  whichlayer status                      # the providers of the clients on this machine
  whichlayer status anthropic openai     # named providers
  whichlayer status google --json        # as JSON (exit 1 if an incident touches the API)
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "status",
        help="read the providers' own status pages (is it them?)",
        description="Read the providers' public status pages: the overall indicator, the "
        "API's components, unresolved incidents and maintenance in progress. "
        "Exit 0 all operational, 1 an incident touches the API, 2 usage error, "
        "3 a page could not be read.",
    )
    p.add_argument("providers", nargs="*", metavar="PROVIDER", help="e.g. anthropic, openai")
    p.add_argument("--json", action="store_true", help="print the reports as JSON")
    p.add_argument(
        "--timeout", type=float, default=None, metavar="S", help="per page, in seconds (default 3)"
    )
    p.add_argument("--no-cache", action="store_true", help="do not reuse an answer under 60 s old")
    p.set_defaults(func=run)


def _default_providers() -> list[str]:
    """The providers of the clients `check` finds on this machine (offline), else the big three."""
    import os
    from pathlib import Path
    from urllib.parse import urlsplit

    from whichlayer.status.pages import protocol_provider, provider_for_host

    found: list[str] = []
    try:
        from whichlayer.check.discover import discover
        from whichlayer.check.model import Context

        for target in discover(Context(dict(os.environ), Path.home(), Path.cwd())):
            if target.base_url is None:
                provider = protocol_provider(target.protocol)
            else:
                provider = provider_for_host(urlsplit(target.base_url.value).hostname)
            if provider and provider not in found:
                found.append(provider)
    except Exception:  # discovery is a convenience here; the default below stands
        found = []
    return found or ["anthropic", "openai", "google"]


def run(args: argparse.Namespace) -> int:
    from whichlayer.cli import UsageError
    from whichlayer.cli._io import write_text
    from whichlayer.redact import neutralize_controls, redact_text
    from whichlayer.status import DEFAULT_TIMEOUT, page_for, pages, read_many
    from whichlayer.status.pages import human_page

    timeout = DEFAULT_TIMEOUT if args.timeout is None else args.timeout
    if not 0 < timeout <= 60:
        raise UsageError("--timeout takes seconds from more than 0 up to 60")
    names = list(args.providers) or _default_providers()
    providers: list[str] = []
    for name in names:
        page = page_for(name)
        if page is None:
            human = human_page(name)
            if human:
                raise UsageError(f"{name}'s status page has no machine-readable form: see {human}")
            known = ", ".join(sorted(pages()))
            raise UsageError(f"no status page known for {name!r} (known: {known})")
        if page.provider not in providers:
            providers.append(page.provider)
    reports = read_many(providers, timeout=timeout, use_cache=not args.no_cache)
    if args.json:
        write_text(
            redact_text(json.dumps({"providers": [r.to_dict() for r in reports]}, indent=2) + "\n")
        )
    else:
        write_text(neutralize_controls(redact_text(render(reports))))
    if any(r.api_affected for r in reports):
        return 1
    if any(r.error for r in reports):
        return 3
    return 0


_MARK = {
    "operational": "ok",
    "maintenance": "maintenance",
    "degraded": "DEGRADED",
    "partial_outage": "PARTIAL OUTAGE",
    "major_outage": "MAJOR OUTAGE",
}


def render(reports: Sequence[StatusReport]) -> str:
    lines: list[str] = []
    for r in reports:
        head = f"{r.name}: "
        if r.error:
            lines.append(head + f"could not read the status page ({r.error})")
            lines.append(f"  {r.url}")
            lines.append("")
            continue
        state = "incident touching the API" if r.api_affected else "API operational"
        when = " (cached)" if r.cached else ""
        lines.append(head + f"{state}; overall {_MARK.get(r.indicator, r.indicator)}{when}")
        for name, lvl in r.api_components.items():
            lines.append(f"  {_MARK.get(lvl, lvl):<14} {name}")
        for inc in r.incidents:
            since = f" since {inc.started_at}" if inc.started_at else ""
            lines.append(f"  incident: {inc.name} ({inc.status or inc.level}){since}")
            if inc.latest_update:
                lines.append(f"    latest: {inc.latest_update[:200]}")
        for mnt in r.maintenances:
            lines.append(f"  maintenance in progress: {mnt.name}")
        if r.other_incidents:
            lines.append(f"  ({len(r.other_incidents)} other incident(s), not on the API)")
        lines.append(f"  {r.sentence()}")
        lines.append("")
    return "\n".join(lines)
