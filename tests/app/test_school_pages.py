"""The school pages: the list behind a figure, a school's record, and the Admin import."""

import pytest

from tests.app.conftest import texts
from tests.unit.schools_files import ofsted, ofsted_row


@pytest.fixture
def app(linked_app):
    return linked_app


def test_the_list_behind_a_school_based_figure(app):
    app.switch_page("pages/schools.py")
    app.query_params["code"] = "GOOD-PRI"
    at = app.run()
    assert not at.exception
    shown = texts(at)
    assert "Kent: Schools judged good or outstanding (primary schools), as at 31 March 2016" in shown
    assert "primary schools are counted" in shown
    table = at.dataframe[0].value
    assert {"URN", "School", "Grade", "Inspected", "Category", "Phase", "Type", "Counted"} <= set(table.columns)
    assert len(table) > 300 and set(table["Phase"]) == {"Primary"}
    never = table[table["Grade"] == "Not yet inspected"]
    assert len(never) and set(never["Inspected"]) == {""} and set(never["Published"]) == {""}  # blank, not "None"
    assert table["Inspected"].str.fullmatch(r"(\d{4}-\d\d-\d\d)?").all()  # ISO text sorts as dates do
    counted = (table["Counted"] == "Yes").sum()
    assert f"{counted} of " in shown
    assert "What changed since" in shown
    assert len(at.get("download_button")) == 2
    assert "Open Government Licence" in shown
    at.toggle[0].set_value(True).run()
    assert set(at.dataframe[0].value["Counted"]) == {"Yes"}
    at.text_input[0].input("zzzz-no-such-school").run()
    assert at.dataframe[0].value.empty


def test_an_indicator_typed_in_returns_has_no_list(app):
    app.switch_page("pages/schools.py")
    app.query_params["code"] = "KS2-L4-EM"
    at = app.run()
    assert not at.exception and "is not computed from schools" in at.error[0].value


def test_a_school_page_shows_register_timeline_results_and_takes_an_la_category(app):
    from pages.ui import store

    app.switch_page("pages/school.py")
    app.query_params["urn"] = "118245"
    at = app.run()
    assert not at.exception
    shown = texts(at)
    assert "Darenth Community Primary School" in shown and "Kent (886)" in shown
    assert "Inspections" in shown and "Results by year" in shown
    assert len(at.dataframe) >= 2
    next(t for t in at.text_input if t.label == "Category").input("Category 3: needs support")
    next(t for t in at.text_area if t.label == "Note" and t.key != "target-note").input(
        "Visit planned for the spring term."
    )
    next(b for b in at.button if b.label == "Save category").click().run()
    assert not at.exception
    log = store().cursor().execute("SELECT action, detail FROM audit_log WHERE action = 'school-category'").fetchall()
    assert log and "Category 3" in log[0][1]
    assert "Category 3: needs support" in at.dataframe[-1].value["Category"].tolist()


def test_an_unknown_urn_is_refused_plainly(app):
    app.switch_page("pages/school.py")
    app.query_params["urn"] = "12"
    at = app.run()
    assert not at.exception and "No school with URN 12" in at.error[0].value


def test_admin_import_names_the_problem_and_imports_nothing(app):
    from pages.ui import store

    app.switch_page("pages/import_schools.py")
    at = app.run()
    assert not at.exception
    before = store().scalar("SELECT count(*) FROM school_inspections")
    at.file_uploader[0].set_value(("outcomes.csv", ofsted([ofsted_row("100001", oe="7")]), "text/csv")).run()
    at.button[0].click().run()
    assert "Nothing was imported" in at.error[0].value
    assert 'outcomes.csv row 2, column Overall effectiveness: "7" is not an Ofsted grade' in texts(at)
    assert store().scalar("SELECT count(*) FROM school_inspections") == before
    at.file_uploader[0].set_value(
        (
            "outcomes_as_at_31_August_2026.csv",
            ofsted([ofsted_row("100001", laestab="8869999", name="New School")]),
            "text/csv",
        )
    ).run()
    at.button[0].click().run()
    assert not at.exception and not at.error, texts(at)[-600:]
    assert "Imported 1 file" in texts(at), texts(at)[-800:]
