"""What may be said of a secret: enough to compare two reports, never enough to use it.

The hash is an HMAC keyed with a secret that never leaves the machine, so a
reader of a report cannot test guesses against it (a plain hash of a short
key or password could be brute-forced). The key, in order:

1. ``WHICHLAYER_REDACT_KEY`` (any string): set the same value on several
   machines, or in CI, to compare fingerprints across them;
2. a random 32-byte key kept in ``$XDG_CONFIG_HOME/whichlayer/redact.key``
   (``~/.config/whichlayer/redact.key``), created on first use with mode 0600;
3. if that file cannot be read or written, a random key for this process only
   (fingerprints then compare within one run).
"""

from __future__ import annotations

import os
import time
from functools import lru_cache

from whichlayer._record import FrozenRecord, _set

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

# hashlib, hmac, secrets and pathlib load on first use: most runs mask no secret, and
# every command's start-up time counts.

#: Hex digits of the keyed hash shown: 32 bits tell keys apart, and are useless without the key.
HASH_HEX_DIGITS = 8
#: Below this length the last four characters would give away too much of the secret.
MIN_LENGTH_FOR_LAST4 = 20
#: Environment variable that overrides the fingerprint key.
KEY_ENV = "WHICHLAYER_REDACT_KEY"


class KeyFingerprint(FrozenRecord):
    """Platform, prefix, last four characters, length and keyed hash of a secret. (A plain
    class: a dataclass costs start-up time, see ``whichlayer._record``.)"""

    __slots__ = ("hash", "last4", "length", "platform", "prefix")
    _fields = ("platform", "prefix", "last4", "length", "hash")
    platform: str
    prefix: str
    last4: str
    length: int
    hash: str

    def __init__(self, platform: str, prefix: str, last4: str, length: int, hash: str) -> None:
        _set(self, "platform", platform)
        _set(self, "prefix", prefix)
        _set(self, "last4", last4)
        _set(self, "length", length)
        _set(self, "hash", hash)

    def with_length(self, length: int) -> KeyFingerprint:
        """This fingerprint with another length (``dataclasses.replace(fp, length=...)``)."""
        return KeyFingerprint(self.platform, self.prefix, self.last4, length, self.hash)

    def __str__(self) -> str:
        kind = {"email": "email", "secret": "secret", "jwt": "jwt"}.get(self.platform)
        label = kind or f"{self.platform} key"
        shown = f"{self.prefix}…{self.last4}" if self.prefix or self.last4 else ""
        parts = [label, shown, f"len={self.length}", f"#{self.hash}"]
        return "[" + " ".join(p for p in parts if p) + "]"

    def to_dict(self) -> dict[str, str | int]:
        return {
            "platform": self.platform,
            "prefix": self.prefix,
            "last4": self.last4,
            "length": self.length,
            "hash": self.hash,
        }


def _key_file() -> Path:
    from pathlib import Path

    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "whichlayer" / "redact.key"


def _read_key(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if len(data) >= 32 else None


def _file_key() -> bytes | None:
    path = _key_file()
    key = _read_key(path)
    if key is not None:
        return key
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        # Another process is writing it right now: wait for its 32 bytes.
        for _ in range(50):
            time.sleep(0.01)
            key = _read_key(path)
            if key is not None:
                return key
        return None
    except OSError:
        return None
    import secrets

    data = secrets.token_bytes(32)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return data


@lru_cache(maxsize=4)
def _hash_key(env_value: str | None) -> bytes:
    import hashlib
    import secrets

    if env_value:
        return hashlib.sha256(env_value.encode("utf-8", "surrogatepass")).digest()
    return _file_key() or secrets.token_bytes(32)


def keyed_hash(secret: str) -> str:
    """The short keyed hash of ``secret`` (see the module docstring for the key)."""
    import hashlib
    import hmac

    key = _hash_key(os.environ.get(KEY_ENV))
    mac = hmac.new(key, secret.encode("utf-8", "surrogatepass"), hashlib.sha256)
    return mac.hexdigest()[:HASH_HEX_DIGITS]


def make_fingerprint(secret: str, platform: str, prefix: str) -> KeyFingerprint:
    """Fingerprint ``secret``; ``prefix`` must be a public part of its shape (or empty)."""
    last4 = secret[-4:] if len(secret) >= MIN_LENGTH_FOR_LAST4 else ""
    if platform == "email":
        last4 = ""
    return KeyFingerprint(platform, prefix, last4, len(secret), keyed_hash(secret))
