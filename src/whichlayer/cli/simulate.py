"""``whichlayer simulate``: an AI API on loopback that fails in every way on demand."""

from __future__ import annotations

import argparse

DIALECT_CHOICES = ("openai", "anthropic", "gemini", "azure", "relay")
FLAVOR_CHOICES = ("new-api", "one-api", "openrouter", "litellm")
TLS_CHOICES = ("trusted", "untrusted", "wrong_host")


#: Shown at the end of --help.
EXAMPLES = """\
  whichlayer simulate --list
  whichlayer simulate --dialect anthropic --scenario overloaded --port 0
  whichlayer simulate --dialect relay --relay new-api
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "simulate",
        help="run a fake OpenAI/Anthropic/Gemini/Azure API or relay that fails on demand",
        description="Serve a simulated AI API on 127.0.0.1 that answers like the real one and "
        "fails on demand: per server (--scenario), per request (header x-sim-scenario: ID) or "
        "from a scenario file. Stops on Ctrl-C.",
    )
    p.add_argument(
        "--dialect",
        "-d",
        choices=DIALECT_CHOICES,
        default=None,
        help="which API to speak (default openai)",
    )
    p.add_argument(
        "--relay",
        choices=FLAVOR_CHOICES,
        default=None,
        help="relay flavor for --dialect relay (default new-api)",
    )
    p.add_argument(
        "--relay-setup",
        metavar="NAME",
        help="relay channels and faults: healthy, revoked_channel, model_500, tools_500, "
        "large_529, saturated, relay_broken, channel_no_credit (a ten-model, three-vendor "
        "relay; see docs/probe.md); capability breaks: drops_tools, buffers_stream, "
        "caps_context, ignores_json, parallel_2, drops_tools_caps_context, long_answers, "
        "drops_max_tokens, caps_output",
    )
    p.add_argument(
        "--scenario", "-s", metavar="ID", help="fail every request with this scenario (see --list)"
    )
    p.add_argument(
        "--scenario-file", "-f", metavar="PATH", help="YAML or TOML file with a sequence of steps"
    )
    p.add_argument("--tls", choices=TLS_CHOICES, help="serve HTTPS with a trustme certificate")
    p.add_argument(
        "--port",
        "-p",
        type=int,
        default=8765,
        help="port to bind (0 = any free port; default 8765)",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument(
        "--stall",
        type=float,
        default=30.0,
        metavar="S",
        help="how long read_timeout stalls (default 30)",
    )
    p.add_argument(
        "--slow",
        type=float,
        default=2.0,
        metavar="S",
        help="first-byte delay of read_timeout:slow_first_byte (default 2)",
    )
    p.add_argument(
        "--fail-when",
        metavar="PARTS",
        help="answer 500 when every comma-separated part is in the body (an adapter bug)",
    )
    p.add_argument("--list", action="store_true", help="list every scenario and exit")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from whichlayer.cli import UsageError
    from whichlayer.cli._io import write_text
    from whichlayer.redact import redact_text

    dialect = _dialect(args)
    if args.list:
        write_text(
            redact_text(listing(None if args.dialect is None and args.relay is None else dialect))
        )
        return 0
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be 0..65535, not {args.port}")
    from whichlayer.simulate import SimServer
    from whichlayer.simulate.script import ScenarioFileError

    setup = None
    if args.relay_setup is not None:
        from whichlayer.simulate import relay_setups

        if not dialect.startswith("relay"):
            raise UsageError("--relay-setup goes with --dialect relay")
        try:
            setup = relay_setups.get(args.relay_setup)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    try:
        sim = SimServer(
            dialect,
            args.scenario,
            args.scenario_file,
            args.tls,
            args.port,
            args.host,
            stall_s=args.stall,
            slow_s=args.slow,
            relay_setup=setup,
            fail_when=tuple(p.strip() for p in (args.fail_when or "").split(",") if p.strip()),
        )
    except (ValueError, ScenarioFileError) as exc:
        raise UsageError(str(exc)) from None
    serve(sim, args.host, args.port)
    write_text("whichlayer simulate: stopped\n")
    return 0


def _dialect(args: argparse.Namespace) -> str:
    if args.relay and args.dialect not in (None, "relay"):
        from whichlayer.cli import UsageError

        raise UsageError("--relay goes with --dialect relay")
    if args.relay or args.dialect == "relay":
        return f"relay:{args.relay or 'new-api'}"
    if args.dialect is None and args.scenario_file:
        return _file_dialect(args.scenario_file)
    return str(args.dialect or "openai")


def _file_dialect(path: str) -> str:
    """The scenario file's ``dialect:`` (when --dialect is not given), else openai."""
    from whichlayer.cli import UsageError
    from whichlayer.simulate.script import ScenarioFileError, load

    try:
        return load(path).dialect or "openai"
    except ScenarioFileError as exc:
        raise UsageError(str(exc)) from None


def listing(dialect: str | None) -> str:
    """Every scenario, per dialect: id, layer, kind and what it does."""
    from whichlayer.simulate.scenarios import DIALECTS, RELAY_FLAVORS, for_dialect

    names = (
        [dialect]
        if dialect
        else [d for d in DIALECTS if d != "relay"] + [f"relay:{f}" for f in RELAY_FLAVORS]
    )
    out: list[str] = []
    for name in names:
        out.append(f"{name}:")
        for sc in for_dialect(name):
            out.append(f"  {sc.id:<32} {sc.layer:<10} {sc.kind:<9} {sc.summary}")
        out.append("")
    out.append("Pick one per server (--scenario ID), per request (header x-sim-scenario: ID),")
    out.append("or as steps in a scenario file (--scenario-file). 'ok' answers normally.")
    return "\n".join(out) + "\n"


def banner(sim: object) -> str:
    """What the server prints when it is up: URLs, clients' settings, test keys."""
    from whichlayer.simulate import SimServer
    from whichlayer.simulate.keys import STATES, alias
    from whichlayer.simulate.relay import TOKEN_STATES

    assert isinstance(sim, SimServer)
    what = f"relay ({sim.flavor})" if sim.dialect == "relay" else sim.dialect
    lines = [f"whichlayer simulate: {what} on {sim.url}"]
    if sim.dialect == "relay":
        lines.append(f"  OpenAI-compatible base URL   {sim.base_url('relay')}")
        if sim.relay_setup is not None and sim.relay is not None:
            lines.append(f"  its upstream (direct) URL    {sim.relay.upstream_url}/v1")
    else:
        lines += [
            f"  OpenAI base URL              {sim.base_url('openai')}",
            f"  Anthropic base URL           {sim.base_url('anthropic')}",
            f"  Gemini base URL              {sim.base_url('gemini')}   (HttpOptions.base_url)",
            f"  Azure endpoint               {sim.base_url('azure')}   (azure_endpoint)",
        ]
    if sim.ca_pem:
        lines.append(f"  CA certificate               {sim.ca_pem}")
    states = TOKEN_STATES if sim.dialect == "relay" else STATES
    lines.append(
        "  keys (any string not listed is unknown):  " + "  ".join(alias(s) for s in states)
    )
    if sim.scenario:
        lines.append(f"  every request fails with     {sim.scenario}")
    lines.append("  per request: header x-sim-scenario: <id>   (whichlayer simulate --list)")
    lines.append("  Ctrl-C stops it.")
    return "\n".join(lines) + "\n"


def serve(sim: object, host: str, port: int) -> None:
    """Start, print the banner, and block until Ctrl-C or SIGTERM; always stop cleanly."""
    import signal
    import threading

    from whichlayer.cli import UsageError
    from whichlayer.cli._io import write_text
    from whichlayer.redact import redact_text
    from whichlayer.simulate import SimServer

    assert isinstance(sim, SimServer)
    stop = threading.Event()
    # installed before the banner, so a SIGTERM right after it still stops cleanly
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    try:
        try:
            sim.start()
        except OSError as exc:
            reason = exc.strerror or exc
            raise UsageError(f"cannot listen on {host}:{port}: {reason}") from None
        import sys

        from whichlayer.simulate._server import exposure_warning

        warning = exposure_warning(host)
        if warning:
            print(warning, file=sys.stderr)
        write_text(redact_text(banner(sim)))
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
        signal.signal(signal.SIGTERM, previous)
