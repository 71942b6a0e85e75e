"""The Compare page on a small hand-made DfE dataset: headline figures, the shareable link, the no-data message.

12 LAs in one region, England, two years of one "higher is better" measure. The home LA
(806) sits exactly on the median, so its quartile band tests LAIT's tie rule, and one of
its neighbours (812) is suppressed, so the neighbour average stands on 9 of 10.
"""

import csv

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.app.conftest import texts
from tests.conftest import ROOT

HOME, MEASURE = "806", "TEST_RWM"
LAS = {f"{800 + i}": f"Shire {chr(64 + i)}" for i in range(1, 13)}  # 801 Shire A … 812 Shire L
Y2024 = dict(zip(LAS, [50, 52, 54, 56, 58, 61, 62, 64, 66, 68, 70, "-"]))
Y2023 = dict(zip(LAS, [49, 50, 55, 55, 57, 58, 60, 63, 64, 66, 69, 40]))
ENGLAND, REGION = {"2023": 59, "2024": 60}, {"2023": 57, "2024": 59}
NEIGHBOURS = ["801", "802", "803", "804", "805", "807", "808", "809", "810", "812"]  # 812 has no 2024 value


def _write_lait(path):
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Short Desc", "Data item", "Years", "LA and Regions", "Values", "LA Number", "Region"])
        for year, values in (("2023", Y2023), ("2024", Y2024)):
            for code, name in LAS.items():
                w.writerow([MEASURE, "KS2 RWM test", year, name, values[code], f"{code}.0", "South East"])
            w.writerow([MEASURE, "KS2 RWM test", year, "South East", REGION[year], "989.0", "South East"])
            w.writerow([MEASURE, "KS2 RWM test", year, "England", ENGLAND[year], "970.0", "England"])


def _write_neighbours(path):
    """The layout of ../shared/data/dfe/sn_model_2025_wide.csv."""
    header = ["old_la_code", "la_name", "region_ind", "region_name"]
    for i in range(1, 11):
        header += [f"SN_{i}", f"SN_{i}P"]
    codes = list(LAS)
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow(header)
        for code, name in LAS.items():
            others = NEIGHBOURS if code == HOME else [c for c in codes if c != code][:10]
            row = [code, name, "8", "South East"]
            for n in others:
                row += [n, "Close "]
            w.writerow(row)


def _write_dictionary(path):
    with path.open("w", newline="", encoding="latin-1") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "Measure_short",
                "Measure",
                "Polarity",
                "dps",
                "Year_Type",
                "Description",
                "No_Quartile",
                "Topic",
                "y_axis_name",
            ]
        )
        w.writerow(
            [
                MEASURE,
                "Test: % reaching the expected standard in RWM",
                "High",
                "1",
                "Academic Year",
                "Hand-made for tests",
                "Y",
                "Key Stage 2",
                "% achieving expected level",
            ]
        )


@pytest.fixture
def dfe_db(demo_db, tmp_path):
    from kpi.dfe import import_dfe
    from kpi.store import Store

    lait, sn, dictionary = tmp_path / "lait.csv", tmp_path / "sn.csv", tmp_path / "dict.csv"
    _write_lait(lait)
    _write_neighbours(sn)
    _write_dictionary(dictionary)
    store = Store(demo_db)
    try:
        import_dfe(store, lait, sn, dictionary, home=HOME, user="test")
    finally:
        store.close()
    return demo_db


def _compare(db, monkeypatch, **params) -> AppTest:
    monkeypatch.setenv("KPI_DB", str(db))
    monkeypatch.chdir(ROOT)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/compare.py")
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


@pytest.fixture(autouse=True)
def _clear_caches():
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def _metrics(at) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.proto.delta) for m in at.metric}


def test_headline_figures_match_lait_rules(dfe_db, monkeypatch):
    at = _compare(dfe_db, monkeypatch, measure=MEASURE, year="2024", la=HOME)
    assert not at.exception
    m = _metrics(at)
    assert m["Shire F"][0] == "61.0%" and m["Shire F"][1] == "+3.0 pp"  # 58 -> 61
    assert m["Neighbour average"] == ("58.9%", "9 of 10 with data")  # 530 / 9, 812 suppressed
    assert m["South East"][0] == "59.0%" and m["England"][0] == "60.0%"
    assert m["National rank"] == ("6th", "of 11 LAs; 1st is best")
    # thresholds 55 / 61 / 65: 61 is on the median, so it joins the lower band, C
    assert m["Quartile band (A is best)"] == ("C", "above 55.0% up to 61.0%")
    assert m["Rank among neighbours"] == ("5th", "of 10, with Shire F")  # 68, 66, 64, 62 above; 812 has no data
    assert "Improving" in m["Direction of travel"][0]
    words = texts(at)
    assert "It ranks 6th of 11 LAs" in words and "quartile band C" in words
    assert "2.1 percentage points above the average of its statistical neighbours (58.9%, 9 with data)" in words
    assert "1.0 percentage points above England (60.0%)" in words
    assert "55.0%, 61.0%, 65.0%" in words  # the thresholds, in words
    assert len(at.get("vega_lite_chart")) == 3
    assert "neighbours: model from" in words  # the model named, from its file
    assert "Open Government Licence v3.0" in words and "National data:" in words  # the edition and attribution


def test_the_link_opens_the_view_and_choices_go_back_into_it(dfe_db, monkeypatch):
    at = _compare(dfe_db, monkeypatch, measure=MEASURE, year="2023", la="811")
    assert [s.value for s in at.selectbox] == [MEASURE, "2023", "811"]
    assert _metrics(at)["Shire K"][0] == "69.0%"
    at.selectbox[1].select("2024").run()
    assert {k: at.query_params[k] for k in ("measure", "year", "la")} == {
        "measure": MEASURE,
        "year": "2024",
        "la": "811",
    }
    assert _metrics(at)["Shire K"][0] == "70.0%"
    at.selectbox[2].select(HOME).run()
    assert at.query_params["la"] == HOME and _metrics(at)["Shire F"][0] == "61.0%"


def test_a_bare_link_is_filled_in_with_the_defaults(dfe_db, monkeypatch):
    at = _compare(dfe_db, monkeypatch)
    assert {k: at.query_params[k] for k in ("measure", "year", "la")} == {
        "measure": MEASURE,
        "year": "2024",
        "la": HOME,
    }


def test_an_unknown_la_in_the_link_is_named_and_the_home_la_shown(dfe_db, monkeypatch):
    at = _compare(dfe_db, monkeypatch, measure=MEASURE, year="2024", la="999")
    assert any("999" in w.value for w in at.warning)
    assert at.query_params["la"] == HOME and "Shire F" in _metrics(at)


def test_tables_offer_csv_and_excel(dfe_db, monkeypatch):
    at = _compare(dfe_db, monkeypatch, measure=MEASURE, year="2024", la=HOME)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels.count("Download CSV") == 3 and labels.count("Download Excel") == 3
    neighbours = at.dataframe[0].value
    assert list(neighbours["Area"][:1]) == ["Shire J"]  # 68, best neighbour first
    assert "Neighbour average (9 with data)" in set(neighbours["Area"])


def test_without_dfe_data_the_page_says_how_to_import_it(demo_db, monkeypatch, tmp_path):
    """Only where the project ships no national snapshot (data/dfe/) and none was imported."""
    from kpi import national_data
    from kpi.store import Store

    monkeypatch.setattr(national_data, "SNAPSHOT_DIR", tmp_path / "no-snapshot")
    store = Store(demo_db)
    with store.transaction() as cur:
        for table in ("dfe_values", "dfe_years", "dfe_measures"):
            cur.execute(f"DELETE FROM {table}")
    store.close()
    at = _compare(demo_db, monkeypatch)
    assert not at.exception
    words = texts(at)
    assert "No DfE data has been imported yet" in words and "Import DfE data" in words
    assert any("python -m kpi import-dfe" in c.value for c in at.code)
    assert not at.metric
