"""Crashes and concurrency: SIGKILL at any moment leaves a consistent workspace, and two
ingests at once never fork the custody chain. Real processes, both backends."""

import hashlib
import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gavah.pipelines import lifeline
from gavah.store.workspace import Workspace
from tests.conftest import Cli, on_every_store, write

GAVAH = str(Path(sys.executable).parent / "gavah")


def run(cli: Cli, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([GAVAH, *cli.args(), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=lifeline.tied())


def corpus(folder: Path, files: int, seed: int) -> None:
    rng = random.Random(seed)
    for i in range(files):
        size = rng.choice([200, 2000, 20000, 3 << 20]) if i % 40 == 0 else rng.randint(50, 4000)
        body = f"fictional document {seed}-{i} ".encode() + rng.randbytes(size)
        if i % 3 == 0:
            body = (f"Fictional text number {i} about Northgate. " * 20).encode()
        write(folder / f"d{i % 7}", f"f{i}.{'txt' if i % 3 == 0 else 'bin'}", body)


def assert_store_clean(ws: Workspace) -> None:
    """Every visible blob is whole: its name is the hash of its bytes."""
    for sha in ws.blobs.iter_shas():
        with ws.blobs.open(sha) as stream:
            assert hashlib.sha256(stream.read()).hexdigest() == sha, sha


@on_every_store
@pytest.mark.slow
def test_sigkill_during_ingest_then_rerun(cli: Cli, ws: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    corpus(folder, 400, seed=1)
    for delay in (0.3, 0.8, 1.5, 2.5):
        process = run(cli, "ingest", str(folder))
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert_store_clean(ws)
        report = cli.json("verify")
        assert report["ok"], report["problems"]
    final = run(cli, "ingest", str(folder), "--json")
    _, err = final.communicate(timeout=600)
    assert final.returncode == 0, err
    assert_store_clean(ws)
    items = cli.json("items")
    paths = [i["original_path"] for i in items]
    assert len(paths) == len(set(paths)) == 400, "every file exactly once"
    assert all(i["extraction"] in ("done", "none") for i in items)
    assert cli.json("verify")["ok"] is True


@on_every_store
@pytest.mark.slow
def test_two_ingests_at_once(cli: Cli, ws: Workspace, tmp_path: Path) -> None:
    corpus(tmp_path / "a", 150, seed=2)
    corpus(tmp_path / "b", 150, seed=3)
    write(tmp_path / "a", "shared.txt", "the same fictional bytes in both folders")
    write(tmp_path / "b", "shared.txt", "the same fictional bytes in both folders")
    first = run(cli, "ingest", str(tmp_path / "a"), "--json")
    second = run(cli, "ingest", str(tmp_path / "b"), "--json")
    outputs = [p.communicate(timeout=600) for p in (first, second)]
    assert first.returncode == second.returncode == 0, outputs
    acquired = sum(len(json.loads(out)["acquired"]) for out, _ in outputs)
    assert acquired == 302
    report = cli.json("verify")
    assert report["ok"], report["problems"]
    assert report["items_checked"] == 302
    log = cli.json("log")
    assert [e["seq"] for e in log] == list(range(1, len(log) + 1))
    shared = [i for i in cli.json("items") if i["original_name"] == "shared.txt"]
    assert len(shared) == 2 and shared[0]["sha256"] == shared[1]["sha256"]
