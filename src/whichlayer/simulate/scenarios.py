"""The scenario catalogue: every fault the simulator can produce, per dialect.

A scenario id is a TAXONOMY cause id, optionally with a variant after a colon
(``bad_gateway:nginx``, ``tpm:request_too_large``). The same id means the same
cause in every dialect; each dialect words it its own way.
"""

from __future__ import annotations

from dataclasses import dataclass

from whichlayer.taxonomy import Cause, layer_of

DIALECTS = ("openai", "anthropic", "gemini", "azure", "relay")
RELAY_FLAVORS = ("new-api", "one-api", "openrouter", "litellm")

#: What each cause looks like from the client's side, in one line.
SUMMARY = {
    "key_missing": "no credential sent",
    "key_invalid": "the key is not recognised",
    "key_expired": "the key is revoked / deactivated",
    "key_wrong_platform": "a key of another platform (use sim.keys of another dialect)",
    "org_mismatch": "the organization header does not match the key",
    "upstream_key_invalid": "the relay's own key towards its upstream is rejected",
    "permission_model": "the key may not use this model",
    "permission_region": "the caller's country or region is not served",
    "insufficient_balance": "no credit left",
    "quota_exhausted": "plan / project / daily quota used up",
    "billing_cap": "a spend limit set by the account was reached",
    "rpm": "requests-per-minute limit",
    "tpm": "tokens-per-minute limit",
    "concurrency": "too many requests in flight",
    "gateway_limit": "the relay's own rate limit",
    "model_not_found": "unknown model (or no route for it at a relay)",
    "endpoint_mismatch": "wrong path or base URL (e.g. /v1 missing)",
    "invalid_parameter": "an unknown or out-of-range parameter",
    "context_length": "prompt (+ max tokens) over the context window",
    "request_too_large": "body over the size limit",
    "tool_schema": "an invalid tool / function schema",
    "malformed_body": "the body is not valid JSON",
    "content_filter": "the prompt was refused by a content filter",
    "server_error": "a generic 500",
    "bad_gateway": "502 from a hop in front of the API",
    "unavailable": "503: the service or channel is down",
    "overloaded": "capacity: 529 / 503 overloaded",
    "gateway_timeout": "504 / 524 from a hop that gave up waiting",
    "relay_upstream_error": "the relay says its upstream failed, no detail",
    "connection_reset": "the connection is reset before any answer",
    "read_timeout": "the server stalls after reading the request",
    "tls_verify": "TLS with a certificate the client does not trust",
}

VARIANT_SUMMARY = {
    "tpm:request_too_large": "one request larger than the whole TPM limit",
    "invalid_parameter:max_tokens": "max_tokens above the model's output limit",
    "overloaded:mid_stream": "a 200 stream that ends in an overloaded_error event",
    "connection_reset:mid_stream": "the answer starts, then the connection closes mid-body",
    "read_timeout:slow_first_byte": "the first byte comes late (slow_s), then a normal answer",
    "tls_verify:wrong_host": "a trusted CA, but the certificate names another host",
    "quota_exhausted:token": "the relay token's own quota is used up",
}

#: Transport scenarios every dialect can produce.
TRANSPORT = (
    "connection_reset",
    "connection_reset:mid_stream",
    "read_timeout",
    "read_timeout:slow_first_byte",
)
#: Server-level: chosen with ``tls=``; the server switches to TLS for these.
TLS = {"tls_verify": "untrusted", "tls_verify:wrong_host": "wrong_host"}
#: HTML pages from a gateway in front of any dialect.
PAGES = (
    "bad_gateway:nginx",
    "bad_gateway:cloudflare",
    "bad_gateway:cloudflare_520",
    "unavailable:nginx_503",
    "unavailable:cloudflare_521",
    "bad_gateway:cloudflare_523",
    "gateway_timeout:nginx_504",
    "gateway_timeout:cloudflare_522",
    "gateway_timeout:cloudflare_524",
)


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str
    cause: str
    variant: str
    layer: str
    kind: str  # http | transport | tls
    summary: str

    @property
    def dialect_free(self) -> bool:
        return self.kind != "http" or self.variant.startswith(("nginx", "cloudflare"))


def split(scenario_id: str) -> tuple[str, str]:
    cause, _, variant = scenario_id.partition(":")
    return cause, variant


def make(scenario_id: str, kind: str = "http") -> Scenario:
    cause, variant = split(scenario_id)
    layer = layer_of(Cause(cause))
    summary = VARIANT_SUMMARY.get(scenario_id) or SUMMARY.get(cause, cause)
    if variant.startswith(("nginx", "cloudflare")):
        summary = f"{summary} ({variant.replace('_', ' ')} HTML page)"
    return Scenario(scenario_id, cause, variant, str(layer), kind, summary)


def for_dialect(dialect: str) -> list[Scenario]:
    """Every scenario one dialect can produce, in a stable order."""
    ids = _http_ids(dialect)
    out = [make(i) for i in ids]
    out += [make(i) for i in PAGES]
    out += [make(i, "transport") for i in TRANSPORT]
    out += [make(i, "tls") for i in TLS]
    return out


def lookup(dialect: str, scenario_id: str) -> Scenario:
    """The scenario, or ValueError naming the valid ids."""
    for scenario in for_dialect(dialect):
        if scenario.id == scenario_id:
            return scenario
    raise ValueError(
        f"unknown scenario {scenario_id!r} for dialect {dialect} (see: whichlayer simulate --list)"
    )


def known(dialect: str, scenario_id: str) -> bool:
    return any(s.id == scenario_id for s in for_dialect(dialect))


def _http_ids(dialect: str) -> list[str]:
    base, _, flavor = dialect.partition(":")
    if base == "relay":
        from whichlayer.simulate.wording import relay

        return relay.scenario_ids(flavor or "new-api")
    module = _wording(base)
    ids = list(module.BODIES) + list(module.PAGES) + list(getattr(module, "GOOGLE_PAGES", ()))
    extra = {
        "openai": ["tpm:request_too_large", "invalid_parameter:max_tokens"],
        "anthropic": ["invalid_parameter:max_tokens", "overloaded:mid_stream"],
        "azure": ["invalid_parameter:max_tokens"],
    }
    return ids + extra.get(base, [])


def _wording(base: str):  # type: ignore[no-untyped-def]
    import importlib

    if base not in ("openai", "anthropic", "gemini", "azure"):
        raise ValueError(f"unknown dialect {base!r}; one of {', '.join(DIALECTS)}")
    return importlib.import_module(f"whichlayer.simulate.wording.{base}")
