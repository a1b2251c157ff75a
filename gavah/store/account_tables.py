"""Tables for web accounts: users, API tokens, server-side sign-in sessions and
sign-in attempts. Secrets are never stored: passwords as argon2 hashes, tokens and
session keys as SHA-256 digests of high-entropy random strings."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from gavah.store.tables import Base


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    clearance: Mapped[str] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(String(255))
    language: Mapped[str] = mapped_column(String(8))
    disabled: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[str] = mapped_column(String(32))
    # The TOTP shared secret (base32) once enrolled: the server must hold it to check
    # codes. The last time step accepted, so that a code is never accepted twice.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    # A new secret waiting for its first good code: it becomes totp_secret only then, so
    # an enrolment that never reached the app cannot lock the account out.
    totp_pending: Mapped[str | None] = mapped_column(String(64))


class WebAuthnCredential(Base):
    """A security key or passkey registered as a second factor. Only its public key is
    held; the sign count is the authenticator's counter, which must go up at each use
    (a cloned key shows itself by a count that does not)."""

    __tablename__ = "webauthn_credentials"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    credential_id: Mapped[str] = mapped_column(String(1400), unique=True)  # base64url
    public_key: Mapped[bytes] = mapped_column(LargeBinary)  # COSE_Key
    sign_count: Mapped[int] = mapped_column(BigInteger)
    transports: Mapped[str] = mapped_column(String(255))  # comma-separated hints
    name: Mapped[str] = mapped_column(String(64))
    rp_id: Mapped[str] = mapped_column(String(255))  # the host name it was made for
    created_at: Mapped[str] = mapped_column(String(32))
    last_used_at: Mapped[str | None] = mapped_column(String(32))


class WebAuthnChallenge(Base):
    """The random challenge of one registration or sign-in ceremony: kept server-side
    under the digest of a key held in the browser's cookie, bound to the web session (a
    registration) or the password step's sign-in attempt, used once, and short-lived."""

    __tablename__ = "webauthn_challenges"
    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    purpose: Mapped[str] = mapped_column(String(16))  # "register" or "sign-in"
    challenge: Mapped[str] = mapped_column(String(128))  # base64url
    bound_to: Mapped[str | None] = mapped_column(String(64))  # the session key's digest
    attempt_id: Mapped[int | None] = mapped_column(Integer)  # the password step's attempt
    expires_at: Mapped[str] = mapped_column(String(32), index=True)


class ApiToken(Base):
    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))  # shown in listings to tell tokens apart
    label: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[str] = mapped_column(String(32))
    revoked: Mapped[bool] = mapped_column(Boolean)


class WebSession(Base):
    """A signed-in browser. Server-side so that sign-out, disabling a user or changing
    their role takes effect on the next request."""

    __tablename__ = "web_sessions"
    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[str] = mapped_column(String(32))
    expires_at: Mapped[str] = mapped_column(String(32), index=True)
    last_seen: Mapped[str | None] = mapped_column(String(32))  # for the idle timeout


class LoginAttempt(Base):
    __tablename__ = "login_attempts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(255))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[str] = mapped_column(String(32))
    ok: Mapped[bool] = mapped_column(Boolean)


Index("ix_login_attempts_name_at", LoginAttempt.name, LoginAttempt.at)
Index("ix_login_attempts_address_at", LoginAttempt.address, LoginAttempt.at)
