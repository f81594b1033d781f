"""ElevenLabs (text to speech, voices, speech to text): ``{"detail": {"status": "...",
"message": "..."}}`` bodies.

ElevenLabs names each failure in ``detail.status``, a snake_case word, and documents them
by HTTP status: 400/401 (the character limit, the key, the voice, the quota) and 429 (the
plan's concurrency, or its own load). Read as phrases; the common ones (``quota_exceeded``)
decide only where ElevenLabs is recognised (its hosts, its site, its name).
"""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause

DOCS = "https://help.elevenlabs.io/hc/en-us/articles/19572237925521"
DOCS_429 = "https://help.elevenlabs.io/hc/en-us/articles/19571824571921"
_URL = "POST https://api.elevenlabs.io/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM\n"


def _row(status: int, word: str, cause: Cause, message: str, meaning: str) -> Documented:
    sample = (
        f"{_URL}status_code: {status}, body: "
        f'{{"detail": {{"status": "{word}", "message": "{message}"}}}}'
    )
    return Documented(
        word,
        cause,
        DOCS_429 if status == 429 else DOCS,
        sample,
        meaning,
        status=status,
        field="phrase",
        context=True,
    )


PROVIDER = Provider(
    id="elevenlabs",
    name="ElevenLabs",
    kind="cloud",
    site="elevenlabs.io",
    hosts=("api.elevenlabs.io", "api.us.elevenlabs.io", "api.eu.residency.elevenlabs.io"),
    protocols=("http", "websocket"),
    words=("elevenlabs", "11labs", "eleven labs", "xi-api-key"),
    docs=DOCS,
    errors=(
        _row(
            401,
            "invalid_api_key",
            Cause.KEY_INVALID,
            "Invalid API key",
            "The key is not set right: sent in the xi-api-key header, exactly as issued.",
        ),
        _row(
            401,
            "quota_exceeded",
            Cause.QUOTA_EXHAUSTED,
            "This request exceeds your quota. You have 10 credits remaining.",
            "Not enough quota (credits) left for the request: buy credits or enable usage"
            " based billing.",
        ),
        _row(
            400,
            "voice_not_found",
            Cause.INVALID_PARAMETER,
            "A voice with the voice_id was not found.",
            "The voice_id names no voice of this account.",
        ),
        _row(
            400,
            "max_character_limit_exceeded",
            Cause.REQUEST_TOO_LARGE,
            "This request's text has 12000 characters and exceeds the character limit.",
            "The text is longer than the model's characters per request.",
        ),
        _row(
            429,
            "too_many_concurrent_requests",
            Cause.CONCURRENCY,
            "Too many concurrent requests.",
            "More requests run at once than the plan's concurrency allows: queue them.",
        ),
        _row(
            429,
            "system_busy",
            Cause.OVERLOADED,
            "Our services are experiencing high traffic.",
            "ElevenLabs' services are under heavy load; retrying usually succeeds.",
        ),
        _row(
            401,
            "detected_unusual_activity",
            Cause.POLICY_BLOCK,
            "Unusual activity detected. Free Tier usage disabled.",
            "The free tier was switched off for this account or network as abuse (a VPN or"
            " proxy, several free accounts): a paid plan lifts it.",
        ),
    ),
)
