"""Run the rules over Evidence and return a Diagnosis. Pure: no I/O."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence

from whichlayer import actions as act
from whichlayer.diagnosis import Diagnosis, Fact
from whichlayer.evidence import Evidence
from whichlayer.rules import ALL_RULES, ORIGIN_RULES, OriginRule, Rule, catalogue
from whichlayer.rules.base import Facts
from whichlayer.rules.origin import LAYER_ORIGIN
from whichlayer.rules.view import View
from whichlayer.taxonomy import DEFAULT_RETRY, Cause, Layer, Origin, Retry

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Origin rules that only speak about failures with no HTTP answer.
_TRANSPORT_ONLY = frozenset({"origin.proxy.dns", "origin.proxy.interception"})


#: What ``verdict`` gives: the layer (None: nothing says), the cause, the origin and the
#: retry advice, the part of a Diagnosis that ``scan`` counts.
Verdict = tuple[Layer | None, Cause, Origin, Retry]


class Decision:
    """What the rules and the learned fallback decided for one input, before it is put
    into words (``_present``). ``rule`` is None where nothing points at a layer. (A plain
    class: a dataclass costs start-up time, see ``whichlayer._record``.)"""

    __slots__ = (
        "cause_fact",
        "fired",
        "guess",
        "learned",
        "origin",
        "origin_fact",
        "rest",
        "retry",
        "rule",
        "used",
    )

    def __init__(
        self,
        rule: Rule | None,
        origin: Origin = Origin.UNKNOWN,
        retry: Retry = Retry.NEVER,
        used: Facts | None = None,
        rest: list[tuple[Rule, Facts]] | None = None,
        cause_fact: Fact | None = None,
        learned: tuple[Rule, list[Fact], float] | None = None,
        guess: Any = None,
        origin_fact: Fact | None = None,
        fired: Rule | None = None,
    ) -> None:
        self.rule = rule
        self.origin = origin
        self.retry = retry
        #: the facts the winning rule used, and the other rules that fired (best first)
        self.used: Facts = {} if used is None else used
        self.rest: list[tuple[Rule, Facts]] = [] if rest is None else rest
        #: the learned fallback's facts: its cause among tied rules; its weighing of a weak
        #: rule (the rule it decided, its facts, how sure); its reading where no rule fired
        self.cause_fact = cause_fact
        self.learned = learned
        self.guess = guess  # fallback.Guess, where no rule fired
        self.origin_fact = origin_fact
        #: the rule whose facts ``used`` are (``rule`` unless the fallback's weighing decided)
        self.fired = fired

    def verdict(self) -> Verdict:
        rule = self.rule
        if rule is None:
            return None, Cause.UNKNOWN, Origin.UNKNOWN, Retry.NEVER
        return rule.layer, rule.cause, self.origin, self.retry


def classify(ev: Evidence) -> Diagnosis:
    """The Diagnosis for ``ev``: the most specific rule that fires decides the cause; where
    no rule fires, or the best rules tie on different layers, the learned fallback decides."""
    return _present(ev, decide(ev))


def classify_own(ev: Evidence) -> Diagnosis:
    """``classify(ev)`` for an Evidence no one else holds (``explain``'s own reading of its
    input): the verdict is decided at once, the rest of the Diagnosis (its words, and the
    facts it repeats from ``ev``, whose text scans ``ev`` defers) is made when first used,
    by ``_present`` from the same decision. (With an Evidence the caller holds, the caller
    could change it in between: ``classify`` puts it into words at once.)"""
    decision = decide(ev)
    layer, cause, origin, retry = decision.verdict()
    confidence = 0.0 if decision.rule is None else decision.rule.confidence
    return Diagnosis.pending(
        layer, cause, origin, retry, confidence, lambda: _present_safely(ev, decision)
    )


def _present_safely(ev: Evidence, decision: Decision) -> Diagnosis:
    """``_present``, or, should it raise, the engine's own failure put into words (as
    ``explain`` answers when the engine raises while it judges)."""
    try:
        return _present(ev, decision)
    except Exception as exc:  # the contract: odd input never raises
        return internal_error(exc)


def verdict(ev: Evidence) -> Verdict:
    """``classify(ev)``'s layer, cause, origin and retry, decided by the same steps
    (``decide``) without the words: no summary, actions or supporting facts, and the
    learned fallback names no features (what ``scan`` needs per distinct error)."""
    return decide(ev, reasons=False).verdict()


def decide(ev: Evidence, reasons: bool = True) -> Decision:
    """The decision for ``ev``, the one path ``classify`` and ``verdict`` share. With
    ``reasons=False`` the learned fallback skips the words of its facts (which features
    weighed most): the decision is the same, its explanation left out."""
    view = View(ev)
    scored = _scored(view)
    if not scored:
        return _learned(ev, view, reasons)
    hits = [(rule, used) for _score, _order, rule, used in scored]
    tied = [hit for hit in scored if hit[0] == scored[0][0]]
    if len({hit[2].layer for hit in tied}) > 1:
        hits = _break_tie(ev, tied) + hits
    rule, used = hits[0]
    rule, used, cause_fact = _model_cause(ev, rule, used, tied, reasons=reasons)
    learned: tuple[Rule, list[Fact], float] | None = None
    if cause_fact is None and rule.priority < WEAK_PRIORITY:
        learned = _weigh(ev, rule, reasons)
    fired = rule
    if learned is not None:
        rule = learned[0]
    origin, origin_fact = _origin(view, rule)
    return Decision(
        rule,
        origin,
        rule.retry or DEFAULT_RETRY[rule.layer],
        used=used,
        rest=hits[1:],
        cause_fact=cause_fact,
        learned=learned,
        origin_fact=origin_fact,
        fired=fired,
    )


def _present(ev: Evidence, decision: Decision) -> Diagnosis:
    """The Diagnosis that puts ``decision`` into words: summary, actions, facts."""
    rule, origin, retry = decision.rule, decision.origin, decision.retry
    if rule is None:
        return _unsure(ev, decision.guess)
    provider = _provider(ev)
    if decision.guess is not None:  # no rule fired: the learned fallback's reading
        facts = list(decision.guess.facts)
        if decision.origin_fact is not None:
            facts.insert(1, decision.origin_fact)
        summary = _summary(rule, origin, ev)
        return Diagnosis(
            layer=rule.layer,
            cause=rule.cause,
            origin=origin,
            retry=retry,
            confidence=rule.confidence,
            summary=f"{summary} (No rule matched: this is the learned fallback's reading, "
            f"{rule.confidence:.0%} sure.)",
            actions=_actions(rule, ev, retry, provider),
            facts=facts,
            **_seen(ev, provider),
        )
    fired = decision.fired or rule
    facts = [Fact(fired.id, fired.statement, decision.used)]
    learned = decision.learned
    if learned is not None:
        model_facts = learned[1]
        if rule.id == "model.layer":  # overruled: the model's facts first, the rule's after
            facts = [*model_facts, *facts]
        else:
            facts += model_facts
    if decision.cause_fact is not None:
        facts.append(decision.cause_fact)
    if decision.origin_fact is not None:
        facts.append(decision.origin_fact)
    facts += _supporting(decision.rest, rule)
    candidates = _hidden_candidates(rule)
    if candidates:
        facts.append(
            Fact(
                "client.hides_cause",
                "The line this rests on is printed alike for several causes; these are the "
                "candidates, and a proxy or probe shows which one it is.",
                {"candidate_causes": ", ".join(c.value for c in candidates)},
            )
        )
    summary = _summary(rule, origin, ev)
    if learned is not None:
        what = "layer and cause" if rule.id == "model.layer" else "cause"
        summary += f" (The {what} is the learned fallback's reading, {learned[2]:.0%} sure.)"
    return Diagnosis(
        layer=rule.layer,
        cause=rule.cause,
        origin=origin,
        retry=retry,
        confidence=rule.confidence,
        summary=summary,
        actions=_actions(rule, ev, retry, provider),
        facts=facts,
        candidates=candidates,
        **_seen(ev, provider),
    )


def _hidden_candidates(rule: Rule) -> list[Cause]:
    """The causes a line that hides the server's answer can stand for (none: it does not)."""
    hidden = act.HIDDEN_BY_CLIENT.get(rule.id)
    return list(hidden[0]) if hidden is not None else []


#: How far transport rules drop when an HTTP answer was received: a network failure means
#: no answer, so words like "timed out" then describe earlier attempts, not this one.
ANSWERED_PENALTY = 60
_TRANSPORT_STATUSES = frozenset({407, 408})
#: How whichlayer's local proxy (``whichlayer proxy``) marks an answer of its own.
PROXY_OWN_HEADER = "x-whichlayer-proxy-error"
PROXY_OWN_TYPE = "whichlayer_proxy_error"
#: Rules by priority, most specific first (a stable sort keeps the modules' order on ties).
_BY_PRIORITY: tuple[Rule, ...] = tuple(sorted(ALL_RULES, key=lambda rule: -rule.priority))
#: Places (indexes) of rules in a list, for ``_places``: those that need no keyword (a custom
#: matcher), each keyword's, and the set of those keywords.
_PlaceTable = tuple[tuple[int, ...], dict[str, list[int]], frozenset[str]]


def _place_table(rules: Sequence[Rule | OriginRule], places: Iterable[int]) -> _PlaceTable:
    """The place table of ``rules`` at ``places`` (the others are never asked)."""
    free: list[int] = []
    by_word: dict[str, list[int]] = {}
    for i in places:
        keywords = rules[i].keywords
        if keywords is None:
            free.append(i)
        for word in keywords or ():
            by_word.setdefault(word, []).append(i)
    return tuple(free), by_word, frozenset(by_word)


def _places(table: _PlaceTable, present: frozenset[str] | set[str]) -> Sequence[int]:
    """The places, in order, of the rules of ``table`` that need no keyword or one of whose
    keywords is ``present`` (gathered and sorted in C)."""
    free, by_word, words = table
    found = present & words
    if not found:
        return free  # in order already
    places = set(free)
    places.update(*map(by_word.__getitem__, found))
    return sorted(places)


_RULE_PLACES = _place_table(_BY_PRIORITY, range(len(_BY_PRIORITY)))


def _fire(view: View) -> list[tuple[Rule, Facts]]:
    """The rules that fire, best first."""
    return [(rule, used) for _score, _order, rule, used in _scored(view)]


def _scored(view: View) -> list[tuple[int, int, Rule, Facts]]:
    """The rules that fire with their scores, best first. Only rules that can fire run:
    the keyword-free ones and those one of whose keywords occurs in the text (found once,
    ``view.keywords``). They run in priority order, and the run stops once no rule left
    can beat the best hit, so most inputs touch only a few (and the provider catalogue's
    rows that read the status, the lowest in priority, are made only when reached)."""
    answered = (
        view.ev.status is not None
        and view.ev.status not in _TRANSPORT_STATUSES
        and not _proxy_own_answer(view.ev)
    )
    hits: list[tuple[int, int, Rule, Facts]] = []
    rules, statuses = _ordered_parts(view)
    if statuses is None:
        _run(view, rules, 0, answered, hits)
    else:
        # the status rows go where ``_ordered`` puts them: ahead of the engine's rules of
        # their priority, after every rule above it
        # (``rules`` is in priority order, highest first: found by bisection)
        at = bisect.bisect_left(rules, -catalogue.STATUS_PRIORITY, key=_negated_priority)
        best = _run(view, rules[:at], 0, answered, hits)
        if best is not None and best <= catalogue.STATUS_PRIORITY:
            block = statuses()
            best = _run(view, block, at, answered, hits, best)
            if best is not None:
                _run(view, rules[at:], at + len(block), answered, hits, best)
    if len(hits) > 1:
        hits.sort(key=_rank)
    return hits


def _run(
    view: View,
    rules: Sequence[Rule],
    order: int,
    answered: bool,
    hits: list[tuple[int, int, Rule, Facts]],
    best: int = -1,
) -> int | None:
    """Run ``rules`` (the first at place ``order``) in priority order, adding those that
    fire to ``hits``: the best score so far, or ``None`` once no rule left can beat it."""
    for place, rule in enumerate(rules, order):
        if rule.priority < best:
            return None
        used = rule.run(view)
        if used is not None:
            penalty = ANSWERED_PENALTY if answered and rule.layer is Layer.NETWORK else 0
            score = rule.priority - penalty
            best = max(best, score)
            hits.append((score, place, rule, used))
    return best


def _negated_priority(rule: Rule) -> int:
    return -rule.priority


def _rank(hit: tuple[int, int, Rule, Facts]) -> tuple[int, int]:
    return -hit[0], hit[1]


def _candidates(view: View) -> list[Rule]:
    """The engine rules that can fire on this input, in priority order: the keyword-free
    rules and the rules one of whose keywords occurs."""
    return list(map(_BY_PRIORITY.__getitem__, _places(_RULE_PLACES, view.keywords)))


def _ordered(view: View) -> Iterable[Rule]:
    """The rules that can fire in priority order, with the provider catalogue's rows this
    input could fire (``rules/catalogue.py``) merged in ahead of engine rules of equal
    priority."""
    return _merged(_candidates(view), catalogue.candidates(view))


def _ordered_parts(view: View) -> tuple[list[Rule], Callable[[], list[Rule]] | None]:
    """``_ordered(view)`` without the catalogue's rows that read the status, and a function
    that gives those (see ``catalogue.split_candidates``)."""
    extra, statuses = catalogue.split_candidates(view)
    return _merged(_candidates(view), extra), statuses


def _merged(rules: list[Rule], extra: list[Rule]) -> list[Rule]:
    """The catalogue rows ``extra`` (best first) merged into the engine's ``rules``."""
    if not extra:
        return rules
    negated = [-rule.priority for rule in rules]
    # from the last, so earlier insertions do not shift later positions; ahead of engine
    # rules of equal priority (bisect_left), in the catalogue's own order among themselves
    # (``catalogue.candidates`` gives them best first)
    for rule in reversed(extra):
        rules.insert(bisect.bisect_left(negated, -rule.priority), rule)
    return rules


def _proxy_own_answer(ev: Evidence) -> bool:
    """whichlayer's local proxy answered for an upstream it could not reach: a transport
    failure, whatever its status (it marks the answer with a header and a body type)."""
    return PROXY_OWN_HEADER in ev.headers or any(b.type == PROXY_OWN_TYPE for b in ev.bodies)


def _supporting(rest: list[tuple[Rule, Facts]], winner: Rule) -> list[Fact]:
    """Other rules that agree on the layer, shown as corroboration (at most two)."""
    out: list[Fact] = []
    for rule, used in rest:
        if rule.layer == winner.layer and rule.id != winner.id and len(out) < 2:
            out.append(Fact(rule.id, rule.statement, used))
    return out


def _origin(view: View, rule: Rule) -> tuple[Origin, Fact | None]:
    if rule.origin is not None:
        return rule.origin, None
    # the origin rules this layer may ask that need no keyword or one of whose keywords
    # occurs (as for the engine's rules: ``_places``), tried in their order
    for place in _places(_ORIGIN_PLACES[rule.layer is Layer.NETWORK], view.keywords):
        origin_rule = ORIGIN_RULES[place]
        used = origin_rule.match(view)
        if used is not None:
            return origin_rule.origin, Fact(origin_rule.id, origin_rule.statement, used)
    return LAYER_ORIGIN.get(rule.layer, Origin.UNKNOWN), None


def _origin_asked(rule_id: str, network: bool) -> bool:
    """Is the origin rule ``rule_id`` asked about a failure of the network layer (``network``)
    or of another layer? Transport-only rules speak of network failures only; a network
    failure asks only the rules about a proxy."""
    if rule_id in _TRANSPORT_ONLY and not network:
        return False
    return not network or rule_id.startswith("origin.proxy")


#: The origin rules' place tables, indexed by "the layer is network" (``_origin_asked``).
_ORIGIN_PLACES = tuple(
    _place_table(
        ORIGIN_RULES, [i for i, r in enumerate(ORIGIN_RULES) if _origin_asked(r.id, network)]
    )
    for network in (False, True)
)


def _summary(rule: Rule, origin: Origin, ev: Evidence) -> str:
    who = act.ORIGIN_PHRASE[origin]
    what = (
        act.RULE_PHRASE.get(rule.id)
        or act.CAUSE_PHRASE.get(rule.cause)
        or act.LAYER_PHRASE[rule.layer]
    )
    status = f" (HTTP {ev.status})" if ev.status is not None else ""
    hidden = " (the printed line hides the real cause)" if rule.id in act.HIDDEN_BY_CLIENT else ""
    if rule.cause is Cause.UNKNOWN:
        return f"{who} {what}{status}, but not which cause{hidden}."
    return f"{who}: {what}{status}{hidden}."


def _actions(rule: Rule, ev: Evidence, retry: Retry, provider: str | None) -> list[str]:
    steps = list(act.RULE_STEPS.get(rule.id) or act.ACTIONS.get(rule.cause, ()))
    family = act.provider_family(provider, ev.host, ev.text, ev.exception_types)
    own, replace = act.provider_steps(family, rule.layer, rule.cause, ev.text)
    if own:
        steps = list(own) if replace else [*own, *steps]
    if rule.id == "rate_limit.masked_by_relay":
        steps.insert(0, act.MASKED_BY_RELAY)
    hidden = act.HIDDEN_BY_CLIENT.get(rule.id)
    if hidden is not None:
        steps.insert(0, act.HIDDEN_STEP.format(what=hidden[1]))
    if rule.cause is Cause.UNKNOWN and not (own and replace):
        steps.append(act.DECIDE[rule.layer])
    if ev.retry_after_s is not None and retry in (Retry.BACKOFF, Retry.LIMITED):
        steps.append(f"The server asks to wait {ev.retry_after_s:g} s before retrying.")
    if ev.request_ids and rule.layer in (Layer.UPSTREAM, Layer.RATE_LIMIT, Layer.QUOTA):
        steps.append(f"Quote request id {ev.request_ids[0].value} to support.")
    return steps


def _seen(ev: Evidence, provider: str | None) -> dict[str, Any]:
    """The facts a Diagnosis repeats from its Evidence (``provider``: ``_provider(ev)``)."""
    return {
        "status": ev.status,
        "provider": provider,
        "request_ids": list(ev.request_ids),
        "retry_after_s": ev.retry_after_s,
        "model": ev.model,
        "host": ev.host,
        "path": ev.path,
    }


def _provider(ev: Evidence) -> str | None:
    for body in ev.bodies:
        if body.dialect not in ("generic", "partial"):
            return body.dialect
    return ev.html_vendor


def internal_error(exc: Exception) -> Diagnosis:
    """The engine itself failed on this input: say so, as a bug to report, not a diagnosis."""
    d = _nothing_found(Evidence())
    d.summary = "whichlayer could not read this input (a bug: please report it with the input)."
    d.facts = [
        Fact(
            "engine.internal_error",
            "The engine raised while reading the input.",
            {"error": type(exc).__name__},
        )
    ]
    return d


def _break_tie(ev: Evidence, tied: list[tuple[int, int, Rule, Facts]]) -> list[tuple[Rule, Facts]]:
    """Rules of equal score name different layers: the learned fallback picks the layer it
    finds likelier, and the first tied rule of that layer wins (named in the facts)."""
    from whichlayer.model import fallback

    guess = fallback.predict(ev, reasons=False)  # the layers' order alone
    if guess is None:
        return []
    order = {layer: p for layer, p in guess.layers}
    best = max(tied, key=lambda hit: (order.get(str(hit[2].layer), 0.0), -hit[1]))
    rule, used = best[2], dict(best[3])
    used["tie broken by"] = f"model.layer ({rule.layer!s} {order.get(str(rule.layer), 0):.2f})"
    return [(rule, used)]


def _model_cause(
    ev: Evidence,
    rule: Rule,
    used: Facts,
    tied: list[tuple[int, int, Rule, Facts]],
    reasons: bool = True,
) -> tuple[Rule, Facts, Fact | None]:
    """Rules of equal score name different causes in the winner's layer: the learned
    fallback's cause head, among those causes, picks the winner (named in the facts as
    ``model.cause``). A weak rule's own ``unknown`` cause is weighed by ``_weigh``; a
    stronger rule's stands (docs/engine.md)."""
    same = [hit for hit in tied if hit[2].layer is rule.layer]
    among = {str(hit[2].cause) for hit in same} - {"unknown"}
    if len(among) < 2:
        return rule, used, None
    from whichlayer.model import fallback

    read = fallback.cause_within(ev, rule.layer, among, reasons)
    if read is None:
        return rule, used, None
    for _score, _order, other, other_used in same:
        if other.cause is read[0]:
            return other, other_used, read[2]
    return rule, used, None


#: Rules below this priority (bare statuses, generic wording) are weak evidence: the learned
#: fallback may name their cause or overrule their layer when it reads the wording surely
#: enough (``whichlayer.model.fallback``: the bars, chosen by ``bench/blind.py``). Other
#: rules never load the model, and a rule that reads more and says ``unknown`` keeps it.
WEAK_PRIORITY = 50


def _weigh(ev: Evidence, rule: Rule, reasons: bool = True) -> tuple[Rule, list[Fact], float] | None:
    from whichlayer.model import fallback

    return fallback.weigh(ev, rule, reasons=reasons)


def _learned(ev: Evidence, view: View, reasons: bool = True) -> Decision:
    """No rule fired: the learned fallback decides, or says unknown below its threshold."""
    from whichlayer.model import fallback

    guess = fallback.predict(ev, reasons)
    if guess is None or guess.layer is None:
        return Decision(None, guess=guess)
    rule = guess.rule
    origin, origin_fact = _origin(view, rule)
    return Decision(rule, origin, DEFAULT_RETRY[rule.layer], guess=guess, origin_fact=origin_fact)


def _unsure(ev: Evidence, guess: Any) -> Diagnosis:
    """Nothing decides: no rule fired and the learned fallback (``guess``, a
    ``fallback.Guess``) is silent or below its threshold."""
    d = _nothing_found(ev)
    if guess is None:
        return d
    (first, p1), (second, p2) = (guess.layers + [("-", 0.0)] * 2)[:2]
    d.actions.insert(
        0,
        f"Likeliest layers by the wording alone: {first} ({p1:.0%}) or {second} "
        f"({p2:.0%}); neither is sure enough to act on.",
    )
    d.facts = guess.facts
    return d


def _nothing_found(ev: Evidence) -> Diagnosis:
    """No rule fired: say so honestly rather than guess a layer."""
    return Diagnosis(
        layer=None,
        cause=Cause.UNKNOWN,
        origin=Origin.UNKNOWN,
        retry=Retry.NEVER,
        confidence=0.0,
        summary="Nothing in the input says which layer failed.",
        actions=[
            "Paste the whole error: the HTTP status, the response body and any request id.",
            "Run `whichlayer check` to test the key, base URL and network one stage at a time.",
        ],
        facts=[],
        **_seen(ev, _provider(ev)),
    )
