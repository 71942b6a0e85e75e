"""The forecasts tested on DfE's real national series: the 80% intervals must cover 75-85% of what came,
at every horizon, and miss by less than carrying the latest figure forward."""

import json

import duckdb
import pytest

from kpi.backtest import backtest, calibrate, cases, errors, national_panel
from kpi.commands import main
from kpi.dfe import import_dfe
from kpi.forecast import DEFAULT_CALIBRATION
from kpi.store import Store
from tests.conftest import DFE

LAIT = DFE / "lait" / "bds_long_0.parquet"
pytestmark = pytest.mark.skipif(not LAIT.exists(), reason="DfE data is not at ../shared/data/dfe")


def _import(path, lait=LAIT):
    store = Store(path)
    import_dfe(store, lait, DFE / "lait" / "sn_may_2025.xlsx", DFE / "lait" / "lait_data_dictionary.csv", home="886")
    return store


@pytest.fixture(scope="module")
def national_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("dfe") / "dfe.duckdb"
    _import(path).close()
    return path


@pytest.fixture
def national(national_db):
    store = Store(national_db, read_only=True)
    yield store
    store.close()


def test_backtest_meets_the_bar_at_every_horizon(national):
    result = backtest(national)
    assert [h["horizon"] for h in result["horizons"]] == [1, 2, 3]
    for h in result["horizons"]:
        assert h["cases"] > 10_000
        assert 0.75 <= h["coverage_80"] <= 0.85, h
        assert h["mae"] < h["naive_mae"], h
        assert h["mae_pp"] < h["naive_mae_pp"], h
    assert result["accepted"] is True
    assert {t["topic"] for t in result["by_topic"]} >= {"Key Stage 2", "Key Stage 4"}
    assert all(s["count"] >= 0 and s["reason"] for s in result["skipped"])


def test_the_recorded_default_is_what_the_national_data_gives(national):
    """DEFAULT_CALIBRATION (for stores without national data) must stay the figures this data produces."""
    panel = national_panel(national)
    found = calibrate(panel, errors(panel, cases(panel)))
    assert found.default[0] == DEFAULT_CALIBRATION.default[0]
    for h, m in DEFAULT_CALIBRATION.default[1].items():
        assert found.default[1][h] == pytest.approx(m, abs=0.05)


def test_backtest_command_small_sample_json_shape(national_db, capsys):
    assert main(["backtest", "--db", str(national_db), "--sample", "12", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result["horizons"][0]) >= {"horizon", "cases", "coverage_80", "mae", "naive_mae"}
    assert "by_topic" in result and "skipped" in result


def test_forecast_works_on_whatever_history_the_store_holds(tmp_path, capsys):
    """Cut the national file at 2019: the forecast of 2022 onwards comes from 2016-2019 alone."""
    cut = tmp_path / "cut.parquet"
    duckdb.sql(
        f"COPY (SELECT * FROM read_parquet('{LAIT}') WHERE try_cast(left(\"Years\", 4) AS INTEGER) <= 2019) "
        f"TO '{cut}' (FORMAT parquet)"
    )
    store = _import(tmp_path / "cut.duckdb", lait=cut)
    store.close()
    assert (
        main(
            [
                "forecast",
                "--db",
                str(tmp_path / "cut.duckdb"),
                "--measure",
                "KS2RWM_Expected_STD",
                "--la",
                "886",
                "--to",
                "2022",
                "--json",
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert [r["period"] for r in rows] == ["2020", "2021", "2022"]
    assert all(r["lower"] < r["value"] < r["upper"] for r in rows)
