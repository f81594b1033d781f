"""xAI (Grok): OpenAI-compatible; gRPC-style code strings beside the message."""

from whichlayer.providers._base import Documented, Provider, StatusPage, by_status
from whichlayer.taxonomy import Cause

DOCS = "https://docs.x.ai/docs/key-information/debugging"

PROVIDER = Provider(
    id="xai",
    name="xAI",
    kind="provider",
    site="x.ai",
    hosts=("api.x.ai",),
    keys=("xai",),
    key_platform="xai",
    protocols=("openai", "anthropic"),
    openai_base="https://api.x.ai/v1",
    words=("x.ai", "xai", "grok"),
    model_families=(r"grok",),
    family_rank=7,
    docs=DOCS,
    status_page=StatusPage("https://status.x.ai", "html"),
    errors=(
        Documented(
            "Client specified an invalid argument",
            Cause.KEY_INVALID,
            DOCS,
            '{"code": "Client specified an invalid argument", "error": "Incorrect API key '
            'provided: xa***bc. You can obtain an API key from https://console.x.ai."}',
            "xAI answers a bad key with 400 and this code.",
            status=400,
            decides=False,
            why_not="The same code covers every invalid argument; the identity rules read "
            "the key wording.",
        ),
        Documented(
            "The caller does not have permission to execute the specified operation",
            Cause.INSUFFICIENT_BALANCE,
            DOCS,
            '{"code": "The caller does not have permission to execute the specified '
            'operation", "error": "Your newly created team doesn\'t have any credits yet. You '
            'can purchase credits on https://console.x.ai/team/abc."}',
            "A team without credits or licences is refused with 403.",
            status=403,
            decides=False,
            why_not="The same code covers blocked keys and models; the "
            "quota rules read the credits wording.",
        ),
        by_status(
            404,
            Cause.MODEL_NOT_FOUND,
            DOCS,
            '{"code": "Some requested entity was not found", "error": "The model grok-9 does '
            'not exist or your team abc does not have access to it."}',
            "The model does not exist or the team may not use it.",
            decides=False,
            why_not="The request rules read the model wording.",
            context=False,
        ),
    ),
)
