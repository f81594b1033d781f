"""Before any request that carries the user's key: is the base URL one the user chose?

``check`` reads base URLs from many places, some of which the user may never
have looked at: a ``.env`` in a parent folder shared with others
(``/srv/shared/.env``), a file another user owns. A stranger who controls such
a file could point ``check`` (and the user's apps) at their own server and
collect the key. So before the auth and generate stages, a base URL is
refused, unless the user confirms it with ``--trust-base-url``, when:

- it comes from a file outside the user's home and the current project
  (the working directory, or the git work tree around it);
- it comes from a file owned by another user;
- it is plain ``http://`` to a host that is not this machine (loopback).

The refusal is a finding naming the file and its owner; the route stage,
which sends no key, still runs. A base URL's query string is kept after each
request's path (``?api-version=…``), and a credential in it (``key=``,
``api_key=``…) is sent only with the authenticated calls to that same host.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from whichlayer.check.model import Context, Finding, Setting, Target

#: Query parameters that carry a credential: never sent by the keyless route stage.
CREDENTIAL_PARAMS = frozenset(
    {"key", "api_key", "api-key", "apikey", "token", "access_token", "auth", "sig", "signature",
     "x-goog-api-key", "password", "secret", "client_secret"}
)  # fmt: skip
FLAG = "--trust-base-url"


def is_credential_param(name: str) -> bool:
    return name.lower() in CREDENTIAL_PARAMS


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def source_file(source: str, home: Path) -> Path | None:
    """The file a setting was read from, when its source names one (``~/x/.env: NAME``)."""
    label = source.split(" (", 1)[0].split(": ", 1)[0].strip()
    if label.startswith("~/"):
        path = home / label[2:]
    elif label.startswith("/"):
        path = Path(label)
    else:
        return None
    return path if path.is_file() else None


def project_root(cwd: Path) -> Path:
    """The git work tree around ``cwd``, or ``cwd`` itself."""
    for folder in (cwd, *cwd.parents):
        if (folder / ".git").exists():
            return folder
    return cwd


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def _owner(uid: int) -> str:
    try:
        import pwd

        return f"{pwd.getpwuid(uid).pw_name} (uid {uid})"
    except (ImportError, KeyError):
        return f"uid {uid}"


def file_reasons(path: Path, ctx: Context) -> list[str]:
    """Why a base URL read from ``path`` may not be the user's choice (empty: it is)."""
    reasons = []
    try:
        uid = path.stat().st_uid
    except OSError:
        return []
    getuid = getattr(os, "getuid", None)
    if getuid is not None and uid != getuid():
        reasons.append(f"{path} is owned by {_owner(uid)}, not by you")
    if not (_inside(path, ctx.home) or _inside(path, project_root(ctx.cwd))):
        reasons.append(f"{path} (owner {_owner(uid)}) is outside your home and the current project")
    return reasons


def split_query(target: Target) -> Finding | None:
    """Move a base URL's query string into ``target.query`` (kept after each path)."""
    base = target.base_url
    if base is None or "?" not in base.value:
        return None
    parts = urlsplit(base.value.strip())
    if not parts.query:
        target.base_url = Setting(urlunsplit(parts._replace(query="", fragment="")), base.source)
        return None
    params = parse_qsl(parts.query, keep_blank_values=True)
    target.base_url = Setting(urlunsplit(parts._replace(query="", fragment="")), base.source)
    for name, value in params:
        target.query.setdefault(name, value)
    names = ", ".join(dict.fromkeys(n for n, _ in params))
    secret = [n for n, _ in params if is_credential_param(n)]
    note = (
        f" It carries a credential ({', '.join(secret)}): check sends it only with the "
        f"authenticated calls to {parts.hostname}, never with the keyless route call."
        if secret
        else ""
    )
    return Finding(
        "U-QUERY",
        "request",
        "endpoint_mismatch",
        f"the base URL in {base.source} has a query string ({names}); clients append paths "
        f"to the base URL, so check sends the query after each request's path.{note}",
        "Keep the query out of the base URL if the client's documentation gives it its own "
        "setting (Azure: api-version; Codex: query_params).",
        "info",
    )


def guard(target: Target, ctx: Context, *, trusted: bool) -> Finding | None:
    """Withhold the key from a base URL the user may not have chosen (unless ``trusted``)."""
    base = target.base_url
    if base is None or target.key is None or not target.key.value:
        return None
    reasons: list[str] = []
    path = source_file(base.source, ctx.home)
    if path is not None:
        reasons += file_reasons(path, ctx)
    try:
        parts = urlsplit(base.value.strip())
        host = parts.hostname or ""
        scheme = parts.scheme.lower()
    except ValueError:
        return None
    if scheme == "http" and host and not is_loopback(host):
        reasons.append(f"it is plain http:// to {host}, which is not this machine")
    if not reasons:
        return None
    why = "; ".join(reasons)
    if trusted:
        return Finding(
            "T-BASE-URL-TRUSTED",
            "request",
            "endpoint_mismatch",
            f"the base URL {base.value} (from {base.source}) is used with your key because "
            f"{FLAG} was given, although {why}.",
            "Make sure you chose this base URL.",
            "warning",
        )
    target.no_auth_reason = f"the key is not sent to this base URL without {FLAG} ({why})"
    return Finding(
        "T-BASE-URL-UNTRUSTED",
        "request",
        "endpoint_mismatch",
        f"the base URL {base.value} comes from {base.source}, and {why}: check does not "
        "send your key there. Anyone who can write that file can point your tools at their "
        "server.",
        f"If you chose this base URL, run again with {FLAG}; otherwise remove it from "
        + (str(path) if path is not None else "where it is set")
        + ".",
    )
