"""Upload page: problems listed by cell and nothing written; a valid return previews, then commits on confirm."""

from kpi import figures
from tests.app.conftest import texts
from tests.conftest import tidy_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(app, data, name="return.xlsx"):
    app.switch_page("pages/upload.py")
    at = app.run()
    at.file_uploader[0].set_value((name, data, XLSX))
    return at.run()


def test_bad_return_lists_problems_by_cell_and_writes_nothing(app, demo_db):
    at = upload(app, tidy_workbook([["KS2-L4-EM", "2013", "actual", "seventy"]]))
    assert not at.exception
    assert "Nothing has been written" in at.error[0].value
    problems = at.dataframe[0].value
    assert list(problems["Where"]) == ["Data!D2"]
    assert not at.button


def test_preview_then_confirm_commits(app, demo_db):
    at = upload(app, tidy_workbook([["KS2-L4-EM", "2013", "actual", 80.1], ["KS2-L4-EM", "2012", "actual", 78]]))
    assert [m.value for m in at.metric][:3] == ["1", "1", "0"]
    changed = at.dataframe[0].value
    assert list(changed["Old → new"]) == ["77.5% → 78.0%"]
    assert list(changed["Period"]) == ["2012"]
    assert list(changed["Indicator"]) == ["Pupils achieving level 4+ in English and maths at KS2 (KS2-L4-EM)"]
    assert list(changed["RAG"]) == ["✔ Green"]  # 78.0% against 2012's target of 74.0%
    new = at.dataframe[1].value
    assert list(new["Where"]) == ["Data!D2"] and list(new["Value"]) == ["80.1%"]
    assert list(new["RAG"]) == ["▲ Amber"]  # 80.1% against 2013's stored target of 81.0%: within 2 pp
    at.button[0].click().run()
    assert "Committed as upload" in texts(at)
    from pages.ui import store  # the app holds the file: read through its cached store

    latest = {r["code"]: r for r in figures.status(store())}
    assert latest["KS2-L4-EM"]["actual"] == 80.1


def test_not_an_xlsx_gets_a_plain_message(app):
    at = upload(app, b"Indicator,Period\nKS2,2012\n", name="renamed.xlsx")
    assert "not an Excel workbook" in at.dataframe[0].value["Problem"][0]
    assert "Traceback" not in texts(at)


def test_the_workbook_is_read_once_however_often_the_page_reruns(app, monkeypatch):
    import kpi.returns

    calls = []
    real = kpi.returns.load_return
    monkeypatch.setattr(kpi.returns, "load_return", lambda *a, **k: calls.append(1) or real(*a, **k))
    at = upload(app, tidy_workbook([["KS2-L4-EM", "2013", "actual", 80.1]]))
    at.run()
    at.run()
    assert not at.exception and len(calls) == 1


def test_confirm_writes_only_what_was_previewed_and_says_so_when_the_figures_moved(app):
    from kpi.returns import load_return
    from pages.ui import store

    at = upload(app, tidy_workbook([["KS2-L4-EM", "2013", "actual", 80.1]]))
    assert [m.value for m in at.metric][:2] == ["1", "0"]
    # someone else writes the same value's period before this officer confirms
    load_return(store(), tidy_workbook([["KS2-L4-EM", "2013", "actual", 79]]), "other.xlsx", user="omar")
    at.button[0].click().run()
    assert "changed after you looked" in at.error[0].value
    assert [m.value for m in at.metric][:2] == ["0", "1"]  # the new preview: now a change of 79
    assert {r["code"]: r for r in figures.status(store())}["KS2-L4-EM"]["actual"] == 79
    at.button[0].click().run()
    assert "Committed as upload" in texts(at)
    assert {r["code"]: r for r in figures.status(store())}["KS2-L4-EM"]["actual"] == 80.1
