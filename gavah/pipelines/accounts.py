"""Accounts for the web app and API: users with a role and a clearance, API tokens,
sign-in with rate limiting, and server-side sessions. Every change to an account is a
custody entry (who granted whom which clearance is part of the record)."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from gavah.core.errors import BadInput, GavahError
from gavah.core.levels import rank
from gavah.core.passwords import MIN_LENGTH, problem
from gavah.core.roles import ROLES
from gavah.pipelines import second_factor
from gavah.pipelines.access import Viewer
from gavah.store import accounts as store
from gavah.store import webauthn as key_store
from gavah.store.account_tables import User
from gavah.store.db import Row
from gavah.store.workspace import Workspace

LANGUAGES = ("en", "fa")
MIN_PASSWORD = MIN_LENGTH
IDLE_MINUTES = 30  # a session unused this long ends; the config may set session_idle_minutes
SEEN_EVERY = timedelta(minutes=1)  # how often a session's last use is written down
TOKEN_PREFIX = "gvh_"
# Sign-in rate limits: failures within the window, per account name and per address.
WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_ADDRESS = 20
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")


ARGON2_PARAMETERS = ("time_cost", "memory_cost", "parallelism")


def _hasher(ws: Workspace) -> PasswordHasher:
    """argon2id with the library's defaults (slow on purpose), or the parameters the
    workspace's config names under "argon2" (an operator tuning the cost to a server)."""
    return _hasher_with(tuple(sorted(
        (k, int(v)) for k, v in dict(ws.config.get("argon2") or {}).items()
        if k in ARGON2_PARAMETERS)))


@cache
def _hasher_with(parameters: tuple[tuple[str, int], ...]) -> PasswordHasher:
    given = dict(parameters)
    defaults = PasswordHasher()
    return PasswordHasher(time_cost=given.get("time_cost", defaults.time_cost),
                          memory_cost=given.get("memory_cost", defaults.memory_cost),
                          parallelism=given.get("parallelism", defaults.parallelism))


@cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    """Verified against when the user does not exist, so that both cases take as long."""
    return hasher.hash("gavah-no-such-user")


class LoginRefused(GavahError):
    """Wrong name or password, or a disabled account (the message does not say which)."""


class NotPermitted(GavahError):
    """The user's role or clearance does not allow this."""


class SecondFactorRefused(LoginRefused):
    """The password was right but the second-factor code is missing or wrong."""


class SecondFactorMissing(LoginRefused):
    """The account's role requires a second factor it has not enrolled."""


class SecurityKeyNeeded(LoginRefused):
    """The password was right and no TOTP code was given, but the account has a security
    key: the sign-in goes on with a WebAuthn assertion for this attempt (not yet a
    success: it counts as a failure until the key answers)."""

    def __init__(self, name: str, attempt_id: int) -> None:
        super().__init__("a security key is needed to finish signing in")
        self.name = name
        self.attempt_id = attempt_id


class RateLimited(GavahError):
    """Too many failed sign-ins: wait and try again."""


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: str
    clearance: str
    language: str
    disabled: bool
    created_at: str
    updated_at: str
    totp: bool = False  # enrolled in the second factor

    @classmethod
    def of(cls, user: User | Row[Any]) -> Account:
        return cls(user.id, user.name, user.role, user.clearance, user.language,
                   user.disabled, user.created_at, user.updated_at,
                   bool(user.totp_secret))

    def can(self, permission: str) -> bool:
        return permission in ROLES.get(self.role, ())

    def viewer(self, via: str = "user") -> Viewer:
        return Viewer(actor=f"{via}:{self.name}", clearance=self.clearance)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "clearance": self.clearance,
                "language": self.language, "disabled": self.disabled,
                "permissions": list(ROLES.get(self.role, ())), "totp": self.totp,
                "created_at": self.created_at, "updated_at": self.updated_at}


def _check_name(name: str) -> None:
    if not _NAME.match(name):
        raise BadInput(f"user name {name!r} is not valid: use letters, digits and _ . @ - "
                       "(at most 64, starting with a letter or digit)")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise BadInput(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise BadInput(f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)}")


def _hash_password(ws: Workspace, password: str, name: str | None = None) -> str:
    refused = problem(password, name)
    if refused:
        raise BadInput(refused, field="password")
    return _hasher(ws).hash(password)


def digest(secret: str) -> str:
    """Tokens and session keys are random, so a plain SHA-256 is enough to store them."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def add_user(ws: Workspace, name: str, role: str, clearance: str, password: str, actor: str,
             language: str = "en") -> Account:
    _check_name(name)
    _check_role(role)
    _check_language(language)
    rank(clearance)
    hashed = _hash_password(ws, password, name)
    with ws.db.write() as session:
        user = store.add_user(session, name, role, clearance, hashed, language)
        ws.custody.append(session, actor, "user-added", None,
                          {"user": name, "role": role, "clearance": clearance}, reaches=())
        return Account.of(user)


def list_users(ws: Workspace) -> list[dict[str, Any]]:
    """Each account with its active tokens and second factors: whether a TOTP secret is
    confirmed (or one waits for its first code) and how many security keys it has.
    Never a secret: no TOTP seed, no key material, only tokens' first characters."""
    with ws.db.read() as session:
        out = []
        for user in store.list_users(session):
            tokens = [t for t in store.tokens_of(session, user) if not t.revoked]
            out.append(Account.of(user).to_dict()
                       | {"totp_pending": bool(user.totp_pending),
                          "security_keys": len(key_store.credentials_of(session, user)),
                          "tokens": [{"prefix": t.prefix, "label": t.label,
                                      "created_at": t.created_at} for t in tokens]})
        return out


def get(ws: Workspace, name: str) -> Account:
    with ws.db.read() as session:
        return Account.of(store.get_user(session, name))


def _change(ws: Workspace, name: str, actor: str | None, action: str,
            details: dict[str, Any], end_sessions: bool = False, revoke_tokens: bool = False,
            **fields: Any) -> Account:
    with ws.db.write() as session:
        user = store.get_user(session, name)
        for key, value in fields.items():
            setattr(user, key, value)
        store.touch(user)
        if end_sessions:
            store.end_sessions_of(session, user)
        if revoke_tokens:
            details = details | {"tokens_revoked": store.revoke_tokens(session, user)}
        if actor is not None:
            # Account changes reach no computed page.
            ws.custody.append(session, actor, action, None, {"user": name, **details},
                              reaches=())
        return Account.of(user)


def set_disabled(ws: Workspace, name: str, disabled: bool, actor: str) -> Account:
    with ws.db.write() as session:
        if disabled:
            store.revoke_tokens(session, store.get_user(session, name))
    return _change(ws, name, actor, "user-disabled" if disabled else "user-enabled", {},
                   end_sessions=disabled, disabled=disabled)


def set_role(ws: Workspace, name: str, role: str, actor: str) -> Account:
    _check_role(role)
    return _change(ws, name, actor, "user-role-set", {"role": role}, role=role)


def set_clearance(ws: Workspace, name: str, clearance: str, actor: str) -> Account:
    rank(clearance)
    return _change(ws, name, actor, "user-clearance-set", {"clearance": clearance},
                   clearance=clearance)


def set_language(ws: Workspace, name: str, language: str) -> Account:
    """A user's own interface preference: not a custody matter."""
    _check_language(language)
    return _change(ws, name, None, "", {}, language=language)


def reset_password(ws: Workspace, name: str, password: str, actor: str) -> Account:
    """A new password ends the account's sessions and revokes its API tokens: whoever
    held the old password may have issued them."""
    return _change(ws, name, actor, "user-password-reset", {}, end_sessions=True,
                   revoke_tokens=True, password_hash=_hash_password(ws, password, name))


# How the second factor was proven when a token is issued without a TOTP code: a
# security key's assertion checked in the same request (the account page), or an
# operator at the server vouching for the holder (`gavah users token --vouch`).
PROOFS = ("security-key", "operator")


def new_token(ws: Workspace, name: str, actor: str, label: str | None = None,
              code: str | None = None, proof: str | None = None) -> str:
    """Issue an API token; only its digest is kept, so this is the one time it is seen.
    A token is as good as a sign-in, so an account with a second factor (a TOTP secret
    or a security key) must prove it as sign-in does: a current TOTP `code`, or a
    `proof` (PROOFS) from the caller. The custody entry says which."""
    if proof is not None and proof not in PROOFS:
        raise ValueError(f"unknown proof {proof!r}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with ws.db.write() as session:
        user = store.get_user(session, name)
        if user.disabled:
            raise BadInput(f"user {name!r} is disabled")
        factor: str | None = None  # None: the account has no second factor
        if code and user.totp_secret:
            if not second_factor.accept(user, code):
                raise BadInput("the code of the second factor is wrong or was used already",
                               field="code")
            factor = "totp"
        elif not user.totp_secret and not key_store.has_credentials(session, user):
            factor = None
        elif proof is not None:
            factor = proof
        else:
            raise BadInput(f"user {name!r} has a second factor: a current code of it (or "
                           "its security key, on the account page) is needed to issue a "
                           "token", field="code")
        store.add_token(session, user, digest(token), token[:12], label)
        ws.custody.append(session, actor, "token-issued", None,
                          {"user": name, "prefix": token[:12], "label": label,
                           "second_factor": factor}, reaches=())
    return token


def tokens_of(ws: Workspace, name: str) -> list[dict[str, Any]]:
    """The account's active tokens: first characters, label and date, never the token."""
    with ws.db.read() as session:
        return [{"prefix": t.prefix, "label": t.label, "created_at": t.created_at}
                for t in store.tokens_of(session, store.get_user(session, name))
                if not t.revoked]


def revoke_tokens(ws: Workspace, name: str, actor: str) -> int:
    with ws.db.write() as session:
        count = store.revoke_tokens(session, store.get_user(session, name))
        ws.custody.append(session, actor, "tokens-revoked", None,
                          {"user": name, "count": count}, reaches=())
    return count


def authenticate(ws: Workspace, name: str, password: str, address: str,
                 code: str | None = None) -> Account:
    """Check a sign-in. The attempt is written as a failure before the (slow) hash is
    checked, in the transaction that counts the earlier ones, so that concurrent
    attempts cannot all pass the count; a right password turns it into a success. The
    per-address limit does not stop a name that has signed in from that address before:
    everyone behind one proxy is not locked out by one guesser. An account with a second
    factor needs a current `code` too (a wrong code counts as a failure); with a
    security key and no code, SecurityKeyNeeded carries the attempt on to the key step;
    an administrator without a confirmed factor is refused until it enrols."""
    name = name.replace("\x00", "")  # PostgreSQL text cannot hold NUL; no name has one
    since = _iso(_now() - WINDOW)
    account: Account | None = None
    stored_hash: str | None = None
    with ws.db.write() as session:
        limited = (store.failures_since(session, since, name=name) >= MAX_FAILURES_PER_NAME
                   or (store.failures_since(session, since, address=address)
                       >= MAX_FAILURES_PER_ADDRESS
                       and not store.signed_in_before(session, name, address)))
        attempt = store.record_attempt(session, name, address, ok=False)
        if not limited:
            user = store.find_user(session, name)
            if user is not None and not user.disabled:
                account, stored_hash = Account.of(user), user.password_hash
    if limited:
        raise RateLimited("too many failed sign-ins; wait 15 minutes and try again")
    try:
        hasher = _hasher(ws)
        hasher.verify(stored_hash or _dummy_hash(hasher), password)
        ok = account is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or account is None:
        raise LoginRefused("wrong name or password, or the account is disabled")
    with ws.db.write() as session:
        user = store.get_user(session, account.name)
        has_key = key_store.has_credentials(session, user)
        if user.totp_secret and (code or not has_key):
            if not second_factor.accept(user, code):
                raise SecondFactorRefused("the second-factor code is missing or wrong")
        elif has_key:
            raise SecurityKeyNeeded(account.name, attempt)
        elif second_factor.required(user.role):
            raise SecondFactorMissing("an administrator must enrol a second factor (TOTP "
                                      "or a security key) before signing in")
        store.mark_attempt_ok(session, attempt)
    return account


def password_ok(ws: Workspace, name: str, password: str, address: str) -> bool:
    """Whether `password` is the account's (re-entered before a second factor is added
    or removed). A wrong one counts against the same per-name limit as sign-ins, so a
    browser left signed in cannot be used to guess the password; while the limit holds,
    even the right one is refused."""
    since = _iso(_now() - WINDOW)
    with ws.db.write() as session:
        user = store.find_user(session, name)
        stored = user.password_hash if user is not None and not user.disabled else None
        if store.failures_since(session, since, name=name) >= MAX_FAILURES_PER_NAME:
            return False
        attempt = store.record_attempt(session, name, address, ok=False)
    hasher = _hasher(ws)
    try:
        hasher.verify(stored or _dummy_hash(hasher), password)
    except (VerificationError, InvalidHashError):
        return False
    if stored is None:
        return False
    with ws.db.write() as session:
        store.mark_attempt_ok(session, attempt)
    return True


def count_failure(ws: Workspace, name: str, address: str) -> None:
    """A wrong second-factor code given after a right password outside sign-in (issuing
    a token on the account page) counts against the per-name limit as at sign-in, so
    that codes cannot be guessed there without end."""
    with ws.db.write() as session:
        store.record_attempt(session, name, address, ok=False)


def open_session(ws: Workspace, account: Account, hours: float) -> str:
    """A new sign-in session; returns the key for the cookie (only its digest is kept)."""
    key = secrets.token_urlsafe(32)
    now = _now()
    with ws.db.write() as session:
        store.prune_sessions(session, _iso(now))
        store.add_session(session, store.get_user(session, account.name), digest(key),
                          _iso(now + timedelta(hours=hours)))
    return key


def close_session(ws: Workspace, key: str) -> None:
    with ws.db.write() as session:
        store.end_session(session, digest(key))


def _active(user: User | Row[Any] | None) -> Account | None:
    return None if user is None or user.disabled else Account.of(user)


def idle_limit(ws: Workspace) -> timedelta:
    return timedelta(minutes=float(ws.config.get("session_idle_minutes", IDLE_MINUTES)))


def account_for_session(ws: Workspace, key: str) -> Account | None:
    """The session's account; a session unused for longer than the idle limit ends.
    Its last use is written at most once a minute, not on every request."""
    now = _now()
    with ws.db.read() as session:
        row = store.user_for_session(session, digest(key), _iso(now))
    if row is None:
        return None
    seen = row.session_last_seen
    if seen is not None and seen < _iso(now - idle_limit(ws)):
        with ws.db.write() as session:
            store.end_session(session, digest(key))
        return None
    if seen is None or seen < _iso(now - SEEN_EVERY):
        with ws.db.write() as session:
            store.touch_session(session, digest(key), _iso(now))
    return _active(row)


def account_for_token(ws: Workspace, token: str) -> Account | None:
    if not token.startswith(TOKEN_PREFIX):
        return None
    with ws.db.read() as session:
        return _active(store.user_for_token(session, digest(token)))
