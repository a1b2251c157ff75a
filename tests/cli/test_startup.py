"""Start-up is a feature: the `gavah` entry point loads no heavy library until a command
that needs it runs. Checked in a fresh interpreter, as a user's shell starts one."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# Libraries that cost tenths of a second or more to import, and the commands that need
# them: estimates (numpy, scipy, statsmodels, matplotlib), linkage (splink, duckdb,
# pandas), the web app (fastapi, starlette, uvicorn, jinja2), extraction (trafilatura,
# lxml, PIL, pypdfium2), entities' exchange format (followthemoney), the database
# (sqlalchemy, alembic: not for --help), web capture (playwright, warcio).
HEAVY = ("numpy", "scipy", "pandas", "matplotlib", "statsmodels", "splink", "duckdb",
         "fastapi", "starlette", "uvicorn", "jinja2", "trafilatura", "lxml", "PIL",
         "pypdfium2", "followthemoney", "sqlalchemy", "alembic", "cryptography",
         # time-stamps and provenance (rfc3161-client, asn1crypto, c2pa-python, pyhanko)
         "rfc3161_client", "asn1crypto", "c2pa", "pyhanko", "pyhanko_certvalidator",
         # web capture
         "playwright", "warcio",
         # vocabularies and frameworks (PyYAML): help fills vocabulary values in when shown
         "yaml",
         # Typer converts values with Pydantic; gavah/cli/coercion.py does plain ones
         "pydantic", "pydantic_core")


# Not heavy alone, but loaded only where used: Rich (for output to people), the claims'
# tables (pages with text), SQLAlchemy's PostgreSQL dialect (on a SQLite workspace).
NOT_FOR_READING_JSON = ("rich", "gavah.store.claim_tables", "sqlalchemy.dialects.postgresql")


def modules_after(code: str) -> set[str]:
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True)
    return set(json.loads(run.stdout.splitlines()[-1]))


def loaded_after(code: str) -> set[str]:
    return {name.split(".")[0] for name in modules_after(code)}


def test_importing_the_cli_loads_no_heavy_library() -> None:
    loaded = loaded_after("import gavah.cli.main")
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_help_loads_no_heavy_library() -> None:
    loaded = loaded_after(
        "import sys\nfrom gavah.cli.main import app\nsys.argv = ['gavah', '--help']\n"
        "try:\n    app()\nexcept SystemExit:\n    pass")
    assert not loaded & {*HEAVY, "rich"}, sorted(loaded & {*HEAVY, "rich"})


@pytest.mark.parametrize("args", [["items", "--json"], ["show", "1", "--json"],
                                  ["log", "--json"]])
def test_reading_commands_load_only_the_database(tmp_path, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "ws"
    note = tmp_path / "note.txt"
    note.write_text("FICTIONAL test note.\n")
    gavah = [sys.executable, "-m", "gavah.cli", "--home", str(home)]
    subprocess.run([*gavah, "init"], check=True, capture_output=True)
    subprocess.run([*gavah, "ingest", "--no-claims", str(note)], check=True,
                   capture_output=True)
    modules = modules_after(
        "import sys\nfrom gavah.cli.main import app\n"
        f"sys.argv = ['gavah', '--home', {str(home)!r}, *{args!r}]\n"
        "try:\n    app()\nexcept SystemExit:\n    pass")
    loaded = {name.split(".")[0] for name in modules}
    allowed = {"sqlalchemy", "cryptography"}
    if args[0] == "show":  # its history tells reads from changes by the declared actions
        allowed.add("yaml")
    assert not loaded & (set(HEAVY) - allowed), sorted(loaded & (set(HEAVY) - allowed))
    unwanted = {m for m in modules if m.startswith(NOT_FOR_READING_JSON)}
    assert not unwanted, sorted(unwanted)
