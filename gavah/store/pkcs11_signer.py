"""The workspace signing key on a PKCS#11 token (a hardware token, an HSM, SoftHSM).

The private key never leaves the token: it is made there (sensitive, not extractable)
and asked for Ed25519 signatures of the 32-byte entry hash with CKM_EDDSA, which are
ordinary Ed25519 signatures that `verify`, a package's verify.py and openssl check
with the public key read from the token. The token is named in config.json as
`signer: {"pkcs11": {"module": PATH, "token": LABEL, "key_label": LABEL}}`; the PIN
comes from GAVAH_PKCS11_PIN and is never printed nor logged."""

from __future__ import annotations

import hashlib
import hmac
import os
import threading
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from gavah.core.custody import Signer, key_id
from gavah.core.errors import BadInput, GavahError
from gavah.store.keys import KeyLocked

ENV_PIN = "GAVAH_PKCS11_PIN"
CONFIG_KEY = "pkcs11"
ED25519_OID = "1.3.101.112"
_SELF_TEST = b"gavah pkcs11 self-test: the token's key matches its public half"
_FIELDS = ("module", "token", "key_label")

# A PKCS#11 module is initialised once per process (C_Initialize is process-wide), and a
# token's login is shared by every session the process has on it (a second C_Login
# fails, and closing a logged-in session logs them all out). So modules and one logged-in
# session per token are kept per process, not per workspace, until release_modules().
_MODULES: dict[str, Any] = {}
_LOGINS: dict[tuple[str, str], _Login] = {}
_MODULES_LOCK = threading.Lock()


@dataclass
class _Login:
    session: Any
    pin_digest: bytes
    lock: threading.Lock  # one operation at a time on the session

class TokenError(GavahError):
    """The PKCS#11 module, token or key named in the workspace config is not there."""


@dataclass(frozen=True)
class TokenKey:
    """Where the key is: the module (a .so path), the token's label, the key's label."""

    module: str
    token: str
    key_label: str

    @classmethod
    def from_config(cls, value: Any) -> TokenKey:
        fields = value.get(CONFIG_KEY) if isinstance(value, dict) else None
        if not isinstance(fields, dict) or not all(
                isinstance(fields.get(name), str) and fields[name] for name in _FIELDS):
            raise BadInput('config.json "signer" must be {"pkcs11": {"module": PATH, '
                           '"token": LABEL, "key_label": LABEL}}', field="signer")
        return cls(*(str(fields[name]) for name in _FIELDS))

    def to_config(self) -> dict[str, Any]:
        return {CONFIG_KEY: {"module": self.module, "token": self.token,
                             "key_label": self.key_label}}

    def __str__(self) -> str:
        return f"key {self.key_label!r} on token {self.token!r} ({self.module})"


def pin_from_env() -> str:
    pin = os.environ.get(ENV_PIN)
    if not pin:
        raise KeyLocked(f"the workspace signing key is on a PKCS#11 token: set {ENV_PIN} "
                        "to its user PIN", field="pin")
    return pin


def _module(path: str) -> Any:
    try:
        import pkcs11
    except ImportError:
        raise BadInput("a PKCS#11 signing key needs python-pkcs11: install gavah[hsm]",
                       field="pkcs11_module") from None
    with _MODULES_LOCK:
        if path not in _MODULES:
            if not os.path.isfile(path):
                raise TokenError(f"the PKCS#11 module {path} does not exist",
                                 field="pkcs11_module")
            try:
                _MODULES[path] = pkcs11.lib(path)
            except pkcs11.PKCS11Error as exc:
                raise TokenError(f"cannot load the PKCS#11 module {path}: {exc}",
                                 field="pkcs11_module") from None
        return _MODULES[path]


def release_modules() -> None:
    """Log out and finalise every loaded module (SoftHSM lists its tokens when it is
    initialised: a test that makes a token needs this)."""
    with _MODULES_LOCK:
        for module in _MODULES.values():
            module.finalize()  # closes every session, logs out
        _MODULES.clear()
        _LOGINS.clear()


def _raw_public(ec_point: bytes) -> bytes:
    """The 32 raw bytes of an Ed25519 EC_POINT, DER OCTET STRING or raw (tokens differ)."""
    if len(ec_point) == 34 and ec_point[:2] == b"\x04\x20":
        return ec_point[2:]
    if len(ec_point) == 32:
        return ec_point
    raise TokenError(f"the token's public key is not an Ed25519 point ({len(ec_point)} bytes)")


_PIN_SALT = os.urandom(32)  # the PIN is compared, never kept: a keyed digest of it is


def _pin_digest(key: TokenKey, pin: str) -> bytes:
    return hmac.new(_PIN_SALT, f"{key.module}\0{key.token}\0{pin}".encode(),
                    hashlib.sha256).digest()


def login(key: TokenKey, pin: str) -> _Login:
    """The process's logged-in session on the token; a wrong PIN or an absent token is
    named (never the PIN itself)."""
    import pkcs11

    module = _module(key.module)
    with _MODULES_LOCK:
        known = _LOGINS.get((key.module, key.token))
        if known is not None:
            if not hmac.compare_digest(known.pin_digest, _pin_digest(key, pin)):
                raise KeyLocked(f"the PIN in {ENV_PIN} is not the one this process opened "
                                f"the PKCS#11 token {key.token!r} with", field="pin")
            return known
        try:
            token = module.get_token(token_label=key.token)
        except (pkcs11.NoSuchToken, pkcs11.TokenNotPresent):
            raise TokenError(f"no PKCS#11 token labelled {key.token!r} in {key.module} "
                             "(is it plugged in?)", field="pkcs11_token") from None
        except pkcs11.MultipleTokensReturned:
            raise TokenError(f"several PKCS#11 tokens are labelled {key.token!r} in "
                             f"{key.module}", field="pkcs11_token") from None
        try:
            # Read-write, so that a key pair can be made; a token that refuses it is
            # opened read-only (its keys are then made by its own tools).
            try:
                session = token.open(rw=True, user_pin=pin)
            except pkcs11.TokenWriteProtected:
                session = token.open(user_pin=pin)
        except pkcs11.TokenNotPresent:
            raise TokenError(f"the PKCS#11 token {key.token!r} was removed",
                             field="pkcs11_token") from None
        except (pkcs11.PinIncorrect, pkcs11.PinLenRange, pkcs11.PinInvalid):
            raise KeyLocked(f"the PIN in {ENV_PIN} does not open the PKCS#11 token "
                            f"{key.token!r}", field="pin") from None
        except pkcs11.PinLocked:
            raise KeyLocked(f"the PKCS#11 token {key.token!r} is locked (too many wrong "
                            "PINs)", field="pin") from None
        known = _LOGINS[(key.module, key.token)] = _Login(
            session, _pin_digest(key, pin), threading.Lock())
        return known


def forget_login(key: TokenKey) -> None:
    """Drop the process's session on the token (it failed): the next signer logs in."""
    with _MODULES_LOCK:
        _LOGINS.pop((key.module, key.token), None)


def _find(session: Any, object_class: Any, label: str) -> Any | None:
    import pkcs11
    from pkcs11 import KeyType

    try:
        return session.get_key(object_class=object_class, key_type=KeyType.EC_EDWARDS,
                               label=label)
    except pkcs11.NoSuchKey:
        return None
    except pkcs11.MultipleObjectsReturned:
        raise TokenError(f"several Ed25519 keys on the token are labelled {label!r}",
                         field="pkcs11_key") from None


def _generate(session: Any, label: str) -> tuple[Any, Any]:
    from pkcs11 import Attribute, KeyType
    from pkcs11.util.ec import encode_named_curve_parameters

    public, private = session.generate_keypair(
        KeyType.EC_EDWARDS, store=True, label=label,
        public_template={Attribute.EC_PARAMS: encode_named_curve_parameters(ED25519_OID),
                         Attribute.VERIFY: True},
        # Made on the token, never to leave it.
        private_template={Attribute.SENSITIVE: True, Attribute.EXTRACTABLE: False,
                          Attribute.PRIVATE: True, Attribute.SIGN: True})
    return public, private


class Pkcs11Signer(Signer):
    """A Signer whose private key stays on a PKCS#11 token. `create` makes the key pair
    on the token when it has none by that label."""

    def __init__(self, key: TokenKey, pin: str, create: bool = False) -> None:
        from pkcs11 import Attribute, ObjectClass

        self.token_key = key
        self._login = login(key, pin)
        with self._login.lock:
            session = self._login.session
            private = _find(session, ObjectClass.PRIVATE_KEY, key.key_label)
            public = _find(session, ObjectClass.PUBLIC_KEY, key.key_label)
            self.created = False
            if private is None and public is None and create:
                public, private = _generate(session, key.key_label)
                self.created = True
        if private is None or public is None:
            missing = "private" if private is None else "public"
            raise TokenError(f"the token has no Ed25519 {missing} key labelled "
                             f"{key.key_label!r} ({key})", field="pkcs11_key")
        self._private = private
        self.public_key = Ed25519PublicKey.from_public_bytes(
            _raw_public(bytes(public[Attribute.EC_POINT])))
        self.key_id = key_id(self.public_key)
        try:  # a private key that does not match its labelled public half is refused
            self.public_key.verify(self.sign(_SELF_TEST), _SELF_TEST)
        except InvalidSignature:
            raise TokenError(f"the private and public keys labelled {key.key_label!r} on "
                             "the token are not one pair", field="pkcs11_key") from None

    def sign(self, data: bytes) -> bytes:
        import pkcs11
        from pkcs11 import Mechanism

        with self._login.lock:
            try:
                return bytes(self._private.sign(data, mechanism=Mechanism.EDDSA))
            except pkcs11.PKCS11Error as exc:
                # A token pulled out, a session the module dropped: the next signer made
                # logs in again; this one reports what happened (never the data).
                forget_login(self.token_key)
                raise TokenError(f"the PKCS#11 token {self.token_key.token!r} did not sign "
                                 f"({type(exc).__name__}); plug it in and retry",
                                 field="pkcs11_token") from None

    def close(self) -> None:
        """Nothing to close: the token's session is the process's (release_modules)."""

    def __repr__(self) -> str:
        return f"Pkcs11Signer(key_id={self.key_id!r}, token={self.token_key.token!r})"
