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


def _workspace_with_a_note(tmp_path, classification: str = "public") -> list[str]:  # type: ignore[no-untyped-def]
    home = tmp_path / "ws"
    note = tmp_path / "note.txt"
    note.write_text("FICTIONAL test note.\n")
    gavah = [sys.executable, "-m", "gavah.cli", "--home", str(home)]
    subprocess.run([*gavah, "init"], check=True, capture_output=True)
    subprocess.run([*gavah, "ingest", "--no-claims", "--classification", classification,
                    str(note)], check=True, capture_output=True)
    return ["--home", str(home)]


def _modules_of_command(args: list[str]) -> set[str]:
    return modules_after(
        "import sys\nfrom gavah.cli.main import app\n"
        f"sys.argv = ['gavah', *{args!r}]\n"
        "try:\n    app()\nexcept SystemExit:\n    pass")


@pytest.mark.parametrize("args", [["items", "--json"], ["show", "1", "--json"],
                                  ["log", "--json"], ["verify", "--json"]])
def test_reading_commands_load_only_the_database(tmp_path, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    modules = _modules_of_command([*_workspace_with_a_note(tmp_path), *args])
    loaded = {name.split(".")[0] for name in modules}
    allowed = {"sqlalchemy", "cryptography"}
    if args[0] == "show":  # its history tells reads from changes by the declared actions
        allowed.add("yaml")
    assert not loaded & (set(HEAVY) - allowed), sorted(loaded & (set(HEAVY) - allowed))
    unwanted = {m for m in modules if m.startswith(NOT_FOR_READING_JSON)}
    assert not unwanted, sorted(unwanted)


# `items`, `show` and `verify` read on the DB-API (gavah.store.fastread): neither
# SQLAlchemy nor the ORM's tables load, nor cryptography where no key is used.
FAST = {"items": set(), "show": {"yaml"}, "verify": {"cryptography"}}


@pytest.mark.parametrize("args", [["items", "--json"], ["show", "1", "--json"],
                                  ["verify", "--json"], ["items"]])
def test_items_show_and_verify_never_load_sqlalchemy(tmp_path, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    modules = _modules_of_command([*_workspace_with_a_note(tmp_path), *args])
    loaded = {name.split(".")[0] for name in modules}
    allowed = FAST[args[0]] | ({"rich"} if "--json" not in args else set())
    assert not loaded & ({*HEAVY, "rich"} - allowed), sorted(loaded & ({*HEAVY, "rich"} - allowed))
    assert not {m for m in modules if m.startswith(("gavah.store.tables", "gavah.store.db"))}


def test_a_protected_read_loads_the_orm_to_record_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Recording the read is the one thing `show` leaves to the ORM path (the custody
    log's one writer): it still happens, and shows in the item's history."""
    base = _workspace_with_a_note(tmp_path, "restricted")
    assert "sqlalchemy" in {m.split(".")[0]
                            for m in _modules_of_command([*base, "show", "1", "--json"])}
    run = subprocess.run([sys.executable, "-m", "gavah.cli", *base, "show", "1", "--json"],
                         check=True, capture_output=True, text=True)
    history = json.loads(run.stdout)["custody"]
    # The first show's read; the second's own is recorded after its record was read.
    assert [e["action"] for e in history] == ["acquired", "derived", "viewed"]
    assert history[-1]["details"] == {"classification": "restricted", "via": "cli"}
