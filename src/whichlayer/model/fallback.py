"""The learned fallback as the classifier sees it: a layer, a cause and the reasons why.

Imported only when no rule fires (or rules tie), so ``explain`` starts as fast as before.
"""

from __future__ import annotations

import re

from whichlayer._record import FrozenRecord, Record, _set
from whichlayer.classify import WEAK_PRIORITY
from whichlayer.diagnosis import Fact
from whichlayer.evidence import Evidence
from whichlayer.model import infer
from whichlayer.model.features import Names, read
from whichlayer.rules.base import Facts, Rule
from whichlayer.taxonomy import CAUSE_LAYER, Cause, Layer

#: How many of the strongest features a fact names.
TOP = 4


# Plain classes, not dataclasses: an input the model weighs starts faster (``_record``).


class Guess(Record):
    """What the model read: every layer by probability, and, above the threshold, a rule."""

    _fields = ("layers", "layer", "rule", "facts")
    __slots__ = _fields

    def __init__(
        self, layers: list[tuple[str, float]], layer: Layer | None, rule: Rule, facts: list[Fact]
    ) -> None:
        self.layers = layers
        self.layer = layer
        self.rule = rule
        self.facts = facts


def _never(_view: object) -> Facts | None:
    return None


def _shown(names: Names, ids: list[tuple[int, float]]) -> str:
    """The strongest features for the answer, words and facts before character n-grams."""
    words: list[str] = []
    grams: list[str] = []
    named = names.of(feat for feat, _weight in ids) if ids else {}
    for feat, _weight in ids:
        kind, _, value = named.get(feat, "?:?").partition(":")
        if kind == "c":
            shown = value.replace(" ", "_")
            if len(grams) < 2 and shown not in grams:
                grams.append(shown)
        elif kind in ("w", "b", "x") and len(words) < TOP:
            words.append(value)
        elif kind == "k" and len(words) < TOP:
            words.append(f"{value} words")  # a word class (features.WORD_CLASSES)
    out = [repr(w) for w in words] + [f"chars {g!r}" for g in grams]
    return ", ".join(out) or "-"


#: Words that say something went wrong, in any of the forms the corpus shows (an apology
#: and a "try again later" among them, and in Chinese the negations 没有 / 未能 that
#: "no" / "not" are in English), words that state a constraint the call broke ("required",
#: "must", "expected", "restricted", "only", "not allowed", "already", "should", "shorter",
#: "longer", "please check", 必须, 仅, 请检查: a request's validation speaks so), a
#: "captcha" to solve, "credentials" (a key by another name, 凭证 / 凭据 in Chinese), and the
#: Chinese for the English cues key, token, auth, permission, login and "incorrect" (密钥,
#: 令牌, 鉴权, 认证, 授权, 权限, 登录, 不正确). The model was
#: trained on failures only, so on text with none of them ("ok", a chat reply) its
#: probabilities mean nothing: it then stays silent, and the answer is an honest unknown.
#: The lookahead names every cue's first character, so a position that starts none is passed
#: over in one step instead of trying each cue there (a megabyte of brackets took 0.3 s);
#: tests/engine/test_speed_exact.py keeps it equal to the cues' first characters.
FAILURE_CUE = re.compile(
    r"(?i)(?=[a-fik-w45失错异超限余无拒不上繁没未抱稍出故非过必仅请密令鉴认授权登凭])"
    r"(error|fail|exception|invalid|denied|refus|forbidden|unauthori[sz]ed|exceed|limit|"
    r"quota|time[ds]? ?out|unavailable|overload|reset|unable|cannot|can't|could ?n[o']t|"
    r"not found|missing|expired|insufficient|block|reject|abort|crash|died|dead|panic|"
    r"traceback|warn|\b[45]\d\d\b|\bno\b|\bnot\b|wrong|bad|unknown|unsupported|"
    r"too (?:many|large|long|big|small)|capacity|busy|down|closed|unreachable|ssl|tls|certificate|"
    r"proxy|dns|econn|enotfound|disconnect|interrupt|terminat|stall|empty|credit|balance|"
    r"billing|payment|permission|access|auth|login|key|token|reached|max|sorry|try again|"
    r"problem|throttl|unexpected|incomplete|malformed|truncat|deprecat|eof\b|lost|violat|"
    r"suspend|disabled|maintenance|exhaust|out of|used up|requir|must\b|expect|restrict|"
    r"allowed|already|should|shorter|longer|\bonly\b|\bcheck|captcha|credential|"
    r"失败|错误|异常|超时|限制|余额|无效|拒绝|不足|上限|繁忙|没有|未能|抱歉|稍后|出错|故障|"
    r"不可用|非法|过高|必须|仅|请检查|密钥|令牌|鉴权|认证|授权|权限|登录|不正确|凭证|凭据)"
)


#: What the cause fact of ``cause_within`` says (rules of one score named different causes).
READS_TIED_CAUSES = (
    "Rules of equal weight name different causes; a linear model of words and character "
    "n-grams, trained on every labelled real error in the repository, reads the likelier one."
)


def cause_within(
    ev: Evidence, layer: Layer, among: set[str], reasons: bool = True
) -> tuple[Cause, float, Fact] | None:
    """The model's cause for ``ev`` among the causes ``among`` that tied rules name in a
    ``layer``, with the fact that names it (``reasons=False``: a bare fact, no features
    named); ``None`` when no model is loaded or the layer has a single cause."""
    model = infer.current()
    if model is None:
        return None
    feats, names = read(ev)
    by_cause = model.cause(str(layer), feats, among, top=40 if reasons else 0)
    if not by_cause.ranked:
        return None
    cause_id, p = by_cause.ranked[0]
    if CAUSE_LAYER.get(Cause(cause_id)) is not layer:
        return None
    if not reasons:
        return Cause(cause_id), p, Fact("model.cause", "")
    fact = Fact(
        "model.cause",
        READS_TIED_CAUSES,
        {"cause": f"{cause_id} {p:.2f}", "features": _shown(names, by_cause.top_features)},
    )
    return Cause(cause_id), p, fact


def may_read(ev: Evidence) -> bool:
    """Whether the model may read ``ev`` at all: the parser found a status or an exception
    name, or the text has a failure cue (``FAILURE_CUE``). Otherwise its probabilities mean
    nothing, and the engine's answer is the rules' alone (``bench/blind.py`` applies the
    same gate to the held-out readings)."""
    return ev.status is not None or bool(ev.exception_types) or bool(FAILURE_CUE.search(ev.text))


def _read(ev: Evidence) -> tuple[infer.Model, Names, set[int]] | None:
    """The model and ``ev``'s features; ``None`` when no model is available or the text
    says nothing failed (``may_read``)."""
    model = infer.current()
    if model is None:
        return None
    if not may_read(ev):
        return None
    feats, names = read(ev)
    return model, names, feats


#: What the layer fact of ``predict`` says.
_READS_LAYER = (
    "A linear model of words and character n-grams, trained on every labelled real "
    "error in the repository, reads the layer from the wording."
)


def predict(ev: Evidence, reasons: bool = True) -> Guess | None:
    """The model's reading of ``ev``; ``None`` when no model is available or the text says
    nothing failed (see FAILURE_CUE). ``reasons=False``: the same reading without its
    facts (which features weighed most)."""
    read = _read(ev)
    if read is None:
        return None
    model, names, feats = read
    top = 40 if reasons else 0
    by_layer = model.layer.predict(feats, top=top)
    if not by_layer.ranked:
        return None
    layer_id, p_layer = by_layer.ranked[0]
    layer = Layer(layer_id)
    cause = Cause.UNKNOWN
    facts: list[Fact] = []
    if reasons:
        runner = by_layer.ranked[1] if len(by_layer.ranked) > 1 else ("-", 0.0)
        layer_used = {
            "layer": f"{layer_id} {p_layer:.2f}",
            "runner-up": f"{runner[0]} {runner[1]:.2f}",
            "features": _shown(names, by_layer.top_features),
        }
        facts.append(Fact("model.layer", _READS_LAYER, layer_used))
    by_cause = model.cause(layer_id, feats, top=top)
    if by_cause.ranked:
        cause_id, p_cause = by_cause.ranked[0]
        if cause_id != "unknown" and CAUSE_LAYER.get(Cause(cause_id)) is layer:
            cause = Cause(cause_id)
    if by_cause.ranked and reasons:
        facts.append(
            Fact(
                "model.cause",
                "The same model, given that layer, reads the cause.",
                {
                    "cause": f"{cause_id} {p_cause:.2f}",
                    "features": _shown(names, by_cause.top_features),
                },
            )
        )
    confident = p_layer >= model.threshold
    rule = Rule(
        id="model.layer",
        statement=_READS_LAYER,
        layer=layer,
        cause=cause,
        match=_never,
        confidence=round(p_layer, 2),
    )
    return Guess(by_layer.ranked, layer if confident else None, rule, facts)


#: How a rule's decision and the model's reading combine (``combine``): the bars were chosen
#: on the blind-recorded sets older than the two newest and checked on those two
#: (``bench/blind.py``; docs/engine.md). Where a weak rule says ``unknown`` for the cause,
#: the model names it at this probability or more (its cause head within the rule's layer).
UNKNOWN_CAUSE_BAR = 0.3
#: Where a stronger rule says ``unknown`` (it read more than the status and judged the text
#: ambiguous), at this one: above 1, never. Measured (``bench/blind.py
#: --strong-unknown-bar``): at 0.4-0.6 it fixed one error in 1,950 and none in the newest
#: 270, and it named causes for the rules' own ambiguous samples; ``classify`` never weighs
#: such a rule, so it never loads the model for one.
STRONG_UNKNOWN_BAR = 2.0
#: A weak rule's (below ``classify.WEAK_PRIORITY``: a bare status, generic wording) specific
#: cause is replaced at this probability (above 1: never; no gain on the older sets) ...
WEAK_CAUSE_BAR = 2.0
#: ... and its layer overruled at this probability of another layer or more.
OVERRULE_BAR = 0.8


class Reading(Record):
    """The model's reading: every layer by probability, and each layer's causes."""

    _fields = ("layers", "causes")

    def __init__(
        self, layers: list[tuple[str, float]], causes: dict[str, list[tuple[str, float]]]
    ) -> None:
        self.layers = layers
        self.causes = causes

    def cause_of(self, layer: str) -> list[tuple[str, float]]:
        return self.causes.get(layer, [])


class Bars(FrozenRecord):
    """When the model may change a rule's decision (a bar above 1 never lets it)."""

    _fields = ("unknown_cause", "weak_priority", "weak_cause", "overrule", "strong_unknown")
    __slots__ = _fields
    unknown_cause: float
    weak_priority: int
    weak_cause: float
    overrule: float
    strong_unknown: float

    def __init__(
        self,
        unknown_cause: float = UNKNOWN_CAUSE_BAR,
        weak_priority: int = WEAK_PRIORITY,
        weak_cause: float = WEAK_CAUSE_BAR,
        overrule: float = OVERRULE_BAR,
        strong_unknown: float = STRONG_UNKNOWN_BAR,
    ) -> None:
        _set(self, "unknown_cause", unknown_cause)
        _set(self, "weak_priority", weak_priority)
        _set(self, "weak_cause", weak_cause)
        _set(self, "overrule", overrule)
        _set(self, "strong_unknown", strong_unknown)

    @staticmethod
    def off() -> Bars:
        return Bars(2.0, 0, 2.0, 2.0, 2.0)


def _top(ranked: list[tuple[str, float]] | None) -> tuple[str, float]:
    return ranked[0] if ranked else ("unknown", 1.0)


def combine(
    layer: str | None,
    cause: str,
    priority: int | None,
    reading: Reading,
    bars: Bars | None = None,
    threshold: float = 0.3,
) -> tuple[str | None, str, str]:
    """The decision from a rule's ``layer``, ``cause`` and ``priority`` (``layer`` None: no
    rule fired) and the model's ``reading``: (layer, cause, who decided)."""
    bars = bars or Bars()
    best, p = _top(reading.layers)
    if layer is None:
        if p < threshold:
            return None, "unknown", "model unsure"
        return best, _top(reading.cause_of(best))[0], "model"
    if priority is None or priority >= bars.weak_priority:
        # a rule that reads more than the status decides; where it names no cause, the
        # model may, when sure enough
        if cause == "unknown":
            named, p_cause = _top(reading.cause_of(layer))
            if named != "unknown" and p_cause >= bars.strong_unknown:
                return layer, named, "model names the cause"
        return layer, cause, "rule"
    if best != layer and p >= bars.overrule:
        return best, _top(reading.cause_of(best))[0], "model overrules"
    if cause != "unknown" and bars.weak_cause > 1.0:
        # no probability reaches the bar: the rule's cause stands, whatever the cause head
        # reads (so it is not run)
        return layer, cause, "rule"
    named, p_cause = _top(reading.cause_of(layer))
    if named in ("unknown", cause):
        return layer, cause, "rule"
    if cause == "unknown" and p_cause >= bars.unknown_cause:
        return layer, named, "model names the cause"
    if cause != "unknown" and p_cause >= bars.weak_cause:
        return layer, named, "model replaces the cause"
    return layer, cause, "rule"


def weigh(
    ev: Evidence, rule: Rule, bars: Bars | None = None, reasons: bool = True
) -> tuple[Rule, list[Fact], float] | None:
    """A weak ``rule`` (below ``WEAK_PRIORITY``; ``combine`` leaves any other as it is,
    unless ``Bars.strong_unknown`` lets it name a cause) weighed against the model's
    reading of ``ev`` by ``combine``: ``None`` when the rule's decision stands, else the
    decision (as a rule the classifier reports), the facts that say why, and the model's
    probability of what it changed (the cause, or the layer). ``reasons=False``: the same
    decision with no facts (the words of why are not made)."""
    read = _read(ev)
    if read is None:
        return None
    model, names, feats = read
    by_layer = model.layer.predict(feats, top=0)  # the reasons only if the decision changes
    if not by_layer.ranked:
        return None
    reading = _Lazy(model, feats, by_layer.ranked)
    layer, cause, who = combine(
        str(rule.layer), str(rule.cause), rule.priority, reading, bars, model.threshold
    )
    if who == "rule" or layer is None:
        return None
    p_layer = dict(by_layer.ranked)[layer]
    # the cause head again only for its reasons; without them, the ranking combine read
    by_cause = model.cause(layer, feats) if reasons else None
    p_cause = dict(by_cause.ranked if by_cause else reading.cause_of(layer)).get(cause, 0.0)
    overrules = who == "model overrules"
    statement = (
        f"The rule {rule.id} reads little more than the status; the learned fallback reads "
        "another layer from the wording, sure enough to overrule it."
    )
    decided = (
        Rule(
            id="model.layer",
            statement=statement,
            layer=Layer(layer),
            cause=Cause(cause),
            match=_never,
            confidence=round(p_layer, 2),
        )
        if overrules
        else rule.replace(cause=Cause(cause), confidence=round(min(rule.confidence, p_cause), 2))
    )
    sure = p_layer if overrules else p_cause
    if by_cause is None:
        return decided, [], sure
    why = (
        f"The rule {rule.id} reads little more than the status"
        if rule.priority < (bars or Bars()).weak_priority
        else f"The rule {rule.id} names the layer but no cause"
    )
    facts = [
        Fact(
            "model.cause",
            f"{why}, so the learned fallback (a linear model of words and character n-grams, "
            "trained on every labelled real error in the repository) names the cause the "
            "wording points to.",
            {
                "cause": f"{cause} {p_cause:.2f}",
                "rule said": f"{rule.layer}/{rule.cause}",
                "features": _shown(names, by_cause.top_features),
            },
        )
    ]
    if overrules:
        by_layer = model.layer.predict(feats)  # with its reasons
        runner = next((x for x in by_layer.ranked if x[0] != layer), ("-", 0.0))
        said = dict(by_layer.ranked).get(str(rule.layer), 0.0)
        facts.insert(
            0,
            Fact(
                "model.layer",
                statement,
                {
                    "layer": f"{layer} {p_layer:.2f}",
                    "rule said": f"{rule.layer} {said:.2f}",
                    "runner-up": f"{runner[0]} {runner[1]:.2f}",
                    "features": _shown(names, by_layer.top_features),
                },
            ),
        )
    return decided, facts, sure


class _Lazy(Reading):
    """A Reading whose cause heads run only when ``combine`` asks for one."""

    def __init__(self, model: infer.Model, feats: set[int], layers: list[tuple[str, float]]):
        super().__init__(layers, {})
        self._model = model
        self._feats = feats

    def cause_of(self, layer: str) -> list[tuple[str, float]]:
        if layer not in self.causes:
            self.causes[layer] = self._model.cause(layer, self._feats, top=0).ranked
        return self.causes[layer]
