"""Uploads page: lists uploads; undo shows what it will remove, asks twice when others stand on the upload,
keeps its result on screen, never pre-selects another upload, and never acts on a preview the figures moved past."""

from kpi import figures
from kpi.returns import load_return
from tests.app.conftest import texts
from tests.conftest import tidy_workbook


def _open(app):
    app.switch_page("pages/uploads.py")
    return app.run()


def test_lists_uploads_and_undoes_one_after_showing_what_it_removes(app):
    from pages.ui import store

    _open(app)
    db = store()
    result = load_return(db, tidy_workbook([["KS2-L4-EM", "2012", "actual", 78]]), "fix.xlsx", user="officer1")
    assert result.upload_id
    at = app.run()
    table = at.dataframe[0].value
    assert list(table["file"])[:2] == ["fix.xlsx", "data/demo"]
    assert list(table["user"])[:2] == ["officer1", "demo"]
    assert at.selectbox[0].value is None and not at.button  # nothing chosen, nothing to press
    at.selectbox[0].set_value(result.upload_id).run()
    assert "puts back 1 value it changed" in at.warning[0].value
    assert "Indicators it touches" in texts(at)
    at.button[0].click().run()
    assert not at.exception
    assert figures.status(db) and {r["code"]: r for r in figures.status(db)}["KS2-L4-EM"]["actual"] == 77.5
    assert "undone: 1 value it changed put back" in at.success[0].value
    assert at.selectbox[0].value is None  # the next upload is not pre-selected
    at.run()
    assert "undone" in at.success[0].value  # the result stays


def test_the_first_full_return_needs_a_second_confirmation(app):
    at = _open(app)
    first = at.selectbox[0].options[-1]
    at.selectbox[0].set_value(int(first.split(":")[0])).run()
    assert "first full return" in "\n".join(e.value for e in at.error)
    assert at.button[0].disabled
    at.checkbox[0].check().run()
    assert not at.button[0].disabled


def test_an_undo_the_figures_moved_past_is_not_done_and_the_new_preview_shows(app):
    from pages.ui import store

    _open(app)
    db = store()
    first = load_return(db, tidy_workbook([["KS2-L4-EM", "2012", "actual", 78]]), "fix.xlsx", user="officer1")
    at = app.run()
    at.selectbox[0].set_value(first.upload_id).run()
    load_return(db, tidy_workbook([["KS4-5AC-EM", "2013", "actual", 80]]), "later.xlsx", user="officer2")
    at.button[0].click().run()
    assert "changed after you looked" in "\n".join(e.value for e in at.error)
    assert db.scalar("SELECT undone_at FROM uploads WHERE upload_id = ?", [first.upload_id]) is None
    at.button[0].click().run()  # confirmed against what is on screen now
    assert db.scalar("SELECT undone_at FROM uploads WHERE upload_id = ?", [first.upload_id]) is not None
