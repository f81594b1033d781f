"""The readers of the registry: the redactor's masks, check's key prefixes, the actions'
first steps and the default base URLs take their provider facts from ``providers/`` and
state none of their own."""

from __future__ import annotations

import pytest

import whichlayer
from whichlayer.actions import provider_family, provider_steps
from whichlayer.check.hosts import platform_findings
from whichlayer.check.keys import key_platform, shape_findings
from whichlayer.providers import all_providers, api_base, module_of
from whichlayer.providers._index import DETECTOR, load
from whichlayer.redact import redact_text
from whichlayer.redact.detectors import DETECTORS, REGISTRY
from whichlayer.taxonomy import Cause, Layer

PROVIDERS = all_providers()
_CLAIMED = {
    detector: provider
    for provider in PROVIDERS
    if provider.key_platform
    for detector in provider.keys
}
_VALUES = {c.value for c in Cause} | {layer.value for layer in Layer}


def test_a_detector_names_a_platform_or_the_registry_does_never_both():
    for d in DETECTORS:
        if d.id in _CLAIMED:
            assert d.own_platform == REGISTRY, f"{d.id}: the registry names its platform"
            assert d.platform == _CLAIMED[d.id].key_platform
        else:
            assert d.own_platform, f"{d.id}: no provider claims it, so it names its own"


def test_one_platform_per_detector_in_the_registry():
    seen: dict[str, str] = {}
    for provider in PROVIDERS:
        for detector in provider.keys if provider.key_platform else ():
            assert seen.setdefault(detector, provider.key_platform) == provider.key_platform
    assert load()[DETECTOR] == {d: [p] for d, p in sorted(seen.items())}


def test_the_mask_names_the_registry_platform():
    detector = next(d for d in DETECTORS if d.id == "groq")
    text, secret = detector.examples[0]
    masked = redact_text(text)
    assert secret not in masked and "[groq key gsk_" in masked


@pytest.mark.parametrize(
    ("detector", "provider"),
    [
        (d, _CLAIMED[d.id])
        for d in DETECTORS
        if d.id in _CLAIMED and d.prefix not in ("", "sk-") and d.examples
    ],
    ids=lambda x: getattr(x, "id", ""),
)
def test_check_knows_every_registry_key_prefix(detector, provider):
    """Each provider's key (its detector's own sample) is named by check as the registry says,
    cut short it is a truncated key of that platform, and sent to another platform's host it is
    a wrong-platform key."""
    secret = detector.examples[0][1]
    kinds = [kind for prefix, kind in provider.key_kinds if secret.startswith(prefix)]
    expected = kinds[0] if kinds else provider.key_platform
    assert key_platform(secret) == expected
    assert key_platform(secret + "\n") == expected
    short = {f.id for f in shape_findings(secret[: len(detector.prefix) + 4], "env: K")}
    assert "K-TRUNCATED" in short
    other = "api.openai.com" if provider.key_platform != "openai" else "api.anthropic.com"
    assert [f.id for f in platform_findings(secret, "env: K", other)] == ["K-WRONG-PLATFORM"]


def test_check_names_key_prefixes_the_redactor_has_no_detector_for():
    nvidia = next(p for p in PROVIDERS if p.id == "nvidia")
    assert nvidia.key_prefixes
    assert key_platform(nvidia.key_prefixes[0] + "x" * 40) == "nvidia"


def test_oauth_tokens_are_a_key_kind_the_anthropic_hosts_take():
    token = "sk-ant-oat01-" + "a1" * 40
    assert key_platform(token) == "anthropic-oauth"
    assert platform_findings(token, "env: K", "api.anthropic.com") == []
    assert platform_findings(token, "env: K", "api.openai.com")[0].id == "K-WRONG-PLATFORM"


@pytest.mark.parametrize("provider", [p for p in PROVIDERS if p.first_steps], ids=lambda p: p.id)
def test_first_steps_are_well_formed_and_the_provider_is_recognised(provider):
    for row in provider.first_steps:
        assert set(row.when) <= _VALUES, set(row.when) - _VALUES
        assert row.steps and (row.when or row.phrases)
        assert all(p == p.lower() for p in row.phrases)
    module = module_of(provider.id)
    if provider.dialect:
        assert provider_family(provider.dialect, None, "") == module
    for host in provider.hosts:
        concrete = host if host[0] not in ".-" else "x" + host
        assert provider_family(None, concrete, "") == module


def test_first_steps_replace_or_lead_the_generic_steps():
    steps, replace = provider_steps("bedrock", Layer.RATE_LIMIT, Cause.RPM, "")
    assert replace and "Service Quotas" in steps[0]
    steps, replace = provider_steps("newapi", Layer.QUOTA, Cause.INSUFFICIENT_BALANCE, "")
    assert not replace and "relay's dashboard" in steps[0]
    assert provider_steps("azure", Layer.RATE_LIMIT, Cause.RPM, "") == ((), False)
    # a relay's name alone (LiteLLM used as a library) is not its answer
    assert provider_family(None, None, "litellm.RateLimitError: openai said 429") is None


def test_default_base_urls_come_from_the_registry():
    from whichlayer.check.clients import sdk
    from whichlayer.proxy._upstream import OFFICIAL

    openai = next(p for p in PROVIDERS if p.id == "openai")
    assert sdk.OPENAI_DEFAULT == openai.openai_base == api_base("openai")
    assert OFFICIAL["openai"] + "/v1" == openai.openai_base
    assert api_base("bedrock", "eu-west-1") == "https://bedrock-runtime.eu-west-1.amazonaws.com"
    assert api_base("vertex", "global").startswith("https://aiplatform.")
    assert api_base("vertex", "us-east5").startswith("https://us-east5-aiplatform.")
    gemini = next(p for p in PROVIDERS if p.id == "gemini")
    assert api_base("gemini") == "https://" + gemini.hosts[0]


def test_explain_names_the_registry_platform_of_a_key_it_quotes():
    d = whichlayer.explain(
        "Error code: 401 - {'error': {'message': 'Incorrect API key provided: gsk_abcd***wxyz. "
        "You can find your API key at https://platform.openai.com/account/api-keys.', "
        "'type': 'invalid_request_error', 'code': 'invalid_api_key'}}"
    )
    assert d.cause is Cause.KEY_WRONG_PLATFORM
