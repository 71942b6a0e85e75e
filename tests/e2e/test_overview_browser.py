"""A director opens the overview, follows a tile to its indicator and sees the trend chart."""

import re

from tests.e2e.conftest import wait_idle


def test_tile_leads_to_indicator_chart(app_url, page):
    page.goto(app_url)
    wait_idle(page)
    page.get_by_role("heading", name="Performance overview").wait_for()
    tile = page.locator(".st-key-tile-KS2-L4-EM")
    assert "Green" in tile.inner_text() and "77.5%" in tile.inner_text()
    tile.get_by_role("link", name=re.compile("Open trend")).click()
    page.wait_for_url(re.compile(r"/indicator\?code=KS2-L4-EM"))
    wait_idle(page)
    page.get_by_role("heading", name=re.compile("English and maths at KS2")).wait_for()
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.wait_for()
    chart.locator("canvas, svg").first.wait_for()
    assert "against a target of 74.0%" in page.inner_text("[data-testid='stMain']")


def test_link_with_code_opens_the_same_view(app_url, page):
    page.goto(app_url + "/indicator?code=OFSTED-CAT")
    wait_idle(page)
    page.get_by_role("heading", name=re.compile("Ofsted category")).wait_for()
    page.get_by_role("tab", name="Table").click()
    page.locator("[data-testid='stDataFrame']").first.wait_for()
