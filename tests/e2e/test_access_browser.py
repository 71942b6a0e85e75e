"""In a real browser, with users configured: a viewer who types /upload is refused; the menu offers it only to officers."""
import shutil

import pytest

from kpi.auth import hash_password
from tests.conftest import ROOT
from tests.e2e.conftest import menu_links, open_from_menu, start_app, stop_app, wait_idle

USERS = {"vic": ("viewer-pass", "viewer"), "olivia": ("officer-pass", "officer")}
REFUSAL = "You need the officer role to upload returns"


@pytest.fixture(scope="module")
def secured_url(demo_db_template, tmp_path_factory):
    """The app run from a temporary copy of the project, whose .streamlit/secrets.toml lists users."""
    app_dir = tmp_path_factory.mktemp("secured") / "app"
    shutil.copytree(ROOT, app_dir, ignore=shutil.ignore_patterns(
        ".git", "__pycache__", "tests", "*.duckdb", "*.duckdb.wal", "backups", "test-results", "screenshots", ".venv"))
    (app_dir / ".streamlit" / "secrets.toml").write_text("".join(
        f'[users.{name}]\npassword_hash = "{hash_password(pw, n=2 ** 12)}"\nrole = "{role}"\n\n'
        for name, (pw, role) in USERS.items()))
    db = app_dir / "kpi.duckdb"
    shutil.copy(demo_db_template, db)
    proc, url = start_app(db, app_dir=app_dir)
    yield url
    stop_app(proc)


def sign_in(page, url, name):
    page.goto(url + "/signin")
    wait_idle(page)
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password", exact=True).fill(USERS[name][0])
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text(f"You are signed in as {name}").wait_for(timeout=30000)
    wait_idle(page)


def test_viewer_typing_the_upload_url_is_refused(secured_url, page):
    sign_in(page, secured_url, "vic")
    menu = menu_links(page)
    assert "Overview" in menu["Dashboard"] and "Returns" not in menu
    assert "Upload a return" not in sum(menu.values(), [])
    assert menu["About"] == ["Accessibility statement"]
    page.goto(secured_url + "/upload")
    wait_idle(page)
    page.get_by_text(REFUSAL).wait_for(timeout=30000)
    assert page.locator("input[type='file']").count() == 0


def test_officer_reaches_the_upload_page_from_the_menu(secured_url, page):
    sign_in(page, secured_url, "olivia")
    open_from_menu(page, "Returns", "Upload a return")
    page.locator("input[type='file']").wait_for(state="attached", timeout=30000)
    wait_idle(page)
    assert page.get_by_text(REFUSAL).count() == 0
