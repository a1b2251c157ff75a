"""The workspace's data key: the 256-bit key that encrypts originals at rest
(gavah.store.blobs.sealed), kept in keys/blobs.key (mode 0600).

When the signing key is protected by a passphrase, so is the data key: it is wrapped
with AES-256-GCM under a key derived from the same passphrase by scrypt. Otherwise it
is stored as is, and encryption at rest protects the blobs only where they are kept
apart from the workspace folder (an S3 bucket, a copied blobs folder, a backup).
It is made on first use, so a workspace with nothing to encrypt holds none."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from gavah.core.errors import GavahError
from gavah.store import keys

FILE = "blobs.key"
FORMAT = "gavah-data-key"
SCRYPT = {"n": 1 << 15, "r": 8, "p": 1}  # about 32 MiB and a tenth of a second
AAD = b"gavah data key v1"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _kek(passphrase: bytes, salt: bytes, params: dict[str, Any]) -> bytes:
    return Scrypt(salt=salt, length=32, n=int(params["n"]), r=int(params["r"]),
                  p=int(params["p"])).derive(passphrase)


def _record(key: bytes, passphrase: bytes | None) -> dict[str, Any]:
    if not passphrase:
        return {"format": FORMAT, "version": 1, "kdf": "none", "key": _b64(key)}
    salt, nonce = os.urandom(16), os.urandom(12)
    wrapped = AESGCM(_kek(passphrase, salt, SCRYPT)).encrypt(nonce, key, AAD)
    return {"format": FORMAT, "version": 1, "kdf": "scrypt", **SCRYPT, "salt": _b64(salt),
            "nonce": _b64(nonce), "key": _b64(wrapped)}


def _unwrap(record: dict[str, Any], passphrase: bytes | None, path: Path) -> bytes:
    if record.get("format") != FORMAT:
        raise GavahError(f"{path} is not a gavah data key")
    raw = base64.b64decode(record["key"])
    if record.get("kdf") == "none":
        return raw
    if not passphrase:
        raise keys.KeyLocked(f"the data key ({path}) is protected by a passphrase: set "
                             f"{keys.ENV_PASSPHRASE}", field="passphrase")
    kek = _kek(passphrase, base64.b64decode(record["salt"]), record)
    try:
        return AESGCM(kek).decrypt(base64.b64decode(record["nonce"]), raw, AAD)
    except InvalidTag:
        raise keys.KeyLocked(f"the passphrase does not open the data key ({path})",
                             field="passphrase") from None


def _write(path: Path, record: dict[str, Any], replace: bool) -> None:
    temp = path.with_suffix(".tmp") if replace else path
    if replace:
        temp.unlink(missing_ok=True)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump(record, out)
        out.flush()
        os.fsync(out.fileno())
    if replace:
        os.replace(temp, path)


def protect(folder: Path, passphrase: bytes) -> None:
    """Wrap an unprotected data key with `passphrase` (nothing when there is none)."""
    path = folder / FILE
    try:
        record = json.loads(path.read_text())
    except FileNotFoundError:
        return
    if record.get("kdf") == "none":
        _write(path, _record(_unwrap(record, None, path), passphrase), replace=True)


def create(folder: Path, passphrase: bytes) -> None:
    """A data key wrapped with `passphrase`, made now unless one exists (then wrapped
    with it if it was not): for a workspace whose signing key is on a PKCS#11 token,
    where no protected key file tells a later first use to wrap it."""
    if (folder / FILE).exists():
        protect(folder, passphrase)
        return
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        _write(folder / FILE, _record(os.urandom(32), passphrase), replace=False)
    except FileExistsError:  # another process made it first
        protect(folder, passphrase)


def import_wrapped(folder: Path, data: bytes, passphrase: bytes) -> None:
    """Write the data key of a backup (export_wrapped) into a restored workspace, as
    unprotected as the restored signing key; `gavah init --key-passphrase-env` then
    protects both."""
    key = _unwrap(json.loads(data), passphrase, folder / FILE)
    _write(folder / FILE, _record(key, None), replace=True)


class Unwrapped:
    """A data key taken from a backup (export_wrapped) with its passphrase."""

    def __init__(self, data: bytes, passphrase: bytes) -> None:
        self._key = _unwrap(json.loads(data), passphrase, Path(FILE))

    def get(self) -> bytes:
        return self._key

    def __repr__(self) -> str:
        return "Unwrapped()"


class DataKey:
    """The data key, read (or made) on first use and kept by this object only."""

    def __init__(self, folder: Path, passphrase: Callable[[], bytes | None]) -> None:
        self.folder = Path(folder)
        self._passphrase = passphrase
        self._key: bytes | None = None

    def exists(self) -> bool:
        return (self.folder / FILE).is_file()

    def get(self) -> bytes:
        if self._key is None:
            self._key = self._load_or_make()
        return self._key

    def _load_or_make(self) -> bytes:
        path = self.folder / FILE
        passphrase = self._passphrase()
        if not path.exists():
            if keys.is_protected(self.folder) and not passphrase:
                raise keys.KeyLocked("the workspace keys are protected by a passphrase: "
                                     f"set {keys.ENV_PASSPHRASE}", field="passphrase")
            if keys.is_protected(self.folder):
                keys.load_private(self.folder, passphrase)  # the passphrase is the right one
            try:
                self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                _write(path, _record(os.urandom(32), passphrase if keys.is_protected(
                    self.folder) else None), replace=False)
            except FileExistsError:  # another process made it first: use theirs
                pass
        return _unwrap(json.loads(path.read_text()), passphrase, path)

    def export_wrapped(self, passphrase: bytes) -> bytes:
        """The data key wrapped with `passphrase` (scrypt, AES-GCM), for a backup."""
        return json.dumps(_record(self.get(), passphrase)).encode()

    def __getstate__(self) -> dict[str, Any]:
        """Sent to a worker process (a pipe on this machine) with the key once loaded."""
        return {"folder": str(self.folder), "key": self._key}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.folder = Path(state["folder"])
        self._key = state["key"]
        self._passphrase = keys.passphrase_from_env

    def __repr__(self) -> str:
        return f"DataKey({str(self.folder)!r})"
