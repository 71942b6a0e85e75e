"""The Highlight report makes its PDF ahead of the press, on its own thread, once per key (pages/ui/ahead.py)."""

import threading

import pytest

import pages.ui.ahead as ahead


@pytest.fixture
def served(monkeypatch):
    """As under `streamlit run`, whose start turns making ahead on (AppTest never does)."""
    monkeypatch.setitem(ahead._SERVER, "on", True)


def test_nothing_is_made_ahead_without_a_server(app):
    app.switch_page("pages/board.py")
    at = app.run()
    assert not at.exception
    assert not [t.name for t in threading.enumerate() if t.name.startswith("ahead-")]
    made = []
    assert ahead.make_ahead(("k",), lambda: made.append(1)) is False
    assert made == []


def test_one_making_per_key_at_a_time_and_the_key_is_free_again_after(served):
    release, started, made = threading.Event(), threading.Event(), []

    def slow():
        started.set()
        release.wait(10)
        made.append("pack")

    assert ahead.make_ahead(("pack", 1), slow) is True
    assert started.wait(10)
    assert ahead.make_ahead(("pack", 1), slow) is False  # the same file is being made
    assert ahead.make_ahead(("pack", 2), lambda: made.append("other")) is True  # another key is not held up
    release.set()
    for thread in threading.enumerate():
        if thread.name.startswith("ahead-"):
            thread.join(10)
    assert sorted(made) == ["other", "pack"]
    assert ahead.make_ahead(("pack", 1), lambda: made.append("again")) is True


def test_a_failure_is_logged_without_its_message_and_frees_the_key(served, caplog):
    def broken():
        raise ValueError("C:\\secret\\path.duckdb is unreadable")

    with caplog.at_level("WARNING", logger=ahead.__name__):
        assert ahead.make_ahead(("board pack", 9), broken) is True
        for thread in threading.enumerate():
            if thread.name.startswith("ahead-"):
                thread.join(10)
    assert "making board pack ahead failed: ValueError" in caplog.text and "secret" not in caplog.text
    assert ahead.make_ahead(("board pack", 9), lambda: None) is True


def test_the_pdf_made_ahead_is_the_one_the_button_gives_without_making_it_again(app, monkeypatch, served):
    """The page's early making and its PDF button call the same cached function with the same key: one PDF
    is written, on the ahead thread, and the press (the button's callable) returns it; choosing another
    PowerPoint layout does not make the PDF again."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    import kpi.reports.pdf as pdf_module

    written, buttons = [], {}
    real_write, real_add = pdf_module.write_pdf, MediaFileManager.add_deferred
    monkeypatch.setattr(
        pdf_module, "write_pdf", lambda pack: written.append(threading.current_thread().name) or real_write(pack)
    )

    def add_deferred(self, make, mimetype, *args, **kwargs):
        buttons[mimetype] = make
        return real_add(self, make, mimetype, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)

    def settle():
        for thread in threading.enumerate():
            if thread.name.startswith("ahead-"):
                thread.join(120)

    app.switch_page("pages/board.py")
    at = app.run()
    assert not at.exception
    settle()
    assert written == ["ahead-board pack"]
    pdf = buttons["application/pdf"]()  # the press
    assert pdf.startswith(b"%PDF-") and written == ["ahead-board pack"]
    slides = next(box for box in at.selectbox if box.label == "PowerPoint slides")
    slides.set_value("indicator").run()
    settle()
    assert buttons["application/pdf"]() == pdf and written == ["ahead-board pack"]


def test_the_server_turns_making_ahead_on_at_its_start_and_loads_the_pack_s_libraries():
    """app.py imported as the server imports it (a module, not a page run) switches it on."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    probe = "; ".join(
        [
            "import importlib, sys, threading, pages.ui.ahead as a",
            "b = a._SERVER['on']",
            "importlib.import_module('app')",
            "warm = [t for t in threading.enumerate() if t.name == 'ahead-warm up']",
            "[t.join(120) for t in warm]",
            "print(b, a._SERVER['on'], len(warm), 'weasyprint' in sys.modules, 'vl_convert' in sys.modules)",
        ]
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    # switched on, and the board pack's libraries loaded on a thread of their own (the first press is not slower)
    assert out.stdout.split()[-5:] == ["False", "True", "1", "True", "True"]
