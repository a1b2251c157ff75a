"""Every benchmark in turn, each re-measuring its own section of bench/RESULTS.md on the
current code (`make bench`). Each section says which commit it measured; a section is
stale when the code it measures changed after that commit (or it names no commit).

    .venv/bin/python bench/run_all.py            # every section, the web app last
    .venv/bin/python bench/run_all.py --stale    # only the stale ones
    .venv/bin/python bench/run_all.py --list     # which sections are stale, and why,
                                                 # and which readings need checking

A section's hand-written readings (marked blocks, bench/results.py) are kept when it is
re-measured, flagged when written for another commit than the one measured; after
checking them against the new numbers: `.venv/bin/python bench/results.py --confirm TITLE`.

They take from minutes (vault, extraction) to most of an hour (the web app with 100,000
items, linkage at 100,000 records); run one alone with its own script."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import results  # noqa: E402


@dataclass(frozen=True)
class Section:
    title: str  # as in RESULTS.md
    command: tuple[str, ...]  # the script and its arguments
    code: tuple[str, ...]  # what it measures: a change here makes its numbers stale


SECTIONS = [
    Section("Evidence vault (issue 2)", ("bench_vault.py",),
            ("gavah/pipelines/ingest.py", "gavah/pipelines/derive.py", "gavah/pipelines/verify.py",
             "gavah/pipelines/extract", "gavah/pipelines/claim_runs.py", "gavah/core/extract",
             "gavah/store", "gavah/cli", "gavah/core/hashing.py", "bench/bench_vault.py")),
    Section("Backup and restore (issue 18)", ("bench_backup.py",),
            ("gavah/pipelines/backup.py", "gavah/pipelines/backup_check.py",
             "gavah/pipelines/restore.py", "gavah/store/backup_place.py", "gavah/store/dump.py",
             "gavah/store/blobs", "gavah/core/hashing.py", "bench/bench_backup.py")),
    Section("Start-up (whole commands)", ("bench_startup.py",),
            ("gavah/cli", "gavah/pipelines", "gavah/store", "bench/bench_startup.py")),
    Section("Claims extraction (issue 3)", ("bench_extraction.py",),
            ("gavah/core/extract", "gavah/core/dates.py", "gavah/core/names.py",
             "gavah/core/text.py", "bench/bench_extraction.py", "bench/eval_extraction.py")),
    Section("claims model, cross-validated on dev", ("cv_claims_model.py",),
            ("gavah/core/extract", "gavah/core/dates.py", "gavah/core/names.py",
             "gavah/core/text.py", "bench/cv_claims_model.py", "bench/corpus_scoring.py",
             "bench/claims_corpus.py", "scripts/train_extract_model.py",
             "bench/data/claims_corpus/gold")),
    Section("speaker model, cross-validated on dev", ("cv_speaker_model.py",),
            ("gavah/core/extract", "gavah/core/dates.py", "gavah/core/names.py",
             "gavah/core/text.py", "bench/cv_speaker_model.py", "bench/corpus_scoring.py",
             "bench/claims_corpus.py", "scripts/train_speaker_model.py",
             "bench/data/claims_corpus/gold")),
    Section("MSE simulation (issue 5)",
            ("simulate_mse.py", "--replicates", "8", "--population", "1500"),
            ("gavah/core/estimate", "gavah/pipelines/estimate", "gavah/pipelines/victims",
             "bench/simulate_mse.py", "bench/victim_data.py")),
    Section("Record linkage (issue 5)",
            ("bench_linkage.py", "--febrl", "--scale", "100000", "--spark", "5000"),
            ("gavah/core/names.py", "gavah/core/victims", "gavah/pipelines/victims",
             "bench/bench_linkage.py", "bench/victim_data.py")),
    Section("Time-stamps (issue 13)", ("bench_timestamps.py",),
            ("gavah/pipelines/timestamps.py", "gavah/pipelines/ingest.py", "gavah/store",
             "bench/bench_timestamps.py")),
    Section("Web capture", ("bench_capture.py",),
            ("gavah/pipelines/capture", "gavah/store", "bench/bench_capture.py")),
    Section("Blobs on S3 (issue 16)", ("bench_s3.py",),
            ("gavah/store/blobs", "gavah/pipelines/verify.py", "gavah/pipelines/ingest.py",
             "bench/bench_s3.py")),
    Section("Signing key on a PKCS#11 token (issue 18)", ("bench_pkcs11.py",),
            ("gavah/store/pkcs11_signer.py", "gavah/core/custody.py", "gavah/store/custody.py",
             "bench/bench_pkcs11.py")),
    Section("Encryption at rest",
            ("bench_sealed.py", "--large-mib", "128", "--small", "500", "--rounds", "3"),
            ("gavah/pipelines/sealing.py", "gavah/pipelines/ingest.py", "gavah/pipelines/verify.py",
             "gavah/store/blobs", "gavah/store/datakey.py", "bench/bench_sealed.py")),
    Section("Sign-in with argon2 and its limits (issue 18)", ("bench_sign_in.py",),
            ("gavah/pipelines/accounts.py", "gavah/store/accounts.py", "bench/bench_sign_in.py")),
    Section("Ingest on Dask (issue 16)", ("bench_dask.py",),
            ("gavah/pipelines/ingest.py", "gavah/pipelines/extract",
             "gavah/pipelines/claim_runs.py", "gavah/store", "bench/bench_dask.py")),
    # The long ones: each builds a large FICTIONAL workspace first (most of an hour or more).
    Section("Disclosure export (issue 12)", ("bench_export.py",),
            ("gavah/pipelines/export", "gavah/pipelines/cases", "gavah/store",
             "bench/bench_export.py", "bench/export_case.py")),
    Section("Database scale, postgresql (issue 16)",
            ("bench_scale.py", "--backend", "postgresql", "--items", "1000000",
             "--claims", "10000000"),
            ("gavah/web", "gavah/pipelines/search.py", "gavah/pipelines/verify.py", "gavah/store",
             "bench/bench_scale.py", "bench/scale_data.py", "bench/explain_capture.py")),
    Section("Database scale, sqlite (issue 16)",
            ("bench_scale.py", "--backend", "sqlite", "--items", "1000000",
             "--claims", "10000000", "--compare-items", "0"),
            ("gavah/web", "gavah/pipelines/search.py", "gavah/pipelines/browse.py",
             "gavah/pipelines/verify.py", "gavah/store", "bench/bench_scale.py",
             "bench/scale_data.py", "bench/explain_capture.py")),
    Section("Database scale, postgresql, browse (issue 16)",
            ("bench_scale.py", "--backend", "postgresql", "--items", "1000000",
             "--claims", "10000000", "--compare-items", "0", "--pages", "browse",
             "--no-verify"),
            ("gavah/web", "gavah/pipelines/browse.py", "gavah/store", "bench/bench_scale.py",
             "bench/scale_data.py", "bench/explain_capture.py")),
    # Last: the longest, and the one most disturbed by other work on the machine.
    Section("Web app (issue 4)", ("bench_web.py", "--items", "100000"),
            ("gavah/web", "gavah/pipelines", "gavah/store", "bench/bench_web.py")),
]


# Written once by hand, not by a script: a blind evaluation is run once by design.
# The linkage section of issue 17 gathers several scripts' output (bench_hard_linkage.py,
# simulate_linkage_coverage.py) and held-out configurations that are likewise run once.
# The ingest profile of issue 15 is a py-spy and perf reading, not a repeatable bench.
BY_HAND = ["Claims extraction on real documents (issue 14)",
           "Linkage with uncertain names, and linkage uncertainty in the estimate (issue 17)",
           "Ingest of 10,000 small files with claims: what limits it (issue 15)"]


def measured_commit(title: str) -> str | None:
    text = (HERE / "RESULTS.md").read_text()
    found = re.search(rf"^## {re.escape(title)}\n+Measured [^\n]*? on commit (\w+)", text,
                      re.M)
    return found.group(1) if found else None


def staleness(section: Section) -> str | None:
    """Why the section's numbers are stale, or None when they measure the current code."""
    commit = measured_commit(section.title)
    if commit is None:
        return "it names no commit"
    changed = subprocess.run(["git", "-C", str(ROOT), "diff", "--name-only", commit, "--",
                              *section.code], capture_output=True, text=True)
    if changed.returncode != 0:
        return f"commit {commit} is not in this repository"
    files = changed.stdout.split()
    return f"{len(files)} file(s) it measures changed since {commit}" if files else None


def to_check(title: str) -> str:
    """', N reading(s) to check' when the section has flagged readings."""
    found = results.section_pattern(f"## {title}").search((HERE / "RESULTS.md").read_text())
    count = results.flagged(found.group(0)) if found else 0
    return f"; {count} reading(s) to check against its numbers" if count else ""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stale", action="store_true", help="only the stale sections")
    parser.add_argument("--list", action="store_true", help="say which are stale; run none")
    parser.add_argument("--skip", action="append", default=[], help="a script to leave out")
    args = parser.parse_args()
    failed = []
    if args.list:
        for title in BY_HAND:
            print(f"{title}: written by hand (run once by design), not re-measured")
    for section in SECTIONS:
        why = staleness(section)
        if args.list:
            print(f"{section.title}: {'stale, ' + why if why else 'current'}"
                  f"{to_check(section.title)}")
            continue
        if section.command[0] in args.skip or (args.stale and why is None):
            continue
        print(f"== {' '.join(section.command)}", flush=True)
        if subprocess.run([sys.executable, str(HERE / section.command[0]),
                           *section.command[1:]]).returncode != 0:
            failed.append(section.command[0])
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
