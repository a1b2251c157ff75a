"""Restore a backup into a new workspace. The backup is checked first (signature, every
file's hash); nothing is restored from a backup that fails. The target folder must be
new or empty and the target database empty: a restore never mixes into or replaces a
workspace. Each blob is copied as the backup holds it and re-hashed in the new store;
the signing key is opened with the passphrase. The new workspace's custody log then
records the restore (`backup-restored`), after the entries the backup held."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)

from gavah.core import backup_manifest as bm
from gavah.core.custody import key_id
from gavah.core.errors import BadInput
from gavah.core.hashing import sha256_stream
from gavah.pipelines.backup import Progress, copy_blobs, place_for
from gavah.pipelines.backup_check import read_manifest
from gavah.pipelines.outcome import ProblemReport
from gavah.store import datakey, dump, keys
from gavah.store.blobs import open_store
from gavah.store.workspace import CONFIG, Workspace, default_database_url


@dataclass
class RestoreReport(ProblemReport):
    source: str
    home: str
    made_at: str = ""
    blobs: int = 0
    bytes: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)
    seq: int | None = None


def _owner_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _open_key(data: bytes, passphrase: bytes, want: str) -> Ed25519PrivateKey:
    try:
        key = load_pem_private_key(data, password=passphrase)
    except (ValueError, TypeError):
        raise BadInput("the backup's signing key does not open with this passphrase",
                       field="passphrase") from None
    if not isinstance(key, Ed25519PrivateKey) or key_id(key.public_key()) != want:
        raise BadInput(f"the backup's encrypted key is not the key {want} that signed it",
                       field="backup")
    return key


def _write_workspace(home: Path, database: Path, manifest: bm.Manifest,
                     small: dict[str, bytes], key: Ed25519PrivateKey | None,
                     database_url: str | None, blobs: str | None) -> None:
    config = json.loads(small[bm.CONFIG])
    if key is None and "signer" not in config:
        raise BadInput("the backup holds no signing key and names no PKCS#11 token",
                       field="backup")
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    home.chmod(0o700)
    dump.restore(manifest.database["dialect"], database,
                 database_url or default_database_url(home))
    folder = home / "keys"
    if key is not None:
        _owner_file(folder / keys.PRIVATE, key.private_bytes(
            Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    (folder / keys.PUBLIC).write_bytes(small[bm.PUBLIC_KEY])
    for name, data in small.items():
        if bm.RETIRED_NAME.fullmatch(name):
            _owner_file(folder / keys.RETIRED / name.removeprefix(bm.RETIRED), data)
    if database_url:
        config["database_url"] = database_url
    if blobs:
        config["blobs"] = blobs
    _owner_file(home / CONFIG, json.dumps(config, indent=2, sort_keys=True).encode())
    if bm.HEAD in small:
        _owner_file(home / "custody.head", small[bm.HEAD])


def restore(source: str, home: Path, passphrase: bytes, actor: str,
            database_url: str | None = None, blobs: str | None = None,
            progress: Progress | None = None) -> RestoreReport:
    place = place_for(source)
    manifest, problems, _ = read_manifest(place, None)
    if problems:
        raise BadInput(f"{place.location} is not a sound backup: {problems[0].detail}",
                       field="backup")
    home = Path(home)
    if home.exists() and any(home.iterdir()):
        raise BadInput(f"{home} is not empty; a restore never replaces a workspace",
                       field="target")
    report = RestoreReport(place.location, str(home), manifest.made_at)
    # A key on a PKCS#11 token is not in the backup: the restored config names the token.
    key = (_open_key(place.read(bm.PRIVATE_KEY), passphrase, manifest.key_id)
           if bm.PRIVATE_KEY in manifest.files else None)
    # Every small file is checked against the manifest before anything is written.
    small = {}
    for name, want in manifest.files.items():
        data = place.read(name)
        if hashlib.sha256(data).hexdigest() != want["sha256"]:
            raise BadInput(f"{name} in the backup is not as its manifest lists it",
                           field="backup")
        small[name] = data
    existed = home.exists()
    with tempfile.TemporaryDirectory(dir=home.parent if home.parent.exists() else None,
                                     prefix=".gavah-restore-") as temp:
        local = Path(temp) / "database"
        place.fetch(manifest.database["name"], local)
        with open(local, "rb", buffering=0) as stream:
            if sha256_stream(stream)[0] != manifest.database["sha256"]:
                raise BadInput(f"{manifest.database['name']} in the backup is not as its "
                               "manifest lists it", field="backup")
        try:
            _write_workspace(home, local, manifest, small, key, database_url, blobs)
        except BaseException:
            if not existed:  # nothing half-written is left behind
                shutil.rmtree(home, ignore_errors=True)
            raise
    target = open_store(blobs or str(home / "blobs"))
    target.ensure()
    if bm.DATA_KEY in small:  # sealed originals: restored sealed, with the same key
        datakey.import_wrapped(home / "keys", small[bm.DATA_KEY], passphrase)
        target.data_key = place.blobs.data_key = datakey.DataKey(home / "keys", lambda: None)
    shas = sorted(manifest.blobs)
    results = copy_blobs(place.blobs, target, shas, "restore", progress)
    for sha, (size, _, problem) in zip(shas, results, strict=True):
        if problem:
            report.problems.append({"sha256": sha, "problem": problem})
        else:
            report.blobs += 1
            report.bytes += size
    # init: the schema upgraded if the backup is older; nothing is created that exists.
    ws, _ = Workspace.init(home, database_url, blobs)
    try:
        with ws.db.write() as session:
            entry = ws.custody.append(session, actor, "backup-restored", None, {
                "backup": report.source, "made_at": manifest.made_at,
                "head_seq": (manifest.head or {}).get("seq", 0), "blobs": report.blobs,
                "bytes": report.bytes,
                "unrestored": [p["sha256"] for p in report.problems]}, reaches=[])
            report.seq = entry.seq
    finally:
        ws.close()
    return report
