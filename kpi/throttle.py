"""A growing delay after failed sign-ins, per account and per client, kept in the store.

The counts live in the database (sign_in_failures, migration 010), not in the dashboard's memory
or its caches, so nothing a browser can send (Streamlit's clear-cache message above all) and no
restart of the server resets them. They are kept per account as typed and per client address:
guessing one account from one client slows down (1 second after the first failure, doubling to
at most 5 minutes), while the same account from any other client, the real user at their own
desk, is not held up at all. A right password clears its client's count.

Each attempt is counted as a failure before its password is checked, inside the one writer's
transaction, so attempts sent all at once cannot slip through together before the first failure
is recorded: the second finds the first's delay already running.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from kpi.limits import most
from kpi.store import Store, close, run

BASE_SECONDS = 1.0
CAP_SECONDS = 300.0
FORGET_AFTER = 24 * 3600.0  # a count nobody adds to for a day is forgotten
KEY_CHARS = most("user_name")  # an account name longer than this is cut for the key


def delay_after(failures: int, *, base: float = BASE_SECONDS, cap: float = CAP_SECONDS) -> float:
    """Seconds to wait after `failures` failures in a row: 0, then base, doubling, capped."""
    return 0.0 if failures <= 0 else min(cap, base * 2 ** min(failures - 1, 60))


def account_key(name: str | None) -> str:
    """The account a name means, for counting: trimmed, lower-cased, cut to KEY_CHARS."""
    return (name or "").strip().lower()[:KEY_CHARS]


class Throttle:
    """The failed-attempt counts in `store`; `clock` (seconds since 1970) is injectable for tests."""

    def __init__(
        self,
        store: Store,
        *,
        base: float = BASE_SECONDS,
        cap: float = CAP_SECONDS,
        clock: Callable[[], float] = time.time,
    ):
        self.store, self.base, self.cap, self.clock = store, base, cap, clock

    def _remaining(self, row, now: float) -> float:
        if not row:
            return 0.0
        failures, last = int(row[0]), float(row[1])
        if now - last > FORGET_AFTER:
            return 0.0
        return max(0.0, last + delay_after(failures, base=self.base, cap=self.cap) - now)

    def wait(self, account: str, client: str) -> float:
        """Seconds before this account may be tried again from this client; 0 when it may be now."""
        cur = self.store.cursor()
        try:
            row = run(cur, "sign_in_failures", account=account, client=client).fetchone()
        finally:
            close(cur)
        return self._remaining(row, self.clock())

    def take_turn(self, account: str, client: str) -> float:
        """Claim one attempt: 0 and the attempt counted as failed (until `cleared`), or the seconds still to wait."""
        waiting = self.wait(account, client)
        if waiting > 0:  # a read, so guesses during the delay cost no write
            return waiting
        with self.store.transaction(bump_version=False) as cur:
            now = self.clock()
            row = run(cur, "sign_in_failures", account=account, client=client).fetchone()
            waiting = self._remaining(row, now)
            if waiting > 0:  # another attempt got here first
                return waiting
            failures = int(row[0]) if row and now - float(row[1]) <= FORGET_AFTER else 0
            run(
                cur,
                "sign_in_failure_count",
                account=account,
                client=client,
                failures=failures + 1,
                at=now,
                forget_before=now - FORGET_AFTER,
            )
        return 0.0

    @staticmethod
    def cleared(cur, account: str, client: str) -> None:
        """On the sign-in's own transaction cursor: the right password, so this client's count starts again."""
        run(cur, "sign_in_failures_clear", account=account, client=client)
