"""A local RFC 3161 time-stamping authority for tests and benchmarks: `openssl ts -reply`
behind a small HTTP server on 127.0.0.1, with a test CA and TSA certificate made here
(fictional names; nothing leaves the machine)."""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CONFIG = """[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = {dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.2
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Fictional Test TSA")])


def _usage(**on: bool) -> x509.KeyUsage:
    flags = dict.fromkeys(("digital_signature", "content_commitment", "key_encipherment",
                           "data_encipherment", "key_agreement", "key_cert_sign", "crl_sign",
                           "encipher_only", "decipher_only"), False)
    return x509.KeyUsage(**(flags | on))


def make_ca(common: str = "Test TSA Root") -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(_name(common)).issuer_name(_name(common))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=30))
            .not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(_usage(key_cert_sign=True, crl_sign=True), critical=True)
            .sign(key, hashes.SHA256()))
    return cert, key


def make_tsa_cert(ca: x509.Certificate, ca_key: ec.EllipticCurvePrivateKey,
                  expired: bool = False, common: str = "Test TSA"
                  ) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    """A TSA certificate (extendedKeyUsage timeStamping, critical) issued by `ca`; with
    `expired`, one whose validity ended yesterday."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    start, end = ((now - dt.timedelta(days=20), now - dt.timedelta(days=1)) if expired
                  else (now - dt.timedelta(days=1), now + dt.timedelta(days=90)))
    cert = (x509.CertificateBuilder().subject_name(_name(common)).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]),
                           critical=True)
            .add_extension(_usage(digital_signature=True, content_commitment=True),
                           critical=True)
            .sign(ca_key, hashes.SHA256()))
    return cert, key


def pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


class LocalTsa:
    """`with LocalTsa() as tsa:` serves RFC 3161 at tsa.url; tsa.ca_path is its trust
    anchor. Every reply is made by `openssl ts -reply` with the files in tsa.folder."""

    def __init__(self, expired: bool = False, ca: tuple[x509.Certificate,
                 ec.EllipticCurvePrivateKey] | None = None) -> None:
        self._temp = tempfile.TemporaryDirectory(prefix="gavah-tsa-")
        self.folder = Path(self._temp.name)
        self.ca, ca_key = ca or make_ca()
        cert, key = make_tsa_cert(self.ca, ca_key, expired=expired)
        self.ca_path = self.folder / "ca.pem"
        self.ca_path.write_bytes(pem(self.ca))
        (self.folder / "tsa.pem").write_bytes(pem(cert))
        (self.folder / "tsa.key").write_bytes(key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))
        (self.folder / "serial").write_text("01\n")
        (self.folder / "tsa.cnf").write_text(CONFIG.format(dir=self.folder))
        self.requests = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/tsr"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def reply(self, query: bytes) -> bytes:
        """openssl's answer to a DER TimeStampReq."""
        with self._lock:  # one openssl at a time: it increments the serial file
            self.requests += 1
            number = self.requests
            (self.folder / f"q{number}.tsq").write_bytes(query)
            subprocess.run(
                ["openssl", "ts", "-reply", "-config", str(self.folder / "tsa.cnf"),
                 "-queryfile", str(self.folder / f"q{number}.tsq"),
                 "-out", str(self.folder / f"r{number}.tsr")],
                check=True, capture_output=True)
            return (self.folder / f"r{number}.tsr").read_bytes()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        tsa = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                answer = tsa.reply(body)
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    def __enter__(self) -> LocalTsa:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
        self._temp.cleanup()
