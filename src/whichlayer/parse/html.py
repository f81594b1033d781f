"""HTML error pages: CDNs, reverse proxies and web frameworks answering instead of the API."""

from __future__ import annotations

import re

from whichlayer.prefilter import LazyPattern

_TITLE = LazyPattern(r"<title>\s*([^<]{1,300}?)\s*</title>", re.I)
_H1 = LazyPattern(r"<h1[^>]*>\s*([^<]{1,300}?)\s*</h1>", re.I)
_PRE = LazyPattern(r"<pre>\s*(Cannot (?:GET|POST|PUT|DELETE|PATCH) [^<\s]{1,300})\s*</pre>", re.I)
_NGINX = LazyPattern(r"<center>\s*(nginx|openresty|tengine|envoy|caddy|apache)[^<]*</center>", re.I)

#: Markers of a vendor's page, checked in the lower-cased page (cheap ``in`` tests).
_VENDOR_MARKERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cloudflare", ("cloudflare", "cf-error", "cf-ray", "cf-wrapper", "cf_styles")),
    ("nginx", ("<center>nginx", "<center>openresty", "<center>tengine")),
    ("aws-elb", ("awselb", "<center>awselb")),
    ("envoy", ("upstream connect error or disconnect/reset before headers",)),
    ("akamai", ("akamai", "reference&#32;&#35;")),
    ("azure-front-door", ("azure front door", "x-azure-ref")),
    ("express", ("cannot post /", "cannot get /")),
)


#: What marks a page (any one, in the lower-cased head): its tags, or the code of a
#: Cloudflare error page pasted without its head.
MARKERS = ("<html", "<!doctype html", "<title>", "<pre>cannot ", "cf-error-code")
#: Only this much of the head of a text is read for a marker.
HEAD = 200_000


def looks_like_html(text: str) -> bool:
    head = text[:HEAD].lower()
    return any(marker in head for marker in MARKERS)


def read_html(text: str) -> tuple[str | None, str | None]:
    """``(title, vendor)`` of an HTML error page found in ``text``."""
    page = text[:400_000]
    lower = page.lower()
    title = None
    for pattern in (_TITLE, _H1, _PRE):
        match = pattern.search(page)
        if match:
            title = " ".join(match.group(1).split())
            break
    vendor = None
    for name, markers in _VENDOR_MARKERS:
        if any(marker in lower for marker in markers):
            vendor = name
            break
    if vendor is None:
        server = _NGINX.search(page)
        if server:
            vendor = server.group(1).lower()
    # A page with no title (cut short, or a bare body) is still a page: "" says so.
    return ("" if title is None else title), vendor
