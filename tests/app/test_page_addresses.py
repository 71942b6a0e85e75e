"""The HTML served at a page's own address: Streamlit's index.html, told where the server's root is."""

from pathlib import Path

from streamlit import file_util

from pages.ui.page_addresses import ROOT_HINT, index_html, page_routes


def test_the_root_is_named_before_streamlits_own_scripts_and_nothing_else_changes():
    original = (Path(file_util.get_static_dir()) / "index.html").read_text(encoding="utf-8")
    served = index_html()
    assert served.replace(ROOT_HINT, "", 1) == original
    assert served.index(ROOT_HINT) < served.index('<script type="module"')
    assert "BACKEND_BASE_URL" in ROOT_HINT  # the setting Streamlit's browser code reads


def test_a_route_for_each_page_under_the_base_path():
    assert [r.path for r in page_routes(["board", "indicator"])] == ["/board", "/indicator"]
    assert [r.path for r in page_routes(["board"], "/kpi/")] == ["/kpi/board"]
    assert all(r.methods >= {"GET", "HEAD"} for r in page_routes(["board"]))
