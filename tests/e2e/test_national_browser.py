"""Any authority in a real browser, on the built-in national data: choose a home authority, read its profile,
then build a table of its own and come back to it from the address."""

from tests.e2e.conftest import open_from_menu, wait_idle


def _main(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


def test_home_chooser_then_profile_then_create_your_own(app_url, page):
    page.goto(app_url + "/profile")
    wait_idle(page, timeout=120000)  # the first load reads every LA's figures once
    assert "Kent (886), South East" in _main(page)  # the plan's own authority is the default home

    chooser = page.get_by_role("combobox", name="Authority (type to search)")
    chooser.click()
    chooser.fill("Durham")
    page.get_by_role("option", name="Durham (840)").click()
    wait_idle(page, timeout=60000)
    body = _main(page)
    assert "Durham (840), North East" in body and "la=840" in page.url
    card = page.locator("[class*='st-key-profile-KS2RWM_Expected_STD']")
    assert "Rank " in card.inner_text() and "May 2025 model" in card.inner_text()

    open_from_menu(page, "National", "Create your own")
    wait_idle(page, timeout=60000)
    body = _main(page)
    assert "Durham and its neighbours: 11 LAs × 2 measures" in body  # the home chosen stays for the session
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.locator("svg").first.wait_for(timeout=30000)
    assert "la=840" in page.url and "preset=neighbours" in page.url and "measures=" in page.url

    bookmark = page.url
    page.goto(app_url + "/overview")
    wait_idle(page, timeout=60000)
    page.goto(bookmark)  # the bookmark opens exactly the same table
    wait_idle(page, timeout=60000)
    assert "Durham and its neighbours: 11 LAs × 2 measures" in _main(page) and "la=840" in page.url
