"""Commentary page: flags reds and ambers without commentary; saving commentary clears the flag."""

from kpi.commentary import commentary_frame
from tests.app.conftest import texts


def test_flags_and_saves_commentary(app):
    from pages.ui import store

    app.switch_page("pages/commentary.py")
    at = app.run()
    assert not at.exception
    assert "red or amber indicators have no commentary" in texts(at)
    flagged = at.warning[0].value
    count = int(flagged.split()[0])
    at.selectbox[0].set_value("KS4-5AC-EM").run()
    at.text_area[0].input("Just below target; English results recovering.")
    at.button[0].click().run()
    assert not at.exception
    held = commentary_frame(store())
    assert list(held["text"]) == ["Just below target; English results recovering."]
    assert held["author"].iloc[0]
    at = app.run()
    assert int(at.warning[0].value.split()[0]) == count - 1


def test_actions_table_wraps_whole_descriptions(app):
    from kpi.commentary import actions_frame
    from kpi.highlight import default_plan
    from pages.ui import store

    app.switch_page("pages/commentary.py")
    at = app.run()
    assert not at.exception
    shown = at.table[0].value
    assert list(shown.columns)[:4] == ["No.", "Priority", "Indicator", "Action"]
    actions = actions_frame(store())
    expected = actions.loc[actions["plan_code"] == default_plan(store()), "description"].fillna("").tolist()
    # every description is there whole, long ones too: a table wraps, nothing is cut at a column's edge
    assert sorted(shown["Action"]) == sorted(expected) and max(map(len, expected)) > 80
