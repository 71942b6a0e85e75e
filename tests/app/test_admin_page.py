"""Admin page: the audit log is shown and filtered, and a backup can be taken while the app runs."""

from kpi.returns import load_return
from pages.ui import store
from tests.conftest import tidy_workbook


def test_audit_log_filters_exports_and_backup(app, demo_db):
    at = app.switch_page("pages/admin.py").run()  # no sign-in configured: a local copy, everyone is admin
    assert not at.exception and not at.error
    assert load_return(store(), tidy_workbook([["KS2-L4-EM", "2013", "actual", 80.1]]), "=evil.xlsx", user="olivia").ok
    at = at.run()
    at.selectbox[0].select("olivia").run()
    log = at.dataframe[0].value
    assert list(log["user"]) == ["olivia"] and list(log["action"]) == ["upload"]
    assert "detail" not in log.columns  # the screen shows words, never the stored JSON
    assert log["what"][0].startswith("upload ") and "file =evil.xlsx" in log["what"][0]
    assert "1 added, 0 changed" in log["what"][0]
    at.text_input[0].input("no such thing").run()
    assert at.dataframe[0].value.empty

    next(b for b in at.button if b.label == "Take a backup now").click().run()
    assert "Backup kpi-" in at.success[0].value
    backups = list((demo_db.parent / "backups").iterdir())
    assert len(backups) == 1 and (backups[0] / "schema.sql").is_file()

    assert (backups[0] / "manifest.json").is_file() and "SHA-256" in at.success[0].value


def test_the_admin_checks_the_audit_chain_and_sees_where_it_breaks(app, demo_db):
    at = app.switch_page("pages/admin.py").run()
    at = next(b for b in at.button if b.label == "Check the audit log").click().run()
    assert "rows all verify" in at.success[0].value
    import duckdb

    con = duckdb.connect(str(demo_db))
    con.execute("UPDATE audit_log SET user_name = 'someone else' WHERE audit_id = 3")
    con.close()
    at = next(b for b in at.button if b.label == "Check the audit log").click().run()
    assert "does not verify from row 3" in at.error[0].value
