"""``whichlayer completion``: shell completion generated from the real parser."""

from __future__ import annotations

import argparse

SHELLS = ("bash", "zsh", "fish")


#: Shown at the end of --help.
EXAMPLES = """\
  whichlayer completion bash > ~/.local/share/bash-completion/completions/whichlayer
  whichlayer completion zsh > "${fpath[1]}/_whichlayer"
  whichlayer completion fish > ~/.config/fish/completions/whichlayer.fish
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh or fish)",
        description="Print a completion script for SHELL, generated from whichlayer's own "
        "parser, so it always knows every command and option. Save it where your shell "
        "loads completions (see the examples), then open a new shell.",
    )
    p.add_argument("shell", choices=SHELLS, help="the shell to complete for")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from whichlayer.cli import build_parser
    from whichlayer.cli._io import write_text

    parser = build_parser()
    if args.shell == "fish":
        write_text(fish(parser))
    else:
        import shtab

        write_text(shtab.complete(parser, shell=args.shell) + "\n")
    return 0


def _subparsers(
    parser: argparse.ArgumentParser,
) -> dict[str, tuple[argparse.ArgumentParser, str]]:
    """Each command's parser and its one-line help."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            return {name: (sub, helps.get(name, "")) for name, sub in action.choices.items()}
    return {}


def _quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _options(action: argparse.Action) -> str:
    parts = []
    for flag in action.option_strings:
        if flag.startswith("--"):
            parts.append(f"-l {flag[2:]}")
        elif len(flag) == 2:
            parts.append(f"-s {flag[1]}")
    return " ".join(parts)


def fish(parser: argparse.ArgumentParser) -> str:
    """fish's ``complete`` lines for every command, option and choice (shtab has no fish)."""
    prog = parser.prog
    commands = _subparsers(parser)
    names = " ".join(commands)
    lines = [f"# fish completion for {prog}, generated from its parser", f"complete -c {prog} -f"]
    for name, (sub, summary) in commands.items():
        lines.append(
            f"complete -c {prog} -n 'not __fish_seen_subcommand_from {names}' -a {name}"
            + (f" -d {_quote(summary[:60])}" if summary else "")
        )
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            cond = f"-n '__fish_seen_subcommand_from {name}'"
            opts = _options(action)
            desc = f" -d {_quote(str(action.help)[:60])}" if action.help else ""
            choices = action.choices
            if opts:
                needs_value = action.nargs != 0
                arg = " -r" if needs_value else ""
                if choices:
                    arg += " -a " + _quote(" ".join(map(str, choices)))
                elif needs_value and action.metavar in ("PATH", "FILE", "DIR"):
                    arg += " -F"
                lines.append(f"complete -c {prog} {cond} {opts}{arg}{desc}")
            elif choices:
                lines.append(f"complete -c {prog} {cond} -a {_quote(' '.join(map(str, choices)))}")
    top = [
        a for a in parser._actions if a.option_strings and not isinstance(a, argparse._HelpAction)
    ]
    for action in top:
        lines.append(f"complete -c {prog} {_options(action)}")
    return "\n".join(lines) + "\n"
