"""LiteLLM proxy: a relay with its own keys, budgets and routing in front of deployments."""

from whichlayer.providers._base import RELAY_DASHBOARD, Documented, Provider
from whichlayer.taxonomy import Cause, Layer, Origin

DOCS = "https://docs.litellm.ai/docs/proxy/virtual_keys"
EXC = "https://docs.litellm.ai/docs/exception_mapping"
#: The proxy's own error types (``ProxyErrorTypes``) and limit messages.
TYPES = "https://github.com/BerriAI/litellm/blob/main/litellm/proxy/_types.py"


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
        Documented(
            "expired_key",
            Cause.KEY_EXPIRED,
            TYPES,
            "Error code: 401 - "
            + _body(
                "expired_key",
                "Authentication Error - Expired Key. Key Expiry time 2025-01-01 00:00:00 and "
                "current time 2025-02-01 00:00:00",
                "400",
            ),
            "The proxy's virtual key has passed its expiry time.",
            status=401,
            field="type",
            origin=Origin.RELAY,
        ),
        Documented(
            "team_model_access_denied",
            Cause.PERMISSION_MODEL,
            TYPES,
            "Error code: 401 - "
            + _body(
                "team_model_access_denied",
                "team not allowed to access model. This team can only access "
                "models=['gpt-4o']. Tried to access gpt-5",
                "401",
            ),
            "The key's team may not use this model on the proxy.",
            status=401,
            field="type",
            origin=Origin.RELAY,
        ),
        Documented(
            "user_model_access_denied",
            Cause.PERMISSION_MODEL,
            TYPES,
            "Error code: 401 - "
            + _body(
                "user_model_access_denied",
                "user not allowed to access model. This user can only access "
                "models=['gpt-4o']. Tried to access gpt-5",
                "401",
            ),
            "The key's user may not use this model on the proxy.",
            status=401,
            field="type",
            origin=Origin.RELAY,
        ),
        Documented(
            "org_model_access_denied",
            Cause.PERMISSION_MODEL,
            TYPES,
            "Error code: 401 - "
            + _body(
                "org_model_access_denied",
                "organization not allowed to access model. This organization can only access "
                "models=['gpt-4o']. Tried to access gpt-5",
                "401",
            ),
            "The key's organization may not use this model on the proxy.",
            status=401,
            field="type",
            origin=Origin.RELAY,
        ),
        Documented(
            "no_db_connection",
            Cause.UNAVAILABLE,
            TYPES,
            "Error code: 400 - " + _body("no_db_connection", "No connected db.", "400"),
            "The proxy cannot reach its own database, so it cannot check virtual keys; the "
            "proxy's operator must fix it.",
            status=400,
            field="type",
            origin=Origin.RELAY,
        ),
        Documented(
            "auth_error",
            Cause.UNKNOWN,
            TYPES,
            "Error code: 401 - "
            + _body("auth_error", "Authentication Error, No api key passed in.", "401"),
            "A general authentication error at the proxy (no key, a malformed header, an "
            "invalid key).",
            status=401,
            field="type",
            decides=False,
            why_not="It covers missing, malformed and wrong keys; the identity rules read "
            "which from the message.",
            layer=Layer.IDENTITY,
        ),
        Documented(
            "Crossed TPM / RPM / Max Parallel Request Limit",
            Cause.GATEWAY_LIMIT,
            TYPES,
            "Error code: 429 - "
            + _body(
                "None",
                "Max parallel request limit reached. Hit limit for api_key: abc. tpm_limit: "
                "100, current_tpm 120, rpm_limit: 10 current_rpm: 3. Crossed TPM / RPM / Max "
                "Parallel Request Limit",
                "429",
            ),
            "A limit the proxy sets on the key, user or team (TPM, RPM or parallel "
            "requests) was crossed; the provider was not asked.",
            status=429,
            field="phrase",
            origin=Origin.RELAY,
        ),
        Documented(
            "litellm.ContextWindowExceededError",
            Cause.CONTEXT_LENGTH,
            EXC,
            "litellm.exceptions.ContextWindowExceededError: litellm.ContextWindowExceededError: "
            "litellm.BadRequestError: OpenAIException - Input tokens exceed the configured "
            "limit of 272000 tokens.",
            "LiteLLM maps the provider's context-length errors to this exception (a 400).",
            status=400,
            field="phrase",
        ),
        Documented(
            "litellm.ContentPolicyViolationError",
            Cause.CONTENT_FILTER,
            EXC,
            "litellm.exceptions.ContentPolicyViolationError: "
            "litellm.ContentPolicyViolationError: AzureException - The response was filtered "
            "due to the prompt triggering Azure OpenAI's content management policy.",
            "LiteLLM maps the provider's content-policy refusals to this exception (a 400).",
            status=400,
            field="phrase",
        ),
        Documented(
            "litellm.UnsupportedParamsError",
            Cause.INVALID_PARAMETER,
            EXC,
            "litellm.exceptions.UnsupportedParamsError: litellm.UnsupportedParamsError: openai "
            "does not support parameters: ['reasoning_effort'], for model=gpt-4o. To drop "
            "these, set `litellm.drop_params=True` or for proxy:",
            "LiteLLM refuses a parameter the provider or model does not take (drop_params "
            "drops it instead).",
            status=400,
            field="phrase",
        ),
    ),
)
