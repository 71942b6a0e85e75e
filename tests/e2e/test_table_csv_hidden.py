"""Streamlit's own "Download as CSV" on a table would export stored text unneutralised: it is hidden on every page."""

from tests.e2e.conftest import wait_idle


def test_the_built_in_csv_button_is_hidden_and_the_rest_of_the_toolbar_stays(app_url, page):
    page.goto(app_url + "/admin")
    wait_idle(page, 120000)
    page.locator("[data-testid='stDataFrame']").first.hover()
    search = page.locator("[data-testid='stElementToolbar'] button[aria-label='Search']").first
    search.wait_for(state="visible", timeout=10000)
    assert page.locator("button[aria-label='Download as CSV']").count() >= 1  # Streamlit still renders it ...
    assert not page.locator("button[aria-label='Download as CSV']").first.is_visible()  # ... but nobody can use it
