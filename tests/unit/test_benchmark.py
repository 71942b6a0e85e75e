"""LAIT's figures on small hand-made DfE-shaped files: computed once (sql/queries/dfe_figures.sql) and the
same from every reader: the command line's `benchmark`, the Indicator page's series and the Compare page.

Eight LAs with two ties (802 = 803 = 70, 805 = 806 = 50), one suppressed ("-") and one "x"; 804 is the
home authority, in Inner London, whose neighbours are 801, 805 and 807. Figures worked by hand:
ranks (higher is better) 1, 2, 2, 4, 5, 5 of 6; quartile thresholds of [50, 50, 60, 70, 70, 80] by numpy's
linear rule: 52.5, 65, 70; 60 is in band C (B when lower is better); neighbour mean (80 + 50) / 2 = 65 from 2
with data; 804 is 2nd of 3 with its neighbours; Inner London has no 2023 figure, so the region is London.
"""

from __future__ import annotations

import csv

import pytest

from kpi import figures
from kpi.benchmark import benchmark, benchmark_frame, distribution
from kpi.dfe import import_dfe
from kpi.returns import load_return
from kpi.store import Store
from tests.conftest import tidy_workbook

AREAS = {
    "801": "Ashdown",
    "802": "Bramley",
    "803": "Chalk",
    "804": "Dunmore",
    "805": "Elmore",
    "806": "Fenby",
    "807": "Greyling",
    "808": "Hollins",
}
REGION = {
    **{c: "Inner London" for c in ("801", "802", "803", "804")},
    **{c: "South East" for c in ("805", "806", "807", "808")},
}
Y2023 = {
    "801": "80",
    "802": "70",
    "803": "70",
    "804": "60",
    "805": "50",
    "806": "50",
    "807": "-",
    "808": "x",
    "970": "62",
    "986": "75",
    "987": "-",
    "988": "74",
    "989": "55",
}
Y2022 = {
    "801": "78",
    "802": "71",
    "803": "69",
    "804": "55",
    "805": "52",
    "806": "49",
    "807": "40",
    "808": "45",
    "970": "60",
    "986": "73",
    "987": "72",
    "988": "71",
    "989": "54",
}
REGIONS = {"970": "England", "986": "London", "987": "London (Inner)", "988": "London (Outer)", "989": "South East"}


@pytest.fixture(scope="module")
def dfe_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dfe")
    with (folder / "lait.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Short Desc", "Data item", "Years", "LA and Regions", "Values", "LA Number", "Region"])
        for measure in ("UP", "DOWN", "FLAT"):
            for year, values in (("2022", Y2022), ("2023", Y2023)):
                for code, value in values.items():
                    w.writerow(
                        [measure, measure, year, AREAS.get(code) or REGIONS[code], value, code, REGION.get(code, "NA")]
                    )
    with (folder / "sn.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["LA num", "LA Name", "SN1", "SN1P", "SN2", "SN2P", "SN3", "SN3P"])
        w.writerow(["804", "Dunmore", "801", "Extremely close", "805", "Very close", "807", "Close"])
        w.writerow(["801", "Ashdown", "802", "Close", "803", "Close", "804", "Close"])
    with (folder / "dict.csv").open("w", newline="") as f:
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
        # UP is listed twice, as DfE's dictionary lists two measures: the flag travels with its own row
        w.writerow(["UP", "Pupils reaching the standard", "High", "1", "Academic Year", "", "NA", "KS2", "%"])
        w.writerow(["UP", "Pupils reaching the standard (CIN)", "High", "1", "Academic Year", "", "N", "CIN", "%"])
        w.writerow(["DOWN", "Pupils absent", "Low", "1", "Academic Year", "", "NA", "Absence", "%"])
        w.writerow(["FLAT", "Pupils on roll", "-", "0", "Academic Year", "", "NA", "Pupils", "%"])
    store = Store(folder / "kpi.duckdb")
    import_dfe(store, folder / "lait.csv", folder / "sn.csv", folder / "dict.csv", home="804")
    indicators = [("UP-IND", "Pupils reaching the standard", "Attainment", "higher", "%", "academic year")]
    data = tidy_workbook([["UP-IND", "2023", "target", 65]], indicators=indicators)
    result = load_return(store, data, "r.xlsx", user="t")
    assert result.ok, result.problems
    store.cursor().execute("UPDATE indicators SET dfe_measure = 'UP' WHERE code = 'UP-IND'")
    yield store
    store.close()


EXPECTED = {
    "value": 60.0,
    "rank": 4,
    "rank_of": 6,
    "quartile": "C",
    "quartile_thresholds": [52.5, 65.0, 70.0],
    "sn_average": 65.0,
    "sn_n": 2,
    "sn_median": 65.0,
    "sn_rank": 2,
    "sn_rank_of": 3,
    "england": 62.0,
    "region": 75.0,
}


def test_the_command_lines_figures_are_lait_s(dfe_store):
    got = benchmark(dfe_store, "UP", "2023", "804")
    assert {k: got[k] for k in EXPECTED} == EXPECTED
    assert got["region_code"] == "986"  # Inner London has no 2023 figure: London
    assert (got["change"], got["direction"]) == (5.0, "improving")
    # as LAIT: the latest year decides, so the whole series uses London (73 in 2022, not Inner London's 72)
    assert benchmark(dfe_store, "UP", "2022", "804")["region"] == 73.0
    assert benchmark(dfe_store, "UP", "2023", "805")["region"] == 55.0  # outside London: its own region


def test_lower_is_better_and_no_polarity(dfe_store):
    down = benchmark(dfe_store, "DOWN", "2023", "804")
    assert (down["rank"], down["quartile"], down["sn_rank"]) == (3, "B", 2)
    flat = benchmark(dfe_store, "FLAT", "2023", "804")
    assert (flat["rank"], flat["quartile"], flat["sn_rank"], flat["quartile_thresholds"]) == (None, None, None, None)
    assert flat["sn_average"] == 65.0 and "no polarity" in flat["note"]


def test_ties_share_the_lowest_rank_and_suppressed_values_are_unranked(dfe_store):
    spread = distribution(dfe_store, "UP", "2023", "804").set_index("area_code")
    assert spread.loc[["801", "802", "803", "804", "805", "806"], "rank"].tolist() == [1, 2, 2, 4, 5, 5]
    assert spread.loc[["801", "804", "805"], "quartile"].tolist() == ["A", "C", "D"]
    assert spread.loc[["807", "808"], "rank"].isna().all() and spread.loc["807", "is_neighbour"]


def test_every_reader_gives_the_same_figure(dfe_store):
    cli = benchmark(dfe_store, "UP", "2023", "804")
    spread = distribution(dfe_store, "UP", "2023", "804")  # the Compare page's table and chart
    mine = spread[spread["is_la"]].iloc[0]
    assert (int(mine["rank"]), mine["quartile"]) == (cli["rank"], cli["quartile"])
    assert spread.attrs["quartile_thresholds"] == cli["quartile_thresholds"]
    trend = benchmark_frame(dfe_store, "UP", "804").set_index("label")  # the Compare page's trend
    assert (trend.loc["2023", "sn_average"], trend.loc["2023", "region"]) == (cli["sn_average"], cli["region"])
    series = figures.all_series(dfe_store)  # the Indicator page and tiles
    row = series[(series["code"] == "UP-IND") & series["period_key"].str.endswith("2023-08-31")].iloc[0]
    assert (row["actual"], row["rank"], row["rank_of"], row["quartile"]) == (60.0, 4, 6, "C")
    assert (row["sn_average"], row["sn_rank"], row["sn_rank_of"], row["national"]) == (65.0, 2, 3, 62.0)
    assert list(row["quartile_thresholds"]) == cli["quartile_thresholds"]
    assert row["region"] == cli["region"]


def test_the_compare_page_shows_the_same_figures(dfe_store, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    monkeypatch.setenv("KPI_DB", str(dfe_store.path))
    monkeypatch.chdir(ROOT)
    st.cache_data.clear()
    st.cache_resource.clear()
    dfe_store.close()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.switch_page("pages/compare.py")
        at.query_params.update({"measure": "UP", "year": "2023", "la": "804"})
        at.run()
        assert not at.exception
        shown = {m.label: m.value for m in at.metric}
        assert shown["National rank"] == "4th" and shown["Quartile band (A is best)"] == "C"
        assert shown["Rank among neighbours"] == "2nd" and shown["London"] == "75.0%"
        assert shown["Neighbour average"] == "65.0%"
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()
