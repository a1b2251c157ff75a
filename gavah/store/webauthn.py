"""Reading and writing WebAuthn credentials and ceremony challenges. Callers pass a
session from Database.read() or Database.write()."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from gavah.core.custody import utc_now
from gavah.core.errors import BadInput, NotFound
from gavah.store.account_tables import User, WebAuthnChallenge, WebAuthnCredential


def credentials_of(session: Session, user: User) -> list[WebAuthnCredential]:
    return list(session.scalars(select(WebAuthnCredential).where(
        WebAuthnCredential.user_id == user.id).order_by(WebAuthnCredential.id)))


def has_credentials(session: Session, user: User) -> bool:
    return session.scalar(select(WebAuthnCredential.id).where(
        WebAuthnCredential.user_id == user.id).limit(1)) is not None


def add_credential(session: Session, user: User, credential_id: str, public_key: bytes,
                   sign_count: int, transports: str, name: str,
                   rp_id: str) -> WebAuthnCredential:
    if session.scalar(select(WebAuthnCredential.id).where(
            WebAuthnCredential.credential_id == credential_id)) is not None:
        raise BadInput("this security key is registered already")
    row = WebAuthnCredential(user_id=user.id, credential_id=credential_id,
                             public_key=public_key, sign_count=sign_count,
                             transports=transports, name=name, rp_id=rp_id,
                             created_at=utc_now(), last_used_at=None)
    session.add(row)
    session.flush()
    return row


def credential_of(session: Session, user: User, credential_id: str) -> WebAuthnCredential:
    row = session.scalar(select(WebAuthnCredential).where(
        WebAuthnCredential.user_id == user.id,
        WebAuthnCredential.credential_id == credential_id))
    if row is None:
        raise NotFound("no such security key on this account")
    return row


def remove_credential(session: Session, row: WebAuthnCredential) -> None:
    session.delete(row)


def remove_credentials_of(session: Session, user: User) -> int:
    result = session.execute(delete(WebAuthnCredential).where(
        WebAuthnCredential.user_id == user.id))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def add_challenge(session: Session, key_hash: str, user: User, purpose: str,
                  challenge: str, expires_at: str, bound_to: str | None = None,
                  attempt_id: int | None = None) -> None:
    session.add(WebAuthnChallenge(key_hash=key_hash, user_id=user.id, purpose=purpose,
                                  challenge=challenge, bound_to=bound_to,
                                  attempt_id=attempt_id, expires_at=expires_at))


def take_challenge(session: Session, key_hash: str, purpose: str,
                   now: str) -> WebAuthnChallenge | None:
    """The challenge under `key_hash`, deleted in the same transaction: whatever the
    answer to it, it is never accepted again. None if missing, expired or another kind."""
    row = session.get(WebAuthnChallenge, key_hash)
    if row is None:
        return None
    session.delete(row)
    session.flush()
    if row.purpose != purpose or row.expires_at <= now:
        return None
    return row


def prune_challenges(session: Session, now: str) -> None:
    session.execute(delete(WebAuthnChallenge).where(WebAuthnChallenge.expires_at <= now))


def user_by_id(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("no such user")
    return user
