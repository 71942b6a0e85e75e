"""A presenter opens a bookmarked board link and steps through it with the keyboard; no sidebar or toolbar."""
import re

from tests.e2e.conftest import wait_idle


def heading(page) -> str:
    return page.locator("h1.kpi-slide-title").inner_text()


def test_bookmarked_link_steps_with_arrow_keys(app_url, page):
    page.goto(app_url + "/present?plan=kent-2013-14&order=P5,P3,P6&slide=1")
    wait_idle(page)
    page.locator("h1.kpi-slide-title").wait_for()
    assert heading(page) == "Narrowing achievement gaps"
    assert page.locator("[data-testid='stSidebar']").is_hidden()
    assert page.locator("[data-testid='stToolbar']").count() == 0 or page.locator("[data-testid='stToolbar']").is_hidden()
    assert page.locator("header[data-testid='stHeader']").is_hidden()
    assert "✖ Red" in page.locator(".kpi-tile").first.inner_text()
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for()

    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"slide=2"))
    wait_idle(page)
    page.get_by_role("heading", name="Key stage 4 attainment").wait_for()
    assert "▲ Amber" in page.locator(".kpi-tile").first.inner_text()

    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"slide=3"))
    wait_idle(page)
    page.get_by_role("heading", name="Schools in an Ofsted category").wait_for()

    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(r"slide=2"))
    wait_idle(page)
    page.get_by_role("heading", name="Key stage 4 attainment").wait_for()
    assert "order=P5%2CP3%2CP6" in page.url or "order=P5,P3,P6" in page.url


def test_link_opens_on_its_slide_and_period(app_url, page):
    page.goto(app_url + "/present?plan=kent-2013-14&order=P3&period=2011&slide=1")
    wait_idle(page)
    page.get_by_role("heading", name="Key stage 4 attainment").wait_for()
    tile = page.locator(".kpi-tile").first.inner_text()
    assert "59.4%" in tile and "2011" in tile


def test_a_clicker_steps_with_page_down_and_page_up(app_url, page):
    page.goto(app_url + "/present?plan=kent-2013-14&order=P5,P3&slide=1")
    wait_idle(page)
    page.locator("h1.kpi-slide-title").wait_for()
    assert page.get_by_role("button", name="Next slide").is_hidden()
    page.keyboard.press("PageDown")
    page.wait_for_url(re.compile(r"slide=2"))
    wait_idle(page)
    page.get_by_role("heading", name="Key stage 4 attainment").wait_for()
    page.keyboard.press("PageUp")
    page.wait_for_url(re.compile(r"slide=1"))
