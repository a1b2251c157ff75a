"""RFC 3161 time-stamps over custody entries: the request for one entry's hash, and the
check of a stored response against that hash and the TSA's trust anchor. Pure: bytes in,
findings out.

The message imprint of a request is the entry's own hash (SHA-256 over its canonical
JSON), not a hash of that hash, so that anyone can check a stamp with
`openssl ts -verify -digest ENTRY_HASH -in RESPONSE.tsr -CAfile TSA-CA.pem`.

rfc3161-client parses and verifies responses; it cannot build a request from a digest
already computed (its builder hashes the data itself), so the request is built with
asn1crypto. Both are imported inside the functions that use them: the CLI starts without.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature

SHA256_OID = "2.16.840.1.101.3.4.2.1"


class TokenError(Exception):
    """The response cannot be read as an RFC 3161 time-stamp response."""


@dataclass(frozen=True)
class Stamp:
    """What a time-stamp response says, read without judging it."""

    gen_time: str  # ISO 8601 UTC, as everywhere in gavah
    serial: str  # the TSA's serial number of this stamp, in decimal
    tsa_name: str  # the subject of the certificate that signed it
    imprint: str  # hex of the hash that was stamped
    hash_algorithm: str  # dotted OID
    nonce: int | None
    policy: str


@dataclass(frozen=True)
class Finding:
    """One reason a stored stamp does not prove what it should."""

    kind: str  # wrong-hash | untrusted | expired-certificate | bad-signature | ...
    detail: str


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def request(entry_hash: str, nonce: int) -> bytes:
    """A DER TimeStampReq for the entry hash (hex SHA-256), asking for the TSA's
    certificate in the response."""
    from asn1crypto import tsp

    digest = bytes.fromhex(entry_hash)
    if len(digest) != 32:
        raise ValueError("an entry hash is 32 bytes of SHA-256")
    return bytes(tsp.TimeStampReq({
        "version": 1,
        "message_imprint": {"hash_algorithm": {"algorithm": "sha256"},
                            "hashed_message": digest},
        "nonce": nonce, "cert_req": True}).dump())


def _decode(response: bytes) -> Any:
    from rfc3161_client import decode_timestamp_response

    try:
        return decode_timestamp_response(response)
    except (ValueError, TypeError) as exc:
        raise TokenError(f"not a readable time-stamp response: {exc}") from None


def _signer(decoded: Any) -> Any:
    """The certificate in the response that signed it (by issuer and serial number, which
    the signature covers), or None when the response carries no certificate."""
    from cryptography import x509

    infos = list(decoded.signed_data.signer_infos)
    if len(infos) != 1:
        return None
    info = infos[0]
    for der in decoded.signed_data.certificates:
        cert = x509.load_der_x509_certificate(der)
        if cert.issuer == info.issuer and cert.serial_number == info.serial_number:
            return cert
    return None


def read(response: bytes) -> Stamp:
    """The facts of a response. Raises TokenError when it cannot be parsed or was refused."""
    from rfc3161_client import PKIStatus

    decoded = _decode(response)
    if decoded.status not in (PKIStatus.GRANTED, PKIStatus.GRANTED_WITH_MODS):
        text = "; ".join(decoded.status_string) or f"status {decoded.status}"
        raise TokenError(f"the TSA refused the request: {text}")
    try:
        info = decoded.tst_info
        signer = _signer(decoded)
        return Stamp(
            gen_time=iso(info.gen_time), serial=str(info.serial_number),
            tsa_name=signer.subject.rfc4514_string() if signer is not None else "",
            imprint=info.message_imprint.message.hex(),
            hash_algorithm=info.message_imprint.hash_algorithm.dotted_string,
            nonce=info.nonce, policy=info.policy.dotted_string)
    except (ValueError, TypeError) as exc:
        raise TokenError(f"not a readable time-stamp token: {exc}") from None


def load_anchors(pem: bytes) -> list[Any]:
    """The certificates of a trust anchor file (a CA and, optionally, intermediates)."""
    from cryptography import x509

    try:
        certs = x509.load_pem_x509_certificates(pem)
    except ValueError:
        raise ValueError("no PEM certificate could be read from it") from None
    return list(certs)


def fingerprint(pem: bytes) -> str:
    """SHA-256 over the DER of the anchor's certificates, in file order."""
    from cryptography.hazmat.primitives.serialization import Encoding

    digest = hashlib.sha256()
    for cert in load_anchors(pem):
        digest.update(cert.public_bytes(Encoding.DER))
    return digest.hexdigest()


def _issued_by(cert: Any, issuer: Any) -> bool:
    if cert.issuer != issuer.subject:
        return False
    try:
        cert.verify_directly_issued_by(issuer)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _chain(leaf: Any, anchors: list[Any]) -> list[Any] | None:
    """leaf, ..., a certificate of the anchor file: each issued by the next; None when
    no such path exists."""
    path = [leaf]
    current = leaf
    for _ in range(8):
        if current in anchors:
            return path
        issuer = next((a for a in anchors if _issued_by(current, a)), None)
        if issuer is None:
            return None
        path.append(issuer)
        current = issuer
    return None


_HASHES = {"sha256": "SHA256", "sha384": "SHA384", "sha512": "SHA512"}


def signature_holds(token: bytes, signer: Any) -> bool:
    """Whether the token's SignerInfo signature, made with `signer`'s key, covers its
    signed attributes, and their message digest the TSTInfo: the signature alone, at no
    particular time (rfc3161-client checks it only together with the certificates'
    validity at the stamp's time, which a forged time would turn into another finding)."""
    from asn1crypto import cms
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    try:
        signed = cms.ContentInfo.load(token)["content"]
        info = signed["signer_infos"][0]
        algorithm = _HASHES.get(info["digest_algorithm"]["algorithm"].native)
        if algorithm is None:
            return False
        content = signed["encap_content_info"]["content"].contents
        digest = hashlib.new(algorithm.lower(), content).digest()
        attrs = info["signed_attrs"]
        stated = next(a["values"][0].native for a in attrs
                      if a["type"].native == "message_digest")
        if stated != digest:
            return False
        covered = b"\x31" + attrs.dump()[1:]  # signed as a SET, stored [0] IMPLICIT
        chosen = getattr(hashes, algorithm)()
        key = signer.public_key()
        signature = info["signature"].native
        if isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, covered, ec.ECDSA(chosen))
        elif isinstance(key, rsa.RSAPublicKey):
            pss = info["signature_algorithm"]["algorithm"].native == "rsassa_pss"
            key.verify(signature, covered, padding.PSS(padding.MGF1(chosen),
                                                       padding.PSS.AUTO) if pss
                       else padding.PKCS1v15(), chosen)
        else:
            return False
    except (InvalidSignature, ValueError, TypeError, KeyError, IndexError, StopIteration):
        return False
    return True


def check(response: bytes, entry_hash: str, anchors_pem: bytes,
          nonce: int | None = None) -> list[Finding]:
    """Every reason the response does not prove that `entry_hash` existed at its time,
    signed by a TSA whose certificate chains to the anchor and was valid then. An empty
    list: the stamp holds."""
    from rfc3161_client import VerificationError, VerifierBuilder

    try:
        stamp = read(response)
        decoded = _decode(response)
    except TokenError as exc:
        return [Finding("unreadable", str(exc))]
    findings: list[Finding] = []
    if stamp.hash_algorithm != SHA256_OID or stamp.imprint != entry_hash:
        findings.append(Finding("wrong-hash", f"the stamp is over {stamp.imprint[:16]}…, "
                                f"not the entry's hash {entry_hash[:16]}…"))
    if nonce is not None and stamp.nonce != nonce:
        findings.append(Finding("wrong-nonce", "the response answers another request"))
    try:
        anchors = load_anchors(anchors_pem)
    except ValueError as exc:
        return [*findings, Finding("untrusted", f"the TSA's trust anchor is unusable: {exc}")]
    signer = _signer(decoded)
    if signer is None:
        return [*findings, Finding("untrusted", "the response carries no certificate of the "
                                   "TSA that signed it")]
    chain = _chain(signer, anchors)
    if chain is None:
        return [*findings, Finding("untrusted", f"the stamp is signed by "
                                   f"{signer.subject.rfc4514_string()}, whose certificate "
                                   "does not chain to the TSA's trust anchor")]
    if not signature_holds(decoded.time_stamp_token(), signer):
        return [*findings, Finding("bad-signature", "the stamp's signature does not verify "
                                   f"with the key of {signer.subject.rfc4514_string()}: "
                                   "the stamp was altered")]
    when = datetime.fromisoformat(stamp.gen_time)
    for cert in chain:
        if not cert.not_valid_before_utc <= when <= cert.not_valid_after_utc:
            findings.append(Finding(
                "expired-certificate", f"the certificate of {cert.subject.rfc4514_string()} "
                f"was valid from {iso(cert.not_valid_before_utc)[:19]} to "
                f"{iso(cert.not_valid_after_utc)[:19]}, not at the stamp's time "
                f"{stamp.gen_time[:19]}"))
            return findings
    builder = VerifierBuilder()
    for anchor in anchors:
        builder = builder.add_root_certificate(anchor)
    try:
        # The signature and the TSA certificate's rules (critical EKU timeStamping), over
        # the imprint the stamp carries: a wrong hash is reported above, on its own.
        builder.build().verify(decoded, bytes.fromhex(stamp.imprint))
    except (VerificationError, ValueError) as exc:
        findings.append(Finding("bad-signature", f"the stamp's signature does not verify: "
                                f"{exc}"))
    return findings
