"""LiteLLM proxy: a relay with its own keys, budgets and routing in front of deployments."""

from whichlayer.providers._base import RELAY_DASHBOARD, Documented, Provider
from whichlayer.taxonomy import Cause, Origin

DOCS = "https://docs.litellm.ai/docs/proxy/virtual_keys"
EXC = "https://docs.litellm.ai/docs/exception_mapping"


def _body(type_: str, message: str, code: str) -> str:
    return (
        '{"error": {"message": "' + message + '", "type": "' + type_ + '", "param": '
        'null, "code": "' + code + '"}}'
    )


PROVIDER = Provider(
    id="litellm",
    name="LiteLLM proxy",
    kind="relay",
    hosts=(),
    keys=("relay-token",),
    protocols=("openai", "anthropic"),
    dialect="litellm",
    words=("litellm",),
    hop_headers=(
        ("x-litellm-call-id", "", "a LiteLLM proxy (relay) handled the call"),
        ("x-litellm-model-id", "", "a LiteLLM proxy (relay) handled the call"),
    ),
    first_steps=(RELAY_DASHBOARD,),
    docs=EXC,
    owner="Virtual keys, budgets and model access are the proxy's own; 'litellm.<Error>: "
    "... model group ... failed' reports the failure of its upstream deployment.",
    errors=(
        Documented(
            "token_not_found_in_db",
            Cause.KEY_INVALID,
            DOCS,
            "Error code: 401 - "
            + _body(
                "token_not_found_in_db",
                "Authentication Error, "
                "Invalid proxy server token passed. Received API "
                "Key = sk-...abcd",
                "401",
            ),
            "The virtual key the caller sent is not known to the proxy.",
            status=401,
            field="type",
            origin=Origin.RELAY,
        ),
        Documented(
            "budget_exceeded",
            Cause.BILLING_CAP,
            DOCS,
            "Error code: 400 - "
            + _body(
                "budget_exceeded",
                "Budget has been exceeded! Current cost: 10.2, Max budget: 10.0",
                "400",
            ),
            "The key's, user's or team's budget on the proxy is spent.",
            status=400,
            field="type",
            origin=Origin.RELAY,
        ),
        Documented(
            "key_model_access_denied",
            Cause.PERMISSION_MODEL,
            DOCS,
            "Error code: 401 - "
            + _body(
                "key_model_access_denied",
                "key not allowed to "
                "access model. This key can only access "
                "models=['gpt-4o']. Tried to access gpt-5",
                "401",
            ),
            "The virtual key may not use this model.",
            status=401,
            field="type",
            origin=Origin.RELAY,
        ),
    ),
)
