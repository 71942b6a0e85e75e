"""Overview page: RAG tiles grouped by priority, filters, and the demo notice."""

from tests.app.conftest import texts


def badges(at) -> list[str]:
    """RAG badges as rendered (st.badge is Markdown ':colour-badge[icon Word]')."""
    return [m.value for m in at.markdown if "-badge[" in m.value]


def test_tiles_grouped_by_priority_with_rag_words(app):
    at = app.run()
    assert not at.exception
    assert [s.value for s in at.subheader][:3] == [
        "Key stage 1 attainment",
        "Key stage 2 attainment",
        "Key stage 4 attainment",
    ]
    shown = texts(at)
    assert "demo data" in shown
    assert "77.5%</span>" in shown and "### 77.5%" not in shown  # the value is large text, not a heading
    assert "Target 74.0% · 3.5 pp above target" in shown  # KS2: higher is better
    assert "Target 31.7 pp · 1.2 pp over target" in shown  # FSM gap at GCSE: lower is better
    assert "Target 10 · 9 over target" in shown  # schools in a category: a count, lower is better
    assert "Amber band 4 pp (this indicator's own; the default is 2 pp)" in shown
    assert "Next target 77.0% in 2013" in shown  # KS1 reading has no 2012 target
    links = [link.label for link in at.get("page_link")]
    assert "Open trend: Pupils achieving level 4+ in English and maths at KS2" in links
    labels = " ".join(badges(at))
    assert ":green-badge[✔ Green]" in labels and ":orange-badge[▲ Amber]" in labels and ":red-badge[✖ Red]" in labels


def test_rag_filter_keeps_only_red_tiles_and_goes_in_the_url(app):
    at = app.run()
    at.multiselect[0].set_value(["red"]).run()
    labels = badges(at)
    assert labels and all("Red" in label for label in labels)
    assert len(labels) == 2
    assert at.query_params["rag"] in ("red", ["red"])


def test_priority_filter_from_the_url(app):
    app.query_params["priority"] = "Narrowing achievement gaps"
    at = app.run()
    assert [s.value for s in at.subheader] == ["Narrowing achievement gaps"]


def test_first_start_without_a_database_builds_the_demo(tmp_path, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    db = tmp_path / "fresh" / "kpi.duckdb"
    monkeypatch.setenv("KPI_DB", str(db))
    monkeypatch.chdir(ROOT)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception
    assert db.exists()
    assert "demo data" in texts(at)
    assert len(badges(at)) == 21  # Kent's plan, shown first
    st.cache_resource.clear()
