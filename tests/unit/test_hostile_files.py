"""Hostile and broken files: a plain message within seconds, bounded memory, exit 2, nothing written."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from kpi.commands import main
from kpi.demo import build_demo
from kpi.returns import MAX_UPLOAD_BYTES, ReturnRejected, guard, load_return, workbook_sheets
from kpi.store import Store
from tests.fixtures import build_fixtures as bf


@pytest.fixture
def db(tmp_path):
    store = Store(tmp_path / "t.duckdb")
    build_demo(store)
    store.close()
    return tmp_path / "t.duckdb"


CASES = [
    ("csv", bf.csv_renamed, "CSV"),
    ("xls", bf.old_xls, "97-2003 (.xls)"),
    ("encrypted", bf.encrypted, "password-protected"),
    ("empty", bf.empty_workbook, "empty"),
    ("oversized", lambda folder: bf.oversized(folder, MAX_UPLOAD_BYTES), "limit"),
    ("bomb", lambda folder: bf.zip_bomb(folder, 300 * 1024**2), "zip bomb"),
    ("lying-bomb", lambda folder: bf.zip_bomb(folder, 300 * 1024**2, lie=True), "zip bomb"),
]


@pytest.mark.parametrize("make,words", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_cli_refuses_plainly_quickly_and_writes_nothing(db, tmp_path, capsys, make, words):
    path = make(tmp_path)
    store = Store(db)
    version, uploads = store.data_version(), store.scalar("SELECT count(*) FROM uploads")
    store.close()
    start = time.monotonic()
    assert main(["load", str(path), "--db", str(db)]) == 2
    assert time.monotonic() - start < 5
    out = capsys.readouterr().out
    assert out.startswith(f"{path.name}: ") and words in out and "Traceback" not in out
    store = Store(db)
    assert (store.data_version(), store.scalar("SELECT count(*) FROM uploads")) == (version, uploads)


def test_zip_bomb_is_refused_with_bounded_memory(tmp_path):
    data = bf.zip_bomb(tmp_path, 300 * 1024**2, lie=True).read_bytes()
    tracemalloc.start()
    with pytest.raises(ReturnRejected, match="zip bomb"):
        workbook_sheets(data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 64 * 1024**2, f"peak {peak / 1024**2:.0f} MB"


def test_declared_sizes_are_checked_before_inflating(tmp_path, monkeypatch):
    data = bf.zip_bomb(tmp_path, 300 * 1024**2).read_bytes()
    monkeypatch.setattr(guard, "_inflate_all", lambda *a: pytest.fail("inflated a declared bomb"))
    with pytest.raises(ReturnRejected, match="zip bomb"):
        guard.check_upload(data)


def test_compression_ratio_alone_is_refused(tmp_path):
    data = bf.zip_bomb(tmp_path, 50 * 1024**2).read_bytes()  # under the total cap, but 1000:1
    with pytest.raises(ReturnRejected, match="zip bomb"):
        guard.check_upload(data)


def test_a_zip_that_is_not_a_workbook(tmp_path):
    with pytest.raises(ReturnRejected, match="zip file but not an Excel workbook"):
        workbook_sheets(bf.zipped({"readme.txt": b"hello"}))


def test_damaged_sheet_xml_is_a_plain_message(tmp_path):
    good = bf.bytes_of(bf.tidy_workbook(tmp_path, [("KS4-5AC-EM", 2013, "actual", 61)]))
    import io
    import zipfile

    members = {}
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        for name in z.namelist():
            members[name] = z.read(name)
    members["xl/worksheets/sheet1.xml"] = members["xl/worksheets/sheet1.xml"][:200]
    with pytest.raises(ReturnRejected):
        workbook_sheets(bf.zipped(members))


def test_upload_page_api_returns_the_problem_not_an_exception(db, tmp_path):
    store = Store(db)
    result = load_return(store, bf.bytes_of(bf.encrypted(tmp_path)), "locked.xlsx", user="o")
    assert not result.ok and result.problems[0].where == "locked.xlsx"
    assert "password" in result.problems[0].message
