"""What users read: the text report at a fixed width, and the rich table."""

from __future__ import annotations

from rich.console import Console

from whichlayer.check import render
from whichlayer.check.model import Finding, Setting, Stage, Target, TargetReport, Verdict

GOLDEN = """\
codex:relay  ·  responses  ·  https://relay.example/v1  [config.toml base_url]
  key    none found
         shadows shell: RELAY_KEY
  why    the variable named by env_key
  model  gpt-4o-mini  [~/.codex/config.toml model]
  stage     result     time  detail
  config    FAIL       0 ms  1 problem(s): X-ENV-KEY-UNSET
  dns       ok        12 ms  relay.example → 192.0.2.1
  route     FAIL      31 ms  POST /v1/responses without a key → 404
  auth      -                skipped: no key to send
  x X-ENV-KEY-UNSET identity/key_missing: env_key names RELAY_KEY, which is unset.
      fix: export RELAY_KEY=<your key>
  verdict: identity/key_missing (origin client, stage config)
  first:   export RELAY_KEY=<your key>
"""


def report() -> dict[str, object]:
    t = Target(
        "codex:relay",
        "responses",
        Setting("https://relay.example/v1", "config.toml base_url"),
        None,
        shadowed=[Setting("", "shell: RELAY_KEY")],
        model=Setting("gpt-4o-mini", "~/.codex/config.toml model"),
        precedence="the variable named by env_key",
    )
    t.findings.append(
        Finding(
            "X-ENV-KEY-UNSET",
            "identity",
            "key_missing",
            "env_key names RELAY_KEY, which is unset.",
            "export RELAY_KEY=<your key>",
        )
    )
    r = TargetReport(
        t,
        [
            Stage("config", False, 0.0, "1 problem(s): X-ENV-KEY-UNSET"),
            Stage("dns", True, 12.3, "relay.example → 192.0.2.1"),
            Stage("route", False, 31.0, "POST /v1/responses without a key → 404"),
            Stage("auth", None, None, "skipped: no key to send"),
        ],
        Verdict("identity", "key_missing", "client", "config", "export RELAY_KEY=<your key>"),
    )
    return r.to_dict()


def test_text_golden() -> None:
    assert render.text([report()]) == GOLDEN


def test_rich_table() -> None:
    console = Console(record=True, width=120, force_terminal=True, color_system=None)
    render.terminal([report()], console=console)
    out = console.export_text()
    for expected in (
        "stage",
        "result",
        "FAIL",
        "relay.example → 192.0.2.1",
        "verdict: identity/key_missing",
        "shadows shell: RELAY_KEY",
    ):
        assert expected in out


def test_nothing_found_text() -> None:
    assert "No client configuration found" in render.text([])
