"""Ten people opening the dashboard at once, just after it starts: every first load ends on its page, through app.py.

A fresh server starts in Streamlit's pages-directory mode (the folder is called pages/), so the first
sessions to arrive run their typed page directly and import its modules at the same moment. Before
the fix, three to seven of ten such loads showed an exception (ImportError: a rerun raised inside the
shared import of pages.ui handed the sessions waiting for it a half-made module).
"""

import shutil
from pathlib import Path

from pages.ui.links import PAGE_FILES
from tests.e2e.conftest import start_app, stop_app, wait_idle

PRODUCT = "School improvement performance"
# Typed addresses, as bookmarks and links in emailed papers are (the first ones import the most), and the
# page each must end on: its name starts the browser's title, which app.py sets.
ADDRESSES = {
    "board": "Highlight report",
    "present": "Present",
    "commentary": "Commentary and actions",
    "upload": "Upload a return",
    "admin": "Audit log and backup",
    "indicator?code=KS2-L4-EM": "Indicator",
    "compare": "Compare",
    "profile?la=840": "Authority profile",
    "all-las": "All LAs",
    "": "Overview",
}
FILE_NAMED = {"", *(Path(p).stem for p in PAGE_FILES.values())}


def test_ten_first_loads_at_once_after_a_start_show_no_exception(browser, demo_db_template, tmp_path):
    db = tmp_path / "kpi.duckdb"
    shutil.copy(demo_db_template, db)
    proc, url = start_app(db)
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in ADDRESSES]
    try:
        pages = [context.new_page() for context in contexts]
        for pg, address in zip(pages, ADDRESSES):  # all ten sessions open before any has finished
            pg.goto(f"{url}/{address}", wait_until="commit")
        for pg, (address, name) in zip(pages, ADDRESSES.items()):
            wait_idle(pg, timeout=240000)
            assert pg.locator("[data-testid='stException']").count() == 0, address
            # app.py names every page in the browser's title: the run went through its menu and viewer_gate,
            # and ended on the page the address asks for
            assert pg.title() == f"{name} · {PRODUCT}", (address, pg.title())
            if address.split("?")[0] in FILE_NAMED:
                # (an address that is not a file's name, like all-las, gets Streamlit's "Page not found" note from
                # the old mode's own menu before any code of ours runs; the page it then shows is still the right one)
                assert "Page not found" not in pg.inner_text("body"), address
    finally:
        for context in contexts:
            context.close()
        stop_app(proc)
    server_log = proc.log_path.read_text(errors="replace")
    assert "Traceback" not in server_log and "Uncaught app execution" not in server_log, server_log[-4000:]
