"""Claim extraction speed of this checkout beside another commit (default: main), in the
same run, on the same generated FICTIONAL documents (bench_extraction's generator).

    python bench/compare_extraction.py [--rev main] [--docs 1500] [--rounds 2] [--notes]
                                       [--speaker-model]

Each round times both extractors in fresh processes, one after the other, as CPU time
(the machine is shared: wall time would time the neighbours). Prints docs/s per core, and
whether both gave the same output: a digest of the `repr` of every extraction, taken
after the timing. `--speaker-model` times this checkout a second time with the learned
speaker choice (off by default).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from baseline import code_of  # noqa: E402

_TIMER = """
import hashlib, json, random, sys, time
# gavah first: bench_extraction puts its own checkout first on the path, which would make
# the other commit's side time this checkout's code.
from gavah.core.extract import Gazetteer, extract
sys.path.insert(0, {bench!r})
from bench_extraction import make_docs, make_names
rng = random.Random(1988)
names = make_names(100, rng)
if {notes}:  # bench_vault's small notes (as its ingest reads them: no gazetteer entries)
    from bench_vault import small_notes
    docs = [b.decode("utf-8", "replace") for b in small_notes({docs})]
    names = []
else:
    docs = make_docs({docs}, [e for e in names if e.kind == "Person"], rng)
gazetteer = Gazetteer(names)
extract(docs[0], publisher="Example", gazetteer=gazetteer{options})
cpu = time.process_time()
found = [extract(d, publisher="Example", gazetteer=gazetteer{options}) for d in docs]
cpu = time.process_time() - cpu
digest = hashlib.sha256()
for extraction in found:
    digest.update(repr(extraction).encode())
print(json.dumps({{"docs_per_s": len(docs) / cpu, "claims": sum(len(x.claims) for x in found),
                  "output": digest.hexdigest()}}))
"""


def _time(code: Path, docs: int, notes: bool, options: str = "") -> dict[str, Any]:
    script = _TIMER.format(bench=str(ROOT / "bench"), docs=docs, notes=notes, options=options)
    env = {**os.environ, "PYTHONPATH": str(code)}
    out = subprocess.run([sys.executable, "-P", "-c", script], env=env, capture_output=True,
                         text=True, check=True, cwd=str(code))
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--rev", default="main")
    parser.add_argument("--docs", type=int, default=1_500)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--notes", action="store_true",
                        help="read bench_vault's ~2 KB notes (its small-file ingest) instead")
    parser.add_argument("--speaker-model", action="store_true",
                        help="also time this checkout with speaker_model=True")
    args = parser.parse_args(argv)
    other = code_of(args.rev)
    runs = [(args.rev, other, ""), ("this checkout", ROOT, "")]
    if args.speaker_model:
        runs.append(("speaker model", ROOT, ", speaker_model=True"))
    outputs: dict[str, set[str]] = {}
    for r in range(args.rounds):
        for label, code, options in runs:
            got = _time(code, args.docs, args.notes, options)
            outputs.setdefault(options, set()).add(got["output"])
            print(f"round {r + 1} {label:14} {got['docs_per_s']:7.0f} docs/s "
                  f"({got['claims']:.0f} claims, output {got['output'][:12]})")
    same = len(outputs[""]) == 1
    print("same output (repr of every extraction)" if same else "DIFFERENT OUTPUT")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
