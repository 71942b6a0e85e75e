"""A director follows a school-based tile to the schools behind it, and on to one school's record."""

import re

import pytest

from tests.e2e.conftest import open_from_menu, wait_idle


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


def test_schools_causing_concern_lists_why_and_opens_a_school_with_its_target(app_url, page):
    page.goto(app_url)
    wait_idle(page)
    open_from_menu(page, "Schools", "Schools causing concern")
    page.wait_for_url(re.compile(r"/concern"))
    wait_idle(page)
    page.get_by_role("heading", name=re.compile("Kent: schools causing concern, as at")).wait_for()
    main = page.inner_text("[data-testid='stMain']")
    assert "open schools are listed by 6 rules" in main and "In an Ofsted category" in main
    box = page.get_by_role("checkbox", name="Declined at its last graded inspection")
    page.locator("label").filter(has=box).click()
    wait_idle(page)
    assert not box.is_checked()
    assert "listed by 5 rules" in page.inner_text("[data-testid='stMain']")
    page.get_by_role("link", name=re.compile("^Open ")).click()
    page.wait_for_url(re.compile(r"/school\?urn=\d+"))
    wait_idle(page)
    page.get_by_role("heading", name="Target").wait_for()
    assert "No target is set for this school." in page.inner_text("[data-testid='stMain']")
