"""Azure OpenAI (and Azure AI Foundry's OpenAI-compatible endpoints)."""

from whichlayer.providers._base import Documented, FirstSteps, Provider, StatusPage
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://learn.microsoft.com/en-us/azure/ai-services/openai/reference"
FILTER = "https://learn.microsoft.com/en-us/azure/ai-services/openai/concepts/content-filter"
QUOTA = "https://learn.microsoft.com/en-us/azure/ai-services/openai/how-to/quota"

PROVIDER = Provider(
    id="azure",
    name="Azure OpenAI",
    kind="cloud",
    hosts=(".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com"),
    keys=("azure-key",),
    key_platform="azure",
    accepts=("secret",),
    protocols=("openai", "azure"),
    dialect="azure",
    words=("azure", "deploymentnotfound"),
    aliases=("azure_openai",),
    hop_headers=(("apim-request-id", "", "Azure API Management answered or passed the call"),),
    first_steps=(
        FirstSteps(
            ("model_not_found", "endpoint_mismatch"),
            (
                "Check the deployment name in the URL (`/openai/deployments/<name>/`) or the "
                "`model` your SDK sends: Azure wants the deployment name you chose, not the "
                "model id.",
                "If you created the deployment in the last few minutes, wait about 5 minutes "
                "and retry: new deployments take a while to become callable.",
                "List the resource's deployments in Azure AI Foundry (Deployments) and copy the "
                "exact name.",
            ),
        ),
    ),
    docs=DOCS,
    status_page=StatusPage(
        "https://azure.status.microsoft/en-us/status",
        "rss",
        "https://azure.status.microsoft/en-us/status/feed/",
        api_words=("openai", "ai foundry", "ai services", "cognitive"),
    ),
    errors=(
        Documented(
            "DeploymentNotFound",
            Cause.MODEL_NOT_FOUND,
            DOCS,
            '{"error": {"code": "DeploymentNotFound", "message": "The API deployment for this '
            "resource does not exist. If you created the deployment within the last 5 minutes, "
            'please wait a moment and try again."}}',
            "No deployment of that name on this resource (the model field is the deployment).",
            status=404,
        ),
        Documented(
            "content_filter",
            Cause.CONTENT_FILTER,
            FILTER,
            '{"error": {"message": "The response was filtered due to the prompt triggering '
            'Azure OpenAI\'s content management policy.", "type": null, "param": "prompt", '
            '"code": "content_filter", "status": 400, "innererror": {"code": '
            '"ResponsibleAIPolicyViolation"}}}',
            "The prompt or completion was blocked by the content filter.",
            status=400,
        ),
        Documented(
            "OperationNotSupported",
            Cause.ENDPOINT_MISMATCH,
            DOCS,
            '{"error": {"code": "OperationNotSupported", "message": "The chatCompletion '
            "operation does not work with the specified model, text-embedding-ada-002. Please "
            'choose different model and try again."}}',
            "The deployment's model does not offer this operation (chat against an embedding "
            "model, ...).",
            status=400,
        ),
        Documented(
            "401",
            Cause.KEY_INVALID,
            DOCS,
            '{"error": {"code": "401", "message": "Access denied due to invalid subscription '
            "key or wrong API endpoint. Make sure to provide a valid key for an active "
            'subscription and use a correct regional API endpoint for your resource."}}',
            "The key does not belong to this resource, or the endpoint is another region's.",
            status=401,
            decides=False,
            why_not="A bare status as code: the identity rules read the wording.",
        ),
        Documented(
            "429",
            Cause.TPM,
            "https://learn.microsoft.com/en-us/azure/ai-services/openai/quotas-limits",
            '{"error": {"code": "429", "message": "Requests to the ChatCompletions_Create '
            "Operation under Azure OpenAI API version 2024-02-01 have exceeded token rate limit "
            'of your current OpenAI S0 pricing tier. Please retry after 6 seconds."}}',
            "The deployment's tokens- or requests-per-minute quota was exceeded.",
            status=429,
            decides=False,
            why_not="A bare status as code: the rate-limit rules read which "
            "limit from the message.",
        ),
        Documented(
            "PermissionDenied",
            Cause.PERMISSION_MODEL,
            DOCS,
            "POST https://my-res.openai.azure.com/openai/deployments/gpt-4o/chat/completions"
            "?api-version=2024-10-21\nError code: 403 - {'error': {'code': 'PermissionDenied', "
            "'message': 'Principal does not have access to API/Operation.'}}",
            "The Entra ID principal has no role that allows the operation (e.g. Cognitive "
            "Services OpenAI User).",
            status=403,
            context=True,
        ),
        Documented(
            "AuthenticationTypeDisabled",
            Cause.POLICY_BLOCK,
            DOCS,
            "POST https://my-res.openai.azure.com/openai/deployments/gpt-4o/chat/completions"
            "?api-version=2024-10-21\nError code: 403 - {'error': {'code': "
            "'AuthenticationTypeDisabled', 'message': 'Key based authentication is disabled "
            "for this resource.'}}",
            "The resource refuses API keys (local auth disabled); use a Microsoft Entra ID token.",
            status=403,
        ),
        Documented(
            "InvalidAuthenticationToken",
            Cause.KEY_INVALID,
            DOCS,
            "POST https://my-res.openai.azure.com/openai/deployments/gpt-4o/chat/completions"
            "?api-version=2024-10-21\nError code: 401 - {'error': {'code': "
            "'InvalidAuthenticationToken', 'message': 'The access token is invalid.'}}",
            "The Entra ID bearer token is not valid for the resource.",
            status=401,
        ),
        Documented(
            "ExpiredAuthenticationToken",
            Cause.KEY_EXPIRED,
            DOCS,
            "POST https://my-res.openai.azure.com/openai/deployments/gpt-4o/chat/completions"
            "?api-version=2024-10-21\nError code: 401 - {'error': {'code': "
            "'ExpiredAuthenticationToken', 'message': 'The access token expiry UTC time "
            "1/1/2025 10:00:00 AM is earlier than current UTC time 1/1/2025 11:00:00 AM.'}}",
            "The Entra ID bearer token has expired; get a new one.",
            status=401,
        ),
        Documented(
            "RateLimitReached",
            Cause.UNKNOWN,
            QUOTA,
            "POST https://my-res.openai.azure.com/openai/deployments/gpt-4o/chat/completions"
            "?api-version=2024-10-21\nError code: 429 - {'error': {'code': 'RateLimitReached', "
            "'message': 'Your requests to gpt-4o for gpt-4o in East US have exceeded the call "
            "rate limit for your current OpenAI S0 pricing tier. Please retry after 6 "
            "seconds.'}}",
            "The deployment's tokens-per-minute or requests-per-minute quota was exceeded.",
            status=429,
            decides=False,
            why_not="The code covers the call-rate and token-rate limits; the rate-limit "
            "rules read which from the message.",
            layer=Layer.RATE_LIMIT,
        ),
    ),
)
