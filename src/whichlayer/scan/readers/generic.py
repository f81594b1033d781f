"""Any JSON-lines log with an HTTP status and an error body (gateways, apps, exports).

Field names vary; the reader takes the first of each family it finds:
status (``status``, ``status_code``, ``statusCode``, ``http_status``,
``response_status``, ``response_code``), the error (``error``, ``response_body``,
``response``, ``body``, ``error_message``), time, model, host, the key's name or
fingerprint (never a raw key: a value that looks like one is fingerprinted),
request id, and a request hash for retries.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from operator import itemgetter
from typing import Any

from whichlayer.scan.model import Columns, Failure, make_failure, parse_time, status_of
from whichlayer.scan.readers._json import as_text, first_lines_json, loads, loads_bytes

NAME = "jsonl"
_STATUS_NEEDLES = tuple(
    f'"{key}":{space}{quote}{digit}'.encode()
    for key in ("status", "status_code", "statusCode", "http_status", "response_status")
    for space in ("", " ")
    for quote in ("", '"')
    for digit in ("4", "5")
)
NEEDLES = (*_STATUS_NEEDLES, b'"error":{', b'"error": {', b'"error":"', b'"error": "')
#: What a block is searched for (see ``engine.Needles``): every needle holds one of these,
#: whose first bytes (``tat``, ``ode``, ``rro``) are the few fingerprints a vectorised
#: search compares; each match is then checked against the needles where it stands.
SEARCH = (
    *(
        f'{tail}":{space}{quote}{digit}'.encode()
        for tail in ("tatus", "ode")  # status, http_status, response_status; the two codes
        for space in ("", " ")
        for quote in ("", '"')
        for digit in ("4", "5")
    ),
    *(b'rror":{', b'rror": {', b'rror":"', b'rror": "'),
)

STATUS_KEYS = ("status", "status_code", "statusCode", "http_status", "response_status",
               "response_code")  # fmt: skip
ERROR_KEYS = ("error", "response_body", "response", "body", "error_message", "err")
TIME_KEYS = ("timestamp", "time", "ts", "@timestamp", "start_time", "startTime", "date")
MODEL_KEYS = ("model", "model_name", "model_group", "model_id")
HOST_KEYS = ("host", "upstream", "upstream_host", "api_base", "base_url", "provider")
KEY_KEYS = ("key_fingerprint", "key_alias", "key_name", "token_name", "api_key_hash",
            "user_api_key_alias", "api_key")  # fmt: skip
RID_KEYS = ("request_id", "requestId", "x_request_id", "x-request-id", "req_id")
HASH_KEYS = ("body_hash", "request_hash", "prompt_hash", "request_body_hash")


def sniff(lines: list[str]) -> bool:
    objs = first_lines_json(lines)
    return any(any(k in obj for k in (*STATUS_KEYS, "error")) for obj in objs)


def _first(obj: dict[str, Any], keys: tuple[str, ...], state: dict[str, Any]) -> Any:
    """The first field of a family, in the family's order, that the line holds and is
    not empty. The answer depends on the line alone, never on the lines read before it,
    so a scan that reads only the candidate lines, or a file split across processes,
    reads each line as a scan of every line would."""
    for key in keys:
        value = obj.get(key)
        if value not in (None, ""):
            return value
    request = obj.get("request")
    if isinstance(request, dict):
        for key in keys:
            value = request.get(key)
            if value not in (None, ""):
                return value
    return None


def parse(line: str, state: dict[str, Any]) -> Failure | None:
    obj = loads(line)
    if obj is None:
        return None
    return _failure(obj, state)


def parse_block(lines: list[bytes], state: dict[str, Any]) -> tuple[list[Failure] | Columns, int]:
    """A block's candidate lines: as columns when they are all plainly failures of one
    shape the reader knows (``parse_columns``), else one by one (``parse_lines``)."""
    cols = parse_columns(lines, state)
    if cols is not None:
        return cols, 0
    return parse_lines(lines, state)


def parse_columns(lines: list[bytes], state: dict[str, Any]) -> Columns | None:
    """The failures on these lines as columns, or None when any line is not plainly one:
    every line a JSON object holding the fields the first line's shape (one the reader
    knows, see ``parse_lines``) reads and none the careful way would read before them,
    none empty, an integer status from 400 to 599, a string error, whole epoch seconds
    for a time, strings for the rest.

    Each line is decoded by ``msgspec`` into a struct made for the shape (``_typed``):
    the checks are the struct's types and bounds, run in C as the line is read, the
    fields no column needs are skipped unread, and each column is one C-level pass over
    the structs, so a line costs its decoding and a few steps, never a Python loop."""
    plans: dict[tuple[str, ...], _Fast] | None = state.get("_fast")
    if not lines or not plans:
        return None
    try:
        first = loads_bytes(lines[0])
    except ValueError:
        return None
    if type(first) is not dict:
        return None
    fast = plans.get(tuple(first))
    if fast is None:
        return None
    decode, getters = _typed(fast[3], state)
    try:
        rows = list(map(decode, lines))
    except ValueError:  # msgspec's DecodeError and ValidationError are ValueErrors
        return None
    statuses, errors, seconds, models, hosts, keys, rids, digests = (
        list(map(get, rows)) if get is not None else None for get in getters
    )
    if statuses is None or errors is None or seconds is None:
        return None
    # the error's JSON as written is the key of the text made from it: a log repeats a
    # few errors, and the bytes are hashed without being unescaped into a string first
    raws = list(map(bytes, errors))
    made: dict[tuple[int, bytes], str] = state.setdefault("_texts_raw", {})
    texts = list(map(made.get, zip(statuses, raws, strict=False)))
    if None in texts:
        held = state.get("_texts_raw_bytes", 0)
        if len(made) >= _MAX_TEXTS or held >= _MAX_TEXT_BYTES:
            made.clear()
            held = 0
        for i, text in enumerate(texts):
            if text is None:
                key = (statuses[i], raws[i])
                text = made.get(key)
                if text is None:
                    error = loads_bytes(raws[i])
                    if type(error) is not str or not error:  # the careful way takes it
                        return None
                    text = made[key] = _text(statuses[i], error, state)
                    held += len(raws[i])
                texts[i] = text
        state["_texts_raw_bytes"] = held
    return Columns(
        texts,  # type: ignore[arg-type]
        seconds,
        statuses,
        models,
        hosts,
        list(map(_key_text, keys)) if keys is not None else None,
        rids,
        list(map("hash:".__add__, digests)) if digests is not None else None,
    )


#: Per family, what a field read into a column must be on the fast way: a status from 400
#: to 599, whole epoch seconds (up to year 5138), and otherwise a string that is not empty;
#: the error is kept as its JSON (checked to be a string that is not empty when its text
#: is first made, see ``parse_columns``).
_COLUMN_TYPES = ("status", "raw", "seconds", "text", "text", "text", "text", "text")


def _typed(picks: tuple[str | None, ...], state: dict[str, Any]) -> tuple[Any, tuple[Any, ...]]:
    """For a shape's picks (per family, the field the shape holds first, or None: see
    ``_learn``): a ``msgspec`` decoder of the lines the column way may take, and per
    family the getter of its field (None when the shape lacks the family).

    The struct names each pick, typed as its column must be (``_COLUMN_TYPES``), and
    requires it; every name of the family before the pick (every name, when the shape
    lacks the family) and a nested ``request`` must be absent, since the careful way
    would read them first. Any other field is skipped unread (a line may add its own:
    latencies, token counts). So a line decodes exactly when the careful way reads each
    family from the pick, and its columns are what the careful way finds."""
    made: dict[tuple[str | None, ...], tuple[Any, tuple[Any, ...]]]
    made = state.setdefault("_typed", {})
    typed = made.get(picks)
    if typed is not None:
        return typed
    from operator import attrgetter
    from typing import Annotated

    import msgspec

    kinds = {
        "status": Annotated[int, msgspec.Meta(ge=400, le=599)],
        "seconds": Annotated[int, msgspec.Meta(ge=0, le=100_000_000_000)],
        "text": Annotated[str, msgspec.Meta(min_length=1)],
        "raw": msgspec.Raw,
    }
    absent = (msgspec.UnsetType, msgspec.UNSET)
    fields: dict[str, tuple[Any, ...]] = {}  # by field name in the log
    for family, kind, pick in zip(_FAMILIES, _COLUMN_TYPES, picks, strict=True):
        for key in family[: family.index(pick)] if pick is not None else family:
            fields[key] = absent
        if pick is not None:
            fields[pick] = (kinds[kind],)
    fields.setdefault("request", absent)
    names = {key: f"f{i}" for i, key in enumerate(fields)}  # names need not be identifiers
    struct = msgspec.defstruct(
        "Line",
        [(names[key], *spec) for key, spec in fields.items()],
        rename={name: key for key, name in names.items()},
        kw_only=True,
        gc=False,
    )
    if len(made) >= _MAX_SHAPES:
        made.clear()
    get = tuple(attrgetter(names[k]) if k is not None else None for k in picks)
    typed = made[picks] = (msgspec.json.Decoder(struct).decode, get)
    return typed


def parse_lines(lines: list[bytes], state: dict[str, Any]) -> tuple[list[Failure], int]:
    """``parse_bytes`` over many candidate lines at once (the scanner's hot path): the
    failures found, and how many lines could not be read at all.

    A log writes lines of the same few shapes, so for a shape seen before the fields
    are fetched in one ``itemgetter`` call (the first name of each family the shape
    holds); any line that is not plainly such (an empty or null field, a nested
    ``request``, an odd value) takes the ``parse_bytes`` way. The two ways give the same
    failures (tested on mixed logs).
    """
    plans: dict[tuple[str, ...], _Fast] = state.setdefault("_fast", {})
    texts: dict[tuple[int | None, str], str] = state.setdefault("_texts", {})
    out: list[Failure] = []
    unreadable = 0
    loads, fromtimestamp, append = loads_bytes, datetime.fromtimestamp, out.append
    for line in lines:
        try:
            obj = loads(line)
        except ValueError:
            obj = None
        if type(obj) is dict:
            fast = plans.get(tuple(obj))
            if fast is not None:
                vals = fast[0](obj)
                if None not in vals and "" not in vals:
                    s_raw, error, t_raw, model, host, key, rid, digest = fast[1](
                        (*vals, None) if fast[2] else vals
                    )
                    if type(s_raw) is int:
                        status = s_raw if 100 <= s_raw <= 599 else None
                    else:
                        status = status_of(s_raw)
                    if status is not None and status < 400:
                        continue
                    if type(error) is str:
                        text = texts.get((status, error)) or _text(status, error, state)
                    elif status is None and not isinstance(error, dict):
                        continue
                    else:
                        text = _text(status, error, state)
                    if not text:
                        continue
                    when: datetime | None
                    if type(t_raw) is int and 0 <= t_raw <= 1e11:
                        when = fromtimestamp(t_raw, UTC)
                    else:
                        when = parse_time(t_raw)
                    append(make_failure((
                        text,
                        when,
                        status,
                        model if isinstance(model, str) else None,
                        host if isinstance(host, str) else None,
                        _key_text(key) if isinstance(key, str) and key else None,
                        rid if isinstance(rid, str) else None,
                        f"hash:{digest}" if isinstance(digest, str) else None,
                        None,
                    )))  # fmt: skip
                    continue
        # the careful way: a new shape, an odd line, or an odd value
        try:
            if obj is None or type(obj) is not dict:
                failure = parse_bytes(line, state)
            else:
                failure = _failure(obj, state)
        except Exception:  # one odd line never stops a scan
            unreadable += 1
            continue
        if type(obj) is dict:
            _learn(obj, state, plans)
        if failure is not None and failure.text:
            append(failure)
    return out, unreadable


#: A shape's fast way: the getter of the fields it holds, the getter that puts their
#: values in family order, whether an absent family reads a trailing None, and per
#: family the name of its field, the first of the family the shape holds (None: the
#: shape lacks the family; the column way's struct is made from these, ``_typed``).
_Fast = tuple[Any, Any, bool, tuple[str | None, ...]]


def _learn(obj: dict[str, Any], state: dict[str, Any], plans: dict[tuple[str, ...], _Fast]) -> None:
    """Remember the fast way for this line's shape, when there is one."""
    shape = tuple(obj)
    if shape in plans or "request" in obj:
        return
    picked: list[str] = []
    where: list[int] = []
    absent = False
    for family in _FAMILIES:
        present = [k for k in family if k in obj]
        if not present:
            where.append(-1)
            absent = True
            continue
        where.append(len(picked))
        picked.append(present[0])  # when its value is empty, the careful way looks further
    size = len(picked)
    if not size:
        return
    remap = itemgetter(*(size if i < 0 else i for i in where))
    if len(plans) >= _MAX_SHAPES:
        plans.clear()
    getter: Any = itemgetter(*picked)
    if size == 1:  # itemgetter of one name returns the value, not a tuple
        one = getter
        getter = lambda o: (one(o),)  # noqa: E731
    picks = tuple(picked[i] if i >= 0 else None for i in where)
    plans[shape] = (getter, remap, absent, picks)


def parse_bytes(line: bytes, state: dict[str, Any]) -> Failure | None:
    """``parse`` on the line's bytes: one ``orjson`` call, no decoding; a line orjson
    refuses (invalid UTF-8, odd whitespace) goes the ``parse`` way, so both agree."""
    try:
        obj = loads_bytes(line)
    except ValueError:
        return parse(line.decode("utf-8", "replace"), state)
    return _failure(obj, state) if isinstance(obj, dict) else None


#: Each family of field names, in the order they are tried.
_FAMILIES = (STATUS_KEYS, ERROR_KEYS, TIME_KEYS, MODEL_KEYS, HOST_KEYS, KEY_KEYS, RID_KEYS,
             HASH_KEYS)  # fmt: skip
#: Most line shapes (sets of field names) remembered, and error texts made per reader state.
_MAX_SHAPES = 1024
_MAX_TEXTS = 20_000
#: Bytes of raw error JSON kept as keys of the texts made (a log of long, all-distinct
#: errors would otherwise hold up to ``_MAX_TEXTS`` of them whatever their size).
_MAX_TEXT_BYTES = 16 * 1024 * 1024

Plan = tuple[tuple[str, ...], ...]


def _plan(obj: dict[str, Any], state: dict[str, Any]) -> tuple[Plan, bool]:
    """For a line's shape (its field names in order): the names of each family it holds, in
    the family's order, and whether it has a nested ``request``. A log writes the same
    few shapes over and over, so this is worked out once per shape, not once per line;
    a family the line does not hold then costs nothing."""
    shapes: dict[tuple[str, ...], tuple[Plan, bool]] = state.setdefault("_shapes", {})
    shape = tuple(obj)
    plan = shapes.get(shape)
    if plan is None:
        if len(shapes) >= _MAX_SHAPES:
            shapes.clear()
        names = set(shape)
        plan = shapes[shape] = (
            tuple(tuple(k for k in family if k in names) for family in _FAMILIES),
            "request" in names,
        )
    return plan


def _pick(obj: dict[str, Any], keys: tuple[str, ...], present: tuple[str, ...],
          nested: bool, state: dict[str, Any]) -> Any:  # fmt: skip
    """``_first`` with the family's names the line holds already known: the same answer."""
    for key in present:
        value = obj[key]
        if value is not None and value != "":
            return value
    if nested:
        request = obj.get("request")
        if isinstance(request, dict):
            for key in keys:
                value = request.get(key)
                if value not in (None, ""):
                    return value
    return None


def _failure(obj: dict[str, Any], state: dict[str, Any]) -> Failure | None:
    (p_status, p_error, p_time, p_model, p_host, p_key, p_rid, p_hash), nested = _plan(obj, state)
    status = status_of(_pick(obj, STATUS_KEYS, p_status, nested, state))
    error = _pick(obj, ERROR_KEYS, p_error, nested, state)
    if status is not None and status < 400:
        return None
    if status is None and not isinstance(error, dict | str):
        return None
    text = _text(status, error, state)
    model = _pick(obj, MODEL_KEYS, p_model, nested, state) if p_model or nested else None
    host = _pick(obj, HOST_KEYS, p_host, nested, state) if p_host or nested else None
    rid = _pick(obj, RID_KEYS, p_rid, nested, state) if p_rid or nested else None
    digest = _pick(obj, HASH_KEYS, p_hash, nested, state) if p_hash or nested else None
    key = _pick(obj, KEY_KEYS, p_key, nested, state) if p_key or nested else None
    when = _pick(obj, TIME_KEYS, p_time, nested, state) if p_time or nested else None
    return Failure(
        text,
        parse_time(when),
        status,
        model if isinstance(model, str) else None,
        host if isinstance(host, str) else None,
        _key(key),
        rid if isinstance(rid, str) else None,
        f"hash:{digest}" if isinstance(digest, str) else None,
    )


def _text(status: int | None, error: object, state: dict[str, Any]) -> str:
    """What the engine reads: the error as text, its status before it when the text does
    not say it. A log repeats the same errors, so each is made once (and the same string
    object comes back, whose hash the diagnosis memo then reuses)."""
    if not isinstance(error, str):
        return _make_text(status, error)
    texts: dict[tuple[int | None, str], str] = state.setdefault("_texts", {})
    made = texts.get((status, error))
    if made is None:
        if len(texts) >= _MAX_TEXTS:
            texts.clear()
        made = texts[(status, error)] = _make_text(status, error)
    return made


def _make_text(status: int | None, error: object) -> str:
    text = as_text(error)
    if status is not None and str(status) not in text[:40]:
        text = f"HTTP {status} {text}".rstrip()
    return text


def _key(value: object) -> str | None:
    """A key's name or fingerprint as logged; a raw key is fingerprinted, never kept."""
    if not isinstance(value, str) or not value:
        return None
    return _key_text(value)


@lru_cache(maxsize=4096)
def _key_text(value: str) -> str:
    from whichlayer.redact import mask_secret, redact_text

    if redact_text(value) != value:  # the value itself is a secret
        return mask_secret(value)
    return value[:80]
