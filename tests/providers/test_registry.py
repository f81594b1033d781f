"""The provider registry: every module is well formed, every catalogue row is checked by its
sample, and the generated index is current."""

from __future__ import annotations

import re

import pytest

import whichlayer
from whichlayer.dialects import DIALECTS
from whichlayer.providers import KINDS, all_providers, by_host, by_id, module_names, module_of
from whichlayer.providers._base import FIELDS
from whichlayer.providers._index import load, render
from whichlayer.redact.detectors import DETECTORS
from whichlayer.rules import BY_ID
from whichlayer.rules.catalogue import all_rules, provider_rules
from whichlayer.rules.view import View
from whichlayer.taxonomy import Cause, Layer

PROVIDERS = all_providers()
ROWS = [(p, row) for p in PROVIDERS for row in p.errors]
_URL = re.compile(r"https://[\w.-]+\.[a-z]{2,}(/\S*)?")


def test_at_least_35_providers_relays_and_gateways():
    assert len(PROVIDERS) >= 35
    assert {"relay", "gateway", "server", "provider", "cloud"} <= {p.kind for p in PROVIDERS}


@pytest.mark.parametrize("provider", PROVIDERS, ids=lambda p: p.id)
def test_provider_is_well_formed(provider):
    assert re.fullmatch(r"[a-z][a-z0-9-]*", provider.id)
    assert provider.kind in KINDS
    assert _URL.fullmatch(provider.docs), provider.docs
    detector_ids = {d.id for d in DETECTORS}
    assert set(provider.keys) <= detector_ids, set(provider.keys) - detector_ids
    if provider.dialect is not None:
        assert provider.dialect in {d.NAME for d in DIALECTS}
    if provider.status_page is not None:
        assert _URL.fullmatch(provider.status_page.url)
        assert provider.status_page.format
        assert provider.status_page.api is None or _URL.fullmatch(provider.status_page.api)
    for word in provider.words:
        assert word == word.lower() and len(word.strip()) >= (3 if word.isascii() else 2), word
    for host in provider.hosts:
        assert by_host(host.lstrip(".") if not host.startswith(".") else "x" + host) is not None
    if provider.kind in ("relay", "gateway"):
        assert provider.owner, "a relay or gateway says which party owns a failure it reports"


@pytest.mark.parametrize("provider", PROVIDERS, ids=lambda p: p.id)
def test_every_provider_module_has_samples(provider):
    assert provider.errors, "adding a provider is one file plus its samples"
    assert all(row.sample.strip() for row in provider.errors)


def test_ids_and_modules_are_unique():
    ids = [p.id for p in PROVIDERS]
    assert len(ids) == len(set(ids)) == len(module_names())
    for provider in PROVIDERS:
        assert by_id(provider.id) is provider


@pytest.mark.parametrize(("provider", "row"), ROWS, ids=lambda x: getattr(x, "code", "")[:40])
def test_catalogue_row_is_checked_by_its_sample(provider, row):
    assert row.field in FIELDS
    assert _URL.fullmatch(row.doc), row.doc
    assert row.meaning.endswith(".")
    d = whichlayer.explain(row.sample)
    rule_id = f"catalogue.{provider.id}.{row.code}"
    if row.decides:
        assert row.field != "status" or row.context, "a status decides only with context"
        # The row's rule fires on its own sample, and the diagnosis reaches its conclusion
        # (an engine rule of higher priority may win with the same conclusion).
        rule = next(r for r in provider_rules(module_of(provider.id)) if r.id == rule_id)
        assert rule.match(View(whichlayer.to_evidence(row.sample))) is not None
        assert (d.layer, d.cause) == (row.layer, row.cause), [f.rule for f in d.facts]
        if row.origin is not None and d.facts[0].rule == rule_id:
            assert d.origin is row.origin
    else:
        # Documented only: a reason is stated, and the engine's own rules still reach the
        # documented layer (and cause, where the row names one) on the sample.
        assert row.why_not.endswith("."), rule_id
        assert rule_id not in [f.rule for f in d.facts]
        assert d.layer == row.layer, (d.layer, d.cause, [f.rule for f in d.facts])
        if row.cause.value != "unknown":
            assert d.cause == row.cause, (d.cause, [f.rule for f in d.facts])


def test_catalogue_rules_have_well_formed_ids_unknown_to_the_engine_rules():
    for rule in all_rules():
        assert rule.id.startswith("catalogue.")
        assert rule.id not in BY_ID
        assert rule.statement.endswith(".")


def test_generated_index_is_current():
    assert load() == __import__("json").loads(render()), (
        "run: python -m whichlayer.providers._index"
    )


def test_context_rows_need_the_provider_recognised():
    # A shared code (Zhipu's 1113) fires only where Zhipu is recognised (here by its host).
    rule = next(r for r in provider_rules("zhipu") if r.id == "catalogue.zhipu.1113")
    bare = '{"error": {"code": "1113", "message": "余额不足或无可用资源包,请充值。"}}'
    url = "POST https://open.bigmodel.cn/api/paas/v4/chat/completions\n"
    assert rule.match(View(whichlayer.to_evidence(url + bare))) is not None
    assert rule.match(View(whichlayer.to_evidence(bare))) is None


def test_a_documented_code_decides_where_the_engine_had_no_rule():
    d = whichlayer.explain('{"base_resp": {"status_code": 1039, "status_msg": "token limit"}}')
    assert (d.layer, d.cause) == (Layer.RATE_LIMIT, Cause.TPM)
    assert d.facts[0].rule == "catalogue.minimax.1039"
    assert d.facts[0].used["documented"].startswith("https://platform.minimax.io/")


def test_rules_command_explains_a_catalogue_rule(capsys):
    from whichlayer.cli import main

    assert main(["rules", "catalogue.dashscope.AllocationQuota.FreeTierOnly"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("catalogue.dashscope.AllocationQuota.FreeTierOnly  ->  quota/")
    assert "free tier" in out


@pytest.mark.parametrize("provider", PROVIDERS, ids=lambda p: p.id)
def test_check_and_report_know_every_providers_hosts(provider):
    from whichlayer.check.hosts import host_platform
    from whichlayer.report.signs import is_first_party

    for host in provider.hosts:
        concrete = host if host[0] not in ".-" else "example" + host
        owner = by_host(concrete)
        assert owner is not None
        if owner is provider:
            assert host_platform(concrete) == provider.platform
            assert is_first_party(concrete) is (provider.kind in ("provider", "cloud"))


def test_echoed_foreign_key_prefixes_come_from_the_registry_and_the_redactor():
    from whichlayer.rules.identity import _foreign_prefixes

    prefixes = {prefix: platform for prefix, platform, _site in _foreign_prefixes()}
    assert prefixes["sk-ant-"] == "anthropic" and prefixes["gsk_"] == "groq"
    assert prefixes["nvapi-"] == "nvidia"  # a prefix the redactor has no detector for
    assert "sk-" not in prefixes and not any(p.startswith("sk-proj") for p in prefixes)
    d = whichlayer.explain(
        "Error code: 401 - {'error': {'message': 'Incorrect API key provided: gsk_abcd***wxyz. "
        "You can find your API key at https://platform.openai.com/account/api-keys.', "
        "'type': 'invalid_request_error', 'code': 'invalid_api_key'}}"
    )
    assert (d.layer, d.cause) == (Layer.IDENTITY, Cause.KEY_WRONG_PLATFORM)
