"""In a real browser, with users configured: a viewer who types /upload is refused; the menu offers it only to officers."""

import pytest

from tests.e2e.conftest import browser_sign_in, menu_links, open_from_menu, start_secured_app, stop_app, wait_idle

USERS = {"vic": ("viewer-pass", "viewer"), "olivia": ("officer-pass", "officer")}
REFUSAL = "You need the officer role to upload returns"


@pytest.fixture(scope="module")
def secured_url(demo_db_template, tmp_path_factory):
    """The app run from a temporary copy of the project, whose .streamlit/secrets.toml lists users."""
    proc, url, _ = start_secured_app(tmp_path_factory.mktemp("secured"), demo_db_template, USERS)
    yield url
    stop_app(proc)


def sign_in(page, url, name):
    browser_sign_in(page, url, name, USERS[name][0])


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
