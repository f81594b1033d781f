"""Readers for the formats providers publish their status in: one function each.

Each reader takes the page's parsed JSON (or text, for RSS) and returns the
same small picture: an overall indicator, the components, the unresolved
incidents and the maintenance in progress. Readers never do I/O and never
raise on odd input: a field that is missing is simply not reported; input of
the wrong shape raises ``PageFormatError``, which the caller turns into one line.

Formats (read from their public documentation and public examples):

- ``statuspage``: Atlassian Statuspage's public v2 API, ``/api/v2/summary.json``
  (https://developer.statuspage.io/ and every page's ``/api``); used by
  Anthropic and many others, and served in a compatible form by incident.io
  pages such as OpenAI's.
- ``incidentio``: incident.io's public status widget,
  ``/proxy/<page host>`` -> ``{"summary": {"components", "affected_components",
  "ongoing_incidents", "in_progress_maintenances"}}`` (the source OpenAI's own
  status page and Codex's outage warning read).
- ``google_cloud``: Google Cloud's ``incidents.json``
  (https://status.cloud.google.com/incidents.json): incidents with ``begin``,
  ``end`` (absent while open), ``affected_products`` and ``most_recent_update``.
- ``aws_health``: AWS Health Dashboard's public current events
  (https://health.aws.amazon.com/public/currentevents): a JSON list of events
  with ``service``, ``summary``, ``date`` (epoch seconds) and ``event_log``.
- ``instatus``: Instatus public pages' ``/summary.json`` (Mistral):
  ``page.status`` and ``activeIncidents`` / ``activeMaintenances``.
- ``azure_rss``: Azure status's RSS feed
  (https://azure.status.microsoft/en-us/status/feed/): one ``<item>`` per
  active incident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


class PageFormatError(ValueError):
    """The page answered, but not in the format its reader expects."""


#: The indicator levels, least to most severe.
LEVELS = ("operational", "maintenance", "degraded", "partial_outage", "major_outage")

# Each format's words for a component's or incident's state, mapped to LEVELS.
_LEVEL_OF = {
    "operational": "operational",
    "none": "operational",
    "under_maintenance": "maintenance",
    "maintenance": "maintenance",
    "degraded_performance": "degraded",
    "minor": "degraded",
    "low": "degraded",
    "partial_outage": "partial_outage",
    "major": "partial_outage",
    "medium": "partial_outage",
    "major_outage": "major_outage",
    "full_outage": "major_outage",
    "critical": "major_outage",
    "high": "major_outage",
}


def level(word: object) -> str:
    """A format's state word as one of LEVELS (unknown words count as degraded)."""
    if not isinstance(word, str):
        return "degraded"
    return _LEVEL_OF.get(word.strip().lower(), "degraded")


def worst(levels: list[str]) -> str:
    return max(levels, key=LEVELS.index, default="operational")


@dataclass
class Incident:
    name: str
    level: str
    status: str = ""
    started_at: str | None = None
    updated_at: str | None = None
    latest_update: str = ""
    components: list[str] = field(default_factory=list)
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "level": self.level,
            "status": self.status,
            "started_at": self.started_at,
            "updated_at": self.updated_at,
            "latest_update": self.latest_update,
            "components": list(self.components),
            "url": self.url,
        }


@dataclass
class Page:
    """What one status page says now."""

    indicator: str = "operational"
    description: str = ""
    components: dict[str, str] = field(default_factory=dict)  # name -> level
    incidents: list[Incident] = field(default_factory=list)
    maintenances: list[Incident] = field(default_factory=list)


def _obj(data: object) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise PageFormatError("expected a JSON object")
    return data


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def statuspage(data: object) -> Page:
    obj = _obj(data)
    status = obj.get("status")
    if not isinstance(status, dict) and "components" not in obj:
        raise PageFormatError("no 'status' or 'components' in a Statuspage summary")
    page = Page()
    if isinstance(status, dict):
        page.indicator = level(status.get("indicator", "none"))
        page.description = _str(status.get("description"))
    for comp in _list(obj.get("components")):
        if isinstance(comp, dict) and not comp.get("group") and _str(comp.get("name")):
            page.components[_str(comp.get("name"))] = level(comp.get("status"))
    for inc in _list(obj.get("incidents")):
        if not isinstance(inc, dict) or _str(inc.get("status")) in ("resolved", "postmortem"):
            continue
        updates = [u for u in _list(inc.get("incident_updates")) if isinstance(u, dict)]
        page.incidents.append(
            Incident(
                name=_str(inc.get("name")) or "unnamed incident",
                level=level(inc.get("impact", "minor")),
                status=_str(inc.get("status")),
                started_at=_str(inc.get("started_at") or inc.get("created_at")) or None,
                updated_at=_str(inc.get("updated_at")) or None,
                latest_update=_str(updates[0].get("body")) if updates else "",
                components=[
                    _str(c.get("name")) for c in _list(inc.get("components")) if isinstance(c, dict)
                ],
                url=_str(inc.get("shortlink")) or None,
            )
        )
    for mnt in _list(obj.get("scheduled_maintenances")):
        if isinstance(mnt, dict) and _str(mnt.get("status")) in ("in_progress", "verifying"):
            page.maintenances.append(
                Incident(
                    name=_str(mnt.get("name")) or "maintenance",
                    level="maintenance",
                    status=_str(mnt.get("status")),
                    started_at=_str(mnt.get("scheduled_for")) or None,
                    components=[
                        _str(c.get("name"))
                        for c in _list(mnt.get("components"))
                        if isinstance(c, dict)
                    ],
                )
            )
    return page


def incidentio(data: object) -> Page:
    obj = _obj(data)
    summary = obj.get("summary")
    if not isinstance(summary, dict):
        raise PageFormatError("no 'summary' in an incident.io widget answer")
    names: dict[str, str] = {}
    for comp in _list(summary.get("components")):
        if isinstance(comp, dict) and _str(comp.get("id")):
            names[_str(comp.get("id"))] = _str(comp.get("name")) or _str(comp.get("id"))
    page = Page(components={name: "operational" for name in names.values()})
    for hit in _list(summary.get("affected_components")):
        if isinstance(hit, dict):
            name = names.get(_str(hit.get("component_id")), _str(hit.get("component_id")))
            if name:
                page.components[name] = level(hit.get("status"))
    for inc in _list(summary.get("ongoing_incidents")):
        if not isinstance(inc, dict):
            continue
        affected = [
            names.get(_str(c.get("component_id") or c.get("id")), _str(c.get("name")))
            for c in _list(inc.get("affected_components"))
            if isinstance(c, dict)
        ]
        page.incidents.append(
            Incident(
                name=_str(inc.get("name")) or "unnamed incident",
                level=level(inc.get("current_worst_impact", "degraded_performance")),
                status=_str(inc.get("status")),
                started_at=_str(inc.get("published_at") or inc.get("started_at")) or None,
                updated_at=_str(inc.get("last_update_at")) or None,
                latest_update=_str(inc.get("last_update_message")),
                components=[a for a in affected if a],
                url=_str(inc.get("url")) or None,
            )
        )
    for mnt in _list(summary.get("in_progress_maintenances")):
        if isinstance(mnt, dict):
            page.maintenances.append(
                Incident(
                    name=_str(mnt.get("name")) or "maintenance",
                    level="maintenance",
                    status="in_progress",
                    started_at=_str(mnt.get("started_at")) or None,
                )
            )
    levels = list(page.components.values()) + [i.level for i in page.incidents]
    page.indicator = worst(levels)
    if page.maintenances and page.indicator == "operational":
        page.indicator = "maintenance"
    return page


def google_cloud(data: object) -> Page:
    if not isinstance(data, list):
        raise PageFormatError("expected a JSON list of incidents")
    page = Page()
    for inc in data:
        if not isinstance(inc, dict) or inc.get("end"):
            continue
        update = inc.get("most_recent_update")
        update = update if isinstance(update, dict) else {}
        products = [
            _str(p.get("title")) for p in _list(inc.get("affected_products")) if isinstance(p, dict)
        ]
        page.incidents.append(
            Incident(
                name=" ".join(_str(inc.get("external_desc")).split())[:200] or "unnamed incident",
                level=level(inc.get("severity", "medium")),
                status=_str(update.get("status")) or _str(inc.get("status_impact")),
                started_at=_str(inc.get("begin")) or None,
                updated_at=_str(inc.get("modified") or update.get("when")) or None,
                latest_update=" ".join(_str(update.get("text")).split())[:400],
                components=[p for p in products if p],
                url=("https://status.cloud.google.com/" + _str(inc.get("uri")).lstrip("/"))
                if inc.get("uri")
                else None,
            )
        )
    page.indicator = worst([i.level for i in page.incidents])
    return page


def _epoch(value: object) -> str | None:
    try:
        seconds = float(str(value))
    except ValueError:
        return None
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).isoformat(timespec="seconds")
    except (OverflowError, OSError, ValueError):
        return None


def aws_health(data: object) -> Page:
    if isinstance(data, dict):  # some copies wrap the list
        data = data.get("current") or data.get("events") or []
    if not isinstance(data, list):
        raise PageFormatError("expected a JSON list of events")
    page = Page()
    for event in data:
        if not isinstance(event, dict):
            continue
        log = [e for e in _list(event.get("event_log")) if isinstance(e, dict)]
        last = log[-1] if log else {}
        service = _str(event.get("service")) or _str(event.get("service_name"))
        page.incidents.append(
            Incident(
                name=_str(event.get("summary")) or service or "unnamed event",
                # AWS marks each event 0 resolved, 1 informational, 2 degraded, 3 disrupted.
                level={"0": "operational", "1": "degraded", "2": "partial_outage"}.get(
                    str(event.get("status", "2")), "major_outage"
                ),
                status=_str(last.get("status")) or str(event.get("status", "")),
                started_at=_epoch(event.get("date")),
                updated_at=_epoch(last.get("timestamp")),
                latest_update=" ".join(_str(last.get("message")).split())[:400],
                components=[c for c in (service, _str(event.get("service_name"))) if c],
            )
        )
    page.incidents = [i for i in page.incidents if i.level != "operational"]
    page.indicator = worst([i.level for i in page.incidents])
    return page


_ITEM = re.compile(r"<item\b[^>]*>(.*?)</item>", re.S | re.I)
_TAG = r"<{0}\b[^>]*>(.*?)</{0}>"


def _tag(name: str, xml: str) -> str:
    m = re.search(_TAG.format(name), xml, re.S | re.I)
    if not m:
        return ""
    text = m.group(1)
    if text.startswith("<![CDATA[") and text.endswith("]]>"):
        text = text[9:-3]
    text = re.sub(r"<[^>]+>", " ", text)
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'")):
        text = text.replace(entity, char)
    return " ".join(text.replace("&amp;", "&").split())


def azure_rss(data: object) -> Page:
    if not isinstance(data, str) or "<rss" not in data[:2000].lower():
        raise PageFormatError("expected an RSS feed")
    page = Page()
    for item in _ITEM.findall(data):
        page.incidents.append(
            Incident(
                name=_tag("title", item) or "unnamed incident",
                level="partial_outage",
                started_at=_tag("pubDate", item) or None,
                latest_update=_tag("description", item)[:400],
                components=[c for c in (_tag("category", item),) if c],
                url=_tag("link", item) or None,
            )
        )
    page.indicator = worst([i.level for i in page.incidents])
    return page


def instatus(data: object) -> Page:
    """Instatus's public ``/summary.json``: ``page.status`` (UP, HASISSUES,
    UNDERMAINTENANCE), ``activeIncidents`` and ``activeMaintenances``."""
    obj = _obj(data)
    head = obj.get("page")
    if not isinstance(head, dict) or "status" not in head:
        raise PageFormatError("no 'page.status' in an Instatus summary")
    page = Page(description=_str(head.get("status")))
    impact = {"PARTIALOUTAGE": "partial_outage", "MAJOROUTAGE": "major_outage",
              "MINOROUTAGE": "degraded", "DEGRADEDPERFORMANCE": "degraded"}  # fmt: skip
    for inc in _list(obj.get("activeIncidents")):
        if isinstance(inc, dict) and _str(inc.get("status")).upper() != "RESOLVED":
            page.incidents.append(
                Incident(
                    name=_str(inc.get("name")) or "unnamed incident",
                    level=impact.get(_str(inc.get("impact")).upper(), "degraded"),
                    status=_str(inc.get("status")).lower(),
                    started_at=_str(inc.get("started")) or None,
                    url=_str(inc.get("url")) or None,
                )
            )
    for mnt in _list(obj.get("activeMaintenances")):
        if isinstance(mnt, dict) and _str(mnt.get("status")).upper() == "INPROGRESS":
            page.maintenances.append(
                Incident(name=_str(mnt.get("name")) or "maintenance", level="maintenance",
                         status="in_progress", started_at=_str(mnt.get("start")) or None)
            )  # fmt: skip
    page.indicator = worst([i.level for i in page.incidents])
    if page.indicator == "operational" and _str(head.get("status")).upper() == "HASISSUES":
        page.indicator = "degraded"
    if page.maintenances and page.indicator == "operational":
        page.indicator = "maintenance"
    return page


#: Format name -> (reader, whether the page is JSON).
READERS = {
    "statuspage": (statuspage, True),
    "incidentio": (incidentio, True),
    "google_cloud": (google_cloud, True),
    "aws_health": (aws_health, True),
    "azure_rss": (azure_rss, False),
    "instatus": (instatus, True),
}
