"""The national views on the built-in data: Regional, Statistical neighbours, All LAs, Create your own, Measures."""

import json

import pytest

from tests.app.conftest import texts


def _open(app, page, **params):
    app.switch_page(f"pages/{page}.py")
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def _frames(app):
    return [d.value for d in app.dataframe]


def _charts(app):
    return app.get("vega_lite_chart")


def _downloads(app):
    return [b.proto.label for b in app.get("download_button")]


def test_regional_lists_the_regions_las_and_every_region_against_england(app):
    at = _open(app, "regional", la="886", measure="KS2RWM_Expected_STD", year="2024")
    assert "South East: each LA in 2024" in texts(at)
    region, regions = _frames(at)[:2]
    assert "Kent" in set(region["Area"]) and {"South East", "England"} <= set(region["Area"])
    assert len(region) == 19 + 2
    assert region["National rank"].dropna().is_monotonic_increasing
    kent = region.set_index("Area").loc["Kent"]
    assert (kent["Value"], kent["National rank"]) == (62.0, 60)
    assert set(regions["Area"]) >= {"North East", "London", "South West", "England"} and "2016" in regions.columns
    assert {"Chart as SVG", "Chart as PNG", "Download CSV", "Download Excel"} <= set(_downloads(at))
    assert "Open Government Licence v3.0" in texts(at)


def test_neighbours_names_the_model_and_switches_it(app):
    at = _open(app, "neighbours", la="886", measure="KS2RWM_Expected_STD")
    assert "Kent and its neighbours (May 2025 model)" in texts(at)
    table = _frames(at)[0]
    assert table["Neighbour"].notna().sum() == 10 and {"Kent", "Neighbour average", "England"} <= set(table["Area"])
    at.radio[0].set_value("dfe_sn_2021").run()
    assert "Kent and its neighbours (April 2021 model)" in texts(at)
    assert at.query_params["model"] in ("dfe_sn_2021", ["dfe_sn_2021"])
    newer = set(table["Area"])
    older = set(_frames(at)[0]["Area"])
    assert older != newer  # the two models group Kent differently


def test_series_choice_changes_what_the_chart_draws(app):
    at = _open(app, "neighbours", la="886", measure="KS2RWM_Expected_STD")
    spec = json.loads(_charts(at)[0].proto.spec)
    y = spec["layer"][0]["encoding"]["y"]
    assert y["scale"]["zero"] is False  # the axis fits the figures
    assert set(spec["layer"][0]["encoding"]["color"]["scale"]["domain"]) == {"Neighbour average", "England", "Kent"}
    neighbour = next(n for n in at.multiselect[0].options if n not in ("Kent", "Neighbour average", "England"))
    at.multiselect[0].set_value(["Kent", neighbour]).run()
    domain = json.loads(_charts(at)[0].proto.spec)["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert set(domain) == {neighbour, "Kent"}


def test_all_las_is_every_la_with_change_and_rank(app):
    at = _open(app, "all_las", la="840", measure="KS2RWM_Expected_STD")
    table = _frames(at)[0]
    assert len(table) == 153
    assert {"Change 2024 to 2025", "Rank 2025", "2016", "2025"} <= set(table.columns)
    assert table.loc[table["Area code"] == "840", "Selected"].iloc[0] == "▶"
    assert "Durham: rank" in texts(at)


def test_create_your_own_from_the_address_with_presets(app):
    at = _open(
        app,
        "create",
        la="886",
        preset="neighbours",
        measures="KS2RWM_Expected_STD,AVG_Attain8_Score",
        **{"from": "2022", "to": "2024"},
    )
    wide = _frames(at)[0]
    assert set(wide["Measure"]) == {"KS2RWM_Expected_STD", "AVG_Attain8_Score"}
    assert list(wide.columns[-3:]) == ["2022", "2023", "2024"]
    assert len(wide) == 2 * 12  # Kent, ten neighbours and England, for each measure
    assert len(_charts(at)) == 2
    assert {"Download CSV", "Download Excel"} <= set(_downloads(at))
    at.radio[1].set_value("region").run()
    assert at.query_params["preset"] in ("region", ["region"])
    assert len(_frames(at)[0]) == 2 * 20  # the South East's 19 LAs and England
    at.radio[1].set_value("all").run()
    assert not _charts(at) and "too many lines" in texts(at)


def test_measures_page_shows_the_dictionary_and_what_the_data_holds(app):
    at = _open(app, "measures", measure="KS2RWM_Expected_STD")
    words = texts(at)
    for part in (
        "**Description:**",
        "**Methodology:**",
        "**Source:**",
        "**Polarity:** Higher is better",
        "**Last updated by DfE:** December 2025",
        "**Next update:** September 2026",
        "National data: DfE LAIT data",
        "latest year held",
    ):
        assert part in words, part
    assert len(_frames(at)[0]) == 434


@pytest.mark.parametrize("page", ["regional", "neighbours", "all_las", "create", "measures"])
def test_an_unknown_measure_in_the_link_is_named(app, page):
    at = _open(app, page, la="886", measure="NOPE")
    assert any("NOPE" in w.value for w in at.warning) or page == "create"
