"""Import DfE data page: an admin uploads the national files; a wrong file is refused plainly, nothing changed."""

from kpi.benchmark import benchmark
from tests.app.test_compare_page import HOME, MEASURE, _write_dictionary, _write_lait, _write_neighbours


def _files(tmp_path):
    lait, sn, dictionary = tmp_path / "lait.csv", tmp_path / "sn.csv", tmp_path / "dict.csv"
    _write_lait(lait)
    _write_neighbours(sn)
    _write_dictionary(dictionary)
    return lait.read_bytes(), sn.read_bytes(), dictionary.read_bytes()


def test_admin_imports_the_uploaded_files(app, tmp_path):
    from pages.ui import store

    lait, sn, dictionary = _files(tmp_path)
    app.switch_page("pages/import_dfe.py")
    at = app.run()
    assert not at.exception
    at.file_uploader[0].set_value(("lait.csv", lait, "text/csv"))
    at.file_uploader[1].set_value(("neighbours.csv", sn, "text/csv"))
    at.file_uploader[2].set_value(("dictionary.csv", dictionary, "text/csv"))
    at.text_input[0].input(HOME)
    at.button[0].click().run()
    assert not at.exception and not at.error
    figures = benchmark(store(), MEASURE, "2024", HOME)
    assert figures["sn_n"] == 9 and figures["rank"] is not None


def test_a_wrong_file_is_refused_and_nothing_changes(app, tmp_path):
    from pages.ui import store

    _, sn, _ = _files(tmp_path)
    app.switch_page("pages/import_dfe.py")
    at = app.run()
    version = store().data_version()
    at.file_uploader[0].set_value(("lait.csv", b"not,the,national,file\n1,2,3,4\n", "text/csv"))
    at.file_uploader[1].set_value(("neighbours.csv", sn, "text/csv"))
    at.button[0].click().run()
    assert "Nothing was changed" in at.error[0].value
    assert "kpi-dfe-" not in at.error[0].value  # no temporary paths reach the user
    assert store().data_version() == version
