"""import-dfe against DfE's real files, read in place; figures cross-checked with pandas."""

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from kpi.benchmark import benchmark, benchmark_frame, distribution
from kpi.dfe import import_dfe, import_summary
from kpi.store import Store

DFE = Path(__file__).resolve().parents[2].parent / "shared/data/dfe"
LAIT = DFE / "lait/bds_long_0.parquet"
SN = DFE / "lait/sn_may_2025.xlsx"
DICTIONARY = DFE / "lait/lait_data_dictionary.csv"
LAS = DFE / "geography/las.csv"

pytestmark = pytest.mark.skipif(
    not all(p.is_file() for p in (LAIT, SN, DICTIONARY)), reason=f"DfE's data is not beside the project ({DFE})"
)

MEASURE, YEAR, KENT = "KS2RWM_Expected_STD", "2023", "886"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("dfe") / "t.duckdb")
    store.first = import_dfe(store, LAIT, SN, DICTIONARY, home=KENT, user="test", las_path=LAS)
    yield store
    store.close()


def _counts(store):
    return (
        store.cursor()
        .execute(
            "SELECT (SELECT count(*) FROM dfe_values), (SELECT count(value) FROM dfe_values), "
            "(SELECT bit_xor(hash(measure, period_key, area_code, value)) FROM dfe_values), "
            "(SELECT count(*) FROM dfe_measures), "
            "(SELECT count(*) FROM dfe_years), (SELECT count(*) FROM areas), "
            "(SELECT count(*) FROM area_neighbours), (SELECT count(*) FROM periods)"
        )
        .fetchone()
    )


@pytest.fixture(scope="module")
def lait():
    df = pd.read_parquet(LAIT)
    df["value"] = pd.to_numeric(df["Values"], errors="coerce")
    df["code"] = df["LA Number"].astype(int).astype(str)
    return df


def test_running_twice_gives_the_same_result(store):
    before = _counts(store)
    again = import_dfe(store, LAIT, SN, DICTIONARY, home=KENT, user="test", las_path=LAS)
    assert _counts(store) == before
    same = lambda s: {k: v for k, v in s.items() if k not in ("seconds", "changes")}  # noqa: E731
    assert same(again) == same(store.first)
    assert again["changes"] == {"first_load": False, "new_measures": [], "removed_measures": [], "new_years": {}}


def test_summary_and_areas(store, lait):
    s = store.first
    assert s["measures"] == lait["Short Desc"].nunique() == 434
    assert s["values"] + s["skipped_rows"] + s["empty_rows"] == len(lait)
    # CINPermExclusion's year "0" is a label with no figures (LAIT shows it as an empty column): nothing skipped.
    assert (s["skipped_rows"], s["skipped_labels"]) == (0, [])
    assert (s["empty_rows"], s["empty_labels"]) == (170, ["0"])
    words = import_summary(s)
    assert "Skipped" not in words and '170 rows under the year label "0" hold no figures' in words
    assert (s["las"], s["regions"], s["england"]) == (158, 11, 1)
    assert store.meta("home_area") == KENT
    kent = (
        store.cursor().execute("SELECT name, kind, ons_code, region_code FROM areas WHERE area_code = '886'").fetchone()
    )
    assert kent == ("Kent", "la", "E10000016", "989")
    inner = store.cursor().execute("SELECT region_code FROM areas WHERE area_code = '201'").fetchone()
    assert inner == ("987",)  # "Inner London" -> London (Inner)


def test_kent_has_ten_neighbours(store):
    rows = (
        store.cursor()
        .execute("SELECT position, neighbour_code FROM area_neighbours WHERE area_code = '886' ORDER BY position")
        .fetchall()
    )
    assert [p for p, _ in rows] == list(range(1, 11))
    assert {"881", "845"} <= {n for _, n in rows}  # Essex, East Sussex


def test_benchmark_matches_an_independent_pandas_computation(store, lait):
    sn = pd.read_excel(SN, header=2)
    row = sn[sn["LA num"] == 886].iloc[0]
    neighbours = [str(int(row[f"SN{i}"])) for i in range(1, 11)]
    year = lait[(lait["Short Desc"] == MEASURE) & (lait["Years"] == YEAR)].set_index("code")["value"]
    las = year[~year.index.isin(["970"] + [str(c) for c in range(980, 991)])].dropna()

    got = benchmark(store, MEASURE, YEAR, KENT)
    assert got["value"] == year["886"]
    assert got["sn_average"] == pytest.approx(year.reindex(neighbours).mean())  # pandas skips NaN
    assert got["sn_n"] == year.reindex(neighbours).notna().sum()
    assert got["sn_median"] == pytest.approx(year.reindex(neighbours).median())
    assert got["england"] == year["970"] and got["region"] == year["989"]
    assert got["rank"] == las.rank(method="min", ascending=False)["886"]  # higher is better
    assert got["rank_of"] == len(las)
    assert got["quartile_thresholds"] == pytest.approx(list(np.quantile(las, [0.25, 0.5, 0.75])))
    assert got["quartile"] == "C"
    group = las.reindex(neighbours + ["886"]).dropna()
    assert (got["sn_rank"], got["sn_rank_of"]) == (group.rank(method="min", ascending=False)["886"], len(group))
    previous = lait[(lait["Short Desc"] == MEASURE) & (lait["Years"] == "2022") & (lait["code"] == "886")][
        "value"
    ].iloc[0]
    assert got["change"] == pytest.approx(year["886"] - previous)
    assert set(got) >= {
        "value",
        "sn_average",
        "sn_n",
        "sn_median",
        "region",
        "england",
        "rank",
        "rank_of",
        "quartile",
        "quartile_thresholds",
        "sn_rank",
        "sn_rank_of",
        "change",
        "direction",
    }


def test_lower_is_better_rank_and_no_polarity_note(store, lait):
    got = benchmark(store, "CINPermExclusion", "2024", KENT)
    year = lait[(lait["Short Desc"] == "CINPermExclusion") & (lait["Years"] == "2024")].set_index("code")["value"]
    las = year[~year.index.isin(["970"] + [str(c) for c in range(980, 991)])].dropna()
    assert got["rank"] == las.rank(method="min")["886"] and got["polarity"] == "lower"
    assert got["quartile"] is None and "no quartile" in got["note"]  # No_Quartile = N
    none = benchmark(store, "Social_Work_Starters", "2023", KENT)
    assert none["rank"] is None and none["quartile"] is None
    assert none["note"] == "This measure has no polarity, so it has no rank or quartile."


def test_trend_and_distribution_for_the_compare_page(store):
    frame = benchmark_frame(store, MEASURE, KENT)
    assert frame["label"].tolist()[-1] == "2025" and frame["end_date"].is_monotonic_increasing
    latest = frame[frame["label"] == YEAR].iloc[0]
    got = benchmark(store, MEASURE, YEAR, KENT)
    assert latest["sn_average"] == pytest.approx(got["sn_average"]) and latest["england"] == got["england"]
    dist = distribution(store, MEASURE, YEAR, KENT)
    assert dist["is_la"].sum() == 1 and dist["is_neighbour"].sum() == 10
    assert dist.loc[dist["is_la"], "quartile"].iloc[0] == got["quartile"]
    assert dist.attrs["quartile_thresholds"] == got["quartile_thresholds"]


def test_csv_form_imports_the_same_values(store, tmp_path):
    csv = tmp_path / "bds_long_0.csv"
    duckdb.execute(f"COPY (SELECT * FROM read_parquet('{LAIT}')) TO '{csv}' (HEADER)")
    other = Store(tmp_path / "csv.duckdb")
    import_dfe(other, csv, DFE / "sn_model_2025_wide.csv", DICTIONARY, home=KENT, user="test")
    assert benchmark(other, MEASURE, YEAR, KENT) == benchmark(store, MEASURE, YEAR, KENT)
    assert _counts(other)[:5] == _counts(store)[:5]
    other.close()
