"""Ingest on a Dask cluster (`gavah ingest --scheduler`): a real LocalCluster of two worker
processes on 127.0.0.1, PostgreSQL and the S3 server. A worker killed mid-run loses
nothing, the result is the same as a single-process ingest of the same files, and two
ingests from two "machines" (two workspace folders, two scratch dirs) keep one chain.
All files are FICTIONAL."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from gavah.core.errors import GavahError
from gavah.pipelines import ingest, lifeline
from gavah.store.claim_tables import Claim
from gavah.store.tables import Blob, CustodyEntry, Derivative, Item
from gavah.store.workspace import Workspace
from tests.conftest import FIXTURES, Cli, PgDatabases, pg_database_url, write
from tests.pipelines.test_ocr import page

distributed = pytest.importorskip("distributed")

GAVAH = str(Path(sys.executable).parent / "gavah")
ON_PG_S3 = pytest.mark.parametrize("database_url", ["postgresql+s3"], indirect=True)
pytestmark = [pytest.mark.slow, ON_PG_S3]


@pytest.fixture(scope="module")
def cluster(s3_env: dict[str, str]) -> Iterator[Any]:
    """Two worker processes (each restarted by its nanny when killed), one thread each;
    they inherit the S3 server's address and credentials from this process."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as local, \
            distributed.Client(local, set_as_default=False) as client:
        yield client


def corpus(folder: Path, files: int, seed: int, ocr_pages: int = 0) -> None:
    """Texts with claims (the claim fixtures), random bytes, a zip archive of texts and
    `ocr_pages` scanned pages."""
    rng = random.Random(seed)
    texts = sorted((FIXTURES / "claims").glob("*.txt"))
    for i in range(files):
        if i % 3 == 0:
            source = texts[i % len(texts)]
            write(folder / f"d{i % 5}", f"t{seed}-{i}-{source.name}",
                  source.read_text() + f"\n(FICTIONAL copy {seed}-{i})\n")
        else:
            write(folder / f"d{i % 5}", f"b{i}.bin",
                  f"fictional {seed}-{i} ".encode() + rng.randbytes(rng.randint(50, 5000)))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for source in texts[:4]:
            z.writestr(f"inner/{source.name}", source.read_text())
        z.writestr("inner/note.txt", f"FICTIONAL note {seed} in an archive")
    write(folder, f"bundle-{seed}.zip", archive.getvalue())
    for n in range(ocr_pages):
        folder.mkdir(parents=True, exist_ok=True)
        page([(f"FICTIONAL scanned page {seed}-{n} from Northgate.", "ltr"),
              ("Forty-two prisoners were moved at night.", "ltr")]).save(
            folder / f"scan-{seed}-{n}.png")


def snapshot(ws: Workspace) -> dict[str, Any]:
    """What an ingest made, without ids or times: items by path (with their parent's
    path), the derivatives of their bytes, the claims read, the custody actions."""
    with ws.db.read() as session:
        paths = dict(session.execute(sa.select(Item.id, Item.original_path)).all())
        items = sorted(
            (path, sha, kind, paths.get(parent) if parent else None, relation, state)
            for path, sha, kind, parent, relation, state in session.execute(
                sa.select(Item.original_path, Item.sha256, Blob.media_type, Item.parent_id,
                          Item.relation, Blob.extraction).join(Blob)).all())
        derived = sorted(tuple(row) for row in session.execute(
            sa.select(Derivative.source_sha256, Derivative.kind, Derivative.label,
                      Derivative.position, Derivative.sha256, Derivative.tool)).all())
        claims = sorted(
            (paths[item], *rest) for item, *rest in session.execute(
                sa.select(Claim.item_id, Claim.text_sha256, Claim.start, Claim.end, Claim.kind,
                          Claim.quote, Claim.speaker, Claim.publisher, Claim.figure)).all())
        actions = Counter(session.scalars(sa.select(CustodyEntry.action)).all())
    return {"items": items, "derived": derived, "claims": claims, "actions": actions}


def run(cli: Cli, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([GAVAH, *cli.args(), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=lifeline.tied())


def kill_a_busy_worker(client: Any, ingesting: subprocess.Popen[str], deadline: float) -> int:
    """SIGKILL a worker process while it runs a task of `ingesting`; returns its pid."""
    pids = client.run(os.getpid)
    while time.monotonic() < deadline:
        if ingesting.poll() is not None:
            raise AssertionError(f"the ingest ended first: {ingesting.communicate()}")
        busy = [worker for worker, keys in client.processing().items() if keys]
        if busy:
            os.kill(pids[busy[0]], signal.SIGKILL)
            return int(pids[busy[0]])
        time.sleep(0.02)
    raise AssertionError("no worker ever ran a task")


def baseline(tmp_path: Path, template_home: Path, pg_databases: PgDatabases,
             pg_template: str, folder: Path) -> dict[str, Any]:
    """The same files ingested by one process (its local workers), on PostgreSQL."""
    home = tmp_path / "single"
    shutil.copytree(template_home, home, ignore=shutil.ignore_patterns("gavah.db"))
    name = pg_databases.create(pg_template)
    try:
        ws = Workspace.open(home, pg_database_url(name))
        try:
            ingest.ingest_paths(ws, [str(folder)], ingest.Options(), "tester")
            return snapshot(ws)
        finally:
            ws.close()
    finally:
        pg_databases.drop(name)


def test_a_killed_worker_loses_nothing_and_the_result_is_a_single_process_ingest(
        cli: Cli, ws: Workspace, cluster: Any, tmp_path: Path, template_home: Path,
        pg_databases: PgDatabases, pg_template: str) -> None:
    folder = tmp_path / "in"
    corpus(folder, 100, seed=1, ocr_pages=2)
    address = cluster.scheduler.address
    process = run(cli, "ingest", str(folder), "--scheduler", address, "--json")
    killed = kill_a_busy_worker(cluster, process, time.monotonic() + 120)
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    report = json.loads(out)
    assert len(report["acquired"]) == 100 + 1 + 2 and not report["skipped"]
    assert report["extraction_failed"] == []
    # The nanny started a new worker process; the cluster ran on.
    cluster.wait_for_workers(2, timeout=60)
    assert killed not in cluster.run(os.getpid).values()

    got = snapshot(ws)
    assert got == baseline(tmp_path, template_home, pg_databases, pg_template, folder)
    assert sum(1 for i in got["items"] if i[3] is not None) == 5  # the archive's members
    assert any("OCR" in d[2] for d in got["derived"])
    assert got["claims"], "the claim fixtures hold claims"
    assert got["actions"]["acquired"] == 100 + 1 + 2 + 5
    verified = cli.json("verify")
    assert verified["ok"], verified["problems"]
    log = cli.json("log")
    assert [e["seq"] for e in log] == list(range(1, len(log) + 1))
    # Nothing staged by this run is left half-visible: every blob is whole.
    assert all(ws.blobs.rehash(sha)[0] == sha for sha in ws.blobs.iter_shas())


def test_two_ingests_from_two_machines_keep_one_chain(
        cli: Cli, ws: Workspace, home: Path, cluster: Any, tmp_path: Path) -> None:
    # The second "machine": its own copy of the workspace folder (config naming the same
    # database and bucket, the same key), so its own scratch dir and head file.
    other = tmp_path / "machine-b"
    shutil.copytree(home, other, ignore=shutil.ignore_patterns("custody.head*"))
    machine_b = Workspace.open(other, cli.database_url)
    assert machine_b.scratch != ws.scratch
    machine_b.close()
    corpus(tmp_path / "a", 25, seed=2)
    corpus(tmp_path / "b", 25, seed=3)
    write(tmp_path / "a", "shared.txt", "the same FICTIONAL bytes on both machines")
    write(tmp_path / "b", "shared.txt", "the same FICTIONAL bytes on both machines")
    address = cluster.scheduler.address
    first = run(cli, "ingest", str(tmp_path / "a"), "--scheduler", address, "--json")
    second = run(Cli(other, cli.database_url), "ingest", str(tmp_path / "b"),
                 "--scheduler", address, "--json")
    outputs = [p.communicate(timeout=600) for p in (first, second)]
    assert first.returncode == second.returncode == 0, outputs
    assert sum(len(json.loads(out)["acquired"]) for out, _ in outputs) == 2 * 27
    for machine in (cli, Cli(other, cli.database_url)):
        verified = machine.json("verify")
        assert verified["ok"], verified["problems"]
    log = cli.json("log")
    assert [e["seq"] for e in log] == list(range(1, len(log) + 1))
    shared = [i for i in cli.json("items") if i["original_name"] == "shared.txt"]
    assert len(shared) == 2 and shared[0]["sha256"] == shared[1]["sha256"]


def test_extract_on_the_cluster_equals_an_ingest_that_extracted(
        cli: Cli, ws: Workspace, cluster: Any, tmp_path: Path, template_home: Path,
        pg_databases: PgDatabases, pg_template: str) -> None:
    folder = tmp_path / "in"
    corpus(folder, 12, seed=4)
    cli("ingest", str(folder), "--no-extract")
    cli("extract", "--scheduler", cluster.scheduler.address)
    got = snapshot(ws)
    want = baseline(tmp_path, template_home, pg_databases, pg_template, folder)
    assert got["claims"] and got["derived"]
    assert {k: got[k] for k in ("items", "derived", "claims")} == \
        {k: want[k] for k in ("items", "derived", "claims")}
    verified = cli.json("verify")
    assert verified["ok"], verified["problems"]


def die_on_a_worker(token: str, chunk: list[int]) -> list[int]:
    """A task that kills any worker process that runs it (as a file exhausting memory
    would); in the client process it doubles."""
    if multiprocessing.parent_process() is not None:
        os._exit(1)
    return [2 * x for x in chunk]


def test_a_task_that_kills_every_worker_runs_in_the_client(ws: Workspace) -> None:
    import dask

    from gavah.pipelines.extract.base import Limits
    from gavah.pipelines.extract.cluster import Cluster

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                     host="127.0.0.1", dashboard_address=None) as local:
        cluster = Cluster(local.scheduler_address, ws.blobs, Limits(), None)
        try:
            assert list(cluster._map(die_on_a_worker, [1, 2, 3], 2, lambda x: 2 * x)) == \
                [2, 4, 6]
        finally:
            cluster.close()
    assert len(cluster.warnings) == 2
    assert "ran them in this process" in cluster.warnings[0]


def test_workers_that_cannot_read_the_blob_store_are_refused_before_any_work(
        ws: Workspace, tmp_path: Path) -> None:
    """A worker with other credentials than this process's (another machine's wrong
    setup) is named, and nothing is recorded."""
    write(tmp_path / "in", "a.txt", "FICTIONAL")
    wrong = {"AWS_SECRET_ACCESS_KEY": "not-the-fictional-secret"}
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None,
                                  env=wrong) as local:
        options = ingest.Options(scheduler=local.scheduler.address)
        with pytest.raises(GavahError, match=r"must share .* cannot read the blob store"):
            ingest.ingest_paths(ws, [str(tmp_path / "in")], options, "tester")
    with ws.db.read() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Item)) == 0


def test_no_scheduler_answering_is_a_clear_error(ws: Workspace, tmp_path: Path) -> None:
    from tests.web.server import free_port

    write(tmp_path / "in", "a.txt", "FICTIONAL")
    options = ingest.Options(scheduler=f"tcp://127.0.0.1:{free_port()}")
    with pytest.raises(GavahError, match="no Dask scheduler answers"):
        ingest.ingest_paths(ws, [str(tmp_path / "in")], options, "tester")
