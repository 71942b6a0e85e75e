"""Schools causing concern on small hand-made events: each rule, the reasons in words, N, the LA's own categories,
the saved rules, the export and the command line."""

from __future__ import annotations

import json

import pytest

from kpi import audit
from kpi.commands import main
from kpi.exports import csv_bytes
from kpi.schools.concern import ConcernError, concern_list, save_rules, saved_rules
from kpi.schools.files import SchoolFile
from kpi.schools.importer import import_schools
from kpi.schools.targets import set_target
from kpi.schools.views import set_la_category
from kpi.store import Store
from tests.unit.schools_files import history, ks2, ofsted, ofsted_row

AS_AT = "2021-06-30"


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "kpi.duckdb")
    rows = [
        # in special measures, inadequate, down from good
        ofsted_row(
            "100001",
            laestab="8862001",
            name="Ash School",
            oe="4",
            category="SM",
            start="01/02/2021",
            published="01/03/2021",
            prev_oe="2",
            prev_start="01/02/2016",
            prev_published="01/03/2016",
        ),
        # requires improvement, up from inadequate: listed as RI, not as declined
        ofsted_row(
            "100002",
            laestab="8862002",
            name="Birch School",
            oe="3",
            start="01/02/2020",
            published="01/03/2020",
            prev_oe="4",
            prev_start="01/02/2017",
            prev_published="01/03/2017",
        ),
        # good, last inspected in 2014 (the history's date counts four weeks later); below the KS2 floor in 2018/19
        ofsted_row(
            "100003",
            laestab="8862003",
            name='=HYPERLINK("x") Cedar',
            oe="2",
            start="10/01/2014",
            published="10/02/2014",
        ),
        # outstanding and recent: never listed
        ofsted_row(
            "100004", laestab="8862004", name="Damson School", oe="1", start="01/02/2020", published="01/03/2020"
        ),
    ]
    floor = [
        ["100003", "30", "-6.0", "1.0", "0.5", "50", "2019"],  # below 65% and reading progress below -5
        ["100004", "30", "-6.0", "1.0", "0.5", "70", "2019"],
    ]  # 70%: above the floor
    import_schools(
        s,
        [
            SchoolFile("outcomes_as_at_31_August_2025.csv", ofsted(rows)),
            SchoolFile("ks2_2019.csv", ks2(floor)),
            SchoolFile("history.csv", history([["100004", "Good", "20120110"]])),
        ],
    )
    yield s
    s.close()


def why(result) -> dict[int, str]:
    return dict(zip(result.schools["URN"], result.schools["Why listed"]))


def test_every_rule_by_default_with_the_reason_for_each_school(store):
    result = concern_list(store, "886", AS_AT)
    assert result.heading == "Kent: schools causing concern, as at 30 June 2021"
    assert result.summary == "3 of 4 open schools are listed by 6 rules"
    assert why(result) == {
        100001: "Special measures at the inspection of 1 February 2021; Inadequate (inspection of 1 February 2021); "
        "Declined from good to inadequate (inspection of 1 February 2021)",
        100003: "Below the KS2 floor standard in 2018/19 (50% meeting the expected standard); Last inspected "
        "10 January 2014, more than 5 years before",
        100002: "Requires improvement (inspection of 1 February 2020)",
    }
    assert list(result.schools["URN"]) == [100001, 100003, 100002]  # most reasons first
    assert dict(result.counts)["Declined at its last graded inspection"] == 1


def test_the_rules_and_n_are_chosen(store):
    assert set(why(concern_list(store, "886", AS_AT, ["declined"], 5))) == {100001}
    assert set(why(concern_list(store, "886", AS_AT, ["not_inspected"], 5))) == {100003}
    assert set(why(concern_list(store, "886", AS_AT, ["not_inspected"], 8))) == set()
    assert set(why(concern_list(store, "886", AS_AT, ["below_floor"], 5))) == {100003}
    assert set(why(concern_list(store, "886", "2018-12-31", ["below_floor"], 5))) == set()  # results of 2018/19 later
    none = concern_list(store, "886", AS_AT, [], 5)
    assert none.schools.empty and none.summary.startswith("No rule is chosen")
    with pytest.raises(ConcernError, match='"grow" is not a rule'):
        concern_list(store, "886", AS_AT, ["grow"], 5)
    with pytest.raises(ConcernError, match="out of range"):
        concern_list(store, "886", AS_AT, ["declined"], 0)


def test_a_school_off_course_on_its_target_is_listed_with_the_targets_reason(store):
    set_target(store, 100002, "maintain_or_improve", "2020-06-01", "2023-08-31", user="officer")
    assert set(why(concern_list(store, "886", AS_AT, ["target"], 5))) == set()  # on course: not listed
    set_target(store, 100004, "maintain_or_improve", "2020-06-01", "2021-01-01", user="officer")
    result = concern_list(store, "886", AS_AT, ["target"], 5)
    assert why(result) == {}  # outstanding at its due date: met
    set_target(store, 100001, "good", "2020-06-01", "2021-05-01", user="officer")
    result = concern_list(store, "886", AS_AT, ["target"], 5)
    assert why(result)[100001].startswith("Missed: inadequate at the due date, 1 May 2021")
    assert result.schools.set_index("URN").loc[100001, "Target"] == "✖ Missed"


def test_the_las_own_category_in_force_at_the_date_with_history_and_audit(store):
    set_la_category(store, 100002, "Category 3: needs support", "Visit in spring", "2021-01-01", user="officer")
    set_la_category(store, 100002, "Category 2", "", "2021-09-01", user="officer")  # later than the date
    result = concern_list(store, "886", AS_AT)
    assert (
        result.schools.set_index("URN").loc[100002, "LA category"] == "Category 3: needs support (from 1 January 2021)"
    )
    assert result.la_categories == ["Category 3: needs support"]
    assert len(audit.read(store, action="school-category")) == 2


def test_the_las_rules_are_saved_audited_and_used_by_default(store):
    assert saved_rules(store) == (
        ["in_category", "ri_or_inadequate", "declined", "below_floor", "not_inspected", "target"],
        5,
    )
    save_rules(store, ["target", "declined"], 4, user="officer")
    assert saved_rules(store) == (["declined", "target"], 4)
    assert concern_list(store, "886", AS_AT).rules == ["declined", "target"]
    assert json.loads(audit.read(store, action="schools-setting").iloc[0]["detail"])["new"] == {
        "rules": ["declined", "target"],
        "years": 4,
    }


def test_the_download_neutralises_a_school_name_a_spreadsheet_would_run(store):
    result = concern_list(store, "886", AS_AT)
    text = csv_bytes(result.schools).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\r\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def test_command_line_lists_the_schools_and_why(store, capsys):
    db = str(store.path)
    store.close()
    assert (
        main(
            [
                "schools-concern",
                "--db",
                db,
                "--la",
                "886",
                "--as-at",
                AS_AT,
                "--rules",
                "declined,in_category",
                "--json",
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert [(r["urn"], r["rules"], r["category"]) for r in rows] == [(100001, ["in_category", "declined"], "SM")]
    assert main(["schools-concern", "--db", db, "--la", "886", "--rules", "grow"]) == 2
    assert '"grow" is not a rule' in capsys.readouterr().err
