"""The custody chain: canonical entries, their hashes and Ed25519 signatures.

Each entry's hash covers its seq, time, actor, action, item, details and the hash of
the entry before it, serialised canonically (sorted keys, no spaces, UTF-8, integers
only), so anyone can recompute it with a few lines of any language. The workspace key
signs the 32 raw bytes of that hash; `openssl pkeyutl -verify -rawin` checks it.

The last entry a transaction writes is signed, and so is every key rotation; the others
carry an empty signature. A signature over an entry's hash covers, through the previous
hashes, every entry before it, so each unsigned entry is vouched for by the next signed
one, written in the same commit: an ingest of 10,000 files signs a few entries, not
30,000 (and verify checks a few signatures: cryptography has no batch verification). An
unsigned entry that no later signature covers is reported.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

# cryptography is imported where a key is used: reading entries (`gavah show`) needs none.
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

    from gavah.core.seal_checks import Sealed

GENESIS = "0" * 64


def utc_now() -> str:
    """The current time as stored everywhere in gavah: ISO 8601, UTC, microseconds, 'Z'."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _refuse_float(text: str) -> Any:
    # Floats have no single canonical text form across languages; refuse them.
    raise TypeError(f"custody details may not hold floats ({text}); store a string")


def canonical(value: Any) -> bytes:
    """Canonical JSON bytes: sorted keys, no whitespace, UTF-8, no floats."""
    text = _encoded(value)
    json.loads(text, parse_float=_refuse_float)  # the C parser finds floats fastest
    return text.encode()


def _encoded(value: Any) -> str:
    """canonical() without refusing floats."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)


# The details key of an entry that records a read of several items at once (a search
# result page, an entity page): [[item id, classification], ...].
READ_ITEMS = "read_items"


def read_items(item: int | None, details: dict[str, Any]) -> list[int]:
    """The items an entry that reads several at once lists (gavah.store.custody indexes
    them); none for an entry about one item."""
    listed = details.get(READ_ITEMS) if item is None else None
    if not isinstance(listed, list):
        return []
    return sorted({int(pair[0]) for pair in listed
                   if isinstance(pair, list) and pair and isinstance(pair[0], int)})


@dataclass(frozen=True)
class Entry:
    seq: int
    time: str
    actor: str
    action: str
    item: int | None
    details: dict[str, Any]
    prev_hash: str
    entry_hash: str = ""
    signature: str = ""
    key_id: str = ""

    def body(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "time": self.time,
            "actor": self.actor,
            "action": self.action,
            "item": self.item,
            "details": self.details,
            "prev": self.prev_hash,
        }

    def computed_hash(self) -> str:
        return hashlib.sha256(canonical(self.body())).hexdigest()

    def stored_hash(self) -> str:
        """computed_hash of an entry read back to be checked. One with no canonical form
        (a float put into its details behind gavah's back) gets a text that matches no
        recorded hash: it is reported as altered instead of stopping the check. (Floats
        are looked for only when the hash differs: gavah never signed one, so an entry
        holding one cannot match, and the look costs a third of the hashing.)"""
        try:
            digest = hashlib.sha256(_encoded(self.body()).encode()).hexdigest()
            if digest != self.entry_hash:  # say why when it has no canonical form
                canonical(self.details)
        except (TypeError, ValueError) as exc:
            return f"nothing: it cannot be hashed ({exc})"
        return digest

    def read_items(self) -> list[int]:
        return read_items(self.item, self.details)

    def to_dict(self) -> dict[str, Any]:
        return self.body() | {
            "hash": self.entry_hash,
            "signature": self.signature,
            "key_id": self.key_id,
        }


def key_id(public_key: Ed25519PublicKey) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


class SignsBytes(Protocol):
    """Anything that makes an Ed25519 signature: a private key in memory, a Signer (whose
    key may live on a hardware token, gavah.store.pkcs11)."""

    def sign(self, data: bytes) -> bytes: ...


class Signer:
    """Seals entries with the workspace key. Holds the private key; never prints it.
    A subclass may keep the key elsewhere (a PKCS#11 token) by overriding `sign`."""

    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._key = private_key
        self.public_key = private_key.public_key()
        self.key_id = key_id(self.public_key)

    def seal(self, entry: Entry) -> Entry:
        """The entry hashed and signed."""
        hashed = self.hashed(entry)
        return Entry(**{**hashed.__dict__, "signature": self.signature_of(hashed.entry_hash)})

    def hashed(self, entry: Entry) -> Entry:
        """The entry with its hash and this key's id, unsigned: a later signed entry of
        the same transaction covers it."""
        return Entry(**{**entry.__dict__, "entry_hash": entry.computed_hash(),
                        "signature": "", "key_id": self.key_id})

    def signature_of(self, entry_hash: str) -> str:
        """Base64 of the signature of an entry's hash (its 32 raw bytes)."""
        return base64.b64encode(self.sign(bytes.fromhex(entry_hash))).decode()

    def sign(self, data: bytes) -> bytes:
        """An Ed25519 signature of `data` (a package's tag manifest)."""
        return self._key.sign(data)

    def __repr__(self) -> str:
        return f"Signer(key_id={self.key_id!r})"


# Key rotation: a `key-rotated` entry names the new public key and carries the new key's
# signature over the entry without that signature (COSIGNED_FIELD removed from its
# details); the old key signs the whole entry as usual. Both keys thus sign the
# handover, and the new key's signature binds it to this place in the chain (the
# previous hash). Every later entry must verify with the new key.
KEY_ROTATED = "key-rotated"
NEW_PUBLIC_KEY = "new_public_key"  # base64 of the raw 32-byte Ed25519 public key
COSIGNED_FIELD = "new_key_signature"


def handover_digest(entry: Entry) -> bytes:
    """What the new key signs in a rotation: the entry's hash as if it had no
    cosignature."""
    details = {k: v for k, v in entry.details.items() if k != COSIGNED_FIELD}
    return hashlib.sha256(canonical(entry.body() | {"details": details})).digest()


def cosign(entry: Entry, new_key: SignsBytes) -> Entry:
    """The rotation entry with the new key's signature added to its details."""
    signature = base64.b64encode(new_key.sign(handover_digest(entry))).decode()
    return Entry(**{**entry.__dict__, "details": entry.details | {COSIGNED_FIELD: signature}})


def raw_public(public_key: Ed25519PublicKey) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return base64.b64encode(public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()


def handover(entry: Entry) -> Ed25519PublicKey | None:
    """The new key a rotation entry hands over to, when its cosignature verifies."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        new = Ed25519PublicKey.from_public_bytes(
            base64.b64decode(str(entry.details.get(NEW_PUBLIC_KEY, "")), validate=True))
        new.verify(base64.b64decode(str(entry.details.get(COSIGNED_FIELD, "")),
                                    validate=True), handover_digest(entry))
    except (InvalidSignature, ValueError, TypeError):
        return None
    return new


def vouched_later(entry: Entry) -> bool:
    """An entry that carries no signature of its own, which a later entry's must cover. A
    key rotation always carries its own."""
    return not entry.signature and entry.action != KEY_ROTATED


def signature_ok(public_key: Ed25519PublicKey, entry: Entry) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        public_key.verify(base64.b64decode(entry.signature, validate=True),
                          bytes.fromhex(entry.entry_hash))
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class Problem:
    """One thing `verify` found wrong, precise enough to act on."""

    kind: str
    detail: str
    item: int | None = None
    seq: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "item": self.item, "seq": self.seq, "detail": self.detail,
                **self.extra}


@dataclass(frozen=True)
class Head:
    """The last entry the workspace wrote, kept outside the database so that removing
    entries from the end of the chain is detected too."""

    seq: int
    entry_hash: str


def check_chain(
    entries: Iterable[Entry], public_key: Ed25519PublicKey, head: Head | None = None,
    current_key: Ed25519PublicKey | None = None, workers: int = 1,
) -> Iterator[Problem | int]:
    """Check links, hashes and signatures of entries given in stored seq order.

    `public_key` verifies the first entry; each valid rotation hands over to its new
    key. `current_key`, when given, is the key the workspace signs with now: the chain
    must end with it (else someone put another key in place of the workspace's).
    `workers` > 1: hashes and signatures are checked ahead on that many threads
    (gavah.core.seal_checks); the problems found are the same. An unsigned entry must be
    covered by the signature of a later entry (see the module's docstring).
    Yields every Problem found, then the number of entries checked (an int) last.
    """
    expected_seq = 1
    prev_hash = GENESIS
    count = 0
    waiting: tuple[int, int] | None = None  # unsigned entries (first, last seq) so far
    last: Entry | None = None
    kid = key_id(public_key) if workers > 1 else ""
    for entry, sealed in _with_seals(entries, public_key, workers):
        count += 1
        if entry.seq != expected_seq:
            if entry.seq > expected_seq:
                missing = (f"seq {expected_seq}" if entry.seq == expected_seq + 1
                           else f"seq {expected_seq}-{entry.seq - 1}")
                yield Problem("entry-removed", f"{missing} missing before seq {entry.seq}",
                              seq=expected_seq)
            else:
                yield Problem("entry-out-of-order", f"seq {entry.seq} follows seq "
                              f"{expected_seq - 1}", seq=entry.seq)
        if entry.prev_hash != prev_hash:
            yield Problem("broken-chain", f"seq {entry.seq} points to previous hash "
                          f"{entry.prev_hash[:16]}…, but the entry before it hashes to "
                          f"{prev_hash[:16]}…", seq=entry.seq, item=entry.item)
        # Checked ahead with the key held here, or checked now.
        ahead = sealed if sealed is not None and sealed.key_id == kid else None
        actual = ahead.computed_hash if ahead else entry.stored_hash()
        if actual != entry.entry_hash:
            yield Problem("altered-entry", f"seq {entry.seq} content hashes to {actual}, "
                          f"recorded {entry.entry_hash}", seq=entry.seq, item=entry.item)
        elif vouched_later(entry):
            waiting = (waiting[0] if waiting else entry.seq, entry.seq)
        elif not (ahead.signature_ok if ahead else signature_ok(public_key, entry)):
            covering = f" (it was to cover the unsigned {_seqs(waiting)} too)" if waiting \
                else ""
            waiting = None
            yield Problem("bad-signature", f"seq {entry.seq} signature does not verify with "
                          f"key {key_id(public_key)}{covering}", seq=entry.seq,
                          item=entry.item)
        else:
            waiting = None
            if entry.action == KEY_ROTATED:
                new = handover(entry)
                if new is None:
                    yield Problem("bad-rotation", f"seq {entry.seq} rotates the signing key, "
                                  "but the new key's signature of it does not verify",
                                  seq=entry.seq)
                else:
                    public_key = new
                    kid = key_id(new) if workers > 1 else ""
        prev_hash = entry.entry_hash
        expected_seq = entry.seq + 1
        last = entry
    if waiting:
        yield Problem("unsigned-entry", f"{_seqs(waiting)} carry no signature, and no later "
                      "entry's signature covers them", seq=waiting[0])
    if current_key is not None and key_id(current_key) != key_id(public_key):
        yield Problem("key-mismatch", f"the chain hands over to key {key_id(public_key)}, but "
                      f"the workspace signs with key {key_id(current_key)}")
    if head is not None:
        if last is None or last.seq < head.seq:
            have = 0 if last is None else last.seq
            yield Problem("entry-removed", f"the chain ends at seq {have}, but the workspace "
                          f"recorded entries up to seq {head.seq}", seq=have + 1)
        elif last.seq == head.seq and last.entry_hash != head.entry_hash:
            yield Problem("broken-chain", f"seq {head.seq} is not the entry the workspace "
                          "recorded as its last", seq=head.seq)
    yield count


def _seqs(span: tuple[int, int]) -> str:
    return f"seq {span[0]}" if span[0] == span[1] else f"seq {span[0]}-{span[1]}"


def _with_seals(entries: Iterable[Entry], public_key: Ed25519PublicKey, workers: int
                ) -> Iterator[tuple[Entry, Sealed | None]]:
    if workers <= 1:
        return ((entry, None) for entry in entries)
    from gavah.core.seal_checks import checked_ahead

    return checked_ahead(entries, public_key, workers)
