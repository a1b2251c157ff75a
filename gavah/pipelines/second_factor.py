"""A second factor for accounts: TOTP codes (RFC 6238: six digits, 30-second steps) from
any authenticator app. Every account may enrol; an administrator must, and cannot sign
in until it has. A code is checked at web sign-in and when an API token is issued.

A new secret is pending until a code from it is entered (`confirm`): until then sign-in
goes on as before (with the earlier secret, or none), so an enrolment whose QR code
never reached an app cannot lock anyone out. A registered security key (WebAuthn, see
security_keys) is a second factor as well.

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
    """A new secret for the account, pending until `confirm`; returns the otpauth:// URI
    to put in an authenticator app. This is the one time it is shown. An earlier pending
    secret is replaced; an earlier confirmed one keeps working until the new one is
    confirmed."""
    secret = pyotp.random_base32()
    with ws.db.write() as session:
        user = store.get_user(session, name)
        if user.disabled:
            raise BadInput(f"user {name!r} is disabled")
        user.totp_pending = secret
        store.touch(user)
        ws.custody.append(session, actor, "user-totp-pending", None, {"user": name},
                          reaches=())
    return provisioning_uri(secret, name)


def confirm(ws: Workspace, name: str, code: str, actor: str,
            now: float | None = None) -> None:
    """Make the pending secret the account's second factor, given a current code of it;
    the code's step is spent (it cannot then be used to sign in)."""
    with ws.db.write() as session:
        user = store.get_user(session, name)
        if not user.totp_pending:
            raise BadInput(f"user {name!r} has no enrolment waiting for a code: enrol first",
                           field="code")
        step = _matching_step(user.totp_pending, code, now)
        if step is None:
            raise BadInput("the code does not match the new secret: check the app's clock "
                           "and enter the code it shows now", field="code")
        user.totp_secret, user.totp_pending, user.totp_last_step = user.totp_pending, None, step
        store.touch(user)
        ws.custody.append(session, actor, "user-totp-enrolled", None, {"user": name},
                          reaches=())


def pending(ws: Workspace, name: str) -> bool:
    """Whether the account has a new secret waiting for its first code."""
    with ws.db.read() as session:
        return bool(store.get_user(session, name).totp_pending)


def remove(ws: Workspace, name: str, actor: str) -> None:
    """Take the second factor off an account (a lost phone); an administrator cannot
    sign in again until it enrols anew."""
    with ws.db.write() as session:
        user = store.get_user(session, name)
        user.totp_secret = None
        user.totp_pending = None
        user.totp_last_step = None
        store.touch(user)
        store.end_sessions_of(session, user)
        ws.custody.append(session, actor, "user-totp-removed", None, {"user": name},
                          reaches=())


def _matching_step(secret: str, code: str | None, now: float | None) -> int | None:
    """The time step within the drift whose code is `code`, or None."""
    if not code:
        return None
    code = "".join(code.split())
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret, interval=STEP)
    current = int((time.time() if now is None else now) // STEP)
    for step in range(current - DRIFT, current + DRIFT + 1):
        if hmac.compare_digest(totp.at(step * STEP), code):
            return step
    return None


def accept(user: User, code: str | None, now: float | None = None) -> bool:
    """Whether `code` is good for `user` now; a good code's step is remembered on the
    user (in the caller's write transaction), so it is refused the next time. Only a
    confirmed secret counts, never a pending one."""
    if not user.totp_secret:
        return False
    step = _matching_step(user.totp_secret, code, now)
    if step is None:
        return False
    if user.totp_last_step is not None and step <= user.totp_last_step:
        return False  # used already
    user.totp_last_step = step
    return True


def required(role: str) -> bool:
    return role in REQUIRED_FOR
