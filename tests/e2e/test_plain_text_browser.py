"""Every user-supplied string is shown as plain text: no address in a title, a commentary or the page's own
URL becomes a link (Streamlit's Markdown links bare addresses even when escaped), and Present's error box no
longer turns URL parameters into links."""

import io
import shutil
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from kpi.returns import load_return
from kpi.store import Store
from tests.conftest import tidy_workbook
from tests.e2e.conftest import start_app, stop_app, wait_idle

EVIL = "a[href*='evil.example']"
TITLE = "KS2 level 4: see https://evil.example/t, www.evil.example or ceo@evil.example"
COMMENTARY = "Just short.\n\n[Click here](https://evil.example/c) or https://evil.example/d\n\nwww.evil.example"


@pytest.fixture(scope="module")
def hostile_url(demo_db_template, tmp_path_factory):
    """The demo with an indicator title and a commentary full of addresses, loaded through a return."""
    db = tmp_path_factory.mktemp("plain") / "kpi.duckdb"
    shutil.copy(demo_db_template, db)
    book = load_workbook(
        io.BytesIO(
            tidy_workbook(
                [["KS2-L4-EM", "2013", "actual", 80.1]],
                indicators=[["KS2-L4-EM", TITLE, "P2", "higher", "%", "academic_year"]],
            )
        )
    )
    sheet = book.create_sheet("Commentary")
    sheet.append(["Indicator", "Period", "Commentary"])
    sheet.append(["KS2-L4-EM", "2013", COMMENTARY])
    out = io.BytesIO()
    book.save(out)
    result = load_return(Store(db), out.getvalue(), "hostile.xlsx", user="olivia")
    assert result.ok, [str(p) for p in result.problems]
    proc, url = start_app(db)
    yield url
    stop_app(proc)


@pytest.mark.parametrize(
    "query",
    [
        "plan=" + quote("[click me](https://evil.example/a)"),
        "plan=" + quote("https://evil.example/b"),
        "plan=" + quote("www.evil.example"),
        "plan=" + quote("ceo@evil.example"),
        "plan=kent-2013-14&order=" + quote("[x](https://evil.example/c),https://evil.example/d,P2"),
    ],
)
def test_present_shows_url_parameters_in_its_boxes_as_plain_text(hostile_url, page, query):
    page.goto(hostile_url + "/present?" + query)
    wait_idle(page)
    box = page.locator("[data-testid='stAlert']").first
    box.wait_for(timeout=30000)
    assert "evil.example" in box.inner_text()
    assert page.locator(EVIL).count() == 0


@pytest.mark.parametrize(
    "path",
    ["/overview", "/indicator?code=KS2-L4-EM", "/board?plan=kent-2013-14", "/present?plan=kent-2013-14&order=P2"],
)
def test_addresses_in_stored_text_are_not_links_on_any_page(hostile_url, page, path):
    page.goto(hostile_url + path)
    wait_idle(page)
    page.wait_for_timeout(500)
    assert "evil.example" in page.locator("[data-testid='stMain']").inner_text(), path
    assert page.locator(EVIL).count() == 0, path
