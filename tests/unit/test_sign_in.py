"""Signing in: the failed-attempt delay is in the store, per account and per client; sessions are signed,
expiring, server-side and end at sign-out; every checked attempt is audited; none of it touches the figures."""

import threading

import pytest
import streamlit as st

from kpi import audit, sessions
from kpi.auth import SignInRefused, hash_password, refusal, sign_in, sign_out
from kpi.store import Store
from kpi.throttle import Throttle, delay_after

USERS = {
    "Olivia": {"password_hash": hash_password("right", n=2**10), "role": "officer"},
    "nobody-role": {"password_hash": hash_password("pw", n=2**10), "role": "root"},
}
HERE, THERE = "203.0.113.9", "198.51.100.20"


class Clock:
    def __init__(self, now=1_800_000_000.0):
        self.now = now

    def __call__(self):
        return self.now


def refused_code(store, name, password, client, clock):
    with pytest.raises(SignInRefused) as refused:
        sign_in(store, USERS, name, password, client, clock=clock)
    return refused.value.code, refused.value.seconds


def test_the_delay_grows_per_account_and_client_and_the_right_password_elsewhere_is_not_held(demo_store):
    clock = Clock()
    for expected in (1, 2, 4, 8):
        assert refused_code(demo_store, "olivia", "wrong", HERE, clock) == ("refused", 0)
        assert refused_code(demo_store, "OLIVIA ", "right", HERE, clock) == ("wait", expected)  # even the right one
        assert sign_in(demo_store, USERS, "olivia", "right", THERE, clock=clock).user == "Olivia"  # elsewhere: in
        clock.now += expected
    assert Throttle(demo_store, clock=clock).wait("someone else", HERE) == 0
    done = sign_in(demo_store, USERS, "Olivia", "right", HERE, clock=clock)
    assert (done.user, done.role) == ("Olivia", "officer")
    assert Throttle(demo_store, clock=clock).wait("olivia", HERE) == 0  # a success starts the count again
    assert delay_after(30) == 300 and delay_after(0) == 0


def test_the_counts_survive_a_restart_and_streamlits_cache_clearing(demo_db):
    clock = Clock()
    refused_code(Store(demo_db), "olivia", "wrong", HERE, clock)
    st.cache_data.clear()
    st.cache_resource.clear()  # what the clear-cache message does
    assert refused_code(Store(demo_db), "olivia", "right", HERE, clock)[0] == "wait"  # a new Store: a restart


def test_attempts_sent_at_once_are_checked_one_at_a_time(demo_store):
    clock, outcomes, start = Clock(), [], threading.Barrier(8)

    def guess(n):
        start.wait()
        outcomes.append(refused_code(demo_store, "olivia", f"guess-{n}", HERE, clock)[0])

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["refused"] + ["wait"] * 7


def test_unknown_names_and_roles_are_refused_like_a_wrong_password_and_counted(demo_store):
    clock = Clock()
    assert refused_code(demo_store, "nobody", "pw", HERE, clock) == ("refused", 0)
    assert refused_code(demo_store, "nobody", "pw", HERE, clock) == ("wait", 1)
    assert refused_code(demo_store, "nobody-role", "pw", THERE, clock) == ("refused", 0)  # not a role we know
    assert refused_code(demo_store, "", "", THERE, clock) == ("refused", 0)


def test_sign_ins_and_failures_are_audited_with_the_client_and_leave_the_figures_alone(demo_store):
    clock, version = Clock(), demo_store.data_version()
    refused_code(demo_store, "olivia", "wrong", HERE, clock)
    done = sign_in(demo_store, USERS, "olivia", "right", THERE, clock=clock)
    assert sign_out(demo_store, done.cookie, THERE, clock=clock) == "Olivia"
    log = audit.read(demo_store)
    assert list(log["action"][:3]) == ["sign-out", "sign-in", "sign-in failed"]
    assert list(log["user"][:3]) == ["Olivia", "Olivia", "olivia"]
    assert all(THERE in d or HERE in d for d in log["detail"][:3])
    assert audit.verify(demo_store).ok
    assert demo_store.data_version() == version  # no page's cache is emptied by a sign-in


def test_a_session_cookie_is_signed_expires_and_ends_at_sign_out(demo_store):
    clock = Clock()
    done = sign_in(demo_store, USERS, "olivia", "right", HERE, clock=clock)
    assert done.cookie.startswith("v1.") and done.expires == clock.now + 8 * 3600
    assert sessions.user_of(demo_store, done.cookie, clock=clock) == "Olivia"
    _, token, expires, signature = done.cookie.split(".")
    for forged in (
        f"v1.{token}.{int(expires) + 3600}.{signature}",  # a later expiry
        f"v1.{token[:-2]}xy.{expires}.{signature}",  # another token
        f"v1.{token}.{expires}.{signature[:-2]}xy",  # a made-up signature
        "",
        "v1",
        None,
        "x" * 500,
    ):
        assert sessions.user_of(demo_store, forged, clock=clock) is None
    held = demo_store.scalar("SELECT token_hash FROM sign_in_sessions")
    assert held == sessions.token_hash(token) and token not in demo_store.scalar(
        "SELECT string_agg(token_hash, '') FROM sign_in_sessions"
    )
    later = Clock(clock.now + 8 * 3600 + 1)
    assert sessions.user_of(demo_store, done.cookie, clock=later) is None  # expired
    again = sign_in(demo_store, USERS, "olivia", "right", HERE, clock=clock)
    sign_out(demo_store, again.cookie, HERE, clock=clock)
    assert sessions.user_of(demo_store, again.cookie, clock=clock) is None  # ended: a kept copy is useless


def test_outcome_codes_have_fixed_words():
    assert refusal("refused").startswith("That user name and password do not match")
    assert refusal("wait", 30).endswith("Try again in 30 seconds.")
    assert refusal("wait", 10**9).endswith("Try again in 3600 seconds.")
    assert refusal("<script>alert(1)</script>") == "" and refusal("") == ""
