"""Commentary and actions: audited writes, flags for red/amber without commentary, and return sheets."""

import json
from datetime import date, datetime

import pytest

from kpi import figures
from kpi.commentary import (
    ActionRow,
    actions_frame,
    apply_commentary,
    commentary_frame,
    flag_missing,
    record_action,
    record_commentary,
)
from kpi.demo import build_demo
from kpi.returns.cells import Cell, Sheet
from kpi.returns.commentary_sheets import parse_date, read_commentary_sheets

KS4 = "KS4-5AC-EM"
KS4_2012 = "academic_year:2011-09-01:2012-08-31"


def sheet(name, rows):
    return Sheet(
        name, [[Cell(name, r, c, v) for c, v in enumerate(row, start=1)] for r, row in enumerate(rows, start=1)]
    )


def audit(store, action):
    rows = (
        store.cursor()
        .execute("SELECT user_name, detail FROM audit_log WHERE action = ? ORDER BY audit_id", [action])
        .fetchall()
    )
    return [(user, json.loads(detail)) for user, detail in rows]


def test_commentary_is_recorded_edited_and_removed_with_an_audit_row_each(demo_store):
    assert record_commentary(demo_store, KS4, KS4_2012, "Below target: two schools dipped.", user="ann")
    assert not record_commentary(demo_store, KS4, KS4_2012, "Below target: two schools dipped.", user="ann")
    assert record_commentary(demo_store, KS4, KS4_2012, "Revised after validation.", user="bob")
    held = commentary_frame(demo_store)
    assert held[["indicator_code", "text", "author"]].values.tolist() == [[KS4, "Revised after validation.", "bob"]]
    assert held["period"].iloc[0] == "2012"
    assert record_commentary(demo_store, KS4, KS4_2012, "  ", user="bob")
    assert commentary_frame(demo_store).empty
    trail = audit(demo_store, "commentary")
    assert [(u, d["old"], d["new"]) for u, d in trail] == [
        ("ann", None, "Below target: two schools dipped."),
        ("bob", "Below target: two schools dipped.", "Revised after validation."),
        ("bob", "Revised after validation.", None),
    ]


def test_a_write_bumps_the_data_version_so_cached_pages_see_it(demo_store):
    before = demo_store.data_version()
    record_commentary(demo_store, KS4, KS4_2012, "Why.", user="ann")
    assert demo_store.data_version() == before + 1


def test_red_and_amber_without_commentary_are_flagged_until_written(demo_store):
    latest = figures.latest(figures.all_series(demo_store))
    flagged = flag_missing(latest, commentary_frame(demo_store))
    expected = set(latest.loc[latest["rag"].isin(["red", "amber"]), "code"])
    assert set(flagged["code"]) == expected and KS4 in expected
    record_commentary(demo_store, KS4, KS4_2012, "Why.", user="ann")
    assert set(flag_missing(latest, commentary_frame(demo_store))["code"]) == expected - {KS4}


def test_commentary_for_another_period_does_not_clear_the_flag(demo_store):
    latest = figures.latest(figures.all_series(demo_store))
    record_commentary(demo_store, KS4, "academic_year:2010-09-01:2011-08-31", "Last year's.", user="ann")
    assert KS4 in set(flag_missing(latest, commentary_frame(demo_store))["code"])


def test_actions_are_added_then_updated_not_duplicated_and_audited(demo_store):
    row = ActionRow(
        "kent-2013-14",
        "P3",
        KS4,
        "Target GCSE support at ten schools",
        "Head of Secondary",
        date(2013, 9, 1),
        date(2014, 3, 31),
        "in progress",
        "test",
    )
    action_id, outcome = record_action(demo_store, row, user="ann")
    assert outcome == "new"
    again = ActionRow(**{**row.__dict__, "status": "complete"})
    assert record_action(demo_store, again, user="bob") == (action_id, "changed")
    assert record_action(demo_store, again, user="bob") == (action_id, "unchanged")
    frame = actions_frame(demo_store, as_of=date(2015, 1, 1))
    mine = frame[frame["action_id"] == action_id]
    assert len(mine) == 1 and mine["status"].iloc[0] == "complete" and not mine["overdue"].iloc[0]
    trail = [d for _, d in audit(demo_store, "action") if d["action_id"] == action_id]
    assert (
        trail[0]["old"] is None
        and trail[1]["old"]["status"] == "in progress"
        and trail[1]["new"]["status"] == "complete"
    )


def test_overdue_means_past_due_and_not_finished(demo_store):
    frame = actions_frame(demo_store, as_of=date(2014, 4, 1))
    kent = frame[frame["plan_code"] == "kent-2013-14"]
    assert len(kent) == 10 and kent["overdue"].all()
    assert (
        not actions_frame(demo_store, as_of=date(2014, 3, 31))["overdue"].loc[lambda s: s.index.isin(kent.index)].any()
    )


def test_demo_holds_seed_actions_and_milestones_and_building_twice_adds_nothing(demo_store):
    counts = (
        demo_store.cursor()
        .execute(
            "SELECT (SELECT count(*) FROM actions), (SELECT count(*) FROM milestones), (SELECT count(*) FROM audit_log)"
        )
        .fetchone()
    )
    build_demo(demo_store)
    assert (
        demo_store.cursor()
        .execute(
            "SELECT (SELECT count(*) FROM actions), (SELECT count(*) FROM milestones), (SELECT count(*) FROM audit_log)"
        )
        .fetchone()
        == counts
    )
    actions = actions_frame(demo_store)
    assert set(actions["plan_code"]) == {"kent-2013-14", "sandwell-laa-2008-11"}
    assert (actions["plan_code"] == "sandwell-laa-2008-11").sum() == 25
    places = (
        demo_store.cursor()
        .execute("SELECT title, due_date FROM milestones WHERE priority_code = 'WS6' ORDER BY due_date")
        .fetchall()
    )
    assert places[0] == ("1045 new school places delivered", date(2016, 9, 30))
    assert [d.year for _, d in places] == [2016, 2017, 2018, 2019, 2020]


def test_return_sheets_are_read_with_sheet_cell_problems():
    commentary = sheet(
        "Commentary",
        [
            ["Indicator", "Period", "Commentary", "Author"],
            ["ks4-5ac-em", "2012", "Two schools dipped.", "ann"],
            ["NOPE", "2012", "x", None],
            [KS4, "twenty twelve", "x", None],
            ["GOOD-PRI", "Sep 12", None, None],
            [KS4, 2012, "Duplicate.", None],
        ],
    )
    actions = sheet(
        "Actions",
        [
            ["Plan", "Priority", "Indicator", "Description", "Owner", "Start", "Due", "Status"],
            ["kent-2013-14", "P3", KS4, "GCSE support", "Head of Secondary", "Sep 2013", datetime(2014, 3, 31), "Done"],
            ["kent-2013-14", "P99", None, "Unknown priority", None, None, None, "in progress"],
            [None, None, None, "No plan at all", None, None, None, None],
            ["kent-2013-14", None, None, "Bad date", None, None, "soonish", "sleeping"],
        ],
    )
    other = sheet("Data", [["Indicator", "Period", "Measure", "Value"]])
    rows, acts, problems = read_commentary_sheets(
        [commentary, actions, other],
        {KS4: "academic_year", "GOOD-PRI": "quarterly"},
        known_priorities={"P3": "kent-2013-14"},
        known_plans=["kent-2013-14"],
    )
    assert [(r.indicator_code, r.period_key, r.text, r.author) for r in rows] == [
        (KS4, KS4_2012, "Two schools dipped.", "ann")
    ]
    assert [(a.description, a.status, a.start_date, a.due_date) for a in acts] == [
        ("GCSE support", "complete", date(2013, 9, 1), date(2014, 3, 31))
    ]
    where = [p.where for p in problems]
    assert where == [
        "Commentary!A3",
        "Commentary!B4",
        "Commentary!C5",
        "Commentary!A6",
        "Actions!B3",
        "Actions!D4",
        "Actions!G5",
        "Actions!H5",
    ]
    assert "NOPE" in str(problems[0]) and "P99" in str(problems[4])


def test_apply_commentary_writes_a_return_in_one_transaction(demo_store):
    rows, acts, problems = read_commentary_sheets(
        [
            sheet("Commentary", [["Code", "Period", "Comment"], [KS4, "2012", "From the return."]]),
            sheet(
                "Actions",
                [["Plan", "Description", "Status"], ["kent-2013-14", "New action from a return", "not started"]],
            ),
        ],
        {KS4: "academic_year"},
    )
    assert not problems
    before = demo_store.data_version()
    counts = apply_commentary(demo_store, rows, acts, user="loader", source="return.xlsx")
    assert counts == {"commentary": 1, "actions_new": 1, "actions_changed": 0}
    assert demo_store.data_version() == before + 1
    assert commentary_frame(demo_store)["text"].tolist() == ["From the return."]
    assert apply_commentary(demo_store, rows, acts, user="loader", source="return.xlsx")["actions_new"] == 0


@pytest.mark.parametrize(
    "text,end,expected",
    [
        ("Mar 2014", True, date(2014, 3, 31)),
        ("Apr 2013", False, date(2013, 4, 1)),
        ("2016", True, date(2016, 12, 31)),
        ("31/03/2014", False, date(2014, 3, 31)),
        ("2014-03-31", True, date(2014, 3, 31)),
        ("September 2016", True, date(2016, 9, 30)),
    ],
)
def test_dates_in_officers_words(text, end, expected):
    assert parse_date(text, end=end) == expected


def test_unreadable_date_says_how_to_write_it():
    with pytest.raises(ValueError, match="31/03/2014"):
        parse_date("next spring")
