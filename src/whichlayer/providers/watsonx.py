"""IBM watsonx.ai (and the IBM Cloud IAM token service its clients sign in through).

Its API answers ``{"errors":[{"code":..., "message":...}], "trace":..., "status_code":...}``;
the IAM token service answers ``{"errorCode":"BXNIM...", "errorMessage":...}``.
"""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause

DOCS = "https://cloud.ibm.com/apidocs/watsonx-ai"
#: IBM Cloud's page on 401s from its AI services (expired token, wrong key, wrong method).
AUTH = "https://cloud.ibm.com/docs/watson?topic=watson-authorization-error"


def _body(code: str, message: str, status: int) -> str:
    return (
        '{"errors":[{"code":"' + code + '","message":"' + message + '","more_info":'
        '"https://cloud.ibm.com/apidocs/watsonx-ai"}],"trace":"0f1e2d3c","status_code":'
        + str(status)
        + "}"
    )


PROVIDER = Provider(
    id="watsonx",
    name="IBM watsonx.ai",
    kind="cloud",
    site="cloud.ibm.com",
    hosts=(".ml.cloud.ibm.com", "iam.cloud.ibm.com"),
    protocols=("watsonx",),
    words=("watsonx",),
    docs=DOCS,
    errors=(
        Documented(
            "authentication_no_token",
            Cause.KEY_MISSING,
            DOCS,
            "ibm_watsonx_ai.wml_client_error.WMLClientError: "
            + _body(
                "authentication_no_token",
                "Failed to authenticate the request due to no Bearer token in the request header",
                401,
            ),
            "No bearer token came with the request (the IAM token was never fetched or not"
            " attached).",
            status=401,
        ),
        Documented(
            "authentication_token_expired",
            Cause.KEY_EXPIRED,
            DOCS,
            "litellm.AuthenticationError: watsonxException - "
            + _body(
                "authentication_token_expired",
                "Failed to authenticate the request due to an expired token",
                401,
            ),
            "The IAM bearer token expired (it lives an hour); fetch a new one from the API key.",
            status=401,
        ),
        Documented(
            "container_not_found",
            Cause.ORG_MISMATCH,
            DOCS,
            "watsonxException - "
            + _body(
                "container_not_found",
                "Failed to find space_id 7d2c0000-aaaa-bbbb-cccc-000000000000",
                404,
            ),
            "The project_id or space_id names no project or deployment space this credential"
            " can reach (a wrong id, or another account's).",
            status=404,
        ),
        Documented(
            "provided api key could not be found",
            Cause.KEY_INVALID,
            AUTH,
            "InvalidCredentialsError: Attempt of authenticating connection to service failed,"
            ' please validate your credentials. Error: {"errorCode":"BXNIM0415E",'
            '"errorMessage":"Provided API key could not be found"}',
            "IBM Cloud IAM has no such API key (BXNIM0415E): wrong, deleted or another"
            " account's key.",
            status=400,
            field="phrase",
        ),
        Documented(
            "account because it is blocked",
            Cause.POLICY_BLOCK,
            AUTH,
            "InvalidCredentialsError: Attempt of authenticating connection to service failed,"
            ' please validate your credentials. Error: {"errorCode":"BXNIM0434E",'
            '"errorMessage":"Cannot log in to the account because it is blocked."}',
            "IBM Cloud IAM refuses to sign in to a blocked account (BXNIM0434E).",
            status=400,
            field="phrase",
        ),
    ),
)
