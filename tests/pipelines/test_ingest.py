"""Ingest through the CLI, on both backends."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from gavah.pipelines import ingest, verify
from gavah.store.workspace import Workspace
from tests.conftest import Cli, on_every_store, write


@on_every_store
def test_acquisition_records_everything(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path / "in", "statement.txt", "Fictional statement about 1988.")
    report = cli.json("ingest", str(path), "--source", "Fictional NGO", "--collected-by",
                      "Documenter B", "--method", "scan", "--note", "from a box",
                      "--tag", "1988", "--tag", "letters", "--classification", "restricted")
    assert len(report["acquired"]) == 1
    [item] = cli.json("items")
    assert item["original_name"] == "statement.txt"
    assert item["original_path"] == str(path.resolve())
    assert item["source"] == "Fictional NGO" and item["collected_by"] == "Documenter B"
    assert item["method"] == "scan" and item["note"] == "from a box"
    assert item["tags"] == ["1988", "letters"] and item["classification"] == "restricted"
    assert item["media_type"] == "text/plain" and item["size"] == path.stat().st_size
    assert item["acquired_at"].endswith("Z") and item["file_modified"].endswith("Z")
    shown = cli.json("show", item["sha256"][:8])
    assert shown["id"] == item["id"]
    assert [e["action"] for e in shown["custody"]] == ["acquired", "derived", "claims-extracted"]
    assert shown["custody"][0]["details"]["sha256"] == item["sha256"]


def test_media_type_comes_from_content_not_name(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "looks-like.pdf", "<!DOCTYPE html><html><body><p>hello</p></body></html>")
    write(tmp_path, "no-extension", (Path(__file__).parents[1] / "fixtures/vault/two-pages.pdf")
          .read_bytes())
    # tmp_path also holds the workspace: ingest must not swallow its own store.
    report = cli.json("ingest", str(tmp_path))
    assert report["skipped"] == [{"path": str(tmp_path / "ws"),
                                  "reason": "the gavah workspace itself; not ingested"}]
    types = {i["original_name"]: i["media_type"] for i in cli.json("items")}
    assert types == {"looks-like.pdf": "text/html", "no-extension": "application/pdf"}


@on_every_store
def test_same_bytes_twice_is_one_blob_and_two_acquisitions(cli: Cli, ws: Workspace,
                                                           tmp_path: Path) -> None:
    write(tmp_path / "a", "one.txt", "same bytes")
    write(tmp_path / "b", "two.txt", "same bytes")
    cli("ingest", str(tmp_path / "a"), "--source", "first")
    report = cli.json("ingest", str(tmp_path / "b"), "--source", "second")
    assert report["acquired"][0]["new_bytes"] is False
    items = cli.json("items")
    assert [i["source"] for i in items] == ["first", "second"]
    assert items[0]["sha256"] == items[1]["sha256"]
    assert list(ws.blobs.iter_shas()).count(items[0]["sha256"]) == 1
    assert ws.blobs.leftovers() == []
    assert len(cli.json("log", str(items[1]["id"]))) == 1  # its own acquired entry


@on_every_store
def test_folders_are_walked_and_a_rerun_recognises_stored_files(cli: Cli,
                                                                tmp_path: Path) -> None:
    for i in range(5):
        write(tmp_path / "tree" / f"sub{i % 2}", f"f{i}.txt", f"file {i}")
    first = cli.json("ingest", str(tmp_path / "tree"))
    assert len(first["acquired"]) == 5
    again = cli.json("ingest", str(tmp_path / "tree"))
    assert again["acquired"] == [] and len(again["already_acquired"]) == 5
    write(tmp_path / "tree", "f0.txt", "changed content")  # same path, new bytes
    third = cli.json("ingest", str(tmp_path / "tree"))
    assert [a["path"].endswith("f0.txt") for a in third["acquired"]] == [True]


def test_links_out_of_the_tree_and_special_files_are_skipped(cli: Cli, tmp_path: Path) -> None:
    outside = write(tmp_path / "secret", "passwords.txt", "not for ingest")
    tree = tmp_path / "tree"
    write(tree, "inside.txt", "inside")
    os.symlink(outside, tree / "link-out.txt")
    os.symlink(tree / "inside.txt", tree / "link-in.txt")
    os.symlink(tmp_path / "secret", tree / "folder-link")
    os.mkfifo(tree / "pipe")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tree / "sock"))
    try:
        report = cli.json("ingest", str(tree))
    finally:
        server.close()
    reasons = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}
    assert "outside" in reasons["link-out.txt"]
    assert "not followed" in reasons["folder-link"]
    assert "named pipe" in reasons["pipe"] and "socket" in reasons["sock"]
    names = sorted(Path(a["path"]).name for a in report["acquired"])
    assert names == ["inside.txt", "link-in.txt"]
    assert all("passwords" not in i["original_name"] for i in cli.json("items"))


def test_missing_path_is_reported_and_the_batch_continues(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "ok.txt", "fine")
    result = cli("ingest", str(tmp_path / "ok.txt"), str(tmp_path / "missing.txt"), "--json")
    import json

    report = json.loads(result.stdout)
    assert len(report["acquired"]) == 1
    assert report["skipped"][0]["reason"] == "No such file or directory"
    cli("ingest", str(tmp_path / "missing.txt"), code=2)


def test_unreadable_file_is_skipped(tmp_path: Path) -> None:
    """As a user who cannot read one of the files (root reads everything, so the test
    runs gavah as 'nobody' when it is root, in a folder 'nobody' can reach)."""
    import json
    import shutil
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="gavah-unreadable-"))
    try:
        os.chmod(base, 0o777)
        folder = base / "shared"
        folder.mkdir(mode=0o777)
        write(folder, "readable.txt", "yes")
        locked = write(folder, "locked.txt", "no")
        os.chmod(locked, 0o000)
        home = base / "home"
        gavah = shutil.which("gavah") or str(Path(sys.executable).parent / "gavah")
        prefix: list[str] = []
        if os.geteuid() == 0:
            prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]
        env = {**os.environ, "HOME": str(base)}
        command = [*prefix, gavah, "--home", str(home)]
        subprocess.run([*command, "init"], check=True, env=env, capture_output=True)
        run = subprocess.run([*command, "ingest", str(folder), "--json"], env=env,
                             capture_output=True, text=True, check=True)
        report = json.loads(run.stdout)
        assert [Path(a["path"]).name for a in report["acquired"]] == ["readable.txt"]
        assert report["skipped"] == [{"path": str(locked), "reason": "Permission denied"}]
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_bad_options_are_bad_input(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "a")
    assert "classification" in cli("ingest", str(tmp_path), "--classification", "secret",
                                   code=2).stderr
    assert "method" in cli("ingest", str(tmp_path), "--method", "telepathy", code=2).stderr
    assert cli.json("items") == []


@on_every_store
@pytest.mark.parametrize("workers", ["threads", "processes", "in-process"])
def test_every_way_of_storing_a_batch_gives_the_same_items(
        ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: str) -> None:
    """A few large files go to threads, many files to worker processes, a few small ones
    stay in this process: the same blobs, items and extracted text either way."""
    count = 40 if workers == "processes" else 5
    monkeypatch.setattr(ingest, "PARALLEL_BYTES", 1 if workers == "threads" else 1 << 40)
    for i in range(count):
        write(tmp_path / "in", f"f{i}.txt", f"FICTIONAL note {i} about Northgate".encode()
              + b"\nmore FICTIONAL text" * 50 * (i % 3))
    write(tmp_path / "in", "copy.txt", b"FICTIONAL note 0 about Northgate")  # same bytes
    report = ingest.ingest_paths(ws, [str(tmp_path / "in")], ingest.Options(claims=False),
                                 "test")
    assert len(report.acquired) == count + 1 and not report.skipped
    assert sum(r["new_bytes"] for r in report.acquired) == count
    for row in report.acquired:
        assert ws.blobs.rehash(row["sha256"]) == (row["sha256"], row["size"])
    assert report.extraction.extracted == count and not report.extraction.failed
    assert ws.blobs.leftovers() == [], "nothing left staged"
    assert verify.verify(ws).ok


# Run in a process of its own: its fork server starts before the S3 variables are set, as
# when an earlier export or ingest in the same process started it.
_LATE_ENVIRONMENT = """
import json, multiprocessing.forkserver, os, sys
from pathlib import Path
multiprocessing.forkserver.ensure_running()
os.environ.update(json.loads(sys.argv[1]))
from gavah.pipelines import ingest
from gavah.store.workspace import Workspace
ws, _ = Workspace.init(Path(sys.argv[2]), None, blobs=sys.argv[3])
report = ingest.ingest_paths(ws, [sys.argv[4]], ingest.Options(claims=False), "test")
print(json.dumps([len(report.acquired), report.extraction.extracted,
                  len(report.extraction.failed), report.warnings]))
"""


def test_worker_processes_get_the_s3_variables_set_after_their_fork_server_started(
        s3_env: dict[str, str], s3_location: str, tmp_path: Path) -> None:
    for i in range(40):  # enough files for worker processes
        write(tmp_path / "in", f"f{i}.txt", f"FICTIONAL note {i} about Northgate".encode())
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith("AWS_") and k != "GAVAH_S3_ENDPOINT"}
    done = subprocess.run(
        [sys.executable, "-c", _LATE_ENVIRONMENT, json.dumps(s3_env), str(tmp_path / "ws"),
         s3_location, str(tmp_path / "in")],
        env=clean, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.splitlines()[-1]) == [40, 40, 0, []]
