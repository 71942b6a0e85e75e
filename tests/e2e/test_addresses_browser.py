"""In a real browser: every page has its own address and a browser title (tab, history, bookmarks) naming it,
different from every other page's (WCAG 2.4.2)."""

import shutil

from tests.e2e.conftest import start_app, stop_app, wait_idle

# address -> the page's name, which is its heading too except on the Indicator page (the indicator's title),
# Present (the priority on screen) and the schools behind a figure (the figure)
PAGES = {
    "overview": "Overview",
    "indicator": "Indicator",
    "compare": "Compare",
    "profile": "Authority profile",
    "regional": "Regional",
    "neighbours": "Statistical neighbours",
    "all-las": "All LAs",
    "create": "Create your own",
    "measures": "Measures and sources",
    "schools": "Schools behind a figure",
    "school": "School",
    "board": "Highlight report",
    "present": "Present",
    "commentary": "Commentary and actions",
    "upload": "Upload a return",
    "uploads": "Uploads",
    "admin": "Audit log and backup",
    "import-dfe": "Import DfE data",
    "import-schools": "Import school data",
    "concern": "Schools causing concern",
    "accessibility": "Accessibility statement",
    "signin": "Sign in",
}
HEADED_OTHERWISE = ("indicator", "present", "schools")


def test_each_address_opens_its_page_with_a_title_naming_it(app_url, page):
    titles = {}
    for path, name in PAGES.items():
        page.goto(f"{app_url}/{path}")
        wait_idle(page)
        body = page.inner_text("body")
        assert "Page not found" not in body and "no corresponding file" not in body, path
        if path not in HEADED_OTHERWISE:
            assert page.get_by_role("heading", name=name).first.is_visible(), path
        titles[path] = page.title()
        assert titles[path].startswith(name), (path, titles[path])
    assert len(set(titles.values())) == len(titles), titles


def test_the_root_address_is_the_overview(app_url, page):
    page.goto(app_url)
    wait_idle(page)
    assert page.title().startswith("Overview")


def test_a_typed_overview_address_opens_it_without_page_not_found(app_url, browser):
    """Streamlit serves its default page only at "/": /overview showed "Page not found" on every load but a
    server's first, so a second fresh session must open it cleanly too."""
    for address in ("compare", "overview", "overview"):
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{app_url}/{address}")
        wait_idle(page)
        page.wait_for_timeout(1000)  # the dialog comes with the menu, after the run has started
        assert "Page not found" not in page.inner_text("body"), address
        title = page.title()
        context.close()
    assert title.startswith("Overview")


def _server_asks(browser, address: str) -> tuple[list[str], str]:
    """What a fresh browser asks of the server while `address` opens, and the page's heading text."""
    context = browser.new_context()
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url.split("?")[0]))
    page.goto(address)
    wait_idle(page)
    heading = page.get_by_role("heading", level=1).first.inner_text()
    context.close()
    return [url for url in asked if "/_stcore/" in url], heading


def test_a_page_address_connects_straight_to_the_server(app_url, browser):
    """Opened at /board, Streamlit's page asked /board/_stcore/health first, got "not found" and waited
    about 100 ms before asking at the root; the server now tells it where its root is."""
    for address, heading in (("board", "Highlight report"), ("measures", "Measures and sources")):
        core, shown = _server_asks(browser, f"{app_url}/{address}")
        assert core, address
        assert all(url.startswith(f"{app_url}/_stcore/") for url in core), core
        assert shown == heading


def test_under_a_base_path_a_page_address_connects_straight_to_it(demo_db_template, tmp_path, browser):
    """Served under /kpi (server.baseUrlPath), /kpi/board connects at /kpi, not /kpi/board or the host's root."""
    db = tmp_path / "kpi.duckdb"
    shutil.copy(demo_db_template, db)
    proc, url = start_app(db, extra_env={"STREAMLIT_SERVER_BASE_URL_PATH": "kpi"})
    try:
        assert url.endswith("/kpi")
        core, shown = _server_asks(browser, f"{url}/board")
        assert core and all(u.startswith(f"{url}/_stcore/") for u in core), core
        assert shown == "Highlight report"
        core, shown = _server_asks(browser, url)  # the home page, which needs no help
        assert core and all(u.startswith(f"{url}/_stcore/") for u in core), core
        assert shown == "Performance overview"
    finally:
        stop_app(proc)
