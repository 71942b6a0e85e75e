"""Presenter mode: the URL fixes plan, order, period and slide; Back and Next step through; chrome is hidden."""

from tests.app.conftest import texts


def open_present(app, **params):
    for key, value in params.items():
        app.query_params[key] = value
    app.switch_page("pages/present.py")
    return app.run()


def html(at) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def test_order_and_slide_from_the_url_then_next_and_back(app):
    at = open_present(app, plan="kent-2013-14", order="P5,P3", slide="1")
    assert not at.exception
    assert "Narrowing achievement gaps" in html(at) and "1 of 2" in html(at)
    assert "Achievement gap: free school meals vs other pupils at GCSE (KS4)" in html(at)
    assert at.button(key="present-back").disabled
    at.button(key="present-next").click().run()
    assert "Key stage 4 attainment" in html(at) and "2 of 2" in html(at)
    assert at.query_params["slide"] == "2"
    assert at.button(key="present-next").disabled
    at.button(key="present-back").click().run()
    assert "Narrowing achievement gaps" in html(at) and at.query_params["slide"] == "1"


def test_buttons_are_bound_to_the_arrow_keys(app):
    at = open_present(app, order="P3,P5")
    assert at.button(key="present-next").proto.shortcut.lower() == "right"
    assert at.button(key="present-back").proto.shortcut.lower() == "left"


def test_tiles_show_value_target_rag_word_icon_and_arrow(app):
    at = open_present(app, order="P3")
    page = html(at)
    assert "60.5%" in page and "Target 62.0%" in page and "▲ Amber" in page and "↑ Improving" in page
    assert len(at.get("vega_lite_chart")) == 1  # the key chart


def test_period_in_the_url_fixes_the_figures(app):
    at = open_present(app, order="P3", period="2011")
    page = html(at)
    assert "2011" in page and "59.4%" in page and "60.5%" not in page


def test_slide_out_of_range_is_clamped_and_unknown_priorities_are_named(app):
    at = open_present(app, order="P3,NOPE", slide="9")
    assert "1 of 1" in html(at) and at.query_params["slide"] == "1"
    assert any("NOPE" in w.value for w in at.warning)


def test_sidebar_header_and_toolbar_are_hidden(app):
    at = open_present(app)
    style = html(at)
    for target in (
        '[data-testid="stSidebar"]',
        'header[data-testid="stHeader"]',
        '[data-testid="stToolbar"]',
        '[data-testid="stMainMenu"]',
    ):
        assert target in style
    assert "display: none" in style


def test_work_stream_plan_shows_milestones(app):
    at = open_present(app, plan="central-bedfordshire-2015-19", order="WS6")
    assert "School Places" in html(at) and "1045 new school places delivered" in html(at)


def test_unknown_period_is_a_plain_error(app):
    at = open_present(app, period="1999")
    assert any("not a period" in e.value for e in at.error)
    assert "1999" in texts(at)
