"""Disclosure packages end to end on the FICTIONAL case of tests/pipelines/case_world.py:
the package verifies with verify.py alone in a virtualenv without gavah, and each kind of
tampering is found and named."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah.core.errors import BadInput, IntegrityError
from gavah.pipelines.export import package
from gavah.store import keys
from gavah.store.custody import iter_entries
from gavah.store.workspace import Workspace
from tests.conftest import Cli
from tests.pipelines.case_world import ANALYST, CaseWorld, build


@pytest.fixture
def case_world(ws: Workspace, world: Cli, tmp_path: Path) -> CaseWorld:
    return build(ws, world, tmp_path)


@pytest.fixture(scope="module")
def bare_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtualenv with nothing installed: no gavah, no pip."""
    venv = tmp_path_factory.mktemp("bare") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    return venv / "bin" / "python"


def run_verify(python: Path, bag: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(python), "-I", str(bag / "verify.py")], capture_output=True,
                          text=True, cwd=bag.parent, timeout=300)


def _payload(bag: Path) -> list[Path]:
    return sorted(p for p in (bag / "data" / "items").rglob("*") if p.is_file())


def _rewrite_chain(bag: Path, change: Callable[[list[dict]], None]) -> None:  # type: ignore[type-arg]
    path = bag / "data" / "custody" / "chain.jsonl"
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    change(lines)
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))


def _edit_full_entry(lines: list[dict]) -> None:  # type: ignore[type-arg]
    entry = next(e for e in lines if "time" in e)
    entry["actor"] = "someone-else"


def _swap(lines: list[dict]) -> None:  # type: ignore[type-arg]
    lines[2], lines[3] = lines[3], lines[2]


def _flip_byte(bag: Path) -> str:
    target = _payload(bag)[0]
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    return target.relative_to(bag).as_posix()


def _delete(bag: Path) -> str:
    target = _payload(bag)[-1]
    target.unlink()
    return target.relative_to(bag).as_posix()


def _add(bag: Path) -> str:
    (bag / "data" / "items" / "planted.txt").write_text("FICTIONAL planted evidence")
    return "data/items/planted.txt"


def _edit_custody(bag: Path) -> str:
    _rewrite_chain(bag, _edit_full_entry)
    seq = next(json.loads(x)["seq"] for x in
               (bag / "data/custody/chain.jsonl").read_text().splitlines() if '"time"' in x)
    return f"entry seq {seq}"


def _reorder(bag: Path) -> str:
    _rewrite_chain(bag, _swap)
    return "entry seq 4"


def _strip_last_signature(bag: Path) -> str:
    """The newest entry's signature removed: the unsigned entries before it, which it
    covered, are left with none."""
    _rewrite_chain(bag, lambda lines: lines[-1].update(signature=""))
    lines = [json.loads(x) for x in (bag / "data/custody/chain.jsonl").read_text()
             .splitlines()]
    first = next(e["seq"] for e in reversed(lines) if e["signature"]) + 1
    return f"entries seq {first}-{lines[-1]['seq']}"


def _replace_signature(bag: Path) -> str:
    forged = Ed25519PrivateKey.generate().sign((bag / "tagmanifest-sha256.txt").read_bytes())
    (bag / "tagmanifest-sha256.txt.sig").write_text(base64.b64encode(forged).decode())
    return "tagmanifest-sha256.txt.sig"


def _replace_key(bag: Path) -> str:
    other = keys.public_pem(Ed25519PrivateKey.generate().public_key())
    (bag / "data" / "custody" / "public_key.pem").write_bytes(other)
    return "data/custody/public_key.pem"


def _edit_case(bag: Path) -> str:
    path = bag / "data" / "case.json"
    case = json.loads(path.read_text())
    case["exculpatory"] = []
    path.write_text(json.dumps(case))
    return "data/case.json"


TAMPERS = {"one byte of a payload": _flip_byte, "file deleted": _delete, "file added": _add,
           "custody entry edited": _edit_custody, "entries reordered": _reorder,
           "newest entry's signature stripped": _strip_last_signature,
           "signature replaced": _replace_signature, "public key replaced": _replace_key,
           "case JSON edited": _edit_case}


def test_round_trip_and_every_tamper_is_named(ws: Workspace, case_world: CaseWorld,
                                              bare_python: Path, tmp_path: Path) -> None:
    done = package.export(ws, ANALYST, case_world.case["id"], tmp_path / "pkg", "court")
    assert (tmp_path / "pkg" / "verify.py").is_file() and done.items
    fresh = tmp_path / "copy" / "pkg"
    shutil.copytree(tmp_path / "pkg", fresh)
    ran = run_verify(bare_python, fresh)
    assert ran.returncode == 0, ran.stdout
    assert "VERIFIED" in ran.stdout and done.key_id in ran.stdout
    assert "pure-Python Ed25519" in ran.stdout  # no cryptography in the bare venv
    fast = run_verify(Path(sys.executable), fresh)
    assert fast.returncode == 0 and "cryptography package" in fast.stdout, fast.stdout
    assert "time-stamp: none" in ran.stdout
    # gavah signs each transaction's last entry: the chain sent holds unsigned ones too.
    signatures = [json.loads(line)["signature"] for line in
                  (fresh / "data/custody/chain.jsonl").read_text().splitlines()]
    assert "" in signatures and signatures[-1]
    import bagit

    assert bagit.Bag(str(fresh)).validate()
    pinned = subprocess.run([str(bare_python), "-I", str(fresh / "verify.py"), "--key-id",
                             "0" * 16], capture_output=True, text=True)
    assert pinned.returncode == 1 and "the key was replaced" in pinned.stdout
    for n, (name, tamper) in enumerate(TAMPERS.items()):
        copy = tmp_path / f"tamper-{n}" / "pkg"
        shutil.copytree(tmp_path / "pkg", copy)
        where = tamper(copy)
        # both Ed25519 paths: the verifier's own code, and cryptography's when installed
        for python in (bare_python, Path(sys.executable)):
            ran = run_verify(python, copy)
            assert ran.returncode == 1, f"{name} not detected by {python}:\n{ran.stdout}"
            problems = [line for line in ran.stdout.splitlines() if "PROBLEM" in line]
            assert any(where in line for line in problems), \
                f"{name}: {where} not named by {python} in\n{ran.stdout}"


def test_worker_processes_make_the_same_package(ws: Workspace, case_world: CaseWorld,
                                                bare_python: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A long chain is written, and the report laid out, by worker processes (side.py):
    forced here on a short one, the package verifies and holds what the exporter's own
    process writes (a chain one entry longer: the first export's own entry)."""
    from gavah.pipelines.export import side

    package.export(ws, ANALYST, case_world.case["id"], tmp_path / "here", "public")
    monkeypatch.setattr(side, "WORKERS_FROM", 0)
    package.export(ws, ANALYST, case_world.case["id"], tmp_path / "workers", "public")
    ran = run_verify(bare_python, tmp_path / "workers")
    assert ran.returncode == 0 and "VERIFIED" in ran.stdout, ran.stdout
    import bagit

    assert bagit.Bag(str(tmp_path / "workers")).validate()
    chains = [(tmp_path / d / "data/custody/chain.jsonl").read_bytes().splitlines()
              for d in ("here", "workers")]
    assert len(chains[1]) == len(chains[0]) + 1 and chains[1][:-1] == chains[0]
    cases = [json.loads((tmp_path / d / "data/case.json").read_text())
             for d in ("here", "workers")]
    assert cases[1]["custody"]["last_seq"] == cases[0]["custody"]["last_seq"] + 1
    for case in cases:
        del case["exported_at"], case["custody"]["last_seq"], case["custody"]["last_hash"]
    assert cases[0] == cases[1]
    texts = [subprocess.run(["pdftotext", str(tmp_path / d / "report.pdf"), "-"],
                            capture_output=True, text=True, check=True).stdout.splitlines()
             for d in ("here", "workers")]
    assert len(texts[0]) == len(texts[1]) > 20
    differ = [n for n, (a, b) in enumerate(zip(*texts, strict=True)) if a != b]
    assert len(differ) == 2  # the export's time and the manifest's SHA-256 on the cover
    assert (tmp_path / "here/exhibits.csv").read_bytes() == \
        (tmp_path / "workers/exhibits.csv").read_bytes()


def test_export_is_a_custody_entry_naming_every_item(ws: Workspace, case_world: CaseWorld,
                                                     tmp_path: Path) -> None:
    done = package.export(ws, ANALYST, case_world.case["id"], tmp_path / "p.zip", "defence")
    with ws.db.read() as session:
        entry = next(iter_entries(session, newest_first=True, limit=1))
    assert entry.action == "exported" and entry.seq == done.custody_seq
    assert entry.details["recipient"] == "defence"
    assert entry.details["level"] == "restricted"
    assert sorted(i for i, _ in entry.details["read_items"]) == done.items
    assert entry.details["tagmanifest_sha256"] == done.tagmanifest_sha256
    with zipfile.ZipFile(tmp_path / "p.zip") as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "unzipped")
    assert "verify.py" in names and "data/case.json" in names
    assert run_verify(Path(sys.executable), tmp_path / "unzipped").returncode == 0


def test_public_package_withholds_and_pseudonymises(ws: Workspace, case_world: CaseWorld,
                                                    world: Cli, tmp_path: Path) -> None:
    # Mina Rostami (FICTIONAL) is quoted in the NGO page the case relies on.
    world("entities", "protect", "Mina Rostami", "--reason", "FICTIONAL: a witness")
    done = package.export(ws, ANALYST, case_world.case["id"], tmp_path / "pub", "public")
    assert done.level == "public"
    assert case_world.secret_item not in done.items
    assert any(w["what"] == "item" and "confidential" in w["reason"] for w in done.withheld)
    case = json.loads((tmp_path / "pub" / "data" / "case.json").read_text())
    assert all(i["classification"] == "public" for i in case["items"])
    assert any(i["redacted"] for i in case["items"])
    pdf_text = subprocess.run(["pdftotext", str(tmp_path / "pub" / "report.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
    assert "Exhibits" in pdf_text and "Kian Sohrabi" in pdf_text
    texts = {path: path.read_bytes().decode("utf-8", "replace")
             for path in (tmp_path / "pub").rglob("*") if path.is_file()}
    texts[Path("report.pdf as text")] = pdf_text
    for path, text in texts.items():
        for name in ("Mina Rostami", "مینا رستمی", "witness.txt"):
            assert name not in text, f"{name} in {path}"
    assert "Protected person " in (tmp_path / "pub" / "data" / "case.json").read_text()
    with ws.db.read() as session:
        entry = next(iter_entries(session, newest_first=True, limit=1))
    assert entry.action == "exported" and entry.details["redacted"] == done.redacted
    for _item, path, sha256 in done.redacted:
        assert hashlib.sha256((tmp_path / "pub" / path).read_bytes()).hexdigest() == sha256
    assert run_verify(Path(sys.executable), tmp_path / "pub").returncode == 0


def test_exculpatory_material_always_exported(ws: Workspace, case_world: CaseWorld,
                                              tmp_path: Path) -> None:
    package.export(ws, ANALYST, case_world.case["id"], tmp_path / "pkg", "public")
    case = json.loads((tmp_path / "pkg" / "data" / "case.json").read_text())
    disputing = case_world.claims["State Herald"]
    assert any(x["claim"] == disputing["id"] for x in case["exculpatory"])
    sent = {i["id"] for i in case["items"]}
    assert disputing["item_id"] in sent
    assert case_world.claims["Northgate Monitor"]["item_id"] in sent


def test_bad_target_and_recipient_leave_nothing(ws: Workspace, case_world: CaseWorld,
                                                tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="recipient"):
        package.export(ws, ANALYST, case_world.case["id"], tmp_path / "x", "press")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "a").write_text("x")
    with pytest.raises(BadInput, match="already exists"):
        package.export(ws, ANALYST, case_world.case["id"], tmp_path / "full", "court")
    assert not (tmp_path / "x").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".gavah")) == []


def test_altered_original_stops_the_export(ws: Workspace, case_world: CaseWorld,
                                            tmp_path: Path) -> None:
    # Each original is hashed as it is copied: bytes not as recorded never leave.
    sha256 = next(i for i in ws_items(ws) if i["id"] == case_world.claims[
        "Northgate Monitor"]["item_id"])["sha256"]
    blob = ws.blobs.path(sha256)  # type: ignore[attr-defined]
    blob.chmod(0o600)
    blob.write_bytes(blob.read_bytes().replace(b"2,800", b"2,900"))
    with pytest.raises(IntegrityError, match=sha256):
        package.export(ws, ANALYST, case_world.case["id"], tmp_path / "pkg", "court")
    assert not (tmp_path / "pkg").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".gavah-export")]


def ws_items(ws: Workspace) -> list[dict]:  # type: ignore[type-arg]
    from gavah.store import items as item_store

    with ws.db.read() as session:
        return item_store.list_items(session)


def test_persian_report(ws: Workspace, case_world: CaseWorld, tmp_path: Path) -> None:
    package.export(ws, ANALYST, case_world.case["id"], tmp_path / "fa", "court", lang="fa")
    pdf = tmp_path / "fa" / "report.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "فهرست مدارک" in text and "راه وارسی" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "Vazirmatn" in fonts
    with pytest.raises(BadInput, match="language"):
        package.export(ws, ANALYST, case_world.case["id"], tmp_path / "x", "court", lang="de")


def test_time_stamp_over_the_tag_manifest(ws: Workspace, case_world: CaseWorld,
                                          tmp_path: Path) -> None:
    from gavah.pipelines import timestamps
    from tests.tsa import LocalTsa

    with LocalTsa() as tsa:
        timestamps.add_tsa(ws, tsa.url, tsa.ca_path.read_bytes(), "test")
        done = package.export(ws, ANALYST, case_world.case["id"], tmp_path / "pkg", "court")
    assert done.timestamped
    bag = tmp_path / "pkg"
    assert "RFC 3161 token" in (bag / "bag-info.txt").read_text()
    ran = run_verify(Path(sys.executable), bag)
    assert ran.returncode == 0, ran.stdout
    assert "message imprint matches" in ran.stdout and "checked with openssl" in ran.stdout
    (bag / "tagmanifest-sha256.txt.tsr").write_bytes(
        (bag / "tagmanifest-sha256.txt.tsr").read_bytes().replace(
            bytes.fromhex(done.tagmanifest_sha256), bytes(32)))
    ran = run_verify(Path(sys.executable), bag)
    assert ran.returncode == 1 and "tagmanifest-sha256.txt.tsr" in ran.stdout


def test_originals_started_ahead_and_not_sent_are_removed(
        ws: Workspace, case_world: CaseWorld, world: Cli, bare_python: Path,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Originals are copied before the case file is built (ahead.py); a witness marked
    protected meanwhile makes the text that names her go as a redacted copy: the
    original started ahead is removed, listed nowhere, and the package verifies."""
    from gavah.pipelines.export import ahead

    real, started = ahead.start, {}

    def start(*args: object) -> dict[str, object]:
        started.update(real(*args))  # type: ignore[arg-type]
        world("entities", "protect", "Mina Rostami", "--reason", "FICTIONAL: a witness")
        return started

    monkeypatch.setattr(ahead, "start", start)
    done = package.export(ws, ANALYST, case_world.case["id"], tmp_path / "pkg", "court")
    witness = [rel for rel in started if rel.endswith("/ngo.html")]  # quotes her
    assert len(started) >= 3 and len(witness) == 1
    assert not (tmp_path / "pkg" / witness[0]).exists()
    assert not (tmp_path / "pkg" / witness[0]).parent.exists()
    case = json.loads((tmp_path / "pkg" / "data" / "case.json").read_text())
    sent = {i["file"] for i in case["items"]}
    assert set(started) - sent == set(witness) and done.redacted
    for path in (tmp_path / "pkg").rglob("*"):
        if path.is_file() and path.suffix != ".pdf":
            assert b"Mina Rostami" not in path.read_bytes(), path
    ran = run_verify(bare_python, tmp_path / "pkg")
    assert ran.returncode == 0 and "VERIFIED" in ran.stdout, ran.stdout
    import bagit

    assert bagit.Bag(str(tmp_path / "pkg")).validate()
