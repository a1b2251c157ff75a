"""gavah as it was at an earlier commit, to measure it beside this checkout in the same
run (numbers from different days on this kind of machine cannot be compared)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"


def code_of(rev: str) -> Path:
    """A folder holding the `gavah` package of commit `rev`, exported from git. Kept by
    the commit's id, not by the name given: a branch name such as `main` moves."""
    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", f"{rev}^{{commit}}"],
                         capture_output=True, check=True, text=True).stdout.strip()
    folder = CACHE / f"code-{rev}"
    if not (folder / "gavah").exists():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "gavah"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def gavah_command(rev: str | None) -> tuple[list[str], dict[str, str]]:
    """The command line that runs `gavah` from commit `rev` (this checkout for None), and
    the environment it needs."""
    if rev is None:
        return [str(Path(sys.executable).parent / "gavah")], {}
    # -P: with -c, the current directory (this checkout) would come first on the path,
    # ahead of PYTHONPATH, and the "baseline" would run this code. Worker processes are
    # given the same path.
    return ([sys.executable, "-P", "-c", "import sys; from gavah.cli.main import run; "
             "sys.argv[0] = 'gavah'; sys.exit(run())"], {"PYTHONPATH": str(code_of(rev))})
