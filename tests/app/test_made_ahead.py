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


def test_the_highlight_report_makes_the_pdf_its_button_gives(app, monkeypatch):
    """The page hands make_ahead the very call its PDF button makes: same cached function, same key."""
    asked = []
    monkeypatch.setattr(ahead, "make_ahead", lambda key, make: asked.append((key, make())) or True)
    app.switch_page("pages/board.py")
    at = app.run()
    assert not at.exception
    [(key, pdf)] = asked
    assert key[0] == "board pack" and key[3] == "kent-2013-14"  # the plan on the page
    assert pdf.startswith(b"%PDF-")
    from pages.ui import store

    assert key[2] == store().data_version() and key[4] is None  # this data version, the latest figures
