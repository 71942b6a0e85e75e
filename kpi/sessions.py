"""Who is signed in: a signed, expiring session cookie whose token the store knows only by its hash.

The cookie's value is `v1.TOKEN.EXPIRES.SIGNATURE`: a random 256-bit token, its expiry (seconds since
1970) and an HMAC-SHA256 of both with a key kept in the database (made on first use). A cookie is
accepted only when its signature matches, it has not expired, and the store holds a session for the
SHA-256 of its token that has not been ended by signing out. So a cookie cannot be made up, altered,
kept past its expiry or reused after sign-out; and a copy of the database does not hold any
usable token. The web server sets it HttpOnly (pages/ui/account.py), so page scripts never see it,
and it never appears in a URL, unlike Streamlit's own session id.

Checks are remembered for a few seconds in this process, so a page's reruns cost no query; signing out
here forgets at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable

from kpi.store import Store, close, run

COOKIE = "kpi_session"
SESSION_HOURS = 8.0
KEY_META = "session_signing_key"
RECHECK_SECONDS = 10.0
FORGET_AFTER = 24 * 3600.0

_keys: dict[str, bytes] = {}
_checked: dict[str, tuple[str, float, float]] = {}  # cookie -> (user, expires, checked at)
_lock = threading.Lock()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def signing_key(store: Store) -> bytes:
    """The store's cookie-signing key, made once (at random) and kept in meta."""
    path = str(store.path)
    if path in _keys:
        return _keys[path]
    key = store.meta(KEY_META)
    if key is None:
        with store.transaction(bump_version=False) as cur:
            cur.execute(
                "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO NOTHING", [KEY_META, secrets.token_hex(32)]
            )
        key = store.meta(KEY_META)
    _keys[path] = bytes.fromhex(key)
    return _keys[path]


def _signature(key: bytes, token: str, expires: int) -> str:
    return _b64(hmac.new(key, f"v1.{token}.{expires}".encode("ascii"), hashlib.sha256).digest())


def start(cur, key: bytes, user: str, client: str, *, hours: float = SESSION_HOURS, now: float) -> tuple[str, int]:
    """A new session on the sign-in's transaction cursor -> (cookie value, expiry in seconds since 1970).

    `key` is signing_key(store), fetched before the transaction began (it may need a write of its own)."""
    token = _b64(secrets.token_bytes(32))
    expires = int(now + hours * 3600)
    run(
        cur,
        "sign_in_session_start",
        token_hash=token_hash(token),
        user=user,
        client=client,
        at=now,
        expires_at=float(expires),
        forget_before=now - FORGET_AFTER,
    )
    return f"v1.{token}.{expires}.{_signature(key, token, expires)}", expires


def _token(key: bytes, cookie: str | None, now: float) -> str | None:
    """The token of a well-formed, correctly signed, unexpired cookie; None for anything else."""
    if not isinstance(cookie, str) or len(cookie) > 200:
        return None
    parts = cookie.split(".")
    if len(parts) != 4 or parts[0] != "v1" or not parts[2].isdigit():
        return None
    _, token, expires, signature = parts
    if int(expires) <= now or not hmac.compare_digest(signature, _signature(key, token, int(expires))):
        return None
    return token


def user_of(store: Store, cookie: str | None, *, clock: Callable[[], float] = time.time) -> str | None:
    """The signed-in user a cookie stands for, or None (checked against the store every few seconds)."""
    now = clock()
    with _lock:
        seen = _checked.get(cookie) if isinstance(cookie, str) else None
    if seen and now < seen[1] and now - seen[2] < RECHECK_SECONDS:
        return seen[0]
    token = _token(signing_key(store), cookie, now)
    if token is None:
        return None
    cur = store.cursor()
    try:
        row = run(cur, "sign_in_session_user", token_hash=token_hash(token), at=now).fetchone()
    finally:
        close(cur)
    with _lock:
        if len(_checked) > 10_000:
            _checked.clear()
        if row is None:
            _checked.pop(cookie, None)
            return None
        _checked[cookie] = (row[0], float(row[1]), now)
    return row[0]


def end(cur, key: bytes, cookie: str | None, *, now: float) -> str | None:
    """End the session a cookie stands for, on a transaction cursor; returns its user (None if there was none)."""
    with _lock:
        _checked.pop(cookie, None)
    token = _token(key, cookie, now)
    if token is None:
        return None
    row = run(cur, "sign_in_session_end", token_hash=token_hash(token), at=now).fetchone()
    return row[0] if row else None
