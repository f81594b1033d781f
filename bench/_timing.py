"""Timing a command in a child process, shared by the bench scripts that time cold starts."""

from __future__ import annotations

import os
import resource
import subprocess
import tempfile
import time
from pathlib import Path

#: The one-line error whose cold start ``bench/speed.py`` times (issue 8's bar), and the
#: first input of ``bench/cold_start.py``.
ONE_LINE = (
    "openai.RateLimitError: Error code: 429 - {'error': {'message': 'Rate limit reached "
    "for gpt-4o on tokens per min (TPM): Limit 30000, Used 29000, Requested 2000.'}}"
)


#: Where the first-pass runs (``bench/speed.py --first-pass``, ``bench/instructions.py
#: --first-pass``) keep every checkout's bytecode, alike, in one place of their own (none
#: written into a checkout that is not the one running).
FIRST_PASS_PYCACHE = Path(tempfile.gettempdir()) / "whichlayer-bench-pycache"


def child_env(src: Path | None = None, pycache: Path | None = None) -> dict[str, str]:
    """The environment for timed runs: plain output, the bytecode cache written and read as
    an installed tool's would be (PYTHONDONTWRITEBYTECODE would make every run compile the
    modules changed since the cache was last written), and ``src`` first on the path;
    with ``pycache``, the bytecode kept there rather than beside the sources."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    if pycache is not None:
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def timed_run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``argv`` (60 s at most)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, env=env, check=True, timeout=60)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
