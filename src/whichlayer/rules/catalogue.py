"""The catalogue stage: a provider's documented error code decides, as a rule.

Each row of a provider module's ``errors`` (see :mod:`whichlayer.providers`) that
``decides`` becomes a rule with id ``catalogue.<provider>.<code>``. Rows are found through
the registry's small generated index, so an input imports only the provider modules whose
documented values it carries; most inputs import none.

Priorities: a documented body code or type is as specific as the engine's own body-code
rules; a documented phrase a little less; a documented *status* only where the provider is
recognised, and then only above the bare-status rules.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from whichlayer.rules.base import Facts, Rule, gate

TYPE_CHECKING = False
if TYPE_CHECKING:
    from whichlayer.providers import Documented, Provider
    from whichlayer.rules.view import View

#: Priority by the field a row reads.
PRIORITY = {
    "code": 98,
    "type": 98,
    "status_text": 98,
    "reason": 98,
    "phrase": 88,
    "status": 30,
}
#: A value other servers use too (``context``) is less specific than one only this
#: provider documents: it ranks with the engine's ordinary body-code rules.
SHARED_PRIORITY = 90
_BODY_FIELDS = ("code", "type", "status_text", "reason")
#: Body formats so widely imitated that they do not name who answered.
_IMITATED = frozenset({"openai"})


def recognised(provider: Provider, view: View) -> Facts | None:
    """Does the input come from ``provider``? Its host, its body format, its name or its
    HTML page say so."""
    ev = view.ev
    if ev.host and provider.serves(ev.host):
        return {"host": ev.host}
    if provider.dialect is not None and provider.dialect not in _IMITATED:
        for body in ev.bodies:
            if body.dialect == provider.dialect:
                return {"body format": body.dialect}
    if ev.html_vendor is not None and ev.html_vendor == provider.id:
        return {"html page": ev.html_vendor}
    for word in provider.words:
        if word in view.hay:
            return {"named": word.strip()}
    return None


def _matcher(provider: Provider, row: Documented) -> Rule:
    assert row.layer is not None, "a row that decides names a cause of a layer"
    value = row.code.lower()
    field = row.field

    def match(view: View) -> Facts | None:
        facts: Facts
        if field == "status":
            if view.ev.status is None or str(view.ev.status) != value:
                return None
            facts = {"status": value}
        elif field == "phrase":
            if value not in view.hay:
                return None
            facts = {"text": row.code}
        else:
            if value not in view.fields(field):
                return None
            facts = {f"body {field.replace('_', ' ')}": row.code}
        if row.context or field == "status":
            seen = recognised(provider, view)
            if seen is None:
                return None
            facts.update(seen)
        facts["documented"] = row.doc
        return facts

    reads = [_NOUN[field]] + (["the provider's hosts and words"] if row.context else [])
    return Rule(
        f"catalogue.{provider.id}.{row.code}",
        f"{provider.name} documents this {_NOUN[field]}: {row.meaning}",
        row.layer,
        row.cause,
        # run only where the provider's index points (``candidates``): no keywords of its own
        gate(match, None, tuple(reads)),
        priority=SHARED_PRIORITY if row.context and field != "status" else PRIORITY[field],
        origin=row.origin,
        retry=row.retry,
        confidence=0.85 if field != "status" else 0.6,
        samples=(row.sample,),
    )


_NOUN = {
    "code": "error code",
    "type": "error type",
    "status_text": "error status",
    "reason": "error reason",
    "phrase": "error message",
    "status": "HTTP status",
}


@cache
def provider_rules(module: str) -> tuple[Rule, ...]:
    """The catalogue rules of one provider module (built on first use)."""
    from whichlayer.providers import load

    provider = load(module)
    return tuple(_matcher(provider, row) for row in provider.errors if row.decides)


def all_rules() -> tuple[Rule, ...]:
    """Every catalogue rule (imports every provider module: for listings and tests)."""
    from whichlayer.providers import module_names

    return tuple(rule for module in module_names() for rule in provider_rules(module))


def phrases() -> list[str]:
    """Every documented phrase: keywords of the rules' one Aho-Corasick pass
    (``View.keywords``), so the catalogue needs no pass of its own."""
    from whichlayer.providers._index import load as load_index

    return list(load_index().get("phrase", {}))


#: A catalogue candidate: its place among the candidates (priority, best first; then the
#: module's name and the row's place in it) and the rule.
_Keyed = tuple[tuple[int, str, int], Rule]


@cache
def _rules_by_value(module: str) -> dict[tuple[str, str], tuple[_Keyed, ...]]:
    """One provider module's catalogue rules by the ``(field, lower-cased value)`` each
    reads, each with its place among the candidates (built on first use)."""
    from whichlayer.providers import load

    provider = load(module)
    rows = [row for row in provider.errors if row.decides]
    out: dict[tuple[str, str], list[_Keyed]] = {}
    for i, (row, rule) in enumerate(zip(rows, provider_rules(module), strict=True)):
        place = (-rule.priority, module, i)
        out.setdefault((row.field, row.code.lower()), []).append((place, rule))
    return {key: tuple(rules) for key, rules in out.items()}


def candidates(view: View) -> list[Rule]:
    """The catalogue rules this input could fire, best first: only the provider modules
    that document one of its body values, phrases or its status are imported, and of
    each only the rows that read one of those values (a row whose value the input lacks
    cannot fire). In priority order, then by module name and row, as the modules' rows
    all sorted together would be."""
    wanted, status = _wanted(view)
    if status is not None:
        wanted[status[0]] = status[1]
    return _rules_for(wanted)


#: The priority of every row that reads the HTTP status: the lowest a row has, so these rows
#: come after every other row (``candidates``).
STATUS_PRIORITY = PRIORITY["status"]
assert min(SHARED_PRIORITY, *(p for f, p in PRIORITY.items() if f != "status")) > STATUS_PRIORITY


def split_candidates(view: View) -> tuple[list[Rule], Callable[[], list[Rule]] | None]:
    """``candidates(view)`` in two parts: the rows that read a body value or a phrase, and
    (as a function that imports their modules when called, ``None`` when there are none)
    those that read the status, which follow them at ``STATUS_PRIORITY``. The classifier
    stops before that priority on most inputs (a stronger rule fired): their modules are
    then never imported."""
    wanted, status = _wanted(view)
    first = _rules_for(wanted) if wanted else []
    if status is None:
        return first, None
    return first, lambda: _rules_for(dict([status]))


_Wanted = dict[tuple[str, str], list[str]]


def _wanted(view: View) -> tuple[_Wanted, tuple[tuple[str, str], list[str]] | None]:
    """The modules that document each of the input's body values and phrases, and those
    that document its status."""
    fields, documented, phrases, statuses = _tables()
    wanted: _Wanted = {}
    if view.ev.bodies:
        for field, table in fields:
            for value in view.fields(field):
                owners = table.get(value)
                if owners:
                    wanted[(field, value)] = owners
    for word in view.keywords & phrases:
        wanted[("phrase", word)] = documented[word]
    if view.ev.status is not None:
        said = str(view.ev.status)
        owners = statuses.get(said)
        if owners:
            return wanted, (("status", said), owners)
    return wanted, None


def _rules_for(wanted: _Wanted) -> list[Rule]:
    """The rows of ``wanted``'s modules that read its values, best first."""
    if not wanted:
        return []
    found: list[_Keyed] = []
    for key, modules in wanted.items():
        for module in modules:
            found += _rules_by_value(module).get(key, ())
    if len(found) > 1:
        found.sort(key=_place)
    return [rule for _key, rule in found]


_Tables = tuple[
    tuple[tuple[str, dict[str, list[str]]], ...],
    dict[str, list[str]],
    frozenset[str],
    dict[str, list[str]],
]


@cache
def _tables() -> _Tables:
    """From the generated index: the body fields that have documented values, each with
    its table; the documented phrases, and those that name a module; the statuses."""
    from whichlayer.providers._index import load as load_index

    index = load_index()
    documented = index.get("phrase") or {}
    return (
        tuple((field, index[field]) for field in _BODY_FIELDS if index.get(field)),
        documented,
        frozenset(word for word, owners in documented.items() if owners),
        index.get("status") or {},
    )


def _place(keyed: _Keyed) -> tuple[int, str, int]:
    return keyed[0]
