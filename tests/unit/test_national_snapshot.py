"""The built-in national snapshot (data/dfe/): what a new database holds with nothing imported by hand."""

import json

from kpi.benchmark import benchmark
from kpi.demo import build_demo_if_empty
from kpi.national_data import MODELS, SNAPSHOT, SNAPSHOT_DIR, has_national_data
from kpi.store import ROOT, Store
from tests.conftest import tidy_workbook


def test_the_snapshot_is_small_attributed_and_names_its_edition():
    manifest = json.loads((SNAPSHOT_DIR / "edition.json").read_text())
    assert manifest["licence"] == "Open Government Licence v3.0"
    assert "May 2025 model" in manifest["edition"] and "April 2021 model" in manifest["edition"]
    size = sum((SNAPSHOT_DIR / name).stat().st_size for name in SNAPSHOT.values())
    assert 500_000 < size < 3_000_000
    readme = (ROOT / "data" / "README.md").read_text()
    assert "Open Government Licence v3.0" in readme and "May 2025" in readme


def test_the_demo_has_every_las_figures_and_both_neighbour_models(store):
    assert store.scalar("SELECT count(*) FROM dfe_measures") == 434
    held = dict(
        store.cursor().execute("SELECT model, count(DISTINCT area_code) FROM area_neighbours GROUP BY model").fetchall()
    )
    assert set(held) == set(MODELS) and min(held.values()) >= 153
    assert store.scalar("SELECT origin FROM dfe_editions") == "built-in snapshot"
    assert store.home_area() == "886"
    kent = benchmark(store, "KS2RWM_Expected_STD", "2024", "886")
    assert kent["value"] == 62.0 and kent["sn_n"] == 10 and kent["rank_of"] > 140 and kent["quartile"] in "ABCD"
    durham = benchmark(store, "KS2RWM_Expected_STD", "2024", "840")  # any authority, not only home
    assert durham["value"] is not None and durham["rank"] is not None


def test_a_councils_own_database_gets_national_data_on_first_start_and_keeps_its_home(tmp_path):
    from kpi.returns import load_return

    store = Store(tmp_path / "council.duckdb")
    with store.transaction() as cur:
        cur.execute("UPDATE meta SET value = '823' WHERE key = 'home_area'")
    book = tidy_workbook(
        [["OWN-1", "2024", "actual", 61.5]], [["OWN-1", "Our own measure", "Attainment", "higher", "%", "annual"]]
    )
    assert load_return(store, book, "own.xlsx", user="officer").ok
    assert not has_national_data(store)
    assert build_demo_if_empty(store) is False  # its own plan: no demo ...
    assert has_national_data(store)  # ... but the national data is there
    assert store.home_area() == "823"
    assert store.scalar("SELECT count(*) FROM indicators") == 1
    store.close()
