"""Fingerprints: enough to compare two reports, never enough to use or guess the secret."""

from __future__ import annotations

import pytest

from whichlayer.redact import KeyFingerprint, fingerprint, mask_secret
from whichlayer.redact._fingerprint import HASH_HEX_DIGITS, _hash_key
from whichlayer.redact._samples import canaries

C = canaries("fingerprint")

PLATFORMS = {
    "openai-legacy": ("openai", "sk-"),
    "openai-project": ("openai", "sk-proj-"),
    "openai-svcacct": ("openai", "sk-svcacct-"),
    "openai-admin": ("openai", "sk-admin-"),
    "anthropic-api": ("anthropic", "sk-ant-api03-"),
    "anthropic-admin": ("anthropic", "sk-ant-admin01-"),
    "anthropic-oauth": ("anthropic", "sk-ant-"),
    "google": ("google", "AIza"),
    "openrouter": ("openrouter", "sk-or-v1-"),
    "groq": ("groq", "gsk_"),
    "xai": ("xai", "xai-"),
    "perplexity": ("perplexity", "pplx-"),
    "huggingface": ("huggingface", "hf_"),
    "huggingface-org": ("huggingface", "api_org_"),
    "replicate": ("replicate", "r8_"),
    "aws-access-key-id": ("aws", "AKIA"),
    "bedrock-long": ("bedrock", "ABSK"),
    "bedrock-short": ("bedrock", "bedrock-api-key-"),
    "relay": ("relay", "sk-"),
    "jwt": ("jwt", "eyJ"),
}


@pytest.mark.parametrize(("shape", "expected"), sorted(PLATFORMS.items()))
def test_platform_and_prefix_by_shape(shape: str, expected: tuple[str, str]) -> None:
    fp = fingerprint(C[shape])
    assert (fp.platform, fp.prefix) == expected
    assert fp.last4 == C[shape][-4:]
    assert fp.length == len(C[shape])
    assert len(fp.hash) == HASH_HEX_DIGITS
    assert C[shape] not in str(fp)


def test_opaque_secret_reveals_no_prefix() -> None:
    fp = fingerprint(C["opaque-token"])
    assert fp.platform == "secret"
    assert fp.prefix == ""


def test_short_secrets_keep_their_last_characters() -> None:
    fp = fingerprint("hunter2pass")
    assert fp.last4 == ""
    assert "pass" not in mask_secret("hunter2pass")


def test_same_key_same_hash_other_key_other_hash() -> None:
    assert fingerprint(C["groq"]).hash == fingerprint(C["groq"]).hash
    assert fingerprint(C["groq"]).hash != fingerprint(canaries("other")["groq"]).hash


def test_hash_is_keyed(monkeypatch: pytest.MonkeyPatch) -> None:
    first = fingerprint(C["google"]).hash
    monkeypatch.setenv("WHICHLAYER_REDACT_KEY", "another team")
    assert fingerprint(C["google"]).hash != first


def test_key_file_is_created_private_and_reused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: pytest.TempPathFactory
) -> None:
    monkeypatch.delenv("WHICHLAYER_REDACT_KEY")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    _hash_key.cache_clear()
    try:
        first = fingerprint(C["xai"]).hash
        key_file = tmp_path / "whichlayer" / "redact.key"  # type: ignore[operator]
        assert key_file.stat().st_mode & 0o777 == 0o600
        _hash_key.cache_clear()
        assert fingerprint(C["xai"]).hash == first
    finally:
        _hash_key.cache_clear()


def test_mask_shows_platform_prefix_last4_length_hash() -> None:
    fp = fingerprint(C["openai-project"])
    assert isinstance(fp, KeyFingerprint)
    text = mask_secret(C["openai-project"])
    assert text == f"[openai key sk-proj-…{fp.last4} len={fp.length} #{fp.hash}]"
    assert fp.to_dict()["platform"] == "openai"


def test_configured_key_with_a_stray_newline() -> None:
    clean, stray = fingerprint(C["groq"]), fingerprint(C["groq"] + "\n")
    assert stray.length == clean.length + 1
    assert (stray.platform, stray.prefix, stray.last4, stray.hash) == (
        clean.platform,
        clean.prefix,
        clean.last4,
        clean.hash,
    )


def test_processes_starting_together_share_one_key_file(tmp_path: pytest.TempPathFactory) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "WHICHLAYER_REDACT_KEY"}
    env["XDG_CONFIG_HOME"] = str(tmp_path)
    code = f"from whichlayer.redact import fingerprint; print(fingerprint({C['xai']!r}).hash)"
    procs = [
        subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    hashes = {p.communicate(timeout=60)[0].strip() for p in procs}
    assert len(hashes) == 1 and len(hashes.pop()) == HASH_HEX_DIGITS
