"""Files that carry their own provenance, made here with test keys and fictional names:
a picture with a C2PA manifest (c2pa-python, ES256), a PDF signed with pyhanko, and WACZ
packages (optionally signed as ArchiveWeb.page does)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from PIL import Image


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Fictional Newsroom")])


def _usage(**on: bool) -> x509.KeyUsage:
    flags = dict.fromkeys(("digital_signature", "content_commitment", "key_encipherment",
                           "data_encipherment", "key_agreement", "key_cert_sign", "crl_sign",
                           "encipher_only", "decipher_only"), False)
    return x509.KeyUsage(**(flags | on))


def _signing_chain() -> tuple[bytes, bytes, ec.EllipticCurvePrivateKey, x509.Certificate]:
    """(chain PEM, key PEM, key, leaf): an ES256 signer issued by a test CA (C2PA refuses
    self-signed signers)."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca = (x509.CertificateBuilder().subject_name(_name("Fictional Test CA"))
          .issuer_name(_name("Fictional Test CA")).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(days=1))
          .not_valid_after(now + dt.timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(_usage(key_cert_sign=True, crl_sign=True), critical=True)
          .add_extension(ca_ski, critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (x509.CertificateBuilder().subject_name(_name("Fictional Camera Signer"))
            .issuer_name(ca.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]),
                           critical=False)
            .add_extension(_usage(digital_signature=True), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(
                ca_ski), critical=False)
            .sign(ca_key, hashes.SHA256()))
    chain = leaf.public_bytes(serialization.Encoding.PEM) + \
        ca.public_bytes(serialization.Encoding.PEM)
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return chain, key_pem, key, leaf


def signed_picture() -> bytes:
    """A fictional photograph with a C2PA manifest claiming a crop."""
    import c2pa

    chain, key_pem, _, _ = _signing_chain()
    picture = io.BytesIO()
    Image.new("RGB", (64, 48), (180, 40, 40)).save(picture, "JPEG")
    picture.seek(0)
    signer = c2pa.Signer.from_info(c2pa.C2paSignerInfo(c2pa.C2paSigningAlg.ES256, chain,
                                                       key_pem, None))
    builder = c2pa.Builder({
        "claim_generator_info": [{"name": "gavah-test", "version": "1"}],
        "title": "fictional-photo.jpg",
        "assertions": [{"label": "c2pa.actions", "data": {"actions": [
            {"action": "c2pa.created", "digitalSourceType":
             "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"},
            {"action": "c2pa.cropped"}]}}]})
    out = io.BytesIO()
    builder.sign(signer, "image/jpeg", picture, out)
    return out.getvalue()


def signed_pdf() -> bytes:
    """A one-page PDF signed with pyhanko by a fictional notary."""
    import pypdfium2 as pdfium
    from asn1crypto import keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    _, _, key, leaf = _signing_chain()
    document = pdfium.PdfDocument.new()
    document.new_page(200, 200)
    blank = io.BytesIO()
    document.save(blank)
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(leaf.public_bytes(serialization.Encoding.DER)),
        signing_key=keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())),
        cert_registry=None)
    writer = IncrementalPdfFileWriter(io.BytesIO(blank.getvalue()))
    return bytes(signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="Notary"),
                                  signer=signer).getvalue())


def edited_after_signing(pdf: bytes) -> bytes:
    """The signed PDF with its page's content replaced in an incremental update."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Contents"] = writer.add_object(generic.StreamObject(
        stream_data=b"BT /F1 12 Tf 10 10 Td (changed later) Tj ET"))
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def wacz_package(tamper: bool = False, sign: bool = False,
                 domain: Any = None) -> bytes:
    """A minimal WACZ 1.1 package (fictional page), optionally signed anonymously as
    ArchiveWeb.page does (ECDSA P-384 over the digest's hash string, raw r||s), or, with
    `domain` (a tests.tsa.LocalTsa), by a domain certificate with an RFC 3161 stamp over
    the signature, as authsign does (DER signature)."""
    files = {"archive/data.warc": b"WARC/1.1\r\nfictional record\r\n\r\n",
             "pages/pages.jsonl": b'{"format": "json-pages-1.0"}\n',
             "indexes/index.cdx": b"org,example)/ 20260101000000 {}\n"}
    package = {"profile": "data-package", "wacz_version": "1.1.1", "software": "test",
               "created": "2026-01-01T00:00:00Z", "resources": [
                   {"name": Path(p).name, "path": p, "hash": "sha256:" +
                    hashlib.sha256(b).hexdigest(), "bytes": len(b)} for p, b in files.items()]}
    package_bytes = json.dumps(package).encode()
    digest: dict[str, Any] = {"path": "datapackage.json",
                              "hash": "sha256:" + hashlib.sha256(package_bytes).hexdigest()}
    if sign:
        from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

        key = ec.generate_private_key(ec.SECP384R1())
        r, s = decode_dss_signature(key.sign(digest["hash"].encode(), ec.ECDSA(hashes.SHA256())))
        digest["signedData"] = {
            "hash": digest["hash"], "created": "2026-01-01T00:00:01Z", "software": "test",
            "signature": base64.b64encode(r.to_bytes(48, "big") + s.to_bytes(48, "big")).decode(),
            "publicKey": base64.b64encode(key.public_key().public_bytes(
                serialization.Encoding.DER,
                serialization.PublicFormat.SubjectPublicKeyInfo)).decode()}
    if domain is not None:
        from gavah.core import timestamps as tsp

        _, _, key, leaf = _signing_chain()
        signature = base64.b64encode(key.sign(digest["hash"].encode(),
                                              ec.ECDSA(hashes.SHA256()))).decode()
        stamp = domain.reply(tsp.request(hashlib.sha256(signature.encode()).hexdigest(), 5))
        digest["signedData"] = {
            "hash": digest["hash"], "created": "2026-01-01T00:00:01Z", "software": "test",
            "signature": signature, "domain": "archive.example",
            "domainCert": leaf.public_bytes(serialization.Encoding.PEM).decode(),
            "timeSignature": base64.b64encode(stamp).decode(),
            "timestampCert": domain.ca_path.read_text()}
    if tamper:
        files["archive/data.warc"] = b"WARC/1.1\r\nfictional record, altered\r\n\r\n"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path, data in files.items():
            archive.writestr(path, data)
        archive.writestr("datapackage.json", package_bytes)
        archive.writestr("datapackage-digest.json", json.dumps(digest))
    return out.getvalue()
