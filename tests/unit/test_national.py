"""kpi.national against kpi.benchmark on the built-in data: the profile, regional, all-LA and custom views."""

import pytest

from kpi import national
from kpi.benchmark import benchmark
from kpi.model import is_missing


def _same(a, b) -> bool:
    if is_missing(a) or is_missing(b):
        return is_missing(a) and is_missing(b)
    return a == pytest.approx(b)


def _rows(store, la, choice=None):
    choice = national.profile_choice(store) if choice is None else choice
    figures = national.profile_figures(store, la, choice["measure"])
    return national.profile_rows(
        figures, choice, national.measures(store), model_name="May 2025 model", names=national.area_names(store)
    )


def test_the_default_profile_names_real_measures_for_every_topic(store):
    choice = national.profile_choice(store)
    assert len(choice) == sum(len(group) for _, group in national.PROFILE_DEFAULT)  # every default is in DfE's data
    assert list(dict.fromkeys(choice["topic"])) == [topic for topic, _ in national.PROFILE_DEFAULT]


@pytest.mark.parametrize("la", ["886", "840", "202"])
def test_profile_figures_agree_with_the_benchmark_for_any_authority(store, la):
    rows = _rows(store, la)
    for row in rows.to_dict("records"):
        expected = benchmark(store, row["measure"], row["period"], la)
        for mine, theirs in (
            ("actual", "value"),
            ("rank", "rank"),
            ("rank_of", "rank_of"),
            ("quartile", "quartile"),
            ("sn_average", "sn_average"),
            ("sn_rank", "sn_rank"),
            ("national", "england"),
            ("change", "change"),
            ("direction", "direction"),
            ("region", "region"),
        ):
            assert _same(row[mine], expected[theirs]), (row["measure"], mine, row[mine], expected[theirs])


def test_targets_are_rated_by_position_and_a_council_can_change_them(store):
    with pytest.raises(national.NationalError, match="not a target by position"):
        national.set_profile_targets(store, {"KS2RWM_Expected_STD": "better"}, "officer")
    assert national.set_profile_targets(store, {"KS2RWM_Expected_STD": "top quartile"}, "officer") == 1
    choice = national.profile_choice(store)
    assert dict(zip(choice["measure"], choice["target_text"]))["KS2RWM_Expected_STD"] == "quartile A"
    row = _rows(store, "886", choice).set_index("measure").loc["KS2RWM_Expected_STD"]
    band = row["quartile"]
    assert row["rag"] == {"A": "green", "B": "amber"}.get(band, "red")
    assert "profile-targets" in store.cursor().execute("SELECT string_agg(action) FROM audit_log").fetchone()[0]


def test_resolve_la_by_code_or_name_and_plain_fallback(store):
    las = national.las(store)
    assert len(las) == 153
    assert national.resolve_la(las, "886", "840") == ("886", None)
    assert national.resolve_la(las, "kent", "840") == ("886", None)
    code, warning = national.resolve_la(las, "Atlantis", "840")
    assert code == "840" and "Atlantis" in warning


def test_all_las_table_ranks_and_changes(store):
    frame = national.values(store, ["KS2RWM_Expected_STD"])
    table = national.all_las_table(frame, national.las(store))
    latest = table.attrs["latest"]
    kent = table.set_index("Area code").loc["886"]
    expected = benchmark(store, "KS2RWM_Expected_STD", latest, "886")
    assert kent[f"Rank {latest}"] == expected["rank"]
    assert kent[f"Change {table.attrs['previous']} to {latest}"] == expected["change"]
    assert table[f"Rank {latest}"].dropna().is_monotonic_increasing


def test_custom_table_presets_and_year_range(store):
    las = national.las(store)
    groups = national.neighbours(store)
    mine = national.preset_areas("neighbours", "886", las, groups)
    assert mine[0] == "886" and len(mine) == 11
    region = national.preset_areas("region", "886", las, groups)
    assert "886" in region and len(region) == 19  # the South East's LAs
    frame = national.values(store, ["KS2RWM_Expected_STD", "AVG_Attain8_Score"])
    long = national.custom_table(frame, mine, 2022, 2024)
    assert set(long["Measure"]) == {"KS2RWM_Expected_STD", "AVG_Attain8_Score"}
    assert set(long["Year"]) == {"2022", "2023", "2024"} and "England" in set(long["Area"])
    wide = national.custom_wide(long)
    assert list(wide.columns[-3:]) == ["2022", "2023", "2024"] and len(wide) == 2 * 12
