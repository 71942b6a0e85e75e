"""The Highlight report and Present show risks by exception and the plan's matrix in words."""

from datetime import date

from kpi.risk_register import RiskRow, record_risk
from tests.app.conftest import texts


def _risks():
    from pages.ui import store

    s = store()
    record_risk(
        s,
        RiskRow(
            "kent-2013-14",
            "R2",
            "Floor standards rise",
            likelihood=4,
            impact=4,
            priorities=("P4",),
            assessed_on=date(2013, 6, 1),
        ),
        user="t",
    )


def test_highlight_report_shows_a_high_risk_under_its_priority_and_the_matrix(app):
    _risks()
    app.switch_page("pages/board.py")
    at = app.run()
    assert not at.exception
    shown = texts(at)
    assert "Risks and issues by exception" in shown and "High (16) · R2 Floor standards rise" in shown
    assert any("Risk matrix" in e.label for e in at.expander)
    assert "■ High · 1 (R2)" in at.table[0].value.to_string()


def test_present_shows_the_matrix_on_the_across_the_plan_slide(app):
    _risks()
    app.switch_page("pages/present.py")
    at = app.run()
    slides = int(at.markdown[1].value.split(" of ")[1].split("<")[0])
    app.query_params["slide"] = str(slides)
    at = app.run()
    html = "\n".join(m.value for m in at.markdown)
    assert "Across the plan" in html and 'class="kpi-matrix"' in html and "■ High · 1 (R2)" in html
    assert '<th scope="row">4 Likely</th>' in html
