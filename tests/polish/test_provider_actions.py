"""Provider-aware first steps: where the provider is known, its own names and console lead."""

from __future__ import annotations

import whichlayer

AZURE = (
    '{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource '
    "does not exist. If you created the deployment within the last 5 minutes, please wait a "
    'moment and try again."}}'
)
OPENROUTER = (
    '{"error":{"message":"Provider returned error","code":429,"metadata":'
    '{"raw":"{\\"error\\":\\"slow down\\"}","provider_name":"DeepInfra"}}}'
)
BEDROCK = (
    "botocore.errorfactory.ThrottlingException: An error occurred (ThrottlingException) when "
    "calling the InvokeModel operation (reached max retries: 4): Too many requests, please "
    "wait before trying again."
)
VERTEX = (
    '{"error":{"code":429,"message":"Quota exceeded for aiplatform.googleapis.com/'
    "generate_content_requests_per_minute_per_project_per_base_model with base model: "
    'gemini-pro. Please submit a quota increase request.","status":"RESOURCE_EXHAUSTED"}}'
)
RELAY = 'HTTP 429 {"error":{"message":"当前分组上游负载已饱和，请稍后再试","type":"new_api_error"}}'
OPENAI_RPM = (
    'HTTP 429 {"error":{"message":"Rate limit reached for gpt-4o in organization org-x on '
    'requests per min (RPM): Limit 500, Used 500, Requested 1.","type":"requests",'
    '"code":"rate_limit_exceeded"}}'
)


def _actions(text: str) -> str:
    return "\n".join(whichlayer.explain(text).actions)


def test_azure_deployment_not_found_checks_the_deployment_name() -> None:
    steps = _actions(AZURE)
    assert "deployment name" in steps and "wait" in steps
    assert "GET /v1/models" not in steps


def test_openrouter_provider_error_reads_metadata_raw() -> None:
    steps = _actions(OPENROUTER)
    assert "metadata.raw" in steps and "metadata.provider_name" in steps
    assert "x-ratelimit" not in steps


def test_bedrock_throttling_names_bedrock_quotas() -> None:
    d = whichlayer.explain(BEDROCK)
    assert d.layer is not None and d.layer.value == "rate_limit"
    steps = "\n".join(d.actions)
    assert "Bedrock" in steps and "Service Quotas" in steps


def test_vertex_quota_points_at_the_vertex_quotas_page() -> None:
    steps = _actions(VERTEX)
    assert "Vertex AI quotas" in steps


def test_relay_points_at_its_dashboard_first_and_keeps_generic_steps() -> None:
    d = whichlayer.explain(RELAY)
    steps = "\n".join(d.actions)
    assert "relay's dashboard" in steps
    assert len(d.actions) >= 2


def test_a_known_first_party_provider_keeps_the_generic_steps() -> None:
    steps = _actions(OPENAI_RPM)
    assert "Slow down" in steps
    for word in ("Bedrock", "Vertex", "deployment", "metadata.raw", "dashboard"):
        assert word not in steps


def test_family_from_host_beats_words() -> None:
    from whichlayer.actions import provider_family

    assert provider_family(None, "my.openai.azure.com", "bedrock") == "azure"
    assert provider_family(None, None, "nothing here") is None
    # the family is the registry module whose first steps apply
    assert provider_family("litellm", None, "") == "litellm"
    assert provider_family("new-api", None, "") == "newapi"
    assert provider_family(None, "bedrock-runtime.us-east-1.amazonaws.com", "") == "bedrock"
