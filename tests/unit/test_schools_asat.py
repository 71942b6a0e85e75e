"""The as-at rule on small hand-made events: a school inspected twice, a conversion, a grade-less inspection."""

from __future__ import annotations

import pytest

from kpi.schools.files import SchoolFile
from kpi.schools.importer import import_schools
from kpi.schools.measures import area_figures, schools_json, set_not_judged_mode
from kpi.store import Store
from tests.unit.schools_files import history, ofsted, ofsted_row, spine


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "kpi.duckdb")
    yield s
    s.close()


def kent(store, measure, as_at, **kw):
    return next(r for r in area_figures(store, measure, as_at, **kw) if r["area"] == "886")


def grades(store, as_at):
    return {r["urn"]: r["grade"] for r in schools_json(store, "886", as_at)}


def test_a_school_inspected_twice_has_each_grade_from_its_publication(store):
    rows = [
        ofsted_row(
            "100001",
            oe="2",
            start="01/03/2023",
            published="05/04/2023",
            prev_oe="3",
            prev_start="10/01/2019",
            prev_published="20/02/2019",
        )
    ]
    import_schools(store, [SchoolFile("outcomes_as_at_31_August_2025.csv", ofsted(rows))])
    assert grades(store, "2019-02-19") == {100001: None}  # inspected, not yet published
    assert grades(store, "2019-02-20") == {100001: 3}
    assert grades(store, "2023-04-04") == {100001: 3}
    assert grades(store, "2023-04-05") == {100001: 2}
    early = kent(store, "good_or_outstanding", "2020-01-01")
    assert (early["numerator"], early["denominator"], early["value"]) == (0, 1, 0)
    late = kent(store, "good_or_outstanding", "2024-01-01")
    assert (late["numerator"], late["denominator"], late["value"]) == (1, 1, 100)


def test_a_history_inspection_counts_from_four_weeks_after_it_started(store):
    import_schools(
        store,
        [
            SchoolFile("outcomes_as_at_31_August_2025.csv", ofsted([ofsted_row("100001")])),
            SchoolFile("history.csv", history([["100001", "Outstanding", "20120110"]])),
        ],
    )
    assert grades(store, "2012-02-06") == {100001: None}
    assert grades(store, "2012-02-07") == {100001: 1}


def test_a_converter_takes_its_predecessors_inspection_and_is_never_counted_twice(store):
    # 100002 (maintained, inadequate in 2015) became academy 140000 on 1 Sep 2016; the academy was inspected in 2019.
    rows = [
        ofsted_row(
            "140000",
            name="Oak Academy",
            oe="2",
            start="01/05/2019",
            published="10/06/2019",
            prev_oe="4",
            prev_start="01/02/2015",
            prev_published="01/03/2015",
            prev_relates="No",
            prev_urn_at="100002",
            prev_category="SM",
            opened="01/09/2016",
            c6="Academy converter",
        )
    ]
    reg = [
        [
            "100002",
            "886",
            "8862002",
            "Oak Primary School",
            "Maintained School",
            "Community school",
            "",
            "31/08/2016",
            "1",
            "0",
            "140000",
        ]
    ]
    import_schools(
        store,
        [
            SchoolFile("outcomes_as_at_31_August_2025.csv", ofsted(rows)),
            SchoolFile("england_spine_2017-18.csv", spine(reg)),
        ],
    )
    assert grades(store, "2016-01-01") == {100002: 4}  # the maintained school, in special measures
    assert grades(store, "2017-01-01") == {140000: 4}  # the academy, on its predecessor's inspection
    assert grades(store, "2019-07-01") == {140000: 2}
    assert kent(store, "in_category", "2016-01-01")["value"] == 1
    assert kent(store, "in_category", "2017-01-01", category="SM")["value"] == 1
    assert kent(store, "in_category", "2019-07-01")["value"] == 0
    assert kent(store, "good_or_outstanding", "2017-01-01")["denominator"] == 1


def test_a_predecessor_missing_from_every_register_still_counts_until_its_successor_opens(store):
    rows = [
        ofsted_row(
            "140000",
            oe="1",
            start="01/05/2019",
            published="10/06/2019",
            prev_oe="3",
            prev_start="01/02/2012",
            prev_published="01/03/2012",
            prev_relates="No",
            prev_urn_at="100009",
            opened="01/04/2013",
        )
    ]
    import_schools(store, [SchoolFile("outcomes_as_at_31_August_2025.csv", ofsted(rows))])
    assert grades(store, "2012-06-30") == {100009: 3}
    assert grades(store, "2013-06-30") == {140000: 3}


def test_a_grade_less_inspection_is_left_out_by_default_and_is_one_setting(store):
    rows = [
        ofsted_row(
            "100001",
            oe="Not judged",
            start="01/11/2024",
            published="01/12/2024",
            prev_oe="3",
            prev_start="10/01/2019",
            prev_published="20/02/2019",
        ),
        ofsted_row("100003", laestab="8862003", oe="2", start="01/11/2023", published="01/12/2023"),
    ]
    import_schools(store, [SchoolFile("outcomes_as_at_31_August_2025.csv", ofsted(rows))])
    cur = store.cursor()
    from kpi.schools.measures import all_figures

    row = all_figures(store, ["2025-01-01"]).query(
        "area == '886' and measure == 'good_or_outstanding' and phase == 'all'"
    )
    assert row.iloc[0]["not_judged"] == 1
    figure = kent(store, "good_or_outstanding", "2025-01-01")
    assert (figure["numerator"], figure["denominator"]) == (1, 1)
    set_not_judged_mode(store, "previous", user="test")
    figure = kent(store, "good_or_outstanding", "2025-01-01")
    assert (figure["numerator"], figure["denominator"]) == (1, 2)
    assert grades(store, "2025-01-01") == {100001: 3, 100003: 2}
    cur.close()


def test_a_file_dating_the_previous_inspection_after_the_latest_keeps_the_latest(store):
    rows = [
        ofsted_row(
            "100001",
            oe="2",
            start="17/01/2013",
            published="08/02/2013",
            prev_oe="3",
            prev_start="24/11/2010",
            prev_published="25/09/2014",
        )
    ]
    import_schools(store, [SchoolFile("outcomes_as_at_31_August_2025.csv", ofsted(rows))])
    assert grades(store, "2015-01-01") == {100001: 2}


def test_a_school_missing_from_a_newer_ofsted_census_had_closed_by_its_date(store):
    reg = [["100005", "886", "8862005", "Elm School", "Maintained School", "Community school", "", "", "1", "0", ""]]
    import_schools(
        store,
        [
            SchoolFile("england_spine_2017-18.csv", spine(reg)),
            SchoolFile("history.csv", history([["100005", "Good", "20150101"]])),
            SchoolFile("outcomes_as_at_31_August_2025.csv", ofsted([ofsted_row("100001")])),
        ],
    )
    assert 100005 in grades(store, "2020-01-01")
    assert 100005 not in grades(store, "2025-08-31")
