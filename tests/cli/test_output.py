"""Output for people goes through a Rich console made when first used: stored values are
still printed as text (their markup escaped, terminal controls replaced), and --json
output never loads Rich."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import write

GAVAH = [sys.executable, "-m", "gavah.cli"]
NAME = "[bold]FICTIONAL [red]note \x1b[31mred.txt"


def test_stored_values_print_as_text_and_json_loads_no_rich(tmp_path: Path) -> None:
    base = [*GAVAH, "--home", str(tmp_path / "ws")]
    subprocess.run([*base, "init"], check=True, capture_output=True)
    write(tmp_path / "in", NAME, "FICTIONAL note for an output test")
    subprocess.run([*base, "ingest", "--no-claims", str(tmp_path / "in")], check=True,
                   capture_output=True)
    for args in (["show", "1"], ["items"]):
        shown = subprocess.run([*base, *args], check=True, capture_output=True,
                               text=True, env={"COLUMNS": "300", "PATH": ""}).stdout
        assert "[bold]FICTIONAL [red]note \ufffd[31mred.txt" in shown, shown
        assert "\x1b" not in shown
    probe = ("import json, sys\nfrom gavah.cli.main import app\n"
             f"sys.argv = ['gavah', '--home', {str(tmp_path / 'ws')!r}, 'show', '1', '--json']\n"
             "try:\n    app()\nexcept SystemExit:\n    pass\n"
             "print(json.dumps(sorted(m for m in sys.modules if m.startswith('rich'))))")
    run = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True,
                         text=True)
    *shown_json, loaded = run.stdout.splitlines()
    assert json.loads("\n".join(shown_json))["original_name"] == NAME
    assert json.loads(loaded) == []
