"""The learned fallback's features: hashed words, word pairs and character n-grams.

Pure Python, shared by training (``bench/train.py``) and inference, so the two
can never disagree. Hashing uses CRC-32 (stable across runs and machines; never
Python's salted ``hash()``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise
from zlib import crc32

from whichlayer.evidence import Evidence

#: Feature ids are CRC-32 values folded into this many buckets.
BITS = 20
MASK = (1 << BITS) - 1
#: Long pastes: only this much of the head and of the tail is read.
HEAD = 3_000
TAIL = 3_000
#: Character n-gram sizes, read inside each word padded with spaces.
NGRAMS = (3, 4, 5)
#: A word longer than this is an id, a key or a hash: it carries no meaning.
LONGEST_WORD = 24

_WORD = re.compile(r"\w+")
_HAS_DIGIT = re.compile(r"\d")
#: Han characters and Japanese kana: scripts written without spaces, so ``\w+`` takes a
#: whole clause ("服务器没有等到上游服务器的回应") as one word that no other error repeats.
#: (Captured: ``split`` keeps each run between the pieces around it.)
_UNSPACED = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")


#: Words that mean the same thing to a reader of errors, by what they say failed: each word
#: of a class adds the class's feature (``k:money``) beside its own, so a synonym the
#: labelled errors never showed ("arrears", "wallet") is read with the weight its class
#: learned from the ones they did ("balance", "credit"). Whole words as ``_words`` gives them
#: (a run of Chinese as its character pairs, so those entries are pairs); written from what
#: each word means, not from any error's text. Measured held out (bench/loso.py folds of
#: whole sets, the layer head): docs/engine.md.
WORD_CLASSES: dict[str, str] = {
    "money": "fund funds balance credit credits billing bill payment pay paid unpaid invoice "
    "charge charged recharge topup wallet purchase prepaid postpaid arrears overdue "
    "余额 欠费 充值 付费 账单 计费 扣费 余量 金额 残高 결제 잔액",
    "quota": "quota quotas usage allowance exhausted allotment cap capped "
    "配额 限额 用尽 用完 额度 耗尽 上限 할당량",
    "plan": "plan plans tier tiers subscription subscribe subscribed upgrade trial free pro "
    "premium enterprise 套餐 订阅 会员 免费 试用 升级",
    "auth": "auth authentication authenticate authorization authorized unauthorized "
    "unauthorised credential credentials apikey api_key login logged signin sign signature "
    "forbidden permission permissions denied revoked disabled banned suspended "
    "认证 鉴权 授权 令牌 密钥 权限 登录 签名 禁用 封禁 認証 권한 인증",
    "expired": "expired expire expires expiry 过期 失效 期限 만료",
    "rate": "throttle throttled throttling ratelimit ratelimited rate frequency frequent "
    "frequently cooldown burst rpm tpm 频率 频繁 限流 速率 太快 頻度",
    "concurrency": "concurrent concurrency parallel simultaneous 并发 同時",
    "timeout": "timeout timeouts timed deadline 超时 超時 시간초과",
    "connect": "refused reset socket econnrefused econnreset etimedout enotfound eof hangup "
    "hang disconnected disconnect unreachable connection connect connecting "
    "连接 断开 接続 연결",
    "tls": "tls ssl certificate certificates cert handshake x509 verify 证书 握手",
    "dns": "dns resolve resolution getaddrinfo nodename hostname lookup 域名",
    "proxy": "proxy proxies socks socks5 tunnel vpn firewall 代理",
    "server": "overload overloaded busy capacity unavailable maintenance internal crash "
    "crashed died dead panic degraded outage 繁忙 过载 维护 内部 障害 混雑",
    "gateway": "gateway upstream backend origin bad_gateway 网关 上游",
    "invalid": "invalid unsupported must required missing malformed unexpected unrecognized "
    "unknown illegal validation 无效 缺少 非法 不正 無効 잘못",
    "param": "parameter parameters param params field fields argument arguments property "
    "schema format 参数 字段 格式 파라미터",
    "json": "json parse parsing decode deserialize serialize syntax 解析 序列",
    "filter": "moderation moderated policy policies safety harmful flagged inappropriate "
    "violates violation violated censored sensitive blocked 敏感 违规 审核 违禁",
    "context": "context length tokens maximum long longer truncate 长度 过长",
    "model": "model models deployment deployments engine 模型 모델",
    "size": "large size bytes payload entity 太大 大小",
}


def _classes_of(classes: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Word -> the feature names of its classes (``WORD_CLASSES`` turned round)."""
    out: dict[str, tuple[str, ...]] = {}
    for name, words in classes.items():
        for word in words.split():
            out[word] = (*out.get(word, ()), "k:" + name)
    return out


_CLASSES_OF = _classes_of(WORD_CLASSES)


def _words(text: str) -> list[str]:
    r"""The words of ``text``, lower-cased and normalised (``_norm``). A run of an unspaced
    script is read as its overlapping character pairs (most Chinese words are two
    characters, and a pair recurs across errors where a clause does not); what stands
    beside it in the same ``\w+`` match is a word of its own."""
    out: list[str] = []
    for word in _WORD.findall(text.lower()):
        pieces = [word] if word.isascii() else _UNSPACED.split(word)
        for piece in pieces:
            if len(piece) > 2 and _UNSPACED.match(piece):
                out += [piece[i : i + 2] for i in range(len(piece) - 1)]
            elif piece:
                normed = _norm(piece)
                if normed is not None:
                    out.append(normed)
    return out


def _norm(word: str) -> str | None:
    if len(word) > LONGEST_WORD:
        return None
    if word.isdigit():
        return word if len(word) <= 4 else "<num>"
    if len(word) > 12 and _HAS_DIGIT.search(word):
        return "<id>"
    return word


#: Lines that say where code ran or which tool printed them, not what failed: stack
#: frames, traceback heads, the source line a Python frame shows, a log line's leading
#: timestamp with the logger name and level that follow it, and a coding agent's
#: "API Error:" head (every failure gets the same prefix, so it tells no layer apart).
_NOISE = re.compile(
    r"""^[ \t]*at[ \t]+\S[^\n]*(?:\)|:\d+)[ \t]*$"""
    r"""|File "[^"\n]*", line \d+[^\n]*(?:\n[ \t]+[^\n]*)?"""
    r"""|Traceback \(most recent call last\):"""
    r"""|^[ \t]*\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d[\d.,:]*Z?"""
    r"""(?:[ \t]+-[ \t]+[\w.:-]+[ \t]+-[ \t]+(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL)[ \t]+-)?"""
    r"""|^[ \t]*\u23bf?[ \t]*API Error:""",
    re.M,
)
#: How many heads deep ``_quiet`` strips: a wrapper's log head before the paste's own.
_HEADS = 3


def _quiet(text: str) -> str:
    """``text`` without its noise (``_NOISE``), head after head: a log line's head in front
    of a paste that starts with its own timestamp or "API Error:" leaves that at the line's
    start once the first is gone, so it is read the same as the paste alone."""
    for _ in range(_HEADS):
        quiet = _NOISE.sub(" ", text)
        if quiet == text:
            break
        text = quiet
    return text


def text_of(ev: Evidence) -> str:
    """What the model reads: the paste without its stack frames, traceback heads and log
    timestamps (where code ran says nothing about what failed), with JSON string escapes
    undone; or the body fields when there is no paste."""
    text = ev.text
    if not text:
        parts: list[str] = []
        for body in ev.bodies:
            parts += [body.type or "", body.code or "", body.message or ""]
        return " ".join(p for p in parts if p)
    if len(text) > 2 * (HEAD + TAIL):
        text = text[: 2 * HEAD] + "\n" + text[-2 * TAIL :]
    if "\\" in text:
        text = text.replace("\\n", "\n").replace('\\"', '"')
    return _quiet(text)


#: How deep the fallback looks through JSON envelopes for the error they carry.
ENVELOPES = 3


#: Envelope types that say a relay passed an error on (its filing), not what failed.
_FILING_TYPES = frozenset({"error", "upstream_error", "new_api_error", "one_api_error"})


def innermost(ev: Evidence) -> tuple[Evidence, list[str]]:
    """The error a relay's JSON envelope passes on, read as if pasted alone, and the
    envelope's own status and code. A relay that passes an upstream's text on as
    ``{"error": {"message": "<the upstream's text>", "type": "upstream_error"}}`` adds
    its own filing words; the fallback reads what the error says, so the same error reads
    the same in any such envelope (bench/wrappers.py). Only envelopes whose type files the
    error as passed on are opened: a provider's own body (``invalid_request_error``, a
    code, a dialect) is read whole, as its words and fields say what failed."""
    extras: list[str] = []
    for _ in range(ENVELOPES):
        text = _quiet(ev.text).strip()  # a log line's or a frame's JSON too
        if not (text.startswith("{") and text.endswith("}")) or not ev.bodies:
            break
        outer = min(ev.bodies, key=lambda b: b.depth)
        message = (outer.message or "").strip()
        if (outer.type or "").lower() not in _FILING_TYPES or len(message) < 3:
            break
        if outer.code:
            extras.append(f"code={outer.code.lower()[:40]}")
        if outer.status_text:
            extras.append(f"status_text={outer.status_text.lower()[:40]}")
        from whichlayer._explain import to_evidence

        inner = to_evidence(message)
        if inner.status is None and ev.status is not None:
            inner.status = ev.status  # the envelope's status, when the message has none
        ev = inner
    return ev, extras


#: Class names every kind of failure is raised as (a JS ``Error:``, an agent's "API
#: Error:"): they tell no layer apart, and a wrapper adds them.
_GENERIC_EXC = frozenset({"error", "exception"})


def structured(ev: Evidence) -> list[str]:
    """Facts the parser already read, as features: status, body type/code, dialect, names."""
    out: list[str] = []
    if ev.status is not None:
        out += [f"status={ev.status}", f"status={ev.status // 100}xx"]
    else:
        out.append("status=none")
    for body in ev.bodies[:3]:
        out.append(f"dialect={body.dialect}")
        if body.type:
            out.append(f"type={body.type.lower()[:40]}")
        if body.code:
            out.append(f"code={body.code.lower()[:40]}")
        if body.status_text:
            out.append(f"status_text={body.status_text.lower()[:40]}")
    for name in ev.exception_types[:4]:
        short = name.rsplit(".", 1)[-1].lower()
        if short not in _GENERIC_EXC:
            out.append(f"exc={short}")
    for signal in ev.transport[:4]:
        out.append(f"transport={signal.lower()[:40]}")
    if ev.html_vendor:
        out.append(f"html={ev.html_vendor}")
    return out


def feature_names(text: str, extras: list[str]) -> set[str]:
    """Every feature of ``text`` (plus the structured ``extras``), as readable strings."""
    if len(text) > HEAD + TAIL:
        text = text[:HEAD] + " " + text[-TAIL:]
    words = _words(text)
    names: set[str] = {"bias:"}  # every input has it: a per-class prior the scaler shares
    names.update("x:" + e for e in extras)
    names.update("w:" + w for w in words)
    names.update(f"b:{a} {b}" for a, b in pairwise(words))
    for word in set(words):
        names.update(_CLASSES_OF.get(word, ()))
        padded = f" {word} "
        for n in NGRAMS:
            names.update("c:" + padded[i : i + n] for i in range(len(padded) - n + 1))
    return names


def hashed(names: set[str]) -> dict[int, str]:
    """Bucket id -> a name that falls in it (the smallest, so the choice is stable)."""
    out: dict[int, str] = {}
    for name in sorted(names):
        out.setdefault(_bucket(name), name)
    return out


def _bucket(name: str) -> int:
    return crc32(name.encode()) & MASK


#: A word's own bucket ids (its ``w:`` name and its ``c:`` n-grams), by word: words recur
#: from one error to the next ("error", "rate", "limit"), and each is about a dozen CRCs.
#: Bounded: once full, a word not in it is hashed each time.
_WORD_IDS: dict[str, tuple[int, ...]] = {}
_WORD_IDS_MAX = 8192
_BIAS = _bucket("bias:")


#: The CRC-32 of a name's prefix: ``crc32(rest, _C) == crc32(b"c:" + rest)`` (a CRC runs on
#: from the value it is given), so a name's bucket is found without making the name.
_W, _C, _B, _X = (crc32(prefix) for prefix in (b"w:", b"c:", b"b:", b"x:"))


def _word_ids(word: str) -> tuple[int, ...]:
    """The bucket ids of a word's names: ``w:word``, its classes' ``k:`` names
    (``WORD_CLASSES``), then its ``c:`` n-grams of each size in ``NGRAMS`` in order
    (``_bucket`` of each, the CRC run on from its prefix's)."""
    ids = _WORD_IDS.get(word)
    if ids is None:
        padded = f" {word} "
        # an ASCII word's characters are its UTF-8 bytes: its n-grams cut from the bytes
        cut = padded.encode() if padded.isascii() else None
        out = [crc32(word.encode(), _W) & MASK]
        out += [_bucket(name) for name in _CLASSES_OF.get(word, ())]
        for n in NGRAMS:
            if cut is not None:
                out += [crc32(cut[i : i + n], _C) & MASK for i in range(len(cut) - n + 1)]
            else:
                grams = [padded[i : i + n] for i in range(len(padded) - n + 1)]
                out += [crc32(g.encode(), _C) & MASK for g in grams]
        ids = tuple(out)
        if len(_WORD_IDS) < _WORD_IDS_MAX:
            _WORD_IDS[word] = ids
    return ids


def feature_ids(text: str, extras: list[str]) -> set[int]:
    """The bucket ids of ``feature_names(text, extras)`` (what ``hashed`` keys), found
    without making and sorting every name: a word's ids are looked up (``_word_ids``)."""
    if len(text) > HEAD + TAIL:
        text = text[:HEAD] + " " + text[-TAIL:]
    words = _words(text)
    ids = {_BIAS}
    ids.update([crc32(e.encode(), _X) & MASK for e in extras])
    ids.update([crc32(f"{a} {b}".encode(), _B) & MASK for a, b in pairwise(words)])
    for word in set(words):
        ids.update(_word_ids(word))
    return ids


class Names:
    """The readable names of an input's buckets, made only when asked (a reading whose
    decision stands shows none): for each bucket, the smallest name that falls in it, as
    ``hashed`` gives."""

    __slots__ = ("_extras", "_named", "_text")

    def __init__(self, text: str, extras: list[str]) -> None:
        self._text = text
        self._extras = extras
        self._named: dict[int, str] | None = None

    def of(self, ids: Iterable[int]) -> dict[int, str]:
        """Bucket id -> its name, for ``ids`` (buckets of this input)."""
        named = self._named
        if named is None:
            named = self._named = {}
            for name in feature_names(self._text, self._extras):
                bucket = _bucket(name)
                known = named.get(bucket)
                if known is None or name < known:
                    named[bucket] = name
        return {feat: named[feat] for feat in ids if feat in named}


def read(ev: Evidence) -> tuple[set[int], Names]:
    """The model's input for ``ev`` as inference reads it: the bucket ids of
    ``features(ev)``, and their names on demand."""
    inner, extras = innermost(ev)
    text, extras = text_of(inner), structured(inner) + extras
    return feature_ids(text, extras), Names(text, extras)


def features(ev: Evidence) -> dict[int, str]:
    """The model's input for ``ev`` (the error inside any JSON envelope, see innermost):
    bucket ids, each with a readable name."""
    inner, extras = innermost(ev)
    return hashed(feature_names(text_of(inner), structured(inner) + extras))
