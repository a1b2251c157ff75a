"""A small FICTIONAL web site on 127.0.0.1 for the capture tests: a page with a picture,
a lazy picture far below, text loaded by script after a delay, a video and links; a
redirect; a 404; a page whose text changes on each visit; a page that never answers."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

VIDEO = (Path(__file__).parent.parent / "fixtures" / "capture" / "tiny.webm").read_bytes()
# The capture settings every test workspace gets: hosts other than the loopback are
# refused before their name is resolved, so no test sends even a DNS query outside.
LOOPBACK_ONLY = {"allow_hosts": ["127.0.0.1", "localhost"]}
DELAYED = "FICTIONAL delayed paragraph: the commission's second list arrived later."
MAIN = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>FICTIONAL Dashtabad report</title></head><body>
<article><h1>FICTIONAL report on the Dashtabad commission</h1>
<p>This page is fictional and exists only for gavah's tests. The Dashtabad prison
commission met in the summer of 1988, according to this invented report, and heard the
cases of prisoners one after another in a single day.</p>
<p>Witness accounts collected for this fictional report describe long corridors and a
list of names read aloud. None of these people or places exist.</p>
<p id="late">(waiting)</p>
<img src="/pic.png" alt="a red square">
<video src="/clip.webm" controls></video>
<p><a href="/other.html">Another fictional page</a></p>
<div style="height:3000px"></div>
<img src="/lazy.png" loading="lazy" alt="a lazy picture">
</article>
<script>
setTimeout(function () {
  fetch('/late.txt').then(function (r) { return r.text(); })
    .then(function (t) { document.getElementById('late').textContent = t; });
}, 700);
</script>
</body></html>"""
OTHER = """<!doctype html><html><head><meta charset="utf-8"><title>FICTIONAL other page</title>
</head><body><p>FICTIONAL second page of the test site.</p></body></html>"""
MISSING = """<!doctype html><html><head><title>FICTIONAL not found</title></head>
<body><h1>Not found</h1><p>FICTIONAL: this page was removed by the test site.</p></body>
</html>"""


def loopback_only(home: Path, **settings: object) -> None:
    """Write LOOPBACK_ONLY (and `settings`) into the workspace's config.json."""
    import json

    path = home / "config.json"
    config = json.loads(path.read_text())
    config["capture"] = LOOPBACK_ONLY | settings
    path.write_text(json.dumps(config))


def _png(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 40), colour).save(out, "PNG")
    return out.getvalue()


class Site:
    def __init__(self) -> None:
        self.hits: list[str] = []
        self.visits = 0
        self.slow_hit = threading.Event()
        self.files = {
            "/": ("text/html; charset=utf-8", MAIN.encode()),
            "/other.html": ("text/html; charset=utf-8", OTHER.encode()),
            "/late.txt": ("text/plain; charset=utf-8", DELAYED.encode()),
            "/pic.png": ("image/png", _png((200, 30, 30))),
            "/lazy.png": ("image/png", _png((30, 30, 200))),
            "/clip.webm": ("video/webm", VIDEO),
        }
        self.url = ""

    def changing(self) -> bytes:
        self.visits += 1
        lines = [f"<p>FICTIONAL line {n} of the changing page.</p>" for n in range(5)]
        if self.visits > 1:
            lines[2] = f"<p>FICTIONAL line 2 was edited on visit {self.visits}.</p>"
            lines.append("<p>FICTIONAL line added later by the site.</p>")
        return ("<!doctype html><html><head><title>FICTIONAL changing page</title></head>"
                f"<body><article>{''.join(lines)}</article></body></html>").encode()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_: object) -> None:
            return

        def _send(self, status: int, kind: str, body: bytes,
                  extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            site.hits.append(path)
            if path in site.files:
                kind, body = site.files[path]
                self._send(200, kind, body)
            elif path == "/redirect":
                self._send(302, "text/plain", b"moved", {"Location": "/"})
            elif path == "/changing":
                self._send(200, "text/html; charset=utf-8", site.changing())
            elif path == "/hang":  # a page that never finishes loading
                time.sleep(15)
                self._send(200, "text/html", b"<p>FICTIONAL too late</p>")
            elif path == "/to-localhost":
                port = self.server.server_address[1]
                self._send(302, "text/plain", b"moved",
                           {"Location": f"http://localhost:{port}/"})
            elif path == "/slow":
                if not site.slow_hit.is_set():  # only the first visit is slow
                    site.slow_hit.set()
                    time.sleep(20)
                self._send(200, "text/html", b"<title>FICTIONAL slow page</title>"
                           b"<p>FICTIONAL slow page, answered at last.</p>")
            else:
                self._send(404, "text/html; charset=utf-8", MISSING.encode())

    return Handler


@contextmanager
def serving_tls(folder: Path) -> Iterator[str]:
    """An https server on 127.0.0.1 with a certificate no browser trusts (self-signed,
    made here), for the TLS failure."""
    import datetime
    import ssl

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "FICTIONAL test site")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .sign(key, hashes.SHA256()))
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    with serving() as site:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
        server.daemon_threads = True
        server.socket = context.wrap_socket(server.socket, server_side=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"https://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            server.server_close()


@contextmanager
def serving() -> Iterator[Site]:
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
