"""SDKs' printed errors: the documented code they print is read into the body field its
dialect reads, and the provider's catalogue row decides by that field."""

from __future__ import annotations

import pytest

import whichlayer
from whichlayer.evidence import ErrorBody

RID = "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"


def _bodies(text: object) -> list[ErrorBody]:
    return whichlayer.to_evidence(text).bodies


def _rule(text: object) -> str:
    facts = whichlayer.explain(text).facts
    assert facts, "no rule fired"
    return facts[0].rule


# --- botocore ----------------------------------------------------------------------------

BOTOCORE = [
    # (printed, code, the catalogue row that decides, layer/cause)
    (
        "botocore.exceptions.ClientError: An error occurred (UnrecognizedClientException) "
        "when calling the InvokeModel operation: The security token included in the request "
        "is invalid.",
        "UnrecognizedClientException",
        "catalogue.bedrock.UnrecognizedClientException",
        ("identity", "key_invalid"),
    ),
    (
        "An error occurred (ResourceNotFoundException) when calling the Converse operation: "
        "Model not found.",
        "ResourceNotFoundException",
        "catalogue.bedrock.ResourceNotFoundException",
        ("request", "model_not_found"),
    ),
    (
        # retried, and wrapped by a terminal
        "botocore.errorfactory.ModelTimeoutException: An error occurred "
        "(ModelTimeoutException) when calling the\nInvokeModel operation (reached max\n"
        "retries: 4): Model has timed out in processing the request.",
        "ModelTimeoutException",
        "catalogue.bedrock.ModelTimeoutException",
        ("upstream", "gateway_timeout"),
    ),
    (
        "raise error_class(parsed_response, operation_name)\nbotocore.errorfactory."
        "ModelErrorException: An error occurred (ModelErrorException) when calling the "
        "InvokeModel operation: The system encountered an unexpected error during processing.",
        "ModelErrorException",
        "catalogue.bedrock.ModelErrorException",
        ("upstream", "server_error"),
    ),
    (
        "An error occurred (ExpiredTokenException) when calling the InvokeModel operation: "
        "The security token included in the request is expired",
        "ExpiredTokenException",
        "catalogue.bedrock.ExpiredTokenException",
        ("identity", "key_expired"),
    ),
]


@pytest.mark.parametrize(("text", "code", "rule", "conclusion"), BOTOCORE)
def test_botocore_printed_code_is_the_body_type(text, code, rule, conclusion):
    first = _bodies(text)[0]
    assert (first.dialect, first.type, first.code) == ("bedrock", code, code)
    assert first.message and "An error occurred" not in first.message
    d = whichlayer.explain(text)
    assert d.facts[0].rule == rule
    assert (str(d.layer), str(d.cause)) == conclusion


def test_botocore_reads_the_last_of_several_calls():
    text = (
        "Error listing models: An error occurred (InternalServerException) when calling the "
        "ListFoundationModels operation (reached max retries: 4): The system encountered an "
        "unexpected error.\nError listing models: An error occurred (ResourceNotFoundException)"
        " when calling the InvokeModel operation: Model not found."
    )
    assert [b.type for b in _bodies(text)] == ["ResourceNotFoundException"]


def test_botocore_numeric_code_is_a_status_not_a_type():
    # botocore names a bodiless reply's error by its status (HEAD requests)
    text = "An error occurred (403) when calling the HeadObject operation: Forbidden"
    body = _bodies(text)[0]
    assert (body.type, body.code, body.status) == (None, "403", 403)
    assert whichlayer.to_evidence(text).status == 403


@pytest.mark.parametrize(
    "text",
    [
        "An error occurred (see the log) while calling the model",
        "An error occurred (500) in the app",
        "an error occurred (ThrottlingException) when calling the Converse operation: x",
    ],
)
def test_not_botocore(text):
    assert not [b for b in _bodies(text) if b.dialect == "bedrock"]


def test_real_botocore_client_error_gives_type_and_status():
    exceptions = pytest.importorskip("botocore.exceptions")
    exc = exceptions.ClientError(
        {
            "Error": {
                "Code": "ResourceNotFoundException",
                "Message": "Could not resolve the foundation model from the provided model "
                "identifier.",
            },
            "ResponseMetadata": {"RequestId": RID, "HTTPStatusCode": 404},
        },
        "InvokeModel",
    )
    ev = whichlayer.to_evidence(exc)
    assert (ev.status, ev.status_source) == (404, "exception")
    assert ev.bodies[0].type == "ResourceNotFoundException"
    assert _rule(exc) == "catalogue.bedrock.ResourceNotFoundException"


def test_botocore_response_dict_is_read():
    text = str(
        {
            "Error": {"Message": "Your request exceeds the service quota.", "Code": "X"},
            "ResponseMetadata": {"RequestId": RID, "HTTPStatusCode": 400},
        }
    )
    body = _bodies(text)[0]
    assert (body.dialect, body.type, body.status) == ("bedrock", "X", 400)


def test_aws_js_v3_metadata_gives_name_and_status():
    text = (
        "ValidationException: Input is too long for requested model.\n"
        '{"name": "ValidationException", "$fault": "client", "$metadata": '
        '{"httpStatusCode": 400, "requestId": "16fb0962", "attempts": 1}}'
    )
    ev = whichlayer.to_evidence(text)
    assert ev.status == 400
    assert (ev.bodies[0].dialect, ev.bodies[0].type) == ("bedrock", "ValidationException")


# --- Tencent Cloud -----------------------------------------------------------------------

TENCENT = [
    # Python SDK's __str__
    "[TencentCloudSDKException] code:AuthFailure.SecretIdNotFound message:The SecretId is "
    f"not found, please ensure that your SecretId is correct. requestId:{RID}",
    # Go SDK's Error(), with and without the comma before RequestId
    "[TencentCloudSDKError] Code=AuthFailure.SecretIdNotFound, Message=The SecretId is not "
    f"found., RequestId={RID}",
    "[TencentCloudSDKError] Code=AuthFailure.SecretIdNotFound, Message=The SecretId is not "
    f"found. RequestId={RID}",
    # Node SDK's message, one field a line
    "TencentCloudSDKHttpException: [TencentCloudSDKException]\nCode: "
    "AuthFailure.SecretIdNotFound\nMessage: The SecretId is not found.\n"
    f"RequestId: {RID}",
    # Java SDK's toString
    "com.tencentcloudapi.common.exception.TencentCloudSDKException: [TencentCloudSDKException]"
    "code: AuthFailure.SecretIdNotFound message:The SecretId is not found. "
    f"requestId:{RID}",
]


@pytest.mark.parametrize("text", TENCENT)
def test_tencent_printed_code_is_the_body_code(text):
    body = _bodies(text)[0]
    assert (body.dialect, body.code) == ("tencentcloud", "AuthFailure.SecretIdNotFound")
    assert body.message and body.message.startswith("The SecretId is not found")
    assert RID not in body.message
    assert _rule(text) == "catalogue.hunyuan.AuthFailure.SecretIdNotFound"


def test_tencent_body_format_recognises_hunyuan_for_shared_codes():
    # LimitExceeded is every Tencent Cloud product's: it decides only where Hunyuan is
    # recognised, here by its body format (printed by the SDK or sent as JSON)
    for text in (
        '{"Response": {"Error": {"Code": "LimitExceeded", "Message": "The quota limit is '
        f'exceeded."}}, "RequestId": "{RID}"}}}}',
        "[TencentCloudSDKException] code:LimitExceeded message:The quota limit is exceeded. "
        f"requestId:{RID}",
    ):
        assert _bodies(text)[0].dialect == "tencentcloud"
        assert _rule(text) == "catalogue.hunyuan.LimitExceeded"
    # the same code in another body format does not name Hunyuan
    assert _rule('{"error": {"code": "LimitExceeded", "message": "x"}}') != (
        "catalogue.hunyuan.LimitExceeded"
    )


def test_tencent_form_without_code_gives_no_body():
    text = f"[TencentCloudSDKException]message:Network error.  requestId:{RID}"
    assert not [b for b in _bodies(text) if b.dialect == "tencentcloud"]


# --- azure-core ----------------------------------------------------------------------------


def test_azure_core_odata_error_is_read():
    text = (
        "azure.core.exceptions.ResourceNotFoundError: (DeploymentNotFound) The API deployment "
        "for this resource does not exist.\nCode: DeploymentNotFound\nMessage: The API "
        "deployment for this resource does not exist."
    )
    body = _bodies(text)[0]
    assert (body.dialect, body.code) == ("azure", "DeploymentNotFound")
    assert body.message == "The API deployment for this resource does not exist."
    assert _rule(text) == "catalogue.azure.DeploymentNotFound"


def test_azure_core_inside_a_json_string():
    text = (
        '{"error": "Agent run failed: (DeploymentNotFound) The API deployment for this '
        'resource does not exist.\\nCode: DeploymentNotFound\\nMessage: The API deployment."}'
    )
    assert "DeploymentNotFound" in [b.code for b in _bodies(text)]


def test_azure_code_lines_need_the_same_code_in_parentheses():
    text = "(Timeout) the job stopped\nCode: DeploymentNotFound\nMessage: x"
    assert not [b for b in _bodies(text) if b.code == "DeploymentNotFound"]


# --- TGI ---------------------------------------------------------------------------------


def test_tgi_error_type_is_the_body_type():
    text = (
        "openai.APIStatusError: Error code: 424 - {'error': 'Request failed during generation: "
        "Server error: CUDA out of memory.', 'error_type': 'generation'}"
    )
    body = _bodies(text)[0]
    assert (body.dialect, body.type) == ("tgi", "generation")
    assert _rule(text) == "catalogue.tgi.request failed during generation"


# --- statuses printed where the parser did not look ------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            'org.springframework.ai.retry.NonTransientAiException: 401 - {"error": {"message": '
            '"Invalid API Key", "type": "invalid_request_error", "code": "invalid_api_key"}}',
            401,
        ),
        (
            "org.springframework.ai.retry.TransientAiException: 503 - upstream connect error or "
            "disconnect/reset before headers. reset reason: overflow",
            503,
        ),
        ("ERROR: Error in OpenRouter API call (Attempt 1/3): 400 Provider returned error", 400),
        ("ERROR: Error in OpenRouter API call (Attempt 1/3): 400 Provider\n   returned error", 400),
        ("Request failed (attempt 2 of 5): 429 Too Many Requests", 429),
        ("LLM call failed (attempt 3/3): 500 status code (no body)", 500),
    ],
)
def test_printed_status_is_read(text, status):
    ev = whichlayer.to_evidence(text)
    assert (ev.status, ev.status_source) == (status, "text")


@pytest.mark.parametrize(
    "text",
    [
        "Retrying in 8s... (Attempt 4/20)",
        "(attempt 1/3): 500 apples were counted",
        "Step (attempt 1/3): 404",
    ],
)
def test_not_a_printed_status(text):
    assert whichlayer.to_evidence(text).status is None


def test_spring_ai_status_decides_with_the_body():
    text = (
        'org.springframework.ai.retry.NonTransientAiException: 404 - {"error": {"message": '
        '"The model `gpt-5x` does not exist or you do not have access to it.", "type": '
        '"invalid_request_error", "code": "model_not_found"}}'
    )
    d = whichlayer.explain(text)
    assert (str(d.layer), str(d.cause)) == ("request", "model_not_found")
    assert whichlayer.to_evidence(text).status == 404


# --- Google's Go SDK -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status_text"),
    [
        (
            "Error: reading streaming LLM response: Error 429, Message: You exceeded your "
            "current quota, please check your plan and billing details., Status: "
            "RESOURCE_EXHAUSTED, Details: []",
            "RESOURCE_EXHAUSTED",
        ),
        (
            "Vertex AI API error: Error 400, Message: The GenerateContentRequest proto is "
            "invalid:\n  * contents[87].parts[0].function_response.name: "
            "[REQUIRED_FIELD_MISSING], Status: INVALID_ARGUMENT, Details: []",
            "INVALID_ARGUMENT",
        ),
        # a relay's copy with the status left empty
        ("Invalid param: Error 400, Message: The input is too long., Status: , Details: []", None),
    ],
)
def test_genai_go_error_is_a_google_body(text, status_text):
    body = _bodies(text)[0]
    assert body.status == int(text.split("Error ", 2)[-1][:3])
    assert body.status_text == status_text
    assert body.message and "Status:" not in body.message


def test_botocore_form_quoted_in_a_relay_body_keeps_its_message_only():
    text = (
        '{"error": {"message": "An error occurred (ThrottlingException) when calling the '
        'Converse operation: Too many tokens, please wait.", "type": "upstream_error"}}'
    )
    body = _bodies(text)[0]
    assert (body.type, body.message) == ("ThrottlingException", "Too many tokens, please wait.")


# --- the AWS SDK for JavaScript v3, as Node prints it ------------------------------------

NODE_INSPECT = """ValidationException: The provided model identifier is invalid.
    at de_ValidationExceptionRes (/app/node_modules/@aws-sdk/client-bedrock-runtime/index.js:9:1)
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5) {
  '$fault': 'client',
  '$metadata': {
    httpStatusCode: 400,
    requestId: 'a0f3c2d1-5b6e-4f7a-8c9d-0e1f2a3b4c5d',
    extendedRequestId: undefined,
    cfId: undefined,
    attempts: 1,
    totalRetryDelay: 0
  }
}"""

FIELD_LIST = """message: Too many tokens, please wait before trying again.
name: ThrottlingException
$fault: client
$metadata: {"httpStatusCode":429,"requestId":"158a2e26","attempts":3,"totalRetryDelay":274}"""


@pytest.mark.parametrize(
    ("text", "name", "status", "message"),
    [
        (
            NODE_INSPECT,
            "ValidationException",
            400,
            "The provided model identifier is invalid.",
        ),
        (
            FIELD_LIST,
            "ThrottlingException",
            429,
            "Too many tokens, please wait before trying again.",
        ),
    ],
)
def test_aws_js_printed_exception_gives_name_and_status(text, name, status, message):
    ev = whichlayer.to_evidence(text)
    body = ev.bodies[0]
    assert (body.dialect, body.type, body.status, body.message) == (
        "bedrock",
        name,
        status,
        message,
    )
    assert ev.status == status


def test_aws_js_read_once_when_its_json_was_read():
    text = (
        '{"name": "ThrottlingException", "$fault": "client", "$metadata": {"httpStatusCode": 429}}'
    )
    assert [b.type for b in _bodies(text)] == ["ThrottlingException"]


def test_aws_js_success_metadata_is_no_error():
    text = "output: {'$metadata': {httpStatusCode: 200, requestId: 'x'}, name: 'Converse'}"
    assert not [b for b in _bodies(text) if b.dialect == "bedrock"]
    assert whichlayer.to_evidence(text).status is None


# --- google-api-core's GoogleAPICallError --------------------------------------------------

# ``'{} {}'.format(self.code, self.message)`` then the list of details, each proto printed in
# its text format (a Help's links first, then the ErrorInfo)
API_CORE_CONSUMER = (
    "google.api_core.exceptions.PermissionDenied: 403 Permission denied on resource project "
    '[acme-dev-77]. [links {\n  description: "Google developers console"\n  url: '
    '"https://console.developers.google.com/"\n}\n, reason: "CONSUMER_INVALID"\ndomain: '
    '"googleapis.com"\nmetadata {\n  key: "service"\n  value: "aiplatform.googleapis.com"\n}\n'
    'metadata {\n  key: "consumer"\n  value: "projects/acme-dev-77"\n}\n]'
)


@pytest.mark.parametrize(
    ("text", "reason", "status", "rule", "conclusion"),
    [
        (
            API_CORE_CONSUMER,
            "CONSUMER_INVALID",
            403,
            "catalogue.vertex.CONSUMER_INVALID",
            ("identity", "org_mismatch"),
        ),
        (
            # gRPC's repr on one line, the line breaks escaped inside a JSON string
            '{"detail": "PermissionDenied: 403 This API method requires billing to be enabled. '
            '[reason: \\"BILLING_DISABLED\\"\\ndomain: \\"googleapis.com\\"\\nmetadata {\\n  '
            'key: \\"consumer\\"\\n  value: \\"projects/42\\"\\n}\\n]"}',
            "BILLING_DISABLED",
            403,
            "catalogue.vertex.BILLING_DISABLED",
            ("quota", "billing_cap"),
        ),
        (
            "Unauthenticated: 401 Request had invalid authentication credentials. "
            '[reason: "ACCESS_TOKEN_EXPIRED"\ndomain: "googleapis.com"\n]',
            "ACCESS_TOKEN_EXPIRED",
            401,
            "catalogue.vertex.ACCESS_TOKEN_EXPIRED",
            ("identity", "key_expired"),
        ),
    ],
)
def test_api_core_error_info_reason_decides(text, reason, status, rule, conclusion):
    ev = whichlayer.to_evidence(text)
    google = [b for b in ev.bodies if b.dialect == "google"]
    assert google and reason in google[0].reasons and google[0].status == status
    d = whichlayer.explain(text)
    assert (d.facts[0].rule, (str(d.layer), str(d.cause))) == (rule, conclusion)


def test_api_core_metadata_is_read():
    body = next(b for b in _bodies(API_CORE_CONSUMER) if b.dialect == "google")
    assert "consumer=projects/acme-dev-77" in body.reasons
    assert body.message == "Permission denied on resource project [acme-dev-77]."


@pytest.mark.parametrize(
    "text",
    [
        # no status leads it: not api-core's form
        'log: reason: "CONSUMER_INVALID"\ndomain: "googleapis.com"',
        # a JSON body with the reason is read by the dialect, not again here
        '{"error": {"code": 403, "message": "m", "status": "PERMISSION_DENIED", "details": '
        '[{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "SERVICE_DISABLED", '
        '"domain": "googleapis.com"}]}} 403 again [reason: "CONSUMER_INVALID"\ndomain: "x.com"\n]',
    ],
)
def test_not_api_core(text):
    reasons = [r for b in _bodies(text) for r in b.reasons]
    assert "CONSUMER_INVALID" not in reasons
