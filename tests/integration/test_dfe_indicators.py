"""An indicator that names a DfE measure shows the national figures with nothing retyped."""

import pytest

from kpi import benchmark, figures
from kpi.dfe import import_dfe
from tests.conftest import DFE

pytestmark = pytest.mark.skipif(
    not (DFE / "lait" / "bds_long_0.parquet").exists(), reason="DfE data is not at ../shared/data/dfe"
)


def test_linked_indicator_gets_actuals_neighbours_rank_and_quartile_rating(demo_store):
    import_dfe(
        demo_store,
        DFE / "lait" / "bds_long_0.parquet",
        DFE / "lait" / "sn_may_2025.xlsx",
        DFE / "lait" / "lait_data_dictionary.csv",
        home="886",
    )
    series = figures.all_series(demo_store)
    ks2 = series[series["code"] == "CB-KS2-RWM"].set_index("period")
    for year in ("2016", "2017", "2018", "2023"):
        expected = benchmark.benchmark(demo_store, "KS2RWM_Expected_STD", year, "823")
        row = ks2.loc[year]
        assert row["actual"] == expected["value"]
        assert row["sn_average"] == pytest.approx(expected["sn_average"])
        assert row["national"] == expected["england"]
        assert (row["rank"], row["rank_of"]) == (expected["rank"], expected["rank_of"])
        assert (row["sn_rank"], row["sn_rank_of"]) == (expected["sn_rank"], expected["sn_rank_of"])
        assert row["quartile"] == expected["quartile"]
    # Seed 003's targets by position: 3rd quartile by 2016, 2nd by 2017, top by 2018.
    for year, target in (("2016", "C"), ("2017", "B"), ("2018", "A")):
        band = ks2.loc[year, "quartile"]
        short = "ABCD".index(band) - "ABCD".index(target)
        assert ks2.loc[year, "rag"] == ("green" if short <= 0 else "amber" if short == 1 else "red")
    # Kent's own return figures are untouched by the national data.
    kent = {r["code"]: r for r in figures.status(demo_store)}["KS2-L4-EM"]
    assert (kent["actual"], kent["sn_average"]) == (77.5, 78.7)


def test_summary_sentence_names_the_rank_and_quartile(demo_store):
    from kpi.summary import sentence

    import_dfe(
        demo_store,
        DFE / "lait" / "bds_long_0.parquet",
        DFE / "lait" / "sn_may_2025.xlsx",
        DFE / "lait" / "lait_data_dictionary.csv",
        home="886",
    )
    series = figures.all_series(demo_store)
    row = series[(series["code"] == "CB-KS2-RWM") & (series["period"] == "2023")].iloc[0]
    expected = benchmark.benchmark(demo_store, "KS2RWM_Expected_STD", "2023", "823")
    assert f"ranked {expected['rank']} of {expected['rank_of']} LAs (quartile {expected['quartile']}" in sentence(row)
