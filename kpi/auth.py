"""Who may do what: password hashes, roles, signing in and out, and Entra ID role mapping.

Pure Python so the rules are tested without Streamlit or a web server; pages/ui/account.py (where the
sign-in form posts), pages/ui/access.py and pages/signin.py apply them. Hashes are scrypt (slow and
salted, so a leaked secrets file does not give passwords away) and are compared in constant time (so
timing does not leak the hash). Failed attempts slow the next from the same client (kpi.throttle); a
success starts a session (kpi.sessions). Both, and every checked attempt's audit row, are in the store.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from kpi import audit
from kpi.errors import UserError
from kpi.sessions import SESSION_HOURS, signing_key
from kpi.sessions import end as end_session
from kpi.sessions import start as start_session
from kpi.store import Store
from kpi.throttle import KEY_CHARS, Throttle, account_key

ROLES = ("viewer", "officer", "admin")
ROLE_RANK = {role: rank for rank, role in enumerate(ROLES)}

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES, HASH_BYTES = 16, 32


def role_allows(role: str | None, needed: str) -> bool:
    """True when `role` is at least `needed` (viewer < officer < admin). Unknown roles allow nothing."""
    if needed not in ROLE_RANK:
        raise ValueError(f"Unknown role {needed!r}; roles are {', '.join(ROLES)}.")
    return role in ROLE_RANK and ROLE_RANK[role] >= ROLE_RANK[needed]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """`scrypt$n$r$p$salt$hash` with a fresh random salt: the value for `password_hash` in secrets."""
    if not password:
        raise ValueError("The password is empty.")
    salt = os.urandom(SALT_BYTES)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=HASH_BYTES, maxmem=256 * n * r + 2**20
    )
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, encoded: str) -> bool:
    """Whether `password` matches `encoded`; False (never an exception) for a malformed hash."""
    try:
        scheme, n, r, p, salt, expected = encoded.split("$")
        n, r, p = int(n), int(r), int(p)
        if scheme != "scrypt" or not (2 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16):
            return False
        expected_bytes = _unb64(expected)
        digest = hashlib.scrypt(
            password.encode("utf-8"),
            salt=_unb64(salt),
            n=n,
            r=r,
            p=p,
            dklen=len(expected_bytes),
            maxmem=256 * n * r + 2**20,
        )
    except (ValueError, TypeError, AttributeError):
        return False
    return hmac.compare_digest(digest, expected_bytes)


# A hash of a random password, checked when the user name is unknown so that the answer
# takes as long as for a real user and does not reveal which names exist.
_DUMMY_HASH = hash_password(_b64(os.urandom(12)))


class SignInRefused(UserError):
    """A sign-in that did not succeed; the message is safe to show (it never says which part was wrong).

    Only `code` and `seconds` travel in the address the sign-in form returns to, never the words, so an
    address cannot put words of its own on the page: `refusal` turns them back into the message.
    """

    def __init__(self, code: str, seconds: int = 0):
        self.code, self.seconds = code, seconds
        super().__init__(refusal(code, seconds))


REFUSALS = {
    "refused": "That user name and password do not match. Check them and try again.",
    "wait": "Too many failed attempts from here for that user name. Try again in {seconds} seconds.",
    "unavailable": "Signing in is not possible just now because the dashboard's database cannot be used. "
    "Try again in a minute; if it persists, tell your administrator.",
    "origin": "Sign in from the dashboard's own Sign in page.",
    "out": "You have signed out.",
}


def refusal(code: str, seconds: int = 0) -> str:
    """The words for a sign-in outcome code ('refused', 'wait', ...); '' for a code this version does not know."""
    text = REFUSALS.get(code, "")
    return text.format(seconds=min(max(1, int(seconds)), 3600)) if "{seconds}" in text else text


@dataclass(frozen=True)
class SignedIn:
    user: str  # the name as [users] spells it
    role: str
    cookie: str  # the session cookie's value (kpi.sessions)
    expires: int  # seconds since 1970


def sign_in(
    store: Store,
    users: Mapping[str, Mapping],
    name: str,
    password: str,
    client: str,
    *,
    hours: float = SESSION_HOURS,
    clock: Callable[[], float] = time.time,
) -> SignedIn:
    """Check a name and password against `[users.NAME] password_hash, role`, throttled per account and client.

    Returns the new session; raises SignInRefused ('wait' while the delay runs, 'refused' for a wrong name
    or password). Every checked attempt is audited: "sign-in" or "sign-in failed", with the client's address.
    """
    name = (name or "").strip()[:KEY_CHARS]
    account, client = account_key(name), (client or "unknown")[:100]
    throttle = Throttle(store, clock=clock)
    key = signing_key(store)
    waiting = throttle.take_turn(account, client)
    if waiting > 0:
        raise SignInRefused("wait", int(waiting + 0.999))
    user, entry = next(((k, v) for k, v in users.items() if name and k.lower() == name.lower()), (None, None))
    encoded = str(entry.get("password_hash", "")) if entry else _DUMMY_HASH
    role = str(entry.get("role", "")).lower() if entry else ""
    ok = verify_password(password or "", encoded) and entry is not None and role in ROLE_RANK
    with store.transaction(bump_version=False) as cur:
        if not ok:
            audit.record(cur, name or "(blank)", "sign-in failed", {"client": client})
        else:
            throttle.cleared(cur, account, client)
            cookie, expires = start_session(cur, key, user, client, hours=hours, now=clock())
            audit.record(cur, user, "sign-in", {"client": client})
    if not ok:
        raise SignInRefused("refused")
    return SignedIn(user, role, cookie, expires)


def sign_out(store: Store, cookie: str | None, client: str, *, clock: Callable[[], float] = time.time) -> str | None:
    """End the session a cookie stands for (audited as "sign-out"); returns whose it was, None if none."""
    key = signing_key(store)
    with store.transaction(bump_version=False) as cur:
        user = end_session(cur, key, cookie, now=clock())
        if user:
            audit.record(cur, user, "sign-out", {"client": (client or "unknown")[:100]})
    return user


def _claim_values(claims: Mapping, key: str) -> list[str]:
    value = claims.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [str(v) for v in value]
    return [str(value)]


def roles_from_claims(claims: Mapping, mapping: Mapping[str, str]) -> str | None:
    """Our role for an Entra ID user: the highest role any of their app roles or groups maps to.

    `claims` is st.user (its `roles` and `groups` claims); `mapping` is `[auth.roles]`, e.g.
    `"KPI.Officer" = "officer"` or a group's object id = "admin". The key `default` gives the
    role of a signed-in user that nothing else matches; without it such a user has no role.
    """
    wanted = {str(k).lower(): str(v).lower() for k, v in mapping.items()}
    found = [
        wanted[v.lower()]
        for key in ("roles", "groups")
        for v in _claim_values(claims, key)
        if v.lower() in wanted and v.lower() != "default" and wanted[v.lower()] in ROLE_RANK
    ]
    if found:
        return max(found, key=ROLE_RANK.__getitem__)
    default = wanted.get("default")
    return default if default in ROLE_RANK else None
