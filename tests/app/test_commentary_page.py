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
