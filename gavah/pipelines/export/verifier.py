#!/usr/bin/env python3
"""Verify a gavah disclosure package with nothing but Python 3's standard library.

Usage: python3 verify.py [PACKAGE_DIR] [--key-id HEX] [--pure-python]

Checks the BagIt manifests (every payload and tag file, nothing missing, nothing
added), the Ed25519 signature over the tag manifest with the packaged public key, the
custody chain (hash links, entry hashes, signatures), that every item in
the case file has its file and its custody entries, and reads the RFC 3161 time-stamp
token when the package holds one. Prints a plain report; exits 1 on any problem.
The format is documented in docs/export-format.md of gavah; this file is meant to be
read: it trusts nothing in the package but the public key, whose fingerprint you
should compare with the one the sender published (--key-id). Signatures are checked
with the `cryptography` package when it is installed (faster), else, or with
--pure-python, with the Ed25519 code below.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# --- Ed25519 verification (RFC 8032, section 5.1.7), extended coordinates ---------

_P = 2**255 - 19
_L = 2**252 + 27742317777372353535851937790883648493
_D = -121665 * pow(121666, _P - 2, _P) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)
Point = tuple[int, int, int, int]


def _add(p: Point, q: Point) -> Point:
    a = (p[1] - p[0]) * (q[1] - q[0]) % _P
    b = (p[1] + p[0]) * (q[1] + q[0]) % _P
    c = 2 * p[3] * q[3] * _D % _P
    d = 2 * p[2] * q[2] % _P
    e, f, g, h = b - a, d - c, d + c, b + a
    return e * f % _P, g * h % _P, f * g % _P, e * h % _P


def _same(p: Point, q: Point) -> bool:
    return ((p[0] * q[2] - q[0] * p[2]) % _P == 0
            and (p[1] * q[2] - q[1] * p[2]) % _P == 0)


def _recover_x(y: int, sign: int) -> int | None:
    if y >= _P:
        return None
    x2 = (y * y - 1) * pow(_D * y * y + 1, _P - 2, _P) % _P
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P != 0:
        x = x * _SQRT_M1 % _P
    if (x * x - x2) % _P != 0:
        return None
    if (x & 1) != sign:
        x = _P - x
    return x


def _decompress(data: bytes) -> Point | None:
    if len(data) != 32:
        return None
    y = int.from_bytes(data, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % _P)


_GY = 4 * pow(5, _P - 2, _P) % _P
_GX = _recover_x(_GY, 0) or 0
_ZERO: Point = (0, 1, 1, 0)


def _table(point: Point) -> list[list[Point]]:
    """[j * 16^i]P for 64 windows i of 4 bits and j < 16: a scalar multiple of P then
    costs 64 additions. Every entry of a chain is signed by one key, so its table is made
    once (with the base point's) and each signature costs about 130 additions."""
    rows = []
    for _ in range(64):
        row = [_ZERO]
        for _ in range(15):
            row.append(_add(row[-1], point))
        rows.append(row)
        point = _add(row[15], point)
    return rows


_TABLES: dict[bytes, list[list[Point]]] = {}


def _mul_table(scalar: int, table: list[list[Point]]) -> Point:
    result = _ZERO
    for i in range(64):
        nibble = scalar >> (4 * i) & 15
        if nibble:
            result = _add(result, table[i][nibble])
    return result


def ed25519_verify_pure(public: bytes, message: bytes, signature: bytes) -> bool:
    """True when `signature` is a valid Ed25519 signature of `message` by `public`."""
    if len(public) != 32 or len(signature) != 64:
        return False
    if public not in _TABLES:
        a = _decompress(public)
        if a is None:
            return False
        if not _TABLES:
            _TABLES[b"base"] = _table((_GX, _GY, 1, _GX * _GY % _P))
        _TABLES[public] = _table(a)
    r = _decompress(signature[:32])
    s = int.from_bytes(signature[32:], "little")
    if r is None or s >= _L:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(),
                       "little") % _L
    return _same(_mul_table(s, _TABLES[b"base"]), _add(r, _mul_table(h, _TABLES[public])))


def _library() -> Callable[[bytes, bytes, bytes], bool] | None:
    """Ed25519 of the `cryptography` package (OpenSSL) when it is installed: the same
    answers as the code above (RFC 8032, S < L required), far faster on a long chain.
    The package stays checkable without it: the code above is then used."""
    try:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    except ImportError:
        return None
    keys: dict[bytes, Any] = {}

    def verify(public: bytes, message: bytes, signature: bytes) -> bool:
        if len(public) != 32 or len(signature) != 64:
            return False
        try:
            if public not in keys:
                keys[public] = Ed25519PublicKey.from_public_bytes(public)
            keys[public].verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True

    return verify


_LIBRARY = _library()


def ed25519_verify(public: bytes, message: bytes, signature: bytes) -> bool:
    """True when `signature` is a valid Ed25519 signature of `message` by `public`."""
    return (_LIBRARY or ed25519_verify_pure)(public, message, signature)


def engine(pure: bool) -> tuple[str, Callable[[bytes, bytes, bytes], bool]]:
    """The Ed25519 code to use and its name: the library's when present, unless the
    reader asks for this file's own (--pure-python: trust nothing but this file)."""
    if _LIBRARY is None or pure:
        return "the pure-Python Ed25519 code of this file", ed25519_verify_pure
    return "Ed25519 of the cryptography package (OpenSSL)", _LIBRARY


# The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the raw key follows.
_SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")


def public_key_from_pem(text: str) -> bytes:
    body = "".join(line for line in text.strip().splitlines() if not line.startswith("-----"))
    der = base64.b64decode(body, validate=True)
    if len(der) != 44 or not der.startswith(_SPKI_PREFIX):
        raise ValueError("not an Ed25519 public key (PEM SubjectPublicKeyInfo)")
    return der[len(_SPKI_PREFIX):]


def key_id(public: bytes) -> str:
    return hashlib.sha256(public).hexdigest()[:16]


# --- BagIt (RFC 8493) ---------------------------------------------------------------

CHUNK = 1 << 20
SIGNATURE = "tagmanifest-sha256.txt.sig"
TIMESTAMP = "tagmanifest-sha256.txt.tsr"
# Outside the tag manifest: the manifest itself, and what is made from it afterwards (its
# signature, its time-stamp and the TSA's trust anchor, which proves nothing by itself).
TSA_CA = "tsa-ca.pem"
UNLISTED = {"tagmanifest-sha256.txt", SIGNATURE, TIMESTAMP, TSA_CA}


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _decode_path(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


class Report:
    def __init__(self, pure: bool = False) -> None:
        self.problems: list[str] = []
        self.notes: list[str] = []
        self.engine, self.ed25519 = engine(pure)
        self.hashes: dict[Path, str] = {}  # files hashed once, for every check that asks

    def sha256(self, path: Path) -> str:
        if path not in self.hashes:
            self.hashes[path] = sha256_file(path)
        return self.hashes[path]

    def problem(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    def note(self, text: str) -> None:
        self.notes.append(text)


def read_manifest(bag: Path, name: str, report: Report) -> dict[str, str]:
    """path -> sha256 of a manifest; a malformed line is a problem."""
    listed: dict[str, str] = {}
    path = bag / name
    if not path.is_file():
        report.problem(name, "missing")
        return listed
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        digest, _, rel = line.partition(" ")
        rel = _decode_path(rel.lstrip(" *"))
        if len(digest) != 64 or not rel or rel.startswith("/") or ".." in rel.split("/"):
            report.problem(f"{name} line {number}", "not a 'sha256 path' line")
            continue
        listed[rel] = digest.lower()
    return listed


def _files(bag: Path, under: Path) -> Iterator[str]:
    for root, dirs, names in os.walk(under):
        dirs.sort()
        for file_name in sorted(names):
            yield Path(root, file_name).relative_to(bag).as_posix()


def check_manifest(bag: Path, listed: dict[str, str], present: set[str], name: str,
                   report: Report) -> int:
    for rel, digest in sorted(listed.items()):
        path = bag / rel
        if not path.is_file():
            report.problem(rel, f"listed in {name} but missing from the package")
        elif report.sha256(path) != digest:
            report.problem(rel, f"content does not match its SHA-256 in {name}: altered")
    for rel in sorted(present - set(listed)):
        report.problem(rel, f"not listed in {name}: added to the package")
    return len(listed)


def check_bag(bag: Path, report: Report) -> None:
    if not (bag / "bagit.txt").is_file():
        report.problem("bagit.txt", "missing: this is not a BagIt bag")
    payload = read_manifest(bag, "manifest-sha256.txt", report)
    present = set(_files(bag, bag / "data")) if (bag / "data").is_dir() else set()
    count = check_manifest(bag, payload, present, "manifest-sha256.txt", report)
    report.note(f"payload: {count} files checked against manifest-sha256.txt")
    tags = read_manifest(bag, "tagmanifest-sha256.txt", report)
    present_tags = {rel for rel in _files(bag, bag) if not rel.startswith("data/")} - UNLISTED
    count = check_manifest(bag, tags, present_tags, "tagmanifest-sha256.txt", report)
    report.note(f"tag files: {count} checked against tagmanifest-sha256.txt")
    for needed in ("manifest-sha256.txt", "bag-info.txt", "bagit.txt"):
        if needed not in tags and (bag / needed).is_file():
            report.problem(needed, "not covered by tagmanifest-sha256.txt")


def check_signature(bag: Path, public: bytes, report: Report) -> None:
    manifest, sig = bag / "tagmanifest-sha256.txt", bag / SIGNATURE
    if not manifest.is_file() or not sig.is_file():
        report.problem(SIGNATURE, "missing: the package is not signed")
        return
    try:
        signature = base64.b64decode(sig.read_text("ascii").strip(), validate=True)
    except (ValueError, UnicodeDecodeError):
        report.problem(SIGNATURE, "not base64")
        return
    if report.ed25519(public, manifest.read_bytes(), signature):
        report.note(f"signature over tagmanifest-sha256.txt: valid (key {key_id(public)})")
    else:
        report.problem(SIGNATURE, f"does not verify tagmanifest-sha256.txt with the "
                       f"packaged public key {key_id(public)}")


# --- custody chain ---------------------------------------------------------------------

GENESIS = "0" * 64


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode()


ROTATED = "key-rotated"
COSIGNED = "new_key_signature"


def first_key(path: Path, packaged: bytes) -> bytes:
    """The key that signed the chain's first entry: the old key of its first rotation,
    or the packaged key when the key was never rotated."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            try:
                entry = json.loads(line)
                if entry.get("action") == ROTATED:
                    return base64.b64decode(entry["details"]["old_public_key"], validate=True)
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
    return packaged


def handover(entry: dict[str, Any], body: dict[str, Any]) -> bytes | None:
    """The new key of a rotation entry when the new key's signature over the entry
    (without that signature) verifies."""
    try:
        details = dict(body["details"])
        new = base64.b64decode(details["new_public_key"], validate=True)
        cosignature = base64.b64decode(details.pop(COSIGNED), validate=True)
        digest = hashlib.sha256(canonical(body | {"details": details})).digest()
        return new if ed25519_verify(new, digest, cosignature) else None
    except (ValueError, KeyError, TypeError):
        return None


def check_chain(path: Path, packaged: bytes, report: Report) -> dict[int, list[int]]:
    """Check links, hashes and signatures, following key rotations from the chain's
    first key to the packaged one; return item id -> seqs of its full entries.

    gavah signs the last entry each transaction writes (and every key rotation); the
    others have an empty signature. A signature over an entry's hash covers every entry
    before it through their previous hashes, so an unsigned entry holds when a later
    entry's signature verifies, and is a problem when none does."""
    where = path.name
    by_item: dict[int, list[int]] = {}
    prev, expected, count, signed = GENESIS, 1, 0, 0
    waiting: tuple[int, int] | None = None  # unsigned entries no signature covered yet
    public = first_key(path, packaged)
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            try:
                entry = json.loads(line)
                seq, digest = int(entry["seq"]), str(entry["hash"])
                signature = base64.b64decode(entry["signature"], validate=True)
                if "time" in entry:
                    body = {k: entry[k] for k in
                            ("seq", "time", "actor", "action", "item", "details", "prev")}
            except (ValueError, KeyError, TypeError):
                report.problem(f"{where} line {number}", "not a custody entry")
                continue
            count += 1
            label = f"{where} entry seq {seq}"
            if seq != expected:
                report.problem(label, f"found where seq {expected} belongs: entries "
                               "removed, added or reordered")
            if entry.get("prev") != prev:
                report.problem(label, "its previous hash is not the hash of the entry "
                               "before it: the chain is broken")
            if "time" in entry:
                if hashlib.sha256(canonical(body)).hexdigest() != digest:
                    report.problem(label, "its content does not hash to its recorded hash: "
                                   "the entry was edited")
                if isinstance(entry["item"], int):
                    by_item.setdefault(entry["item"], []).append(seq)
            rotation = "time" in entry and entry.get("action") == ROTATED
            if not signature and not rotation:  # a later signature covers it
                prev, expected = digest, seq + 1
                waiting = (waiting[0] if waiting else seq, seq)
                continue
            try:
                good = report.ed25519(public, bytes.fromhex(digest), signature)
            except ValueError:
                good = False
            covered, waiting = waiting, None
            signed += good
            if not good:
                report.problem(label, f"signature does not verify with key {key_id(public)}"
                               + (f" (it was to cover seq {covered[0]}-{covered[1]} too)"
                                  if covered else ""))
            elif rotation:
                new = handover(entry, body)
                if new is None:
                    report.problem(label, "rotates the signing key, but the new key's "
                                   "signature of it does not verify")
                else:
                    report.note(f"{label}: signing key rotated {key_id(public)} -> "
                                f"{key_id(new)}, signed by both")
                    public = new
            prev, expected = digest, seq + 1
    if waiting:
        report.problem(f"{where} entries seq {waiting[0]}-{waiting[1]}", "carry no "
                       "signature, and no later entry's signature covers them")
    if public != packaged:
        report.problem(where, f"the chain ends signed by key {key_id(public)}, not by the "
                       f"packaged key {key_id(packaged)}")
    full = sum(len(seqs) for seqs in by_item.values())
    report.note(f"custody chain: {count} entries linked, {signed} signatures covering "
                f"them, {full} shown in full")
    return by_item


def check_case(bag: Path, case: dict[str, Any], by_item: dict[int, list[int]],
               report: Report) -> None:
    items = case.get("items", [])
    # Entries that name a protected person travel as hashes only; the case file says so.
    hidden = set((case.get("custody") or {}).get("hidden_naming_protected") or [])
    for item in items:
        label = f"data/case.json item {item.get('id')}"
        rel = item.get("file")
        if not isinstance(rel, str) or not (bag / rel).is_file():
            report.problem(label, f"its file {rel} is not in the package")
        elif report.sha256(bag / rel) != item.get("file_sha256"):
            report.problem(label, f"{rel} does not match the SHA-256 the case file gives")
        if not by_item.get(item.get("id")) and not hidden:  # type: ignore[arg-type]
            report.problem(label, "has no custody entry in the package")
    redacted = sum(1 for item in items if item.get("redacted"))
    report.note(f"case file: {len(items)} items with their files and custody entries"
                + (f" ({redacted} are redacted copies, see data/case.json)" if redacted
                   else ""))


class _Values:
    """JSON values read one at a time from a file, so that a case file resting on a
    hundred thousand claims is never held whole: the verifier keeps its items only."""

    CHUNK = 1 << 20

    def __init__(self, path: Path) -> None:
        self.handle = path.open(encoding="utf-8")
        self.text, self.at, self.eof = "", 0, False
        self.decode = json.JSONDecoder().raw_decode

    def _more(self) -> bool:
        if self.eof:
            return False
        chunk = self.handle.read(self.CHUNK)
        self.text, self.at = self.text[self.at:] + chunk, 0
        self.eof = not chunk
        return bool(chunk)

    def peek(self) -> str:
        while True:
            while self.at < len(self.text) and self.text[self.at] in " \t\r\n":
                self.at += 1
            if self.at < len(self.text) or not self._more():
                return self.text[self.at:self.at + 1]

    def take(self, char: str) -> None:
        if self.peek() != char:
            raise ValueError(f"expected {char!r} at character {self.at}")
        self.at += 1

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                found, end = self.decode(self.text, self.at)
            except ValueError:
                if self._more():
                    continue
                raise
            # a number cut where the text read so far ends may go on ("1" of "1.5")
            cut = end == len(self.text) or (
                isinstance(found, (int, float)) and self.text[end] in "0123456789.eE+-")
            if not cut or not self._more():
                self.at = end
                return found

    def elements(self) -> Iterator[Any]:
        """The elements of the array that starts here, one at a time."""
        self.take("[")
        if self.peek() == "]":
            self.at += 1
            return
        while True:
            yield self.value()
            if self.peek() == "]":
                self.at += 1
                return
            self.take(",")


def read_case(path: Path) -> dict[str, Any]:
    """The keys of data/case.json the verifier reads (items, custody), its other lists
    read and let go element by element (ValueError when it is not a JSON object)."""
    wanted: dict[str, Any] = {}
    values = _Values(path)
    try:
        values.take("{")
        first = True
        while values.peek() != "}":
            if not first:
                values.take(",")
            first, key = False, values.value()
            if not isinstance(key, str):
                raise ValueError(f"a key that is not a string at character {values.at}")
            values.take(":")
            if values.peek() == "[":
                kept = [one for one in values.elements() if key == "items"]
                if key == "items":
                    wanted[key] = kept
            else:
                found = values.value()
                if key == "custody":
                    wanted[key] = found
        values.take("}")
        if values.peek():
            raise ValueError("extra data after the case file's object")
    finally:
        values.handle.close()
    return wanted


# --- RFC 3161 time-stamp token: the message imprint, read with a small DER walker -----

def _der(data: bytes, start: int = 0) -> Iterator[tuple[int, bytes]]:
    at = start
    while at < len(data):
        tag, length = data[at], data[at + 1]
        at += 2
        if length & 0x80:
            size = length & 0x7F
            length = int.from_bytes(data[at:at + size], "big")
            at += size
        yield tag, data[at:at + length]
        at += length


def _parts(data: bytes) -> list[tuple[int, bytes]] | None:
    """The DER elements of `data`, or None when it is not DER (any octet string may
    hold DER, or just bytes)."""
    try:
        parts = list(_der(data))
    except (IndexError, ValueError):
        return None
    return parts if sum(len(body) for _, body in parts) <= len(data) else None


def _imprints(data: bytes, depth: int = 0) -> Iterator[tuple[bytes, bytes]]:
    """(hash algorithm OID, hashed message) of every MessageImprint-shaped SEQUENCE."""
    if depth > 12:
        return
    for tag, body in _parts(data) or []:
        if tag == 0x30:
            parts = _parts(body) or []
            algorithm = _parts(parts[0][1]) if parts and parts[0][0] == 0x30 else None
            if (len(parts) == 2 and parts[1][0] == 0x04 and algorithm
                    and algorithm[0][0] == 0x06):
                yield algorithm[0][1], parts[1][1]
            else:
                yield from _imprints(body, depth + 1)
        elif tag in (0x04, 0xA0, 0x31):
            yield from _imprints(body, depth + 1)


_SHA256_OID = bytes.fromhex("608648016503040201")


def check_timestamp(bag: Path, report: Report) -> None:
    token, manifest = bag / TIMESTAMP, bag / "tagmanifest-sha256.txt"
    if not token.is_file():
        report.note("time-stamp: none (the sender had no time-stamping authority "
                    "configured; see bag-info.txt)")
        return
    want = hashlib.sha256(manifest.read_bytes()).digest()
    found = [msg for oid, msg in _imprints(token.read_bytes()) if oid == _SHA256_OID]
    if want not in found:
        report.problem(TIMESTAMP, "the time-stamp is not over tagmanifest-sha256.txt")
        return
    note = "time-stamp: its message imprint matches tagmanifest-sha256.txt"
    ca = bag / TSA_CA
    if shutil.which("openssl") and ca.is_file():
        done = subprocess.run(["openssl", "ts", "-verify", "-data", str(manifest), "-in",
                               str(token), "-CAfile", str(ca)], capture_output=True)
        if done.returncode != 0:
            report.problem(TIMESTAMP, "openssl ts -verify rejects the TSA's signature")
            return
        note += "; the TSA's signature checked with openssl against tsa-ca.pem"
    else:
        note += "; the TSA's signature not checked (needs openssl and tsa-ca.pem)"
    report.note(note)


def verify(bag: Path, expected_key_id: str | None = None, pure: bool = False) -> Report:
    report = Report(pure)
    report.note(f"signatures checked with {report.engine}")
    check_bag(bag, report)
    key_path = bag / "data" / "custody" / "public_key.pem"
    try:
        public = public_key_from_pem(key_path.read_text("ascii"))
    except (OSError, ValueError) as exc:
        report.problem("data/custody/public_key.pem", f"unusable: {exc}")
        return report
    report.note(f"public key: {key_id(public)} (compare with the fingerprint the sender "
                "published)")
    if expected_key_id and key_id(public) != expected_key_id.lower():
        report.problem("data/custody/public_key.pem", f"its fingerprint {key_id(public)} is "
                       f"not the expected {expected_key_id}: the key was replaced")
    check_signature(bag, public, report)
    check_timestamp(bag, report)
    chain = bag / "data" / "custody" / "chain.jsonl"
    by_item = check_chain(chain, public, report) if chain.is_file() else {}
    if not chain.is_file():
        report.problem("data/custody/chain.jsonl", "missing")
    try:
        case = read_case(bag / "data" / "case.json")
    except (OSError, ValueError) as exc:
        report.problem("data/case.json", f"unreadable: {exc}")
        return report
    check_case(bag, case, by_item, report)
    return report


def main(argv: list[str]) -> int:
    args, expected, pure = [], None, False
    rest = iter(argv)
    for arg in rest:
        if arg == "--key-id":
            expected = next(rest, None)
        elif arg == "--pure-python":
            pure = True
        elif arg.startswith("-"):
            print(__doc__)
            return 2
        else:
            args.append(arg)
    bag = Path(args[0]) if args else Path(__file__).resolve().parent
    if not bag.is_dir():
        print(f"{bag}: not a folder")
        return 2
    report = verify(bag, expected, pure)
    print(f"gavah package: {bag}")
    for note in report.notes:
        print(f"  ok  {note}")
    for problem in report.problems:
        print(f"  PROBLEM  {problem}")
    print(f"{len(report.problems)} problem(s) found" if report.problems
          else "VERIFIED: no problem found")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
