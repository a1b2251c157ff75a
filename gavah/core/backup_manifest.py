"""The backup manifest: what a backup holds, each file and blob by SHA-256 and size,
signed with the workspace key so that a backup proves itself without being restored.

manifest.json holds {"manifest": M, "signature": S}: S is the base64 Ed25519 signature
over the canonical JSON of M (sorted keys, no whitespace, UTF-8), so that the manifest
and its signature are written, and replaced, as one file. A backup whose manifest or any file
or blob it lists was changed fails the check; so does one signed by another key than the
workspace's, when the checker has the workspace's key to compare."""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from gavah.core.custody import Signer, canonical, key_id

FORMAT = "gavah-backup/1"
MANIFEST = "manifest.json"
HISTORY = "manifests"  # every manifest written, by time, beside the current one
# The files every backup holds, besides the database dump it names.
CONFIG = "config.json"
HEAD = "custody.head"
PUBLIC_KEY = "keys/workspace.ed25519.pub"
PRIVATE_KEY = "keys/workspace.ed25519.enc.pem"  # PKCS#8, encrypted with the passphrase
DATA_KEY = "keys/blobs.key.enc"  # the data key of sealed originals, wrapped likewise
RETIRED = "keys/retired/"  # the public keys of earlier rotations: KEY_ID.pub
RETIRED_NAME = re.compile(r"keys/retired/[0-9a-f]{16}\.pub")


@dataclass
class Manifest:
    workspace_id: str
    made_at: str
    made_by: str
    key_id: str
    schema: str | None
    database: dict[str, Any]  # dialect, name, sha256, size
    files: dict[str, dict[str, Any]]  # name -> sha256, size
    blobs: dict[str, int]  # sha256 -> size
    head: dict[str, Any] | None  # the custody head the dump holds: seq, hash
    source: dict[str, Any] = field(default_factory=dict)  # blobs location (no secrets)

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "workspace_id": self.workspace_id,
                "made_at": self.made_at, "made_by": self.made_by, "key_id": self.key_id,
                "schema": self.schema, "database": self.database, "files": self.files,
                "blobs": self.blobs, "head": self.head, "source": self.source}

    def encode(self) -> bytes:
        return canonical(self.to_dict())

    @property
    def bytes_total(self) -> int:
        return sum(self.blobs.values())

    @classmethod
    def decode(cls, data: bytes) -> Manifest:
        raw = json.loads(data)
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} manifest")
        return cls(raw["workspace_id"], raw["made_at"], raw["made_by"], raw["key_id"],
                   raw["schema"], dict(raw["database"]), dict(raw["files"]),
                   {str(k): int(v) for k, v in raw["blobs"].items()}, raw["head"],
                   dict(raw.get("source") or {}))


def seal(manifest: Manifest, signer: Signer) -> bytes:
    """The bytes of manifest.json: the manifest and its signature."""
    signature = base64.b64encode(signer.sign(manifest.encode())).decode()
    return canonical({"manifest": manifest.to_dict(), "signature": signature})


def unseal(data: bytes, public_key: Ed25519PublicKey) -> tuple[Manifest, bool]:
    """(the manifest, whether its signature is good under `public_key`). Raises
    ValueError when the file is not a manifest at all."""
    try:
        raw = json.loads(data)
        body = canonical(raw["manifest"])
        signature = base64.b64decode(str(raw["signature"]), validate=True)
        manifest = Manifest.decode(body)
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise ValueError(f"not a readable backup manifest: {exc}") from None
    try:
        public_key.verify(signature, body)
    except InvalidSignature:
        return manifest, False
    return manifest, True


def same_key(a: Ed25519PublicKey, b: Ed25519PublicKey) -> bool:
    return key_id(a) == key_id(b)
