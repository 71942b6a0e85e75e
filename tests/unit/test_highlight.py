"""Highlight report: reds and ambers with commentary and overdue actions first, then the rest, then milestones."""

from datetime import date

import pandas as pd
import pytest

from kpi import figures
from kpi.commentary import ActionRow, record_action, record_commentary
from kpi.highlight import ACROSS_PLAN, UnknownPeriod, as_at, build_reports, default_plan, highlight_report

KENT = "kent-2013-14"


def by_code(reports):
    return {r.priority_code: r for r in reports}


def test_default_is_the_home_authoritys_plan_in_priority_order(demo_store):
    assert default_plan(demo_store) == KENT
    reports = highlight_report(demo_store, as_of=date(2013, 6, 1))
    assert [r.priority_code for r in reports] == [f"P{i}" for i in range(1, 9)] + [None]
    assert reports[-1].title == ACROSS_PLAN and len(reports[-1].actions) == 10


def test_exceptions_come_first_red_before_amber_with_their_commentary(demo_store):
    record_commentary(
        demo_store, "GAP-FSM-KS4", "academic_year:2011-09-01:2012-08-31", "Gap widened in two districts.", user="ann"
    )
    p5 = by_code(highlight_report(demo_store, as_of=date(2013, 6, 1)))["P5"]
    assert [r["code"] for r in p5.exceptions] == ["GAP-FSM-KS4"]
    assert p5.exceptions[0]["rag"] == "red" and p5.exceptions[0]["commentary"] == "Gap widened in two districts."
    assert "GAP-FSM-KS2" in [r["code"] for r in p5.others]
    assert all(r["rag"] not in ("red", "amber") for r in p5.others)
    assert p5.has_exceptions


def test_red_sorts_before_amber_within_a_priority():
    latest = pd.DataFrame(
        {"code": ["A", "B", "C"], "priority_code": ["X"] * 3, "plan_code": ["p"] * 3, "rag": ["amber", "green", "red"]}
    )
    priorities = pd.DataFrame({"plan_code": ["p"], "plan": ["Plan"], "priority_code": ["X"], "title": ["Prio"]})
    empty_actions = pd.DataFrame(columns=["plan_code", "plan", "priority_code", "overdue"])
    empty_miles = pd.DataFrame(columns=["plan_code", "priority_code"])
    (report,) = build_reports(latest, priorities, empty_actions, empty_miles)
    assert [r["code"] for r in report.exceptions] == ["C", "A"] and [r["code"] for r in report.others] == ["B"]


def test_overdue_actions_lead_and_depend_on_the_date(demo_store):
    record_action(
        demo_store,
        ActionRow(KENT, "P3", None, "GCSE support", "Head", date(2013, 9, 1), date(2014, 1, 31), "in progress", "t"),
        user="ann",
    )
    before = by_code(highlight_report(demo_store, as_of=date(2014, 1, 31)))["P3"]
    after = by_code(highlight_report(demo_store, as_of=date(2014, 2, 1)))["P3"]
    assert [a["description"] for a in before.actions] == ["GCSE support"] and not before.overdue_actions
    assert [a["description"] for a in after.overdue_actions] == ["GCSE support"] and not after.actions


def test_milestones_with_status_for_a_work_stream_plan(demo_store):
    reports = by_code(highlight_report(demo_store, plan="central-bedfordshire-2015-19", as_of=date(2017, 1, 1)))
    places = reports["WS6"].milestones
    assert [m["title"] for m in places][:2] == ["1045 new school places delivered", "1380 new school places delivered"]
    assert [m["late"] for m in places] == [True, False, False, False, False]
    assert all(m["status"] == "not reported" for m in places)
    assert reports["WS2"].is_empty


def test_as_at_a_period_ignores_later_actuals(demo_store):
    series = figures.all_series(demo_store)
    rows = as_at(series, "2011").set_index("code")
    assert rows.loc["KS4-5AC-EM", "period"] == "2011" and rows.loc["KS4-5AC-EM", "actual"] == pytest.approx(59.4)
    assert as_at(series, None).set_index("code").loc["KS4-5AC-EM", "period"] == "2012"


def test_unknown_period_lists_the_known_ones(demo_store):
    with pytest.raises(UnknownPeriod, match="2012"):
        highlight_report(demo_store, period="1999")
