"""Security keys and passkeys (WebAuthn) as a second factor, with py_webauthn.

A key is registered from the account page: the server makes the options (a random
challenge, the relying party and the account), the browser asks the authenticator to
make a credential, and the server verifies the attestation before keeping the
credential's id, public key and sign count. At sign-in, after a right password, an
account with a key may answer a challenge with it instead of typing a TOTP code.

Each challenge is kept server-side under the digest of a random key the browser holds
in a cookie, bound to the web session (registration) or to the sign-in attempt whose
password was right, spent by the first answer whatever it is, and good for CHALLENGE_TTL.
The relying party id is the host name the browser used (the app only answers to its
allowed hosts); browsers refuse an IP address as one, so the server must be reached by
a name (http://localhost is a secure context; anything else needs https). The sign
count must go up at each use (py_webauthn's rule: authenticators that keep no counter
send 0 each time, which is allowed only while the stored count is 0 too)."""

from __future__ import annotations

import ipaddress
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from gavah.core.errors import BadInput
from gavah.pipelines.accounts import Account, digest, new_token
from gavah.store import accounts as account_store
from gavah.store import webauthn as store
from gavah.store.workspace import Workspace

RP_NAME = "gavah"
CHALLENGE_TTL = timedelta(minutes=5)
MAX_NAME = 64
REGISTER, SIGN_IN, TOKEN = "register", "sign-in", "token"


class KeyRefused(BadInput):
    """The authenticator's answer was not accepted (expired or spent challenge, wrong
    origin, bad signature, a sign count that did not go up...)."""


@dataclass(frozen=True)
class Origin:
    """Where the browser is: the relying party id (host name) and the page's origin."""

    rp_id: str
    origin: str

    @classmethod
    def of(cls, scheme: str, host: str, netloc: str) -> Origin:
        try:
            ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            return cls(host, f"{scheme}://{netloc}")
        raise BadInput("security keys need the server reached by a host name (such as "
                       "localhost or the name it is served under), not by an IP address")


@dataclass(frozen=True)
class Ceremony:
    key: str  # for the browser's cookie; only its digest is kept
    options: str  # PublicKeyCredential*Options as JSON, for the page's script


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _now() -> datetime:
    return datetime.now(UTC)


def _b64(data: bytes) -> str:
    from webauthn.helpers import bytes_to_base64url

    return str(bytes_to_base64url(data))


def _descriptors(rows: list[Any]) -> list[Any]:
    from webauthn.helpers import base64url_to_bytes
    from webauthn.helpers.structs import AuthenticatorTransport, PublicKeyCredentialDescriptor

    known = {t.value for t in AuthenticatorTransport}
    return [PublicKeyCredentialDescriptor(
        id=base64url_to_bytes(row.credential_id),
        transports=[AuthenticatorTransport(t) for t in row.transports.split(",") if t in known]
        or None) for row in rows]


def _challenge(ws: Workspace, user_name: str, purpose: str, challenge: bytes,
               bound_to: str | None, attempt_id: int | None) -> str:
    key = secrets.token_urlsafe(32)
    now = _now()
    with ws.db.write() as session:
        store.prune_challenges(session, _iso(now))
        store.add_challenge(session, digest(key), account_store.get_user(session, user_name),
                            purpose, _b64(challenge), _iso(now + CHALLENGE_TTL),
                            bound_to, attempt_id)
    return key


def begin_registration(ws: Workspace, name: str, where: Origin, session_key: str) -> Ceremony:
    """Options for navigator.credentials.create(), for the signed-in user `name`."""
    from webauthn import generate_registration_options, options_to_json
    from webauthn.helpers.structs import (
        AuthenticatorSelectionCriteria,
        ResidentKeyRequirement,
        UserVerificationRequirement,
    )

    with ws.db.read() as session:
        user = account_store.get_user(session, name)
        user_id = str(user.id).encode()
        existing = _descriptors(store.credentials_of(session, user))
    options = generate_registration_options(
        rp_id=where.rp_id, rp_name=RP_NAME, user_id=user_id, user_name=name,
        exclude_credentials=existing, timeout=int(CHALLENGE_TTL.total_seconds() * 1000),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED))
    key = _challenge(ws, name, REGISTER, options.challenge, digest(session_key), None)
    return Ceremony(key, str(options_to_json(options)))


def _key_name(label: str) -> str:
    label = " ".join(label.split())
    if not label or len(label) > MAX_NAME or not label.isprintable():
        raise BadInput(f"give the key a name of 1 to {MAX_NAME} printable characters",
                       field="name")
    return label


def finish_registration(ws: Workspace, name: str, where: Origin, session_key: str,
                        ceremony_key: str, credential: str, label: str) -> str:
    """Verify the authenticator's attestation for the challenge of `ceremony_key` and
    keep the credential; returns its id (base64url)."""
    from webauthn import verify_registration_response
    from webauthn.helpers.exceptions import WebAuthnException

    label = _key_name(label)
    row = _spend(ws, ceremony_key, REGISTER)
    with ws.db.write() as session:
        user = account_store.get_user(session, name)
        if row is None or row.user_id != user.id or row.bound_to != digest(session_key):
            raise KeyRefused("the registration has expired or was already used; try again")
        try:
            verified = verify_registration_response(
                credential=credential, expected_challenge=_bytes(row.challenge),
                expected_rp_id=where.rp_id, expected_origin=where.origin)
        except (WebAuthnException, ValueError, KeyError, TypeError) as e:
            raise KeyRefused(f"the security key's answer was not accepted: {e}") from None
        credential_id = _b64(verified.credential_id)
        store.add_credential(session, user, credential_id, verified.credential_public_key,
                             verified.sign_count, ",".join(_transports(credential)), label,
                             where.rp_id)
        ws.custody.append(session, f"user:{name}", "user-security-key-added", None,
                          {"user": name, "key": label, "credential": credential_id[:16]},
                          reaches=())
    return credential_id


@dataclass(frozen=True)
class _Spent:
    user_id: int
    challenge: str
    bound_to: str | None
    attempt_id: int | None


def _spend(ws: Workspace, ceremony_key: str, purpose: str) -> _Spent | None:
    """The ceremony's challenge, deleted in its own committed transaction before the
    answer is checked: a refused answer spends it as surely as an accepted one."""
    with ws.db.write() as session:
        row = store.take_challenge(session, digest(ceremony_key), purpose, _iso(_now()))
        return None if row is None else _Spent(row.user_id, row.challenge, row.bound_to,
                                               row.attempt_id)


def _bytes(text: str) -> bytes:
    from webauthn.helpers import base64url_to_bytes

    return bytes(base64url_to_bytes(text))


def _transports(credential: str) -> list[str]:
    try:
        given = json.loads(credential).get("response", {}).get("transports") or []
    except (ValueError, AttributeError):
        return []
    return [t for t in given if isinstance(t, str) and t.isascii() and len(t) <= 16][:8]


def _assertion_options(ws: Workspace, name: str, where: Origin, purpose: str,
                       bound_to: str | None, attempt_id: int | None) -> Ceremony:
    from webauthn import generate_authentication_options, options_to_json
    from webauthn.helpers.structs import UserVerificationRequirement

    with ws.db.read() as session:
        rows = [r for r in store.credentials_of(session, account_store.get_user(session, name))
                if r.rp_id == where.rp_id]
        allowed = _descriptors(rows)
    options = generate_authentication_options(
        rp_id=where.rp_id, allow_credentials=allowed,
        timeout=int(CHALLENGE_TTL.total_seconds() * 1000),
        user_verification=UserVerificationRequirement.PREFERRED)
    key = _challenge(ws, name, purpose, options.challenge, bound_to, attempt_id)
    return Ceremony(key, str(options_to_json(options)))


def begin_sign_in(ws: Workspace, name: str, attempt_id: int, where: Origin) -> Ceremony:
    """Options for navigator.credentials.get(), after the password step of `attempt_id`
    (see accounts.SecurityKeyNeeded)."""
    return _assertion_options(ws, name, where, SIGN_IN, None, attempt_id)


def _credential_id(credential: str) -> str:
    try:
        return str(json.loads(credential)["id"])
    except (ValueError, KeyError, TypeError):
        raise KeyRefused("the security key's answer is not readable") from None


def _check_assertion(session: Any, user: Any, row: _Spent, where: Origin,
                     credential: str) -> None:
    """Verify the assertion against the spent challenge and raise the key's sign count
    (in the caller's write transaction)."""
    from webauthn import verify_authentication_response
    from webauthn.helpers.exceptions import WebAuthnException

    try:
        key = store.credential_of(session, user, _credential_id(credential))
        verified = verify_authentication_response(
            credential=credential, expected_challenge=_bytes(row.challenge),
            expected_rp_id=where.rp_id, expected_origin=where.origin,
            credential_public_key=key.public_key,
            credential_current_sign_count=key.sign_count)
    except KeyRefused:
        raise
    except (WebAuthnException, BadInput, ValueError, KeyError, TypeError) as e:
        raise KeyRefused(f"the security key's answer was not accepted: {e}") from None
    key.sign_count = verified.new_sign_count
    key.last_used_at = _iso(_now())


def finish_sign_in(ws: Workspace, where: Origin, ceremony_key: str,
                   credential: str) -> Account:
    """Verify the assertion for the challenge of `ceremony_key`: the sign-in attempt
    becomes a success and the key's sign count is raised, in one transaction."""
    _credential_id(credential)
    row = _spend(ws, ceremony_key, SIGN_IN)
    if row is None:
        raise KeyRefused("the sign-in has expired or was already used; sign in again")
    with ws.db.write() as session:
        user = store.user_by_id(session, row.user_id)
        if user.disabled:
            raise KeyRefused("the sign-in has expired or was already used; sign in again")
        _check_assertion(session, user, row, where, credential)
        if row.attempt_id is not None:
            account_store.mark_attempt_ok(session, row.attempt_id)
        return Account.of(user)


def begin_token(ws: Workspace, name: str, where: Origin, session_key: str) -> Ceremony:
    """Options for navigator.credentials.get() when the signed-in user `name` (whose
    password was just re-entered) issues itself an API token with its key."""
    return _assertion_options(ws, name, where, TOKEN, digest(session_key), None)


def finish_token(ws: Workspace, name: str, where: Origin, session_key: str,
                 ceremony_key: str, credential: str, label: str | None) -> str:
    """Verify the key's assertion for the token ceremony of this user and web session,
    then issue the token (accounts.new_token, proven by the key); returns the token."""
    _credential_id(credential)
    row = _spend(ws, ceremony_key, TOKEN)
    with ws.db.write() as session:
        user = account_store.get_user(session, name)
        if row is None or row.user_id != user.id or row.bound_to != digest(session_key):
            raise KeyRefused("the request has expired or was already used; try again")
        _check_assertion(session, user, row, where, credential)
    return new_token(ws, name, f"user:{name}", label, proof="security-key")


def keys_of(ws: Workspace, name: str) -> list[dict[str, Any]]:
    with ws.db.read() as session:
        return [{"id": r.credential_id, "name": r.name, "created_at": r.created_at,
                 "last_used_at": r.last_used_at, "sign_count": r.sign_count,
                 "transports": [t for t in r.transports.split(",") if t], "rp_id": r.rp_id}
                for r in store.credentials_of(session, account_store.get_user(session, name))]


def remove(ws: Workspace, name: str, credential_id: str | None, actor: str) -> int:
    """Take one key (or, with None, every key: a lost key reported to an operator) off
    the account; returns how many were removed."""
    with ws.db.write() as session:
        user = account_store.get_user(session, name)
        rows = (store.credentials_of(session, user) if credential_id is None
                else [store.credential_of(session, user, credential_id)])
        for row in rows:
            store.remove_credential(session, row)
            ws.custody.append(session, actor, "user-security-key-removed", None,
                              {"user": name, "key": row.name,
                               "credential": row.credential_id[:16]}, reaches=())
    return len(rows)
