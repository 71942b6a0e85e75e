"""Uploads page: lists uploads and undoes one, restoring exactly what it replaced."""
from kpi import figures
from kpi.returns import load_return
from tests.conftest import tidy_workbook


def test_lists_uploads_and_undoes_one(app):
    from pages.ui import store
    app.switch_page("pages/uploads.py")
    app.run()
    db = store()
    result = load_return(db, tidy_workbook([["KS2-L4-EM", "2012", "actual", 78]]), "fix.xlsx", user="officer1")
    assert result.upload_id
    at = app.run()
    table = at.dataframe[0].value
    assert list(table["file"])[:2] == ["fix.xlsx", "data/demo"]
    assert list(table["user"])[:2] == ["officer1", "demo"]
    at.selectbox[0].set_value(result.upload_id)
    at.button[0].click().run()
    assert not at.exception
    latest = {r["code"]: r for r in figures.status(db)}
    assert latest["KS2-L4-EM"]["actual"] == 77.5
