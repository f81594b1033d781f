"""Facts read from free text: statuses, request ids, retry hints, limits, model, URL.

Each extractor is a small table of patterns with a comment saying whose
output it reads. Patterns are linear (no nested quantifiers) so a 1 MB paste
stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import cast

from whichlayer import prefilter
from whichlayer.evidence import RequestId
from whichlayer.prefilter import Gated
from whichlayer.taxonomy import Origin

#: A pattern with the keyword every match contains (``None``: always tried), as in
#: :mod:`whichlayer.prefilter`; a list of them for one table entry.
Row = tuple[str | None, str]


def gated(entry: Row | Sequence[Row], flags: int = 0) -> Gated:
    rows = list(entry) if isinstance(entry, list) else [cast(Row, entry)]
    return prefilter.gated(rows, flags)


def _search(alternatives: Gated, text: str, lower: str) -> re.Match[str] | None:
    """First match of any alternative whose keyword occurs in ``lower``."""
    for literal, compiled in alternatives:
        if literal is not None and literal not in lower:
            continue
        found = compiled.search(text)
        if found:
            return found
    return None


def _finditer(alternatives: Gated, text: str, lower: str) -> list[re.Match[str]]:
    out: list[re.Match[str]] = []
    for literal, compiled in alternatives:
        if literal is None or literal in lower:
            out += compiled.finditer(text)
    return out


# --- HTTP status -----------------------------------------------------------

#: What follows a status that leads a message: a body, a page, or a capitalised reason.
_LEADING_STATUS_TAIL = r"\s+(?:\{|<|status code|\(no body\)|[A-Z][a-z]+ )"

#: Phrases that introduce the status of the failed exchange, most explicit first.
_STATUS_PATTERNS: tuple[Gated, ...] = tuple(
    gated(p, re.I)
    for p in (
        # openai/anthropic python: "Error code: 429 - {...}"
        ("error code", r"\berror code:? (\d{3})\b"),
        # many SDKs and tools: "status code 404", "Status: 429", "status=503", "HTTP 403"
        ("status", r"\b(?:http )?status(?: code)?\s*[:=]?\s*\(?(\d{3})\b"),
        ("responded with ", r"\bresponded with (?:status|code) (\d{3})\b"),
        ("upstream_status", r"\bupstream_status:? (?:HTTP )?(\d{3})\b"),
        ("http", r"\bHTTP(?:/\d(?:\.\d)?)?(?: code| error| status)?:?\s*\(?(\d{3})\b"),
        # requests: "429 Client Error: Too Many Requests for url"
        [
            (" client error", r"\b(\d{3}) Client Error\b"),
            (" server error", r"\b(\d{3}) Server Error\b"),
        ],
        # httpx: "Client error '404 Not Found' for url ..."; the old openai SDK's log line
        [
            ("client error '", r"\bClient error '(\d{3})\b"),
            ("server error '", r"\bServer error '(\d{3})\b"),
        ],
        ("response_code=", r"\bresponse_code=(\d{3})\b"),
        # Go's genai SDK: "Error 400, Message: ..."
        (", message:", r"\bError (\d{3}), Message:"),
        # langchain-google-genai: "Invalid argument provided to Gemini: 400 Please use ..."
        ("provided to ", r"\bprovided to \w+: (\d{3})\b"),
        # Codex: "unexpected status 429 Too Many Requests"
        ("unexpected status ", r"\bunexpected status (\d{3})\b"),
        # Claude Code / agents: "API Error: 401 {...}", "API Error (529 {...})"
        ("api error", r"\bAPI Error:?\s*\(?(\d{3})\b"),
        # "Forbidden (403)": one gated alternative per reason phrase
        [
            ("unauthorized (", r"Unauthorized \((\d{3})\)"),
            ("forbidden (", r"Forbidden \((\d{3})\)"),
            ("not found (", r"Not Found \((\d{3})\)"),
            ("bad request (", r"Bad Request \((\d{3})\)"),
            ("too many requests (", r"Too Many Requests \((\d{3})\)"),
            ("payment required (", r"Payment Required \((\d{3})\)"),
            ("internal server error (", r"Internal Server Error \((\d{3})\)"),
            ("bad gateway (", r"Bad Gateway \((\d{3})\)"),
            ("service unavailable (", r"Service Unavailable \((\d{3})\)"),
            ("gateway time", r"Gateway Time-?out \((\d{3})\)"),
        ],
        ("api error (", r"\bAPI error \((\d{3})\b"),
        (" status code", r"\b(\d{3}) status code\b"),
        ("error_code=", r"\berror_code=(\d{3})\b"),
        [("<!doctype", r"\b(\d{3}):\s*<!doctype"), ("<html", r"\b(\d{3}):\s*<html")],
        [
            (", no body", r"\berror:? (\d{3}), no body\b"),
            (" error, no body", r"\b(\d{3}) error, no body\b"),
        ],
        # Chinese clients: "请求失败: 401", "状态码: 502"
        (None, r"(?:请求失败|状态码|错误码)[:：]\s*(\d{3})\b"),
        (None, r"\[(\d{3})\]:? "),
        # google.api_core and gRPC-style exception names: "InvalidArgument: 400 Request ..."
        # (one row per suffix, each with its own keyword)
        [
            ("error: ", r"\b[A-Z][A-Za-z]+Error: (\d{3}) [A-Z]"),
            ("exception: ", r"\b[A-Z][A-Za-z]+Exception: (\d{3}) [A-Z]"),
            ("argument: ", r"\b[A-Z][A-Za-z]+Argument: (\d{3}) [A-Z]"),
            ("exhausted: ", r"\b[A-Z][A-Za-z]+Exhausted: (\d{3}) [A-Z]"),
            ("denied: ", r"\b[A-Z][A-Za-z]+Denied: (\d{3}) [A-Z]"),
            ("found: ", r"\b[A-Z][A-Za-z]+Found: (\d{3}) [A-Z]"),
            ("unavailable: ", r"\b[A-Z][A-Za-z]+Unavailable: (\d{3}) [A-Z]"),
            ("precondition: ", r"\b[A-Z][A-Za-z]+Precondition: (\d{3}) [A-Z]"),
            ("exceeded: ", r"\b[A-Z][A-Za-z]+Exceeded: (\d{3}) [A-Z]"),
            ("unauthenticated: ", r"\bUnauthenticated: (\d{3}) [A-Z]"),
        ],
        # Node SDKs: "Error: 500 {", "404 {\"type\""; line-leading "429 Rate limit reached"
        (None, r"\A(\d{3})" + _LEADING_STATUS_TAIL),
        (None, r"\n(\d{3})" + _LEADING_STATUS_TAIL),
        ("error: ", r"Error: (\d{3})" + _LEADING_STATUS_TAIL),
        ("] ", r"\] (\d{3})" + _LEADING_STATUS_TAIL),
        # Python logging's "%(levelname)s - %(message)s": "ERROR - 429 Provider returned error"
        (" - ", r"\b(?:ERROR|WARNING|CRITICAL) - (\d{3})" + _LEADING_STATUS_TAIL),
        ("status", r"\bstatus(?:_?Code)?['\"]?\s*[:=]\s*['\"]?(\d{3})\b"),
        ("failed with ", r"\bfailed with (?:status|code) (?:code )?(\d{3})\b"),
        ("returned ", r"\breturned (?:status |error |HTTP )?(\d{3})\b"),
        ("):", r"\((\d{3})\):"),
        # a status alone in parentheses on its own line: "Failed to load response:\n(429)"
        ("\n(", r"\n\((\d{3})\)[ \t]*(?:\n|$)"),
        # gin access log: "| 503 |    1.7ms |"
        ("|", r"\|\s+(\d{3})\s+\|"),
        # access log: "POST /v1/responses HTTP/1.1" 404
        ("http/", r"HTTP/\d(?:\.\d)?\"? (\d{3})\b"),
        # web servers' own error pages put the status first in the title (nginx, openresty,
        # apache, envoy): "<title>401 Authorization Required</title>"
        ("<title>", r"<title>\s*(\d{3})\b"),
        # "504 Gateway Time-out" in HTML titles or lines
        [
            ("bad gateway", "\\b(\\d{3}):? [\\\"']?Bad Gateway"),
            ("gateway time", "\\b(\\d{3}):? [\\\"']?Gateway Time-?out"),
            ("service unavailable", "\\b(\\d{3}):? [\\\"']?Service Unavailable"),
            ("internal server error", "\\b(\\d{3}):? [\\\"']?Internal Server Error"),
            ("too many requests", "\\b(\\d{3}):? [\\\"']?Too Many Requests"),
            ("unauthorized", "\\b(\\d{3}):? [\\\"']?Unauthorized"),
            ("forbidden", "\\b(\\d{3}):? [\\\"']?Forbidden"),
            ("not found", "\\b(\\d{3}):? [\\\"']?Not Found"),
            ("payment required", "\\b(\\d{3}):? [\\\"']?Payment Required"),
            ("bad request", "\\b(\\d{3}):? [\\\"']?Bad Request"),
            ("a timeout occurred", "\\b(\\d{3}):? [\\\"']?A timeout occurred"),
            (
                "web server is returning an unknown error",
                "\\b(\\d{3}):? [\\\"']?Web server is returning an unknown error",
            ),
            ("connection timed out", "\\b(\\d{3}):? [\\\"']?Connection timed out"),
            ("origin is unreachable", "\\b(\\d{3}):? [\\\"']?Origin is unreachable"),
            ("web server is down", "\\b(\\d{3}):? [\\\"']?Web server is down"),
            ("request entity too large", "\\b(\\d{3}):? [\\\"']?Request Entity Too Large"),
        ],
    )
)

#: Reason phrases that name a status even without its number.
_REASON_STATUS: tuple[tuple[Gated, int], ...] = tuple(
    (gated(p, re.I), s)
    for p, s in (
        (("too many requests", r"\bToo Many Requests\b"), 429),
        (("gateway time", r"\bGateway Time-?out\b"), 504),
        (("bad gateway", r"\bBad Gateway\b"), 502),
        (("service unavailable", r"\bService Unavailable\b"), 503),
        (("internal server error", r"\bInternal Server Error\b"), 500),
        (("payment required", r"\bPayment Required\b"), 402),
        (("proxy authentication required", r"\bProxy Authentication Required\b"), 407),
        (("authorization required", r"\bAuthorization Required\b"), 401),
        (
            [
                ("request entity too large", r"\bRequest Entity Too Large\b"),
                ("payload too large", r"\bPayload Too Large\b"),
            ],
            413,
        ),
        (("unprocessable entity", r"\bUnprocessable Entity\b"), 422),
        (("not found", r"(?-i:\bNot Found\b)"), 404),
        (("bad request", r"(?-i:\bBad Request\b)"), 400),
        (("forbidden", r"(?-i:\bForbidden\b)"), 403),
        (("misdirected request", r"\bMisdirected Request\b"), 421),
        # n8n's NodeApiError words each status its own way (STATUS_CODE_MESSAGES)
        (
            (
                "authorization failed - please check your credentials",
                r"\bAuthorization failed - please check your credentials",
            ),
            401,
        ),
        (("bad request - please check", r"\bBad request - please check"), 400),
        (
            (
                "the resource you are requesting ",
                r"\bThe resource you are requesting (?:could not be|has not been) found",
            ),
            404,
        ),
        (("receiving too many requests from you", r"\breceiving too many requests from you"), 429),
        (
            (
                " to process your request",
                r"\bThe service (?:was not able|was unable|failed) to process your request",
            ),
            500,
        ),
        (("gateway timed out - ", r"\bGateway timed out - "), 504),
    )
)


#: The status patterns flattened to ``(rank, literal, pattern)``: one loop, no calls.
_STATUS_FLAT = [
    (rank, literal, pattern)
    for rank, group in enumerate(_STATUS_PATTERNS)
    for literal, pattern in group
]


def statuses(text: str, lower: str) -> list[tuple[int, int, int]]:
    """``(rank, position, status)`` for every status phrase; a lower rank is more explicit."""
    found: dict[int, tuple[int, int, int]] = {}
    for rank, literal, pattern in _STATUS_FLAT:
        if literal is not None and literal not in lower:
            continue
        for match in pattern.finditer(text):
            value = int(match.group(1))
            if 400 <= value <= 599 or value == 302:
                found.setdefault(match.start(1), (rank, match.start(1), value))
    if not found:
        base = len(_STATUS_PATTERNS)
        for rank, (phrase, value) in enumerate(_REASON_STATUS, base):
            reason = _search(phrase, text, lower)
            if reason:
                found.setdefault(reason.start(), (rank, reason.start(), value))
    return sorted(found.values(), key=lambda hit: hit[1])


# --- request ids -----------------------------------------------------------

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

#: (pattern, party, source). The party is who issues ids of that form.
_ID_PATTERNS: tuple[tuple[Gated, Origin, str], ...] = tuple(
    (gated(p, re.I), party, source)
    for p, party, source in (
        # one-api/new-api append "(request id: 2024...)" to every message they produce:
        # a timestamp run, perhaps with letters after it. Tools that print "(Request ID:
        # <uuid>)" (Cursor, Kiro) are not relays, and a uuid has hyphens.
        (
            ("(request id:", r"\(request id: ?(\d{4}[A-Za-z0-9]{4,60})\)"),
            Origin.RELAY,
            "relay message",
        ),
        # Anthropic "req_011C..." and OpenAI "req_<32 hex>" ids.
        (("req_", r"\b(req_[A-Za-z0-9]{16,40})\b"), Origin.UPSTREAM, "request id"),
        (
            ("apim-request-id", r"\bapim-request-id['\"]?\s*[:=]\s*['\"]?(" + _UUID + ")"),
            Origin.UPSTREAM,
            "apim-request-id",
        ),
        (
            ("x-amzn-requestid", r"\bx-amzn-requestid['\"]?\s*[:=]\s*['\"]?([\w-]{16,64})"),
            Origin.UPSTREAM,
            "x-amzn-requestid",
        ),
        (
            ("x-request-id", r"\bx-request-id['\"]?\s*[:=]\s*['\"]?([\w.\-]{8,80})"),
            Origin.UNKNOWN,
            "x-request-id",
        ),
        (
            ("request-id", r"\brequest-id['\"]?\s*[:=]\s*['\"]?([\w.\-]{8,80})"),
            Origin.UNKNOWN,
            "request-id",
        ),
        (
            ("cf-ray", r"\bcf-ray['\"]?\s*[:=]\s*['\"]?([0-9a-f]{16}(?:-[A-Z]{3})?)"),
            Origin.GATEWAY,
            "cf-ray",
        ),
        (("ray id", r"\bRay ID:?\s*(?:<[^>]+>\s*)?([0-9a-f]{16})\b"), Origin.GATEWAY, "cf-ray"),
        (("request", r"request ?id:?\s*(" + _UUID + ")"), Origin.UNKNOWN, "request id"),
        (("requestid", r"\bRequestId:?\s*(" + _UUID + ")"), Origin.UPSTREAM, "aws request id"),
        (
            ('"request_id"', r"\"request_id\"\s*:\s*\"([\w\-]{8,80})\""),
            Origin.UNKNOWN,
            "body request_id",
        ),
        (("trace_id", r"\btrace_id\"?\s*[:=]\s*\"?([\w:\-]{8,80})"), Origin.UNKNOWN, "trace_id"),
        # one-api/new-api logs: "[ERR] 2026/02/14 - 22:55:28 | 20260214145427566007998Fzvjk1Hd |"
        ((" | ", r"\d\d:\d\d:\d\d \| (\d{14,}[A-Za-z0-9]{0,16}) \|"), Origin.RELAY, "relay log"),
    )
)


def request_ids(text: str, lower: str) -> list[RequestId]:
    seen: set[str] = set()
    out: list[RequestId] = []
    for pattern, party, source in _ID_PATTERNS:
        for match in _finditer(pattern, text, lower):
            value = match.group(1)
            if value in seen or value.lower().startswith("req_****"):
                continue
            seen.add(value)
            out.append(RequestId(value=value, party=party, source=source))
    return out


# --- retry hints -----------------------------------------------------------

_UNIT_S = {
    "ms": 0.001,
    "s": 1.0,
    "sec": 1.0,
    "second": 1.0,
    "seconds": 1.0,
    "m": 60.0,
    "min": 60.0,
    "minute": 60.0,
    "minutes": 60.0,
}
_RETRY_PATTERNS: tuple[Gated, ...] = tuple(
    gated(p, re.I)
    for p in (
        ("retry-after-ms", r"\bretry-after-ms['\"]?\s*[:=]\s*['\"]?(\d+(?:\.\d+)?)()"),
        ("retry-after", r"\bretry-after['\"]?\s*[:=]\s*['\"]?(\d+(?:\.\d+)?)(s?)\b"),
        ("retrydelay", r"\bretryDelay['\"]?\s*[:=]\s*['\"]?(\d+(?:\.\d+)?)(s)\b"),
        # "Please try again in 9.816s" / "in 174ms" / "Try again in 2 seconds"
        ("try again in ", r"\btry again in (\d+(?:\.\d+)?)\s*(ms|s|sec|seconds?|m|min|minutes?)\b"),
        ("retry after ", r"\bretry after (\d+(?:\.\d+)?)\s*(ms|s|sec|seconds?|m|min|minutes?)\b"),
        # Google: "Please retry in 25.465784708s." (never the client's own "Retrying in")
        ("retry in ", r"\bretry in (\d+(?:\.\d+)?)\s*(ms|s|sec|seconds?|m|min|minutes?)\b"),
        ("please wait ", r"\bplease wait (\d+(?:\.\d+)?)\s*(ms|s|sec|seconds?|m|min|minutes?)\b"),
        (" before", r"\bwait (\d+(?:\.\d+)?)\s*(ms|s|sec|seconds?) before\b"),
    )
)


def retry_after(text: str, lower: str) -> float | None:
    """The server's retry hint in seconds (``Retry-After``, "try again in 174ms", ...)."""
    for index, pattern in enumerate(_RETRY_PATTERNS):
        match = _search(pattern, text, lower)
        if not match:
            continue
        value = float(match.group(1))
        unit = match.group(2).lower()
        if index == 0:
            return round(value / 1000.0, 3)
        return round(value * _UNIT_S.get(unit, 1.0), 3)
    return None


# --- limits ----------------------------------------------------------------

_NUM = r"(\d[\d,]*(?:\.\d+)?)"
_LIMIT_PATTERNS: tuple[tuple[Gated, tuple[str, ...]], ...] = tuple(
    (gated(p, re.I), names)
    for p, names in (
        (("limit", r"\bLimit:? " + _NUM), ("limit",)),
        (("used", r"\bUsed:? " + _NUM), ("used",)),
        (("requested", r"\bRequested:? " + _NUM), ("requested",)),
        (
            ("rate limit ", r"rate limit (?:for your organization )?(?:\([^)]*\) )?of " + _NUM),
            ("limit",),
        ),
        (("maximum context length is ", r"maximum context length is " + _NUM), ("context_window",)),
        (("resulted in ", r"resulted in " + _NUM + r" tokens"), ("prompt_tokens",)),
        (
            (" tokens > ", _NUM + r" tokens > " + _NUM + r" maximum"),
            ("prompt_tokens", "context_window"),
        ),
        (("can only afford ", r"can only afford " + _NUM), ("affordable_tokens",)),
        (("requested up to ", r"requested up to " + _NUM), ("requested",)),
        (
            (
                " tokens) is too long and exceeds limit of ",
                r"\(" + _NUM + r" tokens\) is too long and exceeds limit of " + _NUM,
            ),
            ("prompt_tokens", "context_window"),
        ),
    )
)


def limits(text: str, lower: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for pattern, names in _LIMIT_PATTERNS:
        match = _search(pattern, text, lower)
        if not match:
            continue
        for name, raw in zip(names, match.groups(), strict=False):
            out.setdefault(name, float(raw.replace(",", "")))
    return out


# --- model -----------------------------------------------------------------

_MODEL_ID = r"[A-Za-z0-9][\w.:/@\-]{1,80}"
_MODEL_PATTERNS: tuple[Gated, ...] = tuple(
    gated(p, re.I)
    for p in (
        (" is not found", r"\bmodels/(" + _MODEL_ID + r") is not found"),
        ("he model", r"\b[Tt]he model:? [`'\"](" + _MODEL_ID + r")[`'\"]"),
        ("odel", r"\b[Mm]odel:? [`'\"](" + _MODEL_ID + r")[`'\"]"),
        ("' not found", r"\bmodel '(" + _MODEL_ID + r")' not found"),
        ("for model ", r"\bfor model [`'\"]?(" + _MODEL_ID + r")[`'\"]?"),
        ("rate limit reached for ", r"\bRate limit reached for (" + _MODEL_ID + r") in\b"),
        (
            "request too large for ",
            r"\bRequest too large for (?:model )?[`'\"]?(" + _MODEL_ID + r")[`'\"]? (?:in|on)\b",
        ),
        ("model", r"\bmodel[=:] ?(" + _MODEL_ID + r")"),
        ('"model"', r"\"model\"\s*:\s*\"(" + _MODEL_ID + r")\""),
        (" is not a valid model id", r"\b(" + _MODEL_ID + r") is not a valid model ID"),
        ("selected model (", r"\bselected model \((" + _MODEL_ID + r")\)"),
        ("your requests to ", r"\byour requests to (" + _MODEL_ID + r") for\b"),
        ("model ", r"\bmodel (?:ID )?[`'\"](" + _MODEL_ID + r")[`'\"]"),
    )
)


def model(text: str, lower: str) -> str | None:
    for pattern in _MODEL_PATTERNS:
        match = _search(pattern, text, lower)
        if match:
            name = match.group(1).rstrip(".,:;)")
            if name.lower() not in ("none", "null", "the", "is", "not"):
                return name
    return None


# --- URL, host, path -------------------------------------------------------

_URL = re.compile(r"\bhttps?://[^\s\"'<>()\[\]{},`]{3,500}", re.I)
#: Paths that belong to documentation and dashboards, not to the failed call.
_DOC_HINTS = (
    "/docs",
    "/account",
    "/settings",
    "/support",
    "help.",
    "docs.",
    "/errors",
    "aka.ms/",
    "/libcurl",
    "/contact",
    "console.",
    "/pricing",
    "/billing",
    "/keys",
    "/rate-limits",
    "supported-countries",
    "platform.openai.com",
    "/guides",
    "status.",
    # a README or an issue, MDN's status pages, and any link with a fragment: an API
    # call's URL has none
    "//github.com/",
    "developer.mozilla.org",
    "#",
)
_API_HINTS = (
    "/v1",
    "/v1beta",
    "/chat/completions",
    "/messages",
    "/responses",
    "/completions",
    "/embeddings",
    ":generatecontent",
    ":streamgeneratecontent",
    "/openai/deployments",
    "/backend-api",
    "/api/",
    "/model/",
    "/invoke",
    "/converse",
)
_HOST_PATTERNS: tuple[Gated, ...] = tuple(
    gated(p, re.I)
    for p in (
        ("', port=", r"host='([\w.\-]+)', port=(\d+)"),
        ("failed to connect to ", r"Failed to connect to ([\w.\-]+)(?: port |:)?(\d+)?"),
        ("cannot connect to host ", r"Cannot connect to host ([\w.\-]+):(\d+)"),
        ("getaddrinfo ", r"getaddrinfo (?:ENOTFOUND|EAI_AGAIN) ([\w.\-]+)"),
        (": no such host", r"lookup ([\w.\-]+)(?: on [\d.:]+)?: no such host"),
        ("could not resolve ", r"Could not resolve (?:host|proxy): ([\w.\-]+)"),
        ("connect ", r"connect (?:ECONNREFUSED|ETIMEDOUT) ([\d.:a-f\[\]]+?)(?::(\d+))?\b"),
    )
)
_METHOD_PATH = re.compile(r"\b(GET|POST|PUT|DELETE|PATCH) (/[\w./:\-{}%]*)")


def url_parts(text: str, lower: str) -> tuple[str | None, str | None, str | None]:
    """``(host, path, method)`` of the failed call, ignoring documentation links."""
    best: tuple[int, str, str] | None = None
    for match in _URL.finditer(text) if "http" in lower else ():
        url = match.group(0).rstrip(".,;:")
        url_lower = url.lower()  # not ``lower``: the host patterns below read the whole text
        if "*" in url:
            continue
        score = 2 if any(h in url_lower for h in _API_HINTS) else 1
        if any(h in url_lower for h in _DOC_HINTS) and score < 2:
            continue
        try:
            from urllib.parse import urlsplit

            parts = urlsplit(url)
        except ValueError:
            continue
        if parts.hostname and (best is None or score > best[0]):
            best = (score, parts.hostname, parts.path or "/")
    method_match = _METHOD_PATH.search(text) if " /" in text else None
    method = method_match.group(1) if method_match else None
    if best is not None:
        return best[1], best[2], method
    host = None
    for pattern in _HOST_PATTERNS:
        host_match = _search(pattern, text, lower)
        if host_match:
            host = host_match.group(1)
            break
    path = method_match.group(2) if method_match else None
    return host, path, method


# --- exception names and transport signals ----------------------------------

#: Class names end in one of these; the name is read backwards from the suffix, which is
#: much cheaper than a pattern that tries every word.
_EXCEPTION_SUFFIX = re.compile(r"(?:Error|Exception|Timeout|Exceeded|Denied|Refused)\b")
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.")


def exception_names(text: str, limit: int = 40) -> list[str]:
    """Dotted or bare class names such as ``openai.RateLimitError``, in text order."""
    names: list[str] = []
    for match in _EXCEPTION_SUFFIX.finditer(text):
        start = match.start()
        floor = max(0, start - 120)
        while start > floor and text[start - 1] in _NAME_CHARS:
            start -= 1
        name = text[start : match.end()].strip(".")
        head = name.rsplit(".", 1)[-1]
        if head[:1].isupper() and name not in names:
            names.append(name)
            if len(names) >= limit:
                break
    return names
