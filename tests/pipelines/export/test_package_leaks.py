"""No disclosure package shows anything above its recipient's level: a FICTIONAL case
with an item, a source, an event, a suspect-linked entity and a link note at every level,
and a protected person, exported for every recipient; every file of the package (the
zip's members, report.pdf as text through pdftotext) is searched for every marker of
every level above the recipient's, and for the protected person's names.

tests/pipelines/export/test_package.py checks the public package for one protected
person and one confidential file name; this one covers every level and every recipient."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest

from gavah.core.levels import LEVELS, allowed
from gavah.pipelines import cases
from gavah.pipelines.cases import casefile
from gavah.pipelines.export import contents, package
from gavah.pipelines.export.contents import RECIPIENTS
from gavah.store.workspace import Workspace
from tests.conftest import Cli, write
from tests.pipelines.case_world import ANALYST

PROTECTED = ("Xandra Pellwick", "زاندرا پلویک")  # a FICTIONAL witness, in two scripts
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _marker(level: str, what: str) -> str:
    """A string found nowhere else: what it marks, at which level."""
    return f"Qz{what}{level.replace('-', '')}Mark"


def _build(cli: Cli, ws: Workspace, tmp_path: Path) -> int:
    cli("entities", "add", "Orin Valecourt", "--type", "Person")  # the suspect, public
    witness = cli.json("entities", "add", PROTECTED[0], "--type", "Person")
    cli("entities", "alias", str(witness["id"]), PROTECTED[1])
    cli("entities", "protect", PROTECTED[0], "--reason", "FICTIONAL: a witness")
    case = cases.create(ws, ANALYST, "FICTIONAL: the Valecourt case")
    cases.charge(ws, ANALYST, case["id"], "Orin Valecourt", "cah-murder", "commission")
    for level in LEVELS:
        source = _marker(level, "Source")
        cli("sources", "add", source, "--type", "ngo", "--affiliation", "independent",
            "--classification", level)
        folder = tmp_path / f"in-{level}"
        write(folder, f"{_marker(level, 'File')}.txt",
              f"FICTIONAL TEST DOCUMENT. {_marker(level, 'Text')}: {PROTECTED[0]} "
              f"({PROTECTED[1]}) saw the guards at the fictional Eastbrook prison.")
        cli("ingest", str(folder), "--source", source, "--classification", level)
        item = next(i for i in cli.json("items")
                    if i["original_name"] == f"{_marker(level, 'File')}.txt")["id"]
        event = cli.json("events", "add", f"FICTIONAL {_marker(level, 'Event')}", "--type",
                         "execution", "--date", "1988-08", "--classification", level)
        cli("entities", "add", _marker(level, "Entity"), "--type", "Person",
            "--classification", level)
        cases.link(ws, ANALYST, case["id"], "cah-murder.1", "item", str(item), "supports",
                   note=f"FICTIONAL {_marker(level, 'Note')}")
        cases.link(ws, ANALYST, case["id"], "cah-murder.1", "event", str(event["id"]),
                   "supports")
    return int(case["id"])


def _texts(root: Path) -> dict[str, str]:
    """Every file of the package as text; report.pdf also through pdftotext."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        found[str(path.relative_to(root))] = data.decode("utf-8", "replace")
        if path.suffix == ".pdf":
            found[f"{path.relative_to(root)} as text"] = subprocess.run(
                ["pdftotext", str(path), "-"], capture_output=True, text=True,
                check=True).stdout
    return found


@sqlite_only
def test_no_package_holds_anything_above_its_recipient(cli: Cli, ws: Workspace,
                                                      tmp_path: Path) -> None:
    case_id = _build(cli, ws, tmp_path)
    for recipient, level in RECIPIENTS.items():
        target = tmp_path / f"{recipient}.zip"
        done = package.export(ws, ANALYST, case_id, target, recipient)
        unzipped = tmp_path / recipient
        with zipfile.ZipFile(target) as archive:
            archive.extractall(unzipped)
        texts = _texts(unzipped)
        above = [lvl for lvl in LEVELS if not allowed(lvl, level)]
        below = [lvl for lvl in LEVELS if allowed(lvl, level)]
        for name, text in texts.items():
            for hidden in above:
                for what in ("Source", "File", "Text", "Event", "Note", "Entity"):
                    marker = _marker(hidden, what)
                    assert marker not in text, f"{marker} in {name} for the {recipient}"
            for name_of_witness in PROTECTED:
                assert name_of_witness not in text, f"a protected name in {name}"
        # The test can fail: what the recipient may see is there.
        everything = "\n".join(texts.values())
        for shown in below:
            assert _marker(shown, "Text") in everything, (recipient, shown)
            assert _marker(shown, "Event") in everything, (recipient, shown)
            for what in ("Source", "File", "Note"):
                assert _marker(shown, what) in everything, (recipient, shown, what)
        assert len(done.withheld) > 0 or not above


@sqlite_only
def test_withheld_is_counted_as_a_second_build_would(cli: Cli, ws: Workspace,
                                                      tmp_path: Path) -> None:
    # What is withheld is counted from the recipient's case file widened to the
    # exporter's view, not from a second build: the same evidence, exculpatory
    # material and counts as the exporter's own build gives.
    case_id = _build(cli, ws, tmp_path)
    full = cases.build(ws, ANALYST, case_id, via="export", audit=False)
    for recipient, level in RECIPIENTS.items():
        found = contents.decide(ws, ANALYST, case_id, recipient)
        evidence, exculpatory = casefile.widened(ws, ANALYST, found.case)
        assert [e.to_dict() for e in evidence] == [e.to_dict() for e in full.evidence]
        assert exculpatory == full.exculpatory
        assert found.withheld == contents.withheld((full.evidence, full.exculpatory),
                                                   found.case, level)
        assert bool(found.withheld) == (level != ANALYST.clearance)
