"""Record what the rules said about each set *before* any rule was fitted to it.

    python bench/blind_rules.py            # rewrites bench/blind_rules.jsonl (needs git)

Every set from fresh4a on was committed together with (or just before) the rules
written from its misses, so the engine of the commit before the one that added a
set is the engine that met it blind. For each such set this script exports that
commit's ``src/`` (``git archive``, cached under ``~/.cache/whichlayer-blind``),
runs its rules alone (the learned fallback off, where that commit had one) on the
set's errors as labelled today, and writes one line per error: the set, the
error's id, the commit, and the winning rule's id, layer, cause and priority
(``null`` when no rule fired).

``bench/loso.py --blind`` reads the file to measure how rules and the model
combine on errors the rules had not been fitted to: today's rules have seen
every set, so on the older sets a combination can only lose against them
(every labelled error's label is what the fitted rules say), and the newest
set alone is too small to choose a threshold on.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).with_name("blind_rules.jsonl")
CACHE = Path.home() / ".cache" / "whichlayer-blind"
#: The sets met blind by the engine of the commit before the one that added them (the
#: oldest fresh sets were committed in batches while rules were being written).
FIRST = "fresh4b"
#: Halves committed with the rules written from them (they score 100% layer here).
FITTED = frozenset({"fresh6a", "fresh7a"})
#: Sets measured blind on an earlier commit than the one before their addition, where a
#: change made after their misses were seen landed first: fresh35 and fresh36 were measured
#: on 351879e; a parse change written after seeing them (2 corpus inputs reached, one of
#: fresh36) was committed before the sets; fresh48 was measured on 3a827cf, and the
#: sixteenth round, written from its misses, was committed before it.
MET_AT = {
    "fresh35": "351879e",
    "fresh36": "351879e",
    "fresh48": "3a827cf",
    # fresh52 was measured on a07d302; the commit before its addition (12c91b5) added
    # training data only, its rules the same
    "fresh52": "a07d302",
    # fresh53 was measured on 75ebb90 (code/'s third round in training)
    "fresh53": "75ebb90",
    # fresh54 was measured on 188da33; the failure cue widened after it (ebb5566) touches
    # the model's gate, not the rules
    "fresh54": "188da33",
    # fresh55 was measured on 42ccaf7; the cue's Chinese words after it touch the gate only
    "fresh55": "42ccaf7",
    # fresh56 was measured on ca7d74f (the cue's "credential" after it touches the gate only)
    "fresh56": "ca7d74f",
    # fresh57 was measured on 5d058ad (fresh56 in training, the cue's "credential")
    "fresh57": "5d058ad",
    # fresh58 was measured on 78ac76f (fresh57 in training, request.malformed_body.client_encode)
    "fresh58": "78ac76f",
    # fresh59 was measured on 60ea0e8 (fresh58 in training)
    "fresh59": "60ea0e8",
    # fresh60 was measured on 57ecac1 (fresh59 in training, the rules from its misses)
    "fresh60": "57ecac1",
}

_RUN = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import whichlayer
try:
    from whichlayer.model import infer
    infer.use(None)
except ImportError:
    pass
from whichlayer.rules import ALL_RULES
prio = {r.id: r.priority for r in ALL_RULES}
try:
    from whichlayer.rules import catalogue
    prio.update({r.id: r.priority for r in catalogue.all_rules()})
except (ImportError, AttributeError):
    pass
for line in sys.stdin:
    row = json.loads(line)
    d = whichlayer.explain(row["input"])
    f0 = d.facts[0] if d.facts and d.layer is not None else None
    rid = None if f0 is None else getattr(f0, "id", None) or getattr(f0, "rule", None)
    print(json.dumps({
        "id": row["id"],
        "rule": rid,
        "layer": None if d.layer is None else str(d.layer),
        "cause": str(d.cause),
        "priority": prio.get(rid),
    }), flush=True)
"""


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()


def _added(name: str) -> str:
    """The commit that first added the set's file (in bench/ or corpus/)."""
    out = _git("log", "--diff-filter=A", "--format=%H", "--follow", "--", f"corpus/{name}.jsonl")
    return out.splitlines()[-1]


def _tree(commit: str) -> Path:
    where = CACHE / commit[:12]
    if not (where / "src" / "whichlayer").is_dir():
        blob = subprocess.run(
            ["git", "archive", "--format=tar", commit, "src"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        ).stdout
        where.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=BytesIO(blob)) as tar:
            tar.extractall(where, filter="data")
    return where / "src"


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from loso import collected_order

    names = [p.stem for p in (ROOT / "corpus").glob("fresh*.jsonl")]
    names = collected_order(names)
    names = [n for n in names[names.index(FIRST) :] if n not in FITTED]
    lines: list[str] = []
    for name in names:
        commit = _git("rev-parse", MET_AT[name] if name in MET_AT else f"{_added(name)}^")
        src = _tree(commit)
        rows = (ROOT / "corpus" / f"{name}.jsonl").read_text(encoding="utf-8")
        run = subprocess.run(
            [sys.executable, "-c", _RUN, str(src)],
            input=rows,
            capture_output=True,
            text=True,
            timeout=600,
            cwd=src.parent,
        )
        if run.returncode != 0:
            print(f"{name}: the engine of {commit[:8]} failed:\n{run.stderr[-2000:]}")
            return 1
        out = [json.loads(x) for x in run.stdout.splitlines()]
        for rec in out:
            lines.append(json.dumps({"set": name, "commit": commit[:8], **rec}, sort_keys=True))
        print(f"{name}: {len(out)} errors, rules of {commit[:8]}", flush=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(lines)} errors)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
