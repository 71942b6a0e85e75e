"""Targets by position: quartile bands, ranks and comparators rated like value targets."""

import pytest

from kpi.positions import PositionTarget, parse_position, rate_position


@pytest.mark.parametrize(
    "text,canonical",
    [
        ("A", "quartile A"),
        ("quartile b", "quartile B"),
        ("Top quartile", "quartile A"),
        ("2nd quartile by 2017", "quartile B"),
        ("3rd quartile", "quartile C"),
        ("A by 2018", "quartile A"),
        ("top 3 of neighbours", "top 3 of neighbours"),
        ("Top 3 of statistical neighbours", "top 3 of neighbours"),
        ("top 50 nationally", "top 50 nationally"),
        ("at or above England", "at or better than England"),
        ("In line with the neighbour average", "in line with the neighbour average"),
        ("in line with statistical neighbours", "in line with the neighbour average"),
    ],
)
def test_parse(text, canonical):
    assert parse_position(text).text == canonical


@pytest.mark.parametrize("text", ["seventy", "60.5", "", None, "top of the class", "quartile E"])
def test_not_a_position(text):
    assert parse_position(text) is None


@pytest.mark.parametrize(
    "band,expected", [("A", "green"), ("B", "green"), ("C", "amber"), ("D", "red"), (None, "no_data")]
)
def test_quartile_target_b(band, expected):
    row = {"actual": 60.0, "quartile": band}
    assert rate_position(PositionTarget("quartile", band="B"), row, "higher").rag == expected


@pytest.mark.parametrize("rank,expected", [(1, "green"), (3, "green"), (5, "amber"), (6, "red")])
def test_neighbour_rank(rank, expected):
    row = {"actual": 60.0, "sn_rank": rank, "sn_rank_of": 11}
    assert rate_position(parse_position("top 3 of neighbours"), row, "higher").rag == expected


def test_comparator_uses_the_tolerance_and_polarity():
    at_or_above = parse_position("at or above England")
    assert rate_position(at_or_above, {"actual": 61, "national": 60}, "higher").rag == "green"
    assert rate_position(at_or_above, {"actual": 58.5, "national": 60}, "higher").rag == "amber"
    assert rate_position(at_or_above, {"actual": 57, "national": 60}, "higher").rag == "red"
    assert rate_position(at_or_above, {"actual": 57, "national": 60}, "lower").rag == "green"
    assert rate_position(at_or_above, {"actual": 57, "national": None}, "higher").rag == "no_data"
    in_line = parse_position("in line with the neighbour average")
    assert rate_position(in_line, {"actual": 59, "sn_average": 60}, "higher", 2).rag == "green"
    assert rate_position(in_line, {"actual": 57, "sn_average": 60}, "higher", 2).rag == "amber"
    assert rate_position(in_line, {"actual": 55, "sn_average": 60}, "higher", 2).rag == "red"


def test_position_target_in_a_return_is_stored_and_rated(demo_store):
    from kpi import figures
    from kpi.returns import load_return
    from tests.conftest import tidy_workbook

    data = tidy_workbook([["GOOD-SEC", "2012", "target", "at or above England"]])
    result = load_return(demo_store, data, "t.xlsx", user="t")
    assert result.ok and result.upload_id
    row = {r["code"]: r for r in figures.status(demo_store)}["GOOD-SEC"]
    assert row["target"] is None
    # GOOD-SEC 2012: 73% against England's 66% (the seed's 'SN or National' column).
    assert row["rag"] == "green"


def test_board_pack_and_highlight_show_a_position_target(demo_store):
    from kpi.reports import build_pack
    from kpi.returns import load_return
    from tests.conftest import tidy_workbook

    assert load_return(
        demo_store, tidy_workbook([["GOOD-SEC", "2012", "target", "top quartile"]]), "t.xlsx", user="t"
    ).ok
    pack = build_pack(demo_store, charts=False)
    tiles = [
        t for s in pack.sections for t in s.exceptions + s.others if t.title.startswith("Secondary schools judged")
    ]
    assert tiles[0].target == "quartile A"
    assert tiles[0].rag == "no_data"  # no national data imported to place the authority in a quartile
