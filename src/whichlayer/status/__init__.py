"""``whichlayer status``: what the providers' own status pages say now.

One short GET per page, within one deadline, with a byte cap, cached for a
minute in the user's cache directory, never retried in a loop. A page that
cannot be read gives a report with ``error`` set, never an exception, so a
verdict that consults it still stands.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from whichlayer.status.pages import StatusPage, page_for, pages
from whichlayer.status.readers import READERS, Incident, PageFormatError

__all__ = [
    "DEFAULT_TIMEOUT",
    "StatusReport",
    "for_verdict",
    "page_for",
    "pages",
    "read",
    "read_many",
]

#: One status page must answer within this (seconds): a verdict waits for it.
DEFAULT_TIMEOUT = 3.0
#: Answers are reused this long (seconds): pages change slowly, and a loop of
#: commands must not hammer them.
CACHE_TTL = 60.0
#: Largest page read (bytes); Google's incidents.json is the biggest, ~1 MB.
MAX_BYTES = 4 * 1024 * 1024
#: Formats that carry every product of a cloud, not one provider's API.
WHOLE_CLOUD_FORMATS = ("google_cloud", "aws_health", "azure_rss")

_LEVEL_WORDS = {
    "operational": "operational",
    "maintenance": "under maintenance",
    "degraded": "degraded performance",
    "partial_outage": "a partial outage",
    "major_outage": "a major outage",
}


@dataclass
class StatusReport:
    provider: str
    name: str
    url: str
    indicator: str = "unknown"
    description: str = ""
    api_components: dict[str, str] = field(default_factory=dict)
    incidents: list[Incident] = field(default_factory=list)
    other_incidents: list[Incident] = field(default_factory=list)
    maintenances: list[Incident] = field(default_factory=list)
    read_at: str | None = None
    cached: bool = False
    error: str | None = None

    @property
    def api_affected(self) -> bool:
        """An unresolved incident, or a component of the API not operational."""
        if self.error:
            return False
        bad = {"degraded", "partial_outage", "major_outage"}
        return bool(self.incidents) or any(v in bad for v in self.api_components.values())

    def sentence(self) -> str:
        """One line for a verdict: is it them?"""
        if self.error:
            return f"Could not read {self.name}'s status page ({self.error})."
        if self.api_affected:
            if self.incidents:
                inc = self.incidents[0]
                since = f" since {_hhmm(inc.started_at)}" if inc.started_at else ""
                return (
                    f"{self.name} reports {_LEVEL_WORDS.get(inc.level, inc.level)}: "
                    f"{inc.name}{since} — wait; retrying will not help until it is resolved."
                )
            names = ", ".join(
                n for n, v in self.api_components.items() if v not in ("operational", "maintenance")
            )
            return f"{self.name} shows {names} as not operational — wait before retrying."
        return (
            f"{self.name}'s status page declares no incident for its API "
            f"(read {_hhmm(self.read_at)}): suspect load on this model, a relay channel, "
            "or the request itself."
        )

    def ahead_of(self, action: object) -> str:
        """A verdict's first action with what the page says put first: it decides whether
        acting at all makes sense yet."""
        return f"{self.sentence()} {action or ''}".strip()

    def to_dict(self) -> dict[str, Any]:
        return {
            "provider": self.provider,
            "name": self.name,
            "url": self.url,
            "indicator": self.indicator,
            "description": self.description,
            "api_affected": self.api_affected,
            "api_components": dict(self.api_components),
            "incidents": [i.to_dict() for i in self.incidents],
            "other_incidents": [i.to_dict() for i in self.other_incidents],
            "maintenances": [i.to_dict() for i in self.maintenances],
            "read_at": self.read_at,
            "cached": self.cached,
            "error": self.error,
            "summary": self.sentence(),
        }


def _hhmm(stamp: str | None) -> str:
    if not stamp:
        return "an unknown time"
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "whichlayer" / "status"


def _cache_path(url: str) -> Path:
    return _cache_dir() / (hashlib.sha256(url.encode()).hexdigest()[:24] + ".json")


def _cached(url: str) -> tuple[str, float] | None:
    try:
        data = json.loads(_cache_path(url).read_text(encoding="utf-8"))
        fetched = float(data["fetched"])
        body = data["body"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(body, str) or not 0 <= time.time() - fetched < CACHE_TTL:
        return None
    return body, fetched


def _store(url: str, body: str) -> None:
    path = _cache_path(url)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"fetched": time.time(), "url": url, "body": body}, handle)
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written is only slower


def _get(url: str, timeout: float) -> str:
    """GET ``url`` within ``timeout`` seconds overall, reading at most MAX_BYTES."""
    import httpx2

    deadline = time.monotonic() + timeout
    with (
        httpx2.Client(timeout=httpx2.Timeout(timeout), follow_redirects=True) as client,
        client.stream("GET", url, headers={"accept": "application/json, */*"}) as response,
    ):
        if response.status_code != 200:
            raise PageFormatError(f"HTTP {response.status_code}")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > MAX_BYTES:
                raise PageFormatError(f"page larger than {MAX_BYTES // (1024 * 1024)} MB")
            if time.monotonic() > deadline:
                raise TimeoutError
            chunks.append(chunk)
        raw = b"".join(chunks)
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # AWS has served its events as UTF-16
        return raw.decode("utf-16", "replace")
    return raw.decode("utf-8", "replace")


def read(provider: str, timeout: float = DEFAULT_TIMEOUT, use_cache: bool = True) -> StatusReport:
    """What ``provider``'s status page says now; never raises for network or format trouble."""
    page = page_for(provider)
    if page is None:
        raise KeyError(provider)
    url = page.effective_url()
    report = StatusReport(provider=page.provider, name=page.name, url=url)
    hit = _cached(url) if use_cache else None
    try:
        if hit is not None:
            body, fetched = hit
            report.cached = True
        else:
            body, fetched = _get(url, timeout), time.time()
        report.read_at = datetime.fromtimestamp(fetched, tz=UTC).isoformat(timespec="seconds")
        _fill(report, page, body)
    except PageFormatError as exc:
        report.error = f"the page did not answer as expected: {exc}"
        return report
    except (TimeoutError, OSError) as exc:
        report.error = _network_words(exc, timeout)
        return report
    except Exception as exc:  # httpx2's errors, without importing it at module load
        if type(exc).__module__.split(".")[0] not in ("httpx2", "httpx", "httpcore", "httpcore2"):
            raise
        report.error = _network_words(exc, timeout)
        return report
    if hit is None:
        _store(url, body)
    return report


def _network_words(exc: BaseException, timeout: float) -> str:
    name = type(exc).__name__
    if "Timeout" in name or isinstance(exc, TimeoutError):
        return f"no answer within {timeout:g} s"
    if "Connect" in name or isinstance(exc, ConnectionError):
        return "could not connect"
    return f"could not read it ({name})"


def _fill(report: StatusReport, page: StatusPage, body: str) -> None:
    reader, is_json = READERS[page.format]
    if is_json:
        try:
            data: object = json.loads(body)
        except ValueError:
            what = "an HTML page" if body.lstrip()[:1] == "<" else "text that is not JSON"
            raise PageFormatError(f"{what} instead of JSON") from None
    else:
        data = body
    parsed = reader(data)
    report.indicator = parsed.indicator
    report.description = parsed.description

    def is_api(name: str) -> bool:
        low = name.lower()
        return any(word in low for word in page.api_words)

    report.api_components = {n: v for n, v in parsed.components.items() if is_api(n)}
    # A whole cloud's feed lists every product's incidents: one counts only when its
    # products or words name the API. A provider's own page: an incident that
    # names no component may touch the API, so it counts.
    whole_cloud = page.format in WHOLE_CLOUD_FORMATS
    for inc in parsed.incidents:
        if whole_cloud:
            touches = any(is_api(c) for c in (*inc.components, inc.name, inc.latest_update))
        else:
            touches = not inc.components or any(is_api(c) for c in inc.components)
        (report.incidents if touches else report.other_incidents).append(inc)
    report.maintenances = parsed.maintenances


def read_many(
    providers: list[str], timeout: float = DEFAULT_TIMEOUT, use_cache: bool = True
) -> list[StatusReport]:
    """Read several pages at once; the whole call takes about one ``timeout``."""
    if not providers:
        return []
    with concurrent.futures.ThreadPoolExecutor(max_workers=min(8, len(providers))) as pool:
        futures = [pool.submit(read, p, timeout, use_cache) for p in providers]
        return [f.result() for f in futures]


#: Set (to anything) to never consult a status page from a verdict: an air-gapped machine,
#: or a test suite that must not reach the internet. ``whichlayer status`` still reads.
NO_STATUS_ENV = "WHICHLAYER_NO_STATUS"
#: Least time worth spending on a status page within a command's deadline (seconds).
STATUS_MIN_S = 0.5


def for_verdict(
    layer: object,
    origin: object,
    host: str | None,
    protocol: str | None = None,
    provider: str | None = None,
    left: float = DEFAULT_TIMEOUT,
) -> StatusReport | None:
    """The status page reading an upstream verdict deserves, or None.

    The page is the provider of the failing host; when the host is not a provider's
    own (a relay, a local gateway) the provider named by the engine or the client's
    protocol speaks only if the provider's own words were passed on (origin upstream).
    Read within ``left`` seconds, never more than DEFAULT_TIMEOUT.
    """
    from whichlayer.status.pages import page_for_diagnosis, protocol_provider

    if layer != "upstream" or left < STATUS_MIN_S or os.environ.get(NO_STATUS_ENV):
        return None
    page = page_for_diagnosis(None, host) if host else None
    if page is None and (host is None or origin == "upstream"):
        page = page_for(provider) or page_for(protocol_provider(protocol))
    if page is None:
        return None
    return read(page.provider, timeout=min(DEFAULT_TIMEOUT, left))
