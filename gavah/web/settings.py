"""Settings for one web app instance. Passed to create_app; `gavah serve` hands them to
uvicorn's workers through the environment."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

SECRET_FILE = "web-secret"
_ENV = {"home": "GAVAH_HOME", "database_url": "GAVAH_DATABASE_URL",
        "secure_cookies": "GAVAH_SECURE_COOKIES", "allowed_hosts": "GAVAH_ALLOWED_HOSTS"}
# The names a browser may use for this server when none are given. A page on another
# site that makes its own name resolve to 127.0.0.1 (DNS rebinding) sends its own name
# as Host, and is refused.
LOOPBACK = ("localhost", "127.0.0.1", "::1")


@dataclass
class Settings:
    home: Path
    database_url: str | None = None
    # Cookies marked Secure: True/False, or None to mark them when the request is https.
    secure_cookies: bool | None = None
    session_hours: float = 12.0
    max_upload_bytes: int = 4 << 30
    anonymous_body_bytes: int = 64 << 10  # the sign-in form; nothing else is anonymous
    # Host names (or "*.example.org") this server answers to.
    allowed_hosts: tuple[str, ...] = LOOPBACK
    # A disclosure package made while the request waits holds at most this many bytes of
    # originals; larger cases are exported from the command line.
    max_export_bytes: int = 2 << 30
    secret_key: bytes | None = None  # default: <home>/web-secret, made on first use

    def export(self) -> None:
        os.environ[_ENV["home"]] = str(self.home)
        if self.database_url:
            os.environ[_ENV["database_url"]] = self.database_url
        if self.secure_cookies is not None:
            os.environ[_ENV["secure_cookies"]] = "1" if self.secure_cookies else "0"
        os.environ[_ENV["allowed_hosts"]] = ",".join(self.allowed_hosts)

    @classmethod
    def from_environment(cls) -> Settings:
        secure = os.environ.get(_ENV["secure_cookies"])
        hosts = [h.strip() for h in os.environ.get(_ENV["allowed_hosts"], "").split(",")]
        return cls(home=Path(os.environ.get(_ENV["home"], "gavah-data")),
                   database_url=os.environ.get(_ENV["database_url"]) or None,
                   secure_cookies=None if secure is None else secure == "1",
                   allowed_hosts=tuple(dict.fromkeys([*LOOPBACK, *(h for h in hosts if h)])))

    def secret(self) -> bytes:
        """The key that signs CSRF tokens; one per workspace, so every worker shares it."""
        if self.secret_key:
            return self.secret_key
        path = self.home / SECRET_FILE
        if not path.exists():
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                pass  # another worker made it first
            else:
                with os.fdopen(fd, "w") as out:
                    out.write(secrets.token_hex(32))
        self.secret_key = bytes.fromhex(path.read_text().strip())
        return self.secret_key
