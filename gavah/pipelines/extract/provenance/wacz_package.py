"""WACZ web archives made elsewhere (Browsertrix, auto-archiver, ArchiveWeb.page): every
file listed in datapackage.json against its recorded hash and size, datapackage.json
against datapackage-digest.json, and the digest's signature where there is one
(WACZ Signing and Verification 0.1: an anonymous ECDSA key, or a domain certificate with
an RFC 3161 time-stamp over the signature).

"valid" means every hash matches and a signature, if present, verifies; whether a
domain certificate chains to a public root is not judged here (no trust list, no
network), only that the certificate in the package made the signature."""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from typing import Any, BinaryIO

from gavah.pipelines.extract.base import Provenance, tool_name

MAX_PROBLEMS = 50
ALGORITHMS = {"sha256": hashlib.sha256, "md5": hashlib.md5, "sha1": hashlib.sha1}


def _digest(archive: zipfile.ZipFile, name: str, algorithm: str) -> tuple[str, int]:
    digest = ALGORITHMS[algorithm]()
    size = 0
    with archive.open(name) as member:
        while chunk := member.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _split(value: Any) -> tuple[str, str] | None:
    """'sha256:abc...' -> ('sha256', 'abc...'); None when not in that form."""
    if not isinstance(value, str) or ":" not in value:
        return None
    algorithm, _, hexdigest = value.partition(":")
    return (algorithm.lower(), hexdigest.lower()) if algorithm.lower() in ALGORITHMS else None


def _verify_ecdsa(key: Any, signature: bytes, data: bytes) -> bool:
    """ECDSA over SHA-256 (and SHA-384) of `data`, the signature DER or raw r||s (what
    the browser's WebCrypto makes)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

    forms = [signature]
    if len(signature) % 2 == 0:
        half = len(signature) // 2
        forms.append(encode_dss_signature(int.from_bytes(signature[:half], "big"),
                                          int.from_bytes(signature[half:], "big")))
    for form in forms:
        for algorithm in (hashes.SHA256(), hashes.SHA384()):
            try:
                key.verify(form, data, ec.ECDSA(algorithm))
            except (InvalidSignature, ValueError):
                continue
            return True
    return False


def _signature(signed: dict[str, Any], package_hash: str) -> dict[str, Any]:
    """The signedData of datapackage-digest.json, checked."""
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import load_der_public_key

    out: dict[str, Any] = {"present": True, "created": signed.get("created"),
                           "software": signed.get("software")}
    problems: list[str] = []
    if signed.get("hash") != package_hash:
        problems.append("the signature is over another datapackage.json")
    try:
        signature = base64.b64decode(str(signed.get("signature", "")), validate=True)
        if signed.get("publicKey"):
            out["kind"] = "anonymous"
            key = load_der_public_key(base64.b64decode(str(signed["publicKey"])))
            out["public_key_sha256"] = hashlib.sha256(
                base64.b64decode(str(signed["publicKey"]))).hexdigest()
        else:
            out["kind"] = "domain"
            out["domain"] = signed.get("domain")
            chain = x509.load_pem_x509_certificates(str(signed.get("domainCert", "")).encode())
            key = chain[0].public_key()
            out["certificate"] = chain[0].subject.rfc4514_string()
            if signed.get("timeSignature"):
                out["time_stamp"] = _time_stamp(signed)
                if out["time_stamp"].get("problems"):
                    problems += out["time_stamp"]["problems"]
        if not isinstance(key, ec.EllipticCurvePublicKey):
            problems.append("the signing key is not an ECDSA key")
        elif not _verify_ecdsa(key, signature, str(signed.get("hash", "")).encode()):
            problems.append("the signature does not verify with the package's key")
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        problems.append(f"the signature could not be read: {exc}")
    out["valid"] = not problems
    out["problems"] = problems
    return out


def _time_stamp(signed: dict[str, Any]) -> dict[str, Any]:
    """The RFC 3161 stamp over the signature (a domain signature carries one), checked
    against the time-stamp certificate the package itself names."""
    from gavah.core import timestamps as tsp

    response = base64.b64decode(str(signed["timeSignature"]))
    digest = hashlib.sha256(str(signed.get("signature", "")).encode()).hexdigest()
    try:
        stamp = tsp.read(response)
    except tsp.TokenError as exc:
        return {"problems": [f"the time-stamp could not be read: {exc}"]}
    findings = tsp.check(response, digest, str(signed.get("timestampCert", "")).encode())
    return {"gen_time": stamp.gen_time, "tsa_name": stamp.tsa_name,
            "problems": [f"time-stamp: {f.detail}" for f in findings]}


def check(stream: BinaryIO) -> Provenance:
    tool = tool_name("gavah-wacz/1")
    problems: list[str] = []
    result: dict[str, Any] = {"kind": "wacz", "signer": None, "signed_at": None,
                              "edited_after_signing": None, "trusted": None}
    try:
        archive = zipfile.ZipFile(stream)
        names = set(archive.namelist())
        package_bytes = archive.read("datapackage.json")
        package = json.loads(package_bytes)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        return Provenance("wacz", tool, result | {"status": "unreadable", "problems": [
            f"datapackage.json could not be read: {exc}"]})
    resources = package.get("resources", []) if isinstance(package, dict) else []
    checked = 0
    for resource in resources if isinstance(resources, list) else []:
        path = str(resource.get("path", "")) if isinstance(resource, dict) else ""
        recorded = _split(resource.get("hash")) if isinstance(resource, dict) else None
        if path not in names:
            problems.append(f"{path!r} is listed but missing from the package")
            continue
        if recorded is None:
            problems.append(f"{path!r} has no hash in datapackage.json")
            continue
        actual, size = _digest(archive, path, recorded[0])
        checked += 1
        if actual != recorded[1]:
            problems.append(f"{path!r} hashes to {actual[:16]}…, recorded {recorded[1][:16]}…")
        elif isinstance(resource.get("bytes"), int) and resource["bytes"] != size:
            problems.append(f"{path!r} is {size} bytes, recorded {resource['bytes']}")
    package_hash = "sha256:" + hashlib.sha256(package_bytes).hexdigest()
    result["resources_checked"] = checked
    result["wacz_version"] = package.get("wacz_version") if isinstance(package, dict) else None
    result["created"] = package.get("created") if isinstance(package, dict) else None
    result["software"] = package.get("software") if isinstance(package, dict) else None
    digest_file: dict[str, Any] | None = None
    if "datapackage-digest.json" in names:
        try:
            digest_file = json.loads(archive.read("datapackage-digest.json"))
        except ValueError as exc:
            problems.append(f"datapackage-digest.json is not JSON: {exc}")
    if isinstance(digest_file, dict):
        recorded_hash = digest_file.get("hash")
        if recorded_hash != package_hash:
            problems.append("datapackage.json does not match its digest in "
                            "datapackage-digest.json")
        signed = digest_file.get("signedData")
        if isinstance(signed, dict):
            signature = _signature(signed, str(recorded_hash))
            result["signature"] = signature
            result["signer"] = signature.get("domain") or (
                f"anonymous key {signature['public_key_sha256'][:16]}"
                if signature.get("public_key_sha256") else None)
            result["signed_at"] = signed.get("created")
            # A signature covers datapackage.json, which covers every file by its hash.
            result["edited_after_signing"] = bool(problems) or not signature["valid"]
            problems += [f"signature: {p}" for p in signature["problems"]]
        else:
            result["signature"] = {"present": False}
    else:
        result["signature"] = {"present": False}
        problems.append("the package has no datapackage-digest.json")
    result["status"] = "invalid" if problems else "valid"
    result["problems"] = problems[:MAX_PROBLEMS]
    return Provenance("wacz", tool, result)
