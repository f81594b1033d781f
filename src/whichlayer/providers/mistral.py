"""Mistral AI (La Plateforme)."""

from whichlayer.providers._base import Documented, Provider, StatusPage, by_status
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://docs.mistral.ai/api/"
GLOSSARY = "https://docs.mistral.ai/resources/error-glossary"

PROVIDER = Provider(
    id="mistral",
    name="Mistral AI",
    kind="provider",
    hosts=("api.mistral.ai", "codestral.mistral.ai"),
    protocols=("openai",),
    openai_base="https://api.mistral.ai/v1",
    dialect="mistral",
    words=("mistral",),
    model_families=(r"mistral|mixtral|codestral|ministral|pixtral",),
    family_rank=4,
    docs=DOCS,
    status_page=StatusPage(
        "https://status.mistral.ai", "instatus", "https://status.mistral.ai/summary.json"
    ),
    errors=(
        Documented(
            "invalid_model",
            Cause.MODEL_NOT_FOUND,
            DOCS,
            '{"object": "error", "message": "Invalid model: mistral-huge", "type": '
            '"invalid_model", "param": null, "code": "1500"}',
            "The model name is not one Mistral serves.",
            status=400,
            field="type",
        ),
        by_status(
            401,
            Cause.KEY_INVALID,
            DOCS,
            "POST https://api.mistral.ai/v1/chat/completions\nError code: 401 - "
            '{"message": "Unauthorized", "request_id": "8f3c2a"}',
            "The key is missing or not valid.",
        ),
        by_status(
            429,
            Cause.RPM,
            DOCS,
            'Error code: 429 - {"message": "Requests rate limit exceeded"}',
            "A workspace rate limit was exceeded.",
            decides=False,
            why_not="The message says requests or tokens; the rate-limit rules read it.",
            context=False,
        ),
        Documented(
            "service_tier_capacity_exceeded",
            Cause.OVERLOADED,
            GLOSSARY,
            "mistralai.models.sdkerror.SDKError: API error occurred: Status 429\n"
            '{"object":"error","message":"Service tier capacity exceeded for this model.",'
            '"type":"service_tier_capacity_exceeded","param":null,"code":"3505"}',
            "The model's capacity for the workspace's service tier is full (not the "
            "workspace's own rate limit); retry later or use another model.",
            status=429,
            field="type",
        ),
        Documented(
            "rate_limited",
            Cause.UNKNOWN,
            GLOSSARY,
            "mistralai.models.sdkerror.SDKError: API error occurred: Status 429\n"
            '{"object":"error","message":"Rate limit exceeded","type":"rate_limited",'
            '"param":null,"code":"1300"}',
            "429 Too Many Requests: a workspace limit (requests per second or tokens per "
            "minute) was exceeded; the type does not say which.",
            status=429,
            field="type",
            decides=False,
            why_not="The type does not name the limit; the rate-limit rules read the message.",
            layer=Layer.RATE_LIMIT,
        ),
        Documented(
            "invalid_request_message_order",
            Cause.MALFORMED_BODY,
            GLOSSARY,
            "mistralai.models.sdkerror.SDKError: API error occurred: Status 400\n"
            '{"object":"error","message":"Unexpected role \'user\' after role \'tool\'",'
            '"type":"invalid_request_message_order","param":null,"code":"3230"}',
            "The roles of the messages are in an order Mistral does not take.",
            status=400,
            field="type",
        ),
        by_status(
            402,
            Cause.UNKNOWN,
            GLOSSARY,
            "mistralai.models.sdkerror.SDKError: API error occurred: Status 402\n"
            '{"object":"error","message":"Payment required","type":"invalid_request_error",'
            '"param":null,"code":null}',
            "402 Payment required: a billing condition of the organization blocks the "
            "request: the prepaid credits are used up, the organization's or workspace's "
            "monthly spending limit is reached, the included usage is used up without "
            "pay-as-you-go, or an invoice payment failed. The status does not say which; "
            "Admin Panel > Subscriptions > Billing shows it.",
            layer=Layer.QUOTA,
        ),
        by_status(
            422,
            Cause.INVALID_PARAMETER,
            GLOSSARY,
            "mistralai.models.httpvalidationerror.HTTPValidationError: API error occurred: "
            "Status 422\nPOST https://api.mistral.ai/v1/chat/completions",
            "422 Validation error: the JSON is well formed but a field's value is not "
            "accepted (a wrong type, a value outside its enum, an array too long, or a field "
            "the endpoint does not take); the detail names the field.",
        ),
        by_status(
            403,
            Cause.PERMISSION_MODEL,
            GLOSSARY,
            "mistralai.models.sdkerror.SDKError: API error occurred: Status 403\n"
            '{"object":"error","message":"Forbidden","type":"invalid_request_error",'
            '"param":null,"code":null}',
            "403 Forbidden: the model is not available on the subscription tier, or "
            "workspace permissions refuse it.",
        ),
        by_status(
            500,
            Cause.SERVER_ERROR,
            GLOSSARY,
            "mistralai.models.sdkerror.SDKError: API error occurred: Status 500\n"
            '{"object":"error","message":"Internal server error","type":"internal_server_error",'
            '"param":null,"code":"1000"}',
            "500 Internal server error on Mistral's side; retry with backoff.",
        ),
        by_status(
            502,
            Cause.BAD_GATEWAY,
            GLOSSARY,
            "mistralai.models.sdkerror.SDKError: API error occurred: Status 502\n"
            "<html><head><title>502 Bad Gateway</title></head></html>",
            "502 Bad gateway inside Mistral's serving path; retry with backoff.",
        ),
        by_status(
            503,
            Cause.UNAVAILABLE,
            GLOSSARY,
            "mistralai.models.sdkerror.SDKError: API error occurred: Status 503\n"
            '{"object":"error","message":"Service unavailable","type":"internal_server_error",'
            '"param":null,"code":"1000"}',
            "503 Service unavailable (maintenance or outage); retry with backoff.",
        ),
        by_status(
            504,
            Cause.GATEWAY_TIMEOUT,
            GLOSSARY,
            "mistralai.models.sdkerror.SDKError: API error occurred: Status 504\n"
            "upstream request timeout",
            "504 Gateway timeout: the model did not answer in time; retry with backoff.",
        ),
    ),
)
