"""Reading and writing accounts: users, API tokens, sign-in sessions, sign-in attempts.
Callers pass a session from Database.read() or Database.write()."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from gavah.core.custody import utc_now
from gavah.core.errors import BadInput, NotFound
from gavah.store.account_tables import ApiToken, LoginAttempt, User, WebSession
from gavah.store.db import run


def get_user(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFound(f"no user {name!r}")
    return user


def find_user(session: Session, name: str) -> User | None:
    return session.scalar(select(User).where(User.name == name))


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name)))


def add_user(session: Session, name: str, role: str, clearance: str, password_hash: str,
             language: str) -> User:
    if find_user(session, name) is not None:
        raise BadInput(f"user {name!r} already exists")
    now = utc_now()
    user = User(name=name, role=role, clearance=clearance, password_hash=password_hash,
                language=language, disabled=False, created_at=now, updated_at=now)
    session.add(user)
    session.flush()
    return user


def touch(user: User) -> None:
    user.updated_at = utc_now()


def add_token(session: Session, user: User, token_hash: str, prefix: str,
              label: str | None) -> ApiToken:
    token = ApiToken(user_id=user.id, token_hash=token_hash, prefix=prefix, label=label,
                     created_at=utc_now(), revoked=False)
    session.add(token)
    session.flush()
    return token


def tokens_of(session: Session, user: User) -> list[ApiToken]:
    return list(session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id)))


def revoke_tokens(session: Session, user: User) -> int:
    result = session.execute(update(ApiToken).where(
        ApiToken.user_id == user.id, ApiToken.revoked.is_(False)).values(revoked=True))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


# Who is asking, on every request: prebuilt statements run on the connection return the
# user's columns (building a statement and loading an ORM object cost ~4x the query).
_USERS = User.__table__
_BY_TOKEN = select(_USERS).join(ApiToken.__table__, ApiToken.user_id == User.id).where(
    ApiToken.token_hash == bindparam("hash"), ApiToken.revoked.is_(False))
_BY_SESSION = select(_USERS, WebSession.last_seen.label("session_last_seen")).join(
    WebSession.__table__, WebSession.user_id == User.id).where(
    WebSession.key_hash == bindparam("hash"), WebSession.expires_at > bindparam("now"))


def user_for_token(session: Session, token_hash: str) -> Row[Any] | None:
    return run(session, _BY_TOKEN, {"hash": token_hash}).first()  # type: ignore[no-any-return]


def add_session(session: Session, user: User, key_hash: str, expires_at: str) -> None:
    now = utc_now()
    session.add(WebSession(key_hash=key_hash, user_id=user.id, created_at=now,
                           expires_at=expires_at, last_seen=now))


def touch_session(session: Session, key_hash: str, now: str) -> None:
    session.execute(update(WebSession).where(WebSession.key_hash == key_hash)
                    .values(last_seen=now))


def user_for_session(session: Session, key_hash: str, now: str) -> Row[Any] | None:
    return run(session, _BY_SESSION, {"hash": key_hash, "now": now}).first()  # type: ignore[no-any-return]


def end_session(session: Session, key_hash: str) -> None:
    session.execute(delete(WebSession).where(WebSession.key_hash == key_hash))


def end_sessions_of(session: Session, user: User) -> None:
    session.execute(delete(WebSession).where(WebSession.user_id == user.id))


def prune_sessions(session: Session, now: str) -> None:
    session.execute(delete(WebSession).where(WebSession.expires_at <= now))


def record_attempt(session: Session, name: str, address: str, ok: bool) -> int:
    attempt = LoginAttempt(name=name[:255], address=address[:64], at=utc_now(), ok=ok)
    session.add(attempt)
    session.flush()
    return int(attempt.id)


def mark_attempt_ok(session: Session, attempt_id: int) -> None:
    attempt = session.get(LoginAttempt, attempt_id)
    if attempt is not None:
        attempt.ok = True


def signed_in_before(session: Session, name: str, address: str) -> bool:
    return session.scalar(select(LoginAttempt.id).where(
        LoginAttempt.name == name[:255], LoginAttempt.address == address[:64],
        LoginAttempt.ok.is_(True)).limit(1)) is not None


def failures_since(session: Session, since: str, *, name: str | None = None,
                   address: str | None = None) -> int:
    query = select(func.count(LoginAttempt.id)).where(
        LoginAttempt.at > since, LoginAttempt.ok.is_(False))
    if name is not None:
        query = query.where(LoginAttempt.name == name)
    if address is not None:
        query = query.where(LoginAttempt.address == address)
    return int(session.scalar(query) or 0)
