"""The workspace's Ed25519 key pair on disk. The private key file is mode 0600 and
its contents are never printed or logged."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
    load_pem_public_key,
)

from gavah.core.errors import GavahError

PRIVATE = "workspace.ed25519"
PUBLIC = "workspace.ed25519.pub"


def create(folder: Path) -> bool:
    """Create the key pair unless it exists; return True when created."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    private_path = folder / PRIVATE
    if private_path.exists():
        return False
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    # O_EXCL: never overwrite a key another process just made; 0600 from the first byte.
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
        out.flush()
        os.fsync(out.fileno())
    (folder / PUBLIC).write_bytes(public_pem(key.public_key()))
    return True


def public_pem(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)


def load_private(folder: Path) -> Ed25519PrivateKey:
    path = folder / PRIVATE
    try:
        key = load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError:
        raise GavahError(f"the workspace signing key is missing ({path})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise GavahError(f"{path} is not an Ed25519 private key")
    return key


def load_public(folder: Path) -> Ed25519PublicKey:
    path = folder / PUBLIC
    try:
        key = load_pem_public_key(path.read_bytes())
    except FileNotFoundError:
        return load_private(folder).public_key()
    if not isinstance(key, Ed25519PublicKey):
        raise GavahError(f"{path} is not an Ed25519 public key")
    return key
