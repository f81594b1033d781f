"""The vocabulary of a diagnosis (docs/taxonomy.md as code).

Ids are stable: a cause may be added, an existing id is never renamed.
"""

from __future__ import annotations

from enum import StrEnum


class Layer(StrEnum):
    IDENTITY = "identity"
    QUOTA = "quota"
    RATE_LIMIT = "rate_limit"
    REQUEST = "request"
    NETWORK = "network"
    UPSTREAM = "upstream"


class Cause(StrEnum):
    # identity
    KEY_MISSING = "key_missing"
    KEY_MALFORMED = "key_malformed"
    KEY_INVALID = "key_invalid"
    KEY_EXPIRED = "key_expired"
    KEY_WRONG_PLATFORM = "key_wrong_platform"
    ORG_MISMATCH = "org_mismatch"
    UPSTREAM_KEY_INVALID = "upstream_key_invalid"
    PERMISSION_MODEL = "permission_model"
    PERMISSION_REGION = "permission_region"
    POLICY_BLOCK = "policy_block"
    # quota
    INSUFFICIENT_BALANCE = "insufficient_balance"
    QUOTA_EXHAUSTED = "quota_exhausted"
    BILLING_CAP = "billing_cap"
    PLAN_LIMIT = "plan_limit"
    # rate_limit
    RPM = "rpm"
    TPM = "tpm"
    CONCURRENCY = "concurrency"
    QUEUE = "queue"
    GATEWAY_LIMIT = "gateway_limit"
    # request
    ENDPOINT_MISMATCH = "endpoint_mismatch"
    MODEL_NOT_FOUND = "model_not_found"
    INVALID_PARAMETER = "invalid_parameter"
    CONTEXT_LENGTH = "context_length"
    REQUEST_TOO_LARGE = "request_too_large"
    TOOL_SCHEMA = "tool_schema"
    MALFORMED_BODY = "malformed_body"
    CONTENT_FILTER = "content_filter"
    # network
    DNS = "dns"
    CONNECT_REFUSED = "connect_refused"
    CONNECT_TIMEOUT = "connect_timeout"
    TLS_VERIFY = "tls_verify"
    TLS_HANDSHAKE = "tls_handshake"
    PROXY = "proxy"
    READ_TIMEOUT = "read_timeout"
    CONNECTION_RESET = "connection_reset"
    # upstream
    SERVER_ERROR = "server_error"
    BAD_GATEWAY = "bad_gateway"
    UNAVAILABLE = "unavailable"
    OVERLOADED = "overloaded"
    GATEWAY_TIMEOUT = "gateway_timeout"
    RELAY_UPSTREAM_ERROR = "relay_upstream_error"
    # any layer
    UNKNOWN = "unknown"


class Origin(StrEnum):
    CLIENT = "client"
    PROXY = "proxy"
    GATEWAY = "gateway"
    RELAY = "relay"
    UPSTREAM = "upstream"
    UNKNOWN = "unknown"


class Retry(StrEnum):
    NEVER = "never"
    BACKOFF = "backoff"
    LIMITED = "limited"
    CAREFUL = "careful"


_L = Layer
_C = Cause

#: The layer each cause belongs to (``unknown`` belongs to every layer).
CAUSE_LAYER: dict[Cause, Layer] = {
    **dict.fromkeys(
        (
            _C.KEY_MISSING,
            _C.KEY_MALFORMED,
            _C.KEY_INVALID,
            _C.KEY_EXPIRED,
            _C.KEY_WRONG_PLATFORM,
            _C.ORG_MISMATCH,
            _C.UPSTREAM_KEY_INVALID,
            _C.PERMISSION_MODEL,
            _C.PERMISSION_REGION,
            _C.POLICY_BLOCK,
        ),
        _L.IDENTITY,
    ),
    **dict.fromkeys(
        (_C.INSUFFICIENT_BALANCE, _C.QUOTA_EXHAUSTED, _C.BILLING_CAP, _C.PLAN_LIMIT),
        _L.QUOTA,
    ),
    **dict.fromkeys((_C.RPM, _C.TPM, _C.CONCURRENCY, _C.QUEUE, _C.GATEWAY_LIMIT), _L.RATE_LIMIT),
    **dict.fromkeys(
        (
            _C.ENDPOINT_MISMATCH,
            _C.MODEL_NOT_FOUND,
            _C.INVALID_PARAMETER,
            _C.CONTEXT_LENGTH,
            _C.REQUEST_TOO_LARGE,
            _C.TOOL_SCHEMA,
            _C.MALFORMED_BODY,
            _C.CONTENT_FILTER,
        ),
        _L.REQUEST,
    ),
    **dict.fromkeys(
        (
            _C.DNS,
            _C.CONNECT_REFUSED,
            _C.CONNECT_TIMEOUT,
            _C.TLS_VERIFY,
            _C.TLS_HANDSHAKE,
            _C.PROXY,
            _C.READ_TIMEOUT,
            _C.CONNECTION_RESET,
        ),
        _L.NETWORK,
    ),
    **dict.fromkeys(
        (
            _C.SERVER_ERROR,
            _C.BAD_GATEWAY,
            _C.UNAVAILABLE,
            _C.OVERLOADED,
            _C.GATEWAY_TIMEOUT,
            _C.RELAY_UPSTREAM_ERROR,
        ),
        _L.UPSTREAM,
    ),
}


def layer_of(cause: Cause) -> Layer | None:
    """The layer a cause belongs to; ``None`` for ``unknown``."""
    return CAUSE_LAYER.get(cause)


#: The retry class a cause implies when nothing more specific is known.
DEFAULT_RETRY: dict[Layer, Retry] = {
    Layer.IDENTITY: Retry.NEVER,
    Layer.QUOTA: Retry.NEVER,
    Layer.RATE_LIMIT: Retry.BACKOFF,
    Layer.REQUEST: Retry.NEVER,
    Layer.NETWORK: Retry.LIMITED,
    Layer.UPSTREAM: Retry.LIMITED,
}
