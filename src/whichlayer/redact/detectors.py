"""The detectors: one data row per kind of secret, with its own samples.

A row says what to look for (``pattern``; the part to mask is the group
``secret``), the cheap keywords that must occur for the pattern to be tried at
all, how far around a keyword to look, and samples: texts in which the row
must find exactly a given secret, and near misses in which it must find
nothing. ``tests/redact/test_detectors.py`` runs every row's samples.

Patterns are written from the key shapes in
``shared/reference/clients-and-keys.md`` (section B1), not copied from any
scanner. Keys with a fixed length may be broken across lines (a wrapped
terminal, an escaped ``\\n``, a string continued on the next line) and are
still found; the break characters are dropped before fingerprinting.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from whichlayer._record import FrozenRecord, _set
from whichlayer.prefilter import LazyPattern
from whichlayer.redact._platforms import registry_platform
from whichlayer.redact._samples import ALNUM, canaries

# A line break inside a key: an optional closing quote and ``+`` (a string
# continued on the next line), a real or escaped newline, then indentation,
# box-drawing or quote characters.
BREAK = r"(?:[\"'][ \t]*\+?)?[ \t]*(?:\\r)?(?:\\n|\r?\n)[ \t│|>#*+\"']*"
# Left edge of a key: not glued to a letter or digit, except after an escape
# (``\n``, ``%22``, ``\u0022``) whose last character is one.
_LEFT = (
    r"(?:(?<![A-Za-z0-9])|(?<=\\[nrt])|(?<=%[0-9A-Fa-f]{2})|(?<=\\u[0-9A-Fa-f]{4})"
    r"|(?<=\\x[0-9A-Fa-f]{2}))"
)
_LEFT_WORD = _LEFT.replace("[A-Za-z0-9]", "[A-Za-z0-9_-]")
_END = r"(?![A-Za-z0-9_-])"
# A quote as it appears raw, escaped (once or more), URL-encoded or as an HTML entity.
_Q = r"(?:\\*[\"']|%2[27]|&quot;|&\#3[49];)"
_BEARER_SCHEMES = r"(?:bearer|basic|token|digest|negotiate|aws4-hmac-sha256|sharedkey)"


def run(charset: str, n: int) -> str:
    """Exactly ``n`` characters of ``charset``, which a line break may interrupt."""
    return f"{charset}(?:(?:{BREAK})?{charset}){{{n - 1}}}"


def lit(text: str) -> str:
    """The literal ``text``, which a line break may interrupt."""
    return f"(?:{BREAK})?".join(re.escape(c) for c in text)


_PLACEHOLDER = LazyPattern(
    r"""(?ix)^(?:
      |undefined|null|none|nil|true|false|empty|missing|redacted|hidden|secret|token|key
      |password|changeme|string|\[secure\]
      |[*x.•#-]+
      |<[^>]*>|\{\{?[^}]*\}\}?|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|%[A-Za-z_]+%|\[.*
      |your[-_ ]?\S*|\S*_here|.*redacted.*|.*(?:\.\.\.|…).*|.*\*{3,}.*
      |(?:os\.environ|process\.env|env\(|getenv|settings\.|config\.).*
    )$"""
)
# Role addresses (support@, api-feedback@, no-reply@) belong to no person: they stay.
_ROLE_WORDS = frozenset(
    {
        "support",
        "help",
        "noreply",
        "no-reply",
        "security",
        "sales",
        "billing",
        "abuse",
        "info",
        "feedback",
        "contact",
        "privacy",
        "legal",
        "team",
        "hello",
    }
)
_NOT_SECRET_NAMES = LazyPattern(r"(?i)(?:idempotency|cache|partition|sort|public|primary)[_-]?key$")


#: Longest value that can still be a placeholder (``<your OpenAI API key here>`` and the like).
PLACEHOLDER_MAX = 80
_DIGIT, _UPPER, _LOWER = LazyPattern(r"\d"), LazyPattern("[A-Z]"), LazyPattern("[a-z]")
_LETTER = LazyPattern("[A-Za-z]")


def is_placeholder(value: str) -> bool:
    """True for values that hold no secret: empty, ``undefined``, ``<YOUR_KEY>``, already masked."""
    value = value.strip()
    # Placeholders are short; the bound keeps hostile input from costing (hits x length).
    return len(value) <= PLACEHOLDER_MAX and bool(_PLACEHOLDER.match(value))


def looks_secret(value: str) -> bool:
    """A value under a key-like name that looks generated rather than a word or a count."""
    if is_placeholder(value) or value.isdigit() or len(value) < 8:
        return False
    has_digit = _DIGIT.search(value) is not None
    mixed = _UPPER.search(value) is not None and _LOWER.search(value) is not None
    return has_digit or (mixed and len(value) >= 12) or len(value) >= 24


def _secret_ok(m: re.Match[str]) -> bool:
    return not is_placeholder(m.group("secret"))


def _header_ok(m: re.Match[str]) -> bool:
    value = m.group("secret").strip()
    return not re.fullmatch(_BEARER_SCHEMES, value, re.IGNORECASE) and not is_placeholder(value)


def _looks_secret_ok(m: re.Match[str]) -> bool:
    name = m.groupdict().get("name") or ""
    return looks_secret(m.group("secret")) and not _NOT_SECRET_NAMES.search(name)


def _letter_and_digit(m: re.Match[str]) -> bool:
    s = m.group("secret")
    return _DIGIT.search(s) is not None and _LETTER.search(s, 3) is not None


def _mixed_base64(m: re.Match[str]) -> bool:
    s = m.group("secret")
    return all(r.search(s) is not None for r in (_UPPER, _LOWER, _DIGIT))


_BASE64ISH = LazyPattern(r"[A-Za-z0-9+/]{8,}={0,2}")


def basic_credentials(value: str) -> list[str]:
    """The password (and a token-like user name) inside a base64 ``user:password`` value."""
    if len(value) > 1024 or not _BASE64ISH.fullmatch(value):
        return []
    import binascii
    from base64 import b64decode

    try:
        decoded = b64decode(value + "=" * (-len(value) % 4), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return []
    user, colon, password = decoded.partition(":")
    if not colon or not decoded.isprintable():
        return []
    out = [password] if password and not is_placeholder(password) else []
    return out + ([user] if len(user) >= 20 and looks_secret(user) else [])


def _bearer_ok(m: re.Match[str]) -> bool:
    return _looks_secret_ok(m) or bool(basic_credentials(m.group("secret")))


def _credential_ok(m: re.Match[str]) -> bool:
    name = m.group("name").lower()
    value = m.group("secret")
    if is_placeholder(value) or _NOT_SECRET_NAMES.search(name):
        return False
    if ("secret" in name or "passw" in name) and len(value) >= 6 and not value.isdigit():
        return value.lower() not in ("required", "optional", "invalid", "incorrect", "expired")
    return looks_secret(value)


_OLD_PASSWORD_NAME = LazyPattern(
    r"(?i)(?:password|passwd|passphrase|pwd|client[_-]?secret|secret(?:[_-]?access)?[_-]?key|secret)$"
)


def _password_ok(m: re.Match[str]) -> bool:
    if _OLD_PASSWORD_NAME.search(m.group("name")):
        return _secret_ok(m)
    return _credential_ok(m)


def _not_aws_example(m: re.Match[str]) -> bool:
    """AWS's documented example key id (``AKIAIOSFODNN7EXAMPLE``) grants nothing: it stays."""
    return not m.group("secret").endswith("EXAMPLE")


def _near_deepseek(m: re.Match[str]) -> bool:
    return "deepseek" in m.string[max(0, m.start() - 300) : m.end() + 300].lower()


_IN_URL_USERINFO = LazyPattern(r"://[^\s/@]*$")


def _not_role_address(m: re.Match[str]) -> bool:
    if _IN_URL_USERINFO.search(m.string, max(0, m.start() - 200), m.start()):
        return False  # ``scheme://user:password@host``: url-userinfo masks it, the host stays
    local = m.group("secret").split("@", 1)[0].lower()
    return local not in _ROLE_WORDS and not _ROLE_WORDS.intersection(re.split(r"[-_.+]", local))


def _prompt_text(m: re.Match[str]) -> bool:
    text = m.group("secret")
    return bool(text) and not text.startswith("[prompt: ")


#: What a match is and how it is masked.
KINDS = ("key", "secret", "cookie", "userinfo", "email", "prompt")


#: A detector's platform is the provider registry's (``providers/*``: ``keys`` and
#: ``key_platform``): the keys of the providers it describes are named as the registry names them.
REGISTRY = ""


class Detector(FrozenRecord):
    """One kind of secret: a pattern, its prefilter keywords and its samples. (A plain
    class: a dataclass costs start-up time, see ``whichlayer._record``.)"""

    _fields = (
        "id",
        "own_platform",
        "pattern",
        "keywords",
        "prefix",
        "kind",
        "priority",
        "ignorecase",
        "before",
        "after",
        "anchored",
        "left_chars",
        "gate",
        "check",
        "examples",
        "near_misses",
    )
    __slots__ = (*_fields, "compiled", "gate_compiled", "left_set")
    id: str
    own_platform: str
    pattern: str
    keywords: tuple[str, ...]
    prefix: str
    kind: str
    priority: int
    ignorecase: bool
    before: int
    after: int
    anchored: bool
    left_chars: str
    gate: str
    check: Callable[[re.Match[str]], bool] | None
    examples: tuple[tuple[str, str], ...]
    near_misses: tuple[str, ...]
    compiled: re.Pattern[str] | None
    left_set: frozenset[str]
    gate_compiled: re.Pattern[str] | None

    def __init__(
        self,
        id: str,
        #: Shown in the mask (github, aws, ..., "secret" for opaque values); REGISTRY for the
        #: keys of a provider in the registry, which names their platform (see ``platform``).
        own_platform: str,
        pattern: str,  # the group ``secret`` is what gets masked
        keywords: tuple[str, ...],  # literal; one must occur (lower-cased if ``ignorecase``)
        prefix: str = "",  # the public prefix shown in the mask
        kind: str = "key",
        priority: int = 3,  # overlapping matches: the highest priority names the mask
        ignorecase: bool = False,
        before: int = 0,  # how far before a keyword a match may start
        after: int = 400,  # how far after a keyword a match may end
        # Anchored rows are matched once per keyword hit, starting at the hit moved left
        # over ``left_chars`` (a name before ``_KEY``, a local part before ``@``); the
        # others are searched in windows around their (rare, contextual) keywords.
        anchored: bool = True,
        left_chars: str = "",
        gate: str = "",  # anchored rows: a cheap pattern that must match at the keyword first
        check: Callable[[re.Match[str]], bool] | None = None,
        examples: tuple[tuple[str, str], ...] = (),  # (text, the secret found in it)
        near_misses: tuple[str, ...] = (),
    ) -> None:
        _set(self, "id", id)
        _set(self, "own_platform", own_platform)
        _set(self, "pattern", pattern)
        _set(self, "keywords", keywords)
        _set(self, "prefix", prefix)
        _set(self, "kind", kind)
        _set(self, "priority", priority)
        _set(self, "ignorecase", ignorecase)
        _set(self, "before", before)
        _set(self, "after", after)
        _set(self, "anchored", anchored)
        _set(self, "left_chars", left_chars)
        _set(self, "gate", gate)
        _set(self, "check", check)
        _set(self, "examples", examples)
        _set(self, "near_misses", near_misses)
        # The pattern compiles on first use: most rows never meet their keyword in a
        # given run, and compiling all of them would slow every command's start.
        _set(self, "compiled", None)
        _set(self, "gate_compiled", None)
        _set(self, "left_set", frozenset(left_chars))

    @property
    def platform(self) -> str:
        """The platform shown in the mask: its own, or the one the provider registry names."""
        return self.own_platform or registry_platform(self.id)

    @property
    def gate_regex(self) -> re.Pattern[str] | None:
        """The gate, compiled on first use like the pattern (see ``regex``)."""
        if not self.gate:
            return None
        if self.gate_compiled is None:
            flags = re.IGNORECASE if self.ignorecase else 0
            object.__setattr__(self, "gate_compiled", re.compile(self.gate, flags))
        return self.gate_compiled

    @property
    def regex(self) -> re.Pattern[str]:
        if self.compiled is None:
            flags = re.IGNORECASE if self.ignorecase else 0
            object.__setattr__(self, "compiled", re.compile(self.pattern, flags))
        assert self.compiled is not None
        return self.compiled


_C = canaries("sample")
_W = "[A-Za-z0-9_-]"
_A = "[A-Za-z0-9]"
_HEADER_NAMES = (
    "proxy-authorization|authorization|x-goog-api-key|x-api-key|api-key|ocp-apim-subscription-key"
    "|x-amz-security-token|set-cookie|cookie"
)
# Between a header name and its value: ``: `` in a dump or a curl ``-H``, ``": "`` in JSON or
# a dict repr, ``', b'`` in a list of byte tuples; any quote possibly escaped or encoded.
_HEADER_SEP = (
    rf"(?:{_Q}[ \t]*,[ \t]*(?:b{_Q}|{_Q})"
    rf"|{_Q}?[ \t]*(?::|=|%3[Aa])[ \t]*(?:%20|\+)*(?:b{_Q}|{_Q})?)[ \t]*"
)
_KEY_NAME = (
    r"[A-Za-z0-9_.-]*?(?:api[_.-]?key|apikey|access[_-]?key(?:[_-]?id)?|auth[_-]?key|private[_-]?key"
    r"|session[_-]?key|_key|-key|\.key|token|token_bedrock|credentials?)"
)
_ASSIGN = rf"{_Q}?[ \t]*(?:=|:|%3[Aa]|%3[Dd])[ \t]*{_Q}?"
_VALUE = r"(?P<secret>[^\s\"'\\,;&}<>()\[\]]+)"
_URL_PARAM_LIST = (
    "key",
    "api_key",
    "api-key",
    "apikey",
    "token",
    "access_token",
    "id_token",
    "refresh_token",
    "auth",
    "auth_token",
    "password",
    "passwd",
    "secret",
    "client_secret",
    "sig",
    "signature",
    "x-amz-signature",
    "x-amz-credential",
    "x-amz-security-token",
    "x-goog-api-key",
)
_URL_PARAM_NAMES = "|".join(re.escape(n) for n in _URL_PARAM_LIST)
NAME_CHARS = ALNUM + "_.-"
_GATE_ASSIGN = r"(?:\\*[\"']|%2[27]|&quot;)?[ \t]*(?:[=:]|%3[AaDd])"
_GATE_HEADER = (
    r"(?:authorization|key|token|cookie)(?:\\*[\"']|%2[27]|&quot;|&\#3[49];)?[ \t]*(?:[:,=]|%3[Aa])"
)
HEADER_CHARS = ALNUM + "-"
# After an assignment: a value that is a count (``"total_tokens": 12``) is turned away early.
_NOT_A_COUNT = r"[ \t]*+(?:\\*[\"']|%2[27]|&quot;)?+(?!\d{1,12}+(?![A-Za-z0-9_+/=.-]))"


def _key(
    id: str,
    platform: str,  # REGISTRY for a provider's key
    prefix: str,
    body: str,
    keyword: str | None = None,
    **kw: object,
) -> Detector:
    """A key recognised by its own shape: a literal prefix and a body."""
    pattern = rf"{_LEFT}(?P<secret>{re.escape(prefix)}{body}){_END}"
    # Every ``sk-…`` shape shares the keyword ``sk-``: one keyword may not start another.
    keyword = keyword or ("sk-" if prefix.startswith("sk-") else prefix)
    return Detector(id, platform, pattern, (keyword,), prefix=prefix, **kw)  # type: ignore[arg-type]


# OpenAI project, service-account and admin keys: two equal halves around ``T3BlbkFJ``.
_MARK = rf"(?:{BREAK})?{lit('T3BlbkFJ')}(?:{BREAK})?"
_OPENAI_BODY = rf"(?:{run(_W, 74)}{_MARK}{run(_W, 74)}|{run(_W, 58)}{_MARK}{run(_W, 58)})"

DETECTORS: tuple[Detector, ...] = (
    _key(
        "openai-project",
        REGISTRY,
        "sk-proj-",
        _OPENAI_BODY,
        examples=(
            (f"OPENAI_API_KEY={_C['openai-project']}", _C["openai-project"]),
            (f"key {_C['openai-project-58']}.", _C["openai-project-58"]),
        ),
        near_misses=("sk-proj-********************abcd", "sk-proj-abc T3BlbkFJ"),
    ),
    _key(
        "openai-service-account",
        REGISTRY,
        "sk-svcacct-",
        _OPENAI_BODY,
        examples=((f"'{_C['openai-svcacct']}'", _C["openai-svcacct"]),),
        near_misses=("sk-svcacct-...",),
    ),
    _key(
        "openai-admin",
        REGISTRY,
        "sk-admin-",
        _OPENAI_BODY,
        examples=((f"Bearer {_C['openai-admin']}", _C["openai-admin"]),),
        near_misses=("sk-admin-key-rotation-guide",),
    ),
    _key(
        "openai-legacy",
        REGISTRY,
        "sk-",
        rf"{run(_A, 20)}(?:{BREAK})?{lit('T3BlbkFJ')}(?:{BREAK})?{run(_A, 20)}",
        examples=((f"key={_C['openai-legacy']}", _C["openai-legacy"]),),
        near_misses=("sk-abcdefghijT3BlbkFJ", "task-" + "a" * 20 + "T3BlbkFJ" + "b" * 20),
    ),
    _key(
        "openai-prefixed",
        REGISTRY,
        "sk-",
        r"(?:proj|svcacct|service|admin|None)-[A-Za-z0-9_-]{20,}",
        priority=2,
        examples=(("sk-None-" + "Ab1" * 10, "sk-None-" + "Ab1" * 10),),
        near_misses=("sk-proj-****************************", "sk-None-short"),
    ),
    _key(
        "anthropic-api",
        REGISTRY,
        "sk-ant-api03-",
        rf"{run(_W, 93)}{lit('AA')}",
        examples=((f"x-api-key: {_C['anthropic-api']}", _C["anthropic-api"]),),
        near_misses=("sk-ant-api03-abc", "sk-ant-api03-***...AA"),
    ),
    _key(
        "anthropic-admin",
        REGISTRY,
        "sk-ant-admin01-",
        rf"{run(_W, 93)}{lit('AA')}",
        examples=((f'"{_C["anthropic-admin"]}"', _C["anthropic-admin"]),),
        near_misses=("sk-ant-admin01-",),
    ),
    _key(
        "anthropic-other",
        REGISTRY,
        "sk-ant-",
        r"[a-z]{2,8}\d\d-[A-Za-z0-9_-]{16,}",
        priority=2,
        examples=((f"CLAUDE_CODE_OAUTH_TOKEN={_C['anthropic-oauth']}", _C["anthropic-oauth"]),),
        near_misses=("sk-ant-oat01-xxxx", "sk-ant-api03-..."),
    ),
    _key(
        "google-api-key",
        REGISTRY,
        "AIza",
        run(_W, 35),
        examples=((f"?key={_C['google']}&alt=sse", _C["google"]),),
        near_misses=("AIzaSyShort", "XAIza" + "b" * 35),
    ),
    _key(
        "openrouter",
        REGISTRY,
        "sk-or-v1-",
        run("[a-f0-9]", 64),
        examples=((f"Bearer {_C['openrouter']}", _C["openrouter"]),),
        near_misses=("sk-or-v1-" + "0" * 10,),
    ),
    _key(
        "openrouter-other",
        REGISTRY,
        "sk-or-",
        r"[A-Za-z0-9_-]{24,}",
        priority=2,
        check=_letter_and_digit,
        examples=(("sk-or-v2-" + "a1" * 16, "sk-or-v2-" + "a1" * 16),),
        near_misses=("sk-or-something-else",),
    ),
    _key(
        "groq",
        REGISTRY,
        "gsk_",
        run(_A, 52),
        examples=((f"GROQ_API_KEY={_C['groq']}", _C["groq"]),),
        near_misses=("gsk_short", "disk_" + "a" * 52),
    ),
    _key(
        "xai",
        REGISTRY,
        "xai-",
        run("[A-Za-z0-9_]", 80),
        examples=((f"Authorization: Bearer {_C['xai']}", _C["xai"]),),
        near_misses=("xai-grok-2-latest", "xai-" + "a" * 40),
    ),
    _key(
        "deepseek",
        REGISTRY,
        "sk-",
        run("[a-f0-9]", 32),
        check=_near_deepseek,
        examples=((f"DEEPSEEK_API_KEY={_C['deepseek']}", _C["deepseek"]),),
        near_misses=("deepseek-chat sk-short",),
    ),
    _key(
        "perplexity",
        REGISTRY,
        "pplx-",
        run(_A, 48),
        examples=((f"PPLX_API_KEY={_C['perplexity']}", _C["perplexity"]),),
        near_misses=("pplx-70b-online", "pplx-" + "a" * 20),
    ),
    _key(
        "huggingface",
        REGISTRY,
        "hf_",
        run(_A, 34),
        examples=((f"HF_TOKEN={_C['huggingface']}", _C["huggingface"]),),
        near_misses=("hf_transfer", "pdf_" + "a" * 34),
    ),
    _key(
        "huggingface-org",
        REGISTRY,
        "api_org_",
        run(_A, 34),
        examples=((f"token {_C['huggingface-org']}", _C["huggingface-org"]),),
        near_misses=("api_org_settings",),
    ),
    _key(
        "replicate",
        REGISTRY,
        "r8_",
        run(_W, 37),
        examples=((f"Authorization: Token {_C['replicate']}", _C["replicate"]),),
        near_misses=("r8_short", "xr8_" + "a" * 37),
    ),
    Detector(
        "github-token",
        "github",
        rf"{_LEFT}(?P<secret>gh[pousr]_{run(_A, 36)}){_END}",
        ("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
        prefix="ghp_",
        examples=((f"token {_C['github']}", _C["github"]),),
        near_misses=("ghp_short",),
    ),
    _key(
        "github-fine-grained",
        "github",
        "github_pat_",
        run("[A-Za-z0-9_]", 82),
        examples=((f"GH={_C['github-pat']}", _C["github-pat"]),),
        near_misses=("github_pat_docs",),
    ),
    Detector(
        "slack-token",
        "slack",
        rf"{_LEFT}(?P<secret>(?:xox[abposr]|xapp)-[0-9A-Za-z-]{{20,}})",
        ("xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-", "xapp-"),
        prefix="xox",
        examples=((f"SLACK={_C['slack']}", _C["slack"]),),
        near_misses=("xoxb-short",),
    ),
    Detector(
        "stripe-key",
        "stripe",
        rf"{_LEFT}(?P<secret>(?:sk|rk)_(?:live|test)_{run(_A, 24)}[A-Za-z0-9]*)",
        ("sk_live_", "sk_test_", "rk_live_", "rk_test_"),
        prefix="sk_live_",
        examples=((f"stripe {_C['stripe']}", _C["stripe"]),),
        near_misses=("sk_live_short",),
    ),
    _key(
        "gitlab-token",
        "gitlab",
        "glpat-",
        run(_W, 20),
        examples=((f"PRIVATE-TOKEN: {_C['gitlab']}", _C["gitlab"]),),
        near_misses=("glpat-short",),
    ),
    _key(
        "npm-token",
        "npm",
        "npm_",
        run(_A, 36),
        examples=((f"//registry.npmjs.org/:_authToken={_C['npm']}", _C["npm"]),),
        near_misses=("npm_config_cache",),
    ),
    Detector(
        "pypi-token",
        "pypi",
        rf"{_LEFT}(?P<secret>pypi-AgE[A-Za-z0-9_-]{{50,}})",
        ("pypi-age",),
        prefix="pypi-",
        after=2000,
        examples=((f"password = {_C['pypi']}", _C["pypi"]),),
        near_misses=("pypi-age-of-packages",),
    ),
    _key(
        "cerebras",
        REGISTRY,
        "csk-",
        run("[a-z0-9]", 48),
        examples=((f"key {_C['cerebras']}", _C["cerebras"]),),
        near_misses=("csk-short",),
    ),
    _key(
        "fireworks",
        REGISTRY,
        "fw_",
        run(_A, 24),
        check=_letter_and_digit,
        examples=((f"key {_C['fireworks']}", _C["fireworks"]),),
        near_misses=("fw_version_string_of_it",),
    ),
    Detector(
        "sendgrid",
        "sendgrid",
        rf"(?<![A-Za-z0-9])(?P<secret>SG\.{run(_W, 22)}\.{run(_W, 43)}){_END}",
        ("sg.",),
        prefix="SG.",
        after=80,
        examples=((f"SENDGRID {_C['sendgrid']}", _C["sendgrid"]),),
        near_misses=("msg.content", "SG.short.x"),
    ),
    _key(
        "digitalocean",
        "digitalocean",
        "dop_v1_",
        run("[a-f0-9]", 64),
        examples=((f"token {_C['digitalocean']}", _C["digitalocean"]),),
        near_misses=("dop_v1_short",),
    ),
    _key(
        "shopify",
        "shopify",
        "shpat_",
        run("[a-fA-F0-9]", 32),
        examples=((f"token {_C['shopify']}", _C["shopify"]),),
        near_misses=("shpat_short",),
    ),
    Detector(
        "pem-private-key",
        "pem",
        r"-----BEGIN[ A-Z0-9]*PRIVATE KEY-----(?P<secret>(?:(?:\\[nr]|[\s\"'│|,+]|\\)*"
        r"(?:[A-Za-z0-9+/=]{2,}|[A-Za-z-]+:[^\n\\]*))+)",
        ("-----begin",),
        kind="secret",
        priority=4,
        ignorecase=False,
        after=16384,
        examples=(
            (
                f"-----BEGIN PRIVATE KEY-----\n{_C['pem-body']}\n-----END PRIVATE KEY-----",
                _C["pem-body"].replace("\n", ""),
            ),
        ),
        near_misses=("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",),
    ),
    Detector(
        "xml-element",
        "secret",
        r"<(?P<name>[A-Za-z0-9_:.-]*(?:key|token|secret|password|passwd|credential|auth|cookie)"
        r"[A-Za-z0-9_:.-]*)(?:\s[^<>]*)?>\s*(?P<secret>[^<>\s]{6,})\s*</(?P=name)\s*>",
        ("</",),
        kind="secret",
        priority=1,
        ignorecase=True,
        anchored=False,
        before=600,
        after=80,
        check=_credential_ok,
        examples=((f"<ApiKey>{_C['opaque-token']}</ApiKey>", _C["opaque-token"]),),
        near_misses=("<MaxTokens>4096</MaxTokens>", "<KeyName>primary</KeyName>"),
    ),
    Detector(
        "credential-name",
        "secret",
        rf"{_LEFT_WORD}(?P<name>[A-Za-z0-9_.-]*?credential[A-Za-z0-9_.-]*"
        rf"|[A-Za-z0-9_.-]*[_.-](?:cookie|basic|auth|creds?)){_ASSIGN}{_VALUE}",
        ("cookie", "basic", "auth", "cred"),
        kind="secret",
        priority=1,
        ignorecase=True,
        before=64,
        after=600,
        check=_credential_ok,
        left_chars=NAME_CHARS,
        gate=rf"[A-Za-z0-9_.-]{{0,40}}?{_GATE_ASSIGN}{_NOT_A_COUNT}",
        examples=(
            (f"SESSION_COOKIE={_C['cookie-value']}", _C["cookie-value"]),
            (f"PROXY_BASIC='{_C['opaque-token']}'", _C["opaque-token"]),
        ),
        near_misses=("auth_type=oauth", "cookie: consent"),
    ),
    Detector(
        "aws-access-key-id",
        "aws",
        rf"{_LEFT}(?P<secret>(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{{16}})(?![A-Za-z0-9])",
        ("AKIA", "ASIA", "ABIA", "ACCA", "A3T"),
        prefix="AKIA",
        after=40,
        check=_not_aws_example,
        examples=((f"aws_access_key_id = {_C['aws-access-key-id']}", _C["aws-access-key-id"]),),
        near_misses=("AKIASHORT", "XAKIA" + "A" * 16, "AKIA" + "A" * 20, "AKIAIOSFODNN7EXAMPLE"),
    ),
    Detector(
        "aws-secret-access-key",
        "aws",
        r"(?<![A-Za-z0-9/+=_-])(?P<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=_-])",
        ("secret",),
        ignorecase=True,
        priority=2,
        before=200,
        after=200,
        anchored=False,
        check=_mixed_base64,
        examples=((f"aws_secret_access_key = {_C['aws-secret']}", _C["aws-secret"]),),
        near_misses=("aws sha " + "0123456789abcdef" * 2 + "01234567",),
    ),
    _key(
        "bedrock-long-term",
        REGISTRY,
        "ABSK",
        # 109-269 characters in all; 20 suffice to know one (a terminal may wrap the rest).
        r"[A-Za-z0-9+/]{20,}={0,2}",
        examples=((f"AWS_BEARER_TOKEN_BEDROCK={_C['bedrock-long']}", _C["bedrock-long"]),),
        near_misses=("ABSKQmVk",),
    ),
    Detector(
        "bedrock-short-term",
        REGISTRY,
        rf"{_LEFT}(?P<secret>bedrock-api-key-[A-Za-z0-9+/=_-]{{20,}}(?:&Version=\d+)?)",
        ("bedrock-api-key-",),
        prefix="bedrock-api-key-",
        after=2000,
        examples=((f"Bearer {_C['bedrock-short']}", _C["bedrock-short"]),),
        near_misses=("bedrock-api-key-docs",),
    ),
    Detector(
        # A key glued to the text before or after it (a missing space, a longer body):
        # the distinctive prefixes are enough to mask it, without the usual edges.
        "glued-prefix",
        "secret",
        r"(?P<secret>(?:sk-(?:proj|svcacct|admin|ant-[a-z]+\d\d|or-v\d)-|gsk_|xai-|pplx-|api_org_"
        r"|bedrock-api-key-)[A-Za-z0-9_-]{20,})",
        ("sk-", "gsk_", "xai-", "pplx-", "api_org_", "bedrock-api-key-"),
        priority=2,
        examples=(
            ("ABC" + _C["groq"], _C["groq"]),
            ("Bearer" + _C["anthropic-api"] + "xyz", _C["anthropic-api"] + "xyz"),
        ),
        near_misses=("task-manager-2024-release-candidate", "xai-grok-beta", "pplx-7b-online"),
    ),
    _key(
        "relay-token",
        REGISTRY,
        "sk-",
        rf"{run(_A, 48)}(?:-\d{{1,6}})?",
        priority=2,
        examples=(
            (f"Authorization: Bearer {_C['relay']}", _C["relay"]),
            (f"{_C['relay']}-12", f"{_C['relay']}-12"),
        ),
        near_misses=("sk-" + "a1" * 20, "sk-" + "a1" * 25),
    ),
    _key(
        "sk-token",
        "sk",
        "sk-",
        r"[A-Za-z0-9][A-Za-z0-9_-]{19,}",
        priority=1,
        check=_letter_and_digit,
        examples=((f"api key {_C['deepseek']} rejected", _C["deepseek"]),),
        near_misses=("sk-learn-is-not-a-key-at-all", "risk-" + "a1" * 12),
    ),
    Detector(
        "azure-key",
        REGISTRY,
        rf"{_LEFT_WORD}(?:[A-Za-z0-9_-]*?(?:api[-_]?key|azure[A-Za-z0-9_-]*key)|ocp-apim-subscription-key|subscription[-_]key){_ASSIGN}"
        r"(?P<secret>[0-9a-fA-F]{32}|[A-Za-z0-9]{84})(?![A-Za-z0-9])",
        ("key",),
        ignorecase=True,
        priority=2,
        before=80,
        after=200,
        left_chars=NAME_CHARS,
        gate=rf"key{_GATE_ASSIGN}",
        examples=(
            (f"api-key: {_C['azure-classic']}", _C["azure-classic"]),
            (f'"AZURE_OPENAI_API_KEY": "{_C["azure-new"]}"', _C["azure-new"]),
        ),
        near_misses=("api-key: 0123", "azure deployment gpt-4o"),
    ),
    Detector(
        "jwt",
        "jwt",
        rf"{_LEFT}(?P<secret>eyJ[A-Za-z0-9_-]{{8,}}\.[A-Za-z0-9_-]{{8,}}\.[A-Za-z0-9_-]{{8,}})",
        ("eyJ",),
        prefix="eyJ",
        priority=2,
        after=16384,
        examples=((f"id_token: {_C['jwt']}", _C["jwt"]),),
        near_misses=("eyJhbGciOi.short",),
    ),
    Detector(
        "auth-header",
        "secret",
        # The credential is one token after the scheme; a SigV4 value runs to the end.
        rf"{_LEFT_WORD}(?:{_HEADER_NAMES}){_HEADER_SEP}(?:{_BEARER_SCHEMES}(?:[ \t]|%20|\+)+)?"
        r"(?P<secret>(?<=aws4-hmac-sha256[ \t])[^\r\n\"'\\]+"
        r"|(?:(?!%2[27]|&quot;)[^\s\"'\\,;)])+)",
        ("auth", "key", "token"),
        kind="secret",
        priority=1,
        ignorecase=True,
        before=32,
        after=8192,
        left_chars=HEADER_CHARS,
        check=_header_ok,
        gate=_GATE_HEADER,
        examples=(
            (f"Authorization: Bearer {_C['opaque-token']}", _C["opaque-token"]),
            (f"{{'x-api-key': '{_C['opaque-token']}'}}", _C["opaque-token"]),
            (f"(b'authorization', b'Basic {_C['opaque-token']}')", _C["opaque-token"]),
            (f'-H "api-key: {_C["opaque-token"]}"', _C["opaque-token"]),
        ),
        near_misses=(
            "Authorization: Bearer undefined",
            "authorization: Bearer ",
            "x-api-key: <YOUR_KEY>",
            "missing authorization, please log in",
            "in an Authorization header (i.e. Authorization: Bearer YOUR_KEY), or as the",
        ),
    ),
    Detector(
        "cookie-header",
        "secret",
        rf"{_LEFT_WORD}(?:set-cookie|cookie){_HEADER_SEP}(?P<secret>(?:(?!%2[27]|&quot;)[^\r\n\"'\\])+)",
        ("cookie",),
        kind="cookie",
        priority=1,
        ignorecase=True,
        before=8,
        after=16384,
        left_chars=HEADER_CHARS,
        check=_secret_ok,
        gate=_GATE_HEADER,
        examples=(
            (
                f"Cookie: session={_C['cookie-value']}; theme=dark",
                f"session={_C['cookie-value']}; theme=dark",
            ),
            (
                f'"set-cookie": "__cf_bm={_C["cookie-value"]}; path=/; HttpOnly"',
                f"__cf_bm={_C['cookie-value']}; path=/; HttpOnly",
            ),
        ),
        near_misses=("cookie consent banner", "Cookie: <redacted>"),
    ),
    Detector(
        "bearer-token",
        "secret",
        r"(?<![A-Za-z0-9_-])(?:bearer|basic)(?:[ \t]|%20|\+)+(?P<secret>[A-Za-z0-9._~+/=-]{16,})",
        ("bearer", "basic"),
        kind="secret",
        priority=1,
        ignorecase=True,
        after=8192,
        check=_bearer_ok,
        examples=((f"sent Bearer {_C['opaque-token']} to relay", _C["opaque-token"]),),
        near_misses=(
            "a Bearer token is required",
            "Bearer undefined",
            "basic authentication-required",
        ),
    ),
    Detector(
        "password-assignment",
        "secret",
        rf"{_LEFT_WORD}(?P<name>[A-Za-z0-9_.-]*?(?:pass(?:w(?:or)?d|phrase)|pwd|secret)"
        rf"[A-Za-z0-9_.-]*){_ASSIGN}{_VALUE}",
        ("pass", "secret"),
        kind="secret",
        priority=1,
        ignorecase=True,
        before=64,
        after=600,
        check=_password_ok,
        left_chars=NAME_CHARS,
        # ``*PASSWORD*=`` and ``*SECRET*=``: the name may go on after the word.
        gate=rf"(?:pass(?:word|wd|phrase)?|secret)[A-Za-z0-9_.-]{{0,40}}?{_GATE_ASSIGN}",
        examples=(
            (f"DB_PASSWORD={_C['password']}", _C["password"]),
            (f'"client_secret": "{_C["password"]}"', _C["password"]),
            (f"MY_SECRET_VALUE={_C['password']}", _C["password"]),
            (f"DB_PASSWORD_PROD: {_C['password']}", _C["password"]),
        ),
        near_misses=("password: <your password>", "secret=${SECRET}", "forgot password?"),
    ),
    Detector(
        "key-assignment",
        "secret",
        rf"{_LEFT_WORD}(?P<name>{_KEY_NAME}|key|[A-Za-z0-9_.-]*?token[A-Za-z0-9_.-]*){_ASSIGN}{_VALUE}",
        ("key", "token"),
        kind="secret",
        priority=1,
        ignorecase=True,
        before=64,
        after=600,
        check=_looks_secret_ok,
        left_chars=NAME_CHARS,
        # ``*TOKEN*=``: the name may go on after the word; a count is turned away early.
        gate=rf"(?:key(?:[_-]?id)?|token[A-Za-z0-9_.-]{{0,40}}?){_GATE_ASSIGN}{_NOT_A_COUNT}",
        examples=(
            (f"MY_SERVICE_TOKEN={_C['opaque-token']}", _C["opaque-token"]),
            (f"'session_key': '{_C['opaque-token']}'", _C["opaque-token"]),
            (f"TOKEN_PROD={_C['opaque-token']}", _C["opaque-token"]),
            (f"api_key=7_{_C['opaque-token']}", "7_" + _C["opaque-token"]),
        ),
        near_misses=(
            "max_tokens=4096",
            "prompt_tokens: 12",
            "Idempotency-Key: 5f0c2b1e-7a8c-4c1d",
            "x-ratelimit-remaining-tokens: 39000",
            "api_key=api_key,",
            "token: expired",
            "api_key=os.environ['OPENAI_API_KEY']",
        ),
    ),
    Detector(
        "url-param",
        "secret",
        rf"(?:(?<=[?&;])|(?<=&amp;)|(?<=\\u0026)|(?<=%26)|(?<=%3[Ff]))(?:{_URL_PARAM_NAMES})(?:=|%3[Dd])"
        r"(?P<secret>[^&\s\"'#<>\\]+)",
        ("key", "token", "auth", "pass", "secret", "sig"),
        kind="secret",
        priority=1,
        ignorecase=True,
        before=32,
        after=2000,
        check=_secret_ok,
        left_chars=NAME_CHARS,
        gate=r"[A-Za-z0-9_-]{0,30}?(?:=|%3[Dd])",
        examples=(
            (f"GET /v1beta/models?key={_C['opaque-token']}&alt=sse", _C["opaque-token"]),
            (f"https://x.test/cb?access_token={_C['opaque-token']}", _C["opaque-token"]),
        ),
        near_misses=(
            "https://platform.openai.com/account/api-keys",
            "?monkey=banana",
            "?key=YOUR_API_KEY",
        ),
    ),
    Detector(
        "url-userinfo",
        "secret",
        r"://(?P<secret>[^\s/:@\"'<>\\\[\]]*(?::[^\s/@\"'<>\\]*)?)@",
        ("://",),
        kind="userinfo",
        priority=1,
        after=600,
        examples=(
            (
                f"HTTPS_PROXY=http://alice:{_C['password']}@proxy.corp:3128",
                f"alice:{_C['password']}",
            ),
            (f"git clone https://{_C['opaque-token']}@git.test/x", _C["opaque-token"]),
        ),
        near_misses=("https://api.openai.com:443/v1", "http://[::1]:8080/x", "https://x.test/a@b"),
    ),
    Detector(
        "curl-user",
        "secret",
        r"(?<![A-Za-z0-9_-])(?:-u|--user|--proxy-user)[ \t=]+[\"']?"
        r"(?P<secret>[^\s\"':/]+:(?!//)[^\s\"']+)",
        ("-u",),
        kind="userinfo",
        priority=1,
        before=12,
        after=400,
        left_chars=HEADER_CHARS,
        gate=r"-u(?:ser)?[ \t=]",
        examples=((f"curl -u bob:{_C['password']} https://x.test", f"bob:{_C['password']}"),),
        near_misses=("curl -u https://x.test", "sort -u file"),
    ),
    Detector(
        "email",
        "email",
        r"(?<![A-Za-z0-9._%+-])(?P<secret>[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
        r"\.[A-Za-z]{2,24})(?![A-Za-z0-9-])",
        ("@",),
        kind="email",
        priority=0,
        before=64,
        after=260,
        check=_not_role_address,
        left_chars=ALNUM + "._%+-",
        gate=r"@[A-Za-z0-9-]+\.",
        examples=((f"user {_C['email']} was blocked", _C["email"]),),
        near_misses=(
            "contact support@openai.com",
            "claude-sonnet-4@20250514",
            "@types/node",
            "model gemini-1.5-pro@001",
            "email gemini-code-assist-user-feedback@google.com",
        ),
    ),
    Detector(
        "prompt-json",
        "prompt",
        r"(?P<q>\\*[\"'])(?:content|contents|prompt|input|instructions|system|text)(?P=q)"
        r"[ \t]*:[ \t]*(?P=q)(?P<secret>.*?)(?<!\\)(?P=q)(?=[ \t]*(?:[,}\]]|\\n|$))",
        ("content", "prompt", "input", "instructions", "system", "text"),
        kind="prompt",
        priority=0,
        before=8,
        after=262144,
        check=_prompt_text,
        left_chars="\\\"'",
        gate=r"(?:content|contents|prompt|input|instructions|system|text)\\*[\"'][ \t]*:",
        examples=(
            ('{"role": "user", "content": "my private plan"}', "my private plan"),
            ('{\\"content\\": \\"hi there\\"}', "hi there"),
        ),
        near_misses=('{"content": ""}', '{"content": null}', '"param": "input"'),
    ),
)


def by_id() -> dict[str, Detector]:
    return {d.id: d for d in DETECTORS}


#: The detectors that describe a key by its shape alone (used by ``fingerprint``).
SHAPE_DETECTORS: tuple[Detector, ...] = tuple(
    d
    for d in DETECTORS
    if d.kind == "key" and d.id not in ("deepseek", "aws-secret-access-key", "azure-key", "jwt")
)
