"""The Compare page in a real browser on DfE's real national data (charts, rank, CSV download), and the
admin import page fed small hand-made files through its uploaders.

The real data is read in place from ../shared/data/dfe; that test skips when it is absent.
"""

import shutil
from pathlib import Path

import pytest

from tests.e2e.conftest import start_app, stop_app, wait_idle

DFE = Path(__file__).resolve().parents[2].parent / "shared/data/dfe"
LAIT = DFE / "lait/bds_long_0.parquet"
SN = DFE / "lait/sn_may_2025.xlsx"
DICTIONARY = DFE / "lait/lait_data_dictionary.csv"

needs_dfe = pytest.mark.skipif(
    not all(p.is_file() for p in (LAIT, SN, DICTIONARY)), reason=f"DfE's data is not beside the project ({DFE})"
)

LINK = "/compare?measure=KS2RWM_Expected_STD&year=2024&la=886"


@pytest.fixture(scope="module")
def dfe_url(demo_db_template, tmp_path_factory):
    """The dashboard on a demo copy with the real national file, neighbours and dictionary imported."""
    from kpi.dfe import import_dfe
    from kpi.store import Store

    db = tmp_path_factory.mktemp("e2e-dfe") / "kpi.duckdb"
    shutil.copy(demo_db_template, db)
    store = Store(db)
    try:
        import_dfe(store, LAIT, SN, DICTIONARY, home="886", user="test")
    finally:
        store.close()
    proc, url = start_app(db)
    yield url
    stop_app(proc)


@needs_dfe
def test_a_compare_link_shows_the_view_its_charts_and_downloads(dfe_url, page, tmp_path):
    page.goto(dfe_url + LINK)
    wait_idle(page)
    charts = page.locator("[data-testid='stVegaLiteChart']")
    charts.nth(2).wait_for(timeout=30000)
    assert charts.count() == 3
    for i in range(3):  # each chart has actually drawn, not just reserved its box
        charts.nth(i).locator("svg, canvas").first.wait_for(timeout=30000)
    assert "Kent" in charts.nth(0).inner_text() or charts.nth(0).locator("text", has_text="Kent").count()

    body = page.locator("[data-testid='stMain']").inner_text()
    assert "60th" in body and "of 151 LAs" in body  # Kent's KS2 RWM 2024 rank, as DfE's tool gives it
    assert "ranks 60th of 151 LAs" in body and "quartile band B" in body
    assert "year=2024" in page.url and "la=886" in page.url and "measure=KS2RWM_Expected_STD" in page.url

    button = page.get_by_role("button", name="Download CSV").first
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=30000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "compare_KS2RWM_Expected_STD_2024_886_neighbours.csv"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = saved.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "Area code,Area,Role,Value,National rank,Quartile band"
    assert "886,Kent,Selected LA,62.0,60,B" in text
    assert len(text.splitlines()) == 1 + 11 + 3  # Kent, 10 neighbours, then the comparators


def test_admin_imports_uploaded_files_and_the_temporary_copies_are_gone(demo_db_template, page, tmp_path):
    import tempfile

    from tests.app.test_compare_page import _write_dictionary, _write_lait, _write_neighbours

    db = tmp_path / "kpi.duckdb"
    shutil.copy(demo_db_template, db)
    lait, sn, dictionary = tmp_path / "lait.csv", tmp_path / "sn.csv", tmp_path / "dict.csv"
    _write_lait(lait)
    _write_neighbours(sn)
    _write_dictionary(dictionary)
    before = set(Path(tempfile.gettempdir()).glob("kpi-dfe-*"))
    proc, url = start_app(db)
    try:
        # Load the root first: until app.py has called st.navigation once in the server process,
        # Streamlit treats pages/ as an old-style pages folder and /import-dfe would not resolve.
        page.goto(url + "/")
        wait_idle(page)
        page.goto(url + "/import-dfe")
        wait_idle(page)
        inputs = page.locator("input[type='file']")
        inputs.nth(0).set_input_files(str(sn))  # wrong file in the LAIT box: a plain refusal
        inputs.nth(1).set_input_files(str(sn))
        page.get_by_role("textbox", name="Home authority: its DfE LA number").fill("806")
        page.get_by_role("button", name="Import").click()
        error = page.get_by_text("is not LAIT's long file")
        error.wait_for(timeout=30000)
        assert "Traceback" not in page.locator("[data-testid='stMain']").inner_text()
        assert "kpi-dfe-" not in error.inner_text()  # names the file, not the server's temporary folder

        inputs.nth(0).set_input_files(str(lait))
        inputs.nth(2).set_input_files(str(dictionary))
        wait_idle(page)
        page.get_by_role("button", name="Import").click()
        page.get_by_text("for 1 measure, 12 LAs").wait_for(timeout=30000)
        assert set(Path(tempfile.gettempdir()).glob("kpi-dfe-*")) == before

        page.get_by_role("link", name="Open the Compare page").click()
        wait_idle(page)
        page.get_by_text("It ranks 6th of 11 LAs").wait_for(timeout=30000)
    finally:
        stop_app(proc)
