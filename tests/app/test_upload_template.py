"""The Upload page offers the template; a downloaded template loads back without changes."""

from kpi.returns import load_return


def test_template_download_round_trips(app):
    from pages.ui import store

    app.switch_page("pages/upload.py")
    at = app.run()
    assert not at.exception
    buttons = at.get("download_button")
    assert len(buttons) == 1
    from kpi.returns.template import build_template

    data = build_template(store())
    result = load_return(store(), data, "template.xlsx", user="officer1", dry_run=True)
    assert result.ok and not result.changes.may_change


def test_unknown_period_is_explained(app):
    app.switch_page("pages/upload.py")
    at = app.run()
    at.text_input[0].input("Sept twenty").run()
    assert "Sept twenty" in at.error[0].value


def test_a_mistyped_period_is_said_on_the_page_before_the_template_is_asked_for(app):
    app.switch_page("pages/upload.py")
    at = app.run()
    at.text_input[0].input("next spring").run()
    assert not at.exception
    assert any("next spring" in e.value or "period" in e.value.lower() for e in at.error), [e.value for e in at.error]
