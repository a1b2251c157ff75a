"""The CLI contract: --json prints only JSON, exit codes 0 / 1 / 2, every command documented."""

import json
import subprocess
import sys
from pathlib import Path

from gavah.cli.main import app
from tests.conftest import Cli, write

GAVAH = str(Path(sys.executable).parent / "gavah")


def test_every_listing_command_prints_only_json(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path / "in", "a.txt", "fictional evidence text")
    base = [GAVAH, *cli.args()]
    outputs = {}
    for args in (["ingest", str(tmp_path / "in")], ["items"], ["show", "1"],
                 ["search", "evidence"], ["log"], ["log", "1"], ["verify"], ["extract"],
                 ["init"]):
        run = subprocess.run([*base, *args, "--json"], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        outputs[args[0] + str(len(args))] = json.loads(run.stdout)
    item = outputs["items1"][0]
    assert {"id", "sha256", "size", "media_type", "original_name", "source", "classification",
            "acquired_at"} <= set(item)
    assert set(outputs["verify1"]) >= {"ok", "items_checked", "entries_checked", "problems"}
    assert outputs["search2"]["results"][0]["item_id"] == item["id"]
    assert outputs["search2"]["results"][0]["snippet"]
    entry = outputs["log1"][0]
    assert {"seq", "time", "actor", "action", "item", "details", "prev", "hash",
            "signature"} <= set(entry)


def test_bad_usage_and_unknown_items_exit_2(cli: Cli) -> None:
    assert "no item" in cli("show", "999", code=2).stderr
    assert "no item" in cli("show", "abcdef12", code=2).stderr
    cli("ingest", code=2)  # missing argument: usage error
    cli("nonsense-command", code=2)


def test_help_documents_every_command() -> None:
    from typer.testing import CliRunner

    runner = CliRunner()
    top = runner.invoke(app, ["--help"]).stdout
    for command in ("init", "key", "ingest", "items", "show", "search", "extract", "log",
                    "verify"):
        assert command in top
        assert runner.invoke(app, [*command.split(), "--help"]).exit_code == 0


def test_cli_reads_of_protected_items_are_audited(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path / "p", "public.txt", "fictional public text")
    write(tmp_path / "c", "secret.txt", "fictional confidential text")
    cli("ingest", str(tmp_path / "p"))
    cli("ingest", str(tmp_path / "c"), "--classification", "confidential")
    public, secret = cli.json("items")
    cli("show", str(public["id"]))
    assert [e["action"] for e in cli.json("log", str(public["id"]))] == ["acquired",
                                                                        "derived",
                                                                        "claims-extracted"]
    cli("show", str(secret["id"]))
    viewed = [e for e in cli.json("log", str(secret["id"])) if e["action"] == "viewed"]
    assert len(viewed) == 1 and viewed[0]["details"]["classification"] == "confidential"
    assert viewed[0]["actor"].startswith("cli:")
