"""The workspace's Ed25519 key pair on disk. The private key file is mode 0600, may be
encrypted with a passphrase (PKCS#8, the best encryption `cryptography` offers), and
neither it nor the passphrase is ever printed or logged.

A rotation keeps the retired public keys under keys/retired/ so that `verify` can start
the chain with the key that signed its first entry; the chain itself says which key
handed over to which (gavah.core.custody)."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    Encoding,
    KeySerializationEncryption,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
    load_pem_public_key,
)

from gavah.core.custody import key_id
from gavah.core.errors import GavahError

PRIVATE = "workspace.ed25519"
PUBLIC = "workspace.ed25519.pub"
PENDING = "workspace.ed25519.next"  # a rotation's new key until its entry is committed
RETIRED = "retired"
ENV_PASSPHRASE = "GAVAH_KEY_PASSPHRASE"
ENCRYPTED_PEM = b"-----BEGIN ENCRYPTED PRIVATE KEY-----"


class KeyLocked(GavahError):
    """The signing key needs a passphrase that was not given, or another one."""


def passphrase_from_env() -> bytes | None:
    value = os.environ.get(ENV_PASSPHRASE)
    return value.encode() if value else None


def _encryption(passphrase: bytes | None) -> KeySerializationEncryption:
    return BestAvailableEncryption(passphrase) if passphrase else NoEncryption()


def _write_new(path: Path, data: bytes) -> None:
    # O_EXCL: never overwrite a key another process just made; 0600 from the first byte.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _private_pem(key: Ed25519PrivateKey, passphrase: bytes | None) -> bytes:
    return key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, _encryption(passphrase))


def create(folder: Path, passphrase: bytes | None = None) -> bool:
    """Create the key pair unless it exists; return True when created. With a
    passphrase, an existing key without one is re-written protected by it."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    private_path = folder / PRIVATE
    if private_path.exists():
        if passphrase and not is_protected(folder):
            protect(folder, passphrase)
        return False
    key = Ed25519PrivateKey.generate()
    _write_new(private_path, _private_pem(key, passphrase))
    (folder / PUBLIC).write_bytes(public_pem(key.public_key()))
    return True


def protect(folder: Path, passphrase: bytes) -> None:
    """Encrypt an unprotected private key with `passphrase`, in place (atomically)."""
    key = load_private(folder, None)
    temp = folder / (PRIVATE + ".tmp")
    temp.unlink(missing_ok=True)
    _write_new(temp, _private_pem(key, passphrase))
    os.replace(temp, folder / PRIVATE)


def is_protected(folder: Path) -> bool:
    try:
        return (folder / PRIVATE).read_bytes().lstrip().startswith(ENCRYPTED_PEM)
    except FileNotFoundError:
        return False


def public_pem(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)


def _load(path: Path, passphrase: bytes | None) -> Ed25519PrivateKey:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise GavahError(f"the workspace signing key is missing ({path})") from None
    encrypted = data.lstrip().startswith(ENCRYPTED_PEM)
    if encrypted and not passphrase:
        raise KeyLocked(f"the workspace signing key ({path}) is protected by a passphrase: "
                        f"set {ENV_PASSPHRASE}", field="passphrase")
    try:
        key = load_pem_private_key(data, password=passphrase if encrypted else None)
    except ValueError:
        # The message never holds the passphrase, only that it did not fit.
        raise KeyLocked(f"the passphrase does not open the workspace signing key ({path})",
                        field="passphrase") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise GavahError(f"{path} is not an Ed25519 private key")
    return key


def load_private(folder: Path, passphrase: bytes | None = None) -> Ed25519PrivateKey:
    """The private key; `passphrase` when it is protected (else GAVAH_KEY_PASSPHRASE)."""
    return _load(folder / PRIVATE, passphrase or passphrase_from_env())


def load_public(folder: Path) -> Ed25519PublicKey:
    path = folder / PUBLIC
    try:
        key = load_pem_public_key(path.read_bytes())
    except FileNotFoundError:
        return load_private(folder).public_key()
    if not isinstance(key, Ed25519PublicKey):
        raise GavahError(f"{path} is not an Ed25519 public key")
    return key


def ring(folder: Path) -> dict[str, Ed25519PublicKey]:
    """Every public key the workspace has signed with, by key id: the current one and
    the retired ones."""
    found: dict[str, Ed25519PublicKey] = {}
    for path in sorted((folder / RETIRED).glob("*.pub")):
        key = load_pem_public_key(path.read_bytes())
        if isinstance(key, Ed25519PublicKey):
            found[key_id(key)] = key
    current = load_public(folder)
    found[key_id(current)] = current
    return found


# Rotation: stage_next() writes the new key beside the current one; the caller records
# the rotation in the custody log, then finish_rotation() retires the old key. A
# rotation interrupted between the two is finished or dropped by the workspace at its
# next signing, by whether the log recorded it (gavah.store.workspace).

def stage_next(folder: Path, passphrase: bytes | None) -> Ed25519PrivateKey:
    pending = folder / PENDING
    pending.unlink(missing_ok=True)  # a rotation that was never recorded
    key = Ed25519PrivateKey.generate()
    _write_new(pending, _private_pem(key, passphrase))
    return key


def pending_key(folder: Path, passphrase: bytes | None = None) -> Ed25519PrivateKey | None:
    path = folder / PENDING
    if not path.exists():
        return None
    return _load(path, passphrase or passphrase_from_env())


def drop_pending(folder: Path) -> None:
    (folder / PENDING).unlink(missing_ok=True)


def finish_rotation(folder: Path, new: Ed25519PublicKey, from_pending: bool = True) -> None:
    """The new key becomes the workspace key; the old public key is kept under retired/,
    the old private key file (none when it was on a token) is overwritten and removed
    (an operator who wants it kept takes a copy before rotating). `from_pending`: the
    new private key is the staged file; otherwise it lives on a token and only its
    public half is written here. Finishing twice does nothing the second time."""
    old_public = load_public(folder)
    if key_id(old_public) == key_id(new):
        return
    retired = folder / RETIRED
    retired.mkdir(mode=0o700, exist_ok=True)
    (retired / f"{key_id(old_public)}.pub").write_bytes(public_pem(old_public))
    old = folder / PRIVATE
    if old.exists():
        size = old.stat().st_size
        with open(old, "r+b") as handle:  # a best effort: SSDs and copy-on-write keep copies
            handle.write(os.urandom(size))
            handle.flush()
            os.fsync(handle.fileno())
    if from_pending:
        os.replace(folder / PENDING, old)
    else:
        old.unlink(missing_ok=True)
    write_public(folder, new)


def write_public(folder: Path, key: Ed25519PublicKey) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    temp = folder / (PUBLIC + ".tmp")
    temp.write_bytes(public_pem(key))
    os.replace(temp, folder / PUBLIC)
