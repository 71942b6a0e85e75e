"""A director follows a school-based tile to the schools behind it, and on to one school's record."""
import re

import pytest

from tests.e2e.conftest import wait_idle


@pytest.fixture(scope="module")
def app_url(shipped_url):
    return shipped_url


def test_tile_leads_to_its_schools_and_a_school_page(app_url, page):
    page.goto(app_url)
    wait_idle(page)
    page.get_by_role("heading", name="Performance overview").wait_for()
    tile = page.locator(".st-key-tile-GOOD-PRI")
    assert "Based on" in tile.inner_text()
    tile.get_by_role("link", name=re.compile("Which schools")).click()
    page.wait_for_url(re.compile(r"/schools\?code=GOOD-PRI"))
    wait_idle(page)
    page.get_by_role("heading", name=re.compile("Kent: Schools judged good or outstanding")).wait_for()
    page.locator("[data-testid='stDataFrame']").first.wait_for()
    main = page.inner_text("[data-testid='stMain']")
    assert "primary schools are counted" in main and "What changed since" in main
    page.get_by_role("link", name=re.compile("^Open ")).click()
    page.wait_for_url(re.compile(r"/school\?urn=\d+"))
    wait_idle(page)
    page.get_by_role("heading", name="Inspections").wait_for()
    assert "Local authority" in page.inner_text("[data-testid='stMain']")
