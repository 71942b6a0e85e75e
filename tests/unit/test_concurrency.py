"""Concurrent loads: threads sharing one Store are written one after the other; a second process is told plainly."""
import json
import subprocess
import sys
import textwrap
import threading
import time
from contextlib import contextmanager

from kpi import figures
from kpi.returns import load_return
from kpi.store import Store
from tests.conftest import ROOT, tidy_workbook


class RecordingStore(Store):
    """A Store that notes when each write transaction starts and ends."""

    def __init__(self, path):
        super().__init__(path)
        self.spans = []

    @contextmanager
    def transaction(self):
        with super().transaction() as cur:
            start = time.monotonic()
            yield cur
            time.sleep(0.05)  # widen the window in which an overlap would show
            self.spans.append((start, time.monotonic()))


def test_two_threads_loading_at_the_same_moment_both_succeed_one_after_the_other(demo_db):
    store = RecordingStore(demo_db)
    version = store.data_version()
    audited = store.scalar("SELECT count(*) FROM audit_log WHERE action = 'upload'")
    returns = {
        "olivia": tidy_workbook([["KS2-L4-EM", "2013", "actual", 80.1], ["KS2-L4-EM", "2014", "target", 82]]),
        "omar": tidy_workbook([["KS4-5AC-EM", "2013", "actual", 61.7], ["KS4-5AC-EM", "2014", "target", 64]]),
    }
    start, results, errors = threading.Barrier(len(returns)), {}, []

    def load(user):
        try:
            start.wait(10)
            results[user] = load_return(store, returns[user], f"{user}.xlsx", user=user)
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=load, args=(u,)) for u in returns]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert all(r.ok and r.upload_id for r in results.values())
    assert store.data_version() == version + 2
    (a_start, a_end), (b_start, b_end) = sorted(store.spans)
    assert a_end <= b_start  # never inside the write path together

    uploads = store.query("uploads").set_index("id")
    for user, result in results.items():
        assert uploads.loc[result.upload_id, "user"] == user
        assert uploads.loc[result.upload_id, "added"] + uploads.loc[result.upload_id, "changed"] == 2
        owned = store.cursor().execute("SELECT DISTINCT indicator_code FROM observations WHERE upload_id = ?",
                                       [result.upload_id]).fetchall()
        assert owned == [("KS2-L4-EM",)] if user == "olivia" else owned == [("KS4-5AC-EM",)]
    latest = {r["code"]: r for r in figures.status(store)}
    assert latest["KS2-L4-EM"]["actual"] == 80.1 and latest["KS4-5AC-EM"]["actual"] == 61.7
    assert store.scalar("SELECT count(*) FROM audit_log WHERE action = 'upload'") == audited + 2


HOLDER = textwrap.dedent("""
    import sys
    from kpi.returns import load_return
    from kpi.store import Store
    store = Store(sys.argv[1])
    result = load_return(store, open(sys.argv[2], "rb").read(), "first.xlsx", user="first")
    print("ready", result.upload_id, flush=True)
    sys.stdin.readline()
""")


def test_second_process_is_told_plainly_then_succeeds_after_the_first_exits(demo_db, tmp_path):
    first = tmp_path / "first.xlsx"
    first.write_bytes(tidy_workbook([["KS2-L4-EM", "2013", "actual", 80.1]]))
    second = tmp_path / "second.xlsx"
    second.write_bytes(tidy_workbook([["KS4-5AC-EM", "2013", "actual", 61.7]]))
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(demo_db), str(first)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    load = [sys.executable, "-m", "kpi", "load", str(second), "--db", str(demo_db), "--user", "second"]
    try:
        assert holder.stdout.readline().startswith("ready"), holder.stderr.read()
        busy = subprocess.run(load, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert busy.returncode == 2
        assert f"The database is open in another program (PID {holder.pid}," in busy.stderr
        assert "run this command again" in busy.stderr
        assert "Traceback" not in busy.stderr and "IO Error" not in busy.stderr
    finally:
        holder.communicate("\n", timeout=60)
    assert holder.returncode == 0

    done = subprocess.run(load, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    status = subprocess.run([sys.executable, "-m", "kpi", "status", "--db", str(demo_db), "--json"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    latest = {r["code"]: r for r in json.loads(status.stdout)}
    assert latest["KS2-L4-EM"]["actual"] == 80.1 and latest["KS4-5AC-EM"]["actual"] == 61.7
