"""A second factor for accounts: TOTP codes (RFC 6238: six digits, 30-second steps) from
any authenticator app. Every account may enrol; an administrator must, and cannot sign
in until it has. A code is checked at web sign-in and when an API token is issued.

Rules: codes of the step before and after the current one are accepted (clocks drift),
and each step is accepted once per account, so a code seen over a shoulder or in a
proxy's log cannot be used again. The shared secret is kept in the database (the server
must hold it to check codes) and shown once, at enrolment, as an otpauth:// URI and its
QR code."""

from __future__ import annotations

import hmac
import time

import pyotp

from gavah.core.errors import BadInput
from gavah.store import accounts as store
from gavah.store.account_tables import User
from gavah.store.workspace import Workspace

ISSUER = "gavah"
STEP = 30  # seconds
DRIFT = 1  # steps accepted either side of the current one
REQUIRED_FOR = ("admin",)  # roles that may not sign in without a second factor


def provisioning_uri(secret: str, name: str) -> str:
    return pyotp.TOTP(secret, interval=STEP).provisioning_uri(name=name, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The URI as an inline SVG QR code, for the account page."""
    import segno

    return str(segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff"))


def enrol(ws: Workspace, name: str, actor: str) -> str:
    """A new secret for the account (any earlier one stops working); returns the
    otpauth:// URI to put in an authenticator app. This is the one time it is shown."""
    secret = pyotp.random_base32()
    with ws.db.write() as session:
        user = store.get_user(session, name)
        if user.disabled:
            raise BadInput(f"user {name!r} is disabled")
        user.totp_secret = secret
        user.totp_last_step = None
        store.touch(user)
        ws.custody.append(session, actor, "user-totp-enrolled", None, {"user": name},
                          reaches=())
    return provisioning_uri(secret, name)


def remove(ws: Workspace, name: str, actor: str) -> None:
    """Take the second factor off an account (a lost phone); an administrator cannot
    sign in again until it enrols anew."""
    with ws.db.write() as session:
        user = store.get_user(session, name)
        user.totp_secret = None
        user.totp_last_step = None
        store.touch(user)
        store.end_sessions_of(session, user)
        ws.custody.append(session, actor, "user-totp-removed", None, {"user": name},
                          reaches=())


def accept(user: User, code: str | None, now: float | None = None) -> bool:
    """Whether `code` is good for `user` now; a good code's step is remembered on the
    user (in the caller's write transaction), so it is refused the next time."""
    if not user.totp_secret or not code:
        return False
    code = "".join(code.split())
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return False
    totp = pyotp.TOTP(user.totp_secret, interval=STEP)
    current = int((time.time() if now is None else now) // STEP)
    for step in range(current - DRIFT, current + DRIFT + 1):
        if hmac.compare_digest(totp.at(step * STEP), code):
            if user.totp_last_step is not None and step <= user.totp_last_step:
                return False  # used already
            user.totp_last_step = step
            return True
    return False


def required(role: str) -> bool:
    return role in REQUIRED_FOR
