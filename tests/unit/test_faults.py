"""Faults end cleanly: a full disk, a read-only file, a missing or damaged database give a plain message with
no path and no traceback, write nothing, and the same Store (the dashboard's) works again once the cause is gone."""

import errno
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import duckdb
import pytest

from kpi.returns import changes, load_return
from kpi.store import DatabaseMissing, DatabaseNotWritable, DatabaseUnreadable, Store
from tests.conftest import ROOT, tidy_workbook
from tests.unit.snapshot import fingerprint

RETURN = tidy_workbook([["KS2-L4-EM", "2013", "actual", 80.1]])
READS = [
    ["status", "--json"],
    ["series", "KS2-L4-EM"],
    ["uploads"],
    ["audit"],
    ["template", "--out", "{tmp}/t.xlsx"],
    ["board-pack", "--out", "{tmp}/p.pdf"],
    ["backup", "--out", "{tmp}/b"],
]


def kpi(*args):
    return subprocess.run(
        [sys.executable, "-m", "kpi", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def plain(out, *paths) -> None:
    assert "Traceback" not in out.stderr and "Error:" not in out.stderr, out.stderr
    for path in paths:
        assert str(path) not in out.stderr, out.stderr


@pytest.fixture
def tiny_disk(tmp_path, demo_db_template):
    """A small tmpfs of our own, so the disk can really fill up (needs root; skipped otherwise).

    Sized to hold the demo database with some room to spare, however large the built-in data grows."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    made = subprocess.run(
        [
            "mount",
            "-t",
            "tmpfs",
            "-o",
            f"size={demo_db_template.stat().st_size // 2**20 + 24}m",
            f"kpi-test-{uuid.uuid4().hex[:8]}",
            str(mount),
        ],
        capture_output=True,
    )
    if made.returncode:
        pytest.skip("this machine does not allow mounting a tmpfs")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill(folder: Path) -> Path:
    filler = folder / "filler"
    with filler.open("wb") as handle:
        try:
            while True:
                handle.write(b"\0" * (1 << 16))
                handle.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def big_return(n: int = 20_000) -> bytes:
    defs = [[f"FULL-{i}", f"Full {i}", "P1", "higher", "%", "annual"] for i in range(n // 100)]
    return tidy_workbook([[f"FULL-{i // 100}", str(2000 + i % 100), "actual", i % 90 + 0.5] for i in range(n)], defs)


def test_a_full_disk_during_an_upload_writes_nothing_and_the_same_store_recovers(demo_db_template, tiny_disk):
    db = tiny_disk / "kpi.duckdb"
    shutil.copy(demo_db_template, db)
    store = Store(db)  # the dashboard's: made once, kept for the process's life
    version, before = store.data_version(), fingerprint(store)
    filler = fill(tiny_disk)
    data = big_return()
    with pytest.raises(DatabaseNotWritable, match="the disk is full. Nothing was changed") as refused:
        load_return(store, data, "big.xlsx", user="officer")
    assert str(db) not in str(refused.value)
    cli = kpi("load", _saved(data, tiny_disk.parent), "--db", db)
    assert cli.returncode == 2 and "disk is full" in cli.stderr
    plain(cli, db)
    assert store.data_version() == version and fingerprint(store) == before

    filler.unlink()
    result = load_return(store, data, "big.xlsx", user="officer")
    assert result.ok and result.upload_id
    assert store.data_version() == version + 1


def _saved(data: bytes, folder: Path) -> Path:
    path = folder / "return.xlsx"
    path.write_bytes(data)
    return path


def test_an_injected_full_disk_is_reported_plainly_and_rolled_back(demo_store, monkeypatch):
    version, before = demo_store.data_version(), fingerprint(demo_store)
    real = changes.run

    def full(cur, name, **kw):
        if name == "write_observations":
            raise duckdb.IOException(f'IO Error: Could not write file "{demo_store.path}.wal": No space left on device')
        return real(cur, name, **kw)

    monkeypatch.setattr(changes, "run", full)
    with pytest.raises(DatabaseNotWritable, match="disk is full") as refused:
        load_return(demo_store, RETURN, "r.xlsx", user="officer")
    assert str(demo_store.path) not in str(refused.value)
    assert demo_store.data_version() == version and fingerprint(demo_store) == before
    monkeypatch.setattr(changes, "run", real)
    assert load_return(demo_store, RETURN, "r.xlsx", user="officer").upload_id


def test_a_read_only_file_still_reads_refuses_writes_plainly_and_recovers(demo_db_template, tiny_disk):
    db = tiny_disk / "kpi.duckdb"
    shutil.copy(demo_db_template, db)
    store = Store(db)
    version = store.data_version()
    assert subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], capture_output=True).returncode == 0
    try:
        assert store.data_version() == version and store.meta("home_area")  # reading goes on
        with pytest.raises(DatabaseNotWritable, match="read-only"):
            load_return(store, RETURN, "r.xlsx", user="officer")
        cli = kpi("load", _saved(RETURN, tiny_disk.parent), "--db", db)
        assert cli.returncode == 2 and "read-only" in cli.stderr
        plain(cli, db)
        status = kpi("status", "--db", db, "--json")
        assert status.returncode == 0, status.stderr
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(tiny_disk)], capture_output=True)
    assert load_return(store, RETURN, "r.xlsx", user="officer").upload_id
    assert store.data_version() == version + 1


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_database_gives_a_plain_message_and_no_traceback(demo_db, damage):
    data = demo_db.read_bytes()
    demo_db.write_bytes(b"not a database " * 100 if damage == "garbage" else data[: len(data) // 2])
    with pytest.raises(DatabaseUnreadable, match="restore the latest backup"):
        Store(demo_db, read_only=True).query("all_series")
    refused = 0
    for args in (["status", "--json"], ["load", "{ret}"], ["uploads", "--json"]):
        ret = _saved(RETURN, demo_db.parent)
        out = kpi(*[a.replace("{ret}", str(ret)) for a in args], "--db", demo_db)
        # A truncated file may still hold the few pages a small read needs; what it must never do is
        # fail with a traceback, or with anything but the plain "cannot be read".
        if damage == "garbage" or out.returncode != 0:
            assert out.returncode == 2, (args, out.stdout, out.stderr)
            assert "cannot be read" in out.stderr
            refused += 1
        plain(out, demo_db)
    assert refused >= (3 if damage == "garbage" else 2)


def test_read_commands_never_create_a_database(tmp_path):
    """Nor do commands that change what must already be there (undo, backup, linking a school measure)."""
    typo = tmp_path / "kpi.duckbd"
    for args in READS + [
        ["risks"],
        ["audit", "--verify"],
        ["schools", "--la", "886"],
        ["undo", "1", "--yes"],
        ["school-measure", "KS2-L4-EM", "none"],
    ]:
        out = kpi(*[a.replace("{tmp}", str(tmp_path)) for a in args], "--db", typo)
        assert out.returncode == 2, (args, out.stderr)
        assert "typing mistake" in out.stderr
        plain(out)
        assert not typo.exists() and not Path(f"{typo}.wal").exists()
    with pytest.raises(DatabaseMissing):
        Store(typo, read_only=True)
    assert not typo.exists()


def test_the_dashboard_shows_a_plain_message_for_a_damaged_file_and_recovers_by_itself(
    demo_db_template, tmp_path, monkeypatch
):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    db = tmp_path / "kpi.duckdb"
    db.write_bytes(b"this is not a database" * 50)
    monkeypatch.setenv("KPI_DB", str(db))
    monkeypatch.chdir(ROOT)
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
        assert not at.exception
        shown = " ".join(e.value for e in at.error)
        assert "cannot be read" in shown and str(db) not in shown and "IO Error" not in shown
        shutil.copy(demo_db_template, db)  # the administrator restores the file
        at.run()
        assert not at.exception and not at.error
        assert (
            any(
                "st-key-tile-" in str(getattr(c, "key", "")) or "tile-" in str(getattr(c, "key", ""))
                for c in at.main.children.values()
            )
            or at.markdown
        )
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()
