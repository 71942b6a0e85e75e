"""Backup and restore: a restored file answers status and series byte for byte as the original did."""

import json
import subprocess
import sys
import threading

import pandas as pd
import pytest

from kpi import figures
from kpi.backup import BackupError, backup, restore
from kpi.commands import main
from kpi.returns import load_return
from kpi.store import Store
from tests.conftest import ROOT, tidy_workbook


def cli(*args) -> str:
    out = subprocess.run([sys.executable, "-m", "kpi", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def in_process(capsys, *args) -> str:
    """The same command through kpi.commands.main: one subprocess per indicator would take a minute."""
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_restore_gives_byte_identical_status_and_series(demo_db, tmp_path, capsys):
    store = Store(demo_db)
    result = load_return(
        store,
        tidy_workbook([["KS2-L4-EM", "2013", "actual", 80.1], ["KS2-L4-EM", "2012", "actual", 78]]),
        "r.xlsx",
        user="olivia",
    )
    assert result.upload_id
    codes = figures.indicator_codes(store)
    store.close()
    assert cli("backup", "--db", str(demo_db), "--out", str(tmp_path / "bk")).startswith("Backed up")
    restored = tmp_path / "restored.duckdb"
    cli("restore", str(tmp_path / "bk"), "--db", str(restored))

    assert cli("status", "--db", str(restored), "--json") == cli("status", "--db", str(demo_db), "--json")
    assert cli("series", "KS2-L4-EM", "--db", str(restored), "--json") == cli(
        "series", "KS2-L4-EM", "--db", str(demo_db), "--json"
    )
    # every indicator's series, as the pages and `series` read it, worked out once on each side
    before, after = figures.all_series(Store(demo_db)), figures.all_series(Store(restored))
    assert sorted(before["code"].unique()) == sorted(codes)
    pd.testing.assert_frame_equal(before.reset_index(drop=True), after.reset_index(drop=True))
    # the same log, but for the row each side adds: the backup in the original, the restore in the copy
    original = json.loads(in_process(capsys, "audit", "--db", str(demo_db), "--json"))
    copy = json.loads(in_process(capsys, "audit", "--db", str(restored), "--json"))
    assert original[0]["action"] == "backup" and copy[0]["action"] == "restore" and original[1:] == copy[1:]
    a, b = Store(demo_db), Store(restored)
    for s in (a, b):  # sequences carry on where they were: the next upload gets the same id
        s.ids = (s.scalar("SELECT nextval('upload_ids')"), s.scalar("SELECT nextval('audit_ids')"), s.data_version())
    assert a.ids == b.ids


def test_backup_while_this_process_holds_the_file_mid_write(demo_db, tmp_path):
    holder = Store(demo_db)  # as the dashboard does: one Store, file locked against other processes
    version, values = holder.data_version(), holder.scalar("SELECT count(*) FROM observations")
    inside, release = threading.Event(), threading.Event()

    def slow_write():
        with holder.transaction() as cur:
            cur.execute("DELETE FROM observations")
            inside.set()
            release.wait(30)

    writer = threading.Thread(target=slow_write)
    writer.start()
    assert inside.wait(30)
    # The snapshot (its manifest written last) is taken without waiting for the writer and without its
    # half-done work; only the backup's own audit row waits for the writer's turn.
    taking = threading.Thread(target=backup, args=(holder, tmp_path / "bk"), kwargs={"user": "dana"})
    try:
        taking.start()
        for _ in range(600):
            if (tmp_path / "bk" / "manifest.json").exists():
                break
            taking.join(0.05)
        assert (tmp_path / "bk" / "manifest.json").exists()
    finally:
        release.set()
        writer.join(30)
        taking.join(30)
    assert holder.scalar("SELECT count(*) FROM observations") == 0
    holder.close()

    restored = Store(restore(tmp_path / "bk", tmp_path / "r.duckdb", user="ravi").target)
    assert restored.data_version() == version
    assert restored.scalar("SELECT count(*) FROM observations") == values


def test_refusals_are_plain(demo_db, tmp_path):
    store = Store(demo_db)
    backup(store, tmp_path / "bk", user="dana")
    with pytest.raises(BackupError, match="not an empty folder"):
        backup(store, tmp_path / "bk", user="dana")
    with pytest.raises(BackupError, match="already exists"):
        restore(tmp_path / "bk", demo_db, user="ravi")
    with pytest.raises(BackupError, match="not a backup folder"):
        restore(tmp_path, tmp_path / "new.duckdb", user="ravi")
    store.close()
    out = subprocess.run(
        [sys.executable, "-m", "kpi", "restore", str(tmp_path / "bk"), "--db", str(demo_db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 2 and "already exists" in out.stderr and "Traceback" not in out.stderr
    assert json.loads(cli("status", "--db", str(demo_db), "--json"))  # the refused restore left it alone
