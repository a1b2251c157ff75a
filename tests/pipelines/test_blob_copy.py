"""gavah blobs copy: a workspace's blobs moved to S3, the copy proven and recorded."""

import hashlib
import json
from pathlib import Path

import pytest

from gavah.store.blobs import LocalBlobStore
from gavah.store.blobs.s3 import S3BlobStore
from gavah.store.workspace import Workspace
from tests.conftest import Cli, write


@pytest.fixture
def filled(cli: Cli, tmp_path: Path) -> Cli:
    for i in range(4):
        write(tmp_path / "in", f"doc{i}.txt", f"FICTIONAL document {i} about Northgate")
    write(tmp_path / "in", "page.html", "<html><body><p>FICTIONAL page text</p></body></html>")
    cli("ingest", str(tmp_path / "in"), "--no-claims")
    return cli


def test_copy_moves_the_blobs_proves_them_and_records_it(
        filled: Cli, ws: Workspace, home: Path, s3_location: str, tmp_path: Path) -> None:
    assert isinstance(ws.blobs, LocalBlobStore)
    local = sorted(ws.blobs.iter_shas())
    report = filled.json("blobs", "copy", "--to", s3_location)
    assert report["ok"] and report["switched"] and report["problems"] == []
    assert report["blobs"] == report["copied"] == len(local) > 5  # originals and texts
    target = S3BlobStore(s3_location)
    assert sorted(target.iter_shas()) == local and target.leftovers() == []
    assert sorted(ws.blobs.iter_shas()) == local, "the old store is left as it was"
    [entry] = [e for e in filled.json("log") if e["action"] == "blobs-copied"]
    assert entry["seq"] == report["seq"] and entry["details"] == {
        "source": str(home / "blobs"), "target": s3_location, "blobs": len(local),
        "bytes": report["bytes"], "copied": len(local), "switched": True}
    assert json.loads((home / "config.json").read_text())["blobs"] == s3_location
    # From now on the workspace reads and writes S3: verify re-hashes the blobs there.
    write(tmp_path / "more", "late.txt", "FICTIONAL note ingested after the move")
    [late] = filled.json("ingest", str(tmp_path / "more"), "--no-claims")["acquired"]
    assert target.exists(late["sha256"]) and not ws.blobs.exists(late["sha256"])
    verified = filled.json("verify")
    assert verified["ok"] and verified["blobs_checked"] == len(local) + 1
    # Copying again is refused: the blobs are there already.
    assert "already" in filled("blobs", "copy", "--to", s3_location, code=2).stderr


def test_a_copy_that_cannot_be_proven_is_not_recorded(
        filled: Cli, ws: Workspace, home: Path, s3_location: str) -> None:
    """A blob altered in the source is refused; a blob the target already holds under
    its hash, but with other bytes, fails the proof. Neither switches nor records."""
    assert isinstance(ws.blobs, LocalBlobStore)
    first, second = sorted(ws.blobs.iter_shas())[:2]
    path = ws.blobs.path(first)
    path.chmod(0o644)
    path.write_bytes(b"FICTIONAL tampered bytes")
    target = S3BlobStore(s3_location)
    target.client.put_object(Bucket=target.bucket, Key=target.key(second),
                             Body=b"FICTIONAL planted bytes")
    report = filled.json("blobs", "copy", "--to", s3_location, code=1)
    problems = {p["sha256"]: p["problem"] for p in report["problems"]}
    altered = hashlib.sha256(b"FICTIONAL tampered bytes").hexdigest()
    assert problems == {first: f"altered in the source store: its bytes hash to {altered}",
                        second: "the target's copy hashes to "
                                + hashlib.sha256(b"FICTIONAL planted bytes").hexdigest()}
    assert report["seq"] is None and not report["switched"]
    assert "blobs" not in json.loads((home / "config.json").read_text())
    assert not [e for e in filled.json("log") if e["action"] == "blobs-copied"]


def test_copy_without_switching_and_bad_targets(filled: Cli, home: Path,
                                                s3_location: str) -> None:
    report = filled.json("blobs", "copy", "--to", s3_location, "--no-switch")
    assert report["ok"] and not report["switched"] and report["seq"] is not None
    assert "blobs" not in json.loads((home / "config.json").read_text())
    assert filled.json("verify")["ok"]
    again = filled.json("blobs", "copy", "--to", s3_location)
    assert again["copied"] == 0 and again["blobs"] == report["blobs"], "proven, not rewritten"
    assert "s3://" in filled("blobs", "copy", "--to", str(home / "elsewhere"), code=2).stderr
    assert "bucket" in filled("blobs", "copy", "--to", "s3:///x", code=2).stderr
