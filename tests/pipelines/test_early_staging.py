"""A few large files staged before `gavah ingest` opens its workspace (gavah.pipelines.
early): the same items and blobs as staging them in the ingest, nothing left staged, a
rerun finds them acquired, a file changed meanwhile is stored as it is now, and no early
staging for originals to be sealed, for a cluster, or for many or small files. Files are
FICTIONAL."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from gavah.pipelines import early, ingest, verify
from gavah.store.workspace import Workspace
from tests.conftest import Cli, on_every_store, write


@pytest.fixture()
def staged_early(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any total counts as large; the paths staged early, in the order they were."""
    monkeypatch.setattr(early, "MIN_BYTES", 1)
    seen: list[str] = []
    real = early._stage

    def stage(blobs, path):  # type: ignore[no-untyped-def]
        seen.append(Path(path).name)
        return real(blobs, path)

    monkeypatch.setattr(early, "_stage", stage)
    return seen


def _files(folder: Path, count: int) -> dict[str, str]:
    shas = {}
    for i in range(count):
        body = f"FICTIONAL record {i}\n".encode() * (1000 + i)
        write(folder, f"r{i}.bin", body)
        shas[f"r{i}.bin"] = hashlib.sha256(body).hexdigest()
    return shas


@on_every_store
def test_files_staged_early_are_the_items(cli: Cli, ws: Workspace, tmp_path: Path,
                                          staged_early: list[str]) -> None:
    shas = _files(tmp_path / "in", 3)
    report = cli.json("ingest", str(tmp_path / "in"))
    assert sorted(staged_early) == sorted(shas)
    assert {Path(r["path"]).name: r["sha256"] for r in report["acquired"]} == shas
    for row in report["acquired"]:
        assert ws.blobs.rehash(row["sha256"]) == (row["sha256"], row["size"])
    assert ws.blobs.leftovers() == [], "nothing left staged"
    staged_early.clear()
    again = cli.json("ingest", str(tmp_path / "in"))
    assert len(again["already_acquired"]) == 3 and not again["acquired"]
    assert sorted(staged_early) == sorted(shas)  # staged early, then found acquired
    assert ws.blobs.leftovers() == []
    assert verify.verify(ws).ok


def test_a_file_changed_after_early_staging_is_stored_as_it_is_now(
        ws: Workspace, tmp_path: Path, staged_early: list[str]) -> None:
    _files(tmp_path / "in", 2)
    staging = early.start(ws.home, [str(tmp_path / "in")], "public", None)
    assert staging is not None
    with staging:
        now = b"FICTIONAL record 0, rewritten after it was staged\n"
        write(tmp_path / "in", "r0.bin", now)
        report = ingest.ingest_paths(ws, [str(tmp_path / "in")],
                                     ingest.Options(claims=False), "test", early=staging)
    by_name = {Path(r["path"]).name: r["sha256"] for r in report.acquired}
    assert by_name["r0.bin"] == hashlib.sha256(now).hexdigest()
    assert ws.blobs.leftovers() == [], "the early copy of the old r0.bin was discarded"
    assert verify.verify(ws).ok


def test_no_early_staging_where_the_ingest_would_not_stage_on_threads(
        ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _files(tmp_path / "few", 2)
    _files(tmp_path / "many", early.MAX_FILES + 1)
    assert early.start(ws.home, [str(tmp_path / "few")], "public", None) is None  # small
    monkeypatch.setattr(early, "MIN_BYTES", 1)
    assert early.start(ws.home, [str(tmp_path / "many")], "public", None) is None
    assert early.start(ws.home, [str(tmp_path / "few")], "confidential", None) is None
    assert early.start(ws.home, [str(tmp_path / "few")], "public", "tcp://127.0.0.1:1") is None
    staging = early.start(ws.home, [str(tmp_path / "few")], "public", None)
    assert staging is not None
    staging.close()  # nobody took them: discarded
    assert ws.blobs.leftovers() == []


def test_the_thresholds_follow_the_ingest() -> None:
    from gavah.pipelines.extractor import PARALLEL_FROM

    assert early.MAX_FILES == PARALLEL_FROM - 1
    assert early.MIN_BYTES == ingest.PARALLEL_BYTES
