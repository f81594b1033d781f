"""Tencent Hunyuan: Tencent Cloud API 3.0 bodies (``Response.Error.Code``), dotted codes."""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause, Layer

DOCS = "https://www.tencentcloud.com/document/api/1284/75543"


def _body(code: str, message: str) -> str:
    return (
        '{"Response": {"Error": {"Code": "'
        + code
        + '", "Message": "'
        + message
        + '"}, "RequestId": "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}}'
    )


def _row(
    code: str,
    cause: Cause,
    message: str,
    meaning: str,
    *,
    layer: Layer | None = None,
    context: bool = False,
) -> Documented:
    """A documented code. Tencent Cloud's common codes (``InternalError``, ``LimitExceeded``)
    are shared by every Tencent Cloud product and by other servers' words: ``context``."""
    sample = _body(code, message)
    if context:
        sample = "POST https://hunyuan.tencentcloudapi.com/ (ChatCompletions)\n" + sample
    return Documented(code, cause, DOCS, sample, meaning, layer=layer, context=context)


PROVIDER = Provider(
    id="hunyuan",
    name="Tencent Hunyuan",
    kind="cloud",
    hosts=("hunyuan.tencentcloudapi.com", "api.hunyuan.cloud.tencent.com"),
    protocols=("openai", "tencentcloud"),
    dialect="tencentcloud",
    openai_base="https://api.hunyuan.cloud.tencent.com/v1",
    words=("hunyuan", "混元"),
    docs=DOCS,
    errors=(
        # Identity (Tencent Cloud API signatures and CAM).
        _row(
            "AuthFailure.InvalidAuthorization",
            Cause.KEY_MALFORMED,
            "Authorization in the request header is invalid.",
            "The Authorization header is not in Tencent Cloud's form.",
        ),
        _row(
            "AuthFailure.InvalidSecretId",
            Cause.KEY_INVALID,
            "Invalid key (not a TencentCloud API key type).",
            "The SecretId is not a Tencent Cloud API key.",
        ),
        _row(
            "AuthFailure.SecretIdNotFound",
            Cause.KEY_INVALID,
            "The SecretId is not found, please ensure that your SecretId is correct.",
            "No such SecretId: deleted, disabled or mistyped (no spaces around it).",
        ),
        _row(
            "AuthFailure.SignatureFailure",
            Cause.KEY_INVALID,
            "The provided credentials could not be validated. Please check your signature is "
            "correct.",
            "The signature does not verify: a wrong SecretKey or a wrong signing process.",
        ),
        _row(
            "AuthFailure.SignatureExpire",
            Cause.KEY_MALFORMED,
            "Signature expired. Timestamp and server time cannot differ by more than five minutes.",
            "The request's timestamp is over five minutes off the server's time: the signature"
            " was built with a wrong clock; fix the local clock.",
        ),
        _row(
            "AuthFailure.TokenFailure",
            Cause.KEY_INVALID,
            "Token verification failed.",
            "The temporary credential's token is wrong.",
        ),
        _row(
            "AuthFailure.UnauthorizedOperation",
            Cause.PERMISSION_MODEL,
            "The request is not authorized. Please check the CAM documentation.",
            "The CAM user or role may not call this action.",
        ),
        _row(
            "FailedOperation.ServiceNotActivated",
            Cause.PERMISSION_MODEL,
            "The service is not activated. Go to the console to apply for a trial.",
            "Hunyuan is not activated for the account.",
        ),
        _row(
            "FailedOperation.UserUnAuthError",
            Cause.POLICY_BLOCK,
            "The user has not completed real-name verification.",
            "The account must complete real-name verification first.",
        ),
        _row(
            "FailedOperation.ServiceStop",
            Cause.UNKNOWN,
            "The user proactively stopped the service.",
            "The account's owner stopped the service in the console.",
            layer=Layer.IDENTITY,
        ),
        # Quota and billing.
        _row(
            "FailedOperation.ServiceStopArrears",
            Cause.INSUFFICIENT_BALANCE,
            "Service suspended due to overdue payments.",
            "The service is suspended for an overdue payment.",
        ),
        _row(
            "FailedOperation.FreeResourcePackExhausted",
            Cause.QUOTA_EXHAUSTED,
            "The remaining free resource package quota is exhausted. Purchase a resource pack "
            "or enable post-payment.",
            "The free resource pack is used up; buy a pack or enable pay-as-you-go.",
        ),
        _row(
            "FailedOperation.ResourcePackExhausted",
            Cause.QUOTA_EXHAUSTED,
            "The remaining resource package quota is exhausted. Purchase a resource pack or "
            "enable post-payment.",
            "The resource pack is used up; buy a pack or enable pay-as-you-go.",
        ),
        _row(
            "ResourceUnavailable.InArrears",
            Cause.INSUFFICIENT_BALANCE,
            "The account is in arrears.",
            "The account has an overdue balance.",
        ),
        _row(
            "ResourceUnavailable.LowBalance",
            Cause.INSUFFICIENT_BALANCE,
            "The account balance is insufficient.",
            "The account balance is too low.",
        ),
        _row(
            "ResourceInsufficient.ChargeResourceExhaust",
            Cause.QUOTA_EXHAUSTED,
            "The paid resources are exhausted.",
            "The purchased resources are used up.",
        ),
        # Rate limits.
        _row(
            "RequestLimitExceeded",
            Cause.RPM,
            "Your current request frequency has exceeded the limit.",
            "The request frequency limit of the API was exceeded.",
        ),
        _row(
            "RequestLimitExceeded.UinLimitExceeded",
            Cause.RPM,
            "The request frequency of the account has exceeded the limit.",
            "The account's request frequency limit was exceeded.",
        ),
        _row(
            "RequestLimitExceeded.IPLimitExceeded",
            Cause.RPM,
            "The request frequency of the IP has exceeded the limit.",
            "The request frequency limit for the caller's IP was exceeded.",
        ),
        _row(
            "LimitExceeded",
            Cause.UNKNOWN,
            "The quota limit is exceeded.",
            "A limit was exceeded (for Hunyuan, mostly its concurrency limit); the doc names none.",
            layer=Layer.RATE_LIMIT,
            context=True,
        ),
        # The request.
        _row(
            "InvalidParameterValue.Model",
            Cause.MODEL_NOT_FOUND,
            "The model does not exist.",
            "No such model.",
        ),
        _row(
            "InvalidParameter",
            Cause.INVALID_PARAMETER,
            "Parameter error: Messages is invalid.",
            "A parameter is wrong.",
            context=True,
        ),
        _row(
            "InvalidParameterValue",
            Cause.INVALID_PARAMETER,
            "Parameter value error: Temperature must be in [0, 2].",
            "A parameter's value is wrong.",
            context=True,
        ),
        _row(
            "MissingParameter",
            Cause.INVALID_PARAMETER,
            "The request is missing a required parameter Messages.",
            "A required parameter is missing.",
            context=True,
        ),
        _row(
            "UnsupportedRegion",
            Cause.ENDPOINT_MISMATCH,
            "The API does not support the region.",
            "The action is not offered in the region sent.",
        ),
        _row(
            "ActionOffline",
            Cause.ENDPOINT_MISMATCH,
            "This API has been deprecated.",
            "The action was retired; call its successor.",
        ),
        # The service.
        _row(
            "FailedOperation.EngineRequestTimeout",
            Cause.GATEWAY_TIMEOUT,
            "Request timeout at the engine layer. Try again later.",
            "The engine did not answer in time; retry later.",
        ),
        _row(
            "FailedOperation.EngineServerError",
            Cause.SERVER_ERROR,
            "Internal error at the engine layer. Try again later.",
            "An internal error in the engine; retry later.",
        ),
        _row(
            "FailedOperation.EngineServerLimitExceeded",
            Cause.OVERLOADED,
            "Request exceeds the limit at the engine layer. Try again later.",
            "The engine is at its capacity; retry later.",
        ),
        _row(
            "InternalError",
            Cause.SERVER_ERROR,
            "Internal error.",
            "An internal error; retry.",
            context=True,
        ),
    ),
)
