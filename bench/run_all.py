"""Every benchmark in turn, each writing its own section of bench/RESULTS.md (`make bench`).
They take from minutes (vault, extraction) to most of an hour (the web app with 100,000
items and linkage at 100,000 records); run one alone with its own script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["bench_vault.py", "bench_extraction.py", "bench_linkage.py", "bench_web.py"]


def main() -> int:
    failed = []
    for script in SCRIPTS:
        print(f"== {script}", flush=True)
        if subprocess.run([sys.executable, str(HERE / script)]).returncode != 0:
            failed.append(script)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
