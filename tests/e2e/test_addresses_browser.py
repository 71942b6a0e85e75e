"""In a real browser: every page has its own address and a browser title (tab, history, bookmarks) naming it."""
from tests.e2e.conftest import wait_idle

# address -> the page's name, which is its heading too except on the Indicator page (the indicator's title)
# and Present (the priority on screen)
PAGES = {
    "overview": "Overview",
    "indicator": "Indicator",
    "compare": "Compare",
    "board": "Highlight report",
    "present": "Present",
    "commentary": "Commentary and actions",
    "upload": "Upload a return",
    "uploads": "Uploads",
    "admin": "Audit log and backup",
    "import-dfe": "Import DfE data",
}


def test_each_address_opens_its_page_with_a_title_naming_it(app_url, page):
    titles = {}
    for path, name in PAGES.items():
        page.goto(f"{app_url}/{path}")
        wait_idle(page)
        body = page.inner_text("body")
        assert "Page not found" not in body and "no corresponding file" not in body, path
        if path not in ("indicator", "present"):
            assert page.get_by_role("heading", name=name).first.is_visible(), path
        titles[path] = page.title()
        assert titles[path].startswith(name), (path, titles[path])
    assert len(set(titles.values())) == len(titles), titles


def test_the_root_address_is_the_overview(app_url, page):
    page.goto(app_url)
    wait_idle(page)
    assert page.title().startswith("Overview")
