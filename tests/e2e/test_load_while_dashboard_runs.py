"""A command-line load while the dashboard holds the database says which process and what to do, without a traceback."""
import shutil
import subprocess
import sys

from tests.conftest import ROOT, tidy_workbook
from tests.e2e.conftest import start_app, stop_app, wait_idle


def test_load_while_streamlit_holds_the_database_exits_2_plainly(demo_db_template, tmp_path, page):
    db = tmp_path / "kpi.duckdb"
    shutil.copy(demo_db_template, db)
    ret = tmp_path / "r.xlsx"
    ret.write_bytes(tidy_workbook([["KS2-L4-EM", "2013", "actual", 80.1]]))
    proc, url = start_app(db)
    try:
        page.goto(url)
        wait_idle(page)  # the first page run opens the database and holds it
        out = subprocess.run([sys.executable, "-m", "kpi", "load", str(ret), "--db", str(db)],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        stop_app(proc)
    assert out.returncode == 2
    assert f"(PID {proc.pid}, the dashboard: streamlit run app.py)" in out.stderr
    assert "make the change from its pages instead, or stop the dashboard" in out.stderr
    assert "Traceback" not in out.stderr and "IO Error" not in out.stderr and "Conflicting lock" not in out.stderr
    after = subprocess.run([sys.executable, "-m", "kpi", "load", str(ret), "--db", str(db)],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert after.returncode == 0, after.stderr  # once the dashboard has stopped, the same command works
