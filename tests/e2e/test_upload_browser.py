"""An officer uploads a return through the page, confirms the preview, and sees the new value on the overview."""

import re

from tests.conftest import tidy_workbook
from tests.e2e.conftest import download_from, wait_idle


def test_upload_confirm_and_see_it_on_the_overview(app_url, page, tmp_path):
    path = tmp_path / "ks2-2013.xlsx"
    path.write_bytes(tidy_workbook([["KS2-L4-EM", "2013", "actual", 82.4]]))
    page.goto(app_url + "/upload")
    wait_idle(page)
    page.locator("input[type='file']").set_input_files(str(path))
    page.get_by_text("New values", exact=True).first.wait_for(timeout=30000)
    wait_idle(page)
    page.get_by_role("button", name="Confirm and commit").click()
    page.get_by_text(re.compile(r"Committed as upload \d+")).wait_for(timeout=30000)
    page.goto(app_url + "/")
    wait_idle(page)
    tile = page.locator(".st-key-tile-KS2-L4-EM")
    tile.wait_for()
    text = tile.inner_text()
    assert "82.4%" in text and "2013" in text and "Green" in text


def test_the_template_is_made_when_its_button_is_pressed_and_loads_back(app_url, page, tmp_path):
    page.goto(app_url + "/upload")
    wait_idle(page)
    page.get_by_text("Get a return to fill in (template)").click()
    got = download_from(page, "Download the template")
    path = tmp_path / got.suggested_filename
    got.save_as(path)
    assert path.name == "return-template.xlsx"
    page.locator("input[type='file']").set_input_files(str(path))  # the officer's own template, untouched
    page.get_by_text("Nothing to change", exact=False).first.wait_for(timeout=60000)
