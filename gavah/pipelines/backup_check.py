"""Check a backup without restoring it, and mend blobs that drifted.

The check reads the manifest, checks its signature (with the workspace's key when one is
at hand, else the key the backup carries, and says which), then re-hashes every file and
every blob it lists, as the backup holds them. With the passphrase it also opens the
encrypted signing key and checks it is the key that signed.

Repair compares each blob the manifest lists in both copies, the backup's and the
workspace's, and copies the good one over the one that no longer hashes to its name
(the altered copy is moved aside, not deleted); a `backup-repaired` custody entry says
which blobs were mended on which side."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    load_pem_private_key,
    load_pem_public_key,
)

from gavah.core import backup_manifest as bm
from gavah.core.custody import Problem, key_id
from gavah.core.errors import BadInput, GavahError
from gavah.pipelines.backup import Progress, place_for, run_threads
from gavah.store import datakey
from gavah.store.backup_place import BackupPlace
from gavah.store.blobs import BlobStore
from gavah.store.blobs import repair as blob_repair
from gavah.store.blobs.base import NoDataKey
from gavah.store.workspace import Workspace


@dataclass
class BackupCheck:
    location: str
    manifest: bm.Manifest | None = None
    key_checked_against: str = ""  # "workspace" or "backup"
    files_checked: int = 0
    blobs_checked: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        m = self.manifest
        return {"ok": self.ok, "location": self.location,
                "made_at": m.made_at if m else None, "key_id": m.key_id if m else None,
                "key_checked_against": self.key_checked_against,
                "database": m.database if m else None, "files_checked": self.files_checked,
                "blobs_checked": self.blobs_checked,
                "problems": [p.to_dict() for p in self.problems]}


def read_manifest(place: BackupPlace, expected: Ed25519PublicKey | None
                  ) -> tuple[bm.Manifest, list[Problem], str]:
    """The manifest, what is wrong with its signature, and which key checked it."""
    try:
        sealed = place.read(bm.MANIFEST)
    except FileNotFoundError:
        raise BadInput(f"no backup manifest in {place.location}", field="backup") from None
    problems = []
    try:
        carried = load_pem_public_key(place.read(bm.PUBLIC_KEY))
    except (FileNotFoundError, ValueError):
        carried = None
        problems.append(Problem("backup-key", "the backup's public key is missing or "
                                "unreadable"))
    key = expected or carried
    if not isinstance(key, Ed25519PublicKey):
        raise BadInput(f"no key to check the manifest of {place.location} with",
                       field="backup")
    try:
        manifest, good = bm.unseal(sealed, key)
    except ValueError as exc:
        raise BadInput(f"{place.location}: {exc}", field="backup") from None
    if not good:
        problems.append(Problem("manifest-signature", "the manifest's signature is not good "
                                f"under key {key_id(key)}"))
    if isinstance(carried, Ed25519PublicKey) and not bm.same_key(key, carried):
        problems.append(Problem("backup-key", f"the backup carries key {key_id(carried)}, "
                                f"not the workspace's {key_id(key)}"))
    return manifest, problems, "workspace" if expected else "backup"


SEALED_UNCHECKED = "sealed"  # encrypted at rest, and no data key to read it with


def _rehash(store: BlobStore) -> Callable[[str], tuple[str | None, int]]:
    def rehash(sha: str) -> tuple[str | None, int]:
        try:
            return store.rehash(sha)
        except FileNotFoundError:
            return None, -1
        except NoDataKey:
            return SEALED_UNCHECKED, -1
    return rehash


def verify_backup(location: str, expected: Ed25519PublicKey | None = None,
                  passphrase: bytes | None = None,
                  progress: Progress | None = None) -> BackupCheck:
    place = place_for(location)
    check = BackupCheck(place.location)
    manifest, check.problems, check.key_checked_against = read_manifest(place, expected)
    check.manifest = manifest
    listed = {**manifest.files, manifest.database["name"]: manifest.database}
    for name, want in sorted(listed.items()):
        try:
            actual = place.hash(name)
        except FileNotFoundError:
            check.problems.append(Problem("missing-file", f"{name} is missing from the "
                                          "backup", extra={"file": name}))
            continue
        check.files_checked += 1
        if actual != (want["sha256"], want["size"]):
            check.problems.append(Problem(
                "altered-file", f"{name} hashes to {actual[0]} ({actual[1]} bytes), the "
                f"manifest lists {want['sha256']} ({want['size']} bytes)",
                extra={"file": name}))
    if passphrase is not None:
        # A key on a PKCS#11 token is never in a backup (the config names the token).
        if bm.PRIVATE_KEY in manifest.files or not _on_token(place, manifest):
            check.problems += _check_key(place, passphrase, manifest.key_id)
        if bm.DATA_KEY in manifest.files:  # sealed originals are checked decrypted
            try:
                place.blobs.data_key = datakey.Unwrapped(place.read(bm.DATA_KEY), passphrase)
            except GavahError as exc:
                check.problems.append(Problem("bad-data-key", str(exc)))
    shas = sorted(manifest.blobs)
    for sha, (actual_sha, size) in zip(shas, run_threads(
            place.blobs, _rehash(place.blobs), shas, "verify", progress), strict=True):
        check.blobs_checked += 1
        if actual_sha == SEALED_UNCHECKED:
            check.problems.append(Problem(
                "sealed-blob-unchecked", f"the backup's blob {sha} is encrypted at rest: give "
                "the backup passphrase to check it", extra={"sha256": sha}))
        elif actual_sha is None:
            check.problems.append(Problem("missing-blob", f"blob {sha} is missing from the "
                                          "backup", extra={"sha256": sha}))
        elif actual_sha != sha or size != manifest.blobs[sha]:
            check.problems.append(Problem(
                "altered-blob", f"the backup's blob {sha} now hashes to {actual_sha} "
                f"({size} bytes)", extra={"sha256": sha, "actual": actual_sha}))
    return check


def _on_token(place: BackupPlace, manifest: bm.Manifest) -> bool:
    """Whether the backed-up workspace signs with a key on a PKCS#11 token (whose private
    key a backup never holds)."""
    if bm.CONFIG not in manifest.files:
        return False
    try:
        return "signer" in json.loads(place.read(bm.CONFIG))
    except (FileNotFoundError, ValueError):
        return False


def _check_key(place: BackupPlace, passphrase: bytes, want: str) -> list[Problem]:
    try:
        key = load_pem_private_key(place.read(bm.PRIVATE_KEY), password=passphrase)
    except FileNotFoundError:
        return [Problem("missing-file", "the encrypted signing key is missing")]
    except (ValueError, TypeError):
        return [Problem("backup-key", "the signing key does not open with this passphrase")]
    if not isinstance(key, Ed25519PrivateKey) or key_id(key.public_key()) != want:
        return [Problem("backup-key", f"the encrypted key is not the key {want} that "
                        "signed the backup")]
    return []


@dataclass
class RepairReport:
    location: str
    checked: int = 0
    in_backup: list[str] = field(default_factory=list)  # mended from the workspace
    in_workspace: list[str] = field(default_factory=list)  # mended from the backup
    unrepaired: list[dict[str, str]] = field(default_factory=list)
    seq: int | None = None

    @property
    def ok(self) -> bool:
        return not self.unrepaired

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "location": self.location, "checked": self.checked,
                "repaired_in_backup": self.in_backup,
                "repaired_in_workspace": self.in_workspace,
                "unrepaired": self.unrepaired, "seq": self.seq}


def _mend(bad: BlobStore, good: BlobStore, sha: str) -> str | None:
    try:
        with good.open(sha) as stream:
            blob_repair.replace(bad, sha, stream)
    except (ValueError, OSError) as exc:
        return str(exc)
    actual, _ = _rehash(bad)(sha)
    return None if actual == sha else f"still hashes to {actual} after the repair"


def repair(ws: Workspace, location: str, actor: str,
           progress: Progress | None = None) -> RepairReport:
    place = place_for(location, ws)
    manifest, problems, _ = read_manifest(place, ws.public_key)
    if problems:
        raise BadInput(f"the backup in {place.location} cannot be trusted to repair "
                       f"from: {problems[0].detail}", field="backup")
    report = RepairReport(place.location)
    shas = sorted(manifest.blobs)
    in_backup = run_threads(place.blobs, _rehash(place.blobs), shas, "check backup", progress)
    in_workspace = run_threads(ws.blobs, _rehash(ws.blobs), shas, "check workspace", progress)
    for sha, (backup_sha, _), (ws_sha, _) in zip(shas, in_backup, in_workspace, strict=True):
        report.checked += 1
        backup_ok, ws_ok = backup_sha == sha, ws_sha == sha
        if backup_ok and ws_ok:
            continue
        if not backup_ok and not ws_ok:
            report.unrepaired.append({"sha256": sha, "problem": "altered or missing in both "
                                      "the workspace and the backup"})
            continue
        bad, good, mended = ((place.blobs, ws.blobs, report.in_backup) if ws_ok
                             else (ws.blobs, place.blobs, report.in_workspace))
        problem = _mend(bad, good, sha)
        if problem:
            report.unrepaired.append({"sha256": sha, "problem": problem})
        else:
            mended.append(sha)
    if report.in_backup or report.in_workspace:
        with ws.db.write() as session:
            entry = ws.custody.append(session, actor, "backup-repaired", None, {
                "backup": report.location, "repaired_in_backup": report.in_backup,
                "repaired_in_workspace": report.in_workspace,
                "unrepaired": [u["sha256"] for u in report.unrepaired]}, reaches=[])
            report.seq = entry.seq
    return report
