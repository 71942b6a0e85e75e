"""Concurrent loads: threads sharing one Store, and separate processes, are written one after the other."""

import os
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
        owned = (
            store.cursor()
            .execute("SELECT DISTINCT indicator_code FROM observations WHERE upload_id = ?", [result.upload_id])
            .fetchall()
        )
        assert owned == [("KS2-L4-EM",)] if user == "olivia" else owned == [("KS4-5AC-EM",)]
    latest = {r["code"]: r for r in figures.status(store)}
    assert latest["KS2-L4-EM"]["actual"] == 80.1 and latest["KS4-5AC-EM"]["actual"] == 61.7
    assert store.scalar("SELECT count(*) FROM audit_log WHERE action = 'upload'") == audited + 2


# A second process writes a return and stays inside its transaction (after writing its values) until told to go on.
WRITER = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, {root!r})
    from kpi.returns import changes, load_return
    from kpi.store import Store
    db, data, marker, release = sys.argv[1:5]
    real_run = changes.run

    def run(cur, name, **kw):
        result = real_run(cur, name, **kw)
        if name == "write_observations":
            open(marker, "w").close()
            while not os.path.exists(release):
                time.sleep(0.02)
        return result

    changes.run = run
    result = load_return(Store(db), open(data, "rb").read(), "first.xlsx", user="first")
    print("committed", result.upload_id, time.time(), flush=True)
""")

# A process that holds the file open for reading (as the dashboard does for the moment of a query).
READER = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, {root!r})
    from kpi.store import Store
    db, marker, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    cur = Store(db).cursor()
    cur.execute("SELECT count(*) FROM observations").fetchone()
    open(marker, "w").close()
    time.sleep(seconds)
    cur.close()
""")


def _wait_for(path, proc, seconds=120):
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline, "the other process never got there"
        time.sleep(0.02)


def test_two_processes_writing_at_once_are_written_one_after_the_other(demo_db, tmp_path):
    first = tmp_path / "first.xlsx"
    first.write_bytes(tidy_workbook([["KS2-L4-EM", "2013", "actual", 80.1]]))
    second = tmp_path / "second.xlsx"
    second.write_bytes(tidy_workbook([["KS4-5AC-EM", "2013", "actual", 61.7]]))
    marker, release = tmp_path / "inside", tmp_path / "go-on"
    watcher = Store(demo_db)  # stands for the dashboard: its version must follow both writes
    version = watcher.data_version()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER.format(root=str(ROOT)), str(demo_db), str(first), str(marker), str(release)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(marker, writer)
        load = subprocess.Popen(
            [sys.executable, "-m", "kpi", "load", str(second), "--db", str(demo_db), "--user", "second"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.5)
        assert load.poll() is None, load.communicate()  # waiting for the first writer, not refused
        assert watcher.data_version() == version  # nothing half-written is visible
        release.touch()
        out, err = load.communicate(timeout=120)
        finished = time.time()
        first_out, first_err = writer.communicate(timeout=120)
    finally:
        release.touch()
        if writer.poll() is None:
            writer.kill()
    assert writer.returncode == 0, first_err
    assert load.returncode == 0, err
    assert "Traceback" not in err and "Loaded second.xlsx as upload" in out
    committed_id, committed_at = first_out.split()[1:3]
    assert float(committed_at) <= finished
    assert watcher.data_version() == version + 2  # the watcher sees both writes at once, without reopening

    uploads = watcher.query("uploads").set_index("id")
    assert uploads.loc[int(committed_id), "user"] == "first"
    assert sorted(uploads["user"].tolist()[:2]) == ["first", "second"]
    latest = {r["code"]: r for r in figures.status(watcher)}
    assert latest["KS2-L4-EM"]["actual"] == 80.1 and latest["KS4-5AC-EM"]["actual"] == 61.7


def test_a_write_waits_for_a_reader_in_another_process_then_goes_ahead(demo_db, tmp_path):
    ret = tmp_path / "r.xlsx"
    ret.write_bytes(tidy_workbook([["KS2-L4-EM", "2013", "actual", 80.1]]))
    marker = tmp_path / "reading"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER.format(root=str(ROOT)), str(demo_db), str(marker), "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for(marker, reader)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "kpi", "load", str(ret), "--db", str(demo_db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    reader.communicate(timeout=60)
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started >= 1.0  # it did wait for the reader
    assert {r["code"]: r for r in figures.status(Store(demo_db))}["KS2-L4-EM"]["actual"] == 80.1


def test_a_write_that_cannot_get_the_file_in_time_is_refused_plainly(demo_db, tmp_path):
    ret = tmp_path / "r.xlsx"
    ret.write_bytes(tidy_workbook([["KS2-L4-EM", "2013", "actual", 80.1]]))
    marker = tmp_path / "reading"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER.format(root=str(ROOT)), str(demo_db), str(marker), "20"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(marker, reader)
        busy = subprocess.run(
            [sys.executable, "-m", "kpi", "load", str(ret), "--db", str(demo_db)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "KPI_DB_WAIT": "1"},
        )
    finally:
        reader.kill()
        reader.wait(30)
    assert busy.returncode == 2
    assert f"in use by another program (PID {reader.pid}," in busy.stderr
    assert "try again when that one has finished" in busy.stderr
    assert "Traceback" not in busy.stderr and "IO Error" not in busy.stderr
    assert str(demo_db) not in busy.stderr
    assert Store(demo_db).scalar("SELECT count(*) FROM uploads WHERE file_name = 'r.xlsx'") == 0
