"""kill -9 in the middle of a large load leaves the database exactly as it was before the load."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

from kpi import figures
from kpi.store import Store
from tests.conftest import ROOT
from tests.unit.snapshot import fingerprint

VALUES = 200_000

# The child builds a 200k-value change set in code and applies it through the one write path.
# Once the values are written (uncommitted, and large enough for DuckDB to write blocks to the
# file optimistically), it records the count it sees inside the transaction and waits to be killed.
CHILD = textwrap.dedent("""
    import sys, time
    from kpi.periods import parse_period
    from kpi.returns import changes
    from kpi.returns.parsed import ObservationRow, Parsed
    from kpi.store import Store

    db, marker, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store(db)
    periods = [parse_period(str(year)) for year in range(2000, 2020)]
    parsed = Parsed(layout="tidy", observations=[
        ObservationRow("KS2-L4-EM", p, "actual", i + 0.5, None, f"X{i:06d}", "final", None, f"Data!D{i}")
        for i in range(n // len(periods)) for p in periods])
    change_set = changes.plan_changes(store, parsed)
    real_run = changes.run

    def run(cur, name, **kw):
        result = real_run(cur, name, **kw)
        if name == "write_observations":
            seen = cur.execute("SELECT count(*) FROM observations").fetchone()[0]
            with open(marker + ".tmp", "w") as f:
                f.write(str(seen))
            import os; os.replace(marker + ".tmp", marker)
            time.sleep(600)
        return result

    changes.run = run
    changes.apply_changes(store, change_set, user="big", file_name="big.xlsx", sha256="0" * 64)
""")


def test_kill_9_mid_transaction_leaves_the_database_as_before(demo_db, tmp_path):
    store = Store(demo_db)
    before = (store.data_version(), fingerprint(store), json.dumps(figures.status(store), default=str))
    store.close()

    marker = tmp_path / "inside"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(demo_db), str(marker), str(VALUES)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 180
        while not marker.exists():
            assert child.poll() is None, child.stderr.read().decode()
            assert time.monotonic() < deadline, "the child never got inside the transaction"
            time.sleep(0.05)
        seen_inside = int(marker.read_text())
        os.kill(child.pid, signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(30)
    assert child.returncode == -signal.SIGKILL
    assert seen_inside >= before[1]["observations"][0] + VALUES  # the kill really came mid-load

    reopened = Store(demo_db)
    after = (reopened.data_version(), fingerprint(reopened), json.dumps(figures.status(reopened), default=str))
    assert after[0] == before[0]
    assert after[1] == before[1]
    assert after[2] == before[2]
