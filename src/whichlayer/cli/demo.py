"""``whichlayer demo``: eight real failures from a simulated provider and relay, each diagnosed."""

from __future__ import annotations

import argparse
from typing import Any

#: Shown at the end of --help.
EXAMPLES = """\
  whichlayer demo
  whichlayer demo --full
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "demo",
        help="diagnose real failing calls against a local simulator (no network, no keys)",
        description="Start the simulator on 127.0.0.1, make real failing calls through the "
        "openai and anthropic SDKs, and diagnose each one. No network, no keys, a few seconds.",
    )
    p.add_argument("--full", action="store_true", help="show each diagnosis in full")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import time

    from whichlayer.cli._io import write_text
    from whichlayer.render.wrap import fit, screen_width
    from whichlayer.simulate import demo

    started = time.monotonic()
    width = screen_width()
    write_text(
        fit(
            "whichlayer demo: real calls through the openai and anthropic SDKs to a simulated "
            "provider and a simulated new-api relay on 127.0.0.1 (no network, no keys).\n\n",
            width,
        )
    )
    outcomes = demo.run()
    right = 0
    for n, outcome in enumerate(outcomes, 1):
        text, ok = _case_text(n, outcome, full=args.full)
        right += ok
        write_text(fit(text, width))
    took = time.monotonic() - started
    write_text(
        fit(
            f"{right} of {len(outcomes)} failures diagnosed as what they really are "
            f"({took:.1f} s).\n",
            width,
        )
    )
    return 0


def _case_text(n: int, outcome: Any, *, full: bool) -> tuple[str, bool]:
    from whichlayer.redact import redact_data, redact_text
    from whichlayer.render import text, view

    case = outcome.case
    lines = [f"{n}. {case.title}", f"   call:   {case.call}"]
    if outcome.error is None or outcome.diagnosis is None:
        lines.append("   (the call unexpectedly succeeded)")
        return redact_text("\n".join(lines) + "\n\n"), False
    lines.append(f"   error:  {_error_line(outcome.error)}")
    d = redact_data(outcome.diagnosis)
    got = (str(d["layer"]), str(d["cause"]))
    ok = got == case.expected
    mark = "" if ok else f"   (expected {case.expected[0]} / {case.expected[1]})"
    lines.append(
        f"   → {view.headline(d)} · origin {d['origin']} · retry {view.retry_text(d)}{mark}"
    )
    lines.append(f"     {d['summary']}")
    if d["actions"]:
        lines.append(f"     first: {d['actions'][0]}")
    out = redact_text("\n".join(lines)) + "\n"
    if full:
        out += "".join(f"     {line}\n" for line in text.diagnosis(d).splitlines())
    return out + "\n", ok


def _error_line(error: BaseException) -> str:
    status = getattr(error, "status_code", None)
    message = " ".join(str(error).split())
    if len(message) > 150:
        message = message[:147] + "..."
    head = type(error).__name__ + (f" {status}" if status else "")
    return f"{head} · {message}"
