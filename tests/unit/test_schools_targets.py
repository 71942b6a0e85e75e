"""Targets per school (seed 000) on small hand-made events: each rating and its reason, a conversion, a grade-less
inspection, the indicator that counts the schools meeting their target, and refusals."""

from __future__ import annotations

import json

import pytest

from kpi import audit
from kpi.commands import main
from kpi.schools.files import SchoolFile
from kpi.schools.importer import import_schools
from kpi.schools.measures import area_figures, schools_json, set_not_judged_mode
from kpi.schools.targets import TargetError, school_target, set_target, target_frame, withdraw_target
from kpi.schools.views import figure_schools
from kpi.store import Store
from tests.unit.schools_files import history, ofsted, ofsted_row, spine

OUTCOMES = "outcomes_as_at_31_August_2025.csv"


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "kpi.duckdb")
    # 100001: requires improvement (published 20 Feb 2019), then good (inspected 1 Mar 2023, published 5 Apr 2023).
    # 100002: good (2013, from the history: counts four weeks after it started), then requires improvement in 2019.
    rows = [
        ofsted_row(
            "100001",
            oe="2",
            start="01/03/2023",
            published="05/04/2023",
            prev_oe="3",
            prev_start="10/01/2019",
            prev_published="20/02/2019",
        ),
        ofsted_row(
            "100002", laestab="8862002", name="Elm Primary School", oe="3", start="01/05/2019", published="10/06/2019"
        ),
    ]
    import_schools(
        s, [SchoolFile(OUTCOMES, ofsted(rows)), SchoolFile("history.csv", history([["100002", "Good", "20130110"]]))]
    )
    yield s
    s.close()


def rating(store, urn, as_at):
    frame = target_frame(store, as_at, urn=urn)
    assert len(frame) == 1
    return frame.iloc[0]["status"], frame.iloc[0]["reason"]


def test_improve_by_one_grade_is_on_course_until_an_inspection_gives_it(store):
    set_target(store, 100001, "maintain_or_improve", "2020-01-01", "2024-08-31", user="officer")
    status, why = rating(store, 100001, "2021-01-01")
    assert status == "on_course"
    assert why == (
        "On course: not inspected since the baseline (Requires improvement on 1 January 2020); the target "
        "asks for good or better by 31 August 2024."
    )
    assert rating(store, 100001, "2023-04-04")[0] == "on_course"  # inspected, not yet published
    status, why = rating(store, 100001, "2023-04-05")
    assert status == "met" and "judged good at the inspection of 1 March 2023" in why
    status, why = rating(store, 100001, "2025-08-31")
    assert status == "met" and why.startswith("Met: good at the due date, 31 August 2024")


def test_maintain_good_is_on_course_then_off_course_then_missed(store):
    set_target(store, 100002, "maintain_or_improve", "2014-01-01", "2019-08-31", user="officer")
    status, why = rating(store, 100002, "2016-01-01")
    assert status == "on_course" and why.startswith("On course: good since the inspection of 10 January 2013")
    status, why = rating(store, 100002, "2019-07-01")
    assert status == "off_course" and "judged requires improvement at the inspection of 1 May 2019" in why
    status, why = rating(store, 100002, "2020-01-01")
    assert status == "missed" and why.startswith("Missed: requires improvement at the due date, 31 August 2019")


def test_a_target_due_before_the_decline_was_met(store):
    set_target(store, 100002, "maintain_or_improve", "2014-01-01", "2018-08-31", user="officer")
    status, why = rating(store, 100002, "2020-01-01")  # judged at its due date, before the 2019 inspection
    assert status == "met" and "at the due date, 31 August 2018" in why


def test_a_target_is_not_in_force_before_its_baseline(store):
    set_target(store, 100001, "good", "2020-01-01", "2024-08-31", user="officer")
    assert target_frame(store, "2019-12-31", urn=100001).empty


def test_maintain_or_improve_needs_a_grade_at_the_baseline_and_good_does_not(store):
    with pytest.raises(TargetError, match="no Ofsted grade on 1 January 2015"):
        set_target(store, 100001, "maintain_or_improve", "2015-01-01", "2020-01-01", user="officer")
    set_target(store, 100001, "good", "2015-01-01", "2020-01-01", user="officer")
    status, why = rating(store, 100001, "2021-01-01")
    assert status == "missed" and "asked for good or better" in why


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"rule": "grow"}, '"grow" is not a rule'),
        ({"due": "2019-01-01"}, "due date must come after the baseline"),
        ({"baseline": "not a date"}, "is not a date"),
        ({"urn": "999999"}, "No school with URN 999999"),
        ({"urn": "12ab"}, "is not a URN"),
    ],
)
def test_a_bad_target_is_refused_plainly_and_nothing_is_written(store, kwargs, message):
    args = {"urn": 100001, "rule": "good", "baseline": "2020-01-01", "due": "2024-08-31"} | kwargs
    version = store.data_version()
    with pytest.raises(TargetError, match=message):
        set_target(store, args["urn"], args["rule"], args["baseline"], args["due"], user="officer")
    assert store.scalar("SELECT count(*) FROM school_targets") == 0
    assert store.data_version() == version


def test_history_is_kept_and_every_change_audited(store):
    set_target(store, 100001, "good", "2020-01-01", "2024-08-31", user="ann")
    set_target(store, 100001, "maintain_or_improve", "2020-01-01", "2022-08-31", "stage one", user="bob")
    assert school_target(store, 100001, "2021-01-01").current.startswith(
        "Maintain grade 1 or 2, or improve by one grade by 31 August 2022"
    )
    withdraw_target(store, 100001, "building works delayed", user="cat")
    target = school_target(store, 100001, "2021-01-01")
    assert target.current == "" and list(target.history["Target"])[0] == "Withdrawn"
    assert len(target.history) == 3 and target_frame(store, "2021-01-01", urn=100001).empty
    log = audit.read(store, action="school-target")
    assert list(log["user"]) == ["cat", "bob", "ann"]
    assert json.loads(log.iloc[0]["detail"])["new"] == "withdrawn"
    with pytest.raises(TargetError, match="no target to withdraw"):
        withdraw_target(store, 100001, user="cat")


def test_a_converted_school_is_judged_as_the_school_that_replaced_it(tmp_path):
    s = Store(tmp_path / "conv.duckdb")
    rows = [
        ofsted_row(
            "140000",
            name="Oak Academy",
            oe="2",
            start="01/05/2019",
            published="10/06/2019",
            prev_oe="3",
            prev_start="01/02/2015",
            prev_published="01/03/2015",
            prev_relates="No",
            prev_urn_at="100002",
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
    import_schools(s, [SchoolFile(OUTCOMES, ofsted(rows)), SchoolFile("england_spine_2017-18.csv", spine(reg))])
    set_target(s, 100002, "maintain_or_improve", "2015-06-01", "2020-08-31", user="officer")
    assert rating(s, 100002, "2016-06-01")[0] == "on_course"
    status, why = rating(s, 100002, "2019-07-01")
    assert status == "met"
    assert why.startswith("Met: judged good") and why.endswith("Judged as Oak Academy (URN 140000), which replaced it.")
    s.close()


def test_a_grade_less_inspection_is_not_rated_unless_the_setting_keeps_the_grade_before(tmp_path):
    s = Store(tmp_path / "nj.duckdb")
    rows = [
        ofsted_row(
            "100001",
            oe="Not judged",
            start="01/11/2024",
            published="01/12/2024",
            prev_oe="3",
            prev_start="10/01/2019",
            prev_published="20/02/2019",
        )
    ]
    import_schools(s, [SchoolFile(OUTCOMES, ofsted(rows))])
    set_target(s, 100001, "maintain_or_improve", "2020-01-01", "2026-08-31", user="officer")
    status, why = rating(s, 100001, "2025-06-01")
    assert (
        status == "no_grade"
        and why == "Not rated: the latest graded inspection (since September 2024) gave no overall grade."
    )
    assert (
        next(r for r in area_figures(s, "school_targets_met", "2025-06-01") if r["area"] == "886")["denominator"] == 0
    )
    set_not_judged_mode(s, "previous", user="admin")
    assert rating(s, 100001, "2025-06-01")[0] == "on_course"
    s.close()


def test_the_indicator_counts_the_schools_meeting_their_target_and_lists_them(store):
    set_target(store, 100001, "maintain_or_improve", "2020-01-01", "2024-08-31", user="officer")
    set_target(store, 100002, "maintain_or_improve", "2014-01-01", "2019-08-31", user="officer")
    figures = {r["area"]: r for r in area_figures(store, "school_targets_met", "2025-01-01")}
    assert (figures["886"]["value"], figures["886"]["denominator"]) == (1, 2)
    assert figures["970"]["value"] == 1 and "989" in figures  # England and the South East too
    assert next(r for r in area_figures(store, "school_targets_met", "2016-01-01") if r["area"] == "886")["value"] == 0
    counted = {r["urn"]: r["counted"] for r in schools_json(store, "886", "2025-01-01", "school_targets_met")}
    assert counted == {100001: True, 100002: False}
    figure = figure_schools(store, "886", "school_targets_met", "2025-01-01")
    assert figure.value == "1" and figure.fraction.startswith("1 of 2 schools with a target")
    assert {"Target", "Rating", "Why"} <= set(figure.schools.columns)
    assert set(figure.schools["Rating"]) == {"✔ Met", "✖ Missed"}


def test_command_line_sets_and_lists_targets(tmp_path, store, capsys):
    db = str(store.path)
    store.close()
    assert (
        main(
            [
                "school-target",
                "--db",
                db,
                "100001",
                "--rule",
                "maintain_or_improve",
                "--baseline",
                "2020-01-01",
                "--due",
                "2024-08-31",
                "--user",
                "officer",
            ]
        )
        == 0
    )
    assert main(["school-targets", "--db", db, "--la", "886", "--as-at", "2021-01-01", "--json"]) == 0
    out = capsys.readouterr().out
    rows = json.loads(out[out.index("[") :])
    assert rows == [
        {
            "urn": 100001,
            "name": "Oak Primary School",
            "rule": "maintain_or_improve",
            "baseline_date": "2020-01-01",
            "baseline_grade": 3,
            "due": "2024-08-31",
            "required": 2,
            "grade": 3,
            "status": "on_course",
            "rated": True,
            "reason": rows[0]["reason"],
        }
    ]
    assert main(["school-target", "--db", db, "100001", "--rule", "good"]) == 2
    assert "Give --rule, --baseline and --due" in capsys.readouterr().err


def test_a_plan_indicator_counts_the_schools_meeting_their_target_on_tile_and_pack(linked_demo_db):
    """Linked like any school-based indicator: the series, the card's 'based on N schools' and the board pack."""
    from kpi import figures
    from kpi.cards import card
    from kpi.reports import build_pack
    from kpi.schools.links import link_indicator

    s = Store(linked_demo_db)
    good_then = [r["urn"] for r in schools_json(s, "886", "2012-01-01") if r["grade"] in (2, 3)][:6]
    for urn in good_then:
        set_target(s, urn, "maintain_or_improve", "2012-01-01", "2014-08-31", user="officer")
    link_indicator(s, "GOOD-SPECIAL", "school_targets_met", user="officer")
    rows = figures.all_series(s).query("code == 'GOOD-SPECIAL'").set_index("period")
    rated = target_frame(s, "2013-12-31", la="886")
    assert rows.loc["2013", "school_based"]
    assert rows.loc["2013", "actual"] == (rated["status"] == "met").sum()
    assert rows.loc["2013", "school_n"] == rated["status"].isin(["met", "on_course", "off_course", "missed"]).sum()
    latest = figures.latest(figures.all_series(s)).set_index("code")
    shown = card(latest.loc["GOOD-SPECIAL"].to_dict() | {"code": "GOOD-SPECIAL"})
    assert shown.schools.startswith("Based on ") and shown.schools_link.startswith("Which schools?")
    tile = next(t for t in build_pack(s, charts=False).tiles if t.code == "GOOD-SPECIAL")
    assert tile.value.startswith(str(int(latest.loc["GOOD-SPECIAL", "actual"])))
    s.close()
