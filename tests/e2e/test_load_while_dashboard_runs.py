"""The command line beside the running dashboard: every command works, and a load shows on the next page run."""

import json
import shutil
import subprocess
import sys

from tests.conftest import ROOT, tidy_workbook
from tests.e2e.conftest import start_app, stop_app, wait_idle


def kpi(*args, timeout=180):
    return subprocess.run(
        [sys.executable, "-m", "kpi", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def test_every_command_works_while_the_dashboard_runs_and_a_load_shows_at_once(demo_db_template, tmp_path, page):
    db = tmp_path / "kpi.duckdb"
    shutil.copy(demo_db_template, db)
    ret = tmp_path / "r.xlsx"
    ret.write_bytes(tidy_workbook([["KS2-L4-EM", "2013", "actual", 80.1]]))
    proc, url = start_app(db)
    try:
        page.goto(url)
        wait_idle(page)
        ks2 = page.locator(".st-key-tile-KS2-L4-EM")
        assert "77.5%" in ks2.inner_text()

        reads = {
            "status": kpi("status", "--db", db, "--json"),
            "series": kpi("series", "KS2-L4-EM", "--db", db, "--json"),
            "uploads": kpi("uploads", "--db", db, "--json"),
            "audit": kpi("audit", "--db", db, "--json"),
            "template": kpi("template", "--db", db, "--out", tmp_path / "t.xlsx"),
            "board-pack": kpi("board-pack", "--db", db, "--out", tmp_path / "pack.pdf"),
            "backup": kpi("backup", "--db", db, "--out", tmp_path / "backup"),
        }
        for name, out in reads.items():
            assert out.returncode == 0, f"{name}: {out.stderr}"
            assert "Traceback" not in out.stderr
        assert json.loads(reads["status"].stdout)

        loaded = kpi("load", ret, "--db", db, "--user", "night-import")
        assert loaded.returncode == 0, loaded.stderr
        page.reload()
        wait_idle(page)
        assert "80.1%" in page.locator(".st-key-tile-KS2-L4-EM").inner_text()  # the dashboard saw the write at once

        uploads = json.loads(kpi("uploads", "--db", db, "--json").stdout)
        undone = kpi("undo", uploads[0]["id"], "--db", db, "--yes")  # a scheduled job answers no questions
        assert undone.returncode == 0, undone.stderr
        page.reload()
        wait_idle(page)
        assert "77.5%" in page.locator(".st-key-tile-KS2-L4-EM").inner_text()
        assert page.locator("[data-testid='stException']").count() == 0
    finally:
        stop_app(proc)
