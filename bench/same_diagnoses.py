"""A fingerprint of every diagnosis over the labelled corpus, to show a change changes none.

    python bench/same_diagnoses.py [CORPUS.jsonl ...]    # default: corpus/*.jsonl

Prints one SHA-256 over what ``whichlayer.explain`` decides for every input (layer, cause,
origin, retry, the rules that fired and the facts they used), one over the whole
``Diagnosis.to_dict()`` (also the summary, actions, confidence and what was read), and
one over ``whichlayer.verdict``. Run it on two checkouts (whichlayer is imported from
``PYTHONPATH=<checkout>/src``, or the installed one) and compare: a speed change must
leave all three alike.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from _inputs import require  # noqa: E402  (bench/ is the script's own folder)


def main() -> None:
    import whichlayer
    from whichlayer._explain import verdict

    paths = [Path(p) for p in sys.argv[1:]] or sorted((ROOT / "corpus").glob("*.jsonl"))
    require(*paths)
    decided, whole, verdicts = hashlib.sha256(), hashlib.sha256(), hashlib.sha256()
    count = 0
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            text = json.loads(line)["input"]
            d = whichlayer.explain(text)
            key = [
                d.layer,
                d.cause,
                d.origin,
                d.retry,
                [[f.rule, sorted(f.used.items())] for f in d.facts],
            ]
            decided.update(json.dumps(key, ensure_ascii=False).encode() + b"\n")
            whole.update(json.dumps(d.to_dict(), ensure_ascii=False).encode() + b"\n")
            verdicts.update(json.dumps(verdict(text), ensure_ascii=False).encode() + b"\n")
            count += 1
    print(f"{count} inputs from {len(paths)} files (whichlayer from {whichlayer.__file__})")
    print(f"decisions (layer, cause, origin, retry, rules, facts): {decided.hexdigest()}")
    print(f"whole diagnoses (to_dict):                              {whole.hexdigest()}")
    print(f"verdicts:                                               {verdicts.hexdigest()}")


if __name__ == "__main__":
    main()
