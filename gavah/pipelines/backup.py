"""Back up a workspace to a folder or s3://BUCKET/PREFIX: a consistent copy of the
database, every blob the database names, the signing key encrypted with a passphrase,
the config and the custody head, and a signed manifest listing each by SHA-256.

Blobs are copied as the workspace's store holds them, through the blob store interface,
and only when the backup lacks them (a blob is named by its hash, so one already there
is the same bytes unless it drifted, which `verify_backup` finds and `repair` mends).
Each blob copied now is read back from the backup and hashed before the manifest lists
it. The manifest is written last: a backup interrupted before it is not a backup, and
the previous manifest still describes what it listed. Then a `backup-made` entry
records the backup in the workspace's custody log."""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    Encoding,
    PrivateFormat,
)

from gavah.core import backup_manifest as bm
from gavah.core.custody import utc_now
from gavah.core.errors import BadInput
from gavah.core.hashing import sha256_stream
from gavah.pipelines.blob_copy import recorded_blobs
from gavah.pipelines.outcome import ProblemReport
from gavah.store import dump, keys, migrate
from gavah.store.backup_place import BackupPlace, open_place
from gavah.store.blobs import BlobStore, Staged
from gavah.store.workspace import CONFIG, Workspace

Progress = Callable[[str, int, int], None]  # (stage, done, total)
MIN_PASSPHRASE = 12  # characters; the key is only as safe as the passphrase
PRIVATE_CONFIG = ("database_url", "blobs")  # where this copy lives; may hold a password


@dataclass
class BackupReport(ProblemReport):
    target: str
    blobs: int = 0
    copied: int = 0
    bytes: int = 0
    database: str = ""
    manifest_sha256: str = ""
    problems: list[dict[str, Any]] = field(default_factory=list)
    seq: int | None = None


def check_passphrase(passphrase: str) -> bytes:
    if len(passphrase) < MIN_PASSPHRASE:
        raise BadInput(f"the backup passphrase must have at least {MIN_PASSPHRASE} "
                       "characters", field="passphrase")
    return passphrase.encode()


def place_for(location: str, ws: Workspace | None = None) -> BackupPlace:
    try:
        place = open_place(location)
    except (ValueError, ImportError) as exc:
        raise BadInput(f"cannot keep a backup in {location}: {exc}", field="to") from None
    if ws is not None:  # sealed originals stay sealed in the backup, with the same key
        place.blobs.data_key = ws.blobs.data_key
    if ws is not None and not location.startswith("s3://"):
        inside = Path(location).resolve()
        if inside == ws.home.resolve() or ws.home.resolve() in inside.parents:
            raise BadInput(f"{location} is inside the workspace: a backup there is lost with "
                           "it", field="to")
    return place


def run_threads(store: BlobStore, work: Callable[[str], Any], shas: list[str], stage: str,
                progress: Progress | None) -> list[Any]:
    out = []
    with ThreadPoolExecutor(store.readers) as pool:
        for done, result in enumerate(pool.map(work, shas), 1):
            out.append(result)
            if progress:
                progress(stage, done, len(shas))
    return out


CHUNK = 256  # blobs staged, then committed together (one filesystem sync for all)


def _stage(source: BlobStore, target: BlobStore, sha: str) -> Staged | int | str:
    """The blob staged in the target; its size when the target has it; or a problem."""
    if target.exists(sha):
        return target.size(sha)
    try:
        sealed = source.is_sealed(sha)  # copied encrypted: never in clear in the copy
        with source.open(sha) as stream:
            staged = target.stage(stream, seal=sealed)
    except FileNotFoundError:
        return "missing from the store copied from"
    if staged.sha256 != sha:
        target.discard([staged])
        return f"altered in the store copied from: its bytes hash to {staged.sha256}"
    return staged


def _proven(target: BlobStore, sha: str) -> tuple[int, bool, str | None]:
    try:
        actual, size = target.rehash(sha)
    except FileNotFoundError:
        return 0, True, "missing after it was written"
    return size, True, None if actual == sha else f"the copy written hashes to {actual}"


def copy_blobs(source: BlobStore, target: BlobStore, shas: list[str], stage: str,
               progress: Progress | None) -> list[tuple[int, bool, str | None]]:
    """Copy blobs as stored unless the target has them: (size, copied now, problem) each.
    Blobs are staged on threads and committed CHUNK at a time; every blob copied now is
    then read back from the target and hashed before it counts."""
    out: list[tuple[int, bool, str | None]] = []
    with ThreadPoolExecutor(target.readers) as pool:
        for start in range(0, len(shas), CHUNK):
            chunk = shas[start:start + CHUNK]
            staged = list(pool.map(lambda sha: _stage(source, target, sha), chunk))
            target.commit([s for s in staged if isinstance(s, Staged)])
            proofs = iter(pool.map(lambda sha: _proven(target, sha),
                                   [sha for sha, s in zip(chunk, staged, strict=True)
                                    if isinstance(s, Staged)]))
            for result in staged:
                out.append(next(proofs) if isinstance(result, Staged) else
                           (result, False, None) if isinstance(result, int) else
                           (0, False, result))
            if progress:
                progress(stage, len(out), len(shas))
    return out


def _backed_up_config(home: Path) -> bytes:
    config = json.loads((home / CONFIG).read_text())
    return json.dumps({k: v for k, v in config.items() if k not in PRIVATE_CONFIG},
                      indent=2, sort_keys=True).encode()


def _write_file(place: BackupPlace, name: str, data: bytes, files: dict[str, Any]) -> None:
    place.write(name, data)
    files[name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def make_backup(ws: Workspace, to: str, actor: str, passphrase: bytes,
                progress: Progress | None = None) -> BackupReport:
    place = place_for(to, ws)
    place.ensure()
    report = BackupReport(place.location)
    made_at = utc_now()
    stamp = made_at.replace("-", "").replace(":", "").replace(".", "")
    # The head first, then the database: the dump holds that entry or newer ones.
    head_bytes = ws.custody.head_path.read_bytes() if ws.custody.head_path.exists() else b""
    files: dict[str, Any] = {}
    ws.scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=ws.scratch, prefix="backup-") as temp:
        kind = dump.dialect(ws.db.url)
        local = Path(temp) / f"database{dump.SUFFIX[kind]}"
        dump.dump(ws.db.url, local)
        report.database = f"database/{stamp}{dump.SUFFIX[kind]}"
        with open(local, "rb", buffering=0) as stream:
            db_sha, db_size = sha256_stream(stream)
        place.write_file(report.database, local)
    # The key leaves the workspace only encrypted with the passphrase; a key on a PKCS#11
    # token never leaves it (the backed-up config names the token).
    if ws.token_key() is None:
        private = keys.load_private(ws.home / "keys", ws.key_passphrase())
        _write_file(place, bm.PRIVATE_KEY, private.private_bytes(
            Encoding.PEM, PrivateFormat.PKCS8, BestAvailableEncryption(passphrase)), files)
    _write_file(place, bm.PUBLIC_KEY, ws.public_key_pem(), files)
    # Retired public keys: verify starts the chain with the key of its first entry.
    for retired in sorted((ws.home / "keys" / keys.RETIRED).glob("*.pub")):
        _write_file(place, bm.RETIRED + retired.name, retired.read_bytes(), files)
    if ws.data_key.exists():
        _write_file(place, bm.DATA_KEY, ws.data_key.export_wrapped(passphrase), files)
    _write_file(place, bm.CONFIG, _backed_up_config(ws.home), files)
    if head_bytes:
        _write_file(place, bm.HEAD, head_bytes, files)

    # Blobs recorded after the dump are copied too (never fewer than the dump names).
    shas = sorted(recorded_blobs(ws))
    sizes: dict[str, int] = {}
    results = copy_blobs(ws.blobs, place.blobs, shas, "copy", progress)
    for sha, (size, copied, problem) in zip(shas, results, strict=True):
        report.copied += copied
        if problem:
            report.problems.append({"sha256": sha, "problem": problem})
        else:
            sizes[sha] = size
    if not report.ok:
        return report  # no manifest: the backup's previous one still holds
    head = json.loads(head_bytes) if head_bytes else None
    manifest = bm.Manifest(
        workspace_id=ws.workspace_id, made_at=made_at, made_by=actor,
        key_id=ws.custody.signer.key_id, schema=migrate.current_revision(ws.db),
        database={"dialect": kind, "name": report.database, "sha256": db_sha,
                  "size": db_size},
        files=files, blobs=sizes, head=head, source={"blobs": ws.blobs.location})
    sealed = bm.seal(manifest, ws.custody.signer)
    place.write(f"{bm.HISTORY}/{stamp}.json", sealed)
    place.write(bm.MANIFEST, sealed)
    report.manifest_sha256 = hashlib.sha256(sealed).hexdigest()
    report.blobs = len(sizes)
    report.bytes = manifest.bytes_total
    with ws.db.write() as session:
        entry = ws.custody.append(session, actor, "backup-made", None, {
            "target": report.target, "manifest_sha256": report.manifest_sha256,
            "database_sha256": db_sha, "blobs": report.blobs, "bytes": report.bytes,
            "copied": report.copied, "head_seq": head["seq"] if head else 0}, reaches=[])
        report.seq = entry.seq
    return report
