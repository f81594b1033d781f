"""The shrinking run: failure signature, levels of reduction, budget, result in words."""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from whichlayer.shrink import shape
from whichlayer.shrink.reduce import Keep, minimize, minimize_deferred

Send = Callable[[dict[str, Any]], Any]

DEFAULT_MAX_REQUESTS = 40
DEFAULT_TIMEOUT_S = 300.0
#: A failure of these layers is not the request's fault: shrinking cannot find it.
_NOT_THE_REQUEST = frozenset({"rate_limit", "quota", "network", "identity"})


class ShrinkError(Exception):
    """The run cannot start or go on; the message says why in one line."""


def canonical(body: Any) -> str:
    """The bytes a candidate is sent as (ASCII JSON: a lone surrogate stays an escape)."""
    return json.dumps(body, separators=(",", ":"), ensure_ascii=True)


def content_hash(body: Any) -> str:
    return hashlib.sha256(canonical(body).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Signature:
    """What "still fails" means: the same layer, cause and status, and the same wording."""

    layer: str | None
    cause: str
    status: int | None
    message: str  # the provider's message (redacted when shown)
    template: str  # the message without numbers, names and quoted values
    param: str = ""  # the provider's ``param`` when it names one

    def same(self, other: Signature) -> bool:
        return (self.layer, self.cause, self.status, self.template) == (
            other.layer,
            other.cause,
            other.status,
            other.template,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "layer": self.layer,
            "cause": self.cause,
            "status": self.status,
            "message": self.message,
        }


@dataclass(slots=True)
class Culprit:
    path: str
    why: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "why": self.why}


@dataclass(slots=True)
class ShrinkResult:
    """The outcome; ``to_dict`` is the ``--json`` form."""

    protocol: str
    signature: Signature
    culprits: list[Culprit]
    minimal: dict[str, Any]
    passing_neighbour: dict[str, Any] | None
    requests_sent: int
    sentence: str
    stopped: str | None = None  # why the run ended early (budget, timeout, Ctrl-C, a 429)
    original_bytes: int = 0
    sent: list[dict[str, Any]] = field(default_factory=list, repr=False)

    @property
    def complete(self) -> bool:
        return self.stopped is None

    @property
    def minimal_bytes(self) -> int:
        return len(canonical(self.minimal))

    def to_dict(self) -> dict[str, Any]:
        return {
            "signature": self.signature.to_dict(),
            "culprits": [c.to_dict() for c in self.culprits],
            "minimal": self.minimal,
            "passing_neighbour": self.passing_neighbour,
            "requests_sent": self.requests_sent,
        }


class _Stop(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`|\[[^\]]*\]|\d+")


def template_of(message: str) -> str:
    return " ".join(_QUOTED.sub("#", message.lower()).split())


def signature_of(x: object) -> tuple[bool, Signature | None]:
    """(failed, signature) for what ``send`` returned or raised."""
    status = getattr(x, "status_code", None)
    if status is None and not isinstance(x, BaseException):
        status = getattr(x, "status", None)
    if isinstance(x, BaseException):
        failed = True
    elif isinstance(status, int) and not isinstance(status, bool):
        failed = status >= 400
    elif isinstance(x, dict):
        failed = "error" in x and not x.get("choices") and not x.get("content")
    else:
        failed = False
    if not failed:
        return False, None
    from whichlayer.classify import classify
    from whichlayer.parse import read

    evidence = read(x)
    diagnosis = classify(evidence)
    message = next((b.message for b in evidence.bodies if b.message), "") or diagnosis.summary
    param = next((b.param for b in evidence.bodies if b.param), "") or ""
    layer = str(diagnosis.layer) if diagnosis.layer is not None else None
    return True, Signature(
        layer,
        str(diagnosis.cause),
        evidence.status,
        message[:500],
        template_of(message[:500]),
        param[:200],
    )


class _Runner:
    def __init__(
        self,
        body: dict[str, Any],
        send: Send,
        protocol: str,
        max_requests: int,
        timeout_s: float,
        on_send: Callable[[int], None] | None,
        keep_sent: bool,
    ) -> None:
        self.send = send
        self.protocol = protocol
        self.max_requests = max_requests
        self.deadline = time.monotonic() + timeout_s
        self.on_send = on_send
        self.keep_sent = keep_sent
        self.sent: list[dict[str, Any]] = []
        self.requests = 0
        self.cache: dict[str, bool] = {}
        self.passed: list[dict[str, Any]] = []
        self.signature: Signature | None = None
        self.hint = ""
        self.best = body
        self.best_size = len(canonical(body))

    def _send(self, body: dict[str, Any]) -> tuple[bool, Signature | None]:
        if self.requests >= self.max_requests:
            raise _Stop(f"the budget of {self.max_requests} requests is used up")
        if time.monotonic() > self.deadline:
            raise _Stop("the time limit (--timeout) was reached")
        self.requests += 1
        if self.keep_sent:
            self.sent.append(body)
        if self.on_send is not None:
            self.on_send(self.requests)
        try:
            answer: object = self.send(body)
        except KeyboardInterrupt:
            raise
        except Exception as exc:
            answer = exc
        return signature_of(answer)

    def test(self, body: dict[str, Any]) -> bool:
        """Does this candidate fail the same way? (cached by content hash)"""
        key = content_hash(body)
        if key in self.cache:
            return self.cache[key]
        failed, sig = self._send(body)
        assert self.signature is not None
        if failed and sig is not None and sig.layer in _NOT_THE_REQUEST:
            what = (
                f"a {sig.status} {sig.layer}/{sig.cause} answer"
                if sig.status
                else (f"a {sig.layer}/{sig.cause} failure")
            )
            raise _Stop(
                f"{what} arrived during shrinking: that is not the request's fault, so the run "
                "stopped here"
            )
        result = failed and sig is not None and sig.same(self.signature)
        self.cache[key] = result
        if not failed:  # answered without any failure (not merely another one)
            self.passed.append(body)
        if result:
            size = len(canonical(body))
            if size < self.best_size:
                self.best, self.best_size = body, size
        return result


@dataclass(slots=True)
class _Level:
    name: str
    before: dict[str, Any]
    units: list[shape.Unit]
    kept: list[int]
    unsure: list[int] = field(default_factory=list)


def shrink(
    body: dict[str, Any],
    send: Send,
    *,
    protocol: str | None = None,
    path: str = "",
    max_requests: int = DEFAULT_MAX_REQUESTS,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    on_send: Callable[[int], None] | None = None,
    keep_sent: bool = False,
) -> ShrinkResult:
    """Cut a failing request down to the part that makes it fail.

    ``send(body)`` sends one request and returns the response (an ``httpx``
    /``requests``-style object with ``status_code``, an SDK result, a dict) or
    raises (an SDK exception). The request is replayed twice first; a candidate
    "still fails" when the engine gives the same layer, cause and status with
    the same wording. At most ``max_requests`` requests are sent in all.
    Raises :class:`ShrinkError` when the request does not fail reproducibly or
    fails for a reason shrinking cannot find (rate limit, quota, key, network).
    """
    if not isinstance(body, dict):
        raise ShrinkError("the request body must be a JSON object")
    if max_requests < 3:
        raise ShrinkError("max_requests must be at least 3 (two replays and one candidate)")
    proto = protocol or shape.guess_protocol(body, path)
    if proto not in shape.PROTOCOLS:
        raise ShrinkError(f"unknown protocol {proto!r}; one of {', '.join(shape.PROTOCOLS)}")
    run = _Runner(body, send, proto, max_requests, timeout_s, on_send, keep_sent)
    run.signature = _replay(run, body)
    run.hint = run.signature.message + " " + run.signature.param
    run.cache[content_hash(body)] = True
    levels: list[_Level] = []
    stopped: str | None = None
    current = body
    try:
        current = _level(run, levels, "parts", current, shape.parts(current, proto), False)
        # a first level of one unit or none did not narrow anything: no probe at the second
        narrowed = bool(levels) and len(levels[-1].units) > 1
        current = _level(run, levels, "inner", current, shape.inner(current, proto), narrowed)
        current = _settle(run, levels, current)
        current = _level(run, levels, "strings", current, shape.strings(current, proto), True)
    except _Stop as stop:
        stopped = stop.reason
        current = run.best
    except KeyboardInterrupt:
        stopped = "interrupted (Ctrl-C): the best result so far"
        current = run.best
    neighbour = _neighbour(run, levels, current, stopped)
    culprits = [] if stopped else _culprits(levels, current, proto, run.hint)
    sentence = _sentence(run.signature, culprits, current, proto, stopped)
    return ShrinkResult(
        proto,
        run.signature,
        culprits,
        current,
        neighbour,
        run.requests,
        sentence,
        stopped,
        len(canonical(body)),
        run.sent,
    )


def _replay(run: _Runner, body: dict[str, Any]) -> Signature:
    sigs: list[Signature | None] = []
    try:
        for _ in range(2):
            failed, sig = run._send(body)
            sigs.append(sig if failed else None)
    except _Stop as stop:
        raise ShrinkError(stop.reason) from None
    first, second = sigs
    if first is None and second is None:
        raise ShrinkError("the request did not fail when replayed twice: nothing to shrink")
    if first is None or second is None or not first.same(second):
        raise ShrinkError(
            "the failure is not reproducible (two replays answered differently): "
            "a flaky failure cannot be shrunk"
        )
    if first.layer in _NOT_THE_REQUEST:
        raise ShrinkError(
            f"the failure is {first.layer}/{first.cause} (HTTP {first.status}): not caused by the "
            "request's content, so shrinking cannot help (see: whichlayer explain)"
        )
    return first


def _build(
    before: dict[str, Any], proto: str, units: list[shape.Unit], keep: Keep, cut: bool
) -> dict[str, Any]:
    gone = [p for i, u in enumerate(units) if i not in keep for p in u.paths]
    if cut:
        return shape.apply(before, proto, shorten=gone)
    return shape.apply(before, proto, drop=gone)


def _level(
    run: _Runner,
    levels: list[_Level],
    name: str,
    before: dict[str, Any],
    units: list[shape.Unit],
    probe_empty: bool,
) -> dict[str, Any]:
    if not units:
        return before
    cut = name == "strings"
    level = _Level(name, before, units, list(range(len(units))))
    levels.append(level)

    def fails(keep: Keep) -> bool:
        return run.test(_build(before, run.protocol, units, keep, cut))

    hinted = _with_context(units, _hinted(units, run.hint))
    if probe_empty and fails(frozenset()):
        level.kept = []
    elif hinted and len(hinted) < len(units) and fails(frozenset(hinted)):
        # the error message names these parts: look among them only
        inside = minimize(len(hinted), lambda keep: fails(frozenset(hinted[i] for i in keep)))
        level.kept = [hinted[i] for i in inside]
    elif name == "parts":
        level.kept, level.unsure = minimize_deferred(len(units), fails, defer=True)
    else:
        level.kept = minimize(len(units), fails)
    return _build(before, run.protocol, units, frozenset(level.kept), cut)


def _settle(run: _Runner, levels: list[_Level], current: dict[str, Any]) -> dict[str, Any]:
    """Kept first-level units whose removal was never tried: needed when they hold a culprit
    found inside them; otherwise try once without each."""
    first = next((lv for lv in levels if lv.name == "parts"), None)
    if first is None or not first.unsure:
        return current
    inner = [lv.units[i].paths[0] for lv in levels if lv.name == "inner" for i in lv.kept]
    for i in list(first.unsure):
        path = first.units[i].paths[0]
        if any(p[: len(path)] == path for p in inner):
            continue
        candidate = shape.apply(current, run.protocol, drop=first.units[i].paths)
        if run.test(candidate):
            current = candidate
            first.kept.remove(i)
    first.unsure = []
    return current


_GENERIC = frozenset(
    {"properties", "items", "function", "parameters", "input_schema", "tools", "messages",
     "content", "custom", "schema", "json_schema", "contents", "parts", "input"}
)  # fmt: skip
_MENTION = re.compile(r"'([^']*)'|\"([^\"]*)\"|`([^`]*)`")
_PATHLIKE = re.compile(r"[A-Za-z_]+(?:\.?\[?\d+\]?|\.[A-Za-z_]+)+")


def _hinted(units: list[shape.Unit], hint: str) -> list[int]:
    """Units the error message points at: by a path (``tools[17]``, ``tools.17``) or by names."""
    if not hint:
        return []
    quoted = {next(g for g in m.groups() if g is not None) for m in _MENTION.finditer(hint)}
    paths = {_norm(p) for p in _PATHLIKE.findall(hint)}
    out = []
    for i, unit in enumerate(units):
        path = unit.paths[0]
        spot = _norm(shape.show(path))
        if any(p == spot or p.startswith(spot + ".") for p in paths if "." in spot):
            out.append(i)
            continue
        if unit.kind == "tool" and unit.label.endswith(")"):
            if unit.label.rpartition("(")[2].rstrip(")") in quoted:
                out.append(i)
            continue
        names = {str(p) for p in path if isinstance(p, str) and p not in _GENERIC}
        if unit.kind == "schema" and names and names <= quoted:
            out.append(i)
    return out


def _with_context(units: list[shape.Unit], hinted: list[int]) -> list[int]:
    """Named schema parts plus the keywords of the schema nodes above them (a strict schema's
    ``additionalProperties``), which the part may need to fail the same way."""
    if not hinted:
        return hinted
    named = [units[i].paths[0] for i in hinted]
    extra = []
    for i, unit in enumerate(units):
        path = unit.paths[0]
        if i in hinted or unit.kind != "schema" or isinstance(path[-1], int):
            continue
        if len(path) >= 2 and path[-2] in ("properties", "$defs", "definitions"):
            continue  # a sub-tree, not a keyword
        node = path[:-1]
        if any(p[: len(node)] == node and len(p) > len(node) for p in named):
            extra.append(i)
    return sorted(set(hinted) | set(extra))


def _norm(path: str) -> str:
    """``tools[17].function`` and ``tools.17.function`` and ``messages.[3]`` alike."""
    return re.sub(r"\.?\[(\d+)\]", r".\1", path).strip(".")


def _neighbour(
    run: _Runner, levels: list[_Level], current: dict[str, Any], stopped: str | None
) -> dict[str, Any] | None:
    """A request that passes and differs from the minimal one by one unit, when it was sent;
    else the passing request sent closest to it (fewest differing leaves); when none passed
    at all, one more request: the minimal one without a unit (the one the provider's message
    names first, the deepest level first)."""
    options: list[tuple[tuple[bool, int], dict[str, Any]]] = []
    for depth, level in enumerate(levels):
        for i in level.kept:
            unit = level.units[i]
            word = unit.paths[0][-1]
            named = isinstance(word, str) and f"'{word}'" in run.hint
            if level.name == "strings":
                candidate = shape.apply(current, run.protocol, shorten=unit.paths)
            else:
                candidate = shape.apply(current, run.protocol, drop=unit.paths)
            options.append(((named, depth), candidate))
    options.sort(key=lambda o: o[0], reverse=True)
    passed = {content_hash(b) for b in run.passed}
    for _, candidate in options:
        if content_hash(candidate) in passed:
            return candidate
    if options and not stopped and not run.passed and content_hash(options[0][1]) not in run.cache:
        with contextlib.suppress(_Stop):  # out of budget or time: no neighbour sent
            run.test(options[0][1])
        if run.passed and run.passed[-1] is options[0][1]:
            return options[0][1]
    if not run.passed:
        return None
    mine = _leaves(current)
    return min(run.passed, key=lambda body: len(mine ^ _leaves(body)))


def _leaves(node: Any, path: str = "") -> set[str]:
    if isinstance(node, dict):
        return {x for k, v in node.items() for x in _leaves(v, f"{path}.{k}")} or {path + "{}"}
    if isinstance(node, list):
        return {x for i, v in enumerate(node) for x in _leaves(v, f"{path}[{i}]")} or {path + "[]"}
    return {f"{path}={node!r}"}


def _culprits(
    levels: list[_Level], current: dict[str, Any], proto: str, hint: str = ""
) -> list[Culprit]:
    out: list[Culprit] = []
    schema_why: dict[str, list[tuple[tuple[bool, int], str]]] = {}
    for n, level in enumerate(levels):
        for i in level.kept:
            unit = level.units[i]
            original = _to_original(unit.paths[0], levels[:n])
            label = shape.show(original)
            if unit.kind == "tool":
                name = shape.tool_name(shape.get(level.before, unit.paths[0]))
                out.append(
                    Culprit(
                        label,
                        f"fails only when {label}" + (f" ({name})" if name else "") + " is present",
                    )
                )
            elif unit.kind == "schema":
                tool_path, where, keyword = _schema_parts(original)
                named = f"'{keyword}'" in hint or f"`{keyword}`" in hint if keyword else False
                score = (named, len(original))
                schema_why.setdefault(tool_path, []).append((score, _schema_words(where, keyword)))
            elif unit.kind == "param":
                model = current.get("model") or "this model"
                out.append(Culprit(label, f"fails only with {label} set for {model}"))
            elif unit.kind == "string":
                chars = len(str(shape.get(level.before, unit.paths[0])))
                out.append(
                    Culprit(label, f"fails only when {label} is long ({chars:,} characters)")
                )
            elif unit.kind == "turn":
                if len(unit.paths) > 1:
                    last = _to_original(unit.paths[-1], levels[:n])
                    label = f"{label}..{last[-1]}]".replace(
                        f"[{original[-1]}]..", f"[{original[-1]}.."
                    )
                    out.append(Culprit(label, f"fails only when the turns {label} are present"))
                else:
                    out.append(Culprit(label, f"fails only when the turn {label} is present"))
            elif unit.kind == "field":
                out.append(Culprit(label, f"fails only when {label} is set"))
            else:
                kind = unit.label.rpartition("(")[2].rstrip(")")
                out.append(Culprit(label, f"fails only when {label} ({kind}) is present"))
    for tool_path, words in schema_why.items():
        deepest = max(words)[1]  # the part the provider's message names, else the deepest
        found = next((c for c in out if c.path == tool_path), None)
        text = f"its schema {deepest}"
        if found is not None:
            found.why += f": {text}"
        else:
            out.append(Culprit(tool_path, f"{tool_path} {text}"))
    return out


def _schema_parts(path: shape.Path) -> tuple[str, str, str]:
    """(the tool's path, where inside the schema, the keyword) for a schema unit's path."""
    names = {"parameters", "input_schema", "parametersJsonSchema", "schema", "responseSchema"}
    start = next((i for i, p in enumerate(path) if p in names), len(path) - 1)
    tool = shape.show(
        path[: start - 1] if path[start - 1 : start] == ("function",) else path[:start]
    )
    inside = list(path[start + 1 :])
    keyword = ""
    while inside:
        last = inside[-1]
        if isinstance(last, int) or last in ("properties",):
            inside.pop()
            continue
        if len(inside) >= 2 and inside[-2] == "properties":
            break
        keyword = str(inside.pop())
        break
    return tool, shape.show(tuple(inside)), keyword


def _schema_words(where: str, keyword: str) -> str:
    spot = f"at {where}" if where else "at its root"
    if keyword:
        return f"uses {keyword} {spot}"
    depth = where.count("properties") + where.count("items")
    return f"nests {depth} levels deep {spot}" if depth > 1 else f"has {where}"


def _to_original(path: shape.Path, earlier: list[_Level]) -> shape.Path:
    """A path in a later level's body, in the coordinates of the original request."""
    for level in reversed(earlier):
        gone = {p for i, u in enumerate(level.units) if i not in set(level.kept) for p in u.paths}
        if level.name == "strings":
            continue
        out: list[str | int] = []
        node: Any = level.before
        for part in path:
            if isinstance(part, int) and isinstance(node, list):
                prefix = tuple(out)
                alive = [j for j in range(len(node)) if (*prefix, j) not in gone]
                part = alive[part] if part < len(alive) else part
            out.append(part)
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                node = None
        path = tuple(out)
    return path


def _sentence(
    sig: Signature,
    culprits: list[Culprit],
    minimal: dict[str, Any],
    proto: str,
    stopped: str | None,
) -> str:
    head = f"{sig.layer}/{sig.cause} (HTTP {sig.status})"
    if stopped:
        return f"{head}: stopped early ({stopped}); the smallest failing request so far is shown"
    if not culprits:
        return (
            f"{head}: fails even in its smallest form (model, first user turn and required "
            "fields only): the failure is not caused by any part that can be dropped"
        )
    words = "; ".join(c.why for c in culprits)
    if any(c.why.endswith("characters)") for c in culprits) or sig.cause == "context_length":
        tokens = math.ceil(len(canonical(minimal)) / 4)
        words += f"; fails when the request exceeds ~{tokens:,} tokens"
    return f"{head}: {words}"
