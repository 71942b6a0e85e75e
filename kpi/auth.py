"""Who may do what: password hashes, roles, a growing delay after failed sign-ins, and Entra ID role mapping.

Pure Python so the rules are tested without Streamlit; pages/ui/access.py and pages/signin.py
apply them. Hashes are scrypt (slow and salted, so a leaked secrets file does not give
passwords away) and are compared in constant time (so timing does not leak the hash).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping

from kpi.errors import UserError

ROLES = ("viewer", "officer", "admin")
ROLE_RANK = {role: rank for rank, role in enumerate(ROLES)}

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 14, 8, 1
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
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=HASH_BYTES,
                            maxmem=256 * n * r + 2 ** 20)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, encoded: str) -> bool:
    """Whether `password` matches `encoded`; False (never an exception) for a malformed hash."""
    try:
        scheme, n, r, p, salt, expected = encoded.split("$")
        n, r, p = int(n), int(r), int(p)
        if scheme != "scrypt" or not (2 <= n <= 2 ** 20 and 1 <= r <= 32 and 1 <= p <= 16):
            return False
        expected_bytes = _unb64(expected)
        digest = hashlib.scrypt(password.encode("utf-8"), salt=_unb64(salt), n=n, r=r, p=p,
                                dklen=len(expected_bytes), maxmem=256 * n * r + 2 ** 20)
    except (ValueError, TypeError, AttributeError):
        return False
    return hmac.compare_digest(digest, expected_bytes)


# A hash of a random password, checked when the user name is unknown so that the answer
# takes as long as for a real user and does not reveal which names exist.
_DUMMY_HASH = hash_password(_b64(os.urandom(12)))


class Throttle:
    """A growing delay after failed sign-ins, per user name, in this process's memory.

    After k consecutive failures the next attempt is refused for base * 2**(k-1) seconds
    (capped). A success clears the count. `clock` is injectable for tests.
    """

    def __init__(self, *, base: float = 1.0, cap: float = 300.0, clock: Callable[[], float] = time.monotonic):
        self.base, self.cap, self.clock = base, cap, clock
        self._failures: dict[str, tuple[int, float]] = {}  # name -> (count, time of last failure)
        self._lock = threading.Lock()

    @staticmethod
    def _key(name: str) -> str:
        return (name or "").strip().lower()

    def delay_after(self, failures: int) -> float:
        return 0.0 if failures <= 0 else min(self.cap, self.base * 2 ** (failures - 1))

    def wait(self, name: str) -> float:
        """Seconds before `name` may try again; 0 when an attempt is allowed now."""
        with self._lock:
            count, last = self._failures.get(self._key(name), (0, 0.0))
        return max(0.0, last + self.delay_after(count) - self.clock()) if count else 0.0

    def failed(self, name: str) -> None:
        with self._lock:
            count, _ = self._failures.get(self._key(name), (0, 0.0))
            self._failures[self._key(name)] = (count + 1, self.clock())

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(self._key(name), None)


class SignInRefused(UserError):
    """A sign-in that did not succeed; the message is safe to show (it never says which part was wrong)."""


def authenticate(users: Mapping[str, Mapping], name: str, password: str, throttle: Throttle) -> tuple[str, str]:
    """Check a name and password against `[users.NAME] password_hash, role`. Returns (name, role).

    Raises SignInRefused while the delay runs, or for a wrong name or password.
    """
    name = (name or "").strip()
    waiting = throttle.wait(name)
    if waiting > 0:
        raise SignInRefused(f"Too many failed attempts. Try again in {int(waiting + 0.999)} seconds.")
    entry = next((v for k, v in users.items() if k.lower() == name.lower()), None) if name else None
    encoded = str(entry.get("password_hash", "")) if entry else _DUMMY_HASH
    ok = verify_password(password or "", encoded) and entry is not None
    role = str(entry.get("role", "")).lower() if entry else ""
    if not ok or role not in ROLE_RANK:
        throttle.failed(name)
        raise SignInRefused("That user name and password do not match. Check them and try again.")
    throttle.succeeded(name)
    return next(k for k in users if k.lower() == name.lower()), role


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
    found = [wanted[v.lower()] for key in ("roles", "groups") for v in _claim_values(claims, key)
             if v.lower() in wanted and v.lower() != "default" and wanted[v.lower()] in ROLE_RANK]
    if found:
        return max(found, key=ROLE_RANK.__getitem__)
    default = wanted.get("default")
    return default if default in ROLE_RANK else None
