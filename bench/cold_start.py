"""Cold start of ``whichlayer explain`` on inputs that load different parts, as figures.

    python bench/cold_start.py [--runs N] [--against CHECKOUT]

For each input (the one-line error ``bench/speed.py`` times, a bare status that the
learned fallback weighs, a body code a provider's catalogue documents, an invalid-key
error that the identity rules check against every provider's key prefixes), the wall
and CPU time of ``whichlayer explain`` against ``python3 -c pass``, the medians of
``--runs`` runs made alternately. With ``--against``, the same command from another
checkout's ``src`` runs in turn with this one's, so both see the same load (a shared
machine's load changes from minute to minute). The bytecode cache is written and read
as an installed tool's would be.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import ONE_LINE, child_env, timed_run  # noqa: E402

INPUTS = {
    "one-line error (bench/speed.py)": ONE_LINE,
    "bare 429 (the learned fallback weighs it)": "429",
    "documented body code (catalogue)": (
        "Error code: 429 - {'error': {'message': 'Rate limit reached', 'type': 'requests', "
        "'code': 'rate_limit_exceeded'}}"
    ),
    "invalid key (every provider's key prefixes)": (
        "Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-abc***xyz.', "
        "'type': 'invalid_request_error', 'code': 'invalid_api_key'}}"
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (15)")
    parser.add_argument("--against", type=Path, help="another checkout, run in turn")
    args = parser.parse_args()
    script = Path(sys.executable).with_name("whichlayer")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "whichlayer"]
    builds = {"this checkout": ROOT / "src"}
    if args.against is not None:
        if not (args.against / "src" / "whichlayer").is_dir():
            print(f"cold_start.py: no src/whichlayer under {args.against}", file=sys.stderr)
            sys.exit(2)
        builds[str(args.against)] = args.against / "src"
    base = [sys.executable, "-c", "pass"]
    one, five, _ = os.getloadavg()
    print(f"load average {one:.2f} {five:.2f}; medians of {args.runs} alternating runs")
    for name, text in INPUTS.items():
        argv = [*command, "explain", text]
        times: dict[str, list[tuple[float, float]]] = {"base": [], **{b: [] for b in builds}}
        for _ in range(2):  # warm the page cache and the bytecode caches
            for src in builds.values():
                timed_run(argv, child_env(src))
        for _ in range(args.runs):
            times["base"].append(timed_run(base, child_env()))
            for build, src in builds.items():
                times[build].append(timed_run(argv, child_env(src)))
        wall0 = statistics.median(w for w, _c in times["base"])
        cpu0 = statistics.median(c for _w, c in times["base"])
        print(f"{name}:")
        for build in builds:
            wall = statistics.median(w for w, _c in times[build])
            cpu = statistics.median(c for _w, c in times[build])
            print(
                f"  {build}: {wall / wall0:.1f}x wall ({wall * 1000:.0f} ms), "
                f"{cpu / cpu0:.1f}x CPU ({cpu * 1000:.0f} ms; python -c pass {cpu0 * 1000:.1f})"
            )


if __name__ == "__main__":
    main()
