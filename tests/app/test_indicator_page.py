"""Indicator page: chart, one-sentence summary, table with RAG per period, definition; the code lives in the URL."""

from tests.app.conftest import texts


def open_indicator(app, code):
    app.query_params["code"] = code
    app.switch_page("pages/indicator.py")
    return app.run()


def test_trend_chart_summary_and_definition(app):
    at = open_indicator(app, "KS2-L4-EM")
    assert not at.exception
    assert (
        at.title[0].value == "Pupils achieving level 4\\+ in English and maths at KS2" or "level 4" in at.title[0].value
    )
    shown = texts(at)
    assert (
        "In 2012, pupils achieving level 4+ in English and maths at KS2 was 77.5% against a target of 74.0%: rated green, "
        "improving from 72.0% in 2011; 1.2 pp below the statistical-neighbour average and 1.5 pp below England."
        in shown
    )
    assert len(at.get("vega_lite_chart")) == 1
    assert "amber when missed by no more than 2 pp (the default)" in shown


def test_table_has_rag_per_period(app):
    at = open_indicator(app, "KS2-L4-EM")
    table = at.dataframe[0].value
    assert list(table["Period"])[:5] == ["2008", "2009", "2010", "2011", "2012"]
    assert list(table["RAG"])[:5] == ["✖ Red", "✖ Red", "✖ Red", "▲ Amber", "✔ Green"]
    assert list(table["Statistical neighbours"])[4] == "78.7%"


def test_reported_rag_that_differs_from_the_rule_is_flagged(app):
    at = open_indicator(app, "KS4-5AC-EM")
    table = at.dataframe[0].value
    row = table[table["Period"] == "2009"].iloc[0]
    assert (row["RAG"], row["Reported RAG"]) == ("✖ Red", "▲ Amber")


def test_code_in_the_url_selects_the_indicator(app):
    at = open_indicator(app, "OFSTED-CAT")
    assert at.selectbox[0].value == "OFSTED-CAT"
    at.selectbox[0].set_value("GAP-FSM-KS2").run()
    assert at.query_params["code"] in ("GAP-FSM-KS2", ["GAP-FSM-KS2"])
    assert "free school meals" in at.title[0].value


def test_indicator_without_figures_says_so(app, demo_db):
    at = open_indicator(app, "NOT-A-CODE")
    assert at.selectbox[0].value == "KS1-READ"


def test_header_is_the_card_and_caveats_sit_beside_the_figure(app):
    at = open_indicator(app, "KS2-L4-EM")
    shown = texts(at)
    assert "Target 74.0% · 3.5 pp above target" in shown
    assert "Demo figure: England figure uncertain" in shown  # the plan's "SN or National" column
    assert "Demo figure: Floor uncertain" in shown  # the plan's "Floor" is the 2011 result


def test_caption_names_only_the_series_drawn(app):
    at = open_indicator(app, "OFSTED-CAT")  # actuals and targets only: no neighbours, England or region
    caption = next(c.value for c in at.caption if "solid line" in c.value)
    assert "Actual" in caption and "Target" in caption
    assert "neighbours" not in caption and "England" not in caption and "Region" not in caption
