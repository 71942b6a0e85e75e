"""Passwords: scrypt hashes verify, wrong ones do not, the compare is constant-time; roles and Entra ID claims.

Signing in, the failed-attempt delay and sessions are in tests/unit/test_sign_in.py."""

import hmac

from kpi import auth
from kpi.auth import hash_password, role_allows, roles_from_claims, verify_password

FAST = {"n": 2**10}  # the real cost (2**14) is the default; tests need only the format


def test_hash_is_salted_scrypt_and_verifies():
    first, second = hash_password("correct horse", **FAST), hash_password("correct horse", **FAST)
    assert first.startswith("scrypt$1024$8$1$") and len(first.split("$")) == 6
    assert first != second  # a fresh salt every time
    assert verify_password("correct horse", first) and verify_password("correct horse", second)
    assert hash_password("x").startswith("scrypt$16384$")


def test_wrong_or_malformed_password_is_refused():
    encoded = hash_password("correct horse", **FAST)
    assert not verify_password("correct hors", encoded)
    assert not verify_password("", encoded)
    for bad in ("", "plain", "md5$1$2$3$4$5", encoded.replace("scrypt", "bcrypt"), "scrypt$x$8$1$aa$bb"):
        assert not verify_password("correct horse", bad)


def test_constant_time_compare_is_used(monkeypatch):
    calls, real = [], hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    encoded = hash_password("pw", **FAST)
    assert verify_password("pw", encoded) and not verify_password("other", encoded)
    assert len(calls) == 2 and all(isinstance(a, bytes) for a, _ in calls)


def test_roles_are_ordered():
    assert role_allows("admin", "officer") and role_allows("officer", "officer") and role_allows("officer", "viewer")
    assert (
        not role_allows("viewer", "officer") and not role_allows(None, "viewer") and not role_allows("root", "viewer")
    )


def test_entra_id_roles_and_groups_map_to_the_highest_role():
    mapping = {"KPI.Officer": "officer", "aaaa-group": "admin", "default": "viewer"}
    assert roles_from_claims({"roles": ["KPI.Officer"]}, mapping) == "officer"
    assert roles_from_claims({"roles": ["kpi.officer"], "groups": ["aaaa-group"]}, mapping) == "admin"
    assert roles_from_claims({"groups": ["other"]}, mapping) == "viewer"
    assert roles_from_claims({"groups": ["other"]}, {"KPI.Officer": "officer"}) is None
    assert roles_from_claims({"roles": "KPI.Officer"}, mapping) == "officer"
