"""A presenter opens a bookmarked board link and steps through it with the keyboard; no sidebar or toolbar."""

import re

from tests.e2e.conftest import wait_idle


def heading(page) -> str:
    return page.locator("h1.kpi-slide-title").inner_text()


def press(page, key: str, slide: int, title: str) -> None:
    """Press a key and wait for the slide it leads to, by its URL and its heading."""
    page.keyboard.press(key)
    page.wait_for_url(re.compile(rf"slide={slide}\b"))
    wait_idle(page)
    page.get_by_role("heading", name=title).wait_for()


def test_bookmarked_link_steps_with_arrow_keys(app_url, page):
    page.goto(app_url + "/present?plan=kent-2013-14&order=P5,P3,P6&slide=1")
    wait_idle(page)
    page.locator("h1.kpi-slide-title").wait_for()
    assert heading(page) == "Narrowing achievement gaps"
    assert page.locator("[data-testid='stSidebar']").is_hidden()
    assert (
        page.locator("[data-testid='stToolbar']").count() == 0 or page.locator("[data-testid='stToolbar']").is_hidden()
    )
    assert page.locator("header[data-testid='stHeader']").is_hidden()
    assert "✖ Red" in page.locator(".kpi-tile").first.inner_text()
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for()

    press(page, "ArrowRight", 2, "Key stage 4 attainment")
    assert "▲ Amber" in page.locator(".kpi-tile").first.inner_text()
    press(page, "ArrowRight", 3, "Schools in an Ofsted category")
    press(page, "ArrowLeft", 2, "Key stage 4 attainment")
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
    press(page, "PageDown", 2, "Key stage 4 attainment")
    press(page, "PageUp", 1, "Narrowing achievement gaps")


SCROLL = """() => Math.max(...[document.scrollingElement, document.querySelector('[data-testid="stMain"]'),
    document.querySelector('[data-testid="stAppViewContainer"]')].filter(Boolean)
    .map(e => e.scrollHeight - e.clientHeight))"""


def test_every_slide_fits_the_projector_without_scrolling(app_url, browser):
    """1280x720 and 1920x1080: no vertical scroll on any slide; "No direction yet" stays on one line."""
    for width, height in ((1280, 720), (1920, 1080)):
        page = browser.new_page(viewport={"width": width, "height": height})
        slide = 1
        while True:
            page.goto(app_url + f"/present?plan=kent-2013-14&slide={slide}")
            wait_idle(page)
            page.locator("h1.kpi-slide-title").wait_for()
            page.wait_for_timeout(300)
            wait_idle(page)
            assert page.evaluate(SCROLL) <= 1, (width, height, slide, heading(page))
            for label in page.locator(".kpi-tile .d").all():
                box = label.bounding_box()
                assert box["height"] < 2 * float(label.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")), (
                    width,
                    slide,
                    label.inner_text(),
                )
            if page.get_by_role("button", name="Next").is_disabled():
                break
            slide += 1
        assert slide >= 8  # at least Kent's eight priorities
        page.close()
