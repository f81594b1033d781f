"""Read pasted text (or a parsed JSON value) into Evidence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from whichlayer.dialects import ZOD_ISSUE_CODES, read_body
from whichlayer.evidence import ErrorBody, Evidence, RequestId
from whichlayer.parse import html, jsonish, printed, signals
from whichlayer.prefilter import LazyPattern
from whichlayer.taxonomy import Origin

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: A paste longer than this is read as its head and its tail (the Evidence says it was
#: cut): the failing call is almost always at the end of a log, its context at the start.
MAX_TEXT = 256_000
HEAD_TEXT = 64_000
#: Bodies nested deeper than this (JSON in a string in JSON ...) are not read.
MAX_NESTING = 4

_HEADER_NAME = LazyPattern(r"^[A-Za-z][A-Za-z0-9\-]{1,60}$")
#: Header names worth reading from a pasted "name: value" line.
_KNOWN_HEADERS = LazyPattern(
    r"^[ \t\"']*(retry-after(?:-ms)?|x-request-id|request-id|cf-ray|server|via|x-should-retry"
    r"|apim-request-id|x-ms-region|x-amzn-requestid|x-amzn-errortype|x-envoy-upstream-service-time"
    r"|x-ratelimit-[\w\-]+|anthropic-ratelimit-[\w\-]+|x-oneapi-request-id|x-new-api-version"
    r"|openai-organization|openai-processing-ms|content-type)[\"']?\s*:\s*\"?([^\"\r\n,]{1,200})",
    re.I | re.M,
)

#: A pasted ``date:`` header (its value holds commas, unlike the others).
_DATE_HEADER = LazyPattern(
    r"^[ \t\"']*date[\"']?\s*:\s*\"?([A-Z][a-z]{2}, [^\"\r\n]{10,40}GMT)", re.I | re.M
)

_HEADER_MARKERS = signals.gate_literals(
    "retry-after",
    "request-id",
    "cf-ray",
    "server",
    "via",
    "x-should-retry",
    "x-ms-",
    "x-amzn",
    "x-envoy",
    "ratelimit",
    "x-oneapi",
    "x-new-api",
    "openai-",
    "content-type",
)

_HEADER_MARKER_SET = frozenset(_HEADER_MARKERS)

#: Marks of the tool that printed the text (used to judge who produced the error).
_CLIENT_MARKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "claude-code",
        signals.gate_literals(
            "claude code", "claude-code", "please run /login", "run /model", "/$bunfs/", "~bun/root"
        ),
    ),
    ("codex", signals.gate_literals("codex", "stream disconnected before completion")),
    ("gemini-cli", signals.gate_literals("✕ [api error")),
    ("litellm", signals.gate_literals("litellm.")),
    ("aider", signals.gate_literals("aider")),
    ("continue", signals.gate_literals("continue.dev")),
)
_CLIENT_MARK_SET = frozenset(mark for _name, marks in _CLIENT_MARKS for mark in marks)
_CLIENT_MARK_SETS = tuple((name, frozenset(marks)) for name, marks in _CLIENT_MARKS)
#: Client marks count in this much of the head of a paste.
_CLIENT_WINDOW = 100_000
_DATE, _GMT = signals.gate_literals("date", "gmt")
_HTML_MARKERS = signals.gate_literals(*html.MARKERS)
_HTML_MARKER_SET = frozenset(_HTML_MARKERS)


def decode_bytes(data: bytes) -> str:
    """Bytes to text: UTF-8 where it is, with undecodable bytes replaced, never an error."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return data.decode("utf-16", "replace")
    return data.decode("utf-8", "replace")


def parse_json_value(value: Any) -> Evidence:
    """A parsed JSON body (dict or list) as Evidence."""
    import json

    try:
        text = json.dumps(_prune(value, jsonish.MAX_DEPTH), ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError):
        text = ""
    ev = Evidence(text=text)
    _collect(value, 0, ev)
    _finish(ev, text)
    return ev


def _prune(value: Any, depth: int) -> Any:
    """``value`` with containers deeper than ``depth`` replaced by a marker (for rendering)."""
    if isinstance(value, dict):
        if depth <= 0:
            return "{…}"
        return {str(k): _prune(v, depth - 1) for k, v in list(value.items())[:200]}
    if isinstance(value, list | tuple):
        if depth <= 0:
            return "[…]"
        return [_prune(v, depth - 1) for v in list(value)[:200]]
    return value


#: A line that only warns (``warning: ...``, ``WARN ...``, a timestamped WARN log line).
_WARNING_LINE = LazyPattern(
    r"^\s*(?:\[?\d{4}-\d\d-\d\d[T ][\d:.,]+Z?\]?\s+)?(?:warning|warn)\b\s*[:\]]?", re.I
)
#: A warning that says the client carried on (it fell back to a default): never a failure.
_CARRIED_ON = LazyPattern(r"defaulting to|falling back|fall(?:ing)? back to|proceeding", re.I)
#: A line that states the failure: ``ERROR: ...`` (Codex, many CLIs) as the line's start.
_ERROR_LINE = LazyPattern(r"^\s*(?:error|fatal)\s*:\s*\S", re.I)
#: An ERROR line that only announces another attempt (``ERROR: Reconnecting... 2/5``).
_RETRY_LINE = LazyPattern(r"^\s*error\s*:\s*(?:reconnecting|retrying)\b[^{]*$", re.I)
#: An ERROR line that says only that the client gave up, not why: ``ERROR:root:Failed to get
#: response after 10 attempts``, ``ERROR: giving up``, uvicorn's ``ERROR: Exception in ASGI
#: application`` (a header over the traceback). The why is in the warnings before it (``Rate
#: limit reached, backing off...``), so they stay.
_GAVE_UP_LINE = LazyPattern(
    r"^\s*error\s*:\s*(?:[\w.]+:)?\s*(?:failed\b[^:{]{0,60}?\bafter \d+ (?:attempts?|retries|tries)"
    r"|(?:giving|gave) up\b[^:{]{0,60}|exception in asgi application)\W*$",
    re.I,
)


def focus(text: str) -> str:
    """The statements of a multi-statement paste that report the failure.

    A client's output often holds warnings, retry announcements and the final error.
    A warning that says the client carried on (``Defaulting to fallback metadata``) is
    never the failure; other warnings give way when an ``ERROR:`` line states the outcome;
    ``ERROR: Reconnecting... 2/5`` announces an attempt, not the outcome, and ``ERROR:
    Failed after 10 attempts`` says the client gave up without saying why (the warnings
    before it do).
    """
    if "\n" not in text or len(text) > MAX_TEXT:
        return text
    if text.isascii():
        # a line is dropped only as a warning ("warn") or as a retry announcement
        # ("retrying", "reconnecting"): with none of them no line is (an ASCII text
        # lower-cases letter for letter, as the patterns' case folding reads it)
        lower = text.lower()
        if "warn" not in lower and "retrying" not in lower and "reconnecting" not in lower:
            return text
    lines = text.splitlines()
    error_line, retry_line = _ERROR_LINE.compiled().match, _RETRY_LINE.compiled().match
    warning_line, carried_on = _WARNING_LINE.compiled().match, _CARRIED_ON.compiled().search
    gave_up = _GAVE_UP_LINE.compiled().match
    stated = any(error_line(line) and not retry_line(line) and not gave_up(line) for line in lines)
    kept = [
        line
        for line in lines
        if not (warning_line(line) and (stated or carried_on(line)))
        and not (stated and retry_line(line))
    ]
    return text if len(kept) == len(lines) else "\n".join(kept)


def parse_text(text: str) -> Evidence:
    """Pasted text as Evidence: bodies, HTML page, statuses, ids, hints, limits, URL."""
    text = focus(text)
    if len(text) > MAX_TEXT:
        text = text[:HEAD_TEXT] + "\n[…]\n" + text[-(MAX_TEXT - HEAD_TEXT) :]
        ev = Evidence(text=text, truncated=True)
    else:
        ev = Evidence(text=text)
    read_into(ev, text)
    return ev


def read_into(ev: Evidence, text: str) -> None:
    """Add what ``text`` shows to ``ev`` (used for pastes and for exception renderings)."""
    _collect_from_text(text, 0, ev)
    if not ev.bodies and ('\\"' in text or "\\'" in text):
        _collect_from_text(jsonish.unescape(text), 0, ev)
    lower = text.lower()
    gate = signals.present(lower, text)
    # bodies SDKs print as text (botocore, AWS JS, Tencent Cloud, azure-core, genai Go; see
    # parse/printed.py): outermost first
    ev.bodies[:0] = printed.read(text, ev.bodies, gate)
    if not ev.bodies:
        loose = _loose_body(text)
        if loose is not None:
            ev.bodies.append(loose)
    # ``html.looks_like_html``, answered by the gate set (a text longer than the head the
    # page check reads is checked by it)
    if len(text) > html.HEAD:
        page = html.looks_like_html(text)
    else:
        page = signals.any_in(_HTML_MARKER_SET, gate)
    if page:
        ev.html_title, ev.html_vendor = html.read_html(text)
    _finish(ev, text, lower, gate)
    if ev.status is None:  # a client's printed form that says only the status
        said = printed.status(text, gate)
        if said is not None:
            ev.status, ev.status_source = said, "text"
            ev.statuses.append(said)


def _collect_from_text(text: str, depth: int, ev: Evidence) -> None:
    for _start, _end, value in jsonish.find_values(text):
        _collect(value, depth, ev)


def collect_value(value: Any, ev: Evidence) -> None:
    """Add the error bodies inside a parsed JSON value to ``ev``."""
    _collect(value, 0, ev)


def _collect(value: Any, depth: int, ev: Evidence) -> None:
    if depth > MAX_NESTING:
        return
    if isinstance(value, list):
        for item in value[:50]:
            if isinstance(item, dict):
                _collect(item, depth, ev)
        return
    if not isinstance(value, dict):
        return
    if _is_header_map(value):
        for key, item in value.items():
            ev.headers.setdefault(str(key).lower(), str(item))
        return
    body = read_body(value, depth)
    if body is not None:
        ev.bodies.append(body)
    for string in jsonish.strings(value):
        if "{" in string and len(string) > 10:
            _collect_from_text(string, depth + 1, ev)


def _is_header_map(value: dict[Any, Any]) -> bool:
    if len(value) < 2 or "error" in value or "message" in value:
        return False
    keys = [k for k in value if isinstance(k, str)]
    return (
        len(keys) == len(value)
        and all(map(_HEADER_NAME.compiled().match, keys))
        and sum("-" in k for k in keys) >= 2
        and all(isinstance(v, str | int | float) for v in value.values())
    )


_LOOSE_FIELDS = tuple(
    (name, LazyPattern(name + r"[\"']?\s*[:=]\s*[\"']([^\"'\n]{1,500})", re.I))
    for name in ("type", "code", "message", "status")
)


def _loose_body(text: str) -> ErrorBody | None:
    """Fields of a body cut off half way (``"message": "...`` with no closing brace)."""
    fields: dict[str, str] = {}
    head = text[:100_000]
    if "'" not in head and '"' not in head:  # every field's value is quoted
        return None
    lower = head.lower()
    # an ASCII text lower-cases place for place: a field is searched from where its name
    # first occurs (every match starts with the name)
    ascii_ = head.isascii()
    for name, pattern in _LOOSE_FIELDS:
        if name == "status" and not fields:  # a status alone is no body: not looked for
            return None
        at = lower.find(name)
        if at < 0:
            continue
        if ascii_:  # tried only where the name occurs, the first match kept (after 32
            # places the regex engine searches on from the next: a head full of the name)
            compiled = pattern.compiled()
            match = compiled.match(head, at)
            tries = 1
            while match is None:
                at = lower.find(name, at + 1)
                if at < 0:
                    break
                if tries == 32:
                    match = compiled.search(head, at)
                    break
                match = compiled.match(head, at)
                tries += 1
        else:
            match = pattern.search(head)
        if match:
            fields[name] = match.group(1).strip()
    if fields.get("code") in ZOD_ISSUE_CODES and "path" in lower:
        return None  # a schema library's validation issue, not a cut body (see read_body)
    status_text = fields.get("status")
    return ErrorBody(
        dialect="partial",
        type=fields.get("type"),
        code=fields.get("code"),
        message=fields.get("message"),
        status_text=status_text if status_text and status_text.isupper() else None,
    )


def _finish(
    ev: Evidence, text: str, lower: str | None = None, gate: signals.Gate | None = None
) -> None:
    """Fill the scalar facts from the text, the bodies and the headers (``lower`` and
    ``gate``: the text lower-cased and its gate set, when the caller has them)."""
    if lower is None or gate is None:
        lower = text.lower()
        gate = signals.present(lower, text)
    if signals.any_in(_HEADER_MARKER_SET, gate):
        for match in _KNOWN_HEADERS.finditer(text[:400_000]):
            ev.headers.setdefault(match.group(1).lower(), match.group(2).strip())
    if _DATE in gate and _GMT in gate:
        date = _DATE_HEADER.search(text[:400_000])
        if date:
            ev.headers.setdefault("date", date.group(1))
    body_statuses = [b.status for b in ev.bodies if b.status is not None]
    hits = signals.statuses(text, gate)  # the paste itself first (see _status_texts)
    if not hits:
        for said, said_gate in _status_texts(ev, text, gate, body_statuses):
            hits = signals.statuses(said, said_gate)
            if hits:
                break
    text_statuses = [status for _rank, _pos, status in hits]
    if ev.status is None and hits:
        ev.status = min(hits)[2]
        ev.status_source = "text"
    elif ev.status is None and body_statuses:
        ev.status = body_statuses[0]
        ev.status_source = "body"
    for status in [ev.status, *text_statuses, *body_statuses]:
        if status is not None and status not in ev.statuses:
            ev.statuses.append(status)
    _add_header_ids(ev)
    if ev.retry_after_s is None:
        ev.retry_after_s = _stated_retry(ev)
    # what only the text states of the request ids, the retry hint, the limits, the model
    # and the client: the rules read none of them but the limits (one rule), so they are
    # looked for when first asked for (the step runs before any other use of the fields)
    ev.later(_TextScans(text, lower, gate))
    host, path, method = signals.url_parts(text, gate)
    ev.host = ev.host or host
    ev.path = ev.path or path
    ev.method = ev.method or method
    names = signals.exception_names(text)  # each name once
    if ev.exception_types:
        ev.exception_types += [n for n in names if n not in ev.exception_types]
    else:
        ev.exception_types = names
    if not ev.exception_types:
        # a traceback quoted inside a body's message (a relay or a server passing it on)
        for body in ev.bodies:
            if body.message and "\n" in body.message:
                ev.exception_types += signals.exception_names(body.message)


def _status_texts(
    ev: Evidence, text: str, gate: signals.Gate, body_statuses: list[int]
) -> Iterator[tuple[str, signals.Gate]]:
    """Where a status may be said, each with its gate (see ``signals.present``), tried in
    order until one says it: the paste, the paste with its escaped line breaks restored,
    then (when no body gives a status) the message of a wrapping body. (The paste itself
    is tried by the caller before it asks for the others.)"""
    if "\\n" in text:
        # a paste printed as a Python repr or a JSON string: its line breaks are "\n"
        plain = text.replace("\\r\\n", "\n").replace("\\n", "\n")
        yield plain, signals.present(plain.lower(), plain)
    if not body_statuses:
        # A relay may wrap the upstream's words in its own body: {"message": "429 Provider
        # returned error"}. A status that leads such a message counts as said in the text.
        for body in ev.bodies:
            if body.message:
                yield body.message, signals.present(body.message.lower(), body.message)


#: Headers that carry a request id, and the party that issues it.
_HEADER_IDS = (
    ("x-request-id", Origin.UNKNOWN),
    ("request-id", Origin.UPSTREAM),
    ("apim-request-id", Origin.UPSTREAM),
    ("x-amzn-requestid", Origin.UPSTREAM),
    ("cf-ray", Origin.GATEWAY),
    ("x-oneapi-request-id", Origin.RELAY),
)


def _add_header_ids(ev: Evidence) -> None:
    """The request ids of the headers, after those already read (once each)."""
    if ev.headers:
        known = {r.value for r in ev.request_ids}
        for name, party in _HEADER_IDS:
            value = ev.headers.get(name)
            if value and value not in known:
                ev.request_ids.append(RequestId(value, party, name))
                known.add(value)


class _TextScans:
    """The deferred step of ``_finish`` (see ``Evidence``): the request ids the text states,
    after those already read (once each); its retry hint, where no header or body gave
    one; its limits, under those a body gave; the model it names and the client that
    printed it, where none was read. (What the headers and bodies say is read at once:
    the caller may change those before a deferred field is used; the text, its
    lower-cased form and its gate set cannot change.)"""

    __slots__ = ("gate", "lower", "text")

    def __init__(self, text: str, lower: str, gate: signals.Gate) -> None:
        self.text = text
        self.lower = lower
        self.gate = gate

    def __call__(self, ev: Evidence) -> None:
        # (the fields' slots: reading the fields themselves would run this step again)
        text, gate = self.text, self.gate
        ids = ev._request_ids
        known = {r.value for r in ids}
        for rid in signals.request_ids(text, gate):
            if rid.value not in known:
                ids.append(rid)
                known.add(rid.value)
        if ev._retry_after_s is None:
            ev._retry_after_s = signals.retry_after(text, gate)
        ev._limits = {**signals.limits(text, gate), **ev._limits}
        ev._model = ev._model or signals.model(text, gate)
        ev._client = ev._client or _client(self.lower, gate)


def _stated_retry(ev: Evidence) -> float | None:
    """The retry hint of the headers or of a body (the text's own: ``_TextScans``)."""
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = ev.headers.get(name)
        if value:
            try:
                return round(float(value) * scale, 3)
            except ValueError:
                continue
    for body in ev.bodies:
        for reason in body.reasons:
            if reason.startswith("retryDelay="):
                try:
                    return float(reason.split("=", 1)[1].rstrip("s"))
                except ValueError:
                    continue
    return None


def _client(lower: str, gate: signals.Gate) -> str | None:
    head = gate if len(lower) <= _CLIENT_WINDOW else lower[:_CLIENT_WINDOW]
    if isinstance(head, frozenset):
        if head.isdisjoint(_CLIENT_MARK_SET):
            return None
        for client, mark_set in _CLIENT_MARK_SETS:  # a set test each, not a generator
            if not head.isdisjoint(mark_set):
                return client
        return None
    for name, marks in _CLIENT_MARKS:
        if any(mark in head for mark in marks):
            return name
    return None
