"""The Schools causing concern page and the School page's target, on the demo as shipped (the built-in snapshot)."""

import datetime

import pytest

from tests.app.conftest import texts


@pytest.fixture
def app(linked_app):
    return linked_app


def concern(app):
    app.switch_page("pages/concern.py")
    at = app.run()
    assert not at.exception, at.exception
    return at


def test_the_page_lists_kents_schools_by_every_rule_with_why(app):
    at = concern(app)
    shown = texts(at)
    assert "Kent: schools causing concern, as at" in shown
    assert "open schools are listed by 6 rules" in shown
    assert "By default every rule is on and N is 5 years" in shown
    table = at.dataframe[0].value
    assert list(table.columns) == [
        "URN",
        "School",
        "Why listed",
        "Grade",
        "Graded inspection",
        "Ofsted category",
        "LA category",
        "Target",
        "Phase",
    ]
    assert len(table) > 50 and table["Why listed"].str.len().min() > 10
    assert "Special measures at the inspection of" in " ".join(table["Why listed"])
    assert len(at.get("download_button")) == 2
    assert any("Open " in str(link.proto.label) for link in at.get("page_link"))
    assert "Open Government Licence" in shown


def test_choosing_the_rules_and_n_changes_the_list(app):
    at = concern(app)
    everything = len(at.dataframe[0].value)
    for box in at.checkbox:
        if box.key != "rule-not_inspected":
            box.uncheck()
    at.number_input(key="years").set_value(8).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert 0 < len(table) < everything
    assert table["Why listed"].str.contains("more than 8 years before|No inspection held").all()
    assert "Not inspected for more than 8 years:" in texts(at)
    at.text_input(key="text").input(str(table.iloc[0]["URN"])).run()
    assert len(at.dataframe[0].value) == 1


def test_an_officer_sets_a_schools_la_category_from_the_list(app):
    from pages.ui import store

    at = concern(app)
    at.text_input[-1].input("Category 4: intensive support")
    at.text_area[0].input("=cmd|' /C calc'!A0")
    at.button[-1].click().run()
    assert not at.exception
    assert "the LA's category is now Category 4: intensive support" in texts(at)
    log = store().cursor().execute("SELECT detail FROM audit_log WHERE action = 'school-category'").fetchall()
    assert len(log) == 1
    at = app.run()
    assert at.multiselect(key="la-category").options == ["Category 4: intensive support"]
    at.multiselect(key="la-category").select("Category 4: intensive support").run()
    assert len(at.dataframe[0].value) == 1


def test_saving_the_rules_as_the_las(app):
    from pages.ui import store

    at = concern(app)
    at.checkbox(key="rule-declined").uncheck().run()
    next(b for b in at.button if b.label == "Save these rules as the LA's").click().run()
    assert "Saved: schools causing concern are listed by 5 rules, N = 5." in texts(at)
    assert store().meta("schools_concern_rules") == (
        '{"rules": ["in_category", "ri_or_inadequate", "below_floor", "not_inspected", "target"], "years": 5}'
    )


def test_a_school_page_sets_a_target_and_shows_its_rating_in_words(app):
    from pages.ui import store

    app.switch_page("pages/school.py")
    app.query_params["urn"] = "118245"
    at = app.run()
    assert not at.exception
    assert "No target is set for this school." in texts(at)
    form_dates = at.date_input
    baseline = [d for d in form_dates if d.label == "Baseline date"][0]
    due = [d for d in form_dates if d.label == "Due"][0]
    baseline.set_value(datetime.date(2021, 1, 1))
    due.set_value(datetime.date(2024, 8, 31))
    next(b for b in at.button if b.label == "Save target").click().run()
    assert not at.exception
    shown = texts(at)
    assert "Maintain grade 1 or 2, or improve by one grade by 31 August 2024 (baseline 1 January 2021)" in shown
    assert "✖ Missed: requires improvement at the due date, 31 August 2024" in shown
    assert "Judged as Greenlands Primary School (URN 146574), which replaced it." in shown
    assert store().scalar("SELECT count(*) FROM audit_log WHERE action = 'school-target'") == 1
