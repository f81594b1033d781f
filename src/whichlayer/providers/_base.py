"""The records a provider module is written in: who it is, where it answers, which keys it
takes, and what its documented error codes mean.

A provider module (one file per provider, relay, gateway or server in this package) defines
``PROVIDER = Provider(...)``. Nothing else in whichlayer states these facts.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from whichlayer._record import FrozenRecord, _set
from whichlayer.taxonomy import CAUSE_LAYER, Cause, Layer, Origin, Retry

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Plain classes, not dataclasses: an input whose body holds a documented code starts
# faster (no dataclasses or inspect import, no methods compiled: ``whichlayer._record``).

#: What kind of party a module describes.
KINDS = ("provider", "cloud", "relay", "gateway", "server")
#: Which body field a documented value is read from.
FIELDS = ("code", "type", "status_text", "reason", "status", "phrase")


class Documented(FrozenRecord):
    """One row of a provider's documented error catalogue, in our own words.

    ``code`` is the value as the provider documents it (a body ``code``, ``type`` or
    ``status`` text: see ``field``). ``sample`` is what a caller sees; a test diagnoses it
    and expects ``cause``. A code that other servers use too (a bare number, a common word)
    sets ``context``: it then decides only where the provider is recognised (its host, its
    body format or its name in the text). ``decides=False`` keeps a row as documentation
    only, with ``why_not`` saying why the engine's own rules judge it instead.
    """

    _fields = (
        "code",
        "cause",
        "doc",
        "sample",
        "meaning",
        "status",
        "field",
        "retry",
        "origin",
        "context",
        "decides",
        "why_not",
        "layer",
    )
    __slots__ = _fields

    code: str
    cause: Cause
    doc: str
    sample: str
    meaning: str
    status: int | None
    field: str
    retry: Retry | None
    origin: Origin | None  # who says it, when the row fixes it (a relay's own code)
    context: bool
    decides: bool
    why_not: str
    layer: Layer | None  # from the cause; stated only when the cause is unknown

    def __init__(
        self,
        code: str,
        cause: Cause,
        doc: str,
        sample: str,
        meaning: str,
        status: int | None = None,
        field: str = "code",
        retry: Retry | None = None,
        origin: Origin | None = None,
        context: bool = False,
        decides: bool = True,
        why_not: str = "",
        layer: Layer | None = None,
    ) -> None:
        _set(self, "code", code)
        _set(self, "cause", cause)
        _set(self, "doc", doc)
        _set(self, "sample", sample)
        _set(self, "meaning", meaning)
        _set(self, "status", status)
        _set(self, "field", field)
        _set(self, "retry", retry)
        _set(self, "origin", origin)
        _set(self, "context", context)
        _set(self, "decides", decides)
        _set(self, "why_not", why_not)
        _set(self, "layer", layer)
        self.__post_init__()

    def __post_init__(self) -> None:
        if self.layer is None and self.cause in CAUSE_LAYER:
            object.__setattr__(self, "layer", CAUSE_LAYER[self.cause])


class StatusPage(FrozenRecord):
    """A provider's public status page; ``api`` is its machine-readable form, if any."""

    _fields = ("url", "format", "api", "api_words")
    __slots__ = _fields

    url: str
    format: str  # "statuspage.io v2", "instatus", "incident.io", "google cloud", "html"
    api: str | None
    #: Lower-case words: a component or product whose name holds one is part of the API
    #: (``whichlayer status`` judges only these; a whole cloud's feed lists every product).
    api_words: tuple[str, ...]

    def __init__(
        self,
        url: str,
        format: str,
        api: str | None = None,
        api_words: tuple[str, ...] = ("api",),
    ) -> None:
        _set(self, "url", url)
        _set(self, "format", format)
        _set(self, "api", api)
        _set(self, "api_words", api_words)


class FirstSteps(FrozenRecord):
    """What to do first where this provider answered: its own console and its own names
    decide faster than generic advice.

    ``when`` holds the causes or layers (their values) the steps serve; rows with ``phrases``
    serve any cause where one of those lower-case phrases is in the text, and are tried
    first. ``replace``: the steps replace the generic ones (else they go before them).
    """

    _fields = ("when", "steps", "replace", "phrases")
    __slots__ = _fields

    when: tuple[str, ...]
    steps: tuple[str, ...]
    replace: bool
    phrases: tuple[str, ...]

    def __init__(
        self,
        when: tuple[str, ...],
        steps: tuple[str, ...],
        replace: bool = True,
        phrases: tuple[str, ...] = (),
    ) -> None:
        _set(self, "when", when)
        _set(self, "steps", steps)
        _set(self, "replace", replace)
        _set(self, "phrases", phrases)


#: A relay answered: its own settings decide, not the provider's (new-api, LiteLLM proxy).
RELAY_DASHBOARD = FirstSteps(
    ("rate_limit", "quota"),
    (
        "Open the relay's dashboard (your token's group, balance, rate limits and channel "
        "status): the relay answered, so its settings decide, not the provider's.",
    ),
    replace=False,
)


class Provider(FrozenRecord):
    """One provider, relay, gateway or inference server."""

    _fields = (
        "id",
        "name",
        "kind",
        "hosts",
        "keys",
        "key_prefixes",
        "site",
        "key_platform",
        "accepts",
        "protocols",
        "openai_base",
        "native_base",
        "regional_base",
        "dialect",
        "words",
        "docs",
        "status_page",
        "errors",
        "owner",
        "key_platform_served",
        "key_kinds",
        "first_steps",
        "aliases",
        "default_for",
        "model_families",
        "vendor",
        "family_rank",
        "hop_headers",
        "client_endpoints",
        "self_names",
    )
    __slots__ = _fields

    id: str  # stable, lower-case; rule ids read catalogue.<id>.<code>
    name: str
    kind: str  # one of KINDS
    hosts: tuple[str, ...]  # host names or suffixes (".openai.azure.com") it answers on
    keys: tuple[str, ...]  # ids of the redactor's detectors for the keys it issues
    key_prefixes: tuple[str, ...]  # prefixes of its keys the redactor has no detector for
    site: str  # its web domain: a link there in a message means it answered itself
    key_platform: str | None  # the platform name those detectors report
    accepts: tuple[str, ...]  # other key platforms its servers take (Azure: opaque keys)
    protocols: tuple[str, ...]
    openai_base: str  # its documented base URL for OpenAI-compatible clients
    native_base: str  # its own protocol's base URL, as its own SDK calls it by default
    regional_base: str  # a cloud's regional endpoint, with ``{region}``
    dialect: str | None  # the dialects/ NAME its error bodies are read as
    words: tuple[str, ...]  # lower-case names that show a message comes from it
    docs: str  # its error documentation
    status_page: StatusPage | None
    errors: tuple[Documented, ...]
    owner: str  # relays and gateways: which party owns a failure they report
    key_platform_served: str | None  # whose keys its hosts take, when it issues none
    #: (prefix, kind) of its keys that only work in one way (Claude's OAuth tokens: Bearer
    #: only); ``whichlayer check`` names such a key by its kind, and the hosts take it.
    key_kinds: tuple[tuple[str, str], ...]
    #: What to do first where it answered (``actions``): read through the generated index,
    #: which also records how it is recognised (hosts, body format, and for providers and
    #: clouds its words; a relay's name alone may be its SDK's, used as a library).
    first_steps: tuple[FirstSteps, ...]
    #: Other names people and the engine use for it (``whichlayer status claude``).
    aliases: tuple[str, ...]
    #: Client protocols (``check``'s names) that reach it when a client sets no base URL.
    default_for: tuple[str, ...]
    #: The probe's model families: patterns on a model id for the models it makes, the
    #: vendor name the probe groups them under, and their place among other vendors'
    #: (lower first: a model id naming two families, such as a distillation, is the first's).
    model_families: tuple[str, ...]
    vendor: str
    family_rank: int
    #: Response headers that show it took part: (header, a lower-case word its value holds,
    #: "" for any value, what that suggests), as ``report`` lists them.
    hop_headers: tuple[tuple[str, str, str], ...]
    #: The URLs (regex, no scheme) its clients build from their own defaults: a 404 there
    #: with no body to explain it is not the user's URL (``rules/upstream.py``).
    client_endpoints: tuple[str, ...]
    #: Lower-case texts by which a gateway names itself in an error it answered
    #: (``rules/origin.py``'s ``origin.gateway.named`` reads them through the index).
    self_names: tuple[str, ...]

    def __init__(
        self,
        id: str,
        name: str,
        kind: str,
        hosts: tuple[str, ...] = (),
        keys: tuple[str, ...] = (),
        key_prefixes: tuple[str, ...] = (),
        site: str = "",
        key_platform: str | None = None,
        accepts: tuple[str, ...] = (),
        protocols: tuple[str, ...] = ("openai",),
        openai_base: str = "",
        native_base: str = "",
        regional_base: str = "",
        dialect: str | None = None,
        words: tuple[str, ...] = (),
        docs: str = "",
        status_page: StatusPage | None = None,
        errors: tuple[Documented, ...] = (),
        owner: str = "",
        key_platform_served: str | None = None,
        key_kinds: tuple[tuple[str, str], ...] = (),
        first_steps: tuple[FirstSteps, ...] = (),
        aliases: tuple[str, ...] = (),
        default_for: tuple[str, ...] = (),
        model_families: tuple[str, ...] = (),
        vendor: str = "",
        family_rank: int = 0,
        hop_headers: tuple[tuple[str, str, str], ...] = (),
        client_endpoints: tuple[str, ...] = (),
        self_names: tuple[str, ...] = (),
    ) -> None:
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "kind", kind)
        _set(self, "hosts", hosts)
        _set(self, "keys", keys)
        _set(self, "key_prefixes", key_prefixes)
        _set(self, "site", site)
        _set(self, "key_platform", key_platform)
        _set(self, "accepts", accepts)
        _set(self, "protocols", protocols)
        _set(self, "openai_base", openai_base)
        _set(self, "native_base", native_base)
        _set(self, "regional_base", regional_base)
        _set(self, "dialect", dialect)
        _set(self, "words", words)
        _set(self, "docs", docs)
        _set(self, "status_page", status_page)
        _set(self, "errors", errors)
        _set(self, "owner", owner)
        _set(self, "key_platform_served", key_platform_served)
        _set(self, "key_kinds", key_kinds)
        _set(self, "first_steps", first_steps)
        _set(self, "aliases", aliases)
        _set(self, "default_for", default_for)
        _set(self, "model_families", model_families)
        _set(self, "vendor", vendor)
        _set(self, "family_rank", family_rank)
        _set(self, "hop_headers", hop_headers)
        _set(self, "client_endpoints", client_endpoints)
        _set(self, "self_names", self_names)

    @property
    def platform(self) -> str | None:
        """The platform its hosts belong to, named as the redactor names keys (None: a
        relay, gateway or server, whose hosts take other platforms' keys)."""
        if self.key_platform_served or self.key_platform:
            return self.key_platform_served or self.key_platform
        return self.id if self.kind in ("provider", "cloud") else None

    def serves(self, host: str) -> bool:
        """Does ``host`` belong to this provider?"""
        return any(host_matches(known, host) for known in self.hosts)


def host_matches(known: str, host: str) -> bool:
    """``known`` is a host name (matching it and its subdomains) or a suffix starting with
    ``.`` or ``-`` (``-aiplatform.googleapis.com``: Vertex's regional hosts)."""
    host = host.lower().rstrip(".")
    if known[:1] in (".", "-"):
        return host.endswith(known)
    return host == known or host.endswith("." + known)


def by_status(
    status: int,
    cause: Cause,
    doc: str,
    sample: str,
    meaning: str,
    *,
    context: bool = True,
    **rest: Any,
) -> Documented:
    """A row read by the HTTP status alone. Every server answers with statuses, so by default
    it decides only where the provider is recognised (``context``)."""
    return Documented(
        str(status),
        cause,
        doc,
        sample,
        meaning,
        status=status,
        field="status",
        context=context,
        **rest,
    )


def gateway_page(status: int, cause: Cause, doc: str, sample: str, meaning: str) -> Documented:
    """A row for a gateway's own error page, read by its status: it decides only where the
    gateway is recognised, and the gateway is the party speaking."""
    return by_status(status, cause, doc, sample, meaning, origin=Origin.GATEWAY)


class GatewayPages(FrozenRecord):
    """A gateway's stock error pages: ``page(status, title)`` is the page as a client prints
    it, ``doc`` where the gateway documents them."""

    _fields = ("page", "doc")
    __slots__ = _fields

    page: Callable[[int, str], str]
    doc: str

    def __init__(
        self,
        page: Callable[[int, str], str],
        doc: str,
    ) -> None:
        _set(self, "page", page)
        _set(self, "doc", doc)

    def row(self, status: int, cause: Cause, title: str, meaning: str, doc: str = "") -> Documented:
        """The row for the page of ``status`` (titled ``title``)."""
        return gateway_page(status, cause, doc or self.doc, self.page(status, title), meaning)


def google_body(code: int, status: str, message: str, reason: str = "") -> str:
    """A google.rpc error body (Gemini API, Vertex AI), with an ErrorInfo ``reason``."""
    error: dict[str, object] = {"code": code, "message": message, "status": status}
    if reason:
        error["details"] = [
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": reason,
                "domain": "googleapis.com",
            }
        ]
    return json.dumps({"error": error}, ensure_ascii=False)
