"""update-data against DfE's official files: from a folder, and downloaded from a local web server.

The server is Python's http.server on 127.0.0.1 in a thread, serving ../shared/data/dfe/lait as
DfE publishes the files. The database starts from an older edition (one measure and one year
taken out of LAIT's file) and holds a council's own data, so the test sees the refresh name what
is new and keep what the council loaded.
"""

import functools
import http.server
import threading

import duckdb
import pytest

from kpi.commands import main
from kpi.dfe import import_dfe
from kpi.national_data import OFFICIAL, UpdateError, update_data
from kpi.store import Store
from tests.conftest import DFE, tidy_workbook

LAIT_DIR = DFE / "lait"
pytestmark = pytest.mark.skipif(
    not all((LAIT_DIR / n).is_file() for n in OFFICIAL.values()),
    reason=f"DfE's official files are not beside the project ({LAIT_DIR})",
)
DROPPED_MEASURE, CUT_MEASURE, CUT_YEAR = "Multiplication_Total", "KS2RWM_Expected_STD", "2025"


@pytest.fixture(scope="module")
def server():
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(LAIT_DIR))
    handler.log_message = lambda *a, **k: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def older_edition(tmp_path):
    """A council's database on an older edition: one measure missing, another without its latest year."""
    older = tmp_path / "older.parquet"
    duckdb.execute(
        f"COPY (SELECT * FROM read_parquet('{LAIT_DIR / OFFICIAL['lait']}') WHERE \"Short Desc\" <> $d "
        f'AND NOT ("Short Desc" = $c AND "Years" = $y)) TO \'{older}\' (FORMAT parquet)',
        {"d": DROPPED_MEASURE, "c": CUT_MEASURE, "y": CUT_YEAR},
    )
    db = tmp_path / "council.duckdb"
    store = Store(db)
    import_dfe(store, older, LAIT_DIR / OFFICIAL["dfe_sn"], LAIT_DIR / OFFICIAL["dictionary"], home="823", user="t")
    store.close()
    (tmp_path / "return.xlsx").write_bytes(
        tidy_workbook(
            [["OWN-1", "2024", "actual", 61.5]], [["OWN-1", "Our own measure", "Attainment", "higher", "%", "annual"]]
        )
    )
    assert main(["load", str(tmp_path / "return.xlsx"), "--db", str(db)]) == 0
    return db


def _own(store):
    return (
        store.cursor()
        .execute(
            "SELECT (SELECT count(*) FROM observations WHERE indicator_code = 'OWN-1'), "
            "(SELECT value FROM meta WHERE key = 'home_area')"
        )
        .fetchone()
    )


def test_download_from_a_web_address_names_what_is_new_and_keeps_the_councils_data(server, older_edition, capsys):
    code = main(["update-data", "--db", str(older_edition), "--from", server])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"New measures (1): {DROPPED_MEASURE}" in out
    assert f"New years for {CUT_MEASURE}: {CUT_YEAR}" in out
    assert "home authority 823 kept" in out
    store = Store(older_edition)
    assert _own(store) == (1, "823")
    models = (
        store.cursor()
        .execute("SELECT model, count(DISTINCT area_code) FROM area_neighbours GROUP BY model ORDER BY model")
        .fetchall()
    )
    assert [m for m, _ in models] == ["dfe_sn", "dfe_sn_2021"] and all(n >= 150 for _, n in models)
    edition = (
        store.cursor().execute("SELECT origin, edition FROM dfe_editions ORDER BY edition_id DESC LIMIT 1").fetchone()
    )
    assert edition[0] == server and "May 2025 model" in edition[1]
    assert (
        store.scalar(
            "SELECT count(*) FROM dfe_years WHERE measure = $m AND label = $y", {"m": CUT_MEASURE, "y": CUT_YEAR}
        )
        == 1
    )
    store.close()


def test_from_a_folder_gives_the_same_figures_as_the_download(server, tmp_path):
    a, b = Store(tmp_path / "a.duckdb"), Store(tmp_path / "b.duckdb")
    update_data(a, server)
    update_data(b, str(LAIT_DIR))
    digest = "SELECT count(*), bit_xor(hash(measure, period_key, area_code, value)) FROM dfe_values"
    assert a.scalar(digest.replace("count(*), ", "")) == b.scalar(digest.replace("count(*), ", ""))
    assert a.scalar("SELECT count(*) FROM dfe_values") == b.scalar("SELECT count(*) FROM dfe_values") > 600_000


def test_a_missing_file_on_the_server_is_named_and_nothing_changes(server, older_edition):
    store = Store(older_edition)
    before = store.data_version()
    with pytest.raises(UpdateError, match="HTTP 404"):
        update_data(store, server + "nowhere/")
    assert store.data_version() == before and _own(store) == (1, "823")
    store.close()


def test_the_snapshot_holds_the_official_figures(tmp_path):
    """The built-in snapshot reads exactly as the official files do."""
    from kpi.national_data import load_snapshot

    a, b = Store(tmp_path / "a.duckdb"), Store(tmp_path / "b.duckdb")
    load_snapshot(a)
    update_data(b, str(LAIT_DIR))
    for sql in (
        "SELECT bit_xor(hash(measure, period_key, area_code, value)) FROM dfe_values",
        "SELECT bit_xor(hash(model, area_code, neighbour_code, position)) FROM area_neighbours",
        (
            "SELECT bit_xor(hash(measure, title, polarity, decimals, description, methodology, last_update)) "
            "FROM dfe_measures"
        ),
    ):
        assert a.scalar(sql) == b.scalar(sql)
